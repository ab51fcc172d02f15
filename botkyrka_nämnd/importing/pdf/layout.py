"""Page layout in the worker (pure functions): blank lines from vertical gaps, and soft-wrap joins.

From the lines of :func:`.pagetext._page_lines` (:func:`_lines_of`), over the pages of one document part:

- a vertical gap larger than the line pitch becomes blank lines (one per missing line), so paragraphs are
  separated by blank lines as in the text exports;
- lines that were wrapped only because the page was too narrow are joined again (a "soft" line break:
  the next line's first word would not have fitted), also inside a table column such as an agenda title;
  a line ending in ``-`` is never joined, hyphenation is left to the parser's rule (SEEDS.md §4.2).

Standard library only: the worker process loads it from its file (:mod:`.worker`).
"""

from __future__ import annotations

import itertools
import re
from statistics import median

_LIST_MARK = re.compile(r"^(?:[-–—•*·▪]\s|\d{1,2}[.)]\s|\(?[a-z]\)\s)")
_HYPHENATED = re.compile(r"\w-$")

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
