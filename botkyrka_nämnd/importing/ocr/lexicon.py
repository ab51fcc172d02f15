"""Diacritic folding (:func:`fold`) and the Swedish word list that OCR'd words are read against.

The lexicon is wordfreq's Swedish ``large`` list (~340 000 words, a zipf frequency per word), loaded lazily
once (:func:`_lex`). Its words with diacritics are indexed by their *skeleton* (å/ä→a, ö→o, é→e), so that a
candidate search only has to enumerate the OCR characters whose readings differ in the skeleton.
``_SUPPLEMENT`` adds register words missing from wordfreq (``delår``).
"""

from __future__ import annotations

import bisect
import re
import threading

__all__ = ["fold"]

_FOLD = str.maketrans("åäöéÅÄÖÉ", "aaoeAAOE")
_SKEL = str.maketrans("åäöé", "aaoe")  # dictionary skeleton (lower case)
_DIACRITICS = frozenset("åäöÅÄÖ")


def fold(text: str) -> str:
    """Diacritic folding for matching: å/ä→a, ö→o, é→e (both cases), nothing else."""
    return text.translate(_FOLD)


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
