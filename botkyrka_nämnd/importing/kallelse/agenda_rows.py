"""Stage 3's result, the agenda's rows, and what its list and table strategies share.

:class:`AgendaRow` is one row: its number (None for unnumbered rows), title, Dnr (as printed and normalised),
group (the section heading above it), kind (``item``, ``procedural``, ``unnumbered_item``, ``sub_item``,
``section``, ``break``), the agenda's proposal text and presenter, and whether it is marked secret.
:class:`Agenda` holds the rows, the lines they use and the strategy that read them.

Shared by both strategies: the kind of a row without a number (:func:`classify_unnumbered`,
:func:`split_unnumbered`), a row's own Dnr printed at the end of its title (:func:`split_title_case`), the
page headers that interrupt an agenda, and rows marked secret (:func:`mark_secret_rows`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...domain.casenumber import CaseNumber, find_case_numbers, find_case_spans
from ..normalize import ocr_fold
from . import vocabulary as V  # noqa: N812 - the tables read as V.NAME
from .text import Lines


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
        return bool(self.proposal and not _empty_proposal(self.proposal))


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


_PAGE_HEADER = re.compile(
    r"(?:kallelse|f\S{1,2}redragningslista|dagordning|protokoll)\S*\s*(?:/\S+\s*)?\d{1,2}\s*[\[(]\d{1,2}[\])]", re.I
)
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


def mark_secret_rows(ag: Agenda) -> None:
    for r in ag.rows:
        if r.kind in ("item", "unnumbered_item") and V.SECRET_ROW.search(ocr_fold(r.title)):
            r.secret = True


__all__ = ["Agenda", "AgendaRow", "classify_unnumbered", "mark_secret_rows", "split_title_case", "split_unnumbered"]
