"""OCR detection and repair of whole texts: :func:`classify_text`, :func:`repair_text`, :func:`repair_word`.

The text is split into tokens (:func:`_tokens`), each repaired on its own (:mod:`.words`); then, in OCR
text, the ambiguous ones are decided from their neighbours (:mod:`.context`).

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
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from .candidates import _NON_LETTER_OCR, _is_plain, _split
from .context import _AMBIGUOUS, _COUNT_NEXT, _COUNTED, _COUNTED_ENDS, _context_choice
from .lexicon import _DIACRITICS, _z, fold
from .words import _apply_case, _eligible, _repair_token

__all__ = ["classify_text", "repair_text", "repair_word"]

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


def repair_word(word: str) -> str:
    """Best dictionary correction of one OCR'd word, or the word itself when there is no better one.

    Punctuation around the word is kept (``Socialndmnden,`` → ``Socialnämnden,``). Ambiguous words that
    are real words themselves (stod, vald, for, ar, far, mal, sa, taget) are returned unchanged: without
    context there is no better choice; :func:`repair_text` decides those from their neighbours.
    """
    return _repair(word, ocr=True, context=False)


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
            assert t.out is not None  # words: the tokens that are not protected
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
        assert t.out is not None  # words: the tokens that are not protected
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
        assert t.out is not None  # words: the tokens that are not protected
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
