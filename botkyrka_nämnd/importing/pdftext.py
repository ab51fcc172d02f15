"""PDF text extraction in a sandboxed worker process, and page-layout clean-up: the entry points.

:func:`extract_pdf_text` checks the file and the result (a PDF whose end is missing, or with no text layer,
is refused) and turns what went wrong in the worker into an ``errors.ImportFailed`` naming the file;
:func:`public_copy` has a worker rebuild the copy of a PDF the store keeps for the reader. The machinery is
in :mod:`botkyrka_nämnd.importing.pdf`.

Why a worker: PDFium is C++ parsing hostile input. A crafted file may crash it, loop forever or allocate
without bound; none of that may take the program down. The worker (:mod:`.pdf.worker`)

- is a separate interpreter started as ``python -I pdf/worker.py --worker`` (no package imports, no
  ``PYTHON*`` environment, no current directory on ``sys.path``);
- limits itself before it reads any input: address space (RLIMIT_AS, 512 MiB), no core dumps, no file
  writes; and before each job RLIMIT_CPU (the job's CPU seconds on top of what it has used);
- is killed by the parent on a wall-clock timeout (30 s by default), on cancel, or when it misbehaves;
- talks only JSON over pipes (never pickle, :mod:`.pdf.protocol`), and the parent validates what it gets
  back.

Workers are persistent and pooled (:class:`.pdf.extractor.PdfTextExtractor`): starting an interpreter and
importing pypdfium2 costs ~110 ms, more than extracting a 50-page kallelse. Long documents are split into
page ranges over two workers when the machine has spare CPUs. Workers are recycled after ``MAX_JOBS`` jobs
and stopped after ``idle_timeout`` seconds idle; :func:`.pdf.extractor.prewarm` starts them ahead of the
first import.

What is built from the per-line geometry of PDFium (:mod:`.pdf.pagetext` and :mod:`.pdf.layout` in the
worker, :func:`.pdf.assemble.assemble` in the parent):

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

import threading
import time

from .pdf.assemble import PdfText, assemble
from .pdf.extractor import PdfTextExtractor, _Cancelled, _Timeout, _WorkerDied, _WorkerError, default_extractor
from .pdf.protocol import TIMEOUT

NO_TEXT_MIN_CHARS = 20  # fewer non-space characters over all pages -> no text layer (scanned)

_log = None


def _logger():
    global _log
    if _log is None:
        from .. import log

        _log = log.get("import")
    return _log


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
