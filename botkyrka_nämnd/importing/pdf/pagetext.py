"""One page's text lines and their geometry as PDFium reports them, and the clean-up of a line.

:func:`_page_lines` runs in the worker (:mod:`.worker`) on an open PDFium text page; the worker passes
``pypdfium2.raw`` and ``ctypes`` in, so this module imports only the standard library. A wide horizontal gap
inside a line splits it into cells (joined by ``\\t`` later, agenda ``1.<tab>Title<tab>SN/2024:00005``).
:func:`clean_line` normalises the text: PDFium's own end-of-line hyphen join (``\\ufffe``) keeps the hyphen
after an acronym (``LVU-vården``) and drops it otherwise (``kom-munen`` -> ``kommunen``); soft hyphens and
control characters are removed, ligatures unfolded.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

_SPECIAL = re.compile(r"[\x00-\x1f\x7f\u00ad\ufb00-\ufb06\ufeff\ufff9-\uffff]")
_CTRL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u00ad\ufeff\ufff9-\ufffd\uffff]")
_HYPH_MARK = re.compile(r"(\S*?)[\ufffe\x02]")
_ACRONYM = re.compile(r"[A-ZÅÄÖ0-9]{2,}$")
_LIGATURES = re.compile("[\ufb00-\ufb06]")
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
