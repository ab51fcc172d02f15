"""Diarienummer (case numbers): parsing and normalisation.

Printed forms vary by year and by OCR damage (SEEDS.md §2.6): ``SN/2024:00303``, ``SN/2024: 00317``,
``SN 2024:210``, ``SN2020:218``, ``SN 2020:12/``, ``kS/2024:00308``, OCR'd ``SN72018-320``, and split over a
line break ``(SN`` / ``2020:197)``. All normalise to ``SERIES/YYYY:NNNNN``.

A date such as ``KS 2024-09-09`` is *not* a case number: a colon between year and number is required;
a hyphen is accepted only in the OCR form where the slash was read as ``7`` (``SN72018-320``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SERIES = ("SN", "KS", "KF", "VON", "SBF", "SBN", "UN", "KFN", "MSN", "MHN", "TN", "ÄN", "AVN", "FSN", "GRN")

_series_alt = "|".join(sorted(SERIES, key=len, reverse=True))

# regular form: series, optional separator (/ or space), year, colon (spaces allowed), number, optional '/'
_REGULAR = re.compile(
    rf"(?<![A-Za-zÅÄÖåäö])(?P<series>{_series_alt})[ \t]*(?:/|\s)?[ \t]*(?P<year>(?:19|20)\d\d)[ \t]*:[ \t]*0*(?P<num>\d{{1,5}})(?!\d)",
    re.IGNORECASE,
)
# OCR form: '/' read as '7' and ':' as '-': SN72018-320
_OCR = re.compile(
    rf"(?<![A-Za-zÅÄÖåäö])(?P<series>{_series_alt})7(?P<year>(?:19|20)\d\d)-0*(?P<num>\d{{1,5}})(?!\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CaseNumber:
    series: str
    year: int
    number: int
    raw: str = ""

    @property
    def canonical(self) -> str:
        return f"{self.series}/{self.year}:{self.number:05d}"

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.canonical

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CaseNumber):
            return NotImplemented
        return self.canonical == other.canonical

    def __hash__(self) -> int:
        return hash(self.canonical)

    def short_forms(self) -> list[str]:
        """The printed forms a user may type, for search: SN/2024:00303, SN 2024:303, 2024:303 ..."""
        s, y, n = self.series, self.year, self.number
        return sorted(
            {
                self.canonical,
                f"{s}/{y}:{n}",
                f"{s} {y}:{n}",
                f"{s} {y}:{n:05d}",
                f"{s}{y}:{n}",
                f"{y}:{n}",
                f"{y}:{n:05d}",
            }
        )


def _make(m: re.Match) -> CaseNumber:
    return CaseNumber(m.group("series").upper(), int(m.group("year")), int(m.group("num")), m.group(0))


def find_case_numbers(text: str) -> list[CaseNumber]:
    """All case numbers in ``text`` in order of appearance. Line breaks inside ``(SN`` / ``2020:197)`` are
    tolerated because whitespace (including newlines) may separate series and year. The OCR form
    ``SN72018-320`` is recognised too: series + '7' + year + '-' + number is unambiguous enough."""
    found: list[tuple[int, CaseNumber]] = [(m.start(), _make(m)) for m in _REGULAR.finditer(text)]
    found += [(m.start(), _make(m)) for m in _OCR.finditer(text)]
    found.sort(key=lambda t: t[0])
    return [c for _, c in found]


def parse_case_number(text: str) -> CaseNumber | None:
    """The first case number in ``text``, or None."""
    found = find_case_numbers(text)
    return found[0] if found else None


_QUERY = re.compile(
    rf"^(?:(?P<series>{_series_alt})[ \t]*[/ ]?[ \t]*)?(?P<year>(?:19|20)\d\d)[ \t]*:[ \t]*0*(?P<num>\d{{1,5}})/?$",
    re.IGNORECASE,
)


def parse_case_query(text: str) -> tuple[str | None, int, int] | None:
    """Recognise a typed case number in a search query: 'SN 2018:254', 'SN/2024:303', '2018:254'.
    Returns (series or None, year, number)."""
    m = _QUERY.match(text.strip())
    if not m:
        return None
    series = m.group("series").upper() if m.group("series") else None
    return series, int(m.group("year")), int(m.group("num"))
