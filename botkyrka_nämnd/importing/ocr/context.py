"""Ambiguous OCR words and the neighbours that decide them (:func:`_context_choice`); the words around a
stand-alone ``1`` that show it counts something.

Some OCR forms are real words themselves (stod/stöd, vald/våld, for/för, mal/mål, ar/år/är, far/får,
sa/så, Taget/Tåget). :func:`.text.repair_word` leaves them alone. :func:`.text.repair_text` decides them from
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
"""

from __future__ import annotations

import re

from ...domain import dates as _dates

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
