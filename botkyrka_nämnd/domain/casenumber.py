"""Diarienummer (case numbers, Dnr): a grammar of the Swedish printed forms, and their normal form.

Kommuner print a Dnr in many ways. The grammar knows these shapes (series = the registry's letters):

======================  ===============================  ==========================================
shape                   examples                         notes
======================  ===============================  ==========================================
series/year:number      ``SN/2024:00303``, ``SN 2024:210``  Botkyrka and many others; also ``SN2020:218``,
                        ``TEF/2019:263``, ``kS/2024:00308`` ``SN 2020:12/``, OCR ``SN72018-320``
series-year-number      ``IF-2024-00013``, ``BN-2024–001569`` also ``BN 2023-002372`` and a number that
                                                         wraps after the hyphen (``BN-2020-`` / ``00017``)
year-number             ``2024-00517``, ``2021-01004``   no series: 5–6 digits (or a leading 0)
year/series number      ``2023/BUN 0214``, ``2021/KS 0280 013``  a trailing sub-number
series year/number      ``KS 2018/124``, ``BUN 2018/41``, ``SN 18/0098``, ``SN-2025/12``
year/number series      ``2015/100 AKK``
class-number/year       ``Dnr 1.6-0463/2011``, ``Dnr 106-156/2013``  only after a label (Dnr, Diarienummer …)
======================  ===============================  ==========================================

A label (``Dnr``, ``Dnr:``, ``Dnr.``, ``Diarienummer``, ``Diarienr``, ``Beteckning``, ``Ärendenummer``,
``Vårt dnr``) may precede any of them; :func:`find_case_numbers` with ``labelled=True`` (a Dnr cell of an
agenda table, a ``Diarienummer`` header) also accepts the label-only shapes.

What is *not* a Dnr: a date (``KS 2024-09-09``), a year range (``2019-2022``), law and government
references (``SFS 2018:218``, ``SOU 2024:50``, ``Ds 2024:13``, ``Fi 2022:07``, ``lag (2003:778)``).

Every :class:`CaseNumber` keeps the text as printed (``raw``) and has

- ``canonical``: the search key ``SERIES/YYYY:NNNNN`` (``/YYYY:NNNNN`` without a series, ``.sub`` appended);
  for the Botkyrka shape it is also what is shown (today's normal form, ``SN/2024:00303``);
- ``display``: what a member sees: the canonical form for the Botkyrka shape, else the printed form with
  whitespace normalised and a wrap after a hyphen removed (``BN-2020-00017``);
- ``year_number``: ``YYYY:NNNNN``, to match one case printed with and without its series
  (``2023-00686`` on the agenda, ``KS-2023-00686`` on the tjänsteskrivelse).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# series the Botkyrka normal form has always known (kept for the search query syntax and OCR forms)
SERIES = (
    "SN",
    "KS",
    "KF",
    "VON",
    "SBF",
    "SBN",
    "UN",
    "KFN",
    "MSN",
    "MHN",
    "TN",
    "ÄN",
    "AVN",
    "FSN",
    "GRN",
    "TEF",
    "AVUX",
    "UF",
    "KOF",
    "KOFN",
    "BN",
    "IF",
    "FG",
    "GA",
    "SE",
    "TE",
    "VO",
    "BUN",
    "MBN",
    "KLK",
)
# letters before a year that are law or government references, never a kommun's Dnr
NOT_SERIES = frozenset(
    {
        "SOU",
        "DS",
        "FI",
        "SFS",
        "PROP",
        "DIR",
        "SKR",
        "BET",
        "RIR",
        "JO",
        "HFD",
        "NJA",
        "RÅ",
        "AD",
        "MÖD",
        "MMD",
        "EU",
        "EG",
        "ISO",
        "SS",
        "LAG",
        "KL",
        "KAP",
        "NR",
        "SID",
        "SIDA",
        "KL.",
        "TID",
        "ÅR",
        "VECKA",
        "V",
        "P",
        "MÅL",
        "LVU",
        "LVM",
        "SOL",
        "LSS",
        "HSL",
        "OSL",
        "PBL",
        "MB",
        "FB",
        "ÄB",
        "BOKSLUT",
        "BUDGET",
        "PLAN",
        "RAPPORT",
        "Q",
        "T",
        "DNR",
        "AB",
        "HB",
        "KB",
    }
)
_KNOWN = frozenset(SERIES)

_L = "A-ZÅÄÖa-zåäö"
_SER = rf"(?P<series>[{_L}]{{1,6}})"
_Y = r"(?P<year>(?:19|20)\d\d)"
_DASH = "\\-‐‑–—"
_LABEL = re.compile(
    r"(?i)(?:\b(?:v[åa]rt\s+|ert\s+)?dnr\b\.?\s*:?|\bdiarienr\.?\s*:?|\bdiarienummer\s*:?|\bbeteckning\s*:?|"
    r"\b[äa]rendenummer\s*:?|\b[äa]rendenr\.?\s*:?)\s*"
)

# (name, pattern, labelled-only)
_SHAPES: tuple[tuple[str, re.Pattern[str], bool], ...] = tuple(
    (name, re.compile(rx), lab)
    for name, rx, lab in (
        # SN/2024:00303, SN 2024: 00317, SN2020:218, kS/2024:00308, "(SN\n2018:254)"
        (
            "colon",
            rf"(?<![{_L}\d])(?P<series>[{_L}]{{1,6}})[ \t]*(?:/|\s)?[ \t]*{_Y}[ \t]*:[ \t]*(?P<num>\d{{1,6}})(?![\d:])/?",
            False,
        ),
        # OCR: '/' read as '7' and ':' as '-': SN72018-320
        ("ocr", rf"(?<![{_L}\d])(?P<series>[{_L}]{{2,4}})7{_Y}-(?P<num>\d{{1,5}})(?!\d)", False),
        # IF-2024-00013, BN-2024–001569, BN 2023-002372, BN-2020- 00017
        (
            "dash",
            rf"(?<![{_L}\d])(?P<series>[{_L}]{{1,6}})(?:[ \t]*[{_DASH}][ \t]*|[ \t]+){_Y}[ \t]*[{_DASH}]\s*(?P<num>\d{{3,7}})(?![\d{_DASH}])",
            False,
        ),
        # 2023/BUN 0214, 2021/KS 0280 013
        (
            "year_series",
            rf"(?<![\d/]){_Y}[ \t]*/[ \t]*(?P<series>[{_L}]{{1,6}})[ \t.\-]*(?P<num>\d{{1,6}})(?:[ \t.](?P<sub>\d{{1,4}})(?![\d.:]))?(?![\d/])",
            False,
        ),
        # KS 2018/124, BUN 2018/41, HBS 2018/26, SN 18/0098
        (
            "series_year",
            rf"(?<![{_L}\d])(?P<series>[{_L}]{{2,6}})(?:[ \t]*[{_DASH}][ \t]*|[ \t]*)(?P<year>(?:19|20)?\d\d)[ \t]*/[ \t]*(?P<num>\d{{1,6}})(?![\d/])",
            False,
        ),
        # 2015/100 AKK
        ("year_num_series", rf"(?<![\d/]){_Y}/(?P<num>\d{{1,6}})[ \t]+(?P<series>[A-ZÅÄÖ]{{2,6}})(?![{_L}])", False),
        # 2024-00517, 2021-01004 (no series)
        (
            "year_num",
            rf"(?<![{_L}\d{_DASH}/.]){_Y}[ \t]*[{_DASH}][ \t]*(?P<num>\d{{5,6}}|0\d{{3}})(?![\d{_DASH}/:])",
            False,
        ),
        # labelled only: 1.6-0463/2011, 106-156/2013, 5730-2024, 2023/04634, 2024:17
        (
            "class_num_year",
            rf"(?<![\d.])(?P<series>\d{{1,3}}(?:\.\d{{1,3}})*)[ \t]*[{_DASH}][ \t]*(?P<num>\d{{1,6}})[ \t]*/[ \t]*{_Y}(?!\d)",
            True,
        ),
        ("num_year", rf"(?<![\d.{_DASH}])(?P<num>\d{{1,6}})[ \t]*[{_DASH}][ \t]*{_Y}(?![\d{_DASH}])", True),
        ("year_slash_num", rf"(?<![\d/]){_Y}[ \t]*/[ \t]*(?P<num>\d{{2,6}})(?![\d/])", True),
        ("bare_colon", rf"(?<![{_L}\d]){_Y}[ \t]*:[ \t]*(?P<num>\d{{1,6}})(?![\d:])", True),
    )
)


@dataclass(frozen=True, eq=False)
class CaseNumber:
    series: str | None
    year: int
    number: int
    raw: str = ""
    sub: str | None = None
    style: str = "colon"

    @property
    def canonical(self) -> str:
        base = f"{self.series or ''}/{self.year}:{self.number:05d}"
        return f"{base}.{self.sub}" if self.sub else base

    @property
    def year_number(self) -> str:
        return f"{self.year}:{self.number:05d}"

    @property
    def display(self) -> str:
        if self.style in ("colon", "ocr"):
            return self.canonical
        text = _LABEL.sub("", " ".join(self.raw.split())).strip(" ()[],.;")
        text = re.sub(rf"([{_DASH}])\s+(?=\d)", r"\1", text)  # BN-2020- 00017 -> BN-2020-00017
        return text or self.canonical

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.display

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CaseNumber):
            return NotImplemented
        return self.canonical == other.canonical

    def __hash__(self) -> int:
        return hash(self.canonical)

    def same_case(self, other: CaseNumber | None) -> bool:
        """The same case, allowing one side to omit the series (``2023-00686`` / ``KS-2023-00686``)."""
        if other is None or self.year_number != other.year_number:
            return False
        if self.sub != other.sub and self.sub and other.sub:
            return False
        return self.series is None or other.series is None or self.series == other.series

    def short_forms(self) -> list[str]:
        """Printed forms a user may type, for search."""
        s, y, n = self.series or "", self.year, self.number
        forms = {self.canonical, self.display, f"{y}:{n}", f"{y}:{n:05d}"}
        if s:
            forms |= {f"{s}/{y}:{n}", f"{s} {y}:{n}", f"{s} {y}:{n:05d}", f"{s}{y}:{n}", f"{s}-{y}-{n:05d}"}
        return sorted(forms)


def _series_ok(series: str, style: str) -> bool:
    up = series.upper()
    if up in NOT_SERIES:
        return False
    if up in _KNOWN:
        return True
    if style == "ocr":
        return False
    # an unknown series must be printed in capitals (``SI``, ``HBS``); a lower-case word before a year is prose
    return series.isupper() and 2 <= len(series) <= 5


def _make(name: str, m: re.Match[str], raw: str) -> CaseNumber | None:
    g = m.groupdict()
    series = g.get("series")
    year_s = g["year"]
    year = int(year_s)
    if len(year_s) == 2:
        year += 2000 if year < 70 else 1900
    num_s = g["num"]
    num = int(num_s)
    sub = g.get("sub")
    if name == "year_num" and len(num_s) == 4 and 1 <= int(num_s[:2]) <= 12 and 1 <= int(num_s[2:]) <= 31:
        return None  # "2018-0814": an OCR'd date, not a Dnr
    if name in ("class_num_year",):
        return CaseNumber(series, year, num, raw, None, name)
    if series is not None and not _series_ok(series, name):
        return None
    if name == "year_num_series" and series is not None and not series.isupper():
        return None
    return CaseNumber(series.upper() if series else None, year, num, raw, sub, name)


def find_case_numbers(text: str, *, labelled: bool = False) -> list[CaseNumber]:
    """All case numbers in ``text`` in order of appearance.

    Line breaks are tolerated where a Dnr wraps (``(SN`` / ``2020:197)``, ``BN-2020-`` / ``00017``).
    ``labelled``: the text is known to hold Dnr (an agenda's Dnr column, the value after a ``Dnr`` label),
    so the shapes that need a label are accepted everywhere in it. Without it they are accepted only right
    after a label printed in the text.
    """
    return [c for _, _, c in find_case_spans(text, labelled=labelled)]


# every Dnr holds a year (2024, or 18 before a slash): the shapes run only around such places, so a long
# passage costs one scan (an import indexes thousands of passages)
_ANCHOR = re.compile(r"(?:19|20)\d\d|\d\d[ \t]*/[ \t]*\d")
_BEFORE, _AFTER = 32, 28


def _windows(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _ANCHOR.finditer(text):
        a, b = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _spans_in(text: str, labelled: bool) -> list[tuple[int, int, CaseNumber]]:
    out: list[tuple[int, int, CaseNumber]] = []
    label_ends = {m.end() for m in _LABEL.finditer(text)} if not labelled else set()
    for name, rx, needs_label in _SHAPES:
        if needs_label and not labelled and not label_ends:
            continue
        for m in rx.finditer(text):
            if needs_label and not labelled and m.start() not in label_ends:
                continue
            if any(a < m.end() and m.start() < b for a, b, _ in out):
                continue
            cn = _make(name, m, m.group(0).strip())
            if cn is not None:
                out.append((m.start(), m.end(), cn))
    return out


def find_case_spans(text: str, *, labelled: bool = False) -> list[tuple[int, int, CaseNumber]]:
    """Like :func:`find_case_numbers`, with the (start, end) of each match in ``text``."""
    if not text:
        return []
    if len(text) <= 2 * (_BEFORE + _AFTER):
        out = _spans_in(text, labelled)
    else:
        out = []
        for a, b in _windows(text):
            # widen the window to whole words, so a match never starts or ends inside one
            while a > 0 and not text[a - 1].isspace():
                a -= 1
            while b < len(text) and not text[b].isspace():
                b += 1
            out += [(x + a, y + a, cn) for x, y, cn in _spans_in(text[a:b], labelled)]
    out.sort(key=lambda t: t[0])
    dedup: list[tuple[int, int, CaseNumber]] = []
    for t in out:
        if dedup and t[0] < dedup[-1][1]:
            continue
        dedup.append(t)
    return dedup


def parse_case_number(text: str, *, labelled: bool = False) -> CaseNumber | None:
    """The first case number in ``text``, or None."""
    found = find_case_numbers(text, labelled=labelled)
    return found[0] if found else None


def label_span(text: str) -> tuple[int, int] | None:
    """Where a Dnr label (``Dnr:``, ``Diarienummer``, ``Beteckning`` …) is in ``text``."""
    m = _LABEL.search(text)
    return (m.start(), m.end()) if m else None


_NOT_QUERY = frozenset({"class_num_year", "num_year", "year_slash_num"})


def find_query_cases(text: str) -> list[tuple[int, int, CaseNumber]]:
    """Case numbers typed in a search query (any printed shape; ``2018:254`` without a series too).
    The label-only shapes that look like number ranges (``2019-2022``) are not taken."""
    return [f for f in find_case_spans(text, labelled=True) if f[2].style not in _NOT_QUERY]


def parse_case_query(text: str) -> tuple[str | None, int, int] | None:
    """A typed case number in a search query: any printed shape, and ``2018:254`` without a series.
    Returns (series or None, year, number)."""
    t = text.strip()
    if not t:
        return None
    found = [f for f in find_case_spans(t, labelled=True) if f[2].style not in _NOT_QUERY]
    if len(found) == 1 and found[0][0] == 0 and found[0][1] >= len(t.rstrip("/")):
        cn = found[0][2]
        if cn.style in ("class_num_year",):
            return None
        return (cn.series if cn.series and not cn.series[0].isdigit() else None), cn.year, cn.number
    return None


__all__ = [
    "SERIES",
    "CaseNumber",
    "find_case_numbers",
    "find_case_spans",
    "find_query_cases",
    "label_span",
    "parse_case_number",
    "parse_case_query",
]
