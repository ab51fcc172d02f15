"""PDF text extraction in a sandboxed worker process, and page-layout clean-up.

Why a worker: PDFium is C++ parsing hostile input. A crafted file may crash it, loop forever or allocate
without bound; none of that may take the program down. The worker

- is a separate interpreter started as ``python -I <this file> --worker`` (no package imports, no
  ``PYTHON*`` environment, no current directory on ``sys.path``);
- limits itself before it reads any input: address space (RLIMIT_AS, 512 MiB), no core dumps, no file
  writes; and before each job RLIMIT_CPU (the job's CPU seconds on top of what it has used);
- is killed by the parent on a wall-clock timeout (30 s by default), on cancel, or when it misbehaves;
- talks only JSON over pipes (never pickle), and the parent validates what it gets back.

Workers are persistent and pooled (``PdfTextExtractor``): starting an interpreter and importing pypdfium2
costs ~110 ms, more than extracting a 50-page kallelse. Long documents are split into page ranges over
two workers when the machine has spare CPUs. Workers are recycled after ``MAX_JOBS`` jobs and stopped after
``idle_timeout`` seconds idle; :func:`prewarm` starts them ahead of the first import.

What the parent builds from the per-line geometry the worker returns (``assemble``):

- repeated page margins (lines at the top/bottom of most pages, equal after masking digits, e.g.
  ``Botkyrka kommun · Socialnämnden · 2024-09-24`` or ``Sida 3 av 49``) are removed from the text and
  returned as ``artifacts``;
- a wide horizontal gap inside a line becomes ``\\t`` (agenda ``1.<tab>Title<tab>SN/2024:00005``), and a
  line indented well beyond the left margin starts with ``\\t``;
- a vertical gap larger than the line pitch becomes blank lines (one per missing line), so paragraphs are
  separated by blank lines as in the text exports;
- lines that were wrapped only because the page was too narrow are joined again (a "soft" line break:
  the next line's first word would not have fitted), also inside a table column such as an agenda title;
  a line ending in ``-`` is never joined, hyphenation is left to the parser's rule (SEEDS.md §4.2);
- PDFium's own end-of-line hyphen join (``\\ufffe``) keeps the hyphen after an acronym (``LVU-vården``)
  and drops it otherwise (``kom-munen`` -> ``kommunen``); soft hyphens and control characters are removed.

``text`` is the pages joined with ``\\n``; ``line_pages[i]`` is the 1-based page of line ``i + 1``.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import struct
import subprocess
import sys
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from statistics import median

# ----------------------------------------------------------------------------------------------------
# Limits and protocol (shared by both sides; stdlib only above this line so the worker starts fast)

MEMORY_LIMIT = 512 * 2**20  # RLIMIT_AS of a worker: a Flate bomb stops here (a 151-page kallelse needs ~120 MiB)
CPU_SECONDS = 30  # RLIMIT_CPU per job (on top of what the worker has used)
TIMEOUT = 30.0  # wall-clock seconds per document
MAX_JOBS = 200  # a worker is replaced after this many jobs
MIN_PAGES_PER_PART = 12  # a document is split over workers only if each gets at least this many pages
NO_TEXT_MIN_CHARS = 20  # fewer non-space characters over all pages -> no text layer (scanned)
MAX_REPLY = 512 * 2**20  # refuse absurd replies from a (possibly compromised) worker

_HEAD = struct.Struct(">IQ")  # JSON length, payload length
_WORKER_FLAG = "--worker"


def _send(stream, header: dict, payload: bytes = b"") -> None:
    js = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    stream.write(_HEAD.pack(len(js), len(payload)))
    stream.write(js)
    if payload:
        stream.write(payload)
    stream.flush()


def _read_exact(stream, n: int) -> bytes:
    chunks = []
    while n > 0:
        b = stream.read(n)
        if not b:
            raise EOFError
        chunks.append(b)
        n -= len(b)
    return b"".join(chunks)


def _recv(stream, limit: int = MAX_REPLY) -> tuple[dict, bytes]:
    jl, pl = _HEAD.unpack(_read_exact(stream, _HEAD.size))
    if jl > limit or pl > 2**40:
        raise ValueError("frame too large")
    header = json.loads(_read_exact(stream, jl).decode("utf-8", "replace"))
    payload = _read_exact(stream, pl) if pl else b""
    return header, payload


# ----------------------------------------------------------------------------------------------------
# Worker side


def _set_limits(memory: int) -> None:
    if sys.platform.startswith("linux"):  # the worker holds document text: not dumpable, like the program
        try:
            import ctypes

            ctypes.CDLL("libc.so.6").prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0
        except OSError:
            pass
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the wall-clock timeout still applies
        return
    # soft = hard, so the process cannot raise them again; the CPU limit's hard cap covers a worker's life
    # (MAX_JOBS jobs), its soft limit is moved forward per job by _limit_cpu
    cpu_life = (MAX_JOBS + 2) * CPU_SECONDS
    for what, value, hard_value in (
        (resource.RLIMIT_CORE, 0, 0),
        (resource.RLIMIT_AS, memory, memory),
        (resource.RLIMIT_FSIZE, 0, 0),
        (resource.RLIMIT_CPU, CPU_SECONDS, cpu_life),
    ):
        try:
            _soft, hard = resource.getrlimit(what)
            if hard != resource.RLIM_INFINITY:
                value, hard_value = min(value, hard), min(hard_value, hard)
            resource.setrlimit(what, (value, hard_value))
        except (ValueError, OSError):  # e.g. RLIMIT_AS on macOS
            pass


def _limit_cpu(seconds: int) -> None:
    try:
        import resource
    except ImportError:
        return
    ru = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(ru.ru_utime + ru.ru_stime) + 1 + seconds
    try:
        _s, hard = resource.getrlimit(resource.RLIMIT_CPU)
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ValueError, OSError):
        pass


def _page_lines(raw, ctypes, tp) -> tuple[list[str], list[int]]:
    """The text lines of one page and their geometry, in PDFium's (content) order.

    Returns (texts, geometry): a line's cells are joined by U+001F in its text; the geometry holds per line
    y_first, y_last (baselines of the first and the last visual row), cell count, then x0, x1 per cell, as
    integers in tenths of a point (y up).
    """
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return [], []
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = raw.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    units = buf.raw[: max(got - 1, 0) * 2]
    text = units.decode("utf-16-le", errors="replace")
    wide = len(text) != len(units) // 2  # astral characters: str index != PDFium char index
    offs: list[int] = []
    if wide:
        i = 0
        for ch in text:
            offs.append(i)
            i += 2 if ord(ch) > 0xFFFF else 1
        offs.append(i)
    count_rects, get_rect, get_box = raw.FPDFText_CountRects, raw.FPDFText_GetRect, raw.FPDFText_GetCharBox
    get_origin = raw.FPDFText_GetCharOrigin
    L, T, R, B = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()  # noqa: N806 - PDFium's names
    X, Y = ctypes.c_double(), ctypes.c_double()  # noqa: N806
    special = _SPECIAL.search
    texts: list[str] = []
    geo: list[int] = []
    pos = 0
    for line in text.split("\r\n"):
        start, length = pos, len(line)
        pos += length + 2
        if special(line):
            if not clean_line(line).strip():
                continue
        elif not line or line.isspace():
            continue
        ci = offs[start] if wide else start
        nr = count_rects(tp, ci, (offs[start + length] - ci) if wide else length)
        get_origin(tp, ci, X, Y)
        y = int(Y.value * 10)
        if nr == 1:  # the common case: one run of text
            get_rect(tp, 0, L, T, R, B)
            texts.append(clean_line(line).strip())
            geo += (y, y, 1, int(L.value * 10), int(R.value * 10))
            continue
        rects = []
        for k in range(nr):
            if get_rect(tp, k, L, T, R, B):
                rects.append((L.value, B.value, R.value, T.value))
        if not rects:
            continue
        nr = len(rects)
        # visual rows (PDFium joins a hyphenated line with the next one) and big gaps inside a row
        h = max(sorted(r[3] - r[1] for r in rects)[nr // 2], 1.0)
        multi_row = any(
            abs((b[1] + b[3]) - (a[1] + a[3])) > 1.2 * h or b[0] < a[0] - 1.0 for a, b in itertools.pairwise(rects)
        )
        gap_min = max(1.2 * h, 8.0)
        cuts = [] if multi_row else [k for k in range(1, nr) if rects[k][0] - rects[k - 1][2] > gap_min]
        if not cuts:
            y_last = y
            if multi_row:
                get_origin(tp, ci + ((offs[start + length] - ci) if wide else length) - 1, X, Y)
                y_last = int(Y.value * 10)
            texts.append(clean_line(line).strip())
            geo += (y, y_last, 1, int(rects[0][0] * 10), int(rects[-1][2] * 10))
            continue
        # The str index where each cell starts: the first char whose box starts right of the gap's middle.
        # PDFium puts a (generated) space into such a gap, at the end of the char before it, so only the
        # positions after a space are searched, and their order is monotonic.
        after_space = [m.end() for m in _SPACE.finditer(line)]
        cells = []
        prev_i, prev_k = 0, 0
        for k in cuts + [nr]:
            if k < nr:
                mid = (rects[k - 1][2] + rects[k][0]) / 2
                cand = [i for i in after_space if i > prev_i] or list(range(prev_i + 1, length))
                lo, hi = 0, len(cand)
                while lo < hi:
                    m = (lo + hi) // 2
                    get_box(tp, offs[start + cand[m]] if wide else start + cand[m], L, R, B, T)
                    if L.value < mid:
                        lo = m + 1
                    else:
                        hi = m
                cut = cand[lo] if lo < len(cand) else length
            else:
                cut = length
            cell = clean_line(line[prev_i:cut]).strip()
            if cell:
                cells.append((cell, int(rects[prev_k][0] * 10), int(rects[k - 1][2] * 10)))
            prev_i, prev_k = cut, k
        if not cells:
            continue
        texts.append("\x1f".join(c[0] for c in cells))
        geo += (y, y, len(cells))
        for _c, x0, x1 in cells:
            geo += (x0, x1)
    return texts, geo


def _extract_part(pdfium, raw, ctypes, data: bytes, part: int, parts: int) -> dict:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        kind = "password" if code in (4, 5) else "format"
        return {"ok": False, "error": kind, "code": code}
    try:
        n = len(pdf)
        if parts > 1 and n < MIN_PAGES_PER_PART * parts:
            first, last = (0, n) if part == 0 else (n, n)
        else:
            first, last = part * n // parts, (part + 1) * n // parts
        sizes, lines = [], []
        for i in range(first, last):
            page = pdf[i]
            try:
                w, h = page.get_size()
                tp = page.get_textpage()
                try:
                    lines.append(_lines_of(*_page_lines(raw, ctypes, tp.raw)))
                finally:
                    tp.close()
            finally:
                page.close()
            sizes.append((round(w, 1), round(h, 1)))
        pages = []
        for (w, h), laid in zip(sizes, layout_pages(lines)):
            geo: list[int] = []
            for blank, y0, xs, _t in laid:
                geo += (blank, int(y0 * 10), len(xs), *(int(x * 10) for x in xs))
            pages.append([w, h, "\x1e".join(ln[3] for ln in laid), geo])
        return {"ok": True, "page_count": n, "first": first, "pages": pages}
    finally:
        pdf.close()


def _rebuild(pdfium, raw, data: bytes, split: int, replace: dict) -> bytes:
    """A new PDF holding the pages of ``data[:split]``, where a page listed in ``replace`` (1-based page ->
    0-based page of the placeholder document ``data[split:]``) is that placeholder page instead. Only pages
    are carried over, and their annotations are removed: no document information (/Info, XMP), attachments,
    forms, JavaScript, outlines, unreferenced objects or earlier revisions of the original survive."""
    import io

    src = pdfium.PdfDocument(data[:split])
    ph = pdfium.PdfDocument(data[split:]) if len(data) > split else None
    dst = pdfium.PdfDocument.new()
    try:
        # annotations off the source pages first: what a page no longer references is not imported
        for i in range(len(src)):
            page = src[i]
            try:
                for a in reversed(range(raw.FPDFPage_GetAnnotCount(page.raw))):
                    raw.FPDFPage_RemoveAnnot(page.raw, a)
            finally:
                page.close()
        run: list[int] = []

        def flush() -> None:
            if run:
                dst.import_pages(src, list(run))
                run.clear()

        for i in range(len(src)):
            k = replace.get(str(i + 1))
            if k is None or ph is None:
                run.append(i)
                continue
            flush()
            dst.import_pages(ph, [int(k)])
        flush()
        out = io.BytesIO()
        dst.save(out)
        return out.getvalue()
    finally:
        dst.close()
        if ph is not None:
            ph.close()
        src.close()


def _dumpable() -> bool | None:
    """PR_GET_DUMPABLE of this process (None off Linux): reported in the ready frame, so it can be checked."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return bool(ctypes.CDLL("libc.so.6").prctl(3, 0, 0, 0, 0))  # PR_GET_DUMPABLE
    except OSError:
        return None


def _worker_main() -> int:  # pragma: no cover - runs in the child; exercised by the integration tests
    memory = MEMORY_LIMIT
    for arg in sys.argv[1:]:
        if arg.startswith("--memory="):
            memory = int(arg.split("=", 1)[1])
    _set_limits(memory)
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames on the reply pipe
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    _send(out, {"ok": True, "ready": True, "pid": os.getpid(), "dumpable": _dumpable()})
    while True:
        try:
            req, data = _recv(inp, limit=2**20)
        except EOFError:
            return 0
        op = req.get("op")
        if op == "quit":
            return 0
        if op == "rebuild":
            _limit_cpu(int(req.get("cpu", CPU_SECONDS)))
            try:
                copy = _rebuild(pdfium, raw, data, int(req.get("split", len(data))), dict(req.get("replace") or {}))
                _send(out, {"ok": True, "size": len(copy)}, copy)
            except MemoryError:
                _send(out, {"ok": False, "error": "memory"})
            except Exception as e:
                _send(out, {"ok": False, "error": "other", "detail": type(e).__name__})
            del data
            continue
        if op != "extract":
            _send(out, {"ok": False, "error": "protocol"})
            continue
        _limit_cpu(int(req.get("cpu", CPU_SECONDS)))
        try:
            reply = _extract_part(pdfium, raw, ctypes, data, int(req.get("part", 0)), int(req.get("parts", 1)))
        except MemoryError:
            reply = {"ok": False, "error": "memory"}
        except Exception as e:
            reply = {"ok": False, "error": "other", "detail": type(e).__name__}
        del data
        _send(out, reply)


# ----------------------------------------------------------------------------------------------------
# Parent side

_log = None


def _logger():
    global _log
    if _log is None:
        from .. import log

        _log = log.get("import")
    return _log


def worker_command() -> list[str]:
    """The command line of a worker. A frozen build must dispatch ``--pdf-text-worker`` to
    :func:`run_worker_if_requested` first thing in its entry point."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--pdf-text-worker"]
    return [sys.executable, "-I", "-X", "utf8", os.path.abspath(__file__), _WORKER_FLAG]


def run_worker_if_requested(argv: list[str] | None = None) -> None:
    """For frozen builds: call at the very start of ``main``; never returns when asked to be a worker."""
    argv = sys.argv if argv is None else argv
    if "--pdf-text-worker" in argv:
        sys.exit(_worker_main())


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


# ----------------------------------------------------------------------------------------------------
# Result and errors


@dataclass
class PdfText:
    text: str
    line_pages: list[int]
    pages: list[str]  # text of each page after clean-up (margins removed)
    page_count: int
    artifacts: list[tuple[int, str]] = field(default_factory=list)
    # per line of ``text``: the x (points from the left edge) where each tab-separated cell starts (a line
    # that starts with a tab because it is indented has 0.0 for its empty first cell), and the baseline y
    # (points, upwards) of its first row; None for blank lines. Table readers use them (agenda tables).
    line_x: list[list[float] | None] = field(default_factory=list)
    line_y: list[float | None] = field(default_factory=list)
    page_sizes: list[tuple[float, float]] = field(default_factory=list)  # (width, height) in points, per page


def extract_pdf_text(
    data: bytes,
    *,
    name: str = "PDF",
    cancel: threading.Event | None = None,
    timeout: float = TIMEOUT,
    extractor: PdfTextExtractor | None = None,
) -> PdfText:
    """Extract and clean the text of a PDF. Errors are ``errors.ImportFailed`` subclasses naming ``name``."""
    from ..errors import EncryptedPdf, ExtractionFailed, ImportFailed, NoTextLayer

    ex = extractor or default_extractor()
    tail = data[-2048:]
    if b"%%EOF" not in tail:
        raise ExtractionFailed(
            f"PDF-filen {name} är avkortad eller skadad (slutet saknas); importera en fullständig kopia.",
            f"The PDF file {name} is truncated or damaged (its end is missing); import a complete copy.",
        )
    t0 = time.perf_counter()
    try:
        count, pages = ex.extract_raw(data, cancel=cancel, timeout=timeout)
    except _Cancelled:
        raise ImportFailed(f"Importen av {name} avbröts.", f"The import of {name} was cancelled.") from None
    except _Timeout:
        _logger().warning("pdf text worker timed out after %.0f s", timeout)
        raise ExtractionFailed(
            f"Texten i {name} kunde inte läsas inom {timeout:.0f} sekunder; filen kan vara skadad eller skapad för att störa.",
            f"The text of {name} could not be read within {timeout:.0f} seconds; the file may be damaged or hostile.",
        ) from None
    except _WorkerDied:
        _logger().warning("pdf text worker died")
        raise ExtractionFailed(
            f"Läsningen av {name} avbröts: PDF-läsaren kraschade eller fick slut på minne. Filen kan vara skadad.",
            f"Reading {name} was aborted: the PDF reader crashed or ran out of memory. The file may be damaged.",
        ) from None
    except _WorkerError as e:
        kind = e.reply.get("error")
        if kind == "password":
            raise EncryptedPdf(
                f"{name} är en lösenordsskyddad PDF och kan inte läsas. Be om en kopia utan lösenord.",
                f"{name} is a password-protected PDF and cannot be read. Ask for a copy without a password.",
            ) from None
        if kind == "memory":
            raise ExtractionFailed(
                f"{name} kräver för mycket minne för att läsas; filen kan vara skadad eller skapad för att störa.",
                f"{name} needs too much memory to be read; the file may be damaged or hostile.",
            ) from None
        raise ExtractionFailed(
            f"{name} kunde inte läsas som PDF (skadad eller ofullständig fil).",
            f"{name} could not be read as a PDF (damaged or incomplete file).",
        ) from None
    except OSError as e:  # the worker could not be started at all
        raise ExtractionFailed(
            f"PDF-läsaren kunde inte startas för {name}: {e.strerror or e}.",
            f"The PDF reader could not be started for {name}: {e.strerror or e}.",
        ) from None
    t1 = time.perf_counter()
    try:
        result = assemble(pages)
        result.page_sizes = [(float(pg[0]), float(pg[1])) for pg in pages]
    except (TypeError, ValueError, IndexError, KeyError):  # malformed geometry from a misbehaving worker
        raise ExtractionFailed(
            f"{name} kunde inte läsas som PDF (oväntat svar från PDF-läsaren).",
            f"{name} could not be read as a PDF (unexpected reply from the PDF reader).",
        ) from None
    # repeated margins do not count: a scan with a typed "Sida 1 av 3" footer still has no text layer
    visible = sum(len(p) - p.count(" ") - p.count("\n") - p.count("\t") for p in result.pages)
    if visible < NO_TEXT_MIN_CHARS:
        raise NoTextLayer(
            f"PDF:en {name} saknar textlager (inskannad bild?) och kan inte sökas. Be om en digital version, "
            "eller kör textigenkänning (OCR) först.",
            f"The PDF {name} has no text layer (a scanned image?) and cannot be searched. Ask for a digital "
            "version, or run text recognition (OCR) first.",
        )
    _logger().info(
        "pdf text: %d pages, %d lines, worker %.3f s, layout %.3f s",
        count,
        len(result.line_pages),
        t1 - t0,
        time.perf_counter() - t1,
    )
    return result


def public_copy(
    data: bytes,
    *,
    secret_pages: set[int] | None = None,
    page_sizes=None,
    placeholder: str = "",
    name: str = "PDF",
    cancel: threading.Event | None = None,
    timeout: float = TIMEOUT,
    extractor: PdfTextExtractor | None = None,
) -> bytes:
    """The copy of a PDF the store keeps for the reader: rebuilt page by page in the sandboxed worker (the
    untrusted file is never parsed in this process), without annotations, attachments, metadata, forms,
    scripts or earlier revisions, and with ``secret_pages`` (1-based) replaced by a page that says
    ``placeholder``. Raises ``errors.ExtractionFailed`` when the worker cannot do it."""
    from ..errors import ExtractionFailed, ImportFailed
    from .pdfbuild import placeholder_pages

    ex = extractor or default_extractor()
    replace: dict[int, int] = {}
    ph = b""
    if secret_pages:
        sizes = list(page_sizes or [])
        wanted = sorted(p for p in secret_pages if p >= 1)
        distinct: dict[tuple[float, float], tuple[float, float]] = {}  # rounded -> the exact size
        for p in wanted:
            size = sizes[p - 1] if p - 1 < len(sizes) else (595.2756, 841.8898)
            distinct.setdefault((round(size[0], 1), round(size[1], 1)), (float(size[0]), float(size[1])))
            replace[p] = list(distinct).index((round(size[0], 1), round(size[1], 1)))
        ph = placeholder_pages(placeholder, list(distinct.values()))
    try:
        return ex.rebuild_raw(data, replace, ph, cancel=cancel, timeout=timeout)
    except _Cancelled:
        raise ImportFailed(f"Importen av {name} avbröts.", f"The import of {name} was cancelled.") from None
    except (_Timeout, _WorkerError, OSError):
        _logger().warning("pdf public copy could not be made")
        raise ExtractionFailed(
            f"En visningskopia av {name} kunde inte skapas (skadad eller ovanlig PDF).",
            f"A display copy of {name} could not be made (a damaged or unusual PDF).",
        ) from None


# ----------------------------------------------------------------------------------------------------
# Layout clean-up (pure functions)

_SPECIAL = re.compile(r"[\x00-\x1f\x7f\u00ad\ufb00-\ufb06\ufeff\ufff9-\uffff]")
_CTRL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u00ad\ufeff\ufff9-\ufffd\uffff]")
_HYPH_MARK = re.compile(r"(\S*?)[\ufffe\x02]")
_ACRONYM = re.compile(r"[A-ZÅÄÖ0-9]{2,}$")
_LIGATURES = re.compile("[\ufb00-\ufb06]")
_DIGITS = re.compile(r"\d+")
_LIST_MARK = re.compile(r"^(?:[-–—•*·▪]\s|\d{1,2}[.)]\s|\(?[a-z]\)\s)")
_HYPHENATED = re.compile(r"\w-$")
_WS = re.compile(r"\s+")
_SPACE = re.compile(" ")


_SUSPENDED = re.compile(r"\s*(?:och|eller|samt|resp\.?|respektive|till)\b")


def _hyphen(m: re.Match) -> str:
    """A hyphen PDFium marked at a line end: kept after an acronym (``LVU-vården``), kept with a space
    before och/eller (``program- och verksamhetsråd``), dropped inside a word (``kom-munen``)."""
    word = m.group(1)
    if _SUSPENDED.match(m.string, m.end()):
        return word + "- " if not m.string[m.end() : m.end() + 1].isspace() else word + "-"
    return word + ("-" if _ACRONYM.search(word) else "")


def clean_line(s: str) -> str:
    """Normalise one extracted line: PDFium hyphen marks, soft hyphens, control chars, ligatures."""
    if not _SPECIAL.search(s):
        return s
    if "\ufffe" in s or "\x02" in s:
        s = _HYPH_MARK.sub(_hyphen, s)
    if _LIGATURES.search(s):
        s = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), s)
    return _CTRL.sub("", s.replace("\t", " ").replace("\r", " ").replace("\n", " "))


# In the worker a line is [y_first, y_last, cells, text]; a cell is [x0, x1, text]; text = cells joined by
# tabs. y is in PDF units (upwards), x from the left edge.
_Y0, _Y1, _CELLS, _TEXT = 0, 1, 2, 3


def _lines_of(texts: list[str], geo: list[int]) -> list[list]:
    lines: list[list] = []
    g = 0
    for t in texts:
        y0, y1, nc = geo[g] / 10, geo[g + 1] / 10, geo[g + 2]
        g += 3
        if nc == 1:
            lines.append([y0, y1, [[geo[g] / 10, geo[g + 1] / 10, t]], t])
        else:
            parts = t.split("\x1f")
            cells = [[geo[g + 2 * k] / 10, geo[g + 2 * k + 1] / 10, parts[k]] for k in range(nc)]
            lines.append([y0, y1, cells, "\t".join(parts)])
        g += 2 * nc
    return lines


def _percentile(values: list[float], q: float, default: float) -> float:
    if not values:
        return default
    v = sorted(values)
    return v[min(len(v) - 1, max(0, int(q * (len(v) - 1) + 0.5)))]


def _line_pitch(deltas: list[float]) -> float:
    """The normal distance between two lines: the smallest frequent baseline distance.

    Not the median: in documents where most paragraphs are one line, most distances include a blank line.
    """
    if not deltas:
        return 14.0
    counts: dict[float, int] = {}
    for d in deltas:
        if d > 4.0:
            k = round(d * 2) / 2
            counts[k] = counts.get(k, 0) + 1
    need = max(3, 0.05 * len(deltas))
    for k in sorted(counts):
        # the count of this distance and its half-point neighbours (rounding noise)
        if counts[k] + counts.get(k - 0.5, 0) + counts.get(k + 0.5, 0) >= need:
            near = [d for d in deltas if abs(d - k) <= 0.75]
            return median(near)
    return median(deltas)


def layout_pages(pages: list[list[list]]) -> list[list[tuple[int, float, list[float], str]]]:
    """Blank lines from vertical gaps and soft-wrap joins, per page: [(blank lines before, y0, x0 of each
    cell, text)].

    The line pitch and the right edge of full lines are estimated over all the given pages.
    """
    deltas = []
    for pl in pages:
        for a, b in itertools.pairwise(pl):
            d = a[_Y1] - b[_Y0]
            if 0.5 < d < 80:
                deltas.append(d)
    pitch = _line_pitch(deltas)
    right = _percentile([ln[_CELLS][-1][1] for pl in pages for ln in pl if len(ln[_TEXT]) >= 30], 0.95, 1e9)
    return [
        [(blank, ln[_Y0], [c[0] for c in ln[_CELLS]], ln[_TEXT]) for blank, ln in _reflow(pl, pitch, right)]
        for pl in pages
    ]


def _reflow(lines: list[list], pitch: float, right: float) -> list[tuple[int, list]]:
    """Join soft-wrapped lines; returns (blank lines before, line) pairs."""
    out: list[tuple[int, list]] = []
    tails: list[list[tuple[float, float]]] = []  # per output line and cell: (x1, char width) of its last row
    limit = 1.3 * pitch
    prev = None
    for ln in lines:
        blank = 0
        if prev is not None:
            gap = prev[_Y1] - ln[_Y0]
            if gap > limit:
                blank = min(5, max(1, round(gap / pitch - 1)))
            elif gap > 0 and _join(prev, tails[-1], ln, right):
                continue
        prev = ln  # the lines are the caller's fresh lists: joined in place
        out.append((blank, prev))
        cells = ln[_CELLS]
        if len(cells) == 1:
            c = cells[0]
            tails.append([(c[1], (c[1] - c[0]) / (len(c[2]) or 1))])
        else:
            tails.append([(c[1], (c[1] - c[0]) / (len(c[2]) or 1)) for c in cells])
    return out


def _full(tail: tuple[float, float], word: str, limit: float) -> bool:
    """Would ``word`` have fitted after the last row of a cell? (No -> the line was wrapped.)"""
    x1, cw = tail
    return x1 + cw * (len(word) + 1.0) >= limit - 1.5 * cw - 2.0


def _join(prev: list, tail: list[tuple[float, float]], ln: list, right: float) -> bool:
    """Append ``ln`` to ``prev`` if it continues wrapped cells of it (a paragraph or table column)."""
    pcells, cells = prev[_CELLS], ln[_CELLS]
    if len(pcells) == 1 and len(cells) == 1:  # the common case: two lines of a paragraph?
        pc, (x0, x1, t) = pcells[0], cells[0]
        if abs(pc[0] - x0) > 3.0 or _HYPHENATED.search(pc[2]) or _LIST_MARK.match(t):
            return False
        sp = t.find(" ")
        if not _full(tail[0], t if sp < 0 else t[:sp], right):
            return False
        pc[2] = prev[_TEXT] = pc[2] + " " + t
        tail[0] = (x1, (x1 - x0) / (len(t) or 1))
        prev[_Y1] = ln[_Y1]
        return True
    last = len(pcells) - 1
    targets = []
    for x0, _x1, t in cells:
        k = next((k for k, c in enumerate(pcells) if abs(c[0] - x0) <= 3.0), None)
        if k is None or _HYPHENATED.search(pcells[k][2]) or _LIST_MARK.match(t):
            return False  # hyphenation is the parser's call (SEEDS.md §4.2); a list item starts a line
        word = t.split(" ", 1)[0]
        if k == last and len(cells) == 1:
            if not _full(tail[k], word, right):
                return False
        elif k == 0:  # under the first column of a table row: a wrapped label, or a new row?
            if len(cells) > 1 or len(pcells[0][2]) < 12 or not _full(tail[0], word, pcells[1][0] - 12.0):
                return False
        targets.append(k)
    if len(set(targets)) != len(targets):
        return False
    for k, (x0, x1, t) in zip(targets, cells):
        pcells[k][2] = pcells[k][2] + " " + t
        tail[k] = (x1, (x1 - x0) / max(len(t), 1))
    prev[_Y1] = ln[_Y1]
    prev[_TEXT] = pcells[0][2] if len(pcells) == 1 else "\t".join(c[2] for c in pcells)
    return True


def _mask(s: str) -> str:
    return _WS.sub(" ", _DIGITS.sub("#", s)).strip().casefold()


_PROTECTED = frozenset({"tjänsteskrivelse", "ordförandeförslag", "botkyrka", "kommun", "botkyrka kommun"})
MARGIN_MAX_CHARS = 160  # a page header/footer is short; a repeated long line is content


def _margin_lines(pages: list[list[tuple]], top: int = 3, bottom: int = 4) -> list[set[int]]:
    """Indexes (per page) of page headers/footers: among the top ``top`` / bottom ``bottom`` lines of a
    page, lines that are equal after masking digits and stand at the same height on most pages."""
    n = len(pages)
    drop: list[set[int]] = [set() for _ in pages]
    if n < 2:
        return drop
    need = n if n <= 3 else max(3, math.ceil(0.5 * n))
    seen: dict[tuple[str, str], list[tuple[int, int, float]]] = {}
    for p, lines in enumerate(pages):
        order = sorted(range(len(lines)), key=lambda i: -lines[i][1])
        for zone, idxs in (("top", order[:top]), ("bottom", order[-bottom:])):
            for i in idxs:
                t = lines[i][3]
                if len(t) > MARGIN_MAX_CHARS:
                    continue
                m = _mask(t)
                if m and m not in _PROTECTED:
                    seen.setdefault((zone, m), []).append((p, i, lines[i][1]))
    for hits in seen.values():
        if len({p for p, _, _ in hits}) < need:
            continue
        ys: dict[int, int] = {}
        for _, _, y in hits:
            ys[round(y)] = ys.get(round(y), 0) + 1
        mode = max(ys, key=lambda k: (ys[k] + ys.get(k - 1, 0) + ys.get(k + 1, 0), -k))
        same = [(p, i) for p, i, y in hits if abs(y - mode) <= 2.0]
        if len({p for p, _ in same}) >= need:
            for p, i in same:
                drop[p].add(i)
    return drop


def assemble(raw_pages: list) -> PdfText:
    """Build text, line_pages, per-page texts and artifacts from the workers' pages.

    A worker page is [width, height, texts joined by U+001E, [blank, y0, cells, x0 of each cell (tenths of a
    point), ...] per line].
    """
    pages: list[list[tuple]] = []
    cells_x: list[list[list[float]]] = []
    for _w, _h, blob, geo in raw_pages:
        texts = blob.split("\x1e") if blob else []
        lines, xs_page, g = [], [], 0
        for t in texts:
            nc = geo[g + 2]
            if nc < 1 or nc != t.count("\t") + 1:
                raise ValueError("geometry does not match the text")
            xs = [v / 10 for v in geo[g + 3 : g + 3 + nc]]
            if len(xs) != nc:
                raise ValueError("geometry does not match the text")
            lines.append((geo[g], geo[g + 1] / 10, xs[0], t))
            xs_page.append(xs)
            g += 3 + nc
        if g != len(geo):
            raise ValueError("geometry does not match the text")
        pages.append(lines)
        cells_x.append(xs_page)
    drop = _margin_lines(pages)
    indent = _percentile([ln[2] for pl in pages for ln in pl], 0.1, 0.0) + 18.0

    out_lines: list[str] = []
    line_pages: list[int] = []
    line_x: list[list[float] | None] = []
    line_y: list[float | None] = []
    artifacts: list[tuple[int, str]] = []
    page_texts: list[str] = []
    for p, pl in enumerate(pages, start=1):
        gone = drop[p - 1]
        texts = []
        xs_out: list[list[float] | None] = []
        ys_out: list[float | None] = []
        for i, (blank, y, x0, t) in enumerate(pl):
            if i in gone:
                continue
            if blank and texts:
                texts.extend([""] * blank)
                xs_out.extend([None] * blank)
                ys_out.extend([None] * blank)
            xs = cells_x[p - 1][i]
            if x0 > indent:
                texts.append("\t" + t)
                xs_out.append([0.0, *xs])
            else:
                texts.append(t)
                xs_out.append(list(xs))
            ys_out.append(y)
        if not texts:
            texts, xs_out, ys_out = [""], [None], [None]
        if gone:
            first = len(out_lines) + 1
            last = first + len(texts) - 1
            ys = sorted(ln[1] for ln in pl)
            mid = ys[len(ys) // 2]
            for i in sorted(gone):
                artifacts.append((first if pl[i][1] >= mid else last, pl[i][3].replace("\t", " ")))
        out_lines.extend(texts)
        line_pages.extend([p] * len(texts))
        line_x.extend(xs_out)
        line_y.extend(ys_out)
        page_texts.append("\n".join(texts))
    return PdfText("\n".join(out_lines), line_pages, page_texts, len(pages), artifacts, line_x, line_y)


if __name__ == "__main__" and _WORKER_FLAG in sys.argv:  # pragma: no cover
    sys.exit(_worker_main())
