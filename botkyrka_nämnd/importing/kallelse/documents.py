"""Stage 4b: one item's block of lines as documents (tjänsteskrivelse, ordförandeförslag, bilagor, an
external protokoll) and each document as sections (Förslag till beslut, Beslut, Sammanfattning, Ärendet,
tables, signature …).

A new document starts at a cover page (``DET HÄR ÄR BOTKYRKA``), a protokoll start, a page that follows the
signature or the recipients of the one before (``Skickas till`` / ``Expedieras till``), or a tjänsteskrivelse
header (``Referens Mottagare``, ``TJÄNSTESKRIVELSE 1[n]``) after an ordförandeförslag. Nothing inside a locked
(secret) range starts a section or a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...domain.casenumber import CaseNumber, find_case_numbers
from ..layout import bilaga_label, date_line, has_role_word, is_cover, is_protokoll_start, match_committee, tjsk_page
from ..normalize import ocr_fold
from .handlingar import _Start
from .text import Lines, take


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


def _bilaga_title(c: Lines, i: int, hi: int) -> tuple[str, str | None]:
    label = None
    for j in [i, *take(c.next(i, hi), 4)]:
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


def _walk_tjsk_header(c: Lines, anchor: int, lo: int) -> int:
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


def _walk_title_up(c: Lines, heading: int, lo: int) -> int:
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


def _read_tjsk_header(c: Lines, d: _Doc, hi: int) -> None:
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
            got = date_line(s)
            assert got is not None  # header kind "date": date_line matched the line
            d.doc_date, rest = got
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
    lines: list[str] = []
    for j in range(title_from, hi + 1):
        if c.sk(j) or len(lines) >= 3:
            break
        if c.content(j):
            lines.append(c.s[j])
    if lines:
        d.title = " ".join(" ".join(lines).split())
    d.content_start = title_from


def _recipients_end(c: Lines, heading: int, hi: int) -> int:
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


def _segment(c: Lines, st: _Start, lo: int, hi: int, list_item: bool = False) -> list[_Doc]:
    """Split one item block [lo, hi] into documents. ``list_item``: an anmälnings-/delegationsärende,
    whose list may continue on a new page."""
    first = _Doc(
        st.doc_kind,
        lo,
        st.title_first,
        st.title,
        doc_date=st.doc_date,
        case=st.case,
        case_line=st.case_line,
        author=st.author,
        code=st.code,
        header=set(st.header_lines),
    )
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
                ahead = list(take(c.next(i - 1, hi), 12))
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
                and not any(c.sk(j) in ("skickas_till", "expedieras_till") for j in take(c.next(i, hi), 6))
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


def _sections(c: Lines, d: _Doc, locked: list[tuple[int, int]]) -> list[tuple[str, str | None, int, int]]:
    """(kind, heading, first line, last line) of the sections of a document; heading lines included.
    Nothing inside a ``locked`` range starts a section or a table."""
    out: list[tuple[str, str | None, int, int]] = []
    headings = d.kind in (
        "tjansteskrivelse",
        "tjansteutlatande",
        "ordforandeforslag",
        "arendebeskrivning",
        "protokollsutdrag",
    )
    cur_kind, cur_head, cur_start = "body", None, d.content_start
    j = d.content_start
    while j <= d.end:
        if headings and c.content(j) and (sec_kind := c.sk(j)) and j not in d.header and not _in(j, locked):
            if j > cur_start or cur_head is not None:
                out.append((cur_kind, cur_head, cur_start, j - 1))
            cur_kind, cur_head, cur_start = sec_kind, c.s[j], j
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


def _table_runs(c: Lines, a: int, b: int, locked: list[tuple[int, int]]) -> list[tuple[int, int]]:
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


def _split_signature(c: Lines, secs, d: _Doc):
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


def _in(j: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= j <= b for a, b in ranges)
