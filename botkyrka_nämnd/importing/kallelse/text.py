"""Stage 0: the source text as lines the later stages can read, whatever its format.

:func:`prepare` turns what the extractor or the file gave into :class:`Prepared` lines, one per source line
wherever the format allows it (so positions stay source lines):

- plain text (the seed kallelser): unchanged; a tab separates table cells (``N.<tab>Title<tab>Dnr``);
- ``pdftotext -layout`` text: runs of spaces between columns become tabs, each cell keeps its column;
  a form feed starts a new page;
- PDF text from :mod:`..pdftext`: cells with their x position and the line's baseline (``line_x``,
  ``line_y``), pages from ``line_pages``;
- Markdown of a published PDF (the kommunhandlingar format: YAML front matter, ``<!-- sida N -->`` page
  marks, pipe tables with ``<br>`` inside cells): front matter, page marks and table links become blank
  lines, a table row becomes one line of tab-separated cells whose inner lines are kept;
- a stored web page (document-sharing sites): everything above a ``Transkript`` / ``Full text`` line is
  page chrome and dropped, ``(N)`` lines mark pages, and a page flattened into one long line is split again
  at its labels and agenda numbers.

:class:`Lines` is the line context every stage reads: stripped and OCR-folded forms, pages, page
artifacts (headers, footers, letterheads), cells, and cached line classifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .. import artifacts as _artifacts
from ..layout import header_kind, heading_kind
from ..normalize import normalize_line, ocr_fold, split_lines


@dataclass
class Cell:
    x: float | None  # points (PDF), character column (layout text), column index (Markdown) or None
    text: str  # the cell's text on this line; inner line breaks of a Markdown cell as "\n"


@dataclass
class Prepared:
    lines: list[str]
    pages: list[int] | None = None
    cells: list[list[Cell]] = field(default_factory=list)
    y: list[float | None] | None = None
    fmt: str = "text"  # text | layout | pdf | markdown | web
    source: list[str] | None = None  # layout text: the lines as printed, with their column spacing
    table_rows: set[int] = field(default_factory=set)  # Markdown: the lines that are table rows


# --- formats -----------------------------------------------------------------------------------------

_FRONT_KEY = re.compile(r"^[a-zåäö_]+:\s")
_PAGE_MARK = re.compile(r"^<!--\s*(?:sida|page)\s+(?P<n>\d+)\s*-->$", re.IGNORECASE)
_HTML_COMMENT = re.compile(r"^<!--.*-->$")
_TABLE_LINK = re.compile(r"^\[Tabell [^\]]*\]\([^)]*\)$", re.IGNORECASE)
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_MD_ROW = re.compile(r"^\|.*\|$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_WEB_START = re.compile(r"^(?:transkript|full text|fulltext|transcript)$", re.IGNORECASE)
_WEB_PAGE = re.compile(r"^\((?P<n>\d{1,4})\)$")
_LAYOUT_GAP = re.compile(r"(?<=\S)[ ]{3,}(?=\S)")
_LEAD = re.compile(r"^( {4,})(?=\S)")


def prepare(
    text: str,
    *,
    line_pages: list[int] | None = None,
    line_x: list[list[float] | None] | None = None,
    line_y: list[float | None] | None = None,
) -> Prepared:
    lines = split_lines(text)
    if line_pages is not None and line_x:
        return _from_pdf(lines, line_pages, line_x, line_y)
    if _is_markdown(lines):
        return _from_markdown(lines)
    web = _web_start(lines)
    if web is not None:
        return _from_web(lines, web)
    if "\f" in text or _is_layout(lines):
        return _from_layout(lines)
    lines = _split_inline_headings(lines)
    cells = [_tab_cells(ln) for ln in lines]
    return Prepared(lines, line_pages if line_pages and len(line_pages) >= len(lines) else None, cells, None, "text")


_INLINE_HEADING = re.compile(r"^(?P<h>Beslut|Förslag till beslut|Sammanfattning|Ärendet|Bakgrund)\s+(?=[A-ZÅÄÖ0-9])")


_FLAT_ORDF = re.compile(
    r"^\s*(?:[A-ZÅÄÖ]+ KOMMUN\s+)?(?:ORDF[ÖO]RANDEF[ÖO]RSLAG|TJ[ÄA]NSTESKRIVELSE)\s+\d{1,2}\s*[\[(]\d{1,2}[\])]\s+\S"
)
# "… investeringsplan för 2020 (TEF/2019:263) Förslag till beslut 1. Teknik- och …": a heading inside a line
_MID_HEADING = re.compile(r"(?<=[)\.a-zåäö0-9])\s+(?=(?:Förslag till beslut|Beslut)\s+(?:[A-ZÅÄÖ]|\d+\.\s))")


def _split_inline_headings(lines: list[str], *, with_origin: bool = False):
    """A copy that flattened its paragraphs (``Beslut Arbetsmarknads- och … har tagit del …``, ``Sammanfattning
    De arbetslösas …``, ``… (TEF/2019:263) Förslag till beslut 1. …``): the heading goes onto a line of its
    own. Only in a flattened text (its document headers flattened too, or several paragraphs opening so),
    never in a text that prints its headings on lines of their own."""
    hits = [k for k, ln in enumerate(lines) if len(ln) >= 40 and _INLINE_HEADING.match(ln.strip())]
    alone = sum(1 for ln in lines if ln.strip() in ("Beslut", "Förslag till beslut", "Sammanfattning", "Ärendet"))
    flattened = any(_FLAT_ORDF.match(ln) for ln in lines[:20000])
    if not flattened and (len(hits) < 2 or alone > len(hits)):
        return (lines, list(range(len(lines)))) if with_origin else lines
    out: list[str] = []
    origin: list[int] = []
    for k, ln in enumerate(lines):
        pieces = _MID_HEADING.split(ln.strip()) if flattened else [ln]
        for piece in pieces:
            m = _INLINE_HEADING.match(piece.strip())
            if m and len(piece) >= 40:
                out += [m.group("h"), piece.strip()[m.end() :]]
                origin += [k, k]
            else:
                out.append(piece)
                origin.append(k)
    return (out, origin) if with_origin else out


def _tab_cells(line: str) -> list[Cell]:
    if "\t" not in line:
        return [Cell(None, line.strip())] if line.strip() else []
    return [Cell(float(k), part.strip()) for k, part in enumerate(line.split("\t")) if part.strip()]


def _from_pdf(lines, line_pages, line_x, line_y) -> Prepared:
    cells: list[list[Cell]] = []
    for k, ln in enumerate(lines):
        xs = line_x[k] if k < len(line_x) else None
        parts = ln.split("\t")
        if xs and len(xs) == len(parts):
            cells.append([Cell(x, p.strip()) for x, p in zip(xs, parts) if p.strip()])
        else:
            cells.append([Cell(None, p.strip()) for p in parts if p.strip()])
    ys = list(line_y) if line_y and len(line_y) == len(lines) else None
    return Prepared(lines, line_pages, cells, ys, "pdf")


def _is_markdown(lines: list[str]) -> bool:
    head = [x.strip() for x in lines[:60]]
    if head and head[0] == "---" and any(_FRONT_KEY.match(x) for x in head[1:6]):
        return True
    marks = sum(1 for x in lines[:4000] if _PAGE_MARK.match(x.strip()) or _MD_SEPARATOR.match(x.strip()))
    return marks >= 2


def _from_markdown(lines: list[str]) -> Prepared:
    out: list[str] = []
    cells: list[list[Cell]] = []
    pages: list[int] = []
    table_rows: set[int] = set()
    page = 1
    i = 0
    n = len(lines)
    if n and lines[0].strip() == "---":  # YAML front matter: metadata of the converter, not the document
        j = 1
        while j < n and lines[j].strip() != "---":
            j += 1
        if j < n:
            for _ in range(j + 1):
                out.append("")
                cells.append([])
                pages.append(page)
            i = j + 1
    while i < n:
        raw = lines[i]
        s = raw.strip()
        pm = _PAGE_MARK.match(s)
        if pm:
            new_page = int(pm.group("n"))
            page = new_page
            out.append("")
            cells.append([])
            pages.append(page)
            i += 1
            continue
        if _HTML_COMMENT.match(s) or _TABLE_LINK.match(s) or _MD_SEPARATOR.match(s):
            out.append("")
            cells.append([])
            pages.append(page)
            i += 1
            continue
        if _MD_ROW.match(s):
            parts = [p.strip() for p in _split_row(s)]
            row_cells = [Cell(float(k), "\n".join(x.strip() for x in _BR.split(p))) for k, p in enumerate(parts)]
            out.append("\t".join(" ".join(_BR.sub(" ", p).split()) for p in parts).rstrip("\t"))
            cells.append([c for c in row_cells if c.text.strip()])
            pages.append(page)
            table_rows.add(len(out) - 1)
            i += 1
            continue
        line = _MD_ESCAPE.sub(r"\1", _BR.sub(" ", raw))
        if _LAYOUT_GAP.search(line):  # the converter keeps two columns of a page on one line
            lead = "\t" if _LEAD.match(line) else ""
            line = lead + _LAYOUT_GAP.sub("\t", line.strip())
        out.append(line)
        cells.append(_tab_cells(line))
        pages.append(page)
        i += 1
    return Prepared(out, pages, cells, None, "markdown", table_rows=table_rows)


def _split_row(s: str) -> list[str]:
    body = s[1:-1] if s.endswith("|") else s[1:]
    parts, buf, esc = [], [], False
    for ch in body:
        if esc:
            buf.append(ch)
            esc = False
        elif ch == "\\":
            esc = True
        elif ch == "|":
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def _is_layout(lines: list[str]) -> bool:
    sample = [x for x in lines[:3000] if x.strip()]
    if len(sample) < 10:
        return False
    wide = sum(1 for x in sample if _LAYOUT_GAP.search(x) and "\t" not in x)
    return wide >= max(5, 0.15 * len(sample))


def _from_layout(lines: list[str]) -> Prepared:
    out: list[str] = []
    cells: list[list[Cell]] = []
    pages: list[int] = []
    source: list[str] = []
    page = 1
    for raw in lines:
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        line = raw.rstrip()
        source.append(line)
        row: list[Cell] = []
        for m in re.finditer(r"\S+(?: {1,2}\S+)*", line):
            row.append(Cell(float(m.start()), m.group(0)))
        text = "\t".join(c.text for c in row)
        if row and row[0].x and row[0].x >= 4:
            text = "\t" + text
        out.append(text)
        cells.append(row)
        pages.append(page)
    return Prepared(out, pages, cells, None, "layout", source)


def _web_start(lines: list[str]) -> int | None:
    for i, x in enumerate(lines[:120]):
        if _WEB_START.match(x.strip()):
            return i
    return None


# labels and markers a flattened page is split at (before them)
_FLAT_SPLIT = re.compile(
    r"\s(?=(?:Tid|Plats|Lokal|Datum(?:,\s*Tid)?|Ärenden|Justering|Dagordning|Föredragningslista|ORDFÖRANDEFÖRSLAG|"
    r"TJÄNSTESKRIVELSE|KALLELSE(?:/FÖREDRAGNINGSLISTA)?|Beslut|Förslag till beslut|Sammanfattning|"
    r"Gruppmöte\w*|Välkomna|Anmäl|Meddela|BOTKYRKA KOMMUN|Dnr)\b)"
)
_FLAT_NUMBER = re.compile(r"(?<=\s)(?P<n>\d{1,3})\s+(?=[A-ZÅÄÖ\"”'(]|[a-zåäö]{2,}\s)")


def _from_web(lines: list[str], start: int) -> Prepared:
    body: list[str] = []
    pages: list[int] = []
    page = 1
    for raw in lines[start + 1 :]:
        s = raw.strip()
        pm = _WEB_PAGE.match(s)
        if pm:
            page = int(pm.group("n"))
            body.append("")
            pages.append(page)
            continue
        m = re.match(r"^(?P<n>\d{1,3}) (?=[A-ZÅÄÖ]{2,}|KALLELSE|ORDF|TJÄNSTE)", s)
        if len(s) > 100 and m and _WEB_PAGE_HEAD.match(s[m.end() :]):
            page = int(m.group("n"))  # docplayer: "2 BOTKYRKA KOMMUN …" = page 2 flattened into one line
            s = s[m.end() :]
        for part in _unflatten(s):
            body.append(part)
            pages.append(page)
    out = [""] * (start + 1) + body
    pg = [1] * (start + 1) + pages
    split, origin = _split_inline_headings(out, with_origin=True)
    pg = [pg[k] for k in origin]
    return Prepared(split, pg, [_tab_cells(x) for x in split], None, "web")


_WEB_PAGE_HEAD = re.compile(r"^(?:[A-ZÅÄÖ]+ KOMMUN\b|KALLELSE|ORDFÖRANDEFÖRSLAG|TJÄNSTESKRIVELSE|PROTOKOLL)")
# a page header glued into a web copy's line: "BOTKYRKA KOMMUN KALLELSE/FÖREDRAGNINGSLISTA 2[3] Kommunstyrelsen"
_FLAT_HEADER = re.compile(
    r"(?:[A-ZÅÄÖ]+ KOMMUN\s+)?(?:KALLELSE|FÖREDRAGNINGSLISTA|DAGORDNING)(?:/[A-ZÅÄÖ]+)?\s*\d{1,2}\s*[\[(]\d{1,2}[\])]"
    r"(?:\s+(?:[A-ZÅÄÖ][\wåäö\-]*(?:\s+och\s+[\wåäö\-]+)?(?:nämnden|styrelsen|fullmäktige|utskottet|beredningen)))?"
    r"(?:\s+\d{4}-\d{2}-\d{2})?"
)
_FLAT_SIGNATURE = re.compile(r"\s(?=[A-ZÅÄÖ][a-zåäöé]+ [A-ZÅÄÖ][a-zåäöé\-]+ (?:Ordförande|ordförande|ordf\b))")
_FLAT_CAPS = re.compile(r"\s(?=(?:Forts\.\s+)?[A-ZÅÄÖ]{3,}(?:\s+[A-ZÅÄÖ]{2,}){1,4}(?:\s|$))")


def strip_page_header(text: str) -> str:
    """A row of a copied page with the next page's header glued to its end: the header goes."""
    m = _FLAT_HEADER.search(text)
    if m and m.start() > 0:
        return text[: m.start()].rstrip()
    return text


def _unflatten(s: str) -> list[str]:
    """Split a line of a web copy that holds several lines of the page: before its labels, page headers,
    headings in capitals and signature, and before agenda numbers that follow each other (n, n+1 …, with
    up to two missing: such copies drop digits)."""
    pieces = [s]
    if len(s) > 100:
        pieces = [p for p in _FLAT_SPLIT.split(s) if p.strip()]
    split2: list[str] = []
    for p in pieces:
        hm = _FLAT_HEADER.search(p)
        if hm:
            before, after = p[: hm.start()].strip(), p[hm.end() :].strip()
            split2 += [x for x in (before, hm.group(0).strip(), after) if x]
        else:
            split2.append(p)
    parts: list[str] = []
    for p in split2:
        for q in _FLAT_SIGNATURE.split(p):
            parts += [x for x in _FLAT_CAPS.split(q) if x.strip()]
    out: list[str] = []
    for p in parts:
        nums = [(m.start(), int(m.group("n"))) for m in _FLAT_NUMBER.finditer(" " + p)]
        lead = re.match(r"^(\d{1,3})\s", p)
        cuts: list[int] = []
        expected = int(lead.group(1)) + 1 if lead else None
        for pos, n in nums:
            if pos <= 1:
                continue
            lower = p[pos - 1 + len(str(n)) + 1 :][:1].islower()
            if expected is None or expected <= n <= expected + 2:
                if expected is None and n > 60:
                    continue
                if lower and n != expected:  # "14 en informerar": a lost start of a title only where expected
                    continue
                cuts.append(max(0, pos - 1))
                expected = n + 1
        if not cuts:
            out.append(p.strip())
            continue
        prev = 0
        for c in cuts:
            if c > prev:
                out.append(p[prev:c].strip())
            prev = c
        out.append(p[prev:].strip())
    return [x for x in out if x]


# --- the line context ---------------------------------------------------------------------------------


class Lines:
    """What every stage reads. Index ``i`` is 0-based; the store keeps ``i + 1``."""

    def __init__(self, prepared: Prepared):
        self.prepared = prepared
        self.raw = prepared.lines
        self.n = len(self.raw)
        norm = [normalize_line(x) for x in self.raw]
        self.s = [x.strip() for x in norm]
        self.f = [ocr_fold(x) for x in self.s]
        self.cells = prepared.cells if len(prepared.cells) == self.n else [_tab_cells(x) for x in self.raw]
        self.y = prepared.y
        self.fmt = prepared.fmt
        self.source = prepared.source if prepared.source and len(prepared.source) == self.n else None
        self.table_rows = prepared.table_rows
        self.tabbed = ["\t" in x for x in self.raw]
        # a line starting with one space begins a page in the OCR'd files
        self.page_start = [bool(x) and x[0] == " " and not x.startswith("   ") for x in norm]
        pages = prepared.pages
        self.line_pages = pages if pages and len(pages) >= self.n else None
        if self.line_pages is not None:
            prev_page = None
            for i in range(self.n):
                if self.s[i]:
                    if prev_page is not None and self.line_pages[i] != prev_page:
                        self.page_start[i] = True
                    prev_page = self.line_pages[i]
        # artifacts need real page numbers only for PDF text (repeated margins); the other formats have
        # their own page marks, which are not margins
        self.art = _artifacts.detect(self.s, self.tabbed, self.line_pages if prepared.fmt == "pdf" else None)
        self._hk: dict[int, str | None] = {}
        self._sk: dict[int, str | None] = {}

    def hk(self, i: int) -> str | None:
        if i not in self._hk:
            self._hk[i] = header_kind(self.s[i])
        return self._hk[i]

    def sk(self, i: int) -> str | None:
        if i not in self._sk:
            self._sk[i] = heading_kind(self.s[i])
        return self._sk[i]

    def content(self, i: int) -> bool:
        return bool(self.s[i]) and i not in self.art

    def prev(self, i: int, lo: int = 0) -> Iterator[int]:
        """Indices of content lines before ``i`` (nearest first), down to ``lo``."""
        j = i - 1
        while j >= lo:
            if self.content(j):
                yield j
            j -= 1

    def next(self, i: int, hi: int | None = None) -> Iterator[int]:
        hi = self.n - 1 if hi is None else hi
        j = i + 1
        while j <= hi:
            if self.content(j):
                yield j
            j += 1

    def page(self, i: int | None) -> int | None:
        if i is None or self.line_pages is None or i >= len(self.line_pages):
            return None
        return self.line_pages[i]

    def content_lines(self, lo: int = 0, hi: int | None = None) -> Iterator[int]:
        hi = self.n - 1 if hi is None else hi
        for i in range(lo, hi + 1):
            if self.content(i):
                yield i


def take(it, k: int):
    """The first ``k`` items of an iterator."""
    for x in it:
        if k <= 0:
            return
        yield x
        k -= 1
