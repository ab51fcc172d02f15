"""Highlighted snippets: which words of a passage matched the query, and a short window around them.

The same rules as the index decide what counts as a match (exact word, stem, compound part, typed
prefix, expansion, and for OCR text the folded/look-alike key), so what is marked is what was found.
Candidates are located with plain substring search on a folded copy of the text (same length, so
offsets carry over) and only those words are analysed: long sections cost little.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import analysis
from .analysis import WORD_RE, WordForms, analyse_word, fold, lower_same_length, norm_word, ocr_keys, prepare_ocr_text, stem
from .fts import MatchPlan

SNIPPET_CHARS = 220
_WS = re.compile(r"\s+")
_FOLD_LOWER = str.maketrans({**{k: fold(v.lower()) for k, v in analysis._STRIP.items()}, ord("å"): "a", ord("ä"): "a", ord("ö"): "o"})
# OCR look-alikes for locating candidates (a word-level check with analysis.ocr_keys decides)
_OCR_SKELETONS = (
    str.maketrans({"é": "a", "è": "a", "6": "o", "0": "o", "8": "o", "4": "a", "3": "a", "1": "l"}),
    str.maketrans({"é": "o", "è": "o"}),
)


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
        base = fold(self.wf.norm if (self.prefix or self.exact_only) else self.wf.stem)
        out = {base[: max(3, len(base) - 1)] if not self.prefix else base}
        out |= {fold(a)[: max(3, len(a) - 1)] for a in self.alt_norms}
        out |= {a[: max(3, len(a) - 1)] for a in self.alt_fkeys}
        out.add(self.wf.fkey[: max(3, len(self.wf.fkey) - 1)])
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

    def find(self, text: str, *, ocr: bool = False) -> list[tuple[int, int, int]]:
        """(start, end, word index) of every matching word in ``text``."""
        if not text or not self.words:
            return []
        scan = prepare_ocr_text(text) if ocr else text
        low = lower_same_length(scan)
        views = [low.translate(t).translate(_FOLD_LOWER) for t in _OCR_SKELETONS] if ocr else [low.translate(_FOLD_LOWER)]
        hits: dict[int, tuple[int, int, int]] = {}
        spans: dict[int, tuple[int, int, str]] = {}
        for w in self.words:
            for needle in w.needles():
                for folded in views:
                    start = folded.find(needle)
                    while start >= 0:
                        span = spans.get(start)
                        if span is None:
                            span = spans[start] = _word_at(scan, start)
                        a, b, token = span
                        if a not in hits and token and w.matches(token, ocr=ocr):
                            hits[a] = (a, b, w.index)
                        start = folded.find(needle, max(start + 1, b))
        return sorted(hits.values())

    def snippet(self, text: str, *, ocr: bool = False, size: int = SNIPPET_CHARS) -> Snippet | None:
        """The best window of ``text``; None when nothing in it matches."""
        hits = self.find(text, ocr=ocr)
        if not hits:
            return None
        return _window(text, hits, size)


def _word_at(text: str, pos: int) -> tuple[int, int, str]:
    a = pos
    while a > 0 and text[a - 1].isalnum():
        a -= 1
    m = WORD_RE.match(text, a)
    if not m:
        return (pos, pos + 1, "")
    return (m.start(), m.end(), m.group())


def _window(text: str, hits: list[tuple[int, int, int]], size: int) -> Snippet:
    # choose the window start (at a hit) covering the most distinct query words, then the most hits
    best = (-1, -1, 0)
    j = 0
    for i, (a, _, _) in enumerate(hits):
        while j < len(hits) and hits[j][1] - a <= size * 0.8:
            j += 1
        distinct = len({h[2] for h in hits[i:j]})
        cand = (distinct, j - i, -i)
        if cand > best:
            best = cand
    first = -best[2]
    inside = [h for h in hits[first:] if h[1] - hits[first][0] <= size * 0.8] or [hits[first]]
    span_a, span_b = inside[0][0], inside[-1][1]
    pad = max(0, (size - (span_b - span_a)) // 2)
    start = max(0, span_a - pad)
    end = min(len(text), span_b + pad)
    # move to word boundaries
    while start > 0 and not text[start - 1].isspace() and span_a - start < size:
        start -= 1
    while end < len(text) and not text[end].isspace() and end - span_b < size:
        end += 1
    # build the snippet with whitespace collapsed, carrying the highlight offsets along
    pieces: list[tuple[str, bool]] = []
    pos = start
    for a, b, _ in hits:
        if a < start or b > end:
            continue
        pieces.append((text[pos:a], False))
        pieces.append((text[a:b], True))
        pos = b
    pieces.append((text[pos:end], False))
    out, ranges = ["…" if start > 0 else ""], []
    length = len(out[0])
    for k, (piece, hl) in enumerate(pieces):
        piece = _WS.sub(" ", piece)
        if k == 0 and start == 0:
            piece = piece.lstrip()
        if hl:
            ranges.append((length, length + len(piece)))
        out.append(piece)
        length += len(piece)
    body = "".join(out)
    stripped = body.rstrip()
    if end < len(text):
        stripped += " …"
    return Snippet(stripped, [(a, min(b, len(stripped))) for a, b in ranges])


def head(text: str, size: int = SNIPPET_CHARS) -> Snippet:
    """The beginning of a text (no highlight), for a hit whose match is not in its text (a Dnr)."""
    flat = _WS.sub(" ", text or "").strip()
    if len(flat) <= size:
        return Snippet(flat)
    cut = flat.rfind(" ", 0, size)
    return Snippet(flat[: cut if cut > size // 2 else size] + " …")
