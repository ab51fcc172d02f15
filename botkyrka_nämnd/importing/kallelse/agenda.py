"""Stage 3: the agenda (ärendelista, föredragningslista, dagordning) as rows.

Two strategies, chosen by what the page shows:

- **table**: a header row names the columns (Ärende | Beteckning | Förslag | Tid …). Cells are put in their
  column by position (PDF x, a layout column, a Markdown cell), rows read in visual order across pages
  (repeated headers skipped); the title cell is cut where the presenter or a time slot starts.
- **list**: numbered lines (``1.<tab>Title<tab>Dnr``, ``1 Title (SN 2018:254)``, ``12 Title``), found as the
  longest run of numbers that follow each other; what lies between two rows is the first row's
  continuation, Dnr, proposal, presenter, an unnumbered row (Justering, "X informerar"), a section heading
  (Beslutsärenden …) or, in a föredragningslista with descriptions, its text. A copy that lost digits
  (a web page) may skip a number; the skipped row is recovered where the merged text splits cleanly.

Each row has its number (None for unnumbered rows), title, Dnr (as printed and normalised), group (the
section heading above it), kind (``item``, ``procedural``, ``unnumbered_item``, ``section``, ``break``),
the agenda's proposal text and presenter, and whether it is marked secret.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ...domain.casenumber import CaseNumber, find_case_numbers, find_case_spans
from ...domain.dates import TIME_RANGE
from ..normalize import ocr_fold
from . import vocabulary as V  # noqa: N812 - the tables read as V.NAME
from .text import Cell, Lines, strip_page_header, take


@dataclass
class AgendaRow:
    number: int | None
    title: str
    kind: str = "item"  # item | procedural | unnumbered_item | sub_item | section | break
    case: CaseNumber | None = None
    cases: list[CaseNumber] = field(default_factory=list)
    group: str | None = None
    proposal: str | None = None
    presenter: str | None = None
    duration: str | None = None
    secret: bool = False
    line: int = 0  # 0-based first line
    last: int = 0
    body_lines: list[int] = field(default_factory=list)  # description lines of an inline föredragningslista
    number_guessed: bool = False  # the copy lost the number; it follows from the sequence

    @property
    def has_proposal(self) -> bool:
        return bool(self.proposal) and not _empty_proposal(self.proposal)


@dataclass
class Agenda:
    rows: list[AgendaRow] = field(default_factory=list)
    head: int | None = None  # the heading line (Ärenden / the table header)
    first: int | None = None
    last: int | None = None
    strategy: str = "none"
    lines: set[int] = field(default_factory=set)  # every line the agenda uses

    @property
    def numbered(self) -> list[AgendaRow]:
        return [r for r in self.rows if r.number is not None]

    @property
    def items(self) -> list[AgendaRow]:
        return [r for r in self.rows if r.kind not in ("section", "break")]


def _empty_proposal(text: str) -> bool:
    f = " ".join(ocr_fold(text).split())
    if V.EMPTY_PROPOSAL.match(f):
        return True
    head = V.PROPOSAL_HEADING.match(f)
    if head:
        return True
    # "Förslag till beslut i kommunfullmäktige Underlag delas ut senare"
    stripped = re.sub(r"^(?:[\w\-]+s\s+)?forslag till beslut(?:\s+i\s+\w+)?\s*", "", f)
    return bool(V.PROPOSAL_LATER.search(stripped)) and len(stripped) < 60


def classify_unnumbered(title: str) -> str | None:
    """kind of a row without a number, or None when the text is no row."""
    f = " ".join(ocr_fold(title).strip(" .:").split())
    if not f:
        return None
    if V.BREAK.match(f):
        return "break"
    if V.PROCEDURAL.match(f):
        return "procedural"
    if V.SECTION_HEADINGS.match(f) or _caps_heading(title):
        return "section"
    if V.UNNUMBERED_ITEM.search(f):
        return "unnumbered_item"
    return None


def _caps_heading(s: str) -> bool:
    """``BESLUTAS AV KOMMUNFULLMÄKTIGE``, ``ÖPPET SAMMANTRÄDE``: a short line in capitals, no digits."""
    t = s.strip(" .:")
    letters = [ch for ch in t if ch.isalpha()]
    return (
        len(letters) >= 8
        and all(ch.isupper() for ch in letters)
        and not any(ch.isdigit() for ch in t)
        and 2 <= len(t.split()) <= 6
    )


_TRAILING_CAPS = re.compile(r"\s+(?P<caps>(?:Forts\.\s+)?[A-ZÅÄÖ]{2,}(?:\s+[A-ZÅÄÖ]{2,}){1,5})\s*$")


def _split_trailing_section(title: str) -> tuple[str, str | None]:
    """``… (FP) BESLUTAS AV KOMMUNSTYRELSEN`` -> (title, section) for a web copy that glued them."""
    m = _TRAILING_CAPS.search(title)
    if m and _caps_heading(m.group("caps").replace("Forts. ", "")) and len(title[: m.start()].split()) >= 2:
        return title[: m.start()].rstrip(), m.group("caps")
    return title, None


# --- the Dnr of a row ----------------------------------------------------------------------------------

_LAW_PAREN = re.compile(r"\((?:SFS\s*)?\d{4}:\d+\)$")


def split_title_case(text: str) -> tuple[str, CaseNumber | None]:
    """A row's title and its own Dnr printed at the end of it: ``Title (SN 2018:254)``, ``Title<tab>SN/2024:…``,
    ``Title Dnr KS 2018/124``. A Dnr *inside* a title (a referenced case, ``(SOU 2024:50)``) stays."""
    t = text.rstrip()
    if "\t" in t:
        head, _, tail = t.rpartition("\t")
        found = find_case_numbers(tail, labelled=True)
        if found and len(tail.strip()) <= len(found[0].raw) + 8:
            return " ".join(head.split()), found[0]
    spans = find_case_spans(t)
    if not spans:
        return " ".join(t.split()), None
    a, b, cn = spans[-1]
    tail = t[b:].strip(" )/.")
    if tail:
        return " ".join(t.split()), None
    head = t[:a].rstrip()
    if head.endswith("("):
        return " ".join(head[:-1].rstrip(" -–,").split()), cn
    m = re.search(r"(?i)(?:\bdnr\b\.?\s*:?|\bdiarienummer\s*:?)\s*$", head)
    if m:
        return " ".join(head[: m.start()].rstrip(" -–,(").split()), cn
    if head.endswith((",", ", ")):
        # "Svar på medborgarförslag - Bygg utomhusbastu vid Stendalsbadet, KS/2018:73": the case the title is
        # about; printed as part of the title, and the row's Dnr when it has no other
        return " ".join(t.split()), cn
    if len(head) >= 3 and cn.style != "year_num":
        return " ".join(head.rstrip(" -–").split()), cn
    return " ".join(t.split()), None


# --- where the agenda starts -------------------------------------------------------------------------------


def _header_columns(c: Lines, i: int) -> dict[str, float] | None:
    """The columns of a table header line (name -> x), or None when the line is no header."""
    cells = [x for x in c.cells[i] if x.text.strip()]
    if len(cells) < 2:
        return None
    cols: dict[str, float] = {}
    for cell in cells:
        f = " ".join(ocr_fold(cell.text).strip(" *:").split())
        if V.TABLE_TITLE_COLUMN.match(f):
            cols.setdefault("title", cell.x if cell.x is not None else 0.0)
            continue
        for name, rx in V.TABLE_OTHER_COLUMNS.items():
            if rx.match(f):
                cols.setdefault(name, cell.x if cell.x is not None else 0.0)
                break
        else:
            return None
    if "title" not in cols or len(cols) < 2:
        return None
    return cols


def find_agenda(c: Lines, lo: int = 0, hi: int | None = None) -> Agenda:
    hi = c.n if hi is None else hi
    # a table header within the first part of the document
    for i in range(lo, min(hi, lo + 2500)):
        if (c.content(i) and c.tabbed[i]) or (c.cells[i] and len(c.cells[i]) > 1):
            cols = _header_columns(c, i)
            if cols is not None:
                ag = _read_table(c, i, cols, hi)
                if ag.numbered or len(ag.items) >= 2:
                    return ag
    head = _find_heading(c, lo, hi)
    ag = _read_list(c, head, lo, hi)
    return ag


def _find_heading(c: Lines, lo: int, hi: int) -> tuple[int, str | None] | None:
    """The agenda heading (``Ärenden``, ``Dagordning`` …), possibly with a first row on the same line
    (``Ärenden Justering``). Returns (line, rest of the line)."""
    seen = 0
    for i in range(lo, hi):
        if not c.s[i]:
            continue
        seen += 1
        if seen > 400:
            break
        f = " ".join(c.f[i].strip(" *#:\t").split())
        if V.AGENDA_HEADINGS.match(f):
            return i, None
        m = re.match(r"^(arenden|dagordning|foredragningslista)\s+(?P<rest>\S.*)$", f)
        if m and classify_unnumbered(c.s[i][len(c.s[i]) - len(m.group("rest")) :]) in ("procedural", "unnumbered_item"):
            return i, c.s[i][len(c.s[i]) - len(m.group("rest")) :]
    return None


# --- list strategy -------------------------------------------------------------------------------------------

_ROW = re.compile(r"^(?:(?:[ÄäAa]rende|Punkt|Nr\.?)\s+)?(?P<num>\d{1,3})(?:\s*[.):]\s*|\s+|\t)(?P<rest>\S.*)$")
_PARA_ROW = re.compile(r"^§\s*(?P<num>\d{1,3})\s+(?P<rest>\S.*)$")
_SUB_ROW = re.compile(r"^(?P<sub>[a-h])\s*[).]\s+(?P<rest>\S.*)$")
_NOT_TITLE_START = re.compile(
    r"^(?:kr\b|kronor|tkr|mnkr|msek|procent|%|st\b|timmar|dagar|veckor|månader|år\b|"
    r"(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|sept|okt|nov|dec)(?:\.|\b)|januari|februari|mars\b|april|juni|juli|augusti|"
    r"september|oktober|november|december)",
    re.I,
)
_PAGE_HEADER = re.compile(
    r"(?:kallelse|f\S{1,2}redragningslista|dagordning|protokoll)\S*\s*(?:/\S+\s*)?\d{1,2}\s*[\[(]\d{1,2}[\])]", re.I
)
_DNR_ONLY = re.compile(r"^(?:dnr|diarienummer|diarienr|beteckning|ärende\s+\d+\s+diarienummer)\b", re.I)


def _row_match(c: Lines, i: int) -> tuple[int, str] | None:
    s = c.s[i]
    m = _ROW.match(s) or _PARA_ROW.match(s)
    if not m:
        return None
    rest = m.group("rest").strip()
    if not rest or _NOT_TITLE_START.match(rest) or rest[:1].isdigit():
        return None
    first = rest.lstrip("\t\"”'(«")[:1]
    if first.isupper():
        return int(m.group("num")), rest
    if first.islower() and re.match(r"^[a-zåäö]{2,}\s+[a-zåäö]{3,}", rest) and len(rest) < 80:
        return -int(m.group("num")), rest  # "14 en informerar": a copy that lost the start of a title
    return None


_KOMMUN_HEADER = re.compile(r"[A-ZÅÄÖ]{3,}(?:-[A-ZÅÄÖ]+)?\s+KOMMUN")  # "KUNGSBACKA  KOMMUN" over a page


def _is_page_header(c: Lines, i: int) -> bool:
    if i in c.art:
        return True
    s = c.s[i]
    if _PAGE_HEADER.search(s) and len(s) < 140:
        return True
    return bool(re.fullmatch(r"\d{1,3}\s*[(\[]\d{1,3}[)\]]", s)) or (
        c.fmt != "pdf" and _KOMMUN_HEADER.fullmatch(s) is not None
    )


def _read_list(c: Lines, head: tuple[int, str | None] | None, lo: int, hi: int) -> Agenda:
    start = head[0] + 1 if head else lo
    # candidate rows in [start, hi)
    cands: list[tuple[int, int, str]] = []
    for i in range(start, hi):
        if not c.content(i):
            continue
        if head is None and c.s[i].startswith("§"):
            continue  # "§ 23 KF …" in a list of decisions is no agenda row without an agenda heading
        rm = _row_match(c, i)
        if rm:
            cands.append((i, rm[0], rm[1]))
    chain = _chain(c, cands, head is not None)
    if head is None and chain and not _near_top(c, start, chain):
        chain = []
    ag = Agenda(strategy="list", head=head[0] if head else None)
    if not chain and head is None:
        return ag
    # rows before the first numbered one: unnumbered rows and sections right under the heading
    first_line = chain[0][0] if chain else hi
    pre: list[AgendaRow] = []
    if head is not None and head[1]:
        for kind, title in split_unnumbered(head[1]):
            pre.append(AgendaRow(None, title, kind, line=head[0], last=head[0]))
    if head is not None or chain:
        scan_from = start if head is not None else max(lo, first_line - 6)
        for i in range(scan_from, first_line):
            if not c.content(i) or _is_page_header(c, i):
                continue
            for kind, title in split_unnumbered(c.s[i]):
                pre.append(AgendaRow(None, title, kind, line=i, last=i))
    if not chain:
        ag.rows = pre
        if pre:
            ag.first, ag.last = pre[0].line, pre[-1].last
        return ag
    block = len(chain) < 2 or _block_mode(c, chain)
    rows: list[AgendaRow] = list(pre)
    group = next((r.title for r in reversed(pre) if r.kind == "section"), None)
    for k, (i, num, rest) in enumerate(chain):
        nxt = chain[k + 1][0] if k + 1 < len(chain) else None
        end = nxt if nxt is not None else _list_end(c, i, hi, block)
        row = _make_row(c, i, num, rest, end, block)
        row.group = group
        rows.append(row)
        # what lies between this row and the next
        missing = (chain[k + 1][1] - num - 1) if nxt is not None else 0
        extra, group, orphans = _between(c, row, i + 1, end, block, group, missing)
        if missing and not orphans and c.tabbed[i] and row.case is not None and c.tabbed[nxt]:
            # a whole table row (number, title, Dnr) followed by the next one: no number was lost in a copy, the
            # item was withdrawn (a re-issue that did not renumber); invent no row for it
            missing = 0
        recovered: list[AgendaRow] = []
        for j in orphans[:missing]:  # a row whose number the copy lost, on a line of its own
            recovered.append(
                AgendaRow(
                    num + 1 + len(recovered),
                    " ".join(c.s[j].lstrip("/|•·-– ").split()),
                    "item",
                    line=j,
                    last=j,
                    number_guessed=True,
                    group=group,
                )
            )
        if missing > len(recovered):
            split_from = recovered[-1] if recovered else row
            recovered += _recover_missing(split_from, num + 1 + len(recovered), missing - len(recovered))
            recovered.sort(key=lambda r: r.number or 0)
        rows.extend(extra)
        rows.extend(recovered)
    for r in rows:
        if r.kind == "item" and r.group and V.SECRET_SECTION.match(ocr_fold(r.group)):
            r.secret = True
    ag.rows = [r for r in rows if r.title or r.kind == "item"]
    ag.first = min(r.line for r in ag.rows)
    ag.last = max(r.last for r in ag.rows)
    ag.lines = {j for r in ag.rows for j in range(r.line, r.last + 1)}
    return ag


def _chain(c: Lines, cands: list[tuple[int, int, str]], has_head: bool) -> list[tuple[int, int, str]]:
    """The longest run of rows numbered n, n+1, … (one number may be missing: a copy that lost digits; in a
    table of rows on consecutive lines several may be: items withdrawn from a re-issue that did not renumber)."""
    best: list[tuple[int, int, str]] = []
    starts = [k for k, (_i, n, _r) in enumerate(cands) if n == 1] or [
        k for k, (_i, n, _r) in enumerate(cands[:5]) if 0 < n <= 60
    ]
    if has_head and cands and 1 < cands[0][1] <= 60:
        # under an agenda heading the first row is the one right below it, also when it is not number 1 (a
        # re-issue that withdrew item 1): a "1" further down is a list inside a document (a table of contents)
        starts.insert(0, 0)
    for k0 in starts[:6]:
        chain = [cands[k0]]
        pos = k0 + 1
        while pos < len(cands):
            last_i, last_n, _ = chain[-1]
            found = None
            for k in range(pos, min(len(cands), pos + 40)):
                i, n, _r = cands[k]
                if n == last_n + 1 or (n < 0 and -n == last_n + 1 and i - last_i <= 4):
                    found = k
                    break
            if found is not None and _document_between(c, last_i, cands[found][0]):
                found = None  # the next number stands in a document: first look for a row after a gap
            if found is None:
                for k in range(pos, min(len(cands), pos + 8)):
                    i, n, _r = cands[k]
                    if last_n + 2 <= n <= last_n + 3 and i - last_i <= 6:
                        found = k
                        break
                    if last_n + 2 <= n <= last_n + 30 and i - last_i <= 2 and c.tabbed[i] and c.tabbed[last_i]:
                        found = k  # the next row of a table: the rows between were withdrawn (not renumbered)
                        break
            if found is None:
                break
            i = cands[found][0]
            if _document_between(c, last_i, i):
                break
            i, n, r = cands[found]
            chain.append((i, abs(n), r))
            pos = found + 1
        if len(chain) > len(best):
            best = chain
        if best and len(best) >= 3:
            break
    if len(best) == 1 and not has_head:
        return []
    return best


def _near_top(c: Lines, start: int, chain: list[tuple[int, int, str]]) -> bool:
    """Without an agenda heading, a run of numbered rows is the agenda only where an agenda stands: near the
    top of the document (a cover, a heading such as ``Sammanträde 2023-10-25``), before any item document,
    with at least two rows (or one numbered 1 in a föredragningslista that describes each item)."""
    first = chain[0][0]
    content_before = sum(1 for j in range(start, first) if c.content(j))
    if content_before > 60:
        return False
    if any(c.content(j) and c.hk(j) in ("ordf", "tjsk", "referens") for j in range(start, first)):
        return False
    return len(chain) >= 2


def _document_between(c: Lines, a: int, b: int) -> bool:
    """An item document (ORDFÖRANDEFÖRSLAG, TJÄNSTESKRIVELSE, a Referens/Mottagare block) begins between
    two candidate rows: the agenda has ended."""
    return any(c.content(j) and c.hk(j) in ("ordf", "tjsk", "referens") for j in range(a + 1, b))


def _block_mode(c: Lines, chain: list[tuple[int, int, str]]) -> bool:
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(chain)]
    gaps.sort()
    return gaps[len(gaps) // 2] <= 6


def _list_end(c: Lines, i: int, hi: int, block: bool) -> int:
    """Where the last row's lines end: at a blank run, a closing line (Välkomna, Anmäl förhinder …), a
    document header or a signature."""
    limit = i + (8 if block else 120)
    j = i + 1
    blank = 0
    while j < min(hi, limit):
        if not c.s[j]:
            blank += 1
            if block and blank >= 3:
                return j
            j += 1
            continue
        blank = 0
        f = c.f[j]
        if c.hk(j) in ("ordf", "tjsk", "referens") or V.AFTER_AGENDA.match(f) or (block and _roles_line(f)):
            return j
        if block and re.search(r"tr\S{1,2}ffas|gruppm\S{1,2}te", f):
            return j
        j += 1
    return j


def _roles_line(f: str) -> bool:
    return bool(re.search(r"(?<![\w-])(?:ordf(?:orande)?\.?|(?:namnd|kommun)?sekreterare)(?![\w])", f)) and len(f) < 160


def _make_row(c: Lines, i: int, num: int, rest: str, end: int, block: bool) -> AgendaRow:
    cells = [x.text for x in c.cells[i]]
    raw = rest
    if len(cells) >= 2 and re.fullmatch(r"\d{1,3}[.):]?", cells[0].strip()):
        raw = "\t".join(cells[1:])
    raw = strip_page_header(raw)
    gm = re.search(r"\s(?:Gruppmöte\w*|Partigrupper\w*|Majoritetens gruppmöte|Oppositionens gruppmöte)\b", raw)
    if gm:
        raw = raw[: gm.start()]
    title, case = split_title_case(raw)
    title = " ".join(title.replace("\t", " ").split())
    title, section = _split_trailing_section(title)
    row = AgendaRow(num, title, "item", case, [case] if case else [], line=i, last=i)
    row._trailing_section = section  # type: ignore[attr-defined]
    return row


def _between(
    c: Lines, row: AgendaRow, a: int, b: int, block: bool, group: str | None, lost: int = 0
) -> tuple[list[AgendaRow], str | None, list[int]]:
    """Read the lines between a row and the next: continuation, Dnr, proposal, presenter, unnumbered rows,
    sections, description."""
    extra: list[AgendaRow] = []
    orphans: list[int] = []
    trailing = getattr(row, "_trailing_section", None)
    if trailing:
        extra.append(AgendaRow(None, trailing, "section", line=row.line, last=row.line))
        group = trailing
    mode = "title"
    proposal: list[str] = []
    prev_j = row.line
    for j in range(a, b):
        if not c.s[j]:
            if mode == "title" and j > prev_j + 1:
                mode = "after"
            continue
        if _is_page_header(c, j):
            continue
        s = c.s[j]
        f = " ".join(c.f[j].split())
        if row.case is None and len(s) < 80 and (_DNR_ONLY.match(s) or _only_case(s)):
            found = find_case_numbers(s, labelled=True)
            if found:
                row.case = found[0]
                row.cases = found
                row.last = max(row.last, j)
                prev_j = j
                mode = "after"
                continue
        if row.case is None and mode == "title" and j == prev_j + 1:
            merged, case = split_title_case(f"{row.title} {s}")
            if case is not None and len(s) < 40:  # "SN/2024:" / "00449" over a line break
                row.title, row.case, row.cases = " ".join(merged.split()), case, [case]
                row.last = j
                prev_j = j
                continue
        pm = V.PRESENTER.match(f)
        if pm:
            row.presenter = s
            row.last = max(row.last, j)
            prev_j = j
            mode = "after"
            continue
        if V.PROPOSAL_HEADING.match(f.strip(" :")) or f.startswith("forslag till beslut"):
            mode = "proposal"
            rest = s.split(":", 1)[1].strip() if ":" in s and not V.PROPOSAL_HEADING.match(f.strip(" :")) else ""
            if rest or not V.PROPOSAL_HEADING.match(f.strip(" :")):
                proposal.append(rest or s)  # the heading itself is no proposal; "Förslag till beslut: X" is
            row.last = max(row.last, j)
            prev_j = j
            continue
        if mode == "proposal":
            if c.sk(j) or _description_heading(f):
                mode = "body"
                row.body_lines.append(j)
                continue
            proposal.append(s)
            row.last = max(row.last, j)
            prev_j = j
            continue
        sm = _SUB_ROW.match(s)
        if sm and len(s) < 160:  # "a) Delårsrapport 1" under a numbered row: a sub-item of its own
            extra.append(AgendaRow(None, " ".join(sm.group("rest").split()), "sub_item", line=j, last=j, group=group))
            extra[-1].sub = f"{row.number}{sm.group('sub')}"  # type: ignore[attr-defined]
            mode = "after"
            prev_j = j
            continue
        parts = split_unnumbered(s) if len(s) < 90 else []
        if parts and len(parts) == 1 and parts[0][0] == "section" and not _caps_heading(s) and lost:
            orphans.append(j)  # "Anmälningsärenden" where a number is missing: the row, not a heading
            lost -= 1
            continue
        if parts and (block or all(k == "section" for k, _ in parts)):
            for kind, title in parts:
                extra.append(AgendaRow(None, title, kind, line=j, last=j, group=group if kind != "section" else None))
                if kind == "section":
                    group = title
            mode = "after"
            prev_j = j
            continue
        if mode == "title" and j == prev_j + 1 and _continues(row.title, s, block):
            row.title = " ".join(f"{row.title} {s}".split())
            title, case = split_title_case(row.title)
            if case is not None and row.case is None:
                row.title, row.case, row.cases = title, case, [case]
            row.last = j
            prev_j = j
            continue
        if not block:
            row.body_lines.append(j)
            mode = "body"
            continue
        if V.SECRET_ROW.search(" ".join(c.f[j].split())):
            row.secret = True  # "Ärendet redovisas inte med hänvisning till sekretess"
            continue
        if s.lstrip("/|•·-– ")[:1].isupper() and len(s) < 140:
            orphans.append(j)
        mode = "after"
    if proposal:
        row.proposal = " ".join(" ".join(proposal).split())
    return extra, group, orphans


def _only_case(s: str) -> bool:
    spans = find_case_spans(s, labelled=True)
    if not spans:
        return False
    covered = sum(b - a for a, b, _ in spans)
    return covered >= 0.6 * len(s.strip(" ()"))


def _description_heading(f: str) -> bool:
    return bool(
        re.match(
            r"^(?:beskrivning av arendet|arendebeskrivning|sammanfattning(?: av arendet)?|bakgrund|bilagor?|"
            r"beslutsunderlag|underlag|arendet|yttrande)\s*:?$",
            f,
        )
    )


_CONNECT_END = re.compile(
    r"(?:[-–,]|\b(?:och|samt|för|av|i|till|om|med|på|vid|från|inom|mellan|under|över|enligt|gällande|avseende|kring))$"
)


def _continues(title: str, line: str, block: bool) -> bool:
    if not title:
        return False
    if len(line) > 110 or (line.endswith(".") and len(line) > 60):
        return False
    if line[:1].islower():
        return True
    return bool(_CONNECT_END.search(title))


# --- a number lost in a web copy ----------------------------------------------------------------------------

_TITLE_STARTS = {
    "förslag",
    "motion",
    "medborgarförslag",
    "svar",
    "rapport",
    "yttrande",
    "uppdrag",
    "information",
    "informationsärende",
    "redovisning",
    "uppföljning",
    "ansökan",
    "beslut",
    "revidering",
    "antagande",
    "godkännande",
    "delegationsbeslut",
    "anmälningsärenden",
    "ekonomisk",
    "budget",
    "budgetprognos",
    "mål",
    "plan",
    "remiss",
    "val",
    "avsägelse",
    "fyllnadsval",
    "taxa",
    "riktlinjer",
    "riktlinje",
    "policy",
    "program",
    "detaljplan",
    "planuppdrag",
    "granskning",
    "återrapportering",
    "slutredovisning",
    "slutrapport",
    "delårsrapport",
    "årsredovisning",
    "verksamhetsplan",
    "internkontroll",
    "ändring",
    "utökning",
    "överföring",
    "inriktning",
    "nämndinitiativ",
    "initiativ",
    "delegationsärenden",
    "tema",
    "hållbarhetsvecka",
    "dialogmöte",
    "medborgardialog",
    "firmatecknare",
    "reglemente",
    "kompetensförsörjningsplan",
    "sammanträdesordning",
    "tilläggsavtal",
    "markanvisning",
    "genomförande",
    "arbetsmarknadspolitiken",
    "verksamhetsberättelse",
    "avtal",
    "utredning",
    "prognos",
    "lägesrapport",
    "muntlig",
    "fastställande",
    "framställan",
    "tillägg",
    "kvalitetsberättelse",
}


def split_unnumbered(text: str) -> list[tuple[str, str]]:
    """Unnumbered rows printed on one line (``Justering Arbetsmarknadsdirektören informerar``), as
    (kind, title) pairs; [] when the line is no such row."""
    title = " ".join(text.split()).strip(" :")
    kind = classify_unnumbered(title)
    f = ocr_fold(title)
    m = V.PROCEDURAL.match(f)
    if m and m.end() < len(f) and title[m.end() :].strip()[:1].isupper():
        rest = title[m.end() :].strip()
        tail = split_unnumbered(rest)
        if tail:
            return [("procedural", title[: m.end()].strip())] + tail
    if kind:
        return [(kind, title)]
    return []


def _recover_missing(row: AgendaRow, number: int, count: int = 1) -> list[AgendaRow]:
    """Rows ``number`` … were printed but their numbers were lost; their titles are glued to the row above:
    ``Budgetprognos juni Rapport över revision av föreningar`` -> ``Budgetprognos juni`` / ``Rapport …``.
    The split falls before words that start titles (Rapport, Svar, Yttrande …), else before a capital."""
    words = row.title.split()
    cuts = _split_points(words, count) if len(words) >= 2 else []
    bounds = [0, *cuts, len(words)]
    titles = [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
    row.title = titles[0]
    out = [
        AgendaRow(number + k, t, "item", line=row.line, last=row.line, number_guessed=True, group=row.group)
        for k, t in enumerate(titles[1:])
    ]
    while len(out) < count:  # nothing left to split: the row is there, its title is not
        out.append(
            AgendaRow(number + len(out), "", "item", line=row.line, last=row.line, number_guessed=True, group=row.group)
        )
    return out


def _split_points(words: list[str], count: int) -> list[int]:
    scored = []
    for k in range(1, len(words)):
        w = words[k]
        if not w[:1].isupper():
            continue
        prev = words[k - 1]
        if prev in ("-", "–") or prev.endswith((",", ":")):
            continue
        score = (
            (10 if w.lower().strip(",") in _TITLE_STARTS else 0)
            + (2 if k >= 2 else 0)
            + (1 if prev[:1].islower() else 0)
        )
        scored.append((score, k))
    best = sorted(scored, key=lambda t: (-t[0], t[1]))[:count]
    return sorted(k for _s, k in best)


# --- table strategy -----------------------------------------------------------------------------------------

_NUM_CELL = re.compile(r"^(?:§\s*)?(?P<num>\d{1,3})\s*[.):]?$")


@dataclass
class _TRow:
    number: int | None
    cols: dict[str, list[str]]
    line: int
    last: int


def _read_table(c: Lines, head: int, cols: dict[str, float], hi: int) -> Agenda:
    ag = Agenda(strategy="table", head=head)
    md = c.fmt == "markdown"
    header_key = [" ".join(ocr_fold(x.text).split()) for x in c.cells[head]]
    order = sorted(cols.items(), key=lambda kv: kv[1])
    title_x = cols["title"]
    end = _table_end(c, head, hi)
    rows: list[_TRow] = []
    lines = [j for j in range(head + 1, end) if c.s[j] and c.cells[j] and (not md or j in c.table_rows)]
    if c.fmt == "pdf" and c.y is not None:
        lines = _visual_order(c, lines)
    cur: _TRow | None = None
    last_line = head
    prev_y: float | None = None
    for j in lines:
        cells = [x for x in c.cells[j] if x.text.strip()]
        again = _header_columns(c, j)
        if again or [" ".join(ocr_fold(x.text).split()) for x in c.cells[j]] == header_key:
            cur = None  # a repeated header after a page break: its columns may stand elsewhere on this page
            if again and not md:
                order = sorted(again.items(), key=lambda kv: kv[1])
                title_x = again["title"]
            continue
        if c.fmt == "layout" and c.source is not None:
            cells = _layout_cells(c.source[j], order)
        if not md and _is_page_header(c, j):
            continue
        placed = _place(cells, order, title_x, md, 8.0 if c.fmt == "pdf" else 1.5)
        if placed is None:  # text outside the table (a signature between two pages of it)
            cur = None
            continue
        num_text = " ".join(placed.get("number", [])).strip()
        nm = _NUM_CELL.match(num_text) if num_text else None
        gap = False
        if not md and c.y is not None and c.fmt == "pdf" and prev_y is not None and c.y[j] is not None:
            gap = (prev_y - c.y[j]) > 16.0 or (c.y[j] > prev_y)
        elif not md:
            gap = j > last_line + 1 and not c.s[j - 1]
        new_row = md or nm is not None or cur is None or (gap and "title" in placed and _row_complete(cur))
        if new_row:
            cur = _TRow(int(nm.group("num")) if nm else None, {}, j, j)
            rows.append(cur)
        for name, texts in placed.items():
            if name == "number" and nm:
                continue
            cur.cols.setdefault(name, []).extend(texts)
        cur.last = max(cur.last, j)
        last_line = j
        prev_y = c.y[j] if c.y is not None else None
    rows = _merge_continued_rows(rows)
    group = None
    out: list[AgendaRow] = []
    for r in rows:
        row = _table_row(r, group)
        if row is None:
            continue
        if row.kind == "section":
            group = row.title
        out.append(row)
    ag.rows = out
    if out:
        ag.first = min(r.line for r in out)
        ag.last = max(r.last for r in out)
        ag.lines = set(range(head, ag.last + 1))
    return ag


def join_cell_lines(lines: list[str]) -> str:
    """The lines of a table cell as one text: a line break after a hyphen inside a word is removed
    (``semester-`` / ``bemanningen`` -> ``semester-bemanningen``), any other becomes a space."""
    out = ""
    for t in lines:
        t = " ".join(t.split())
        if not t:
            continue
        if (
            out and re.search(r"[^\W\d_]-$", out) and t[:1].isalpha() and not re.match(r"(?:och|eller|samt|resp)\b", t)
        ) or (out and re.search(r"\d-$", out) and t[:1].isdigit()):
            out += t
        else:
            out = f"{out} {t}" if out else t
    return out


def _layout_cells(raw: str, order: list[tuple[str, float]]) -> list[Cell]:
    """A layout-text line cut at the header's column positions, word by word: columns stand where the
    header put them even when only one space separates two cells."""
    line = raw.replace("\t", " ")
    starts = [x for _name, x in order]
    out: list[Cell] = []
    for m in re.finditer(r"\S+", line):
        col = max((x for x in starts if x <= m.start() + 1), default=None)
        x = float(m.start()) if col is None else col
        if out and out[-1].x == x:
            out[-1].text += " " + m.group(0)
        else:
            out.append(Cell(x if col is not None else float(m.start()), m.group(0)))
    return out


def _merge_continued_rows(rows: list[_TRow]) -> list[_TRow]:
    """A row that a page break split: its second half opens the next page's table without a number, its
    text going on in lower case (``… inom fastigheten`` / ``Särö 1:440 i Kungsbacka`` is a new title, but
    ``och anläggande av parkeringsplatser`` is not). It goes back to its row."""
    out: list[_TRow] = []
    for r in rows:
        first = next((t for k in ("title", "proposal", "case") for t in r.cols.get(k, []) if t.strip()), "")
        cont = r.number is None and out and (first[:1].islower() or (not r.cols.get("title") and first))
        if cont:
            prev = out[-1]
            for k, v in r.cols.items():
                prev.cols.setdefault(k, []).extend(v)
            prev.last = max(prev.last, r.last)
            continue
        out.append(r)
    return out


def _row_complete(r: _TRow) -> bool:
    return bool(r.cols.get("title")) and any(r.cols.get(k) for k in ("case", "proposal", "time", "presenter", "note"))


def _visual_order(c: Lines, lines: list[int]) -> list[int]:
    """PDF lines in the order a reader sees them: page by page, top to bottom, left to right."""

    def key(j: int):
        y = c.y[j] if c.y is not None and c.y[j] is not None else 0.0
        x = c.cells[j][0].x if c.cells[j] and c.cells[j][0].x is not None else 0.0
        first_x = next((cell.x for cell in c.cells[j] if cell.x), x)
        return (c.page(j) or 0, -round(y / 2.0), first_x or 0.0)

    return sorted(lines, key=key)


def _place(
    cells: list[Cell], order: list[tuple[str, float]], title_x: float, md: bool, tol: float = 8.0
) -> dict[str, list[str]] | None:
    """Put a line's cells in their columns. ``tol``: how far left of a column's header a cell may start
    (points for PDF text, characters for layout text)."""
    out: dict[str, list[str]] = {}
    if md:
        # Markdown: the header lists the columns in order; the first column (number) has an empty header
        by_index = {int(x): name for name, x in order}
        for cell in cells:
            idx = int(cell.x or 0)
            name = by_index.get(idx)
            if name is None:
                name = "number" if idx < min(by_index) else None
            if name is None:
                continue
            out.setdefault(name, []).extend(t for t in cell.text.split("\n") if t.strip())
        return out
    for cell in cells:
        x = cell.x if cell.x is not None else 0.0
        if x == 0.0 and not cell.text.strip():
            continue
        if x < title_x - tol:
            t = cell.text.strip()
            if _NUM_CELL.match(t):
                out.setdefault("number", []).append(t)
                continue
            m = re.match(r"^(?P<num>(?:§\s*)?\d{1,3}[.):]?)\s+(?P<rest>\S.*)$", t)
            if m and m.group("rest")[:1].isupper():  # number and title in one cell (no gap between them)
                out.setdefault("number", []).append(m.group("num"))
                out.setdefault("title", []).append(m.group("rest"))
                continue
            return None  # text left of the title column that is no row number: not the table
        name = order[0][0]
        for nm, cx in order:
            if x >= cx - tol:
                name = nm
        out.setdefault(name, []).append(cell.text.strip())
    return out


def _table_end(c: Lines, head: int, hi: int) -> int:
    """The agenda table ends where the item documents begin (TJÄNSTESKRIVELSE …) or the text stops
    looking like a table for a long stretch."""
    plain = 0
    for j in range(head + 1, hi):
        if not c.s[j]:
            continue
        if c.hk(j) in ("tjsk", "ordf") and not c.tabbed[j]:
            return j
        if c.tabbed[j] or (c.cells[j] and len(c.cells[j]) > 1):
            plain = 0
            continue
        if len(c.s[j]) > 90 and not c.s[j].startswith("\t"):
            plain += 1
            if plain >= 4:
                return j
    return hi


# "Sanna Lundberg, enhetschef": a presenter under the title in the title cell
_NAME_PART = r"[A-ZÅÄÖÉ][a-zåäöéü][\wåäöéü\-]*"
_PERSON_ROLE = re.compile(rf"^{_NAME_PART}(?:\s+(?:{_NAME_PART}|af|von|de)){{1,3}},\s*(?:[a-zåäö]|[A-ZÅÄÖ]{{2,5}}\b)")
_PERSON_END = re.compile(rf"^{_NAME_PART}(?:\s+(?:{_NAME_PART}|af|von|de)){{1,3}},$")


def _table_row(r: _TRow, group: str | None) -> AgendaRow | None:
    title_lines = [t for t in r.cols.get("title", []) if t.strip()]
    presenter: list[str] = []
    title: list[str] = []
    slot = None
    for k, t in enumerate(title_lines):
        f = ocr_fold(t)
        if presenter or slot:
            presenter.append(t)
            continue
        nxt = title_lines[k + 1] if k + 1 < len(title_lines) else ""
        person = _PERSON_ROLE.match(t) or (_PERSON_END.match(t) and nxt[:1].islower())
        if V.PRESENTER.match(f) or (title and person):
            presenter.append(t)
            continue
        if TIME_RANGE.match(t):
            slot = t.strip()
            continue
        title.append(t)
    text = join_cell_lines(title)
    case_text = "\n".join(r.cols.get("case", []))
    cases = find_case_numbers(case_text, labelled=True) if case_text.strip() else []
    if not cases and text:
        t2, cn = split_title_case(text)
        if cn is not None and cn.style != "colon" and t2 != text:
            text, cases = t2, [cn]
    proposal = " ".join(" ".join(r.cols.get("proposal", [])).split()) or None
    duration = " ".join(" ".join(r.cols.get("time", [])).split()) or slot
    pres = " ".join(" ".join(presenter + r.cols.get("presenter", [])).split()) or None
    if r.number is None:
        if not text:
            return None
        kind = classify_unnumbered(text) or ("unnumbered_item" if (cases or proposal) else "section")
        if kind == "section" and (cases or (proposal and not _empty_proposal(proposal))):
            kind = "unnumbered_item"
        if kind == "procedural":
            proposal_kept = proposal  # names of the justerare, not a proposal
            row = AgendaRow(
                None,
                text,
                kind,
                cases[0] if cases else None,
                cases,
                group,
                None,
                pres,
                duration,
                line=r.line,
                last=r.last,
            )
            row.presenter = pres or None
            row.duration = duration
            row._justerare = proposal_kept  # type: ignore[attr-defined]
            return row
    else:
        kind = "item"
    row = AgendaRow(
        r.number,
        text,
        kind,
        cases[0] if cases else None,
        cases,
        group if kind != "section" else None,
        proposal,
        pres,
        duration,
        line=r.line,
        last=r.last,
    )
    if kind == "item" and (V.SECRET_ROW.search(ocr_fold(text)) or (group and V.SECRET_SECTION.match(ocr_fold(group)))):
        row.secret = True
    return row


def mark_secret_rows(ag: Agenda) -> None:
    for r in ag.rows:
        if r.kind in ("item", "unnumbered_item") and V.SECRET_ROW.search(ocr_fold(r.title)):
            r.secret = True


__all__ = ["Agenda", "AgendaRow", "classify_unnumbered", "find_agenda", "mark_secret_rows", "split_title_case", "take"]
