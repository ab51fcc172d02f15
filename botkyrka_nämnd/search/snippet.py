"""Highlighted snippets: which words of a passage matched the query, and a short window around them.

The same rules as the index decide what counts as a match (exact word, stem, compound part, typed
prefix, expansion, and for OCR text the folded/look-alike key), so what is marked is what was found.
Candidates are located with plain substring search on a folded copy of the text (same length, so
offsets carry over) and only those words are analysed: long sections cost little.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .analysis import WORD_RE, WordForms, analyse_word, fold, norm_word, ocr_keys, prepare_ocr_text, stem
from .fts_plan import MatchPlan

SNIPPET_CHARS = 220
MAX_CHECKS_PER_NEEDLE = 120  # a snippet needs a good window, not every occurrence in a 60-page section
_WS = re.compile(r"\s+")


def _byte_table(ocr_e: str | None) -> bytes:
    """A 256-byte table: Latin-1 text -> lower case, folded (å/ä -> a, ö -> o, é -> e ...). With
    ``ocr_e`` ('ä' or 'ö') also the OCR look-alikes: é/è as that letter, 6/0/8 -> o, 4/3/&/@ -> a, 1 -> l."""
    ocr_map = (
        {"é": ocr_e, "è": ocr_e, "6": "ö", "0": "ö", "8": "ö", "4": "ä", "3": "å", "&": "ä", "@": "ä", "1": "l"}
        if ocr_e
        else {}
    )
    table = bytearray(range(256))
    for b in range(256):
        ch = chr(b)
        low = ch.lower()
        if len(low) != 1 or ord(low) > 255:
            continue
        low = ocr_map.get(low, low)
        out = fold(norm_word(low)) if low.isalpha() else low
        if len(out) == 1 and ord(out) < 256:
            table[b] = ord(out)
    return bytes(table)


_PLAIN = _byte_table(None)
_OCR_VIEWS = (_byte_table("ä"), _byte_table("ö"))


def _latin1(text: str) -> bytes:
    # one byte per character, so byte offsets are character offsets
    return text.encode("latin-1", "replace")


@dataclass
class Snippet:
    text: str
    ranges: list[tuple[int, int]] = field(default_factory=list)  # highlighted [start, end) in ``text``

    def marked(self, open_: str = "[", close: str = "]") -> str:
        out, pos = [], 0
        for a, b in self.ranges:
            out += [self.text[pos:a], open_, self.text[a:b], close]
            pos = b
        out.append(self.text[pos:])
        return "".join(out)


@dataclass
class _Word:
    wf: WordForms
    index: int  # which query unit (for "distinct terms" in window choice)
    prefix: bool = False
    exact_only: bool = False
    alt_norms: frozenset[str] = frozenset()
    alt_stems: frozenset[str] = frozenset()
    alt_fkeys: frozenset[str] = frozenset()

    def needles(self) -> set[str]:
        """Folded substrings every matching word contains (the stem, less a last letter that a participle
        alias may change)."""

        def cut(x: str) -> str:
            return x[:-1] if len(x) > 6 else x

        base = fold(self.wf.norm) if (self.prefix or self.exact_only) else cut(fold(self.wf.stem))
        out = {base, cut(self.wf.fkey)}
        out |= {cut(fold(stem(a))) for a in self.alt_norms}
        out |= {cut(a) for a in self.alt_fkeys}
        return {n for n in out if n}

    def matches(self, token: str, *, ocr: bool) -> bool:
        n = norm_word(token)
        wf = self.wf
        if self.prefix:
            if n.startswith(wf.norm):
                return True
        elif n == wf.norm or n in self.alt_norms:
            return True
        elif not self.exact_only:
            s = stem(n)
            if s == wf.stem or s in self.alt_stems:
                return True
            if wf.compound_prefix and s.startswith(wf.stem):
                return True
            if wf.compound_suffix and s.endswith(wf.stem):
                return True
        if ocr:
            for k in ocr_keys(token):
                if k == wf.fkey or k in self.alt_fkeys:
                    return True
                if self.prefix and k.startswith(fold(wf.norm)):
                    return True
                if not self.prefix and wf.compound_prefix and k.startswith(wf.fkey):
                    return True
        return False


class Highlighter:
    def __init__(self, plan: MatchPlan, extra_words: list[str] | None = None):
        self.words: list[_Word] = []
        i = 0
        for clause in plan.clauses:
            for term, wfs in clause:
                for k, wf in enumerate(wfs):
                    alts = plan.alt_norms.get(wf.norm, [])
                    self.words.append(
                        _Word(
                            wf,
                            i,
                            prefix=term.prefix and k == len(wfs) - 1,
                            exact_only=term.quoted or term.is_phrase,
                            alt_norms=frozenset(alts),
                            alt_stems=frozenset(analyse_word(a).stem for a in alts),
                            alt_fkeys=frozenset(plan.alt_fkeys.get(wf.fkey, [])),
                        )
                    )
                    i += 1
        for w in extra_words or []:
            self.words.append(_Word(analyse_word(w), i, exact_only=True))
            i += 1
        self._needle_bytes: list[bytes] | None = None

    def _needles(self) -> list[bytes]:
        if self._needle_bytes is None:
            self._needle_bytes = sorted({_latin1(n) for w in self.words for n in w.needles()}, key=len, reverse=True)
        return self._needle_bytes

    def find(self, text: str, *, ocr: bool = False, budget: int = MAX_CHECKS_PER_NEEDLE) -> list[tuple[int, int, int]]:
        """(start, end, word index) of every matching word in ``text``; ``budget``: candidates checked per
        needle (a snippet needs a good window; highlighting a whole document needs every match)."""
        needles = self._needles()
        if not text or not needles:
            return []
        scan = prepare_ocr_text(text) if ocr else text
        raw = _latin1(scan)
        views = [raw.translate(t) for t in _OCR_VIEWS] if ocr else [raw.translate(_PLAIN)]
        hits: dict[int, tuple[int, int, int]] = {}
        seen: set[int] = set()
        for view in views:
            for needle in needles:
                pos = view.find(needle)
                left = budget
                while pos >= 0 and left:
                    left -= 1
                    a, b, token = _word_at(scan, pos)
                    if a not in seen and token:
                        seen.add(a)
                        for w in self.words:
                            if w.matches(token, ocr=ocr):
                                hits[a] = (a, b, w.index)
                                break
                    pos = view.find(needle, max(pos + 1, b))
        return sorted(hits.values())

    def snippet(self, text: str, *, ocr: bool = False, size: int = SNIPPET_CHARS) -> Snippet | None:
        """The best window of ``text``; None when nothing in it matches."""
        hits = self.find(text, ocr=ocr)
        if not hits:
            return None
        return _window(text, hits, size)


def ocr_snippet(hl: Highlighter, text: str, raw: str | None, size: int = SNIPPET_CHARS) -> Snippet | None:
    """The snippet of an OCR passage, from its repaired ``text`` only (never the raw scan, never both):
    the words that match in the repaired text, and those that matched only in ``raw`` (a repair that
    missed) marked at the same word of the repaired text (the repair replaces whole tokens and keeps the
    lines). None when nothing matches."""
    hits = {a: (a, b, i) for a, b, i in hl.find(text, ocr=True)}
    if raw and raw != text:
        mapper = _TokenMap(raw, text)
        for a, _b, i in hl.find(raw, ocr=True):
            span = mapper.map(a)
            if span is not None and not any(x < span[1] and span[0] < y for x, y, _ in hits.values()):
                hits[span[0]] = (span[0], span[1], i)
    if not hits:
        return None
    return _window(text, sorted(hits.values()), size)


class _TokenMap:
    """Offsets in an OCR text -> the same whitespace token of its repair (same lines, same tokens)."""

    _TOKEN = re.compile(r"\S+")

    def __init__(self, raw: str, repaired: str):
        self.raw_lines = raw.split("\n")
        self.rep_lines = repaired.split("\n")
        self.raw_starts = _line_starts(self.raw_lines)
        self.rep_starts = _line_starts(self.rep_lines)

    def map(self, pos: int) -> tuple[int, int] | None:
        if len(self.raw_lines) != len(self.rep_lines):
            return None
        n = bisect.bisect_right(self.raw_starts, pos) - 1
        raw_toks = [m.span() for m in self._TOKEN.finditer(self.raw_lines[n])]
        rep_toks = [m.span() for m in self._TOKEN.finditer(self.rep_lines[n])]
        if len(raw_toks) != len(rep_toks):
            return None
        col = pos - self.raw_starts[n]
        k = next((j for j, (a, b) in enumerate(raw_toks) if a <= col < b), None)
        if k is None:
            return None
        a, b = rep_toks[k]
        m = WORD_RE.search(self.rep_lines[n], a, b)
        if m is None:
            return None
        base = self.rep_starts[n]
        return base + m.start(), base + m.end()


def locate(text: str, snippet: Snippet) -> int | None:
    """Where ``snippet`` (a window of ``text``, whitespace collapsed, "…" at a cut) stands in ``text``:
    the offset of its first marked word (of its start when nothing is marked), or None when it is not
    there (the snippet began in a document title that the text does not hold)."""
    flat, where = [], []  # text with whitespace runs as one space, and each character's offset in text
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space:
                flat.append(" ")
                where.append(i)
            space = True
        else:
            flat.append(ch)
            where.append(i)
            space = False
    hay = "".join(flat)
    core = snippet.text
    lead = 1 if core.startswith("…") else 0
    first = snippet.ranges[0] if snippet.ranges else (lead, lead)
    tail = core.endswith(" …")
    body_end = len(core) - 2 if tail else len(core)
    for a, b, at in (
        (lead, body_end, first[0] - lead),  # the whole window
        (first[0], body_end, 0),  # from its first marked word
        (first[0], min(body_end, first[1] + 40), 0),  # that word and what follows it
    ):
        needle = core[a:b].strip()
        if len(needle) < 3:
            continue
        pos = hay.find(needle)
        if pos >= 0:
            shift = len(core[a:b]) - len(core[a:b].lstrip())
            return where[min(len(where) - 1, pos + max(0, at - shift))]
    return None


def _line_starts(lines: list[str]) -> list[int]:
    out, pos = [], 0
    for line in lines:
        out.append(pos)
        pos += len(line) + 1
    return out


def _word_at(text: str, pos: int) -> tuple[int, int, str]:
    a = pos
    while a > 0 and text[a - 1].isalnum():
        a -= 1
    m = WORD_RE.match(text, a)
    if not m:
        return (pos, pos + 1, "")
    return (m.start(), m.end(), m.group())


def _collapse(piece: str) -> str:
    """Whitespace runs -> one space, keeping a leading/trailing space (str.split is C-fast)."""
    core = " ".join(piece.split())
    if not core:
        return " " if piece else ""
    return (" " if piece[0].isspace() else "") + core + (" " if piece[-1].isspace() else "")


def _window(text: str, hits: list[tuple[int, int, int]], size: int) -> Snippet:
    # the window start (at a hit) covering the most distinct query words, then the most hits
    hits = hits[:300]
    reach = size * 0.8
    best, first, j = (-1, -1), 0, 0
    for i, (a, _, _) in enumerate(hits):
        while j < len(hits) and hits[j][1] - a <= reach:
            j += 1
        cand = (len({h[2] for h in hits[i:j]}), j - i)
        if cand > best:
            best, first = cand, i
    inside = [h for h in hits[first:] if h[1] - hits[first][0] <= reach] or [hits[first]]
    span_a, span_b = inside[0][0], inside[-1][1]
    if len(text) <= size:
        start, end = 0, len(text)
    else:
        pad = max(0, (size - (span_b - span_a)) // 2)
        start, end = max(0, span_a - pad), min(len(text), span_b + pad)
        if start > 0:  # to word boundaries
            sp = text.rfind(" ", max(0, start - 30), start)
            start = sp + 1 if sp >= 0 else start
        if end < len(text):
            sp = text.find(" ", end, end + 30)
            end = sp if sp >= 0 else end
    # the snippet with whitespace collapsed, carrying the highlight offsets along
    out, ranges, length, pos = [], [], 0, start
    if start > 0:
        out.append("…")
        length = 1
    for a, b, _ in hits:
        if a < start or b > end or a < pos:
            continue
        gap = _collapse(text[pos:a])
        if not out or out == ["…"]:
            gap = gap.lstrip() if start == 0 else gap
        out += [gap, text[a:b]]
        length += len(gap)
        ranges.append((length, length + (b - a)))
        length += b - a
        pos = b
    out.append(_collapse(text[pos:end]))
    body = "".join(out).rstrip()
    if end < len(text):
        body += " …"
    return Snippet(body, ranges)


def head(text: str, size: int = SNIPPET_CHARS) -> Snippet:
    """The beginning of a text (no highlight), for a hit whose match is not in its text (a Dnr)."""
    flat = _WS.sub(" ", text or "").strip()
    if len(flat) <= size:
        return Snippet(flat)
    cut = flat.rfind(" ", 0, size)
    return Snippet(flat[: cut if cut > size // 2 else size] + " …")
