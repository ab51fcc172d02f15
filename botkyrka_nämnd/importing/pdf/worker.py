"""The PDF text worker process: PDFium on untrusted input, sandboxed (the parent side is :mod:`.extractor`).

PDFium is C++ parsing hostile input. A crafted file may crash it, loop forever or allocate without bound;
none of that may take the program down, so it runs here, in a separate interpreter started as
``python -I worker.py --worker`` (no package imports, no ``PYTHON*`` environment, no current directory on
``sys.path``). Before it reads any input the worker limits itself (:func:`_set_limits`): address space
(RLIMIT_AS, 512 MiB), no core dumps, no file writes, not dumpable; before each job it moves RLIMIT_CPU on
by the job's CPU seconds (:func:`_limit_cpu`). Then it answers request frames (:mod:`.protocol`) on its
pipes: ``extract`` (the lines and layout of one page range, :func:`_extract_part`), ``rebuild`` (the
public copy, :func:`_rebuild`) and ``quit``.

The worker's siblings :mod:`.protocol`, :mod:`.pagetext` and :mod:`.layout` import only the standard
library, as this file does. Run by path this file is no module of the package and ``-I`` keeps its directory
off ``sys.path``, so it loads them from their files; imported (by the parent, and by a frozen build's entry
point through :func:`.extractor.run_worker_if_requested`) it imports them as usual.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING or __package__:  # imported as a module of the package
    from . import layout, pagetext, protocol
else:  # pragma: no cover - run by path as the worker process (see above)
    import importlib.util

    def _sibling(name: str):
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name + ".py")
        spec = importlib.util.spec_from_file_location(f"pdf_worker_{name}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    layout, pagetext, protocol = _sibling("layout"), _sibling("pagetext"), _sibling("protocol")


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
    cpu_life = (protocol.MAX_JOBS + 2) * protocol.CPU_SECONDS
    for what, value, hard_value in (
        (resource.RLIMIT_CORE, 0, 0),
        (resource.RLIMIT_AS, memory, memory),
        (resource.RLIMIT_FSIZE, 0, 0),
        (resource.RLIMIT_CPU, protocol.CPU_SECONDS, cpu_life),
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


def _extract_part(pdfium, raw, ctypes, data: bytes, part: int, parts: int) -> dict:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        kind = "password" if code in (4, 5) else "format"
        return {"ok": False, "error": kind, "code": code}
    try:
        n = len(pdf)
        if parts > 1 and n < protocol.MIN_PAGES_PER_PART * parts:
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
                    lines.append(layout._lines_of(*pagetext._page_lines(raw, ctypes, tp.raw)))
                finally:
                    tp.close()
            finally:
                page.close()
            sizes.append((round(w, 1), round(h, 1)))
        pages = []
        for (w, h), laid in zip(sizes, layout.layout_pages(lines)):
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
    memory = protocol.MEMORY_LIMIT
    for arg in sys.argv[1:]:
        if arg.startswith("--memory="):
            memory = int(arg.split("=", 1)[1])
    _set_limits(memory)
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames on the reply pipe
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    protocol._send(out, {"ok": True, "ready": True, "pid": os.getpid(), "dumpable": _dumpable()})
    while True:
        try:
            req, data = protocol._recv(inp, limit=2**20)
        except EOFError:
            return 0
        op = req.get("op")
        if op == "quit":
            return 0
        if op == "rebuild":
            _limit_cpu(int(req.get("cpu", protocol.CPU_SECONDS)))
            try:
                copy = _rebuild(pdfium, raw, data, int(req.get("split", len(data))), dict(req.get("replace") or {}))
                protocol._send(out, {"ok": True, "size": len(copy)}, copy)
            except MemoryError:
                protocol._send(out, {"ok": False, "error": "memory"})
            except Exception as e:
                protocol._send(out, {"ok": False, "error": "other", "detail": type(e).__name__})
            del data
            continue
        if op != "extract":
            protocol._send(out, {"ok": False, "error": "protocol"})
            continue
        _limit_cpu(int(req.get("cpu", protocol.CPU_SECONDS)))
        try:
            reply = _extract_part(pdfium, raw, ctypes, data, int(req.get("part", 0)), int(req.get("parts", 1)))
        except MemoryError:
            reply = {"ok": False, "error": "memory"}
        except Exception as e:
            reply = {"ok": False, "error": "other", "detail": type(e).__name__}
        del data
        protocol._send(out, reply)


if __name__ == "__main__" and protocol._WORKER_FLAG in sys.argv:  # pragma: no cover
    sys.exit(_worker_main())
