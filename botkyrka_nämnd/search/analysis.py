"""Swedish text analysis shared by the public index and the vault's index.

FTS5 has no Swedish stemmer and Python's ``sqlite3`` cannot register an FTS5 tokenizer, so the analysis
runs here and the index receives *pre-analysed* token streams (space-separated tokens that FTS5's
``unicode61`` tokenizer passes through unchanged). Every indexed text yields these streams (columns):

``w``  surface words: lower case, NFC, diacritics other than å/ä/ö removed (``idéburet`` -> ``ideburet``);
       å/ä/ö stay distinct, so "våld" never equals "vald". One token per word (phrases work).
``s``  Snowball Swedish stems of ``w`` (plus a participle alias: ``verkställt`` ~ ``verkställd``). One
       token per word, so "våld i nära relation" also matches "våld i nära relationer" as a phrase.
``f``  OCR text only: stems of the *folded* raw OCR words (å/ä -> a, ö -> o, plus OCR look-alikes such
       as ``é``/``&``/``4`` -> a and ``6``/``0``/``8`` -> o inside words). Clean text never gets this
       column, so folding cannot turn "Tåget" into "taget" in a clean document.

FTS5 keeps one term dictionary for all columns, so a column filter (``s : placering``) must walk the whole
doclist of the term in every column. The ``s`` and ``f`` tokens therefore carry a private-use marker
character (:data:`S_MARK`, :data:`F_MARK`): every column has its own terms and a query never needs a
column filter. Compounds (a query stem that ends or starts a longer stem, SEEDS.md §6) are found in the
index's vocabulary and searched as the stems they are, not as FTS5 prefix queries (which merge the
doclists of every matching term before returning the first row).

Query words go through the same functions (:func:`analyse_word`). Changing anything here that alters
tokens must bump :data:`ANALYSER_VERSION`: the indexes record it and rebuild themselves when it differs.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

ANALYSER_VERSION = 3  # 3: Dnr of every shape, with and without series (issue 9)

# namespace markers (Unicode private use: token characters for unicode61, absent from real text)
S_MARK = "\ue001"
F_MARK = "\ue002"
K_MARK = "\ue000"

# A word is a run of letters and digits (what FTS5's unicode61 tokenizer also treats as token characters).
WORD_RE = re.compile(r"[^\W_]+")

# Minimum stem lengths of the compound rules (SEEDS.md §6): a query stem may end a compound when it has
# at least 5 characters and start one when it has at least 6.
COMPOUND_SUFFIX_MIN = 5
COMPOUND_PREFIX_MIN = 6

_REPLACE = tuple((c, "") for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff") + tuple(
    (c, " ") for c in "\u00a0\u2007\u202f"
)


def normalise_text(text: str | None) -> str:
    """The form of a text that is stored and indexed: NFC, soft hyphens and zero-width characters
    removed, no-break spaces as spaces. Offsets of highlights refer to this form."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    for c, r in _REPLACE:  # str.translate with a dict is slow on long texts; these are rare
        if c in text:
            text = text.replace(c, r)
    return text


def _build_strip_table() -> dict[int, str]:
    """Latin letters with diacritics -> base letter, except the Swedish å, ä, ö (and ø/æ -> ö/ä)."""
    table: dict[int, str] = {}
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        if ch in "åäöÅÄÖ":
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            table[cp] = base
    table.update({ord("ø"): "ö", ord("Ø"): "Ö", ord("æ"): "ä", ord("Æ"): "Ä"})
    return table


_STRIP = _build_strip_table()
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o"})
# OCR look-alikes (002 has no å/ä/ö at all): inside a word that also has letters, 6/0/8 stand for ö and
# 4/3 for å/ä; é stands for ä/å (746 times in 002), for ö (228) and rarely for é itself.
_OCR_DIGITS = str.maketrans({"6": "ö", "0": "ö", "8": "ö", "4": "ä", "3": "å", "1": "l"})
_OCR_E_READINGS = (
    str.maketrans({"é": "ä", "è": "ä"}),
    str.maketrans({"é": "ö", "è": "ö"}),
    str.maketrans({"é": "e", "è": "e"}),
)


def norm_word(token: str) -> str:
    """Surface form: lower case, diacritics other than å/ä/ö removed."""
    return token.lower().translate(_STRIP)


def fold(word: str) -> str:
    """å/ä -> a, ö -> o (on an already normalised word)."""
    return word.translate(_FOLD)


def has_swedish_letters(word: str) -> bool:
    return any(c in "åäöÅÄÖ" for c in word)


class _Stemmer:
    """PyStemmer is not thread-safe; one instance per thread."""

    _local = threading.local()

    @classmethod
    def get(cls) -> Stemmer.Stemmer:
        st = getattr(cls._local, "st", None)
        if st is None:
            st = cls._local.st = Stemmer.Stemmer("swedish", 50_000)
        return st


def _alias(stem: str) -> str:
    # Past participles: "verkställt" and "verkställd(a)" stem differently in Snowball (SEEDS.md §6 #12).
    if len(stem) >= 6 and stem.endswith("llt"):
        return stem[:-1] + "d"
    return stem


def stem_words(words: list[str]) -> list[str]:
    return [_alias(s) if s.endswith("llt") else s for s in _Stemmer.get().stemWords(words)]


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return _alias(_Stemmer.get().stemWord(word))


def is_compound_candidate(stem_: str) -> bool:
    return len(stem_) >= COMPOUND_SUFFIX_MIN and not stem_.isdigit()


@lru_cache(maxsize=200_000)
def ocr_keys(token: str) -> tuple[str, ...]:
    """The ``f`` tokens of one raw OCR token: stem(fold(...)) of each plausible reading of it. The first
    one is the main reading; the others are added to the row as extra tokens."""
    raw = token.lower()
    if any(c.isdigit() for c in raw) and any(c.isalpha() for c in raw):
        raw = raw.translate(_OCR_DIGITS)
    readings = [raw.translate(t) for t in _OCR_E_READINGS] if ("é" in raw or "è" in raw) else [raw]
    keys: list[str] = []
    for r in readings:
        key = stem(fold(norm_word(r)))
        if key not in keys:
            keys.append(key)
    return tuple(keys)


@lru_cache(maxsize=200_000)
def fold_key(word_norm: str) -> str:
    """The ``f`` token of a (normalised) query word."""
    return stem(fold(word_norm))


_AMP = re.compile("[&@]")


def prepare_ocr_text(text: str) -> str:
    """Raw OCR text with ``&``/``@`` glued to letters kept inside the word (``&r`` is "är"), so the
    word regex sees one token. Same length as the input (offsets stay valid)."""
    if "&" not in text and "@" not in text:
        return text
    out, last, n = [], 0, len(text)
    for m in _AMP.finditer(text):
        i = m.start()
        if (i > 0 and text[i - 1].isalpha()) or (i + 1 < n and text[i + 1].isalpha()):
            out += [text[last:i], "a"]
            last = i + 1
    out.append(text[last:])
    return "".join(out)


@dataclass(frozen=True)
class Columns:
    w: str  # surface words
    s: str  # marked stems
    f: str  # marked OCR keys (OCR rows only)
    words: int = 0

    def as_tuple(self) -> tuple[str, str, str]:
        return (self.w, self.s, self.f)


_norm_cache: dict[str, str] = {}


def _norm_cached(tok: str) -> str:
    n = _norm_cache.get(tok)
    if n is None:
        n = norm_word(tok)
        if len(_norm_cache) < 500_000:
            _norm_cache[tok] = n
    return n


def analyse(text: str, ocr_raw: str | None = None) -> Columns:
    """Analyse an already :func:`normalise_text`-ed text into the four index columns. ``ocr_raw`` is the
    unrepaired OCR text of an OCR-flagged section (``text`` is then its repaired form)."""
    words = [_norm_cached(t) for t in WORD_RE.findall(text)]
    stems = stem_words(words)
    f = ""
    if ocr_raw is not None:
        seq: list[str] = []
        extra: dict[str, None] = {}
        for tok in WORD_RE.findall(prepare_ocr_text(ocr_raw)):
            keys = ocr_keys(tok)
            seq.append(keys[0])
            for k in keys[1:]:
                extra[k] = None
        f = " ".join([F_MARK + k for k in seq + list(extra)])
    s_col = S_MARK + (" " + S_MARK).join(stems) if stems else ""
    return Columns(" ".join(words), s_col, f, len(words) or (f.count(" ") + 1 if f else 0))


def vocabulary(cols: Columns) -> tuple[set[str], set[str], set[str]]:
    """Distinct surface words, stems and OCR keys (without markers) worth keeping in the vocabulary:
    words for partial-word and å/ä/ö lookups, stems for compounds, OCR keys for fuzzy spellings."""
    w = {t for t in cols.w.split() if len(t) >= 3 and not t.isdigit()}
    s = {t[1:] for t in cols.s.split() if len(t) > COMPOUND_SUFFIX_MIN and not t[1:].isdigit()}
    f = {t[1:] for t in cols.f.split() if len(t) > 4 and not t[1:].isdigit()} if cols.f else set()
    return w, s, f


# Swedish function words dropped from *unquoted* multi-word queries (never from phrases).
STOPWORDS = frozenset(
    [
        "och",
        "det",
        "att",
        "i",
        "en",
        "jag",
        "hon",
        "som",
        "han",
        "på",
        "den",
        "med",
        "var",
        "sig",
        "för",
        "så",
        "till",
        "är",
        "men",
        "ett",
        "om",
        "hade",
        "de",
        "av",
        "icke",
        "mig",
        "du",
        "henne",
        "då",
        "sin",
        "nu",
        "har",
        "inte",
        "hans",
        "honom",
        "skulle",
        "hennes",
        "där",
        "min",
        "man",
        "ej",
        "vid",
        "kunde",
        "något",
        "från",
        "ut",
        "när",
        "efter",
        "upp",
        "vi",
        "dem",
        "vara",
        "vad",
        "över",
        "än",
        "dig",
        "kan",
        "sina",
        "här",
        "ha",
        "mot",
        "alla",
        "under",
        "någon",
        "eller",
        "allt",
        "mycket",
        "sedan",
        "ju",
        "denna",
        "själv",
        "detta",
        "åt",
        "utan",
        "varit",
        "hur",
        "ingen",
        "mitt",
        "ni",
        "bli",
        "blev",
        "oss",
        "din",
        "dessa",
        "några",
        "deras",
        "blir",
        "mina",
        "samma",
        "vilken",
        "er",
        "sådan",
        "vår",
        "blivit",
        "dess",
        "inom",
        "mellan",
        "sådant",
        "varför",
        "varje",
        "vilka",
        "ditt",
        "vem",
        "vilket",
        "sitta",
        "sådana",
        "vart",
        "dina",
        "vars",
        "vårt",
        "våra",
        "ert",
        "era",
        "vilkas",
    ]
)


@dataclass(frozen=True)
class WordForms:
    """All forms of one query word used for matching."""

    norm: str  # surface form (column w)
    stem: str  # column s (without the marker)
    fkey: str  # column f (OCR, without the marker)

    @property
    def compound_suffix(self) -> bool:
        return is_compound_candidate(self.stem)

    @property
    def compound_prefix(self) -> bool:
        return len(self.stem) >= COMPOUND_PREFIX_MIN and not self.stem.isdigit()


def analyse_word(word: str) -> WordForms:
    n = norm_word(unicodedata.normalize("NFC", word))
    return WordForms(n, stem(n), fold_key(n))
