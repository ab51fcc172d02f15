"""The parent's result from the workers' pages (:func:`assemble`): :class:`PdfText`.

- repeated page margins (lines at the top/bottom of most pages, equal after masking digits, e.g.
  ``Botkyrka kommun · Socialnämnden · 2024-09-24`` or ``Sida 3 av 49``) are removed from the text and
  returned as ``artifacts``;
- a line's cells stay joined by ``\\t`` (their x positions go to ``line_x``), and a line indented well
  beyond the left margin starts with ``\\t``;
- ``text`` is the pages joined with ``\\n``; ``line_pages[i]`` is the 1-based page of line ``i + 1``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .layout import _percentile

_DIGITS = re.compile(r"\d+")
_WS = re.compile(r"\s+")


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
