"""Stage 4a: where the item documents begin in the handlingar, and which agenda row each belongs to.

Three shapes of an item start, each a small strategy:

- a numbered heading ``NN Title`` under a letter head whose last lines are a ``Dnr:`` or a ``Mottagare`` /
  committee block (Botkyrka 2024: TJÄNSTESKRIVELSE / BOTKYRKA KOMMUN / committee / date / förvaltning /
  Kod / handläggare / Dnr);
- a title block right above ``Beslut``, "Förslag till beslut" or "Det finns inga ärenden att redovisa",
  under an optional ORDFÖRANDEFÖRSLAG / committee / date+Dnr / number header (ordförandeförslag pages of
  many kommuner, and tjänsteskrivelser whose title stands above their proposal);
- a TJÄNSTESKRIVELSE (or similar) header with labelled ``Datum`` / ``Diarienummer`` values, then the title.

Starts are matched to agenda rows by printed number, Dnr (with or without its series) and title (fuzzy,
OCR-tolerant); with no agenda the handlingar define the items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ...domain.casenumber import CaseNumber, find_case_numbers
from ..layout import INFO_NONE, date_line, datum, kod
from ..normalize import ocr_fold
from .agenda_rows import AgendaRow
from .text import Lines, take


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


def _starts_2024(c: Lines, lo: int) -> list[_Start]:
    out: list[_Start] = []
    for i in range(lo, c.n):
        if not c.content(i):
            continue
        m = _ITEM_HEAD.match(c.s[i])
        if not m:
            continue
        prev = list(take(c.prev(i, lo), 2))
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
            j < c.n and c.content(j) and len(title_lines) < 3 and len(c.s[j - 1]) >= 60 and not c.sk(j) and not c.hk(j)
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
                if nxt is not None and not c.sk(nxt) and c.hk(nxt) not in ("dnr", "date"):
                    rest = c.s[nxt]
                    title_lines.append(nxt)
        st.title_first, st.title_last = i, title_lines[-1]
        st.title = " ".join(rest.split())
        st.title_case = _split_case(st.title)[1]
        st.number = m.group("num")
        st.doc_kind = kind
        out.append(st)
    return out


def _header_2024(c: Lines, heading: int, lo: int) -> _Start:
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
            got = date_line(s)
            assert got is not None  # header kind "date": date_line matched the line
            st.doc_date = got[0]
        elif k == "datum":
            iso = datum(s)  # the ISO date, or None when empty (False, "no Datum line", cannot occur here)
            st.doc_date = iso if isinstance(iso, str) and iso else None
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


def _ordf_above(c: Lines, i: int, lo: int) -> bool:
    for count, j in enumerate(c.prev(i, lo)):
        if count > 6:
            return False
        if c.hk(j) == "ordf":
            return True
        if c.sk(j):
            return False
    return False


def _starts_of(c: Lines, lo: int) -> list[_Start]:
    """Ordförandeförslag-style starts: a title block right above ``Beslut`` (or above "Det finns inga
    ärenden att redovisa"), under an optional number / date+Dnr / committee / ORDFÖRANDEFÖRSLAG header."""
    out: list[_Start] = []
    for i in range(lo, c.n):
        if not c.content(i):
            continue
        info = bool(INFO_NONE.match(" ".join(c.f[i].split())))
        if c.sk(i) == "forslag_till_beslut" and _ordf_above(c, i, lo):
            pass  # "Förslag till beslut" on an ordförandeförslag page (UN, TEF and others print it so)
        elif c.sk(i) != "beslut" and not info:
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
        st.title_case = _split_case(st.title)[1] or next(reversed(find_case_numbers(st.title)), None)
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
                got = date_line(c.s[j])
                assert got is not None  # header kind "date": date_line matched the line
                d, rest = got
                st.doc_date = d
                found = find_case_numbers(rest)
                if found:
                    st.case, st.case_line = found[0], j
                pos = 2
            elif k in ("committee", "forvaltning") and pos == 2:
                pos = 3
            elif k == "dnr" and pos <= 1 and next((c.hk(p) for p in c.prev(j, lo)), None) == "ordf":
                # "ORDFÖRANDEFÖRSLAG 1[1] Kultur- och fritidsnämnden" / "Dnr KOF/2018:71" (a flattened copy)
                found = find_case_numbers(c.s[j], labelled=True)
                if found:
                    st.case, st.case_line = found[0], j
                st.start = j
                st.header_lines.append(j)
                pos = 2
            elif k == "ordf" and pos <= 2 and len(c.s[j]) > 45:
                # a flattened header line: "ORDFÖRANDEFÖRSLAG 1[1] Kultur- och fritidsnämnden 2016-10-17 Dnr KOF/2016:149"
                from ...domain.dates import first_date

                st.doc_date = first_date(c.s[j])
                found = find_case_numbers(c.s[j])
                if found:
                    st.case, st.case_line = found[-1], j
                st.start = j
                st.header_lines.append(j)
                break
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


def _score(st: _Start, row: AgendaRow, expected: int | None) -> float:
    score = _similarity(st.title, row.title)
    if st.number is not None and row.number is not None and int(st.number) == row.number:
        score += 30
    cases = {x for x in (st.case, st.title_case) if x is not None}
    if row.case is not None and row.case in cases:
        score += 20
    if expected is not None and row.number == expected:
        score += 5
    return score


def _assign(starts: list[_Start], rows: list[AgendaRow]) -> list[tuple[int, _Start]]:
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


_LABELLED = re.compile(
    r"^(?P<label>datum|diarienummer|diarienr|dnr|v\S{1,2}r beteckning|beteckning|\S{1,2}rendenummer)\b\.?\s*:?\s*(?P<rest>.*)$"
)


def _starts_labelled(c: Lines, lo: int) -> list[_Start]:
    """``TJÄNSTESKRIVELSE`` / ``Datum`` / ``2025-01-02`` / ``Diarienummer`` / ``KS-2023-00686`` / title /
    ``Förslag till beslut …``: a tjänsteskrivelse whose header fields are labelled (Kungsbacka and others)."""
    out: list[_Start] = []
    for i in range(lo, c.n):
        if not c.content(i) or c.hk(i) != "tjsk":
            continue
        st = _Start(i, i, i, "", None, "labelled", "tjansteskrivelse")
        st.header_lines = [i]
        j_iter = list(take(c.next(i), 14))
        title: list[int] = []
        k = 0
        while k < len(j_iter):
            j = j_iter[k]
            f = c.f[j]
            m = _LABELLED.match(f)
            if m and not title:
                value = c.s[j][m.start("rest") :].strip() if m.group("rest") else ""
                vline = j
                if not value and k + 1 < len(j_iter):
                    vline = j_iter[k + 1]
                    value = c.s[vline]
                    k += 1
                st.header_lines += [j, vline]
                if m.group("label") == "datum":
                    from ...domain.dates import first_date

                    st.doc_date = first_date(value)
                else:
                    found = find_case_numbers(value, labelled=True)
                    if found:
                        st.case, st.case_line = found[0], vline
                k += 1
                continue
            if c.sk(j):
                break
            if title and (j > title[-1] + 2 or len(title) >= 3):
                break
            if len(c.s[j]) > 120:
                break
            title.append(j)
            k += 1
        if not title or (st.case is None and st.doc_date is None):
            continue
        st.title_first, st.title_last = title[0], title[-1]
        st.title = " ".join(" ".join(c.s[j] for j in title).split())
        st.title_case = st.case
        out.append(st)
    return out
