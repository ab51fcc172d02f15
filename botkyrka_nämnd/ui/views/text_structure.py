"""The structure of a document's text as the reader shows it: tables one row per line (a real table), a table
of contents as an aligned list, numbered headings as headings, list entries as indented items, and the rest
as paragraphs.

Only the text's own shape is read (tabs or wide gaps between columns, dot leaders before a page number, a
short numbered line standing alone, a list marker), never a template. Every shown piece of text (a cell, a
heading, an item, a paragraph) is recorded as a :class:`~.item_html.Span` with the document offset of each
character, so highlights are placed and painted in tables and lists as in plain paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .item_html import _BULLET, Span, _collapse, esc

_CELL_GAP = re.compile(r"\t+| {3,}")  # between columns: a tab, or a gap wider than justified prose makes
_TOC_LINE = re.compile(r"^(?P<title>.*\S)(?:\s*(?:\.{4,}|…{2,}|\.{3,}\s*)\s*|\t+)(?P<page>\d{1,3})\s*$")
_NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){0,3}\.?[ \t]+[A-ZÅÄÖ]")

Chars = list[tuple[str, int]]


@dataclass
class Block:
    """``kind``: 'para', 'heading', 'item' (list entry), 'table' or 'toc'; ``rows`` of cells, each a list of
    (character, document offset) pairs (one row of one cell for the kinds that are not tables)."""

    kind: str
    rows: list[list[Chars]] = field(default_factory=list)


def _cells(chars: Chars) -> list[Chars]:
    line = "".join(c for c, _ in chars)
    out, i = [], 0
    for m in _CELL_GAP.finditer(line):
        if m.start() == 0:  # leading indentation is no column
            i = m.end()
            continue
        out.append(chars[i : m.start()])
        i = m.end()
    out.append(chars[i:])
    return out


def _is_row(chars: Chars) -> bool:
    return len(_cells(chars)) >= 2


def _toc(chars: Chars) -> list[Chars] | None:
    """A contents line: its number (when it has one), title and page, else None."""
    line = "".join(c for c, _ in chars)
    m = _TOC_LINE.match(line)
    if not m or not re.search(r"[A-Za-zÅÄÖåäö]{3}", m.group("title")):
        return None
    if "\t" not in line and not re.search(r"\.{3,}|…", line):
        return None
    title = chars[: m.end("title")]
    page = chars[m.start("page") : m.end("page")]
    head = "".join(c for c, _ in title)
    num = re.match(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,4}\.?)[ \t]+", head)
    cells = [title[: num.end(1)], title[num.end() :], page] if num else [[], title, page]
    if "\t" in "".join(c for c, _ in cells[1]):  # more columns than number, title and page: a table row
        return None
    return cells


def _heading(chars: Chars) -> bool:
    line = "".join(c for c, _ in chars).strip()
    return bool(_NUMBERED_HEADING.match(line)) and len(line) <= 90 and not line.endswith((".", ",", ":", ";"))


def blocks(text: str, base: int = 0) -> list[Block]:
    """The blocks of ``text`` (offsets from ``base``). Blank lines separate paragraphs."""
    lines: list[Chars | None] = []  # None: a blank line
    pos = 0
    for line in (text or "").split("\n"):
        lines.append([(ch, base + pos + k) for k, ch in enumerate(line)] if line.strip() else None)
        pos += len(line) + 1
    out: list[Block] = []
    i, n = 0, len(lines)
    while i < n:
        cur = lines[i]
        if cur is None:
            i += 1
            continue
        # a run of contents lines, or of two or more table rows
        toc_rows = []
        j = i
        while j < n and (row := lines[j]) is not None and (cells := _toc(row)) is not None:
            toc_rows.append(cells)
            j += 1
        if len(toc_rows) >= 2:
            out.append(Block("toc", toc_rows))
            i = j
            continue
        j = i
        while j < n and (row := lines[j]) is not None and _is_row(row):
            j += 1
        if j - i >= 2:
            rows = [_cells(r) for r in lines[i:j] if r is not None]
            out.append(Block("table", rows))
            i = j
            continue
        prev_blank = i == 0 or lines[i - 1] is None
        next_blank = i + 1 >= n or lines[i + 1] is None
        if prev_blank and _heading(cur) and (next_blank or not _BULLET.match("".join(c for c, _ in cur))):
            if next_blank or _starts_text(lines[i + 1]):
                out.append(Block("heading", [[cur]]))
                i += 1
                continue
        # a paragraph or a list entry: lines joined until a blank line, a list marker, a table or contents
        kind = "item" if _BULLET.match("".join(c for c, _ in cur)) else "para"
        chars = list(cur)
        i += 1
        while i < n and (nxt := lines[i]) is not None:
            after = lines[i + 1] if i + 1 < n else None
            if _BULLET.match("".join(c for c, _ in nxt)):
                break
            if after is not None and (
                (_is_row(nxt) and _is_row(after)) or (_toc(nxt) is not None and _toc(after) is not None)
            ):
                break
            chars += [(" ", nxt[0][1] - 1)] + nxt
            i += 1
        out.append(Block(kind, [[chars]]))
    return out


def _starts_text(chars: Chars | None) -> bool:
    """The line after a heading begins its text (a capital letter or a digit), not a continued sentence."""
    if not chars:
        return True
    first = "".join(c for c, _ in chars).lstrip()[:1]
    return first.isupper() or first.isdigit()


def _span(chars: Chars, document_id: int | None, spans: list | None, record: bool) -> str:
    text, offs = _collapse(chars)
    if record and spans is not None and document_id is not None and text:
        spans.append(Span(document_id, text, offs))
    return esc(text)


def structured_html(text: str, document_id: int | None, base: int | None, spans: list | None, *, muted: str) -> str:
    """HTML of ``text`` with its structure; spans recorded when it is a document's text at ``base``."""
    record = base is not None
    out: list[str] = []
    for b in blocks(text, base or 0):
        if b.kind == "heading":
            out.append(f'<h4 style="margin-top:12px;">{_span(b.rows[0][0], document_id, spans, record)}</h4>')
        elif b.kind == "item":
            out.append(
                f'<p style="margin-left:22px; text-indent:-14px; margin-top:2px; margin-bottom:2px;">'
                f"{_span(b.rows[0][0], document_id, spans, record)}</p>"
            )
        elif b.kind == "para":
            out.append(f"<p>{_span(b.rows[0][0], document_id, spans, record)}</p>")
        elif b.kind == "toc":
            rows = []
            for num, title, page in b.rows:
                rows.append(
                    f"<tr><td style='color:{muted};'>{_span(num, document_id, spans, record)}</td>"
                    f"<td>{_span(title, document_id, spans, record)}</td>"
                    f"<td align='right' style='color:{muted};'>{_span(page, document_id, spans, record)}</td></tr>"
                )
            out.append(f'<table cellpadding="2" cellspacing="0" width="100%">{"".join(rows)}</table>')
        else:
            width = max(len(r) for r in b.rows)
            rows = []
            for k, row in enumerate(b.rows):
                tag = "th" if k == 0 else "td"
                cells = [f"<{tag} align='left'>{_span(c, document_id, spans, record)}</{tag}>" for c in row]
                cells += [f"<{tag}></{tag}>"] * (width - len(row))
                rows.append(f"<tr>{''.join(cells)}</tr>")
            out.append(
                f'<table border="1" cellpadding="4" cellspacing="0" width="100%" style="border-color:{muted}; '
                f'border-style:solid; margin-top:6px; margin-bottom:8px;">{"".join(rows)}</table>'
            )
    return "".join(out)
