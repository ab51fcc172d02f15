"""Page headers, footers and letterheads (SEEDS.md §2.3).

They are found before the structure is parsed, recorded as :class:`PageArtifact` and left out of every
``text_clean``; the parser skips them when it looks at neighbouring lines. Detectors, each conservative:

- letterhead footers: 2024 (``Botkyrka Kommun`` / ``Adress: … Org.nr …`` / ``Medborgarcenter:`` /
  ``Hemsida:``) and 2018/2020 (``Socialförvaltningen`` / ``Post Botkyrka kommun …`` / ``Direkt …`` /
  ``Org.nr …``), also inside a sentence (000:1715-1721);
- page numbers: ``Sida 3 av 12``, ``1[2]``, ``28]``, ``Kvalitetsberättelse, Socialnämnden, 2018 16(16)``;
  a footer whose page equals the page count ends a document;
- continuation headers: ``TJÄNSTESKRIVELSE 2[3]`` with the förvaltning and date/Dnr lines after it;
- a running header that repeats the committee name on its own line inside a report (000:366, 648, 964,
  1076) and a table header repeated after a page break (000:770, 1078);
- ``Bilaga 1`` repeated as a page header (002: ×10), protokoll page headers (``SIDA``, ``Signaturer:``,
  ``Sammanträdesdatum Paragraf``, later ``SAMMANTRÄDESPROTOKOLL``);
- a bare ``Dnr SN 2018:12`` footer in the middle of a list (002:4750);
- for PDF text: a line that recurs at the top or bottom of most pages (``line_pages``), or next to a page
  number line.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..domain.casenumber import find_case_numbers
from .layout import header_kind, is_committee_line, is_protokoll_start, tjsk_page
from .normalize import ocr_fold


@dataclass
class Artifact:
    kind: str  # header | footer | letterhead | page_no
    end_of_document: bool = False


_LETTER_2024_ANCHOR = re.compile(r"^adress\s*:.*org\.?\s*nr", re.IGNORECASE)
_LETTER_2024_PART = re.compile(
    r"^(?:botkyrka kommun|adress\s*:|medborgarcenter\s*:|hemsida\s*:|e-post\s*:|telefon\s*:|bankgiro\s*:|org\.?\s*nr)",
    re.IGNORECASE,
)
_LETTER_OLD_ANCHOR = re.compile(r"^post\s+botkyrka\s+kommun\b", re.IGNORECASE)
_LETTER_OLD_PART = re.compile(r"^(?:direkt\b|org\.?\s*nr\b|besok\b|sms\b|webb\b|e-post\b)", re.IGNORECASE)
_PAGE_OF = re.compile(r"^(?:sida|page)\s*(?P<n>\d{1,3})\s*(?:av|of|/|\()\s*(?P<m>\d{1,3})\)?$", re.IGNORECASE)
_PAGE_BRACKET = re.compile(r"^(?P<n>\d{1,3})\s*\[(?P<m>\d{1,3})\]$")
_PAGE_BROKEN = re.compile(r"^\d{1,3}\]$")
_DOC_FOOTER = re.compile(r"^(?P<prefix>.{3,110}?)\s(?P<n>\d{1,3})\s?\((?P<m>\d{1,3})\)$")
_PROTOKOLL_PART = re.compile(r"^(?:sida|signaturer\s*:.*|sammantr\S{1,2}desdatum(?:\s+paragraf)?|justerandes sign.*)$")
_BILAGA_ONLY = re.compile(r"^bilaga\s+\d{1,2}[a-z]?(?::[a-z0-9]+)?$")
_BARE_DNR = re.compile(r"^Dnr\b\.?\s*:?\s*\S+", re.IGNORECASE)


def detect(s: list[str], tabbed: list[bool], line_pages: list[int] | None = None) -> dict[int, Artifact]:
    """Artifacts by 0-based line index. ``s`` are the stripped, NBSP-normalised lines; ``tabbed[i]`` says
    whether source line ``i`` contains a tab (a table row, even when only trailing tabs)."""
    n = len(s)
    out: dict[int, Artifact] = {}
    f = [ocr_fold(x) for x in s]

    def nonblank_after(i: int, k: int) -> list[int]:
        res: list[int] = []
        j = i + 1
        while j < n and len(res) < k:
            if s[j]:
                res.append(j)
            j += 1
        return res

    def nonblank_before(i: int, k: int) -> list[int]:
        res: list[int] = []
        j = i - 1
        while j >= 0 and len(res) < k:
            if s[j]:
                res.append(j)
            j -= 1
        return res

    for i in range(n):
        line = s[i]
        if not line:
            continue
        # 2024 letterhead footer
        if _LETTER_2024_ANCHOR.match(line):
            out[i] = Artifact("letterhead")
            for j in nonblank_before(i, 2) + nonblank_after(i, 4):
                if _LETTER_2024_PART.match(s[j]) and len(s[j]) < 140:
                    out[j] = Artifact("letterhead")
        # 2018/2020 letterhead footer
        elif _LETTER_OLD_ANCHOR.match(line):
            out[i] = Artifact("letterhead")
            for j in nonblank_after(i, 3):
                if _LETTER_OLD_PART.match(f[j]):
                    out[j] = Artifact("letterhead")
            before = nonblank_before(i, 1)
            if before and header_kind(s[before[0]]) == "forvaltning" and i - before[0] <= 3:
                out[before[0]] = Artifact("letterhead")
        elif f[i].startswith("org.nr 212000-") or f[i].startswith("org.nr: 212000-"):
            out[i] = Artifact("letterhead")
        # page numbers
        m = _PAGE_OF.match(line) or _PAGE_BRACKET.match(line)
        if m:
            out[i] = Artifact("page_no", int(m.group("n")) == int(m.group("m")))
            continue
        if _PAGE_BROKEN.match(line):
            out[i] = Artifact("page_no")
            continue
        m = _DOC_FOOTER.match(line)
        if m and ("," in m.group("prefix") or is_committee_line(m.group("prefix").split(",")[0])):
            out[i] = Artifact("footer", int(m.group("n")) == int(m.group("m")))
            continue
        # continuation page header of a tjänsteskrivelse: the line plus förvaltning and date/Dnr
        page = tjsk_page(line)
        if page and page[0] >= 2:
            out[i] = Artifact("header")
            for j in nonblank_after(i, 2):
                if header_kind(s[j]) in ("forvaltning", "date", "botkyrka"):
                    out[j] = Artifact("header")
                else:
                    break
            continue
        if _PROTOKOLL_PART.match(f[i]):
            out[i] = Artifact("header")
            continue

    _running_committee_headers(s, tabbed, out)
    _repeated_table_headers(s, tabbed, out)
    _repeated_short_headers(s, f, out)
    _bare_dnr_footers(s, out)
    _pdf_repeats(s, line_pages, out)
    return out


def _prev_content(s: list[str], out: dict[int, Artifact], i: int) -> int | None:
    j = i - 1
    while j >= 0 and (not s[j] or j in out):
        j -= 1
    return j if j >= 0 else None


def _next_content(s: list[str], out: dict[int, Artifact], i: int) -> int | None:
    j = i + 1
    while j < len(s) and (not s[j] or j in out):
        j += 1
    return j if j < len(s) else None


def _running_committee_headers(s: list[str], tabbed: list[bool], out: dict[int, Artifact]) -> None:
    """An isolated committee-name line after body text or a table row: a running page header
    (000:366 mid-sentence, 648, 964, 1076). Not the cover (188) nor a Mottagare block (1695)."""
    n = len(s)
    for i in range(n):
        if i in out or not s[i] or not is_committee_line(s[i]):
            continue
        if (i > 0 and s[i - 1]) or (i + 1 < n and s[i + 1]):
            continue  # not isolated
        p = _prev_content(s, out, i)
        if p is None:
            continue
        prev = s[p]
        nxt = _next_content(s, out, i)
        if nxt is not None and header_kind(s[nxt]) in ("date", "datum", "forvaltning", "kod", "dnr", "referens"):
            continue  # the letter head of a document (000:119 Socialnämnd / Datum:)
        if len(prev) >= 80 or tabbed[p]:
            out[i] = Artifact("header")


def _repeated_table_headers(s: list[str], tabbed: list[bool], out: dict[int, Artifact]) -> None:
    """A tab row equal to the header row of the table just before it, separated only by blank lines and
    artifacts: the header repeated after a page break (000:770 = 748, 1078 = 1072)."""
    table_header: str | None = None
    rows = 0
    for i, line in enumerate(s):
        if i in out or not tabbed[i]:
            continue
        p = _prev_content(s, out, i)
        continuing = p is not None and tabbed[p]
        if continuing and p is not None and p != i - 1 and line == table_header:
            page_break = any(j in out for j in range(p + 1, i)) or rows >= 8
            if page_break:
                out[i] = Artifact("header")
                continue
        if not continuing or (p != i - 1 and line == table_header):
            table_header = line
            rows = 0
        rows += 1


def _repeated_short_headers(s: list[str], f: list[str], out: dict[int, Artifact]) -> None:
    """``Bilaga 1`` printed on every page (×10 in 002) and the repeated ``SAMMANTRÄDESPROTOKOLL`` page
    header (not its first occurrence, which starts the protokoll)."""
    counts = Counter(f[i].strip() for i in range(len(s)) if _BILAGA_ONLY.match(f[i].strip()))
    first_protokoll_seen: dict[str, int] = {}
    for i, line in enumerate(s):
        if not line or i in out:
            continue
        key = f[i].strip()
        if _BILAGA_ONLY.match(key) and counts[key] >= 3:
            out[i] = Artifact("header")
        elif is_protokoll_start(line) and key.startswith("sammantr"):
            if key in first_protokoll_seen and i - first_protokoll_seen[key] < 400:
                out[i] = Artifact("header")
            first_protokoll_seen.setdefault(key, i)


def _bare_dnr_footers(s: list[str], out: dict[int, Artifact]) -> None:
    """``Dnr SN 2018:12`` on its own line with the list continuing after it (002:4750)."""
    for i, line in enumerate(s):
        if i in out or not _BARE_DNR.match(line) or len(line) > 40 or not find_case_numbers(line):
            continue
        nxt = _next_content(s, out, i)
        prv = _prev_content(s, out, i)
        if nxt is None or prv is None:
            continue
        follow = s[nxt]
        if follow.startswith("§") or follow[:1].islower():
            out[i] = Artifact("footer")


def _pdf_repeats(s: list[str], line_pages: list[int] | None, out: dict[int, Artifact]) -> None:
    """PDF text: lines recurring as the first or last line of at least 3 pages (and half of them), and
    lines recurring next to a ``Sida N av M`` line."""
    n = len(s)
    page_no_lines = [i for i, a in out.items() if a.kind == "page_no" and _PAGE_OF.match(s[i])]
    candidates: Counter[str] = Counter()
    where: dict[str, list[int]] = defaultdict(list)
    if line_pages and len(line_pages) >= n:
        first_last: dict[int, list[int]] = defaultdict(list)
        for i in range(n):
            if s[i]:
                first_last[line_pages[i]].append(i)
        for idxs in first_last.values():
            for i in idxs[:2] + idxs[-2:]:
                candidates[s[i]] += 1
                where[s[i]].append(i)
        pages = len(first_last)
        for text, c in candidates.items():
            if c >= 3 and c >= pages / 2 and len(text) <= 120:
                for i in where[text]:
                    out.setdefault(i, Artifact("header"))
    if len(page_no_lines) >= 2:
        near: Counter[str] = Counter()
        near_where: dict[str, list[int]] = defaultdict(list)
        for p in page_no_lines:
            for j in range(max(0, p - 3), min(n, p + 4)):
                if j != p and s[j] and j not in out:
                    near[s[j]] += 1
                    near_where[s[j]].append(j)
        for text, c in near.items():
            if c >= max(2, len(page_no_lines) // 2) and len(text) <= 120:
                for j in near_where[text]:
                    out[j] = Artifact("header")
