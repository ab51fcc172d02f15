"""Swedish dates and times as kallelser print them: the one place that reads them.

Dates: ISO ``2024-09-24`` (OCR also ``2018-0814`` and ``20240924``), ``24/9 2024``, ``24.9.2024`` and spelled
out with or without a weekday and "den": ``torsdagen den 17 oktober 2024``, ``17 okt. 2024``,
``Tisdagen den 07 mars 2017``. Every date is validated against the calendar (``2024-02-31`` is no date).

Times: ``kl. 15:30``, ``Kl 19:00``, ``Kl: 18:00``, ``klockan 18.00``, OCR ``k1 19:00``, bare ``13.00`` after a
date, and ranges ``09.00-10:05`` / ``08:50–09:20``.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS: tuple[str, ...] = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS: tuple[str, ...] = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")

# month name or abbreviation (jan, feb., sept, okt.) -> 1..12
_MONTH_KEYS: dict[str, int] = {}
for _n, _name in enumerate(MONTHS, start=1):
    _MONTH_KEYS[_name] = _n
    _MONTH_KEYS[_name[:3]] = _n
_MONTH_KEYS["sept"] = 9
# the abbreviations printed for the months ("sept" before "sep": the longer one is tried first)
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "jan",
    "feb",
    "mar",
    "apr",
    "maj",
    "jun",
    "jul",
    "aug",
    "sept",
    "sep",
    "okt",
    "nov",
    "dec",
)
_MONTH_RX = "(?:" + "|".join((*MONTHS, *(a for a in MONTH_ABBREVIATIONS if a not in MONTHS))) + r")\.?"
_WEEKDAY_RX = r"(?:m[åa]ndag|tisdag|onsdag|torsdag|fredag|l[öo]rdag|s[öo]ndag)(?:en)?"

_ISO = re.compile(r"(?<![\d:/])(?P<y>(?:19|20)\d\d)(?P<sep>[-‐‑–]?)(?P<m>[01]\d)(?P=sep)?(?P<d>[0-3]\d)(?![\d:])")
_SPELLED = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY_RX})[\s,]+)?(?:den\s+)?(?P<d>[0-3]?\d)(?:\s*:e|\s*:a)?\s+(?P<m>{_MONTH_RX})(?:\s+|\s*,\s*)(?P<y>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"(?<![\d:/.])(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)(?:[ .]|\s*,\s*)(?P<y>(?:19|20)\d\d)(?!\d)")
# a day and month without a year ("28 januari"): only where a year is known from elsewhere
_DAY_MONTH = re.compile(
    rf"(?<!\d)(?P<d>[0-3]?\d)\s+(?P<m>{_MONTH_RX})(?!\w)(?:\s+(?P<y>(?:19|20)\d\d))?", re.IGNORECASE
)

_HM = r"(?P<h>[0-2]?\d)\s*[:.]\s*(?P<mi>[0-5]\d)"
_HM2 = r"(?P<h2>[0-2]?\d)\s*[:.]\s*(?P<mi2>[0-5]\d)"
# "kl. 15:30", "Kl: 18:00", "klockan 18.00", OCR "k1 19:00"; a bare "kl 19" / "kl. 18" too
_CLOCK = re.compile(
    rf"(?<![\w])(?:kl(?:ockan)?|k1)\b\.?\s*:?\s*(?:{_HM}|(?P<hh>[0-2]?\d)(?![\d:.]\d))(?:\s*(?:[-–—]|till)\s*{_HM2})?",
    re.IGNORECASE,
)
_BARE_TIME = re.compile(rf"(?<![\d:./-]){_HM}(?:\s*[-–—]\s*{_HM2})?(?![\d:/-])")
TIME_RANGE = re.compile(
    r"^\s*(?:(?:kl|klockan)\.?\s*)?[0-2]?\d[:.][0-5]\d\s*[-–—]\s*[0-2]?\d[:.][0-5]\d\s*,?\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class DateHit:
    iso: str
    start: int
    end: int
    form: str  # 'iso' | 'spelled' | 'numeric'


@dataclass(frozen=True)
class TimeHit:
    start_time: str  # 'HH:MM'
    end_time: str | None
    start: int
    end: int
    labelled: bool  # preceded by kl / klockan


def iso_date(y: int, m: int, d: int) -> str | None:
    """``YYYY-MM-DD`` if the day exists in the calendar, else None."""
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def month_number(name: str) -> int | None:
    return _MONTH_KEYS.get(name.lower().rstrip("."))


def parse_iso(text: str) -> str | None:
    """A whole string that is one ISO date (``2024-09-24``, ``20240924``), validated; else None."""
    m = _ISO.fullmatch((text or "").strip())
    return iso_date(int(m.group("y")), int(m.group("m")), int(m.group("d"))) if m else None


def find_dates(text: str, *, numeric: bool = True) -> list[DateHit]:
    """Every valid date in ``text`` in order of appearance (ISO, spelled out, and ``d/m yyyy``)."""
    hits: list[DateHit] = []
    for m in _ISO.finditer(text):
        iso = iso_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if iso:
            hits.append(DateHit(iso, m.start(), m.end(), "iso"))
    for m in _SPELLED.finditer(text):
        mo = month_number(m.group("m"))
        iso = iso_date(int(m.group("y")), mo, int(m.group("d"))) if mo else None
        if iso:
            hits.append(DateHit(iso, m.start(), m.end(), "spelled"))
    if numeric:
        for m in _NUMERIC.finditer(text):
            iso = iso_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if iso:
                hits.append(DateHit(iso, m.start(), m.end(), "numeric"))
    hits.sort(key=lambda h: h.start)
    out: list[DateHit] = []
    for h in hits:  # overlapping matches: keep the first (longest at a start)
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def first_date(text: str) -> str | None:
    found = find_dates(text)
    return found[0].iso if found else None


def days_of_year(text: str, year: int | None) -> list[str]:
    """Day-month dates (``28 januari``, ``16 december 2025``) of a year, e.g. a sammanträdesordning."""
    out = []
    for m in _DAY_MONTH.finditer(text):
        y = int(m.group("y")) if m.group("y") else year
        mo = month_number(m.group("m"))
        if y is None or mo is None:
            continue
        iso = iso_date(y, mo, int(m.group("d")))
        if iso:
            out.append(iso)
    return out


def _hhmm(h: str, mi: str) -> str | None:
    hi, mn = int(h), int(mi)
    if hi > 23 or mn > 59:
        return None
    return f"{hi:02d}:{mn:02d}"


def find_times(text: str, *, bare: bool = False) -> list[TimeHit]:
    """Clock times in ``text``: labelled ones (``kl. 09.00-10:05``), and with ``bare`` also unlabelled
    ``13.00`` / ``08:50–09:20``. A bare number such as ``6:18`` in a property name is a time only when
    ``bare`` is asked for, so callers use it where a time is expected (after a date, in a Tid cell)."""
    hits: list[TimeHit] = []
    for m in _CLOCK.finditer(text):
        if m.group("h") is not None:
            t = _hhmm(m.group("h"), m.group("mi"))
        else:
            t = _hhmm(m.group("hh"), "00")
        if t is None:
            continue
        t2 = _hhmm(m.group("h2"), m.group("mi2")) if m.group("h2") else None
        hits.append(TimeHit(t, t2, m.start(), m.end(), True))
    if bare:
        for m in _BARE_TIME.finditer(text):
            if any(h.start <= m.start() < h.end for h in hits):
                continue
            t = _hhmm(m.group("h"), m.group("mi"))
            if t is None:
                continue
            t2 = _hhmm(m.group("h2"), m.group("mi2")) if m.group("h2") else None
            hits.append(TimeHit(t, t2, m.start(), m.end(), False))
    hits.sort(key=lambda h: h.start)
    return hits


def first_time(text: str, *, bare: bool = False) -> str | None:
    found = find_times(text, bare=bare)
    return found[0].start_time if found else None


def swedish_long(iso: str) -> str:
    """``2024-09-24`` -> ``tisdag 24 september 2024`` (for display)."""
    d = date.fromisoformat(iso)
    return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"


__all__ = [
    "MONTHS",
    "TIME_RANGE",
    "WEEKDAYS",
    "DateHit",
    "TimeHit",
    "days_of_year",
    "find_dates",
    "find_times",
    "first_date",
    "first_time",
    "iso_date",
    "month_number",
    "parse_iso",
    "swedish_long",
]
