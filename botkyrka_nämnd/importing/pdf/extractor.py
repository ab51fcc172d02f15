"""The parent side of PDF text extraction: :class:`PdfTextExtractor`, a pool of sandboxed workers.

Workers (:mod:`.worker`) are persistent and pooled: starting an interpreter and importing pypdfium2 costs
~110 ms, more than extracting a 50-page kallelse. Long documents are split into page ranges over two workers
when the machine has spare CPUs. Workers are recycled after ``MAX_JOBS`` jobs and stopped after
``idle_timeout`` seconds idle; :func:`prewarm` starts the shared pool ahead of the first import. A worker is
killed on a wall-clock timeout (30 s by default), on cancel, or when it misbehaves; the parent validates
what it gets back, and a worker in an unknown state is never reused.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from . import worker
from .protocol import _WORKER_FLAG, CPU_SECONDS, MAX_JOBS, MEMORY_LIMIT, TIMEOUT, _recv, _send


def worker_command() -> list[str]:
    """The command line of a worker. A frozen build must dispatch ``--pdf-text-worker`` to
    :func:`run_worker_if_requested` first thing in its entry point."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--pdf-text-worker"]
    return [sys.executable, "-I", "-X", "utf8", os.path.abspath(worker.__file__), _WORKER_FLAG]


def run_worker_if_requested(argv: list[str] | None = None) -> None:
    """For frozen builds: call at the very start of ``main``; never returns when asked to be a worker."""
    argv = sys.argv if argv is None else argv
    if "--pdf-text-worker" in argv:
        sys.exit(worker._worker_main())


class _Worker:
    """One worker process and the thread that reads its replies."""

    def __init__(self, memory: int, command: list[str] | None = None):
        import queue

        flags = 0
        if sys.platform == "win32":  # pragma: no cover
            flags = subprocess.CREATE_NO_WINDOW
        self.proc = subprocess.Popen(
            [*(command or worker_command()), f"--memory={memory}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            creationflags=flags,
            env=_worker_env(),
        )
        self.replies: queue.Queue = queue.Queue()
        self.jobs = 0
        self.ready = False
        self.dumpable: bool | None = None  # as the worker reported it when ready
        self._reader = threading.Thread(target=self._read_loop, name="pdftext-reader", daemon=True)
        self._reader.start()

    def _read_loop(self) -> None:
        stream = self.proc.stdout
        try:
            while True:
                header, payload = _recv(stream)
                if payload:
                    header["_payload"] = payload
                self.replies.put(header)
        except Exception as e:  # EOF (exit/kill) or a malformed frame
            self.replies.put({"ok": False, "error": "died", "detail": type(e).__name__})

    def alive(self) -> bool:
        return self.proc.poll() is None

    def send(self, header: dict, payload: bytes = b"") -> None:
        _send(self.proc.stdin, header, payload)

    def kill(self) -> None:
        try:
            self.proc.kill()
        except OSError:
            pass
        for s in (self.proc.stdin, self.proc.stdout):
            try:
                if s is not None:  # never: both are pipes
                    s.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover
            pass

    def close(self) -> None:
        try:
            self.send({"op": "quit"})
            self.proc.wait(timeout=2)
        except Exception:
            pass
        self.kill()


def _worker_env() -> dict:
    env = {
        k: v for k, v in os.environ.items() if k in ("PATH", "SYSTEMROOT", "TMPDIR", "TEMP", "TMP", "LANG", "LC_ALL")
    }
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


class _Cancelled(Exception):
    pass


class _Timeout(Exception):
    pass


class PdfTextExtractor:
    """A small pool of persistent extraction workers. Thread-safe; one document at a time."""

    def __init__(
        self,
        workers: int | None = None,
        *,
        memory: int = MEMORY_LIMIT,
        idle_timeout: float = 300.0,
        command: list[str] | None = None,
    ):
        """``command``: the workers' command line (default :func:`worker_command`); tests start a worker
        that misbehaves on purpose this way."""
        self.size = max(1, min(2, os.cpu_count() or 1) if workers is None else workers)
        self.memory = memory
        self.command = command
        self.idle_timeout = idle_timeout
        self._workers: list[_Worker | None] = [None] * self.size
        self._lock = threading.Lock()
        self._idle_timer: threading.Timer | None = None

    # -- lifecycle
    def _get(self, i: int) -> _Worker:
        w = self._workers[i]
        if w is None or not w.alive() or w.jobs >= MAX_JOBS:
            if w is not None:
                w.kill()
            w = self._workers[i] = _Worker(self.memory, self.command)
        return w

    def prewarm(self, wait: bool = False, timeout: float = 10.0) -> None:
        """Start the workers now (e.g. at program start) so the first import does not pay for it."""
        with self._lock:
            ws = [self._get(i) for i in range(self.size)]
            if wait:
                for w in ws:
                    self._await_ready(w, None, time.monotonic() + timeout)
            self._arm_idle()

    def shutdown(self) -> None:
        with self._lock:
            if self._idle_timer:
                self._idle_timer.cancel()
                self._idle_timer = None
            for i, w in enumerate(self._workers):
                if w is not None:
                    w.close()
                    self._workers[i] = None

    def _kill_all(self) -> None:
        for i, w in enumerate(self._workers):
            if w is not None:
                w.kill()
                self._workers[i] = None

    def _arm_idle(self) -> None:
        if self._idle_timer:
            self._idle_timer.cancel()
        if self.idle_timeout and self.idle_timeout > 0:
            self._idle_timer = threading.Timer(self.idle_timeout, self._on_idle)
            self._idle_timer.daemon = True
            self._idle_timer.start()

    def _on_idle(self) -> None:
        if self._lock.acquire(blocking=False):
            try:
                for i, w in enumerate(self._workers):
                    if w is not None:
                        w.close()
                        self._workers[i] = None
            finally:
                self._lock.release()

    def worker_pids(self) -> list[int]:
        return [w.proc.pid for w in self._workers if w is not None and w.alive()]

    def worker_dumpable(self) -> list[bool | None]:
        """What each ready worker reported of itself (False on Linux: no other process may read its memory)."""
        return [w.dumpable for w in self._workers if w is not None and w.alive() and w.ready]

    # -- waiting
    @staticmethod
    def _wait(w: _Worker, cancel, deadline: float) -> dict:
        import queue

        while True:
            if cancel is not None and cancel.is_set():
                raise _Cancelled
            left = deadline - time.monotonic()
            if left <= 0:
                raise _Timeout
            try:
                return w.replies.get(timeout=min(0.05, left))
            except queue.Empty:
                continue

    def _await_ready(self, w: _Worker, cancel, deadline: float) -> None:
        if not w.ready:
            msg = self._wait(w, cancel, deadline)
            if not msg.get("ready"):
                raise _WorkerDied(msg)
            w.ready = True
            w.dumpable = msg.get("dumpable")

    # -- the job
    def extract_raw(
        self, data: bytes, *, cancel=None, timeout: float = TIMEOUT, cpu: int = CPU_SECONDS
    ) -> tuple[int, list]:
        """Run the workers on ``data``; returns (page count, [[width, height, lines], ...]).

        Raises ``_WorkerError`` (with the worker's reason), ``_WorkerDied``, ``_Timeout``, ``_Cancelled``.
        """
        deadline = time.monotonic() + timeout
        if not self._lock.acquire(timeout=max(timeout, 0.01)):
            raise _Timeout
        try:
            parts = self.size if len(data) > 64 * 1024 and _spare_cpus() >= 0.5 else 1
            workers = [self._get(i) for i in range(parts)]
            try:
                for w in workers:
                    self._await_ready(w, cancel, deadline)
                errors: list[BaseException] = []

                def feed(w: _Worker, k: int) -> None:
                    try:
                        w.send({"op": "extract", "part": k, "parts": parts, "cpu": cpu}, data)
                    except (OSError, ValueError) as e:  # the worker died while we were writing
                        errors.append(e)

                feeders = [threading.Thread(target=feed, args=(w, k), daemon=True) for k, w in enumerate(workers)]
                for t in feeders:
                    t.start()
                replies = []
                for w in workers:
                    r = self._wait(w, cancel, deadline)
                    w.jobs += 1
                    replies.append(r)
                for t in feeders:
                    t.join(timeout=max(0.0, deadline - time.monotonic()))
            except BaseException:
                self._kill_all()  # a worker in an unknown state is never reused
                raise
            pages: list = []
            count = None
            for r in replies:
                if not isinstance(r, dict) or not r.get("ok"):
                    self._kill_all()
                    if isinstance(r, dict) and r.get("error") == "died":
                        raise _WorkerDied(r)
                    raise _WorkerError(r if isinstance(r, dict) else {"error": "protocol"})
                n = r.get("page_count")
                if count is not None and n != count:
                    raise _WorkerError({"error": "protocol"})
                count = n
                pages.extend(r.get("pages") or [])
            if not isinstance(count, int) or len(pages) != count:
                self._kill_all()
                raise _WorkerError({"error": "protocol"})
            return count, pages
        finally:
            self._arm_idle()
            self._lock.release()

    def rebuild_raw(
        self,
        data: bytes,
        replace: dict[int, int],
        placeholder: bytes = b"",
        *,
        cancel=None,
        timeout: float = TIMEOUT,
        cpu: int = CPU_SECONDS,
    ) -> bytes:
        """One worker rebuilds ``data`` (see :func:`_rebuild`); raises like :meth:`extract_raw`."""
        deadline = time.monotonic() + timeout
        if not self._lock.acquire(timeout=max(timeout, 0.01)):
            raise _Timeout
        try:
            w = self._get(0)
            try:
                self._await_ready(w, cancel, deadline)
                w.send(
                    {
                        "op": "rebuild",
                        "split": len(data),
                        "replace": {str(k): v for k, v in replace.items()},
                        "cpu": cpu,
                    },
                    data + placeholder,
                )
                r = self._wait(w, cancel, deadline)
                w.jobs += 1
            except BaseException:
                self._kill_all()
                raise
            if not isinstance(r, dict) or not r.get("ok"):
                self._kill_all()
                if isinstance(r, dict) and r.get("error") == "died":
                    raise _WorkerDied(r)
                raise _WorkerError(r if isinstance(r, dict) else {"error": "protocol"})
            copy = r.get("_payload") or b""
            if len(copy) != r.get("size") or not copy.startswith(b"%PDF-"):
                self._kill_all()
                raise _WorkerError({"error": "protocol"})
            return copy
        finally:
            self._arm_idle()
            self._lock.release()


def _spare_cpus() -> float:
    """CPUs not busy (by the 1-minute load average): splitting a document over workers only pays off
    when they can really run in parallel; on a loaded machine it costs more than it saves (bench/import.py)."""
    try:
        return (os.cpu_count() or 1) - os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows
        return float(os.cpu_count() or 1)


class _WorkerError(Exception):
    def __init__(self, reply: dict):
        super().__init__(reply.get("error"))
        self.reply = reply


class _WorkerDied(_WorkerError):
    pass


_default: PdfTextExtractor | None = None
_default_lock = threading.Lock()


def default_extractor() -> PdfTextExtractor:
    global _default
    with _default_lock:
        if _default is None:
            import atexit

            _default = PdfTextExtractor()
            atexit.register(_default.shutdown)
        return _default


def prewarm() -> None:
    """Start the shared workers in the background (call at program start; cheap if already running)."""
    threading.Thread(target=default_extractor().prewarm, name="pdftext-prewarm", daemon=True).start()


def shutdown() -> None:
    if _default is not None:
        _default.shutdown()
