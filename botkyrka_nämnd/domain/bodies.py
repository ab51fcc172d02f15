"""Political bodies (nämnder, styrelser, fullmäktige, utskott, beredningar, råd, förbund) and kommuner.

A body is recognised from its printed name, whatever the kommun: any word ending in ``nämnd(en)``
(``Socialnämnden``, ``Teknik- och fastighetsnämnden``), ``Nämnden för Förskola & Grundskola``,
``Kommunstyrelsen``, ``Kommunfullmäktige``, ``…utskottet`` / ``… arbetsutskott``, ``…beredningen``,
``…rådet`` and ``…förbundet``, in capitals, in genitive (``Byggnadsnämndens arbetsutskott``) and OCR'd
without å/ä/ö (``Socialnamnden``). Its short form comes from a table of the usual abbreviations, else from
the initials of its parts (``Nämnden för Individ & Familjeomsorg`` -> ``IFN``).

A body's identity is its kommun and its normalised name (:func:`body_key`), never the short form: two
bodies may share an abbreviation, never a key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# the usual abbreviations (kept stable: meeting ids are built from them)
KNOWN_SHORT: dict[str, str] = {
    "socialnämnden": "SN",
    "kommunstyrelsen": "KS",
    "kommunfullmäktige": "KF",
    "utbildningsnämnden": "UN",
    "vård- och omsorgsnämnden": "VON",
    "kultur- och fritidsnämnden": "KFN",
    "samhällsbyggnadsnämnden": "SBN",
    "arbetsmarknads- och vuxenutbildningsnämnden": "AVN",
    "tekniska nämnden": "TN",
    "teknik- och fastighetsnämnden": "TEF",
    "miljö- och hälsoskyddsnämnden": "MHN",
    "byggnadsnämnden": "BN",
    "barn- och utbildningsnämnden": "BUN",
    "miljö- och byggnadsnämnden": "MBN",
    "valnämnden": "VN",
    "överförmyndarnämnden": "ÖFN",
    "kommunstyrelsens arbetsutskott": "KSAU",
    "kommunledningsutskottet": "KLU",
    "äldrenämnden": "ÄN",
    "gymnasie- och vuxenutbildningsnämnden": "GVN",
    "revisionen": "REV",
}
_CONNECTORS = {"och", "för", "samt", "&", "i", "av", "med"}
_SUFFIX_SHORT = (
    ("arbetsutskott", "AU"),
    ("utskott", "U"),
    ("nämnd", "N"),
    ("styrelse", "S"),
    ("fullmäktige", "F"),
    ("beredning", "B"),
    ("råd", "R"),
    ("förbund", "F"),
)

# one word that names a body (nominative, definite or genitive; also OCR'd without å/ä/ö)
_BODY_WORD = (
    r"[A-ZÅÄÖa-zåäöé][a-zåäöé\-]*(?:n[äa]mnd(?:en|ens)?|styrelse(?:n|ns)?|fullm[äa]ktige|fullm[äa]ktiges|"
    r"utskott(?:et|ets)?|beredning(?:en|ens)?|r[åa]d(?:et|ets)|f[öo]rbund(?:et|ets))"
)
# "Teknik- och fastighetsnämnden", "Kultur- och fritidsnämnden", "Vård- och omsorgsnämnden", "Miljö-, hälso- och …"
_PREFIX_PARTS = r"(?:[A-ZÅÄÖa-zåäö][a-zåäö]*-(?:,)?\s+(?:och\s+|samt\s+)?)*"
_BODY_RX = re.compile(
    rf"(?<![\wåäöÅÄÖ-])(?P<name>"
    rf"(?:[Nn][äa]mnden\s+f[öo]r\s+[A-ZÅÄÖ][\wåäö]*(?:\s*(?:&|och)\s*[A-ZÅÄÖ][\wåäö]*)*)"  # Nämnden för X & Y
    rf"|(?:[A-ZÅÄÖ][\wåäö]*\s*(?:&|och)\s*[A-ZÅÄÖ][\wåäö]*\s+arbetsutskott(?:et)?)"  # Förskola & Grundskola arbetsutskott
    rf"|(?:{_PREFIX_PARTS}{_BODY_WORD}(?:\s+[Aa]rbetsutskott(?:et)?|\s+(?:[Aa]llmänna\s+)?[Uu]tskott(?:et)?)?)"
    rf"|(?:{_PREFIX_PARTS}[a-zåäöA-ZÅÄÖ]+a\s+n[äa]mnden)"  # "Tekniska nämnden"
    rf")(?![\wåäö])",
)
# words ending like a body that are not one
_NOT_BODY = re.compile(
    r"(?i)^(?:.*(?:samråd|underlag|förråd|huvudråd|bråd|tråd|skolråd|elevråd|klassråd|medborgarråd)(?:et|ets)?|"
    r"nämnd|nämnden|nämndens|styrelse|styrelsen|styrelsens|fullmäktige|fullmäktiges|utskott|utskottet|beredning|"
    r"beredningen|rådet|förbund|förbundet|råd|nämnder|nämnderna|styrelser|ledningsgrupp|arbetsgrupp|"
    r"förvaltningsråd|dataskyddsombud)$"
)


@dataclass(frozen=True)
class Body:
    name: str  # as printed, in the nominative definite form where it can be made so ('Socialnämnden')
    short: str  # 'SN'

    @property
    def key(self) -> str:
        return body_key(self.name)


def _fold(s: str) -> str:
    return unicodedata.normalize("NFC", " ".join(s.split())).lower()


def nominative(name: str) -> str:
    """``Byggnadsnämndens arbetsutskott`` stays; ``Socialnämndens`` -> ``Socialnämnden``; ``SOCIALNÄMNDEN``
    -> ``Socialnämnden``; ``Socialnämnd`` -> ``Socialnämnden``; ``Kommunstyrelsens`` -> ``Kommunstyrelsen``."""
    n = " ".join(name.split()).strip(" ,.:;")
    if n.isupper():
        n = _title_words(n)
    words = n.split(" ")
    last = words[-1]
    low = last.lower()
    for stem, definite in (
        ("nämnd", "nämnden"),
        ("namnd", "namnden"),
        ("styrelse", "styrelsen"),
        ("utskott", "utskottet"),
        ("beredning", "beredningen"),
    ):
        if low.endswith(definite + "s"):
            last = last[:-1]
            break
        if low.endswith(stem) and len(words) == 1:
            last = last + definite[len(stem) :]
            break
    if low.endswith(("rådets", "förbundets", "fullmäktiges")):
        last = last[:-1]
    words[-1] = last
    n = " ".join(words)
    return n[:1].upper() + n[1:]


def _title_words(s: str) -> str:
    out = []
    for k, w in enumerate(s.lower().split(" ")):
        out.append(w if (k and w in _CONNECTORS) else w[:1].upper() + w[1:])
    # only the first word keeps its capital in Swedish body names ("Kultur- och fritidsnämnden")
    first, rest = out[0], [w.lower() if not w.isupper() else w for w in out[1:]]
    return " ".join([first, *rest])


def body_key(name: str) -> str:
    """The identity of a body's name: nominative, case-folded, OCR-tolerant (a/ä, o/ö folded)."""
    n = _fold(nominative(name))
    n = n.replace("&", "och")
    n = re.sub(r"\s*-\s*", "- ", n)
    return n.translate(str.maketrans("åäöé", "aaoe"))


def short_form(name: str) -> str:
    """The abbreviation of a body: the usual one where known, else built from its parts."""
    nom = nominative(name)
    key = _fold(nom)
    if key in KNOWN_SHORT:
        return KNOWN_SHORT[key]
    folded = key.translate(str.maketrans("åäöé", "aaoe"))
    for k, v in KNOWN_SHORT.items():
        if k.translate(str.maketrans("åäöé", "aaoe")) == folded:
            return v
    m = re.match(
        r"^(?P<base>.+?n[äa]mnd(?:en|ens)?|kommunstyrelsens?)\s+(?P<sub>arbetsutskott(?:et)?|utskott(?:et)?)$", key
    )
    if m:
        return short_form(m.group("base")) + ("AU" if m.group("sub").startswith("arbets") else "U")
    words = re.findall(r"[\wåäöé]+", key.replace("&", " och "))
    letters = ""
    suffix = ""
    for w in words:
        if w in _CONNECTORS or w in ("nämnden", "namnden"):
            continue
        hit = next(((s, ab) for s, ab in _SUFFIX_SHORT if s in w and not w.startswith(s)), None)
        if hit:
            letters += w[0]
            suffix = hit[1]
        elif any(w.startswith(s) for s, _ in _SUFFIX_SHORT):
            suffix = next(ab for s, ab in _SUFFIX_SHORT if w.startswith(s))
        else:
            letters += w[0]
    if key.startswith(("nämnden för", "namnden for")):
        suffix = "N"
        content = [w for w in words[2:] if w not in _CONNECTORS]
        if len(content) == 1:  # "Nämnden för Service" -> SEN (as the kommun's own series: SE)
            letters = content[0][:2]
    out = (letters + suffix).upper()
    return out or "X"


_CAPS_WORD = re.compile(r"(?<![\wåäö])[A-ZÅÄÖ][A-ZÅÄÖ]+(?=[\s\-,.:;)]|$)")
_KNOWN_FOLDED = {k.translate(str.maketrans("åäöé", "aaoe")): k for k in KNOWN_SHORT}


def _known_name(nom: str) -> str:
    """An OCR'd name without å/ä/ö (``Socialnamnden``) in its printed form when the body is a known one."""
    key = _fold(nom).translate(str.maketrans("åäöé", "aaoe"))
    known = _KNOWN_FOLDED.get(key)
    if known is None or _fold(nom) == known:
        return nom
    return known[:1].upper() + known[1:]


def find_bodies(text: str) -> list[tuple[int, int, Body]]:
    """Every body named in ``text``: (start, end, body). Capitals are read too (``SOCIALNÄMNDEN``)."""
    out = []
    text = _CAPS_WORD.sub(lambda m: m.group(0).capitalize(), text)  # same length: positions are kept
    for m in _BODY_RX.finditer(text):
        raw = m.group("name").strip()
        core = raw.split()[-1] if raw.split() else raw
        if _NOT_BODY.match(core) and len(raw.split()) == 1:
            continue
        if _NOT_BODY.match(raw):
            continue
        if raw[:1].islower() and not re.match(r"^(?:n[äa]mnden för)", raw):
            # a lower-case body in running text ("till socialnämnden"): kept, but callers weigh it lower
            pass
        nom = _known_name(nominative(raw))
        out.append((m.start(), m.end(), Body(nom, short_form(nom))))
    return out


def match_body(line: str) -> Body | None:
    """The body a whole short line names (a heading such as ``Socialnämnden``, ``Byggnadsnämndens
    arbetsutskott``, ``SOCIALNÄMNDEN``), or None."""
    s = " ".join(line.split()).strip(" *:,.")
    if not s or len(s) > 80:
        return None
    for a, b, body in find_bodies(s):
        if a <= 1 and b >= len(s) - 1:
            return body
    return None


# --- kommuner ----------------------------------------------------------------------------------------

_KOMMUN_RX = re.compile(
    r"(?<![\wåäöÅÄÖ])(?P<name>[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?|[A-ZÅÄÖ]{3,}(?:-[A-ZÅÄÖ]{3,})?)"
    r"\s+(?P<kind>kommun|KOMMUN|Kommun|stad|STAD|Stad)(?![\wåäö])"
)
_NOT_KOMMUN = {
    "vår",
    "er",
    "varje",
    "den",
    "din",
    "en",
    "annan",
    "hela",
    "egen",
    "samma",
    "respektive",
    "från",
    "mellan",
    "byta",
    "denna",
    "detta",
    "ny",
    "nya",
    "stor",
    "liten",
    "vilken",
    "vald",
    "region",
}


def kommun_name(name: str, kind: str = "kommun") -> str:
    n = name.title() if name.isupper() else name
    k = kind.lower()
    if k == "stad":
        return f"{n} stad"
    return f"{n} kommun"


def find_kommuner(text: str) -> list[tuple[int, str]]:
    """Every ``X kommun`` / ``X stad`` named in ``text``: (position, normalised name)."""
    out = []
    for m in _KOMMUN_RX.finditer(text):
        name = m.group("name")
        if name.lower() in _NOT_KOMMUN:
            continue
        out.append((m.start(), kommun_name(name, m.group("kind"))))
    return out


def slug(text: str) -> str:
    """``Botkyrka kommun`` -> ``botkyrka``; ``Nämnden för Service`` -> ``namnden-for-service``."""
    t = text.lower()
    for suffix in (" kommun", " stad"):
        if t.endswith(suffix):
            t = t[: -len(suffix)]
    t = unicodedata.normalize("NFKD", t.replace("å", "a").replace("ä", "a").replace("ö", "o"))
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-") or "x"


__all__ = [
    "KNOWN_SHORT",
    "Body",
    "body_key",
    "find_bodies",
    "find_kommuner",
    "kommun_name",
    "match_body",
    "nominative",
    "short_form",
    "slug",
]
