"""Candidate words for one lower-case OCR string (:func:`_correct`): character readings, costs, compounds.

How a word is repaired
----------------------
Every OCR-confusable character has a small set of letters it may stand for (SEEDS §4.1): ``a`` → å/ä,
``o`` → ö, ``é`` → ä/å/ö (rarely e), ``d`` → ä/ö/å, ``i`` → ä, ``6``/``8``/``0`` → ö, ``4`` → å/ä,
``3`` → å, ``&`` → ä/å, ``@`` → ä, ``1`` → l/i, ``{`` → f, a capital ``I`` in a lower-case word → l, and,
as a fallback, two adjacent confusable characters read as one letter (``Viérljus``, ``d&ven``,
``Jaimlikt``). Each reading has a cost, log10 of how much less likely the OCR character is given that
letter, estimated from the SEEDS counts (ä is printed as ``a`` a third of the time: 0.5; å as ``a`` three
times in four: 0.15; ``d`` for ä: 0.65 ...). Candidates come from wordfreq's Swedish ``large`` list
(~340 000 words) through a *skeleton* index (å/ä→a, ö→o, é→e), so only characters whose readings differ
in the skeleton (d, i, é, 1) are enumerated; a candidate's score is its zipf frequency minus its cost.

- A token that is in the list itself is replaced only by a candidate scoring ``DELTA`` (0.4) higher.
  The unaccented forms in wordfreq are mostly web text typed without diacritics (``ocksa`` 3.5 against
  ``också`` 6.2), so they go, while real words whose diacritic twin is not clearly likelier stay
  (``man``, ``var``, ``lag``, ``satt``, ``stod``).
- An unknown token takes the best candidate above a floor that falls with length (short words need
  common candidates; for 8+ letters any listed word will do).
- Compounds that wordfreq lacks (``budgetdverdrag``, ``Kvalitetsberattelse``) are split into two or
  three listed parts (a linking ``s`` allowed) and corrected part by part. Fewer parts win; a corrected
  split must beat the token's own split, which may end in an inflection (``kategoriseringar|na``) or in
  ``-skap`` (never ``skåp``). First parts also count how productive they are as prefixes in the list
  (``åter-`` starts 694 words, ``äter-`` 1). Short parts must be frequent and may not read d/i as a
  diacritic.
- ``_SUPPLEMENT`` (:mod:`.lexicon`) adds register words missing from wordfreq (``delår``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from .lexicon import _SKEL, _lex, _z

_CAP_I = "\x01"  # a capital I inside a lower-case word: may be l
_PAIR = "\x02"  # two confusable characters read for one letter

# The letters each OCR character may stand for, with a cost = log10 of how much less likely the OCR
# character is given that letter than given itself, estimated from the counts in SEEDS §4.1 (ä comes out
# as ``a`` 33 % of the time, å 75 %, ö as ``o`` 67 %; ``d`` stands for 22 % of the ä's ...). Characters
# that cannot be letters (é, digits, &, @, {) cost nothing: some reading is needed anyway.
_OPTS: dict[str, dict[str, float]] = {
    "a": {"å": 0.15, "ä": 0.5},
    "o": {"ö": 0.2},
    "d": {"ä": 0.65, "ö": 0.9, "å": 1.05},
    "i": {"ä": 0.77},
    "é": {"ä": 0.0, "å": 0.0, "ö": 0.0, "e": 1.5},  # é for e is rare; names keep their é
    "6": {"ö": 0.0},
    "8": {"ö": 0.0},
    "0": {"ö": 0.0},
    "4": {"å": 0.0, "ä": 0.0},
    "3": {"å": 0.0},
    "&": {"ä": 0.0, "å": 0.0},
    "@": {"ä": 0.0},
    "1": {"l": 0.0, "i": 0.0},
    _CAP_I: {"i": 0.0, "l": 0.3},
    "{": {"f": 0.0},
    _PAIR: {"ä": 0.3, "å": 0.3, "ö": 0.3},
}
_SKEL_OPTS: dict[str, tuple[str, ...]] = {  # the skeleton letters each character may become
    ch: tuple(dict.fromkeys(x.translate(_SKEL) for x in (ch, *opts) if x.isalpha())) for ch, opts in _OPTS.items()
}
_MISREAD_LETTERS = frozenset("di")  # real letters that may be misreads
MAX_MISREADS = 3  # d/i read as something else, per word
DELTA = 0.4  # zipf a candidate must gain over a word that is in the list itself
_NON_LETTER_OCR = frozenset("0134568&@{")
_PAIR_CHARS = frozenset("dé&4@ai")
_PAIR_STRONG = frozenset("é&4@")


def _min_single(n: int) -> float:
    """Lowest score (short words) or zipf (8+ letters) for a one-word correction of an unknown token."""
    if n <= 2:
        return 3.5
    if n == 3:
        return 3.0
    if n <= 5:
        return 2.5
    if n <= 7:
        return 2.0
    if n <= 9:
        return 1.2
    return 1.0


def _part_min(n: int) -> float:
    """Lowest zipf for one part of a compound."""
    if n <= 3:
        return 4.4
    if n == 4:
        return 3.0
    if n <= 6:
        return 2.5
    if n <= 8:
        return 1.8
    return 1.5


@dataclass(frozen=True)
class _Cand:
    word: str
    zipf: float
    cost: float
    bonus: float = 0.0  # productivity of a compound's first part

    @property
    def score(self) -> float:
        return self.zipf - self.cost + self.bonus


def _skeletons(s: str):
    """Yield the skeletons s can stand for (at most MAX_MISREADS d/i read as something else)."""
    opts = [_SKEL_OPTS.get(c, c) for c in s]
    if all(len(o) == 1 for o in opts):
        yield "".join(o[0] for o in opts)
        return
    limit = sum(1 for c in s if c in _MISREAD_LETTERS) > MAX_MISREADS
    for combo in product(*opts):
        if limit and sum(1 for oc, k in zip(s, combo) if oc in _MISREAD_LETTERS and oc != k) > MAX_MISREADS:
            continue
        yield "".join(combo)


def _fit(s: str, word: str) -> float | None:
    """Cost of reading OCR string s as word, or None if some character cannot be read so."""
    cost = 0.0
    mis = 0
    for oc, wc in zip(s, word):
        if oc == wc:
            continue
        c = _OPTS.get(oc, {}).get(wc)
        if c is None:
            return None
        cost += c
        mis += oc in _MISREAD_LETTERS
    return cost if mis <= MAX_MISREADS else None


@lru_cache(maxsize=200_000)
def _singles(s: str) -> tuple[_Cand, ...]:
    """All dictionary words s can be read as (same length), best score first."""
    lex = _lex()
    zipf, by_skel = lex.zipf, lex.by_skel
    seen: dict[str, _Cand] = {}
    for skel in _skeletons(s):
        words = by_skel.get(skel, ())
        if skel in zipf:
            words = (skel, *words)
        for word in words:
            if word not in seen:
                cost = _fit(s, word)
                if cost is not None:
                    seen[word] = _Cand(word, zipf[word], cost)
    return tuple(sorted(seen.values(), key=lambda c: c.score, reverse=True))


_SUFFIX_PART = re.compile(r"skap(?:et|en|ets|ens|s)?")
_SUFFIX_ZIPF = 5.0
_INFLECTIONS = ("arna", "erna", "orna", "na", "en", "et", "ens", "ets", "er", "ar", "or", "n", "t")


def _inflected_z(s: str) -> float:
    """zipf of a listed stem that s inflects (``kategoriseringar`` + ``na``), 0 if none: s is a word as read."""
    for suf in _INFLECTIONS:
        stem = s[: -len(suf)]
        if s.endswith(suf) and len(stem) >= 5:
            z = _z(stem)
            if z >= 2.5:
                return z
    return 0.0


def _head_bonus(word: str) -> float:
    """First parts are judged by how many words start with them (åter- 694, äter- 1), not only alone."""
    return 0.5 * math.log10(1 + _lex().prefix_count(word))


@lru_cache(maxsize=200_000)
def _part(seg: str, exact: bool, head: bool) -> _Cand | None:
    """Best reading of seg as one compound part (a linking s allowed at its end).

    Short parts must be frequent and may not read d or i as a diacritic (``nde`` is no ``näe``);
    no part reads é as e (``Munkhéttevédgen`` is no ``munk|hette|vägen``).
    """
    best: _Cand | None = None
    forms = [(seg, "")]
    if len(seg) > 3 and seg.endswith("s"):
        forms.append((seg[:-1], "s"))
    for body, link in forms:
        if len(body) < 3:
            continue
        floor = _part_min(len(body))
        if not head and _SUFFIX_PART.fullmatch(body):
            cands = [_Cand(body, _SUFFIX_ZIPF, 0.0)]  # -skap is a suffix here, not "skåp"
        elif exact:
            z = _z(body) if _is_plain(body) else 0.0
            if z < floor and not head:
                z = _inflected_z(body)
            cands = [_Cand(body, z, 0.0)] if z >= floor else []
        else:
            cands = [c for c in _singles(body) if c.zipf >= floor and c.cost <= (1.2 if len(body) > 4 else 0.5)]
        for c in cands:
            cand = _Cand(c.word + link, c.zipf, c.cost, _head_bonus(c.word) if head else 0.0)
            if best is None or cand.score > best.score:
                best = cand
    return best


@dataclass(frozen=True)
class _Split:
    parts: tuple[_Cand, ...]

    @property
    def word(self) -> str:
        return "".join(p.word for p in self.parts)

    @property
    def mean(self) -> float:
        return sum(p.score for p in self.parts) / len(self.parts)

    @property
    def key(self) -> tuple[int, float]:
        return (-len(self.parts), self.mean)


@lru_cache(maxsize=100_000)
def _split(s: str, depth: int, exact: bool) -> _Split | None:
    """Best reading of s as 1..depth compound parts: fewest parts first, then mean part score."""
    best: _Split | None = None
    whole = _part(s, exact, False)
    if whole is not None:
        best = _Split((whole,))
    if depth > 1:
        for j in range(3, len(s) - 2):
            head = _part(s[:j], exact, True)
            if head is None:
                continue
            tail = _split(s[j:], depth - 1, exact)
            if tail is None:
                continue
            cand = _Split((head, *tail.parts))
            if best is None or cand.key > best.key:
                best = cand
    return best


def _pair_variants(s: str):
    """s with one pair of adjacent confusable characters collapsed into a single unknown letter."""
    for i in range(len(s) - 1):
        a, b = s[i], s[i + 1]
        if a in _PAIR_CHARS and b in _PAIR_CHARS and (a in _PAIR_STRONG or b in _PAIR_STRONG or a + b in ("ai", "di")):
            yield s[:i] + _PAIR + s[i + 2 :]


def _is_plain(s: str) -> bool:
    return s.isalpha()


@lru_cache(maxsize=200_000)
def _correct(s: str, allow_pairs: bool = True) -> str | None:
    """Corrected lower-case form of OCR string s, or None to keep it."""
    plain = _is_plain(s)
    orig_z = _z(s) if plain else 0.0
    singles = [c for c in _singles(s) if c.word != s]
    floor = _min_single(len(s))
    if orig_z > 0:
        if singles and singles[0].score >= orig_z + DELTA and singles[0].zipf >= floor:
            return singles[0].word
        return None  # a known word without a clearly better spelling
    good = [c for c in singles if (c.zipf if len(s) >= 8 else c.score) >= floor]
    if good:
        return good[0].word
    if len(s) >= 6:
        comp = _split(s, 3, False)
        if comp is not None:
            if comp.word == s:
                return None  # a good compound as it stands
            orig = _split(s, 3, True) if plain else None
            if (
                orig is None
                or len(comp.parts) < len(orig.parts)
                or (len(comp.parts) == len(orig.parts) and comp.mean >= orig.mean + DELTA)
            ):
                return comp.word
            return None
    if allow_pairs:
        for v in _pair_variants(s):
            got = _correct(v, False)
            if got is not None:
                return got
    return None
