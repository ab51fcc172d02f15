"""The kallelse parser: the text of one kallelse (or an excerpt of its handlingar) -> one :class:`Meeting`.

Public API::

    parse_kallelse(text: str, *, line_pages: list[int] | None = None) -> Meeting

It follows the structure of the Botkyrka template (SEEDS.md §2), not the seed files:

1. lines are normalised (NBSP, trailing whitespace) and page artifacts found (:mod:`.artifacts`);
2. the cover: committee, ``Tid:``/``Plats:``/``Ordförande:``/``Sekreterare:``, group meetings, and the
   agenda (``Ärenden``), either the 2024 tab rows ``N.<tab>Title<tab>Dnr`` (also as PDF text, where tabs are
   spaces and long rows wrap), or the OCR'd 2018 rows ``N  Title (SN ÅÅÅÅ:n)`` with an unnumbered
   ``Justering``;
3. item starts in the handlingar: the 2024 rule (``NN Title`` after a ``Dnr:`` line or a ``Mottagare`` /
   ``Socialnämnden`` block), or the ordförandeförslag rule (a title block followed by ``Beslut`` or by "Det
   finns inga ärenden att redovisa", under an optional ORDFÖRANDEFÖRSLAG / committee / date+Dnr / number
   header). Starts are matched to agenda rows by printed number, title (fuzzy, OCR-tolerant) and Dnr; with
   no agenda the handlingar define the items;
4. per item: documents (tjänsteskrivelse/-utlåtande, ordförandeförslag, embedded bilagor, an external
   protokoll), their sections, list entries, sekretess (:mod:`.sekretess`) and warnings.

It raises :class:`~botkyrka_nämnd.errors.UnknownLayout` when no meeting date or no item is found. It
prints and logs nothing of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as _date

from rapidfuzz import fuzz

from ..domain.casenumber import CaseNumber, find_case_numbers
from ..domain.model import (
    SECRET_PLACEHOLDER,
    AgendaItem,
    Document,
    GroupMeeting,
    ListEntry,
    Meeting,
    PageArtifact,
    SecretPart,
    Section,
)
from ..errors import UnknownLayout
from . import artifacts as _artifacts
from . import lists as _lists
from . import ocr, sekretess
from .layout import (
    INFO_NONE,
    INTRO_DELEGATIONS,
    INTRO_NOTIFICATIONS,
    Committee,
    bilaga_label,
    committee_in_text,
    date_line,
    datum,
    has_role_word,
    header_kind,
    heading_kind,
    is_cover,
    is_protokoll_start,
    kod,
    match_committee,
    parse_date,
    tjsk_page,
)
from .normalize import clean_lines, dehyphenate, normalize_line, ocr_fold, split_lines

__all__ = ["parse_kallelse"]

# ---------------------------------------------------------------------------------------------------
# OCR helpers (importing/ocr.py is written separately; use it when present)


def _classify(text: str) -> tuple[str, float]:
    origin, ratio = ocr.classify_text(text)
    return origin, float(ratio)


def _repair(text: str) -> str:
    return ocr.repair_text(text, ocr=True)


# ---------------------------------------------------------------------------------------------------
# line context


class _Ctx:
    def __init__(self, text: str, line_pages: list[int] | None):
        self.raw = split_lines(text)
        self.n = len(self.raw)
        norm = [normalize_line(x) for x in self.raw]
        self.s = [x.strip() for x in norm]
        self.f = [ocr_fold(x) for x in self.s]
        self.tabbed = ["\t" in x for x in self.raw]
        # a line starting with one space (or a tab-free indented one) begins a page in the OCR'd files
        self.page_start = [bool(x) and x[0] == " " and not x.startswith("   ") for x in norm]
        self.line_pages = line_pages if line_pages and len(line_pages) >= self.n else None
        if self.line_pages is not None:
            # PDF text: the first line of each page
            prev_page = None
            for i in range(self.n):
                if self.s[i]:
                    if prev_page is not None and self.line_pages[i] != prev_page:
                        self.page_start[i] = True
                    prev_page = self.line_pages[i]
        self.art = _artifacts.detect(self.s, self.tabbed, self.line_pages)
        self._hk: dict[int, str | None] = {}
        self._sk: dict[int, str | None] = {}

    def hk(self, i: int) -> str | None:
        if i not in self._hk:
            self._hk[i] = header_kind(self.s[i])
        return self._hk[i]

    def sk(self, i: int) -> str | None:
        if i not in self._sk:
            self._sk[i] = heading_kind(self.s[i])
        return self._sk[i]

    def content(self, i: int) -> bool:
        return bool(self.s[i]) and i not in self.art

    def prev(self, i: int, lo: int = 0):
        """Indices of content lines before ``i`` (nearest first), down to ``lo``."""
        j = i - 1
        while j >= lo:
            if self.content(j):
                yield j
            j -= 1

    def next(self, i: int, hi: int | None = None):
        hi = self.n - 1 if hi is None else hi
        j = i + 1
        while j <= hi:
            if self.content(j):
                yield j
            j += 1

    def page(self, i: int | None) -> int | None:
        if i is None or self.line_pages is None or i >= len(self.line_pages):
            return None
        return self.line_pages[i]


# ---------------------------------------------------------------------------------------------------
# agenda


@dataclass
class _Row:
    number: int | None
    title: str
    case: CaseNumber | None
    line: int
    justering: bool = False


_AGENDA_HEAD = re.compile(r"^(?:\S{1,2}renden|dagordning|f\S{1,2}redragningslista)$")
_AGENDA_ROW = re.compile(r"^(?P<num>\d{1,2})(?:[.)]\s*|\s+)(?P<rest>\S.*)$")
_STOP = re.compile(r"tr\S{1,2}ffas|\bkl\.?\s*\d|^var v\S{1,2}n?lig|^(?:tid|plats|ordf\S{1,2}rande|sekreterare)\b\s*:?")


def _split_case(text: str) -> tuple[str, CaseNumber | None]:
    """Title and trailing case number of ``Title (SN 2018:254)`` / ``Title SN/2024:00303``."""
    found = find_case_numbers(text)
    if not found:
        return text.strip(), None
    case = found[-1]
    pos = text.rfind(case.raw)
    tail = text[pos + len(case.raw) :].strip(" )/")
    if pos >= 0 and len(tail) <= 2:
        head = text[:pos]
        head = re.sub(r"\(\s*$", "", head.rstrip()).rstrip(" -–,")
        return head.strip(), case
    return text.strip(), case if text.rstrip().endswith(")") else None


def _parse_agenda(c: _Ctx) -> tuple[list[_Row], int | None, int | None]:
    """Rows, the agenda heading line and the last agenda line."""
    head = None
    seen = 0
    for i in range(c.n):
        if not c.s[i]:
            continue
        seen += 1
        if seen > 80:
            break
        if _AGENDA_HEAD.match(c.f[i].strip(" :")):
            head = i
            break
    if head is None:
        return [], None, None
    rows: list[_Row] = []
    last = head
    prev_len = 0
    gap = False
    cur: _Row | None = None
    for i in range(head + 1, min(c.n, head + 400)):
        s = c.s[i]
        if not s or i in c.art:
            gap = gap or not s
            continue
        m = _AGENDA_ROW.match(s)
        if m and (not rows or rows[-1].number is None or int(m.group("num")) == (rows[-1].number or 0) + 1):
            title, case = _split_case(m.group("rest"))
            cur = _Row(int(m.group("num")), title, case, i)
            if rows and rows[-1].number is None and not rows[-1].justering:
                rows.pop()
            rows.append(cur)
            last, prev_len, gap = i, len(s), False
            continue
        if c.f[i].strip(" .:") == "justering" and not any(r.number for r in rows):
            rows.append(_Row(None, "Justering", None, i, justering=True))
            last, prev_len, gap = i, len(s), False
            continue
        # a wrapped agenda row continues on the next line (PDF text)
        if cur is not None and not gap and not _STOP.search(c.f[i]) and not m:
            if cur.case is None:
                # the row's Dnr may be on this line, or split over the break ("SN/2024:" / "00449")
                title_more, case = _split_case(f"{cur.title} {s}")
                if case is not None:
                    cur.title, cur.case = title_more, case
                    last, prev_len = i, len(s)
                    continue
            if prev_len >= 55 and len(s) < 70 and _split_case(s)[1] is None and not c.sk(i):
                cur.title = f"{cur.title} {s}".strip()
                last, prev_len = i, len(s)
                continue
        if rows:
            break
    numbered = [r for r in rows if r.number is not None]
    if not numbered or numbered[0].number != 1:
        return [], head, None
    for r in rows:
        r.title = " ".join(r.title.split())
    return rows, head, last


# ---------------------------------------------------------------------------------------------------
# item starts


@dataclass
class _Start:
    start: int
    title_first: int
    title_last: int
    title: str
    number: str | None
    style: str  # '2024' | 'of'
    doc_kind: str
    doc_date: str | None = None
    case: CaseNumber | None = None  # from the header (Dnr line)
    case_line: int | None = None
    title_case: CaseNumber | None = None
    author: str | None = None
    code: str | None = None
    header_lines: list[int] = field(default_factory=list)


_ITEM_HEAD = re.compile(r"^(?P<num>\d{2})\s+(?P<rest>\S.*)$")
_DOC_PREFIX = re.compile(
    r"^(?P<kind>tj\S{1,2}nsteskrivelse|tj\S{1,2}nsteutl\S{1,2}tande|ordf\S{1,2}randef\S{1,2}rslag)\b\s*[-–—:]?\s*",
)


def _doc_kind_of(prefix: str) -> str:
    f = ocr_fold(prefix)
    if "utl" in f:
        return "tjansteutlatande"
    if f.startswith("ordf"):
        return "ordforandeforslag"
    return "tjansteskrivelse"


def _starts_2024(c: _Ctx, lo: int) -> list[_Start]:
    out: list[_Start] = []
    for i in range(lo, c.n):
        if not c.content(i):
            continue
        m = _ITEM_HEAD.match(c.s[i])
        if not m:
            continue
        prev = list(_take(c.prev(i, lo), 2))
        ok = any(c.hk(j) == "dnr" for j in prev)
        if not ok and len(prev) == 2 and c.hk(prev[0]) == "committee" and c.hk(prev[1]) == "mottagare":
            ok = True
        if not ok:
            continue
        st = _header_2024(c, i, lo)
        title_lines = [i]
        rest = m.group("rest").strip()
        j = i + 1
        # a heading wrapped by a PDF text layer continues on the next line(s)
        while (
            j < c.n
            and c.content(j)
            and len(title_lines) < 3
            and len(c.s[j - 1]) >= 60
            and not c.sk(j)
            and not c.hk(j)
        ):
            rest += " " + c.s[j]
            title_lines.append(j)
            j += 1
        kind = "tjansteskrivelse"
        pm = _DOC_PREFIX.match(ocr_fold(rest))
        if pm:
            kind = _doc_kind_of(pm.group("kind"))
            rest = rest[pm.end() :].strip()
            if not rest:
                nxt = next(c.next(title_lines[-1]), None)
                if nxt is not None and not c.sk(nxt) and not c.hk(nxt) in ("dnr", "date"):
                    rest = c.s[nxt]
                    title_lines.append(nxt)
        st.title_first, st.title_last = i, title_lines[-1]
        st.title = " ".join(rest.split())
        st.title_case = _split_case(st.title)[1]
        st.number = m.group("num")
        st.doc_kind = kind
        out.append(st)
    return out


def _take(it, k):
    for x in it:
        if k <= 0:
            return
        yield x
        k -= 1


def _header_2024(c: _Ctx, heading: int, lo: int) -> _Start:
    """Walk up from a ``NN Title`` heading over its letter head (TJÄNSTESKRIVELSE / BOTKYRKA / KOMMUN /
    committee / date / förvaltning / Kod / handläggare / Dnr, or **Referens** / name / e-mail / Mottagare /
    committee) and read its fields."""
    st = _Start(heading, heading, heading, "", None, "2024", "tjansteskrivelse")
    start = heading
    kinds: list[tuple[int, str | None]] = []
    names = 0
    seen_committee = False
    variant_c = False
    for count, j in enumerate(c.prev(heading, lo)):
        if count > 14:
            break
        k = c.hk(j)
        if k in ("tjsk", "referens"):
            start = j
            kinds.append((j, k))
            break
        if k == "botkyrka":
            start = j
            kinds.append((j, k))
            continue
        if seen_committee and not variant_c:
            break
        if k == "committee":
            seen_committee = True
            if not kinds:  # directly above the heading: the Mottagare / Socialnämnden block (variant C)
                variant_c = True
            start = j
            kinds.append((j, k))
            continue
        if k in ("dnr", "kod", "date", "datum", "forvaltning", "email", "mottagare"):
            start = j
            kinds.append((j, k))
            continue
        if k == "name" and names < 2:
            names += 1
            start = j
            kinds.append((j, k))
            continue
        break
    st.start = start
    st.header_lines = [j for j, _ in kinds]
    for j, k in reversed(kinds):
        s = c.s[j]
        if k == "dnr":
            found = find_case_numbers(s)
            if found:
                st.case, st.case_line = found[0], j
        elif k == "date":
            st.doc_date = date_line(s)[0]
        elif k == "datum":
            st.doc_date = datum(s) or None
        elif k == "kod":
            st.code = kod(s)
        elif k == "name" and st.author is None:
            st.author = s
    return st


_COMPLETE_TITLE = re.compile(r"^[A-ZÅÄÖ]\S*(?:\s+\S+)+\s*\((?:Dnr\s*)?[A-Za-zÅÄÖ]{2,3}[ /]?\d{4}\s*:\s*\d+/?\)$")


def _trim_title(title: str, reference: str) -> str:
    """When a title block picked up lines of the text above it (PDF text without page marks), keep the
    word-suffix of ``title`` that matches ``reference`` (the agenda title, or the tjänsteskrivelse title)."""
    words = title.split()
    ref = _title_key(reference)
    if len(words) < 3 or not ref:
        return title
    whole = fuzz.ratio(_title_key(title), ref)
    best = (whole, 0)
    for k in range(1, len(words) - 1):
        sc = fuzz.ratio(_title_key(" ".join(words[k:])), ref)
        if sc > best[0]:
            best = (sc, k)
    if best[1] and best[0] >= whole + 10 and best[0] >= 85:
        return " ".join(words[best[1] :])
    return title


def _starts_of(c: _Ctx, lo: int) -> list[_Start]:
    """Ordförandeförslag-style starts: a title block right above ``Beslut`` (or above "Det finns inga
    ärenden att redovisa"), under an optional number / date+Dnr / committee / ORDFÖRANDEFÖRSLAG header."""
    out: list[_Start] = []
    for i in range(lo, c.n):
        if not c.content(i):
            continue
        info = bool(INFO_NONE.match(" ".join(c.f[i].split())))
        if c.sk(i) != "beslut" and not info:
            continue
        title: list[int] = []
        for count, j in enumerate(c.prev(i, lo)):
            if count > 6:
                break
            k = c.hk(j)
            s = c.s[j]
            if k in ("number", "date", "committee", "ordf", "tjsk", "forvaltning", "dnr", "referens", "botkyrka"):
                break
            too_long = len(s) > 110 and not (count == 0 and _split_case(s)[1] is not None and len(s) <= 240)
            if c.sk(j) or c.tabbed[j] or too_long or (s.endswith(".") and not s.endswith("..")):
                break
            title.insert(0, j)
            if c.page_start[j] and (s[:1].isupper() or s[:1].isdigit()):
                break
            if len(title) >= 4:
                break
            if _split_case(c.s[j])[1] is not None and count > 0:
                break
            if count == 0 and _COMPLETE_TITLE.match(s):
                break  # "Anmälningsärenden 2020 (SN 2020:10)": the whole title on one line
        if not title:
            continue
        st = _Start(title[0], title[0], title[-1], "", None, "of", "ordforandeforslag")
        st.title = " ".join(" ".join(c.s[j] for j in title).split())
        st.title_case = _split_case(st.title)[1] or (find_case_numbers(st.title) or [None])[-1]
        # header, bottom-up: number? date(+Dnr)? committee/förvaltning (only above a date)? ORDF/BOTKYRKA?
        pos = 0
        for count, j in enumerate(c.prev(title[0], lo)):
            if count > 6:
                break
            k = c.hk(j)
            if k == "number" and pos == 0:
                st.number = c.s[j]
                pos = 1
            elif k == "date" and pos <= 1:
                d, rest = date_line(c.s[j])
                st.doc_date = d
                found = find_case_numbers(rest)
                if found:
                    st.case, st.case_line = found[0], j
                pos = 2
            elif k in ("committee", "forvaltning") and pos == 2:
                pos = 3
            elif k in ("ordf", "botkyrka") and pos >= 2:
                pos = 4
            else:
                break
            st.start = j
            st.header_lines.append(j)
        out.append(st)
    return out


# ---------------------------------------------------------------------------------------------------
# matching starts to agenda rows


def _title_key(title: str) -> str:
    t, _ = _split_case(title)
    t = ocr_fold(t)
    t = re.sub(r"\s*[-–—]+\s*", " ", t)
    t = t.replace("&", "och")
    return " ".join(re.sub(r"[^\w/ ]", " ", t).split())


def _similarity(a: str, b: str) -> float:
    ka, kb = _title_key(a), _title_key(b)
    if not ka or not kb:
        return 0.0
    return (fuzz.token_set_ratio(ka, kb) + fuzz.ratio(ka, kb)) / 2


def _score(st: _Start, row: _Row, expected: int | None) -> float:
    score = _similarity(st.title, row.title)
    if st.number is not None and row.number is not None and int(st.number) == row.number:
        score += 30
    cases = {x for x in (st.case, st.title_case) if x is not None}
    if row.case is not None and row.case in cases:
        score += 20
    if expected is not None and row.number == expected:
        score += 5
    return score


def _assign(starts: list[_Start], rows: list[_Row]) -> list[tuple[int, _Start]]:
    """(row index, start) for the accepted starts."""
    numbered = [(k, r) for k, r in enumerate(rows) if r.number is not None]
    out: list[tuple[int, _Start]] = []
    expected = 1
    for st in starts:
        best: tuple[float, int] | None = None
        for k, r in numbered:
            sc = _score(st, r, expected)
            if best is None or sc > best[0]:
                best = (sc, k)
        if best is None:
            continue
        sc, k = best
        if st.style == "2024":
            number_ok = st.number is not None and int(st.number) == rows[k].number
            if not number_ok and sc < 70:
                continue
        elif sc < 62:
            continue
        if st.style == "of":
            trimmed = _trim_title(st.title, rows[k].title)
            if trimmed != st.title:
                st.title = trimmed
        out.append((k, st))
        expected = (rows[k].number or 0) + 1
    return out


# ---------------------------------------------------------------------------------------------------
# documents and sections


@dataclass
class _Doc:
    kind: str
    start: int
    content_start: int
    title: str
    end: int = -1
    bilaga_label: str | None = None
    doc_date: str | None = None
    case: CaseNumber | None = None
    case_line: int | None = None
    author: str | None = None
    code: str | None = None
    header: set[int] = field(default_factory=set)


def _bilaga_title(c: _Ctx, i: int, hi: int) -> tuple[str, str | None]:
    label = None
    for j in [i, *_take(c.next(i, hi), 4)]:
        s = c.s[j].strip("* ")
        if not s or is_cover(c.s[j]) or ocr_fold(s) in ("botkyrka", "det har ar"):
            continue
        bl = bilaga_label(s)
        if bl:
            label = bl[0]
            if bl[1]:
                return bl[1], label
            continue
        return s, label
    return c.s[i].strip("* "), label


def _walk_tjsk_header(c: _Ctx, anchor: int, lo: int) -> int:
    """First line of a 2018/2020 tjänsteskrivelse whose ``Referens Mottagare`` (or TJÄNSTESKRIVELSE) line
    is ``anchor``: förvaltning, date(+Dnr), TJÄNSTESKRIVELSE and BOTKYRKA KOMMUN lines above it."""
    start = anchor
    for count, j in enumerate(c.prev(anchor, lo)):
        if count > 5:
            break
        if c.hk(j) in ("forvaltning", "date", "tjsk", "botkyrka", "committee") and not (
            c.hk(j) == "tjsk" and (tjsk_page(c.s[j]) or (1, 1))[0] > 1
        ):
            start = j
            if c.hk(j) == "tjsk" or c.page_start[j]:
                break
            continue
        break
    return start


def _walk_title_up(c: _Ctx, heading: int, lo: int) -> int:
    """First line of the title block above a ``Förslag till beslut`` heading that starts a document."""
    start = heading
    for count, j in enumerate(c.prev(heading, lo)):
        if count > 4:
            break
        k = c.hk(j)
        if c.sk(j) or len(c.s[j]) > 110 or c.s[j].endswith("."):
            break
        start = j
        if c.page_start[j] or k in ("committee", "forvaltning", "tjsk", "ordf"):
            break
    return start


def _author(line: str) -> str | None:
    """``Ulrika Hage Socialndmnden`` (Referens and Mottagare merged) / ``Viktor Gornitzka , jurist``
    -> the handläggare's name."""
    cm = re.search(r"\s+\S*n\S{1,2}mnd\w*$", line)
    if cm and match_committee(line[cm.start() :].strip()):
        line = line[: cm.start()]
    return line.split(",")[0].strip() or None


def _read_tjsk_header(c: _Ctx, d: _Doc, hi: int) -> None:
    """Fields of a 2018/2020 tjänsteskrivelse (förvaltning, date [Dnr], Referens Mottagare, handläggare
    [Socialnämnd], title) and where its content starts (the title)."""
    title_from = None
    ref_seen = False
    for j in range(d.start, hi + 1):
        if not c.content(j):
            continue
        k = c.hk(j)
        s = c.s[j]
        if c.sk(j):
            break
        if ref_seen and d.author is None and k not in ("date", "tjsk", "mottagare"):
            d.author = _author(s)
        elif k == "date" and d.doc_date is None:
            d.doc_date, rest = date_line(s)
            found = find_case_numbers(rest)
            if found:
                d.case, d.case_line = found[0], j
        elif k in ("forvaltning", "tjsk", "botkyrka", "committee", "mottagare"):
            pass
        elif k == "referens":
            ref_seen = True
        elif ref_seen and k == "name" and len(s.split()) <= 3:
            pass  # a second reference or the recipient on its own line
        else:
            title_from = j
            break
        d.header.add(j)
    if title_from is None:
        return
    lines = []
    for j in range(title_from, hi + 1):
        if c.sk(j) or len(lines) >= 3:
            break
        if c.content(j):
            lines.append(c.s[j])
    if lines:
        d.title = " ".join(" ".join(lines).split())
    d.content_start = title_from


def _recipients_end(c: _Ctx, heading: int, hi: int) -> int:
    """Last line of the recipient list under ``Skickas till`` / ``Expedieras till``: the first paragraph,
    then further short lines (names of units), up to a page start, a cover, a bilaga label or a heading."""
    last = heading
    gap = False
    for j in range(heading + 1, hi + 1):
        if j in c.art:
            continue
        s = c.s[j]
        if not s:
            gap = last != heading
            continue
        if is_cover(s) or bilaga_label(s) or is_protokoll_start(s) or c.sk(j):
            break
        if c.page_start[j] and last != heading:
            break
        if last != heading and (len(s) > 80 or c.tabbed[j]):
            break  # a recipient line is short; a long one is the next document's title
        if gap and s.endswith("."):
            break
        last = j
    return last


def _segment(c: _Ctx, st: _Start, lo: int, hi: int, list_item: bool = False) -> list[_Doc]:
    """Split one item block [lo, hi] into documents. ``list_item``: an anmälnings-/delegationsärende,
    whose list may continue on a new page."""
    first = _Doc(st.doc_kind, lo, st.title_first, st.title, doc_date=st.doc_date, case=st.case,
                 case_line=st.case_line, author=st.author, code=st.code, header=set(st.header_lines))
    if first.case is None and st.title_case is not None:
        first.case = st.title_case
    docs = [first]
    closed = False
    signed = False
    seen: set[str] = set()
    i = st.title_last + 1

    def new(kind: str, start: int, title: str | None = None) -> _Doc:
        nonlocal closed, seen, signed
        closed = False
        signed = False
        seen = set()
        label = None
        if title is None:
            title, label = _bilaga_title(c, start, hi)
        d = _Doc(kind, start, start, title, bilaga_label=label)
        docs.append(d)
        return d

    while i <= hi:
        if i in c.art:
            if c.art[i].end_of_document:
                closed = True
            i += 1
            continue
        if not c.s[i]:
            i += 1
            continue
        cur = docs[-1]
        s = c.s[i]
        hk = c.hk(i)
        sk = c.sk(i)
        # bilaga markers
        if is_cover(s) and i > cur.content_start:
            new("bilaga", i)
            i += 1
            continue
        if is_protokoll_start(s) and cur.kind != "externt_protokoll":
            d = new("externt_protokoll", i)
            d.title = s
            i += 1
            continue
        if closed:
            new("bilaga", i)
            i += 1
            continue
        if cur.kind in ("ordforandeforslag", "bilaga") or (cur.kind.startswith("tjanste") and st.style == "of"):
            # a tjänsteskrivelse of the 2018/2020 layout
            tj = tjsk_page(s)
            if hk == "referens" or (hk == "tjsk" and (tj is None or tj[0] == 1)):
                if cur.kind == "ordforandeforslag" or hk == "tjsk" or c.page_start[i] or cur.kind == "bilaga":
                    start = _walk_tjsk_header(c, i, cur.content_start + 1)
                    if start > cur.content_start:
                        d = new("tjansteskrivelse", start, title="")
                        _read_tjsk_header(c, d, hi)
                        d.title = d.title or docs[0].title
                        i = max(i, d.content_start) + 1
                        continue
            if sk == "forslag_till_beslut" and cur.kind == "ordforandeforslag":
                start = _walk_title_up(c, i, cur.content_start + 1)
                d = new("tjansteskrivelse", start, title=" ".join(c.s[j] for j in range(start, i) if c.content(j)))
                d.title = " ".join(d.title.split())
                seen = {"forslag_till_beslut"}
                i += 1
                continue
            if (
                cur.kind == "ordforandeforslag"
                and c.page_start[i]
                and i > cur.content_start + 1
                and seen
                and not list_item
                and not s.startswith("§")
                and not s[:1].islower()
            ):
                ahead = list(_take(c.next(i - 1, hi), 12))
                if not any(c.hk(j) in ("referens", "tjsk") or c.sk(j) == "forslag_till_beslut" for j in ahead):
                    new("bilaga", i)
                    i += 1
                    continue
        if cur.kind in ("tjansteskrivelse", "tjansteutlatande"):
            # after the signature, a new page starts a bilaga (003:1104-1106, 002:3869-3879)
            if (
                signed
                and c.page_start[i]
                and not sk
                and not any(c.sk(j) in ("skickas_till", "expedieras_till") for j in _take(c.next(i, hi), 6))
            ):
                new("bilaga", i)
                signed = False
                i += 1
                continue
            short = len(s) <= 60 and not s.endswith(".") and not c.tabbed[i]
            if short and seen & {"forslag_till_beslut", "beslut", "arendet", "sammanfattning"} and has_role_word(s):
                signed = True
            elif not short:
                signed = False
        if cur.kind in ("tjansteskrivelse", "tjansteutlatande", "ordforandeforslag"):
            if sk in ("skickas_till", "expedieras_till"):
                i = _recipients_end(c, i, hi) + 1
                closed = True
                continue
            if sk and c.page_start[i] and sk in seen and cur.kind != "ordforandeforslag":
                new("bilaga", i)
                i += 1
                continue
            if sk:
                seen.add(sk)
        i += 1
    # ends
    for k, d in enumerate(docs):
        end = docs[k + 1].start - 1 if k + 1 < len(docs) else hi
        while end > d.start and not c.s[end]:
            end -= 1
        d.end = end
    return docs


_TABLE_MIN_ROWS = 2


def _sections(c: _Ctx, d: _Doc, locked: list[tuple[int, int]]) -> list[tuple[str, str | None, int, int]]:
    """(kind, heading, first line, last line) of the sections of a document; heading lines included.
    Nothing inside a ``locked`` range starts a section or a table."""
    out: list[tuple[str, str | None, int, int]] = []
    headings = d.kind in ("tjansteskrivelse", "tjansteutlatande", "ordforandeforslag")
    cur_kind, cur_head, cur_start = "body", None, d.content_start
    j = d.content_start
    while j <= d.end:
        if headings and c.content(j) and c.sk(j) and j not in d.header and not _in(j, locked):
            if j > cur_start or cur_head is not None:
                out.append((cur_kind, cur_head, cur_start, j - 1))
            cur_kind, cur_head, cur_start = c.sk(j), c.s[j], j
        j += 1
    out.append((cur_kind, cur_head, cur_start, d.end))
    # split tables out of body-like sections
    result: list[tuple[str, str | None, int, int]] = []
    for kind, head, a, b in out:
        if kind not in ("body", "arendet", "sammanfattning"):
            result.append((kind, head, a, b))
            continue
        runs = _table_runs(c, a + (1 if head else 0), b, locked)
        if not runs:
            result.append((kind, head, a, b))
            continue
        pos = a
        first = True
        for ta, tb in runs:
            if ta > pos:
                result.append((kind, head if first else None, pos, ta - 1))
                first = False
            result.append(("table", None, ta, tb))
            pos = tb + 1
        if pos <= b:
            result.append((kind if first else "body", head if first else None, pos, b))
    # signature block at the end of a tjänsteskrivelse section list
    return _split_signature(c, result, d)


def _table_runs(c: _Ctx, a: int, b: int, locked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    runs = []
    j = a
    while j <= b:
        if c.tabbed[j] and c.s[j] and j not in c.art and not _in(j, locked):
            k = j
            last = j
            while k + 1 <= b:
                nk = k + 1
                if c.tabbed[nk] and c.s[nk] and nk not in c.art and not _in(nk, locked):
                    last = nk
                    k = nk
                    continue
                # a page break inside a table: blank lines and artifacts, then more rows
                m = nk
                had_art = False
                while m <= b and (not c.s[m] or m in c.art):
                    had_art = had_art or m in c.art
                    m += 1
                if had_art and m <= b and c.tabbed[m] and not _in(m, locked):
                    k = m
                    last = m
                    continue
                break
            rows = sum(1 for x in range(j, last + 1) if c.tabbed[x] and c.s[x] and x not in c.art)
            if rows >= _TABLE_MIN_ROWS:
                runs.append((j, last))
            j = last + 1
        else:
            j += 1
    return runs


def _split_signature(c: _Ctx, secs, d: _Doc):
    if d.kind not in ("tjansteskrivelse", "tjansteutlatande", "ordforandeforslag") or not secs:
        return secs
    # the section before skickas/expedieras (or the last section)
    idx = len(secs) - 1
    for k, (kind, *_rest) in enumerate(secs):
        if kind in ("skickas_till", "expedieras_till"):
            idx = k - 1
            break
    if idx < 0:
        return secs
    kind, head, a, b = secs[idx]
    if kind in ("faststalld_av", "table", "skickas_till", "expedieras_till", "signatur"):
        return secs
    # trailing paragraph of <= 4 short lines with a role word
    lines = [j for j in range(a + (1 if head else 0), b + 1) if c.content(j)]
    if not lines:
        return secs
    block = [lines[-1]]
    for j in reversed(lines[:-1]):
        if block[0] - j == 1:
            block.insert(0, j)
        else:
            break
    texts = [c.s[j] for j in block]
    if (
        len(block) <= 4
        and all(len(t) <= 60 and not t.endswith(".") and not c.tabbed[j] for t, j in zip(texts, block))
        and any(has_role_word(t) for t in texts)
        and (block[0] > a + (1 if head else 0))
    ):
        secs = secs[:idx] + [(kind, head, a, block[0] - 1), ("signatur", None, block[0], b)] + secs[idx + 1 :]
    return secs


# ---------------------------------------------------------------------------------------------------
# the parser


_MONTHS = {
    m: k + 1
    for k, m in enumerate(
        ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
         "november", "december")
    )
}
_DAY_MONTH = re.compile(r"\b(?P<d>[0-3]?\d)\s+(?P<m>" + "|".join(_MONTHS) + r")\b(?:\s+(?P<y>(?:19|20)\d\d))?", re.I)
_TABLED = re.compile(r"\bbordl\S{1,2}(?:gg\w*|gt\w*)", re.I)
_TID = re.compile(
    r"^tid\s*:?\s*(?P<date>(?:19|20)\d\d-?[01]\d-?[0-3]\d)(?:\s*,?\s*(?:kl|k1)\.?\s*:?\s*(?P<h>[0-2]?\d)[:.](?P<m>[0-5]\d))?"
)
_PLATS = re.compile(r"^plats\s*:?\s+(?P<v>\S.*)$", re.I)
_CHAIR = re.compile(r"^ordf\S{1,2}rande\s*:\s*(?P<v>\S.*)$", re.I)
_SECRETARY = re.compile(r"^sekreterare\s*:\s*(?P<v>\S.*)$", re.I)
_KALLELSE = re.compile(r"^kallelse\b")
_GROUP = re.compile(r"tr\S{1,2}ffas")
_TIME = re.compile(r"\b(?:kl\.?\s*)?(?P<h>[0-2]?\d)[:.](?P<m>[0-5]\d)\b")
_INFO_PROPOSAL = re.compile(r"tagit del av (?:informationen|rapporten|redovisningen)")
_HOUSE = re.compile(r"(?<=[a-zåäöé]) 1 (?=[a-zåäöé])")


def _title_case(s: str) -> str:
    return " ".join("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")) for w in s.split())


class _Parser:
    def __init__(self, text: str, line_pages: list[int] | None):
        self.c = _Ctx(text, line_pages)
        self.origin = _classify(text)[0]
        self.ocr = self.origin == "ocr"

    # -- metadata ------------------------------------------------------------------------------------
    def _meta(self, m: Meeting, hi: int, agenda_head: int | None) -> None:
        """Cover fields from lines [0, hi): committee, Tid/Plats/Ordförande/Sekreterare, a kallelse Dnr
        (before the agenda), group meetings, and the OCR'd two-column chair/secretary line."""
        c = self.c
        committee: Committee | None = None
        for i in range(0, hi):
            if not c.content(i):
                continue
            f = c.f[i]
            s = c.s[i]
            if _KALLELSE.match(f) and committee is None:
                committee = committee_in_text(s)
            mt = _TID.match(f)
            if mt and m.date == "":
                d = parse_date(mt.group("date"))
                if d:
                    m.date, m.date_source = d, "tid_line"
                    if mt.group("h"):
                        m.time = f"{int(mt.group('h')):02d}:{mt.group('m')}"
                continue
            if (pm := _PLATS.match(s)) and m.place is None:
                m.place_raw = pm.group("v").strip()
                m.place = m.place_raw
                continue
            if c.hk(i) == "dnr" and m.notice_case_number is None and (agenda_head is None or i < agenda_head):
                found = find_case_numbers(s)
                if found:
                    m.notice_case_number = found[0]
                    continue
            if (cm := _CHAIR.match(s)) and m.chair is None:
                m.chair = cm.group("v").strip()
                continue
            if (sm := _SECRETARY.match(s)) and m.secretary is None:
                m.secretary = sm.group("v").strip()
                continue
            if gm := _GROUP.search(f):
                text = s
                tm = _TIME.search(f, gm.end())
                for j in _take(c.next(i, hi), 2):
                    if tm:
                        break
                    text = f"{text} {c.s[j]}"
                    tm = _TIME.search(ocr_fold(c.s[j]))
                m.group_meetings.append(
                    GroupMeeting(" ".join(text.split()), f"{int(tm.group('h')):02d}:{tm.group('m')}" if tm else None, i + 1)
                )
                continue
            # "MATS EINARSSON ANNELI SJOBERG" / "ordforande sekreterare"
            if re.fullmatch(r"ordf\S{1,2}rande\s+sekreterare", f.strip()) and (m.chair is None or m.secretary is None):
                p = next(c.prev(i), None)
                if p is not None:
                    words = c.s[p].split()
                    if len(words) >= 4 and len(words) % 2 == 0:
                        half = len(words) // 2
                        chair, secr = " ".join(words[:half]), " ".join(words[half:])
                    elif len(words) >= 2:
                        chair, secr = " ".join(words[:2]), " ".join(words[2:]) or None
                    else:
                        chair = secr = None
                    if chair:
                        m.chair = m.chair or self._person(chair)
                    if secr:
                        m.secretary = m.secretary or self._person(secr)
        if committee is None:
            for i in list(_take((j for j in range(c.n) if c.content(j)), 3)):
                committee = match_committee(c.s[i])
                if committee:
                    break
        if committee is None:
            for i in range(c.n):
                if c.hk(i) == "ordf":
                    for j in _take(c.next(i), 2):
                        committee = match_committee(c.s[j])
                        if committee:
                            break
                if committee:
                    break
        if committee is None:
            for i in range(c.n):
                if c.content(i) and c.hk(i) == "committee":
                    committee = match_committee(c.s[i])
                    if committee:
                        break
        if committee is not None:
            m.committee, m.committee_short = committee.name, committee.short
        else:
            m.warnings.append("committee_unknown")
        if self.ocr and m.place_raw:
            # OCR'd cover: read "Kommunalhuset 1 Tumba" as "i", repair words; flag it as unverified
            place = _HOUSE.sub(" i ", m.place_raw)
            m.place = _repair(place)
            m.warnings.append("place_ocr")

    def _person(self, name: str) -> str:
        name = _title_case(name) if name.isupper() else name
        if self.ocr:
            name = _repair(name)
        return name

    def _date_from_headers(self, m: Meeting) -> None:
        c = self.c
        votes: dict[str, int] = {}
        for i in range(c.n):
            if c.content(i) and c.hk(i) == "ordf":
                for j in _take(c.next(i), 3):
                    if c.hk(j) == "date":
                        d = date_line(c.s[j])[0]
                        votes[d] = votes.get(d, 0) + 1
                        break
        if votes:
            m.date = max(votes, key=lambda d: (votes[d], d))
            m.date_source = "ordforandeforslag_header"
            return
        # a committee line followed by a date at the very top (002:1-2)
        first = list(_take((j for j in range(c.n) if c.content(j)), 3))
        if len(first) >= 2 and c.hk(first[0]) == "committee" and c.hk(first[1]) == "date":
            m.date = date_line(c.s[first[1]])[0]
            m.date_source = "header"

    # -- main ----------------------------------------------------------------------------------------
    def run(self) -> Meeting:
        c = self.c
        if not any(c.s):
            raise UnknownLayout(
                "Filen är tom: ingen kallelse att läsa in.", "The file is empty: there is no kallelse to import."
            )
        rows, agenda_head, agenda_last = _parse_agenda(c)
        lo = (agenda_last + 1) if agenda_last is not None else 0
        starts = _starts_2024(c, lo)
        style = "2024"
        if not starts:
            starts = _starts_of(c, lo)
            style = "of"
        m = Meeting(date="")
        m.line_count = c.n
        m.text_origin = self.origin
        first_start = min((s.start for s in starts), default=c.n)
        self._meta(m, first_start if starts else min(c.n, 120), agenda_head)
        if not m.date:
            self._date_from_headers(m)
        if not m.date:
            raise UnknownLayout(
                "Okänd layout: inget sammanträdesdatum hittades (varken en rad 'Tid:' eller ett "
                "ordförandeförslag med datum).",
                "Unknown layout: no meeting date found (no 'Tid:' line and no dated ordförandeförslag).",
            )
        if rows and style == "of" and starts:
            m.doc_kind = "kallelse_med_ordforandeforslag"
        elif rows:
            m.doc_kind = "kallelse"
        else:
            m.doc_kind = "handlingar_utdrag"

        # items
        items: list[AgendaItem] = []
        blocks: dict[int, list[_Start]] = {}
        if rows:
            assigned = _assign(starts, rows)
            for r in rows:
                it = AgendaItem(
                    ordinal=r.number,
                    title=r.title,
                    kind="justering" if r.justering else "beslutsarende",
                    agenda_case_number=r.case,
                )
                items.append(it)
            for k, st in assigned:
                blocks.setdefault(k, []).append(st)
        else:
            ordinal = 0
            for st in starts:
                if st.style == "of" and st.title_case is None and st.case is None and not st.number and not st.header_lines:
                    continue
                ordinal = int(st.number) if (st.style == "2024" and st.number) else ordinal + 1
                title, _case = _split_case(st.title)
                items.append(AgendaItem(ordinal=ordinal, title=title, kind="beslutsarende"))
                blocks[len(items) - 1] = [st]
        if not any(blocks.values()) and not rows:
            raise UnknownLayout(
                "Okänd layout: inga ärenden hittades i filen.", "Unknown layout: no agenda items found in the file."
            )
        if not items:
            raise UnknownLayout(
                "Okänd layout: inga ärenden hittades i filen.", "Unknown layout: no agenda items found in the file."
            )

        # block ranges: each start runs to the next accepted start
        all_starts = sorted(((st.start, k, st) for k, sts in blocks.items() for st in sts), key=lambda t: t[:2])
        ranges: dict[int, list[tuple[_Start, int, int]]] = {}
        for pos, (a, k, st) in enumerate(all_starts):
            b = all_starts[pos + 1][0] - 1 if pos + 1 < len(all_starts) else c.n - 1
            while b > a and not c.s[b]:
                b -= 1
            ranges.setdefault(k, []).append((st, a, b))

        m.page_artifacts = [
            PageArtifact(line=i + 1, kind=a.kind, text=c.s[i]) for i, a in sorted(c.art.items())
        ]
        for k, it in enumerate(items):
            self._build_item(m, it, ranges.get(k, []))
        self._index_texts(items)
        m.items = items
        # nothing of a locked part leaks through the artifact list
        locked = [(p.line_start, p.line_end) for it in items for p in it.secret_parts if p.locked and p.text]
        if locked:
            m.page_artifacts = [a for a in m.page_artifacts if not any(x <= a.line <= y for x, y in locked)]
        return m

    # -- items ---------------------------------------------------------------------------------------
    def _build_item(self, m: Meeting, it: AgendaItem, blocks: list[tuple[_Start, int, int]]) -> None:
        c = self.c
        if not blocks:
            if it.kind != "justering":
                it.kind = self._kind(it, "", "")
            it.tabled = bool(_TABLED.search(it.title))
            return
        first_st = blocks[0][0]
        it.printed_number = first_st.number
        it.title_heading = _split_case(first_st.title)[0] or None
        it.line_start = blocks[0][1] + 1
        it.line_end = blocks[0][2] + 1
        if len(blocks) > 1:
            it.warnings.append("duplicate_document")

        title_f = ocr_fold(" ".join(x for x in (it.title, it.title_heading or "") if x))
        kind_guess = self._kind(it, title_f, "")
        docs_all: list[tuple[_Doc, _Start]] = []
        for st, a, b in blocks:
            for d in _segment(c, st, a, b, kind_guess in ("anmalningsarenden", "delegationsbeslut")):
                docs_all.append((d, st))

        if first_st.style == "of":
            ref = next((d.title for d, _ in docs_all if d.kind.startswith("tjanste") and d.title), "")
            trimmed = _trim_title(first_st.title, _split_case(ref)[0])
            if trimmed != first_st.title:
                old_title = _split_case(first_st.title)[0]
                first_st.title = trimmed
                docs_all[0][0].title = trimmed
                it.title_heading = _split_case(trimmed)[0] or None
                if it.title == old_title:
                    it.title = it.title_heading or it.title

        # sekretess: locked ranges of the item (explicit marker / lex Sarah block)
        locked = self._locked_ranges(it, blocks, kind_guess)

        for d, st in docs_all:
            if _in(d.start, locked) or _in(d.content_start, locked):
                d.title, d.bilaga_label, d.author = SECRET_PLACEHOLDER, None, None  # never a secret title
            doc = Document(
                kind=d.kind,
                title=_split_case(d.title)[0] if d.kind in ("ordforandeforslag",) else d.title,
                bilaga_label=d.bilaga_label,
                doc_date=d.doc_date,
                case_number=d.case,
                author=d.author,
                code=d.code,
                line_start=d.start + 1,
                line_end=d.end + 1,
                page_start=c.page(d.start),
                page_end=c.page(d.end),
            )
            for kind, head, a, b in _sections(c, d, locked):
                sec = self._section(kind, head, a, b, locked)
                if sec is not None:
                    doc.sections.append(sec)
                    if kind == "table":
                        doc.tables += 1
            it.documents.append(doc)

        # case numbers: document Dnr = the first document's header Dnr (or the Dnr in its title)
        for doc in it.documents:
            if doc.case_number is not None and doc.kind != "bilaga":
                it.document_case_number = doc.case_number
                break
        if it.document_case_number is None and first_st.title_case is not None:
            it.document_case_number = first_st.title_case
        if (
            it.agenda_case_number is not None
            and it.document_case_number is not None
            and it.agenda_case_number != it.document_case_number
        ):
            it.warnings.append("dnr_mismatch")
        if it.printed_number and it.ordinal is not None and int(it.printed_number) != it.ordinal:
            it.warnings.append("number_mismatch")

        # proposal
        for doc in it.documents:
            for sec in doc.sections:
                if sec.kind == "beslut" and doc.kind == "ordforandeforslag" and it.proposal is None:
                    it.proposal = " ".join(sec.text_clean.split()) or None
                    it.proposal_source = "ordforandeforslag"
        if it.proposal is None:
            for doc in it.documents:
                for sec in doc.sections:
                    if sec.kind == "forslag_till_beslut" and it.proposal is None:
                        it.proposal = " ".join(sec.text_clean.split()) or None
                        it.proposal_source = "forvaltningen"

        body_f = ocr_fold(" ".join(d.text for d in it.documents[:1]))
        it.kind = self._kind(it, title_f, body_f)
        text_all = " ".join(x for x in (it.title, it.title_heading or "", it.proposal or "") if x)
        it.tabled = bool(_TABLED.search(text_all))

        # list entries
        self._lists(it, docs_all, locked)
        # meeting dates (sammanträdesordning)
        if re.search(r"sammantr\S{1,2}des(?:ordning|dagar|datum|plan|tider)", title_f):
            self._meeting_dates(it, docs_all, locked)
        # secret parts and flags
        self._secrets(it, blocks, docs_all, locked)
        # dates
        meeting_day = _iso(m.date)
        for doc in it.documents:
            if doc.kind in ("tjansteskrivelse", "tjansteutlatande", "ordforandeforslag") and doc.doc_date:
                d = _iso(doc.doc_date)
                if d and meeting_day and (meeting_day - d).days > 180:
                    if "date_before_meeting" not in it.warnings:
                        it.warnings.append("date_before_meeting")

    def _kind(self, it: AgendaItem, title_f: str, body_f: str) -> str:
        if it.kind == "justering":
            return "justering"
        t = title_f or ocr_fold(it.title)
        if "muntlig" in t and "information" in t:
            return "muntlig_information"
        if fuzz.partial_ratio("delegationsbeslut", t) >= 88:
            return "delegationsbeslut"
        if any(fuzz.ratio("anmalningsarenden", w) >= 80 for w in re.findall(r"\w{12,}", t)):
            return "anmalningsarenden"
        proposal = ocr_fold(it.proposal or "")
        if _INFO_PROPOSAL.search(proposal) or INFO_NONE.search(body_f) or re.search(r"det finns inga \S+ att redovisa", body_f):
            return "information"
        return "beslutsarende"

    def _content_lines(self, a: int, b: int, locked: list[tuple[int, int]]) -> list[tuple[int, str]]:
        c = self.c
        out = []
        for j in range(a, b + 1):
            if j in c.art or _in(j, locked):
                continue
            out.append((j, c.s[j]))
        return out

    def _locked_ranges(self, it, blocks, kind) -> list[tuple[int, int]]:
        c = self.c
        ranges = []
        for _st, a, b in blocks:
            for j in range(a, b + 1):
                if not c.content(j):
                    continue
                if sekretess.is_secret_marker(c.s[j]):
                    ranges.append((j, b))
                    break
                if kind in ("anmalningsarenden", "delegationsbeslut") and sekretess.is_lex_sarah_block(c.s[j]):
                    ranges.append((j, b))
                    break
        return ranges

    def _section(self, kind, head, a, b, locked) -> Section | None:
        c = self.c
        body_from = a + 1 if head else a
        raw_lines: list[str] = []
        clean_src: list[str] = []
        placed = False
        for j in range(body_from, b + 1):
            if _in(j, locked):
                if not placed:
                    raw_lines.append(SECRET_PLACEHOLDER)
                    clean_src.append("")
                    clean_src.append(SECRET_PLACEHOLDER)
                    clean_src.append("")
                    placed = True
                continue
            raw_lines.append(self.c.raw[j])
            if j in c.art:
                continue
            clean_src.append(c.s[j])
        text_raw = "\n".join(raw_lines).strip("\n")
        text_clean = clean_lines(clean_src)
        if not text_raw.strip() and head is None:
            return None
        return Section(
            kind=kind,
            text_raw=text_raw,
            text_clean=text_clean,
            heading=head,
            line_start=a + 1,
            line_end=b + 1,
            page=c.page(a),
        )

    def _lists(self, it: AgendaItem, docs_all, locked) -> None:
        c = self.c
        if it.kind in ("anmalningsarenden", "delegationsbeslut"):
            intro_rx = INTRO_DELEGATIONS if it.kind == "delegationsbeslut" else INTRO_NOTIFICATIONS
            for d, _st in docs_all:
                intro = next((j for j in range(d.content_start, d.end + 1) if c.content(j) and intro_rx.search(c.f[j])), None)
                if intro is None:
                    intro = next(
                        (j for j in range(d.content_start, d.end + 1) if c.content(j) and c.sk(j) in ("arendet", "sammanfattning")),
                        None,
                    )
                if intro is None:
                    continue
                end = d.end
                for j in range(intro + 1, d.end + 1):
                    if c.content(j) and c.sk(j) in ("skickas_till", "expedieras_till", "faststalld_av"):
                        end = j - 1
                        break
                lines = self._content_lines(intro + 1, end, locked)
                if it.kind == "delegationsbeslut":
                    entries = _lists.delegations(lines)
                else:
                    entries = _lists.notifications(lines)
                if entries:
                    it.list_entries.extend(entries)
                    break
        for d, _st in docs_all:
            entries = _lists.non_executed(self._content_lines(d.content_start, d.end, locked))
            it.list_entries.extend(entries)

    def _meeting_dates(self, it: AgendaItem, docs_all, locked) -> None:
        years = re.findall(r"\b((?:19|20)\d\d)\b", " ".join(x for x in (it.title, it.title_heading or "") if x))
        year = int(years[-1]) if years else None
        found: set[str] = set()
        for d, _st in docs_all[:1]:
            lines = [t for _j, t in self._content_lines(d.content_start + 1, d.end, locked)]
            text = " ".join(dehyphenate(lines))
            for mm in _DAY_MONTH.finditer(text):
                y = int(mm.group("y")) if mm.group("y") else year
                if y is None:
                    continue
                try:
                    found.add(_date(y, _MONTHS[mm.group("m").lower()], int(mm.group("d"))).isoformat())
                except ValueError:
                    continue
        it.meeting_dates = sorted(found)

    def _secrets(self, it: AgendaItem, blocks, docs_all, locked) -> None:
        c = self.c
        for a, b in locked:
            lines = [c.s[j] for j in range(a, b + 1) if c.content(j)]
            last = max((j for j in range(a, b + 1) if c.content(j)), default=a)
            text = "\n".join(lines)
            nums = sekretess.report_numbers(text)
            is_lex = sekretess.mentions_lex_sarah(text)
            if is_lex and nums:
                label = f"Lex Sarah-rapporter ({len(nums)})" if len(nums) > 1 else "Lex Sarah-rapport"
            elif is_lex:
                label = "Lex Sarah"
            else:
                label = "Sekretessbelagd del"
            it.secret_parts.append(
                SecretPart(
                    kind="lex_sarah" if is_lex else "sekretessdel",
                    label=label,
                    text=text,
                    report_numbers=nums,
                    line_start=a + 1,
                    line_end=last + 1,
                    locked=True,
                    detected_by="marker" if sekretess.is_secret_marker(c.s[a]) else "lex_sarah_block",
                    page=c.page(a),
                )
            )
        # identifiable data handed out at the meeting
        for _st, a, b in blocks:
            lines = self._content_lines(a, b, locked)
            joined = " ".join(dehyphenate([t for _j, t in lines]))
            if sekretess.refers_to_handed_out_data(joined):
                hit = next(
                    (j for j, t in lines if re.search(r"identifierbar|att\s+tillg", t, re.I)), a
                )
                it.secret_parts.append(
                    SecretPart(
                        kind="hanvisning",
                        label="Identifierbara uppgifter (finns vid sammanträdet)",
                        line_start=hit + 1,
                        line_end=hit + 1,
                        not_in_source=True,
                        locked=True,
                        detected_by="hanvisning",
                        page=c.page(hit),
                    )
                )
                break
        # flags from list entries
        groups: dict[str, list[ListEntry]] = {}
        for e in it.list_entries:
            for fl in e.flags:
                groups.setdefault(fl, []).append(e)
        labels = {
            "individarende": "Individärenden",
            "personuppgift": "Personuppgifter",
            "granska": "Granska",
        }
        for fl, entries in groups.items():
            if fl not in labels:
                continue
            if fl not in it.flags:
                it.flags.append(fl)
            if fl == "individarende" and all(e.kind == "ej_verkstallt_beslut" for e in entries):
                it.secret_parts.append(
                    SecretPart(
                        kind=fl,
                        label=f"{labels[fl]} ({len(entries)})",
                        line_start=entries[0].line,
                        line_end=entries[-1].line,
                        locked=False,
                        detected_by="ej_verkstallt_beslut",
                        page=c.page((entries[0].line or 1) - 1),
                    )
                )
            else:
                for e in entries:
                    it.secret_parts.append(
                        SecretPart(
                            kind=fl,
                            label=labels[fl],
                            line_start=e.line,
                            line_end=e.line,
                            locked=False,
                            detected_by="list_entry",
                            page=c.page((e.line or 1) - 1),
                        )
                    )
        # personnummer anywhere in the public text of the item
        for _st, a, b in blocks:
            for j, t in self._content_lines(a, b, locked):
                if sekretess.find_personnummer(t):
                    if "personuppgift" not in it.flags:
                        it.flags.append("personuppgift")
                    if not any(p.kind == "personuppgift" and p.line_start == j + 1 for p in it.secret_parts):
                        it.secret_parts.append(
                            SecretPart(kind="personuppgift", label="Personnummer", line_start=j + 1,
                                       line_end=j + 1, locked=False, detected_by="personnummer", page=c.page(j))
                        )
        if any(p.locked for p in it.secret_parts) and "sekretess" not in it.flags:
            it.flags.append("sekretess")

    def _index_texts(self, items: list[AgendaItem]) -> None:
        """OCR files: ``text_index`` = OCR-repaired ``text_clean``; agenda titles and delegates repaired
        for display (the printed title stays in ``title_raw``). One repair call for the whole file, so the
        repair sees every spelling of a word."""
        if not self.ocr:
            return
        secs = [s for it in items for d in it.documents for s in d.sections]
        titled = [it for it in items if it.title]
        entries = [e for it in items for e in it.list_entries if e.delegate]
        proposals = [it for it in items if it.proposal]
        docs = [d for it in items for d in it.documents if d.title]
        parts = (
            [s.text_clean for s in secs]
            + [it.title for it in titled]
            + [e.delegate for e in entries]
            + [it.proposal for it in proposals]
            + [d.title for d in docs]
        )
        counts = [p.count("\n") + 1 for p in parts]
        repaired = _repair("\n".join(parts))
        lines = repaired.split("\n")
        if len(lines) != sum(counts):  # the repair must keep lines; if not, repair part by part
            out = [_repair(p) for p in parts]
        else:
            out, pos = [], 0
            for k in counts:
                out.append("\n".join(lines[pos : pos + k]))
                pos += k
        for s, text in zip(secs, out):
            s.text_index = text
        for it, title in zip(titled, out[len(secs) :]):
            if title != it.title:
                it.title_raw, it.title = it.title, title
        pos = len(secs) + len(titled)
        for e, name in zip(entries, out[pos:]):
            e.delegate = name
        pos += len(entries)
        for it, proposal in zip(proposals, out[pos:]):  # the proposal is shown and exported: repaired
            it.proposal = proposal
        pos += len(proposals)
        for d, title in zip(docs, out[pos:]):
            d.title = title


def _in(j: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= j <= b for a, b in ranges)


def _iso(d: str | None) -> _date | None:
    try:
        return _date.fromisoformat(d) if d else None
    except ValueError:
        return None


def parse_kallelse(text: str, *, line_pages: list[int] | None = None) -> Meeting:
    """Parse the text of one kallelse (or handlingar of one meeting) into a :class:`Meeting`.

    ``line_pages[i]`` is the 1-based PDF page of line ``i + 1`` (PDF sources); it fills the page fields.
    Raises :class:`UnknownLayout` for an empty text or one without a meeting date or agenda items.
    """
    if text is None or not text.strip():
        raise UnknownLayout(
            "Filen är tom: ingen kallelse att läsa in.", "The file is empty: there is no kallelse to import."
        )
    return _Parser(text, line_pages).run()
