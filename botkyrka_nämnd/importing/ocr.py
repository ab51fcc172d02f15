"""OCR detection and dictionary repair of Swedish text (pure Python, offline, no Qt).

Scanned kallelser were OCR'd without a Swedish language model (SEEDS.md §4.1): file 002 has no å/ä/ö at
all, ``é`` 1 155 times, and about 22 % of its word tokens damaged (``Socialndmnden``, ``godkénner``,
``6kar``, ``dverlamnar``, ``&r`` ...). This module

- tells OCR text from digital text (:func:`classify_text`),
- repairs damaged words with a Swedish word-frequency list (:func:`repair_word`, :func:`repair_text`),
- lists the extra diacritic spellings of ambiguous tokens for the search index (:func:`variants`),
- folds diacritics for matching (:func:`fold`).

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
- ``_SUPPLEMENT`` adds register words missing from wordfreq (``delår``).

Ambiguous tokens
----------------
Some OCR forms are real words themselves (stod/stöd, vald/våld, for/för, mal/mål, ar/år/är, far/får,
sa/så, Taget/Tåget). :func:`repair_word` leaves them alone. :func:`repair_text` decides them from
context. No Swedish bigram list is available offline, so the context rules are a small curated set for
this register (kommunala handlingar), in ``_context_choice``; neighbours are compared after repair and
folding, and a sentence boundary ends the context:

- ``for`` → ``för`` unless a subject pronoun precedes and a motion word follows (``de for hem``);
- ``far`` → ``får`` unless a kinship word is next to it (``barnets far``) or ``illa`` follows;
- ``mal`` → ``mål`` (the moth and grinding readings do not occur in this register);
- ``sa`` → ``så`` unless a subject pronoun precedes (``han sa``);
- ``ar`` → ``år`` after a small number or a time word (``i ar``, ``varje ar``, ``18 ar``) or before a year
  or ``sedan``, else ``är``;
- ``stod`` → ``stöd`` unless a personal pronoun precedes or a particle follows (``de stod kvar``);
- ``vald`` → ``våld`` unless a copula precedes or ``till`` follows (``blev vald``, ``vald till``).

Capitalised names (``Varljus``, ``TAGET``) take the spelling that an unambiguous OCR form of the same
word has in the same text (``Vérljus`` → Vårljus, ``Téget`` → Tåget); lower-case ``taget`` stays. A
stand-alone ``1`` between two words on a line is read as ``i`` (``hamnar 1 denna prognos``) unless it
counts something (``delår 1``, ``1 juli``, ``kap 1``). Finally a long token that is still unknown is
matched with rapidfuzz against the repaired vocabulary of the same text, allowing only OCR-like edits
away from the word's end (``Kovalitetsberittelse`` → Kvalitetsberättelse).

Digital text and what is never touched
--------------------------------------
:func:`repair_text` treats text with its diacritics (ratio at least 0.5 %) as digital: there an
unaccented word is what it says, so only tokens that cannot be words (a digit, ``&``, ``@`` or ``{``
inside) are repaired. Never touched: numbers, Dnr (``SN 2018:254``, ``SN72018-320``), e-mail addresses,
URLs, upper-case abbreviations of up to three letters, ordinals (``1a``), labels (``6A``), words already
carrying å/ä/ö, one-letter tokens, and short fragments of words hyphenated at a line end. Repairs replace
whole tokens inside a line, so the line structure (and the line count) is unchanged.

Measured on the seeds (bench/ocr.py): 002 has 6 562 of 25 845 tokens changed in about a second (0.2 s
warm); 000 is unchanged; 000 and 003 with their diacritics stripped get 95 % / 94 % of them back and
0.03 % / 0.12 % of their other tokens changed.
"""

from __future__ import annotations

import bisect
import math
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise, product

from ..domain import dates as _dates

__all__ = ["classify_text", "fold", "repair_text", "repair_word", "variants"]

# --------------------------------------------------------------------------------------------------
# Folding and classification

_FOLD = str.maketrans("åäöéÅÄÖÉ", "aaoeAAOE")
_SKEL = str.maketrans("åäöé", "aaoe")  # dictionary skeleton (lower case)
_DIACRITICS = frozenset("åäöÅÄÖ")


def fold(text: str) -> str:
    """Diacritic folding for matching: å/ä→a, ö→o, é→e (both cases), nothing else."""
    return text.translate(_FOLD)


_COUNT_WORD = re.compile(r"[^\W\d_]+")
_OCR_LETTER = re.compile(r"é|É|(?<=[^\W\d_])&|&(?=[^\W\d_])")
_SWEDISH_FUNCTION = frozenset({"och", "att", "det", "som", "av", "med", "till", "den", "om", "en"})

OCR_RATIO_LIMIT = 0.005  # (å+ä+ö)/words below this: diacritics are missing
OCR_MARK_MIN = 0.005  # é or letter-& per word at or above this: "frequent"
SHORT_TEXT_WORDS = 200


def _diacritic_ratio(text: str) -> tuple[float, int]:
    words = len(_COUNT_WORD.findall(text))
    dia = sum(1 for c in text if c in _DIACRITICS)
    return (dia / words if words else 0.0), words


def classify_text(text: str) -> tuple[str, float]:
    """``('digital'|'ocr', ratio)``, ratio = (å+ä+ö+Å+Ä+Ö)/word count.

    Swedish text is ``'ocr'`` when the ratio is below 0.5 % and ``é`` or ``&`` used as a letter is frequent
    (at least 0.5 % of the words; SEEDS §4.1). Texts under 200 words are ``'digital'`` unless clearly OCR:
    no å/ä/ö at all and at least 3 such marks making up 3 % of the words. "Swedish" means that common
    Swedish function words make up at least 5 % of the words, so English or empty text stays digital.
    """
    ratio, words = _diacritic_ratio(text)
    if words == 0:
        return "digital", 0.0
    tokens = _COUNT_WORD.findall(text)
    swedish = sum(1 for t in tokens if fold(t.lower()) in _SWEDISH_FUNCTION) >= 0.05 * words
    marks = len(_OCR_LETTER.findall(text))
    if not swedish or ratio >= OCR_RATIO_LIMIT:
        return "digital", ratio
    if words < SHORT_TEXT_WORDS:
        clearly = ratio == 0.0 and marks >= 3 and marks >= 0.03 * words
        return ("ocr" if clearly else "digital"), ratio
    return ("ocr" if marks >= OCR_MARK_MIN * words else "digital"), ratio


# --------------------------------------------------------------------------------------------------
# The lexicon (wordfreq, loaded lazily once)

_DIA_WORD = re.compile(r"^.*[åäöé].*$", re.MULTILINE)
# Words of this register that wordfreq's list lacks (zipf given by hand, about that of "helår" 1.84)
_SUPPLEMENT = {"delår": 2.5}


class _Lexicon:
    """wordfreq's Swedish ``large`` list: zipf per word, and the diacritic words by skeleton (å/ä→a ...)."""

    def __init__(self) -> None:
        from wordfreq import get_frequency_list

        zipf: dict[str, float] = {}
        for index, bucket in enumerate(get_frequency_list("sv", "large")):  # bucket i: 10^(-i/100)
            zipf.update(dict.fromkeys(bucket, round(9.0 - index / 100.0, 2)))
        dia = _DIA_WORD.findall("\n".join(zipf))  # most frequent first
        by_skel: dict[str, list[str]] = {}
        for skel, word in zip("\n".join(dia).translate(_SKEL).split("\n"), dia):
            by_skel.setdefault(skel, []).append(word)
        for word, z in _SUPPLEMENT.items():
            if word not in zipf:
                zipf[word] = z
                by_skel.setdefault(word.translate(_SKEL), []).append(word)
        self.zipf = zipf
        self.by_skel = by_skel
        self._sorted: list[str] | None = None

    def prefix_count(self, prefix: str) -> int:
        """How many listed words start with prefix: how productive it is as a compound's first part."""
        if self._sorted is None:
            self._sorted = sorted(self.zipf)
        words = self._sorted
        return bisect.bisect_left(words, prefix + "\uffff") - bisect.bisect_left(words, prefix)


_lexicon: _Lexicon | None = None
_lexicon_lock = threading.Lock()


def _lex() -> _Lexicon:
    global _lexicon
    if _lexicon is None:
        with _lexicon_lock:
            if _lexicon is None:
                _lexicon = _Lexicon()
    return _lexicon


def _z(word: str) -> float:
    return _lex().zipf.get(word, 0.0)


# --------------------------------------------------------------------------------------------------
# Candidate generation for one lower-case OCR string

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


# --------------------------------------------------------------------------------------------------
# Tokens

_TOKEN = re.compile(r"(?:[^\W_]|[&@{])+")
_PROTECTED = re.compile(
    r"""
      [\w.+-]+@[\w-]+(?:\.[\w-]+)+                              # e-mail
    | (?:https?://|www\.)\S+                                    # URL
    | \b[\w-]+(?:\.[\w-]+)*\.(?:se|nu|com|org|net|eu|info)\b    # bare domain
    | (?<![\w])(?:SN|KS|KF|VON|SBF|HBS|Lst|Dnr\.?)[ \t/]*[7]?(?:19|20)\d\d[\d:/\-. ]*\d   # Dnr
    """,
    re.VERBOSE | re.IGNORECASE,
)
_ORDINAL = re.compile(r"\d+[aAeE]")
_BAD_DIGIT = re.compile(r"[2579]|\d{3}")


def _eligible(tok: str) -> bool:
    letters = sum(1 for c in tok if c.isalpha())
    if letters == 0 or len(tok) < 2:
        return False
    has_digit = any(c.isdigit() for c in tok)
    if has_digit:
        if _BAD_DIGIT.search(tok) or sum(c.isdigit() for c in tok) > 2 or _ORDINAL.fullmatch(tok):
            return False
        if letters < 4 and re.search(r"\d\d", tok):
            return False
        if tok[0].isdigit() and all(c.isupper() for c in tok if c.isalpha()):
            return False  # 6A, 0A: a label, not a word
    elif len(tok) <= 3 and tok.isupper():
        return False  # LVU, MVP, IVO, SN: abbreviations
    elif any(c in _DIACRITICS for c in tok):
        return False  # read with its diacritics: the OCR saw this word right
    return True


def _prepare(tok: str) -> str:
    """Lower-case OCR string with a capital I inside a lower-case word marked as l-candidate."""
    letters = [c for c in tok if c.isalpha()]
    mixed = any(c.islower() for c in letters)
    out = []
    for c in tok:
        if c == "I" and mixed:
            out.append(_CAP_I)
        else:
            out.append(c.lower())
    return "".join(out)


def _apply_case(orig: str, new: str) -> str:
    """The case pattern of orig on new: UPPER, Capitalised, lower, or CamelCase letter by letter."""
    letters = [c for c in orig if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return new.upper()
    if len(orig) == len(new) and any(b.isupper() and a.islower() for a, b in pairwise(orig)):
        return "".join(n.upper() if o.isupper() else n for o, n in zip(orig, new))
    first = orig[0]
    if first == "I" and new[:1] == "l" and any(c.islower() for c in letters):
        return new  # a capital I that was an l
    if first.isupper():
        return new[:1].upper() + new[1:]
    return new


@lru_cache(maxsize=100_000)
def _repair_token(tok: str) -> str:
    """Context-free repair of one token (no ambiguity decisions)."""
    if tok == "i1":
        return "i"
    if not _eligible(tok):
        return tok
    s = _prepare(tok)
    if s in _AMBIGUOUS:
        return tok
    got = _correct(s)
    if got is None:
        return tok
    return _apply_case(tok, got)


def repair_word(word: str) -> str:
    """Best dictionary correction of one OCR'd word, or the word itself when there is no better one.

    Punctuation around the word is kept (``Socialndmnden,`` → ``Socialnämnden,``). Ambiguous words that
    are real words themselves (stod, vald, for, ar, far, mal, sa, taget) are returned unchanged: without
    context there is no better choice; :func:`repair_text` decides those from their neighbours.
    """
    return _repair(word, ocr=True, context=False)


VARIANT_MIN_ZIPF = 3.0  # both spellings must be common words
VARIANT_MAX_GAP = 1.5  # the diacritic form may be at most this much rarer than the word itself


def variants(word: str) -> list[str]:
    """Extra diacritic spellings of an ambiguous token, to index as *additional* search terms.

    A token is ambiguous when it is a common word as it stands and adding diacritics to its a/o/e gives
    another common word that is not much rarer: ``vald`` → ``['våld']``, ``stod`` → ``['stöd']``,
    ``Taget`` → ``['Tåget']``, ``ar`` → ``['är', 'år']``. Unknown or unambiguous words give ``[]``, and so
    do words that already carry diacritics (folding covers the other direction). Case is kept.
    """
    low = word.lower()
    if not low.isalpha() or any(c in _DIACRITICS for c in low):
        return []
    lex = _lex()
    z = lex.zipf.get(low, 0.0)
    if z < VARIANT_MIN_ZIPF:
        return []
    out = []
    for other in lex.by_skel.get(low.translate(_SKEL), ()):
        if other == low or any(a != b and b not in _OPTS.get(a, {}) for a, b in zip(low, other)):
            continue
        oz = lex.zipf[other]
        if oz >= VARIANT_MIN_ZIPF and oz >= z - VARIANT_MAX_GAP:
            out.append(_apply_case(word, other))
    return out


# --------------------------------------------------------------------------------------------------
# Ambiguous words and context

_AMBIGUOUS = frozenset({"for", "far", "mal", "sa", "ar", "stod", "vald", "taget"})

# neighbour words are compared folded and lower-case
_SUBJECT = frozenset({"han", "hon", "hen", "jag", "vi", "de", "dom", "ni", "du", "man", "nagon", "vilket", "vilka"})
_MOTION = frozenset({"till", "hem", "ivag", "bort", "ut", "vidare", "dit", "hit", "fort", "over", "tillbaka"})
_KIN = frozenset(
    {
        "mor",
        "mamma",
        "pappa",
        "foralder",
        "foraldrar",
        "barnets",
        "barnens",
        "hans",
        "hennes",
        "min",
        "din",
        "sin",
        "var",
        "deras",
        "biologisk",
        "biologiska",
        "blivande",
        "ensam",
    }
)
_YEAR_PREV = frozenset(
    {
        "i",
        "per",
        "varje",
        "vartannat",
        "ett",
        "nasta",
        "forra",
        "samma",
        "kommande",
        "foregaende",
        "tidigare",
        "innevarande",
        "senaste",
        "forsta",
        "andra",
        "tredje",
        "tva",
        "tre",
        "fyra",
        "fem",
        "sex",
        "sju",
        "atta",
        "nio",
        "tio",
        "flera",
        "nagra",
        "par",
        "halvt",
        "vart",
        "nytt",
        "gott",
    }
)
_YEAR_NEXT = frozenset({"manad", "belopp", "kvartal", "sedan", "senare", "framat", "bakat"})
_STOD_VERB_NEXT = frozenset(
    {"kvar", "still", "emot", "upp", "bakom", "infor", "framfor", "utanfor", "pa", "klart", "fast", "sig", "han", "hon"}
)
_STOD_SUBJECT = frozenset({"han", "hon", "hen", "jag", "vi", "dom", "ni", "du", "vilket", "vilka", "de"})
_VALD_VERB_PREV = frozenset(
    {
        "ar",
        "blev",
        "bli",
        "blir",
        "blivit",
        "var",
        "vara",
        "varit",
        "nyligen",
        "direkt",
        "demokratiskt",
        "noga",
        "noggrant",
        "valet",
        "ater",
        "nyss",
    }
)
_VALD_VERB_NEXT = frozenset({"till", "in", "ut", "ledamot", "ordforande", "ersattare", "revisor"})


def _context_choice(lw: str, prev: str | None, nxt: str | None, nxt2: str | None) -> str:
    """Lower-case reading of an ambiguous OCR word from its folded neighbours (None at a boundary)."""
    p, n = prev or "", nxt or ""
    if lw == "for":
        return "for" if (p in _SUBJECT and n in _MOTION) else "för"
    if lw == "far":
        kin = p in _KIN or n in _KIN or (n in ("och", "eller") and (nxt2 or "") in _KIN)
        return "far" if (kin or n == "illa") else "får"
    if lw == "mal":
        return "mål"
    if lw == "sa":
        return "sa" if p in _SUBJECT else "så"
    if lw == "ar":
        if re.fullmatch(r"\d{1,3}", p) or p in _YEAR_PREV or n in _YEAR_NEXT or re.fullmatch(r"(?:19|20)\d\d", n):
            return "år"
        return "är"
    if lw == "stod":
        return "stod" if (p in _STOD_SUBJECT or n in _STOD_VERB_NEXT) else "stöd"
    if lw == "vald":
        return "vald" if (p in _VALD_VERB_PREV or n in _VALD_VERB_NEXT) else "våld"
    return lw


_MONTHS = frozenset({*_dates.MONTHS, *(m[:3] for m in _dates.MONTHS), "sept"})
# a number, not "i", follows these (folded; also as the end of a compound: "delårsuppföljning 1")
_COUNTED_ENDS = (
    "delar",
    "deldr",
    "kvartal",
    "tertial",
    "bilaga",
    "kapitel",
    "kap",
    "steg",
    "niva",
    "fas",
    "version",
    "punkt",
    "nummer",
    "nr",
    "sida",
    "plan",
    "grupp",
    "dag",
    "vecka",
    "manad",
    "klass",
    "tabell",
    "figur",
    "diagram",
    "bild",
    "alternativ",
    "etapp",
    "omgang",
    "termin",
    "paragraf",
    "avsnitt",
    "moment",
    "prioritet",
    "omrade",
    "stycket",
    "rad",
    "rapport",
    "uppfoljning",
    "vuxen",
    "niva",
    "mal",
    "matt",
    "fraga",
)
_COUNTED = frozenset(
    {"del", "ar", "ak", "lag", "den", "fran", "till", "per", "sedan", "och", "eller", "med", "om", "nummer", "bilaga"}
)
# ... and these follow a number, not "i": months, units, and words "i" cannot precede
_COUNT_NEXT = _MONTHS | frozenset(
    {
        "kap",
        "kapitel",
        "st",
        "kr",
        "tkr",
        "mkr",
        "procent",
        "timme",
        "timmar",
        "dag",
        "dagar",
        "ar",
        "gang",
        "person",
        "personer",
        "miljon",
        "miljoner",
        "vecka",
        "veckor",
        "manad",
        "manader",
        "plats",
        "platser",
        "tjanst",
        "pa",
        "for",
        "och",
        "med",
        "till",
        "av",
        "om",
        "som",
        "eller",
        "i",
    }
)

# --------------------------------------------------------------------------------------------------
# Text repair


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    line: int
    out: str | None  # None: protected (e-mail, URL, Dnr), never changed
    boundary_before: bool = False  # sentence punctuation between the previous token and this one
    fragment: bool = False  # part of a word hyphenated at a line end


_SENT_PUNCT = frozenset(".!?:;")
_HYPHEN_END = re.compile(r"-[ \t]*\n")  # right after a token: the word goes on on the next line
_HYPHEN_GAP = re.compile(r"-[ \t]*\n\s*")  # the gap before a continuation


def _tokens(text: str) -> list[_Tok]:
    protected = [m.span() for m in _PROTECTED.finditer(text)]
    toks: list[_Tok] = []
    pi = 0
    line = 0
    last_end = 0
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        word = m.group()
        gap = text[last_end:s]
        last_start = last_end
        last_end = e
        boundary = not toks or any(c in _SENT_PUNCT for c in gap)
        tok = _Tok(s, e, word, line, word, boundary)
        if "\n" in gap:
            line += gap.count("\n")
            tok.line = line
            tok.fragment = (
                word[:1].islower()
                and text[last_start - 1 : last_start].isalpha()
                and _HYPHEN_GAP.fullmatch(gap) is not None
            )
        if text.startswith("-", e) and _HYPHEN_END.match(text, e):
            tok.fragment = True
        while pi < len(protected) and protected[pi][1] <= s:
            pi += 1
        if pi < len(protected) and protected[pi][0] <= s:
            tok.out = None  # protected: never changed
        toks.append(tok)
    return toks


def _folded(t: _Tok | None) -> str | None:
    if t is None:
        return None
    return fold((t.out or t.text).lower())


def repair_text(text: str, *, ocr: bool | None = None) -> str:
    """Dictionary repair of OCR damage; same lines and line structure, only words replaced, case kept.

    By default the text is treated as OCR when it lacks diacritics (ratio below 0.5 %, as in 002): all
    words are repaired and ambiguous ones are decided from context. Text that has its diacritics is
    digital: only tokens that cannot be words (a digit, ``&``, ``@`` or ``{`` inside) are repaired, so a
    clean file comes back unchanged. ``ocr=True``/``False`` overrides the detection.
    """
    if ocr is None:
        ocr = _diacritic_ratio(text)[0] < OCR_RATIO_LIMIT
    return _repair(text, ocr=ocr, context=ocr)


def _repair(text: str, *, ocr: bool, context: bool) -> str:
    toks = _tokens(text)
    words = [t for t in toks if t.out is not None]
    for t in words:
        # digital text and short hyphenation fragments (``an-``/``neli``): only tokens that cannot be words
        if (ocr and not (t.fragment and len(t.text) <= 5)) or not _NON_LETTER_OCR.isdisjoint(t.text):
            t.out = _repair_token(t.text)
    if context:
        _resolve_ambiguous(toks)
        _standalone_one(toks, text)
        _document_evidence(words)
        _document_fuzzy(words)
    parts: list[str] = []
    pos = 0
    for t in words:
        if t.out != t.text:
            parts.append(text[pos : t.start])
            parts.append(t.out)
            pos = t.end
    parts.append(text[pos:])
    return "".join(parts)


def _neighbours(toks: list[_Tok], i: int) -> tuple[str | None, str | None, str | None]:
    t = toks[i]
    prev = None if t.boundary_before or i == 0 else _folded(toks[i - 1])
    nxt = nxt2 = None
    if i + 1 < len(toks) and not toks[i + 1].boundary_before:
        nxt = _folded(toks[i + 1])
        if i + 2 < len(toks) and not toks[i + 2].boundary_before:
            nxt2 = _folded(toks[i + 2])
    return prev, nxt, nxt2


def _resolve_ambiguous(toks: list[_Tok]) -> None:
    for i, t in enumerate(toks):
        if t.out is None:
            continue
        lw = t.text.lower()
        if lw not in _AMBIGUOUS or lw == "taget":
            continue
        if t.text.isupper() and len(t.text) <= 3:
            continue
        choice = _context_choice(lw, *_neighbours(toks, i))
        if choice != lw:
            t.out = _apply_case(t.text, choice)


def _standalone_one(toks: list[_Tok], text: str) -> None:
    """``hamnar 1 denna prognos`` → ``hamnar i denna prognos``."""
    for i in range(1, len(toks) - 1):
        t, p, n = toks[i], toks[i - 1], toks[i + 1]
        if t.text != "1" or t.out is None or p.out is None or n.out is None:
            continue
        if text[p.end : t.start] != " " or text[t.end : n.start] != " ":
            continue
        if p.line != t.line or n.line != t.line:
            continue
        if not (_is_plain(p.out) and _is_plain(n.out)) or n.out.isupper():
            continue
        pf, nf = fold(p.out.lower()), fold(n.out.lower())
        if pf in _COUNTED or pf.endswith(_COUNTED_ENDS) or nf in _COUNT_NEXT:
            continue
        t.out = "i"


def _document_evidence(words: list[_Tok]) -> None:
    """Capitalised names take the spelling an unambiguous OCR form of them has in the same text."""
    evidence: dict[str, Counter] = defaultdict(Counter)
    for t in words:
        if t.out != t.text and _has_misread(t.text, t.out.lower()):
            low = t.out.lower()
            if len(low) >= 5:
                evidence[fold(low)][low] += 1
    if not evidence:
        return
    for t in words:
        if t.out != t.text or len(t.text) < 5 or not t.text[0].isupper():
            continue
        low = t.text.lower()
        if not _is_plain(low) or any(c in _DIACRITICS for c in low):
            continue
        seen = evidence.get(fold(low))
        if seen:
            best = seen.most_common(1)[0][0]
            if best != low:
                t.out = _apply_case(t.text, best)


def _has_misread(orig: str, new: str) -> bool:
    """True when the repair read a character that cannot be a plain a/o (é, d, i, digits ...)."""
    o = orig.lower()
    if len(o) != len(new):
        return True
    return any(oc != nc and oc not in "ao" for oc, nc in zip(o, new))


_FUZZY_SUB = frozenset("adeiouyé01345689&@")
_FUZZY_INDEL = frozenset("aeiouyé")


def _ocr_edit(op, key: str, target: str) -> bool:
    """An edit OCR plausibly made: a vowel or confusable character, and not in the last three letters."""
    if op.src_pos >= len(key) - 3:
        return False
    if op.tag == "replace":
        return key[op.src_pos] in _FUZZY_SUB
    if op.tag == "delete":
        return key[op.src_pos] in _FUZZY_INDEL
    return target[op.dest_pos] in _FUZZY_INDEL


def _document_fuzzy(words: list[_Tok]) -> None:
    """A still-unknown long token → the nearest repaired word of the same text (rapidfuzz, folded).

    Only edits that keep the first letter and the last three (the inflection), at most one edit under
    ten letters and two from ten on: ``Kovalitetsberittelse`` → Kvalitetsberättelse, while
    ``bosamordnare`` stays and ``maluppfyllelsen`` does not become ``måluppfyllelse``.
    """
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    vocab_count: Counter = Counter()
    for t in words:
        low = t.out.lower()
        if len(low) >= 7 and _is_plain(low) and (_z(low) >= 2.0 or t.out != t.text):
            vocab_count[low] += 1
    if not vocab_count:
        return
    vocab = list(vocab_count)
    folded_vocab = [fold(v) for v in vocab]
    for t in words:
        if t.out != t.text or len(t.text) < 7 or not _eligible(t.text):
            continue
        low = t.text.lower()
        if _z(low) > 0 or (_is_plain(low) and _split(low, 3, True) is not None):
            continue
        key = fold(low)
        limit = 1 if len(key) < 10 else 2
        for _, _dist, idx in process.extract(
            key, folded_vocab, scorer=Levenshtein.distance, score_cutoff=limit, limit=3
        ):
            target = folded_vocab[idx]
            if target[0] != key[0] or target[-3:] != key[-3:] or abs(len(target) - len(key)) > 1:
                continue
            if not all(_ocr_edit(op, key, target) for op in Levenshtein.editops(key, target)):
                continue
            t.out = _apply_case(t.text, vocab[idx])
            break
