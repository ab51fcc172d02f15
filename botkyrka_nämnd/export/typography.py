"""Swedish typography for exported text (Språkrådet's *Svenska skrivregler*).

* quotation marks: Swedish uses the same mark on both sides, ”så här”; apostrophe ’;
* the en dash for ranges (16–17 år), as a parenthetical dash with spaces ( – ) and before list items;
* non-breaking spaces where a line break would separate what belongs together: inside a case number
  printed with a space (SN 2024:210), after "Dnr", "§", "nr", "s.", "kl.", before "§" (1 § SoL), in digit
  groups (12 000) and between a number and its unit (12 miljoner kronor, 40 %, 4 kap.);
* "..." becomes the ellipsis character.

Applied to text only, never to markup; dates (2024-09-24) and case numbers (SN/2024:00303) are left as
they are.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
EN_DASH = "\u2013"
RIGHT_QUOTE = "\u201d"  # ” (opens and closes in Swedish)
APOSTROPHE = "\u2019"
ELLIPSIS = "\u2026"

_UNITS = (
    "kr",
    "kronor",
    "tkr",
    "mnkr",
    "mkr",
    "mdkr",
    "miljoner",
    "miljon",
    "miljarder",
    "miljard",
    "tusen",
    "procent",
    "st",
    "år",
    "månader",
    "månad",
    "veckor",
    "vecka",
    "dagar",
    "dag",
    "timmar",
    "timme",
    "minuter",
    "km",
    "m",
    "cm",
    "mm",
    "kg",
    "g",
    "kap",
    "sidor",
    "platser",
    "personer",
    "barn",
    "ärenden",
    "årsarbetare",
)
_UNIT_RE = re.compile(r"(\d)[ \t]+(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")(?![\wåäöÅÄÖ])")
_PERCENT_RE = re.compile(r"(\d)[ \t]*%")
_DIGIT_GROUP_RE = re.compile(r"(?<![\d.,:/])(\d{1,3})[ \t](?=\d{3}(?!\d))")
_BEFORE_NUMBER_RE = re.compile(r"(?<![\wåäöÅÄÖ])(§|nr|Nr|s\.|sid\.|kl\.)[ \t]+(?=\d)")
_BEFORE_CASE_RE = re.compile(r"(?<![\wåäöÅÄÖ])(Dnr|dnr|bilaga|Bilaga)[ \t]+(?=[\dA-ZÅÄÖ])")
_NUMBER_PARAGRAPH_RE = re.compile(r"(\d)[ \t]+§")
_SPACED_CASE_RE = re.compile(r"(?<![\wåäöÅÄÖ])([A-ZÅÄÖ]{2,4})[ \t]+((?:19|20)\d\d[ \t]*:[ \t]*\d+)")
_RANGE_RE = re.compile(r"(?<![\w:/.,-])([1-9]\d{0,3})-(\d{1,4})(?![\w-])")
_SPACED_HYPHEN_RE = re.compile(r"(?<=\S)[ \t]+(?:-|--|\u2013)[ \t]+")
_DOUBLE_QUOTE_RE = re.compile(r"[\"“”„]")
_APOS_RE = re.compile(r"'")
_LIST_DASH_RE = re.compile(r"(?m)^([ \t]*)[-*•][ \t]+")


def sv_typography(text: str | None) -> str:
    """``text`` with Swedish typographic quotes, dashes and non-breaking spaces."""
    if not text:
        return ""
    t = text.replace("...", ELLIPSIS)
    t = _DOUBLE_QUOTE_RE.sub(RIGHT_QUOTE, t)
    t = _APOS_RE.sub(APOSTROPHE, t)
    t = _LIST_DASH_RE.sub(lambda m: m.group(1) + EN_DASH + " ", t)  # a list item starts with a dash
    t = _SPACED_HYPHEN_RE.sub(NBSP + EN_DASH + " ", t)
    t = _RANGE_RE.sub(lambda m: m.group(1) + EN_DASH + m.group(2), t)
    t = _SPACED_CASE_RE.sub(lambda m: m.group(1) + NBSP + m.group(2), t)
    t = _BEFORE_NUMBER_RE.sub(lambda m: m.group(1) + NBSP, t)
    t = _BEFORE_CASE_RE.sub(lambda m: m.group(1) + NBSP, t)
    t = _NUMBER_PARAGRAPH_RE.sub(lambda m: m.group(1) + NBSP + "§", t)
    for _ in range(3):  # 1 234 567: each pass joins one more group
        t = _DIGIT_GROUP_RE.sub(lambda m: m.group(1) + NBSP, t)
    t = _PERCENT_RE.sub(lambda m: m.group(1) + NBSP + "%", t)
    t = _UNIT_RE.sub(lambda m: m.group(1) + NBSP + m.group(2), t)
    return t


def quoted(text: str) -> str:
    """``text`` in Swedish quotation marks (”…”)."""
    return RIGHT_QUOTE + sv_typography(text).strip() + RIGHT_QUOTE


from ..domain.dates import MONTHS, WEEKDAYS  # noqa: E402  (one list of Swedish month and day names)


def sv_date(iso: str | None, *, weekday: bool = False) -> str:
    """'2024-09-24' -> '24 september 2024' (or 'tisdag 24 september 2024')."""
    import datetime as _dt

    if not iso:
        return ""
    try:
        d = _dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    text = f"{d.day}{NBSP}{MONTHS[d.month - 1]} {d.year}"
    return f"{WEEKDAYS[d.weekday()]} {text}" if weekday else text


def sv_time(hhmm: str | None) -> str:
    """'18:00' -> 'kl. 18.00' (Swedish writes the time with a full stop)."""
    if not hhmm:
        return ""
    return f"kl.{NBSP}{hhmm.replace(':', '.')}"


def count(n: int, singular: str, plural: str) -> str:
    """'1 markering', '2 markeringar' (with a non-breaking space)."""
    return f"{n}{NBSP}{singular if n == 1 else plural}"
