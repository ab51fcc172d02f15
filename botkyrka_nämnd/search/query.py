"""Query syntax a non-technical user can guess, parsed without ever failing.

- ``placering hemlöshet``      all words must match (Swedish stems and compounds included)
- ``"våld i nära relation"``   exact phrase (an unbalanced quote runs to the end of the query)
- ``skuldrådg*``               prefix
- ``-corona`` / ``-"lex Sarah"`` exclude
- ``covid OR corona``          either word (``ELLER`` works too)
- ``SN 2018:254``, ``SN/2024:00303``, ``2018:254``  case numbers (Dnr) in any printed form
- filters: ``nämnd:SN``, ``från:2020``, ``till:2021-06-30``, ``år:2019``, ``källa:bilaga``
  (English: ``committee:``, ``from:``, ``to:``, ``year:``, ``source:``)

Characters that mean something to FTS5 (``( ) : ^ + { } NEAR AND``) are just text here: the FTS5
expression is always built from analysed tokens (:mod:`.index`), never from the user's string.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field

from ..domain.casenumber import find_query_cases
from .analysis import STOPWORDS, WORD_RE

SOURCES = ("item", "attachment", "note")
_SOURCE_ALIASES = {
    "item": "item",
    "items": "item",
    "ärende": "item",
    "ärenden": "item",
    "arende": "item",
    "arenden": "item",
    "attachment": "attachment",
    "attachments": "attachment",
    "bilaga": "attachment",
    "bilagor": "attachment",
    "note": "note",
    "notes": "note",
    "anteckning": "note",
    "anteckningar": "note",
}
_FILTER_KEYS = {
    "nämnd": "committee",
    "namnd": "committee",
    "committee": "committee",
    "från": "from",
    "fran": "from",
    "from": "from",
    "till": "to",
    "to": "to",
    "år": "year",
    "ar": "year",
    "year": "year",
    "källa": "source",
    "kalla": "source",
    "source": "source",
}

_FILTER_RE = re.compile(r"(?<!\S)(?P<key>[^\W\d_]+):(?P<value>\"[^\"]*\"?|\S+)")
_DASHES = str.maketrans(
    {
        "\u2212": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\uff02": '"',
    }
)
MAX_TERMS = 16
MAX_QUERY_CHARS = 500


@dataclass(frozen=True)
class Term:
    """One searchable unit: a word, or a phrase (quoted, or a token such as ``Covid-19`` that holds
    several words)."""

    words: tuple[str, ...]
    quoted: bool = False
    prefix: bool = False  # the last word is a prefix

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass
class Clause:
    """Alternatives joined by OR; the clauses of a query are joined by AND."""

    terms: list[Term]


@dataclass(frozen=True)
class CaseQuery:
    series: str | None
    year: int
    number: int

    @property
    def canonical(self) -> str | None:
        return f"{self.series}/{self.year}:{self.number:05d}" if self.series else None

    @property
    def suffix(self) -> str:
        """What every canonical form of this number ends with (for a query without a series)."""
        return f"/{self.year}:{self.number:05d}"


@dataclass
class ParsedQuery:
    clauses: list[Clause] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    case_numbers: list[CaseQuery] = field(default_factory=list)
    committee: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    sources: set[str] | None = None
    problems: list[str] = field(default_factory=list)  # filter values that were not understood (ignored)
    sequence: tuple[str, ...] = ()  # every word typed, function words included (for the phrase boost)

    @property
    def empty(self) -> bool:
        return not self.clauses and not self.case_numbers


def parse_date_bound(value: str, *, end: bool) -> str | None:
    """'2020' / '2020-05' / '2020-05-26' (also with '/' or '.') -> ISO date; the first or last day when
    ``end``. None when not a date."""
    m = re.fullmatch(r"\s*((?:19|20)\d\d)(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*", value or "")
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else (12 if end else 1)
    if not 1 <= mo <= 12:
        return None
    last = calendar.monthrange(y, mo)[1]
    d = int(m.group(3)) if m.group(3) else (last if end else 1)
    if not 1 <= d <= last:
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def source_name(value: str) -> str | None:
    return _SOURCE_ALIASES.get(value.strip().lower())


def _words(text: str) -> tuple[str, ...]:
    return tuple(WORD_RE.findall(text))


def parse(query: str | None) -> ParsedQuery:
    """Parse what the user typed. Never raises; odd input simply yields fewer terms."""
    out = ParsedQuery()
    if not query:
        return out
    text = unicodedata.normalize("NFC", str(query))[:MAX_QUERY_CHARS].translate(_DASHES)
    text = "".join(c if c.isprintable() else " " for c in text)

    # 1. case numbers in any printed shape (before anything splits them at ':' '/' or '-')
    for a, b, cn in reversed(find_query_cases(text)):
        series = cn.series if cn.series and not cn.series[0].isdigit() else None
        cq = CaseQuery(series, cn.year, cn.number)
        if cq not in out.case_numbers:
            out.case_numbers.insert(0, cq)
        text = text[:a] + " " + text[b:]

    # 2. filters key:value
    def take_filter(m: re.Match[str]) -> str:
        key = _FILTER_KEYS.get(m.group("key").lower())
        if key is None:
            return m.group(0)  # 'Covid:19' - just words
        value = m.group("value").strip('"')
        if key == "committee":
            out.committee = value
        elif key in ("from", "to", "year"):
            lo = parse_date_bound(value, end=False)
            hi = parse_date_bound(value, end=True)
            if lo is None:
                out.problems.append(m.group(0))
            elif key == "from":
                out.date_from = lo
            elif key == "to":
                out.date_to = hi
            else:
                out.date_from, out.date_to = lo, hi
        else:
            src = source_name(value)
            if src is None:
                out.problems.append(m.group(0))
            else:
                out.sources = (out.sources or set()) | {src}
        return " "

    text = _FILTER_RE.sub(take_filter, text)

    # 3. terms
    groups: list[list[tuple[Term, bool]]] = []  # OR groups of (term, negated)
    pending_or = False
    pos, n = 0, len(text)
    while pos < n and sum(len(g) for g in groups) < MAX_TERMS:
        c = text[pos]
        if c.isspace():
            pos += 1
            continue
        negated = False
        if c == "-" and pos + 1 < n and not text[pos + 1].isspace():
            negated, pos = True, pos + 1
            c = text[pos]
        if c == '"':
            end = text.find('"', pos + 1)
            end = n if end < 0 else end
            raw, pos = text[pos + 1 : end], end + 1
            prefix = pos < n and text[pos] == "*"
            words = _words(raw)
            term = Term(words, quoted=True, prefix=prefix and bool(words)) if words else None
        else:
            end = pos
            while end < n and not text[end].isspace() and text[end] != '"':
                end += 1
            raw, pos = text[pos:end], end
            if raw in ("OR", "ELLER") and groups and not negated:
                pending_or = True
                continue
            words = _words(raw)
            prefix = raw.rstrip().endswith("*") and bool(words) and len(words[-1]) >= 2
            term = Term(words, quoted=False, prefix=prefix) if words else None
        if term is None:
            continue
        if pending_or and groups and not negated and not any(neg for _, neg in groups[-1]):
            groups[-1].append((term, False))
        else:
            groups.append([(term, negated)])
        pending_or = False

    positive: list[Clause] = []
    for g in groups:
        if len(g) == 1 and g[0][1]:
            out.excluded.append(g[0][0])
        else:
            positive.append(Clause([t for t, _ in g]))
    # drop function words from unquoted single-word clauses, unless nothing else remains
    content = [cl for cl in positive if not _is_stopword_clause(cl)]
    out.clauses = content if content else positive
    if all(len(cl.terms) == 1 and not cl.terms[0].quoted and not cl.terms[0].prefix for cl in positive):
        out.sequence = tuple(w for cl in positive for w in cl.terms[0].words)
    return out


def _is_stopword_clause(cl: Clause) -> bool:
    return all(
        not t.quoted and not t.prefix and len(t.words) == 1 and t.words[0].lower() in STOPWORDS for t in cl.terms
    )
