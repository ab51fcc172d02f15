"""Stage 2: the cover fields of a kallelse: kommun, body, date, time, place, chair, secretary.

The labels are data (:data:`DATE_LABELS` …), read with the value on the same line, on the next line, or
wrapped over two lines; a label printed without its value (a web copy that dropped the digits) is
recorded, so the importer can ask for the value instead of guessing one. Chair and secretary come from
labels, from signature blocks (``Name  Name`` / ``ordförande  sekreterare`` in two columns, merged onto one
line, or flattened into one line with the names), and from member lists (``X (M), ordförande``).
Nothing here has a default: a field that is not printed stays None.

The labels are in :mod:`.cover_labels`, date, time and place in :mod:`.cover_date_place`, chair and
secretary in :mod:`.cover_people`; this module holds :class:`Cover`, reads the document type, group meetings
and the notice's Dnr, and finds the kommun and the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...domain.bodies import Body, find_bodies, find_kommuner, kommun_name, match_body
from ...domain.casenumber import CaseNumber, find_case_numbers
from ...domain.model import GroupMeeting
from ..normalize import ocr_fold
from .cover_date_place import _dates_and_places
from .cover_labels import _BREADCRUMB, _GROUP
from .cover_people import _people, _roles_of
from .text import Lines, take

_TIME = re.compile(r"\b(?:kl\.?\s*)?(?P<h>[0-2]?\d)[:.](?P<m>[0-5]\d)\b")


_DOC_TYPES = (
    ("protokoll", re.compile(r"^(?:sammantr\S{1,2}des)?protokoll\b|^protokollsutdrag\b|^justerat protokoll")),
    ("kungorelse", re.compile(r"^kung\S{1,2}relse\b")),
    ("foredragningslista", re.compile(r"^f\S{1,2}redragningslista\b")),
    ("dagordning", re.compile(r"^dagordning\b")),
    ("kallelse", re.compile(r"^kallelse\b|^kallelse/")),
)
_HOUSE = re.compile(r"(?<=[a-zåäöé]) 1 (?=[a-zåäöé])")


@dataclass
class Cover:
    kommun: str | None = None
    body: Body | None = None
    body_line: int | None = None
    date: str | None = None
    date_source: str | None = None
    date_label_empty: bool = False  # a date label was printed without a date (a copy that lost digits)
    time: str | None = None
    place: str | None = None
    place_raw: str | None = None
    chair: str | None = None
    secretary: str | None = None
    notice_case: CaseNumber | None = None
    prepared: str | None = None  # "Upprättad 2024-01-19"
    doc_type: str | None = None
    group_meetings: list[GroupMeeting] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_cover(c: Lines, lo: int, hi: int, *, agenda_lines: set[int] | None = None, ocr: bool = False) -> Cover:
    """Cover fields from lines [lo, hi) (the cover, the agenda and what follows it up to the handlingar)."""
    cv = Cover()
    agenda_lines = agenda_lines or set()
    _doc_type(c, cv, lo, hi)
    _dates_and_places(c, cv, lo, hi, agenda_lines)
    _people(c, cv, lo, hi, agenda_lines, ocr)
    _groups(c, cv, lo, hi)
    _notice_case(c, cv, lo, hi, agenda_lines)
    if ocr and cv.place_raw:
        from ..ocr import text as _ocr

        cv.place = _ocr.repair_text(_HOUSE.sub(" i ", cv.place_raw), ocr=True)
        cv.warnings.append("place_ocr")
    return cv


def _doc_type(c: Lines, cv: Cover, lo: int, hi: int) -> None:
    for i in take(c.content_lines(lo, hi - 1), 25):
        f = c.f[i].lstrip("*# ")
        for kind, rx in _DOC_TYPES:
            if rx.search(f):
                cv.doc_type = kind
                return


# --- group meetings, notice Dnr, kommun and body --------------------------------------------------------


def _groups(c: Lines, cv: Cover, lo: int, hi: int) -> None:
    for i in range(lo, hi):
        if not c.content(i):
            continue
        f = c.f[i]
        gm = _GROUP.search(f)
        if not gm:
            continue
        text = c.s[i]
        tm = _TIME.search(f, gm.end()) or _TIME.search(f)
        for j in take(c.next(i, hi - 1), 2):
            if tm:
                break
            text = f"{text} {c.s[j]}"
            tm = _TIME.search(ocr_fold(c.s[j]))
        cv.group_meetings.append(
            GroupMeeting(" ".join(text.split()), f"{int(tm.group('h')):02d}:{tm.group('m')}" if tm else None, i + 1)
        )


def _notice_case(c: Lines, cv: Cover, lo: int, hi: int, agenda_lines: set[int]) -> None:
    first_agenda = min(agenda_lines) if agenda_lines else hi
    for i in range(lo, min(hi, first_agenda)):
        if c.content(i) and c.hk(i) == "dnr":
            found = find_case_numbers(c.s[i])
            if found:
                cv.notice_case = found[0]
                return


def find_kommun(c: Lines, cover_hi: int) -> str | None:
    """The kommun whose body meets: the name printed in letterheads, page headers and the cover, weighed
    above names in running text (which mention other kommuner)."""
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for i in range(c.n):
        s = c.s[i]
        if not s or ("kommun" not in c.f[i] and " stad" not in c.f[i]):
            continue
        for pos, name in find_kommuner(s):
            w = 1.0
            cell_exact = (
                any(ocr_fold(x.text).strip(" ,.") == ocr_fold(name) for x in c.cells[i]) if c.cells[i] else False
            )
            if (
                cell_exact
                or ocr_fold(s).strip(" ,.") == ocr_fold(name)
                or i in c.art
                or re.match(r"(?i)^(?:post|adress|postadress)\s*:?\s*$", s[:pos].strip())
                or s[:pos].strip() == ""
            ):
                w = 3.0
            elif _BREADCRUMB.match(s):
                w = 5.0
            if i < cover_hi:
                w *= 2
            scores[name] = scores.get(name, 0.0) + w
            first.setdefault(name, i)
    # a letterhead over two lines: "BOTKYRKA" / "KOMMUN"
    for i in range(min(c.n - 1, 400)):
        if c.f[i] in ("kommun",) and i > 0:
            p = next(c.prev(i), None)
            if (
                p is not None
                and p >= i - 2
                and re.fullmatch(r"[A-ZÅÄÖ][A-ZÅÄÖa-zåäö\-]{2,}", c.s[p])
                and c.f[p] != "kommun"
            ):
                name = kommun_name(c.s[p])
                scores[name] = scores.get(name, 0.0) + 3.0
                first.setdefault(name, p)
    if not scores:
        return None
    return max(scores, key=lambda k: (scores[k], -first[k]))


def find_body(c: Lines, cover_hi: int) -> tuple[Body | None, int | None]:
    """The body the document is for, and the line that names it. Weighed: a cover line that is a body
    name, a web breadcrumb, a title line (``KALLELSE … Teknik- och fastighetsnämnden``, ``Kallelse till
    möte för socialnämnden``), a running page header, the ORDFÖRANDEFÖRSLAG headers, a role qualifier."""
    best: tuple[float, int, Body] | None = None

    def offer(score: float, i: int, body: Body) -> None:
        nonlocal best
        if best is None or score > best[0] or (score == best[0] and i < best[1]):
            best = (score, i, body)

    seen = 0
    for i in range(c.n):
        if not c.s[i]:
            continue
        seen += 1
        s = c.s[i]
        f = c.f[i]
        in_cover = i < cover_hi and seen <= 60
        if _BREADCRUMB.match(s):
            for seg in s.split(">"):
                b = match_body(seg)
                if b:
                    offer(10, i, b)
            continue
        if in_cover:
            b = match_body(s)
            if b:
                offer(9.5 if seen <= 15 else 8, i, b)
                continue
            if any(rx.search(f.lstrip("*# ")) for _k, rx in _DOC_TYPES) or f.startswith(
                ("botkyrka kommun", "kungsbacka kommun")
            ):
                for _a, _b, b in find_bodies(s):
                    offer(9, i, b)
                    break
            for cell in c.cells[i] if len(c.cells[i]) > 1 else []:
                b = match_body(cell.text)
                if b:
                    offer(8.5, i, b)
        if i in c.art:
            b = match_body(s) or next((x for _a, _b, x in find_bodies(s)), None)
            if b:
                offer(7.5, i, b)
        if c.hk(i) == "ordf" or c.hk(i) == "tjsk":
            for _a, _b, b in find_bodies(s):
                offer(7, i, b)
            for j in take(c.next(i), 2):
                b = match_body(c.s[j])
                if b:
                    offer(7, j, b)
                    break
        if i < cover_hi + 200 and _roles_of(f) and len(s) < 200:
            for _a, _b, b in find_bodies(s):
                offer(6, i, b)
    if best is None:
        return None, None
    return best[2], best[1]


__all__ = ["Cover", "find_body", "find_kommun", "read_cover"]
