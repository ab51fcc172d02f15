"""Stage 3, table strategy: an agenda printed as a table whose header row names the columns.

A header row (Ärende | Beteckning | Förslag | Tid …) is found by :func:`_header_columns`. Cells are put in
their column by position (PDF x, a layout column, a Markdown cell), rows read in visual order across pages
(repeated headers skipped) and a row that a page break split is joined again; the title cell is cut where
the presenter or a time slot starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...domain.casenumber import find_case_numbers
from ...domain.dates import TIME_RANGE
from ..normalize import ocr_fold
from . import vocabulary as V  # noqa: N812 - the tables read as V.NAME
from .agenda_rows import Agenda, AgendaRow, _empty_proposal, _is_page_header, classify_unnumbered, split_title_case
from .text import Cell, Lines


def _header_columns(c: Lines, i: int) -> dict[str, float] | None:
    """The columns of a table header line (name -> x), or None when the line is no header."""
    cells = [x for x in c.cells[i] if x.text.strip()]
    if len(cells) < 2:
        return None
    cols: dict[str, float] = {}
    for cell in cells:
        f = " ".join(ocr_fold(cell.text).strip(" *:").split())
        if V.TABLE_TITLE_COLUMN.match(f):
            cols.setdefault("title", cell.x if cell.x is not None else 0.0)
            continue
        for name, rx in V.TABLE_OTHER_COLUMNS.items():
            if rx.match(f):
                cols.setdefault(name, cell.x if cell.x is not None else 0.0)
                break
        else:
            return None
    if "title" not in cols or len(cols) < 2:
        return None
    return cols


_NUM_CELL = re.compile(r"^(?:§\s*)?(?P<num>\d{1,3})\s*[.):]?$")


@dataclass
class _TRow:
    number: int | None
    cols: dict[str, list[str]]
    line: int
    last: int


def _read_table(c: Lines, head: int, cols: dict[str, float], hi: int) -> Agenda:
    ag = Agenda(strategy="table", head=head)
    md = c.fmt == "markdown"
    header_key = [" ".join(ocr_fold(x.text).split()) for x in c.cells[head]]
    order = sorted(cols.items(), key=lambda kv: kv[1])
    title_x = cols["title"]
    end = _table_end(c, head, hi)
    rows: list[_TRow] = []
    lines = [j for j in range(head + 1, end) if c.s[j] and c.cells[j] and (not md or j in c.table_rows)]
    if c.fmt == "pdf" and c.y is not None:
        lines = _visual_order(c, lines)
    cur: _TRow | None = None
    last_line = head
    prev_y: float | None = None
    for j in lines:
        cells = [x for x in c.cells[j] if x.text.strip()]
        again = _header_columns(c, j)
        if again or [" ".join(ocr_fold(x.text).split()) for x in c.cells[j]] == header_key:
            cur = None  # a repeated header after a page break: its columns may stand elsewhere on this page
            if again and not md:
                order = sorted(again.items(), key=lambda kv: kv[1])
                title_x = again["title"]
            continue
        if c.fmt == "layout" and c.source is not None:
            cells = _layout_cells(c.source[j], order)
        if not md and _is_page_header(c, j):
            continue
        placed = _place(cells, order, title_x, md, 8.0 if c.fmt == "pdf" else 1.5)
        if placed is None:  # text outside the table (a signature between two pages of it)
            cur = None
            continue
        num_text = " ".join(placed.get("number", [])).strip()
        nm = _NUM_CELL.match(num_text) if num_text else None
        gap = False
        y_j = c.y[j] if c.y is not None else None
        if not md and c.y is not None and c.fmt == "pdf" and prev_y is not None and y_j is not None:
            gap = (prev_y - y_j) > 16.0 or (y_j > prev_y)
        elif not md:
            gap = j > last_line + 1 and not c.s[j - 1]
        new_row = md or nm is not None or cur is None or (gap and "title" in placed and _row_complete(cur))
        if new_row:
            cur = _TRow(int(nm.group("num")) if nm else None, {}, j, j)
            rows.append(cur)
        assert cur is not None  # new_row is true whenever there is no current row
        for name, texts in placed.items():
            if name == "number" and nm:
                continue
            cur.cols.setdefault(name, []).extend(texts)
        cur.last = max(cur.last, j)
        last_line = j
        prev_y = y_j
    rows = _merge_continued_rows(rows)
    group = None
    out: list[AgendaRow] = []
    for r in rows:
        row = _table_row(r, group)
        if row is None:
            continue
        if row.kind == "section":
            group = row.title
        out.append(row)
    ag.rows = out
    if out:
        ag.first = min(r.line for r in out)
        ag.last = max(r.last for r in out)
        ag.lines = set(range(head, ag.last + 1))
    return ag


def join_cell_lines(lines: list[str]) -> str:
    """The lines of a table cell as one text: a line break after a hyphen inside a word is removed
    (``semester-`` / ``bemanningen`` -> ``semester-bemanningen``), any other becomes a space."""
    out = ""
    for t in lines:
        t = " ".join(t.split())
        if not t:
            continue
        if (
            out and re.search(r"[^\W\d_]-$", out) and t[:1].isalpha() and not re.match(r"(?:och|eller|samt|resp)\b", t)
        ) or (out and re.search(r"\d-$", out) and t[:1].isdigit()):
            out += t
        else:
            out = f"{out} {t}" if out else t
    return out


def _layout_cells(raw: str, order: list[tuple[str, float]]) -> list[Cell]:
    """A layout-text line cut at the header's column positions, word by word: columns stand where the
    header put them even when only one space separates two cells."""
    line = raw.replace("\t", " ")
    starts = [x for _name, x in order]
    out: list[Cell] = []
    for m in re.finditer(r"\S+", line):
        col = max((x for x in starts if x <= m.start() + 1), default=None)
        x = float(m.start()) if col is None else col
        if out and out[-1].x == x:
            out[-1].text += " " + m.group(0)
        else:
            out.append(Cell(x if col is not None else float(m.start()), m.group(0)))
    return out


def _merge_continued_rows(rows: list[_TRow]) -> list[_TRow]:
    """A row that a page break split: its second half opens the next page's table without a number, its
    text going on in lower case (``… inom fastigheten`` / ``Särö 1:440 i Kungsbacka`` is a new title, but
    ``och anläggande av parkeringsplatser`` is not). It goes back to its row."""
    out: list[_TRow] = []
    for r in rows:
        first = next((t for k in ("title", "proposal", "case") for t in r.cols.get(k, []) if t.strip()), "")
        cont = r.number is None and out and (first[:1].islower() or (not r.cols.get("title") and first))
        if cont:
            prev = out[-1]
            for k, v in r.cols.items():
                prev.cols.setdefault(k, []).extend(v)
            prev.last = max(prev.last, r.last)
            continue
        out.append(r)
    return out


def _row_complete(r: _TRow) -> bool:
    return bool(r.cols.get("title")) and any(r.cols.get(k) for k in ("case", "proposal", "time", "presenter", "note"))


def _visual_order(c: Lines, lines: list[int]) -> list[int]:
    """PDF lines in the order a reader sees them: page by page, top to bottom, left to right."""

    def key(j: int):
        y_j = c.y[j] if c.y is not None else None
        y = y_j if y_j is not None else 0.0
        x = c.cells[j][0].x if c.cells[j] and c.cells[j][0].x is not None else 0.0
        first_x = next((cell.x for cell in c.cells[j] if cell.x), x)
        return (c.page(j) or 0, -round(y / 2.0), first_x or 0.0)

    return sorted(lines, key=key)


def _place(
    cells: list[Cell], order: list[tuple[str, float]], title_x: float, md: bool, tol: float = 8.0
) -> dict[str, list[str]] | None:
    """Put a line's cells in their columns. ``tol``: how far left of a column's header a cell may start
    (points for PDF text, characters for layout text)."""
    out: dict[str, list[str]] = {}
    if md:
        # Markdown: the header lists the columns in order; the first column (number) has an empty header
        by_index = {int(x): name for name, x in order}
        for cell in cells:
            idx = int(cell.x or 0)
            name = by_index.get(idx)
            if name is None:
                name = "number" if idx < min(by_index) else None
            if name is None:
                continue
            out.setdefault(name, []).extend(t for t in cell.text.split("\n") if t.strip())
        return out
    for cell in cells:
        x = cell.x if cell.x is not None else 0.0
        if x == 0.0 and not cell.text.strip():
            continue
        if x < title_x - tol:
            t = cell.text.strip()
            if _NUM_CELL.match(t):
                out.setdefault("number", []).append(t)
                continue
            m = re.match(r"^(?P<num>(?:§\s*)?\d{1,3}[.):]?)\s+(?P<rest>\S.*)$", t)
            if m and m.group("rest")[:1].isupper():  # number and title in one cell (no gap between them)
                out.setdefault("number", []).append(m.group("num"))
                out.setdefault("title", []).append(m.group("rest"))
                continue
            return None  # text left of the title column that is no row number: not the table
        name = order[0][0]
        for nm, cx in order:
            if x >= cx - tol:
                name = nm
        out.setdefault(name, []).append(cell.text.strip())
    return out


def _table_end(c: Lines, head: int, hi: int) -> int:
    """The agenda table ends where the item documents begin (TJÄNSTESKRIVELSE …) or the text stops
    looking like a table for a long stretch."""
    plain = 0
    for j in range(head + 1, hi):
        if not c.s[j]:
            continue
        if c.hk(j) in ("tjsk", "ordf") and not c.tabbed[j]:
            return j
        if c.tabbed[j] or (c.cells[j] and len(c.cells[j]) > 1):
            plain = 0
            continue
        if len(c.s[j]) > 90 and not c.s[j].startswith("\t"):
            plain += 1
            if plain >= 4:
                return j
    return hi


# "Sanna Lundberg, enhetschef": a presenter under the title in the title cell
_NAME_PART = r"[A-ZÅÄÖÉ][a-zåäöéü][\wåäöéü\-]*"
_PERSON_ROLE = re.compile(rf"^{_NAME_PART}(?:\s+(?:{_NAME_PART}|af|von|de)){{1,3}},\s*(?:[a-zåäö]|[A-ZÅÄÖ]{{2,5}}\b)")
_PERSON_END = re.compile(rf"^{_NAME_PART}(?:\s+(?:{_NAME_PART}|af|von|de)){{1,3}},$")


def _table_row(r: _TRow, group: str | None) -> AgendaRow | None:
    title_lines = [t for t in r.cols.get("title", []) if t.strip()]
    presenter: list[str] = []
    title: list[str] = []
    slot = None
    for k, t in enumerate(title_lines):
        f = ocr_fold(t)
        if presenter or slot:
            presenter.append(t)
            continue
        nxt = title_lines[k + 1] if k + 1 < len(title_lines) else ""
        person = _PERSON_ROLE.match(t) or (_PERSON_END.match(t) and nxt[:1].islower())
        if V.PRESENTER.match(f) or (title and person):
            presenter.append(t)
            continue
        if TIME_RANGE.match(t):
            slot = t.strip()
            continue
        title.append(t)
    text = join_cell_lines(title)
    case_text = "\n".join(r.cols.get("case", []))
    cases = find_case_numbers(case_text, labelled=True) if case_text.strip() else []
    if not cases and text:
        t2, cn = split_title_case(text)
        if cn is not None and cn.style != "colon" and t2 != text:
            text, cases = t2, [cn]
    proposal = " ".join(" ".join(r.cols.get("proposal", [])).split()) or None
    duration = " ".join(" ".join(r.cols.get("time", [])).split()) or slot
    pres = " ".join(" ".join(presenter + r.cols.get("presenter", [])).split()) or None
    if r.number is None:
        if not text:
            return None
        kind = classify_unnumbered(text) or ("unnumbered_item" if (cases or proposal) else "section")
        if kind == "section" and (cases or (proposal and not _empty_proposal(proposal))):
            kind = "unnumbered_item"
        if kind == "procedural":
            proposal_kept = proposal  # names of the justerare, not a proposal
            row = AgendaRow(
                None,
                text,
                kind,
                cases[0] if cases else None,
                cases,
                group,
                None,
                pres,
                duration,
                line=r.line,
                last=r.last,
            )
            row.presenter = pres or None
            row.duration = duration
            row._justerare = proposal_kept  # type: ignore[attr-defined]
            return row
    else:
        kind = "item"
    row = AgendaRow(
        r.number,
        text,
        kind,
        cases[0] if cases else None,
        cases,
        group if kind != "section" else None,
        proposal,
        pres,
        duration,
        line=r.line,
        last=r.last,
    )
    if kind == "item" and (V.SECRET_ROW.search(ocr_fold(text)) or (group and V.SECRET_SECTION.match(ocr_fold(group)))):
        row.secret = True
    return row
