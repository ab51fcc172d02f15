"""Render kallelse text into a realistic PDF, and make redacted copies of PDFs.

``build_pdf`` is used by the demo data, test fixtures and benchmarks. The layout imitates the municipal
template closely enough for the text extraction to meet the same problems as with real files:

- A4 pages with a running header (``header``) and a footer ``Sida N av M`` on every page;
- Bitstream Vera (bundled with reportlab), so å/ä/ö, – and é are real text;
- long lines wrap at word boundaries; paragraphs are separated by vertical space (one text line per
  blank source line);
- tab-separated lines become columns (the agenda ``N.<tab>Title<tab>Dnr`` becomes number, a wrapped title
  column and a right-hand Dnr column); a leading tab indents;
- a document start (``TJÄNSTESKRIVELSE``, a ``DET HÄR ÄR BOTKYRKA`` cover, or a ``Socialnämnd`` letter
  head after a run of three or more blank lines) begins on a new page;
- headings of the template are set in bold, the cover title larger.

``placeholder_pages`` makes the pages that stand in for secret pages in the public copy of a PDF, which
``pdftext.public_copy`` builds in the sandboxed worker.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import reportlab
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "BNVera"
FONT_BOLD = "BNVeraBd"
PAGE_W, PAGE_H = A4
MARGIN_L, MARGIN_R = 62.0, 56.0
BODY_TOP = PAGE_H - 74.0  # baseline of the first body line
BODY_BOTTOM = 66.0  # lowest baseline of a body line
BODY_SIZE = 10.5
TABLE_SIZE = 9.0
LEADING = 14.0  # baseline distance of body text; one blank source line = one LEADING of space
HEADER_Y = PAGE_H - 38.0
FOOTER_Y = 32.0
COLUMN_GAP = 14.0  # minimum white space between two columns (> a word space, so extraction sees a tab)

HEADINGS = frozenset(
    {
        "TJÄNSTESKRIVELSE",
        "Förslag till beslut",
        "Sammanfattning av ärendet",
        "Sammanfattning",
        "Ärendet",
        "Ekonomiska konsekvenser",
        "Ekonomiska konsekvenser av beslutet",
        "Barnkonsekvensanalys",
        "Underlag för beslut",
        "Skickas till",
        "Expedieras till",
        "Beslut",
        "Fastställd av",
        "Innehållsförteckning",
        "Ärenden",
        "Bakgrund",
        "Analys",
        "Slutsatser",
    }
)
_ITEM_HEADING = re.compile(r"^\d{2} \S")
_AGENDA_ROW = re.compile(r"^\d+\.$")
_DOC_START = ("TJÄNSTESKRIVELSE", "DET HÄR ÄR BOTKYRKA")

_fonts_ready = False


def _register_fonts() -> None:
    global _fonts_ready
    if _fonts_ready:
        return
    font_dir = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(font_dir / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(font_dir / "VeraBd.ttf")))
    _fonts_ready = True


def _width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def wrap(text: str, width: float, font: str = FONT, size: float = BODY_SIZE) -> list[str]:
    """Greedy word wrap; a word wider than ``width`` is broken between characters."""
    words = text.split(" ")
    lines: list[str] = []
    cur = ""
    space = _width(" ", font, size)
    cur_w = 0.0
    for word in words:
        w = _width(word, font, size)
        if cur and cur_w + space + w <= width:
            cur += " " + word
            cur_w += space + w
            continue
        if cur or lines:
            if cur:
                lines.append(cur)
            cur, cur_w = "", 0.0
        while w > width and len(word) > 1:  # hard-break an over-long token
            cut = len(word)
            while cut > 1 and _width(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
            w = _width(word, font, size)
        cur, cur_w = word, w
    if cur or not lines:
        lines.append(cur)
    return lines


@dataclass
class _Run:
    x: float
    text: str
    font: str
    size: float
    align_right: bool = False


@dataclass
class _Row:
    runs: list[_Run]
    size: float  # font size (for the line pitch)


def _style(line: str) -> tuple[str, float]:
    s = line.strip()
    if s.startswith("Kallelse till möte"):
        return FONT_BOLD, 16.0
    if s == "DET HÄR ÄR BOTKYRKA":
        return FONT_BOLD, 20.0
    if s in HEADINGS or (_ITEM_HEADING.match(s) and len(s) < 160):
        return FONT_BOLD, 11.5 if s != "TJÄNSTESKRIVELSE" else 12.5
    return FONT, BODY_SIZE


def _columns(cells: list[str], left: float, right: float) -> list[tuple[float, float]]:
    """(x, width) of each tab-separated cell."""
    width = right - left
    n = len(cells)
    if (n == 3 and _AGENDA_ROW.match(cells[0].strip())) or (n == 3 and not cells[0].strip()):
        num_w, dnr_w = 26.0, 100.0
        title_w = width - num_w - dnr_w - COLUMN_GAP
        return [(left, num_w - 4), (left + num_w, title_w), (right - dnr_w, dnr_w)]
    if n == 2 and not cells[0].strip():  # leading tab: an indented line
        return [(left, 0.0), (left + 36.0, width - 36.0)]
    first = width * (0.4 if n > 2 else 0.25) if n > 1 else width
    rest = (width - first) / (n - 1) if n > 1 else 0.0
    cols = [(left, first - COLUMN_GAP)]
    for i in range(1, n):
        cols.append((left + first + (i - 1) * rest, rest - (COLUMN_GAP if i < n - 1 else 0.0)))
    return cols


def _layout_line(line: str) -> list[_Row]:
    """Lay out one source line (no newline) into one or more rows."""
    font, size = _style(line)
    left, right = MARGIN_L, PAGE_W - MARGIN_R
    line = line.rstrip()
    if "\t" not in line:
        return [_Row([_Run(left, t, font, size)], size) for t in wrap(line, right - left, font, size)]
    cells = line.split("\t")
    while len(cells) > 1 and not cells[-1].strip():
        cells.pop()  # a trailing tab carries no column
    if len(cells) >= 4 and size == BODY_SIZE:
        size = TABLE_SIZE  # tables are set smaller
    cols = _columns(cells, left, right)
    wrapped: list[list[str]] = []
    for cell, (_x, w) in zip(cells, cols):
        cell = cell.strip()
        wrapped.append(wrap(cell, max(w, 20.0), font, size) if cell else [])
    n_rows = max((len(w) for w in wrapped), default=1) or 1
    rows = []
    is_agenda = len(cells) == 3 and bool(_AGENDA_ROW.match(cells[0].strip()))
    for r in range(n_rows):
        runs = []
        for i, ((x, w), texts) in enumerate(zip(cols, wrapped)):
            if r < len(texts) and texts[r]:
                if is_agenda and i == 2:
                    runs.append(_Run(x + w, texts[r], font, size, align_right=True))
                else:
                    runs.append(_Run(x, texts[r], font, size))
        rows.append(_Row(runs, size))
    return rows


def _starts_document(line: str, prev_nonblank: str, blank_run: int) -> bool:
    s = line.strip()
    if s in _DOC_START or s == "**DET HÄR ÄR":
        return True
    # a letter head "Socialnämnd" after >= 3 blank lines (variant B), unless it follows BOTKYRKA/KOMMUN
    return (
        blank_run >= 3
        and s.endswith(("nämnd", "styrelse"))
        and prev_nonblank.strip() not in ("KOMMUN", "TJÄNSTESKRIVELSE")
    )


def _paginate(text: str) -> list[list[tuple[float, _Row]]]:
    pages: list[list[tuple[float, _Row]]] = [[]]
    y = BODY_TOP
    blank_run = 0
    prev_nonblank = ""
    pending_space = 0.0
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            blank_run += 1
            pending_space += LEADING
            continue
        if pages[-1] and _starts_document(line, prev_nonblank, blank_run):
            pages.append([])
            y = BODY_TOP
            pending_space = 0.0
        rows = _layout_line(line)
        for row in rows:
            pitch = max(LEADING, row.size * 1.3)
            if pages[-1]:
                y -= pitch + pending_space
            else:
                y = BODY_TOP - (row.size - BODY_SIZE)
            pending_space = 0.0
            if y < BODY_BOTTOM:
                pages.append([])
                y = BODY_TOP - (row.size - BODY_SIZE)
            pages[-1].append((y, row))
        blank_run = 0
        prev_nonblank = line
    return pages


def build_pdf(text: str, out: Path | str | None = None, *, header: str = "", title: str = "") -> bytes:
    """Render ``text`` as an A4 PDF; returns the bytes and writes ``out`` when given."""
    _register_fonts()
    pages = _paginate(text)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1, invariant=1)
    c.setTitle(title or header or "Kallelse")
    c.setAuthor("Botkyrka kommun")
    c.setCreator("botkyrka-namnd pdfbuild")
    grey = Color(0.35, 0.35, 0.35)
    total = len(pages)
    for number, rows in enumerate(pages, start=1):
        if header:
            c.setFillColor(grey)
            c.setFont(FONT, 8.5)
            c.drawString(MARGIN_L, HEADER_Y, header)
            c.setLineWidth(0.4)
            c.setStrokeColor(grey)
            c.line(MARGIN_L, HEADER_Y - 5, PAGE_W - MARGIN_R, HEADER_Y - 5)
        c.setFillColor(grey)
        c.setFont(FONT, 8.5)
        c.drawRightString(PAGE_W - MARGIN_R, FOOTER_Y, f"Sida {number} av {total}")
        c.setFillColorRGB(0, 0, 0)
        for y, row in rows:
            for run in row.runs:
                c.setFont(run.font, run.size)
                if run.align_right:
                    c.drawRightString(run.x, y, run.text)
                else:
                    c.drawString(run.x, y, run.text)
        c.showPage()
    c.save()
    data = buf.getvalue()
    if out is not None:
        _write_private(Path(out), data)
    return data


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def placeholder_pages(text: str, sizes: list[tuple[float, float]]) -> bytes:
    """A PDF with one page per size in ``sizes``, each carrying only ``text``: the pages that stand in for
    secret pages in a public copy (:func:`botkyrka_nämnd.importing.pdftext.public_copy`)."""
    _register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=sizes[0] if sizes else A4, invariant=1)
    for w, h in sizes or [A4]:
        c.setPageSize((w, h))
        c.setFont(FONT_BOLD, 14)
        lines = wrap(text, w - 2 * MARGIN_L, FONT_BOLD, 14)
        y = h / 2 + (len(lines) - 1) * 10
        for ln in lines:
            c.drawCentredString(w / 2, y, ln)
            y -= 20
        c.showPage()
    c.save()
    return buf.getvalue()
