"""Background work for the UI: one helper for short operations, one writer for the member's annotations
and one for imports.

- :class:`AnnotationWriter` performs every annotation write (note autosave, tags, position, highlights,
  the notes export) on one thread, in order, on its **own connection** to the store: while an import in
  the other process holds SQLite's write lock, the writer waits on its connection and the UI thread keeps
  reading on the main one (a write waiting on a shared connection would hold that connection's mutex and
  stall every read on the UI thread). A newer save of the same note replaces one still waiting, so only
  the latest text is written.
- :func:`run_op` runs a function on a thread pool and delivers its result or exception on the UI thread
  (Anki's ``QueryOp`` pattern). The function must not touch widgets. A :class:`~botkyrka_nämnd.errors.UserError`
  goes to ``on_failure`` (or a plain message box); anything else is a bug and goes to ``sys.excepthook``
  (the crash dialog).
- :class:`ImportJob` runs the core import (files or the demo data; the job itself and its report are Qt-free,
  in :mod:`botkyrka_nämnd.services.import_job`) in a separate **process**
  (multiprocessing, spawn). The parser is CPU-bound Python: in a thread it holds the GIL in long stretches
  and the UI thread stalls (bench/heartbeat_import.py measures both; see its output in the report). The
  child opens its own store connection on the same data dir; progress and the outcome come back over a
  queue, cancel is an event the core checks between steps (one transaction per file, so a cancel leaves
  earlier data as it was).
"""

from __future__ import annotations

import multiprocessing
import queue as _queue
import sqlite3
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from typing import Any, cast

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal

from .. import log
from ..errors import StoreError, UserError
from ..services.import_job import ImportReport, report_from_message, run_import_job

_log = log.get("ui")


# --------------------------------------------------------------------------------------- short ops
class _Relay(QObject):
    done = Signal(int, bool, object)  # op id, ok, result or exception


class _Task(QRunnable):
    def __init__(self, op_id: int, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.op_id, self.fn, self.relay = op_id, fn, relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # delivered to the UI thread (with its __traceback__)
            self.relay.done.emit(self.op_id, False, exc)
            return
        self.relay.done.emit(self.op_id, True, result)


class OpRunner(QObject):
    """Runs callables off the UI thread; callbacks run on the UI thread."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._callbacks: dict[int, tuple] = {}
        self._next = 0

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> int:
        self._next += 1
        self._callbacks[self._next] = (on_success, on_failure)
        self.pool.start(_Task(self._next, fn, self._relay))
        return self._next

    @property
    def busy(self) -> int:
        return len(self._callbacks)

    def wait(self, ms: int = 30000) -> bool:
        return self.pool.waitForDone(ms)

    def _deliver(self, op_id: int, ok: bool, payload: object) -> None:
        on_success, on_failure = self._callbacks.pop(op_id, (None, None))
        if ok:
            if on_success:
                on_success(payload)
            return
        from ..errors import UserError

        if isinstance(payload, UserError) and on_failure is not None:
            on_failure(payload)
        elif isinstance(payload, UserError):
            from .dialogs.messages import show_user_error

            show_user_error(None, payload)
        elif on_failure is not None and not isinstance(payload, Exception):
            on_failure(payload)
        else:
            exc = cast(BaseException, payload)  # not ok: the callable raised it
            sys.excepthook(type(exc), exc, exc.__traceback__)


# --------------------------------------------------------------------------------------- annotation writes
class StoreBusy(StoreError):
    """The store stayed locked by another writer (an import) for longer than the writer waits."""

    code = "store_busy"


BUSY_ATTEMPTS = 3  # each attempt waits busy_timeout (5 s) for the write lock


@dataclass
class _Job:
    job_id: int
    key: object
    fn: Callable[[Any], Any]


class AnnotationWriter(QObject):
    """One thread, its own store connection, jobs in order; pending jobs with the same key coalesce.

    ``submit(key, fn, on_done, on_fail)``: ``fn(ctx)`` runs on the writer thread with the writer's own
    ``AppContext`` (same data dir); a job that needs the vault uses the main context it closed over.
    Callbacks run on the UI thread. ``on_fail`` receives every failure; one that is not a
    :class:`~botkyrka_nämnd.errors.UserError` also goes to ``sys.excepthook`` (it is a bug)."""

    _delivered = Signal(int, bool, object)

    def __init__(self, data_dir, parent: QObject | None = None, *, context_factory: Callable[[], Any] | None = None):
        super().__init__(parent)
        self.data_dir = str(data_dir)
        self._factory = context_factory or self._default_context
        self._cond = threading.Condition()
        self._queue: OrderedDict[object, _Job] = OrderedDict()
        self._callbacks: dict[int, tuple] = {}
        self._running: _Job | None = None
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._next = 0
        self.ctx = None  # the writer's context (created on its thread)
        self._delivered.connect(self._deliver)

    def _default_context(self):
        from ..services.context import AppContext

        ctx = AppContext(self.data_dir)
        ctx.open()  # open the store now, on this thread
        return ctx

    # -- queue -------------------------------------------------------------------------------------
    def submit(
        self,
        key,
        fn: Callable[[Any], Any],
        on_done: Callable[[Any], None] | None = None,
        on_fail: Callable[[BaseException], None] | None = None,
    ) -> int:
        self._next += 1
        job = _Job(self._next, key if key is not None else ("job", self._next), fn)
        self._callbacks[job.job_id] = (on_done, on_fail)
        with self._cond:
            old = self._queue.get(job.key)
            if old is not None:
                self._callbacks.pop(old.job_id, None)  # superseded before it ran
            self._queue[job.key] = job
            if self._thread is None or not self._thread.is_alive():
                self._stopping = False
                self._thread = threading.Thread(target=self._run, name="botkyrka-annotations", daemon=True)
                self._thread.start()
            self._cond.notify_all()
        return job.job_id

    def cancel(self, predicate: Callable[[object], bool]) -> int:
        """Drop waiting jobs whose key matches (their callbacks never run). Returns how many."""
        with self._cond:
            keys = [k for k in self._queue if predicate(k)]
            for k in keys:
                self._callbacks.pop(self._queue.pop(k).job_id, None)
        return len(keys)

    def pending(self, key) -> bool:
        with self._cond:
            return key in self._queue or (self._running is not None and self._running.key == key)

    @property
    def idle(self) -> bool:
        with self._cond:
            return not self._queue and self._running is None

    def wait(self, ms: int = 30000) -> bool:
        """Block until every submitted job has run (shutdown, tests). Callbacks follow on the event loop."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._queue and self._running is None, ms / 1000)

    def wait_running(self, predicate: Callable[[object], bool], ms: int = 5000) -> bool:
        """Block until the job running now is not one whose key matches (the lock waits for a secret
        note being written, so its own save of the newest text lands last)."""
        with self._cond:
            return self._cond.wait_for(lambda: self._running is None or not predicate(self._running.key), ms / 1000)

    def stop(self, ms: int = 10000) -> bool:
        done = self.wait(ms)
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(ms / 1000)
        return done

    # -- the thread --------------------------------------------------------------------------------
    def _run(self) -> None:
        ctx_error: BaseException | None = None
        try:
            while True:
                with self._cond:
                    self._cond.wait_for(lambda: self._queue or self._stopping)
                    if not self._queue:
                        return
                    _key, job = self._queue.popitem(last=False)
                    self._running = job
                try:
                    if self.ctx is None and ctx_error is None:
                        try:
                            self.ctx = self._factory()
                        except BaseException as exc:  # e.g. a damaged store: every job reports it
                            ctx_error = exc
                    if ctx_error is not None:
                        raise ctx_error
                    result = self._attempt(job)
                except BaseException as exc:
                    self._delivered.emit(job.job_id, False, exc)
                else:
                    self._delivered.emit(job.job_id, True, result)
                finally:
                    with self._cond:
                        self._running = None
                        self._cond.notify_all()
        finally:
            ctx, self.ctx = self.ctx, None
            if ctx is not None:
                try:
                    ctx.close()
                except Exception as exc:
                    _log.warning("annotation writer close failed: %s", type(exc).__name__)

    def _attempt(self, job: _Job):
        for attempt in range(BUSY_ATTEMPTS):
            try:
                return job.fn(self.ctx)
            except sqlite3.OperationalError as exc:
                text = str(exc).lower()
                if "locked" not in text and "busy" not in text:
                    raise
                _log.info("store busy; annotation save retried (%d)", attempt + 1)
                time.sleep(0.2)
        raise StoreBusy(
            "Databasen är upptagen av en import just nu. Anteckningen sparas så snart den är klar.",
            "The database is busy with an import right now. The note is saved as soon as it has finished.",
        )

    def _deliver(self, job_id: int, ok: bool, payload: object) -> None:
        on_done, on_fail = self._callbacks.pop(job_id, (None, None))
        if ok:
            if on_done is not None:
                on_done(payload)
            return
        if on_fail is not None:
            on_fail(payload)
        if isinstance(payload, UserError):
            if on_fail is None:
                from .dialogs.messages import show_user_error

                show_user_error(None, payload)
        elif isinstance(payload, Exception):
            sys.excepthook(type(payload), payload, payload.__traceback__)


# --------------------------------------------------------------------------------------- imports
class _Pump(QThread):
    """Forwards messages from the job's queue to the UI thread as signals."""

    message = Signal(str, object)

    def __init__(self, q, is_alive: Callable[[], bool], join: Callable[[float], None], parent=None):
        super().__init__(parent)
        self.q, self.is_alive, self.join = q, is_alive, join

    def run(self) -> None:
        dead_polls = 0
        while True:
            try:
                kind, *payload = self.q.get(timeout=0.1)
            except _queue.Empty:
                if not self.is_alive():
                    dead_polls += 1
                    if dead_polls > 5:  # gone without a word (killed, crashed hard)
                        self.message.emit("crash", {"type": "WorkerDied", "traceback": ""})
                        return
                continue
            except (EOFError, OSError):
                self.message.emit("crash", {"type": "WorkerDied", "traceback": ""})
                return
            if kind in ("done", "error", "crash"):
                self.join(30.0)  # the worker commits and closes its store first; never wait on the UI thread
                self.message.emit(kind, payload[0])
                return
            self.message.emit(kind, tuple(payload))


class ImportJob(QObject):
    """One background import. ``mode`` 'process' (default) or 'thread' (kept for the benchmark)."""

    progress = Signal(str, float)  # message (Swedish, from the core), fraction 0..1
    finished = Signal(object)  # ImportReport

    def __init__(
        self,
        data_dir: str,
        paths: list[str] | None = None,
        *,
        demo: bool = False,
        mode: str = "process",
        hints: dict | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.data_dir, self.paths, self.demo, self.mode = str(data_dir), [str(p) for p in (paths or [])], demo, mode
        self.hints = dict(hints) if hints else None  # the member's body/date/kommun from the import review
        self.report: ImportReport | None = None
        self._proc: BaseProcess | None = None
        self._thread: threading.Thread | None = None
        self._pump: _Pump | None = None
        # a process's queue and event, or a thread's: the job only puts, gets, sets and tests them
        self._queue: Any
        self._cancel: Any
        if mode == "process":
            mp = multiprocessing.get_context("spawn")
            self._queue = mp.Queue()
            self._cancel = mp.Event()
        else:
            self._queue = _queue.Queue()
            self._cancel = threading.Event()

    @property
    def running(self) -> bool:
        return self._pump is not None and self.report is None

    def start(self) -> None:
        args = (self.data_dir, "demo" if self.demo else "paths", self.paths, self._queue, self._cancel, self.hints)
        if self.mode == "process":
            mp = multiprocessing.get_context("spawn")
            proc = mp.Process(target=run_import_job, args=args, name="botkyrka-import", daemon=True)
            self._proc = proc
            proc.start()
            alive, join = proc.is_alive, proc.join
        else:
            self._thread = threading.Thread(target=run_import_job, args=args, name="botkyrka-import", daemon=True)
            self._thread.start()
            alive, join = self._thread.is_alive, self._thread.join
        self._pump = _Pump(self._queue, alive, join, self)
        self._pump.message.connect(self._on_message)
        self._pump.start()
        _log.info("import job started (%s, %d files%s)", self.mode, len(self.paths), ", demo" if self.demo else "")

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, ms: int = 60000) -> bool:
        """Block until the job ended (tests and shutdown only)."""
        if self._pump is not None and not self._pump.wait(ms):
            return False
        if self._proc is not None:
            self._proc.join(ms / 1000)
        return True

    def kill(self) -> None:
        """Shutdown: stop the worker (its open transaction is rolled back by SQLite)."""
        self._cancel.set()
        if self._proc is not None and self._proc.is_alive():
            self._proc.join(2.0)
            if self._proc.is_alive():
                self._proc.terminate()
                self._proc.join(2.0)
        if self._pump is not None:
            self._pump.wait(3000)

    def _on_message(self, kind: str, payload: object) -> None:
        if kind == "progress":
            msg, frac = cast(tuple[str, float], payload)
            self.progress.emit(msg, frac)
            return
        if kind not in ("done", "error"):
            _log.error("import worker failed: %s", cast(dict[str, Any], payload).get("type"))
        rep = report_from_message(kind, payload)
        self.report = rep
        if self._pump is not None:
            self._pump.wait(1000)  # the pump returns right after emitting
        self.finished.emit(rep)
