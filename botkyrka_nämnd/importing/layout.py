"""Line classifiers for the Botkyrka kallelse template (SEEDS.md §2).

Every function takes one *stripped* line (``s``) or its OCR-tolerant fold (``f``, from
:func:`~botkyrka_nämnd.importing.normalize.ocr_fold`) and says what the line is: a section heading, a part
of a document header (committee, förvaltning, date + Dnr, Kod, ORDFÖRANDEFÖRSLAG, TJÄNSTESKRIVELSE …),
a bilaga marker. OCR damage is tolerated with character classes and rapidfuzz, never by rewriting text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .normalize import fold, ocr_fold

# --- committees ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Committee:
    name: str  # 'Socialnämnden'
    short: str  # 'SN'


COMMITTEES: tuple[Committee, ...] = (
    Committee("Socialnämnden", "SN"),
    Committee("Kommunstyrelsen", "KS"),
    Committee("Kommunfullmäktige", "KF"),
    Committee("Utbildningsnämnden", "UN"),
    Committee("Vård- och omsorgsnämnden", "VON"),
    Committee("Kultur- och fritidsnämnden", "KFN"),
    Committee("Samhällsbyggnadsnämnden", "SBN"),
    Committee("Arbetsmarknads- och vuxenutbildningsnämnden", "AVN"),
    Committee("Tekniska nämnden", "TN"),
    Committee("Miljö- och hälsoskyddsnämnden", "MHN"),
)


def _forms(c: Committee) -> list[str]:
    base = fold(c.name)
    forms = {base}
    for suffix in ("en", "n"):
        if base.endswith(("namnd" + suffix, "styrels" + suffix)):
            forms.add(base[: -len(suffix)])
    if base.endswith("namnden"):
        forms.add(base[:-2] + "ens")  # socialnämndens
    return sorted(forms)


_COMMITTEE_FORMS: dict[str, Committee] = {form: c for c in COMMITTEES for form in _forms(c)}
_COMMITTEE_KEYS = list(_COMMITTEE_FORMS)
# an unknown "...nämnd(en)" as one word, or "<adjective> nämnden" (two words)
_GENERIC_COMMITTEE = re.compile(r"^(?:[a-z][a-z\-]{2,40}n\S{1,2}mnd(?:en)?|[a-z]{3,20}a n\S{1,2}mnden)$")


def match_committee(text: str, threshold: float = 86) -> Committee | None:
    """The committee named by ``text`` (a whole line such as ``Socialnämnd``, OCR ``Socialnamnden``,
    ``Vård- och omsorgsnämnden``), or None."""
    f = ocr_fold(text).strip(" *:").replace(" - ", "- ")
    if not f or len(f) > 60:
        return None
    hit = process.extractOne(f, _COMMITTEE_KEYS, scorer=fuzz.ratio, score_cutoff=threshold)
    if hit:
        return _COMMITTEE_FORMS[hit[0]]
    return None


def committee_in_text(text: str) -> Committee | None:
    """A committee named anywhere in ``text`` ("Kallelse till möte för socialnämnden 2024")."""
    f = ocr_fold(text)
    best: tuple[float, Committee] | None = None
    for key, c in _COMMITTEE_FORMS.items():
        score = fuzz.partial_ratio(key, f) if len(key) <= len(f) else 0
        if score >= 90 and (best is None or score > best[0] or (score == best[0] and len(key) > 10)):
            best = (score, c)
    return best[1] if best else None


def is_committee_line(s: str) -> bool:
    if not s or len(s) > 60 or any(ch.isdigit() for ch in s):
        return False
    if match_committee(s):
        return True
    return bool(_GENERIC_COMMITTEE.match(ocr_fold(s).strip(" *")))


# --- document header lines -------------------------------------------------------------------------

DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-?(?P<m>[01]\d)-?(?P<d>[0-3]\d)(?!\d)")
_DATE_LINE = re.compile(
    r"^(?P<date>(?:19|20)\d\d-?[01]\d-?[0-3]\d)(?:\s+(?P<dnr>Dnr\b\.?:?)?\s*(?P<rest>.*))?$", re.IGNORECASE
)
_DATUM_LINE = re.compile(r"^Datum\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
_KOD_LINE = re.compile(r"^Kod\s*:\s*(?P<code>\S.*)$", re.IGNORECASE)
DNR_LINE = re.compile(r"^Dnr\b\.?\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
NUMBER_LINE = re.compile(r"^\d{1,2}$")
_EMAIL_LINE = re.compile(r"^\S+@\S+\.[a-z]{2,}$", re.IGNORECASE)
_NAME_LINE = re.compile(
    r"^[A-ZÅÄÖÉ][\wåäöéü\-]+(?:\s+(?:[A-ZÅÄÖÉ][\wåäöéü.\-]*|af|av|von|van|de|der|la|el|bin|ibn)){1,4}$"
)
_TJSK = re.compile(r"^(?:botkyrka\s+kommun\s+)?tj\S{1,2}nsteskrivelse(?:\s+(?P<n>\d+)\s*[\[(](?P<m>\d+)[\])])?$")
_ORDF = "ordforandeforslag"
_FORVALTNING = re.compile(r"^[a-z][a-z\- ]{0,50}f\S{1,2}rvaltningen$")
_REFERENS = re.compile(r"^\**referens\**(?:\s+mottagare)?$")
_FLAT_HEADER_LINE = re.compile(
    r"^\s*(?:[A-ZÅÄÖ]+ KOMMUN\s+)?(?:ORDF[ÖO]RANDEF[ÖO]RSLAG|TJ[ÄA]NSTESKRIVELSE)\s+\d{1,2}\s*[\[(]\d{1,2}[\])]\s+\S"
)


def to_iso(y: str, m: str, d: str) -> str | None:
    """``YYYY-MM-DD`` when the day exists in the calendar (one validator for the whole program:
    :func:`botkyrka_nämnd.domain.dates.iso_date`)."""
    from ..domain.dates import iso_date

    return iso_date(int(y), int(m), int(d))


def parse_date(text: str) -> str | None:
    """The first ISO date in ``text`` (``2024-09-24``; OCR ``2018-0814`` too)."""
    m = DATE.search(text)
    return to_iso(m.group("y"), m.group("m"), m.group("d")) if m else None


def date_line(s: str) -> tuple[str, str] | None:
    """``2018-08-28 Dnr SN 2017:1`` / ``2023-09-24`` / ``2018-08-17 SN72018-320`` -> (iso date, rest)."""
    m = _DATE_LINE.match(s)
    if not m:
        return None
    rest = (m.group("rest") or "").strip()
    if rest and not m.group("dnr") and not re.search(r"\d{4}\s*[:\-]\s*\d", rest):
        return None  # a date followed by prose: not a header line
    if rest and len(rest) > 40:
        return None
    iso = parse_date(m.group("date"))
    return (iso, rest) if iso else None


def header_kind(s: str) -> str | None:
    """What a document/item header line is: 'tjsk' (TJÄNSTESKRIVELSE [n[m]]), 'ordf'
    (ORDFÖRANDEFÖRSLAG), 'referens', 'mottagare', 'botkyrka' (BOTKYRKA / KOMMUN), 'committee',
    'forvaltning', 'date', 'datum', 'kod', 'dnr', 'number', 'email', 'name', or None."""
    if not s:
        return None
    f = ocr_fold(s).strip()
    fs = f.strip("* ")
    if _TJSK.match(fs):
        return "tjsk"
    if len(fs) <= 45 and _ORDF in fs.replace(" ", ""):
        return "ordf"
    # a copy that flattened the header: "ORDFÖRANDEFÖRSLAG 1[2] Arbetsmarknads- … 2019-08-20 Dnr AVUX/2019:4"
    if _FLAT_HEADER_LINE.match(s):
        return "ordf" if s.lstrip().upper().startswith(("ORDF", "BOTKYRKA KOMMUN ORDF")) else "tjsk"
    if len(fs) <= 45 and fuzz.partial_ratio(_ORDF, fs) >= 88 and len(fs) >= 15:
        return "ordf"
    if _REFERENS.match(f):
        return "referens"
    if fs == "mottagare":
        return "mottagare"
    if fs in ("botkyrka", "kommun", "botkyrka kommun"):
        return "botkyrka"
    if NUMBER_LINE.match(s):
        return "number"
    if date_line(s):
        return "date"
    if _DATUM_LINE.match(s):
        return "datum"
    if _KOD_LINE.match(s):
        return "kod"
    if DNR_LINE.match(s):
        return "dnr"
    if _EMAIL_LINE.match(s):
        return "email"
    if _FORVALTNING.match(fs) and len(fs.split()) <= 3:
        return "forvaltning"
    if is_committee_line(s):
        return "committee"
    if len(s) <= 50 and _NAME_LINE.match(s) and not any(ch.isdigit() for ch in s):
        return "name"
    return None


def tjsk_page(s: str) -> tuple[int, int] | None:
    """(n, m) of ``TJÄNSTESKRIVELSE n[m]``."""
    m = _TJSK.match(ocr_fold(s).strip("* "))
    if m and m.group("n"):
        return int(m.group("n")), int(m.group("m"))
    return None


def kod(s: str) -> str | None:
    m = _KOD_LINE.match(s)
    return m.group("code").strip() if m else None


def datum(s: str) -> str | bool | None:
    """For a ``Datum:`` line: the ISO date, or None when empty; False when not a Datum line."""
    m = _DATUM_LINE.match(s)
    if not m:
        return False
    return parse_date(m.group("rest"))


# --- section headings ------------------------------------------------------------------------------

_V = "[aeoid&46é]"  # a vowel slot as OCR may print it (ä -> a/d/i/é/&/4, ö -> o/d/6/é)
_HEADINGS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (kind, re.compile(rx))
    for kind, rx in (
        # "Förslag till beslut", "Förslag till beslut i kommunfullmäktige", "Barn- och utbildningsnämndens
        # förslag till beslut", "Kommunledningsutskottets förslag till kommunstyrelsen", "Arbetsutskottets förslag"
        (
            "forslag_till_beslut",
            rf"^(?:[a-z\-]+(?: och [a-z\-]+)?s )?f{_V}r?s[lt]ag till (?:beslut|kommunstyrelsen|kommunfullm\S{{1,2}}ktige|"
            rf"[a-z\-]+n\S{{1,2}}mnden)(?: i [a-z\-]+(?: och [a-z\-]+)?)?$",
        ),
        ("beslut", r"^beslut$"),
        ("sammanfattning", rf"^sammanfattning(?: av {_V}rendet)?$"),
        ("arendet", rf"^{_V}rende(?:t|n)?$|^beskrivning av {_V}rendet$|^{_V}rendebeskrivning$"),
        ("barnkonsekvensanalys", r"^barnkonsekvensanalys(?: och barnr\S*ttsperspektiv)?$"),
        ("ekonomiska_konsekvenser", r"^ekonomiska konsekvenser(?: av beslutet)?$"),
        ("underlag_for_beslut", rf"^underlag f{_V}r beslut(?:et)?$"),
        ("skickas_till", r"^(?:beslutet )?skickas till$"),
        ("expedieras_till", r"^(?:beslutet )?expedieras till$"),
        ("faststalld_av", rf"^fastst{_V}lld av$"),
    )
)


def heading_kind(s: str) -> str | None:
    """The section kind of a heading line (``Förslag till beslut``, ``Beslut ``, OCR ``Arendet`` …), or
    None. ``s`` may carry stray spaces and a trailing colon."""
    if not s or len(s) > 60:
        return None
    f = " ".join(ocr_fold(s).strip(" *:").split())
    for kind, rx in _HEADINGS:
        if rx.match(f):
            return kind
    return None


# --- bilaga markers --------------------------------------------------------------------------------

_COVER = re.compile(r"^\**det h\S{1,2}r \S{1,2}r(?: botkyrka)?\**$")
_BILAGA = re.compile(
    r"^Bilaga\s+(?P<label>\d{1,2}[A-Za-z]?(?::[A-Za-z0-9]+)?)(?:\s*[:.\-–—]\s*(?P<title>.*)|\s*)$", re.IGNORECASE
)
_PROTOKOLL = re.compile(r"^(?:sammantr\S{1,2}desprotokoll|protokoll|protokollsutdrag)$")
INFO_NONE = re.compile(rf"^det finns inga {_V}renden att redovisa\.?$")
INTRO_NOTIFICATIONS = re.compile(rf"dessa {_V}renden anm\S{{1,2}}ls till n\S{{1,3}}mnden")
INTRO_DELEGATIONS = re.compile(r"dessa delegationsbeslut anm\S{1,2}ls till n\S{1,3}mnden")


def is_cover(s: str) -> bool:
    return bool(_COVER.match(ocr_fold(s).strip()))


def bilaga_label(s: str) -> tuple[str, str] | None:
    """``Bilaga 6A:X - Titel`` -> ('Bilaga 6A:X', 'Titel')."""
    m = _BILAGA.match(s.strip())
    if not m:
        return None
    return f"Bilaga {m.group('label')}", (m.group("title") or "").strip()


def is_protokoll_start(s: str) -> bool:
    return bool(_PROTOKOLL.match(ocr_fold(s).strip(" *")))


_ROLE = re.compile(
    r"(?:chef|direkt\S{1,2}r|utvecklare|handl\S{1,2}ggare|sekreterare|jurist|controller|strateg|specialist|"
    r"ordf\S{1,2}rande|samordnare|ekonom|utredare|presidium|inspekt\S{1,2}r)"
)


def has_role_word(s: str) -> bool:
    return bool(_ROLE.search(ocr_fold(s)))
