"""One token without context (:func:`_repair_token`), its case pattern, and its search variants.

Only a token that may be an OCR'd word is repaired (:func:`_eligible`): never numbers, upper-case
abbreviations of up to three letters, ordinals (``1a``), labels (``6A``), words already carrying å/ä/ö or
one-letter tokens. An ambiguous token that is a real word itself is left to the context
(:mod:`.context`). The correction takes the token's case (:func:`_apply_case`). :func:`variants` lists the
extra diacritic spellings of an ambiguous token for the search index.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from .candidates import _CAP_I, _OPTS, _correct
from .context import _AMBIGUOUS
from .lexicon import _DIACRITICS, _SKEL, _lex

__all__ = ["variants"]

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
