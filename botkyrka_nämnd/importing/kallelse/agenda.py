"""Stage 3: the agenda (ärendelista, föredragningslista, dagordning) as rows.

Two strategies, chosen by what the page shows:

- **table**: a header row names the columns (Ärende | Beteckning | Förslag | Tid …). Cells are put in their
  column by position (PDF x, a layout column, a Markdown cell), rows read in visual order across pages
  (repeated headers skipped); the title cell is cut where the presenter or a time slot starts.
- **list**: numbered lines (``1.<tab>Title<tab>Dnr``, ``1 Title (SN 2018:254)``, ``12 Title``), found as the
  longest run of numbers that follow each other; what lies between two rows is the first row's
  continuation, Dnr, proposal, presenter, an unnumbered row (Justering, "X informerar"), a section heading
  (Beslutsärenden …) or, in a föredragningslista with descriptions, its text. A copy that lost digits
  (a web page) may skip a number; the skipped row is recovered where the merged text splits cleanly.

The rows and what both strategies share are in :mod:`.agenda_rows`, the strategies in :mod:`.agenda_table`
and :mod:`.agenda_list` (with :mod:`.agenda_recover` for numbers a copy lost); this module finds the agenda.
"""

from __future__ import annotations

import re

from . import vocabulary as V  # noqa: N812 - the tables read as V.NAME
from .agenda_list import _read_list
from .agenda_rows import Agenda, classify_unnumbered
from .agenda_table import _header_columns, _read_table
from .text import Lines


def find_agenda(c: Lines, lo: int = 0, hi: int | None = None) -> Agenda:
    hi = c.n if hi is None else hi
    # a table header within the first part of the document
    for i in range(lo, min(hi, lo + 2500)):
        if (c.content(i) and c.tabbed[i]) or (c.cells[i] and len(c.cells[i]) > 1):
            cols = _header_columns(c, i)
            if cols is not None:
                ag = _read_table(c, i, cols, hi)
                if ag.numbered or len(ag.items) >= 2:
                    return ag
    head = _find_heading(c, lo, hi)
    ag = _read_list(c, head, lo, hi)
    return ag


def _find_heading(c: Lines, lo: int, hi: int) -> tuple[int, str | None] | None:
    """The agenda heading (``Ärenden``, ``Dagordning`` …), possibly with a first row on the same line
    (``Ärenden Justering``). Returns (line, rest of the line)."""
    seen = 0
    for i in range(lo, hi):
        if not c.s[i]:
            continue
        seen += 1
        if seen > 400:
            break
        f = " ".join(c.f[i].strip(" *#:\t").split())
        if V.AGENDA_HEADINGS.match(f):
            return i, None
        m = re.match(r"^(arenden|dagordning|foredragningslista)\s+(?P<rest>\S.*)$", f)
        if m and classify_unnumbered(c.s[i][len(c.s[i]) - len(m.group("rest")) :]) in ("procedural", "unnumbered_item"):
            return i, c.s[i][len(c.s[i]) - len(m.group("rest")) :]
    return None


__all__ = ["find_agenda"]
