"""Stage 3, list strategy: an agenda printed as numbered lines.

Rows are lines such as ``1.<tab>Title<tab>Dnr``, ``1 Title (SN 2018:254)``, ``12 Title`` or ``§ 12 Title``; the
agenda is the longest run of numbers that follow each other (:func:`_chain`). What lies between two rows is
the first row's continuation, Dnr, proposal, presenter, an unnumbered row (Justering, "X informerar"), a
section heading (Beslutsärenden …) or, in a föredragningslista with descriptions, its text
(:func:`_between`). A row whose number a web copy lost is recovered by :mod:`.agenda_recover`.
"""

from __future__ import annotations

import itertools
import re

from ...domain.casenumber import find_case_numbers, find_case_spans
from ...domain.dates import MONTH_ABBREVIATIONS, MONTHS
from ..normalize import ocr_fold
from . import vocabulary as V  # noqa: N812 - the tables read as V.NAME
from .agenda_recover import _recover_missing
from .agenda_rows import Agenda, AgendaRow, _caps_heading, _is_page_header, split_title_case, split_unnumbered
from .text import Lines, strip_page_header

_TRAILING_CAPS = re.compile(r"\s+(?P<caps>(?:Forts\.\s+)?[A-ZÅÄÖ]{2,}(?:\s+[A-ZÅÄÖ]{2,}){1,5})\s*$")


def _split_trailing_section(title: str) -> tuple[str, str | None]:
    """``… (FP) BESLUTAS AV KOMMUNSTYRELSEN`` -> (title, section) for a web copy that glued them."""
    m = _TRAILING_CAPS.search(title)
    if m and _caps_heading(m.group("caps").replace("Forts. ", "")) and len(title[: m.start()].split()) >= 2:
        return title[: m.start()].rstrip(), m.group("caps")
    return title, None


_ROW = re.compile(r"^(?:(?:[ÄäAa]rende|Punkt|Nr\.?)\s+)?(?P<num>\d{1,3})(?:\s*[.):]\s*|\s+|\t)(?P<rest>\S.*)$")
_PARA_ROW = re.compile(r"^§\s*(?P<num>\d{1,3})\s+(?P<rest>\S.*)$")
_SUB_ROW = re.compile(r"^(?P<sub>[a-h])\s*[).]\s+(?P<rest>\S.*)$")
# a unit or a month: a number before it is an amount or a date, not an item number ("mars" only as a word)
_MONTH_WORDS = (
    "(?:"
    + "|".join(MONTH_ABBREVIATIONS)
    + r")(?:\.|\b)|"
    + "|".join(m + (r"\b" if m == "mars" else "") for m in MONTHS if m not in MONTH_ABBREVIATIONS)
)
_NOT_TITLE_START = re.compile(
    r"^(?:kr\b|kronor|tkr|mnkr|msek|procent|%|st\b|timmar|dagar|veckor|månader|år\b|" + _MONTH_WORDS + ")",
    re.I,
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
        if missing and not orphans and c.tabbed[i] and row.case is not None and nxt is not None and c.tabbed[nxt]:
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
