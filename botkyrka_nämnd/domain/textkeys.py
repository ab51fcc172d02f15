"""Comparison keys for Swedish text: the one home of the folding rule that the importer (headings,
titles), the store (matching re-issued items by title) and search share. Keys only compare; stored
text is never changed by them."""

from __future__ import annotations

import re
from functools import lru_cache

_FOLD = str.maketrans(
    {
        "å": "a",
        "ä": "a",
        "á": "a",
        "à": "a",
        "â": "a",
        "ã": "a",
        "æ": "a",
        "ö": "o",
        "ø": "o",
        "ó": "o",
        "ò": "o",
        "ô": "o",
        "õ": "o",
        "é": "e",
        "è": "e",
        "ê": "e",
        "ë": "e",
        "ü": "u",
        "ú": "u",
        "í": "i",
        "ï": "i",
        "–": "-",
        "—": "-",
        "−": "-",
    }
)


def fold(text: str) -> str:
    """Comparison key: lower case, å/ä -> a, ö -> o, é -> e, dashes -> '-'."""
    return text.lower().translate(_FOLD)


_OCR_SUBS = (
    (re.compile(r"(?<=[a-z])[6048](?=[a-z])|(?<![\w])6(?=[a-z]{2})|(?<![\w])0(?=[a-z]{2})"), "o"),
    (re.compile(r"(?<=[a-z])[&@](?=[a-z])|(?<![\w])&(?=[a-z])|(?<=[a-z])&(?![\w])"), "a"),
    (re.compile(r"(?<=[a-z])4(?=[a-z])|(?<![\w])4(?=[rnv][a-z]*\b)"), "a"),
    (re.compile(r"\bk1\b"), "kl"),
)


_OCR_TRIGGER = re.compile(r"[a-z][6048&@]|[6048&@][a-z]|(?<!\w)&|\bk1\b")


@lru_cache(maxsize=65536)
def ocr_fold(text: str) -> str:
    """:func:`fold` plus the commonest OCR look-alikes inside words (``uppf6ljning``, ``&r``, ``k1``).
    Used only to *compare* (headings, titles), never to change stored text."""
    s = fold(text)
    if _OCR_TRIGGER.search(s):
        for rx, repl in _OCR_SUBS:
            s = rx.sub(repl, s)
    return s


__all__ = ["fold", "ocr_fold"]
