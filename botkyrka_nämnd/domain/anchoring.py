"""Text anchors for highlights: find a quoted passage again in a (possibly re-issued) text.

An annotation remembers *what* was marked, not where: the quote itself, a little context on each side
(prefix, suffix) and a position hint (the old character offset or the start of the page it was on). This
is the W3C "TextQuoteSelector" idea used by Hypothesis: offsets and page numbers break as soon as the
förvaltning inserts a paragraph, the quote does not.

:func:`locate` finds the passage in a new text in two stages:

1. **exact**: every occurrence of the quote (whitespace-insensitive, so re-wrapped lines still match);
   several occurrences are told apart by how well the surrounding text matches the prefix and suffix,
   then by the distance to the hint;
2. **fuzzy**: the text is cut into overlapping windows the size of the quote, the best windows
   (``rapidfuzz.process.extract`` with ``fuzz.ratio``) are refined to the best-matching span, and that
   span is accepted only when the quote is still recognisably there (a slightly edited sentence), never
   on context alone (a removed passage must not snap onto its neighbour).

What cannot be placed returns ``None``: the caller keeps the annotation on the old version and lists it
for review. Pure functions, no I/O.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

CONTEXT_CHARS = 32  # prefix/suffix length kept with each anchor
SHORT_QUOTE = 20  # quotes shorter than this need their context to confirm a match
MIN_FUZZY_QUOTE = 8  # below this, fuzzy matching is guesswork: exact or nothing
FUZZY_ACCEPT = 80.0  # quote similarity that places an anchor on its own
FUZZY_ACCEPT_WITH_CONTEXT = 65.0  # ... or this much, when the context also matches well
CONTEXT_CONFIRM = 85.0
SHORT_CONTEXT_MIN = 60.0  # a short quote found in an unrelated context is not the same passage
_CANDIDATES = 8

_WS = re.compile(r"\s+")
_SOFT_HYPHEN = "\u00ad"
_WS_OR_SOFT_HYPHEN = re.compile(r"[\s\u00ad]+")


@dataclass(frozen=True)
class TextQuote:
    """What an anchor remembers: the quote and up to :data:`CONTEXT_CHARS` of context on each side."""

    quote: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Anchor:
    """Where a quote was found: ``text[start:end]``; ``score`` 0-100; ``method`` 'exact' or 'fuzzy'."""

    start: int
    end: int
    score: float
    method: str


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so that it neither starts nor ends with whitespace (or a soft hyphen)."""
    start, end = max(0, start), min(len(text), end)
    while start < end and (text[start].isspace() or text[start] == _SOFT_HYPHEN):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == _SOFT_HYPHEN):
        end -= 1
    return start, end


def selector_for(text: str, start: int, end: int, *, context: int = CONTEXT_CHARS) -> TextQuote:
    """The anchor of ``text[start:end]`` (trimmed of surrounding whitespace)."""
    start, end = trim_span(text, start, end)
    return TextQuote(text[start:end], text[max(0, start - context) : start], text[end : end + context])


def normalize(s: str) -> str:
    """The form quotes are compared in: soft hyphens dropped, whitespace runs collapsed to one space."""
    return _WS.sub(" ", s.replace(_SOFT_HYPHEN, ""))


class PreparedText:
    """A text prepared for repeated :func:`locate` calls: its normalised form (:func:`normalize`) and a map
    from normalised offsets back to the original's. Build it once per document version when placing many
    anchors in it."""

    def __init__(self, text: str):
        self.original = text
        parts: list[str] = []
        # segments: (normalised start, original start); each covers a run that maps one-to-one
        self._norm_starts: list[int] = []
        self._orig_starts: list[int] = []
        pos = npos = 0
        for m in _WS_OR_SOFT_HYPHEN.finditer(text):
            s, e = m.span()
            if s > pos:
                self._norm_starts.append(npos)
                self._orig_starts.append(pos)
                parts.append(text[pos:s])
                npos += s - pos
            ws = next((i for i in range(s, e) if text[i] != _SOFT_HYPHEN), None)
            if ws is not None:  # a run with whitespace becomes one space; soft hyphens alone vanish
                self._norm_starts.append(npos)
                self._orig_starts.append(ws)
                parts.append(" ")
                npos += 1
            pos = e
        if pos < len(text):
            self._norm_starts.append(npos)
            self._orig_starts.append(pos)
            parts.append(text[pos:])
            npos += len(text) - pos
        self.text = "".join(parts)

    def _orig(self, i: int) -> int:
        k = bisect.bisect_right(self._norm_starts, i) - 1
        return self._orig_starts[k] + (i - self._norm_starts[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised ``[start, end)``."""
        if start >= end:
            pos = self._orig(start) if start < len(self.text) else len(self.original)
            return pos, pos
        return self._orig(start), self._orig(end - 1) + 1


def _context_score(hay: str, start: int, end: int, prefix: str, suffix: str) -> float | None:
    """How well the text around ``hay[start:end]`` matches the remembered context (None: no context)."""
    scores = []
    if prefix.strip():
        scores.append(fuzz.ratio(prefix, hay[max(0, start - len(prefix)) : start]))
    if suffix.strip():
        scores.append(fuzz.ratio(suffix, hay[end : end + len(suffix)]))
    return sum(scores) / len(scores) if scores else None


def _closeness(orig_start: int, hint: int | None, length: int) -> float:
    """0..1, 1 at the hint: a tie-breaker only."""
    if hint is None:
        return 0.0
    return 1.0 - min(1.0, abs(orig_start - hint) / max(1, length))


def locate(
    text: str | PreparedText, selector: TextQuote, *, hint: int | None = None, exact: bool = True
) -> Anchor | None:
    """Find ``selector`` in ``text`` (a string or a :class:`PreparedText`); ``hint`` is an expected
    character offset (the old offset or the start of the old page). Offsets are into the original text.
    ``exact=False`` skips the exact stage (the best edited passage, where an exact copy is known not to be
    the one that was marked)."""
    quote = normalize(selector.quote).strip()
    if not quote:
        return None
    norm = text if isinstance(text, PreparedText) else PreparedText(text)
    hay = norm.text
    length = len(norm.original)
    prefix, suffix = normalize(selector.prefix), normalize(selector.suffix)
    found = _exact(norm, hay, quote, prefix, suffix, hint, length) if exact else None
    if found is not None:
        return found
    if len(quote) < MIN_FUZZY_QUOTE:
        return None
    return _fuzzy(norm, hay, quote, prefix, suffix, hint, length)


def _exact(
    norm: PreparedText, hay: str, quote: str, prefix: str, suffix: str, hint: int | None, length: int
) -> Anchor | None:
    best = None
    pos = hay.find(quote)
    while pos >= 0:
        ctx = _context_score(hay, pos, pos + len(quote), prefix, suffix)
        ostart, oend = norm.span(pos, pos + len(quote))
        key = (ctx if ctx is not None else 100.0, _closeness(ostart, hint, length))
        if best is None or key > best[0]:
            best = (key, ostart, oend, ctx)
        pos = hay.find(quote, pos + 1)
    if best is None:
        return None
    _, ostart, oend, ctx = best
    if len(quote) < SHORT_QUOTE and ctx is not None and ctx < SHORT_CONTEXT_MIN:
        return None  # "jäv" somewhere else in the document is not the "jäv" that was marked
    return Anchor(ostart, oend, 100.0, "exact")


def _score(hay: str, quote: str, prefix: str, suffix: str, s: int, e: int) -> tuple[float, float, float | None]:
    """(combined, quote similarity, context similarity) of the span ``hay[s:e]``."""
    q = fuzz.ratio(quote, hay[s:e])
    ctx = _context_score(hay, s, e, prefix, suffix)
    return (q if ctx is None else 0.75 * q + 0.25 * ctx), q, ctx


def _refine(hay: str, quote: str, prefix: str, suffix: str, start: int, end: int) -> tuple[int, int]:
    """Move the span's ends to where quote and context match best (an edit may have changed the
    passage's length, and the context pins where it begins and ends)."""
    reach = min(60, max(3, len(quote) // 4))
    best = (_score(hay, quote, prefix, suffix, start, end)[0], start, end)
    for _ in range(2):
        _, s0, e0 = best
        for s in range(max(0, s0 - reach), min(e0, s0 + reach + 1)):
            c = _score(hay, quote, prefix, suffix, s, e0)[0]
            if c > best[0]:
                best = (c, s, e0)
        _, s0, e0 = best
        for e in range(max(s0 + 1, e0 - reach), min(len(hay), e0 + reach) + 1):
            c = _score(hay, quote, prefix, suffix, s0, e)[0]
            if c > best[0]:
                best = (c, s0, e)
    _, s, e = best
    return _snap_to_words(hay, quote, s, e)


def _snap_to_words(hay: str, quote: str, s: int, e: int) -> tuple[int, int]:
    """Don't start or end a fuzzy match in the middle of a word (or drop the quote's final stop)."""
    while s < e and hay[s] == " ":
        s += 1
    while e > s and hay[e - 1] == " ":
        e -= 1
    if s >= e:
        return s, e
    if quote[0].isalnum():
        while s > 0 and hay[s - 1].isalnum() and hay[s].isalnum():
            s -= 1
    if quote[-1].isalnum() or not quote[-1].isspace():
        while e < len(hay) and hay[e - 1].isalnum() and hay[e].isalnum():
            e += 1
    if not quote[-1].isalnum() and e < len(hay) and hay[e] == quote[-1] and hay[e - 1] != quote[-1]:
        e += 1
    return s, e


def _fuzzy(
    norm: PreparedText, hay: str, quote: str, prefix: str, suffix: str, hint: int | None, length: int
) -> Anchor | None:
    width = len(quote)
    if not hay:
        return None
    step = max(1, width // 4)
    starts = list(range(0, max(1, len(hay) - width + 1), step))
    if starts[-1] != max(0, len(hay) - width):
        starts.append(max(0, len(hay) - width))
    windows = [hay[s : s + width] for s in starts]
    candidates = process.extract(quote, windows, scorer=fuzz.ratio, limit=_CANDIDATES, score_cutoff=40)
    best = None
    for _, _, idx in candidates:
        lo = max(0, starts[idx] - width // 2)
        region = hay[lo : starts[idx] + width + width // 2]
        al = fuzz.partial_ratio_alignment(quote, region)
        if al is None:
            continue
        s, e = _refine(hay, quote, prefix, suffix, lo + al.dest_start, lo + al.dest_end)
        if s >= e:
            continue
        combined, qscore, ctx = _score(hay, quote, prefix, suffix, s, e)
        ostart, oend = norm.span(s, e)
        key = (combined, _closeness(ostart, hint, length))
        if best is None or key > best[0]:
            best = (key, ostart, oend, qscore, ctx)
    if best is None:
        return None
    (combined, _), ostart, oend, qscore, ctx = best
    confirmed = ctx is not None and ctx >= CONTEXT_CONFIRM
    if len(quote) < SHORT_QUOTE and not confirmed:
        return None
    if qscore >= FUZZY_ACCEPT or (confirmed and qscore >= FUZZY_ACCEPT_WITH_CONTEXT):
        return Anchor(ostart, oend, round(combined, 1), "fuzzy")
    return None


_SENTENCE_END = re.compile(r"[.!?:;]\s+(?=\S)")


def within_bounds(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """A proposed span that respects paragraph and sentence bounds: a passage that was one paragraph is
    proposed within one paragraph (the one that holds most of the match; a fuzzy match must not start in
    the tail of another paragraph), and one that began a sentence begins a sentence (the next sentence
    start in the first half of the span, when the match began mid-sentence)."""
    if "\n" not in quote.strip():
        pieces, pos = [], start
        for line in text[start:end].split("\n"):
            pieces.append((len(line.strip()), pos, pos + len(line)))
            pos += len(line) + 1
        _n, s, e = max(pieces)
        start, end = trim_span(text, s, e) if s < e else (start, end)
    q = quote.lstrip()
    mid_sentence = start > 0 and text[start - 1] not in "\n" and not _SENTENCE_END.match(text, max(0, start - 2))
    if q[:1].isupper() and mid_sentence and not text[start : start + 1].isupper():
        m = _SENTENCE_END.search(text, start, start + (end - start) // 2)
        if m is not None and m.end() < end:
            start = m.end()
    return start, end
