"""Stage 6: assembly. The stages' results become one :class:`~botkyrka_nämnd.domain.model.Meeting`.

    text -> Lines (stage 0) -> agenda rows (3) -> item starts in the handlingar (4a) -> cover fields (2)
         -> per item: documents and sections (4b), proposal, list entries, sekretess (5) -> Meeting

:func:`parse_document` returns a :class:`ParseResult`: the meeting as far as it was recognised and the
fields that are missing (``kommun``, ``body``, ``date``), so the importer can ask the member for them
(CLI ``--body/--date/--kommun``, the import review in the client) instead of guessing. It prints and logs
nothing of the text.

The per-item steps are in :mod:`.items` (documents, kind, Dnr, proposal, list entries) and
:mod:`.item_secrets` (locked parts and sekretess flags); this module runs the stages, reads the meeting's
identity, locks report numbers in public fields and repairs the index texts of an OCR file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...domain.bodies import Body, match_body, short_form
from ...domain.model import SECRET_PLACEHOLDER, AgendaItem, Meeting, PageArtifact, SecretPart
from ...errors import UnknownLayout
from .. import sekretess
from ..layout import date_line
from ..ocr import text as ocr
from .agenda import find_agenda
from .agenda_rows import Agenda, AgendaRow, mark_secret_rows
from .cover import Cover, find_body, find_kommun, read_cover
from .handlingar import _Start, _starts_2024, _starts_labelled, _starts_of
from .item_secrets import SECRET_LABEL, SECRET_LABEL_UNSURE
from .items import ItemBuilder
from .protokoll import is_protokoll, read_paragraphs
from .text import Lines, prepare, take


@dataclass
class Hints:
    """What the member supplied for a document whose cover lacks it (CLI ``--body/--date/--kommun``)."""

    body: str | None = None
    date: str | None = None
    kommun: str | None = None
    time: str | None = None


@dataclass
class ParseResult:
    meeting: Meeting
    missing: list[str] = field(default_factory=list)  # 'kommun' | 'body' | 'date'
    doc_type: str = "kallelse"  # kallelse | handlingar | protokoll | dagordning | document
    agenda_strategy: str = "none"
    date_label_empty: bool = False
    structured: bool = True  # False: text with no recognisable agenda, imported as one document


def _classify(text: str) -> str:
    return ocr.classify_text(text)[0]


def _repair(text: str) -> str:
    return ocr.repair_text(text, ocr=True)


class Parser(ItemBuilder):
    def __init__(self, text: str, *, line_pages=None, line_x=None, line_y=None, hints: Hints | None = None):
        self.c = Lines(prepare(text, line_pages=line_pages, line_x=line_x, line_y=line_y))
        self.origin = _classify(text)
        self.ocr = self.origin == "ocr"
        self.hints = hints or Hints()
        self._unsure_starts: set[int] = set()  # first lines of blocks locked on suspicion (not certain)

    # -- main --------------------------------------------------------------------------------------
    def run(self) -> ParseResult:
        c = self.c
        if not any(c.s):
            raise UnknownLayout(
                "Filen är tom: ingen kallelse att läsa in.", "The file is empty: there is no kallelse to import."
            )
        paragraphs = read_paragraphs(c) if is_protokoll(c) else []
        if paragraphs:
            # a protokoll: its paragraphs are the rows, each paragraph its own document
            ag = Agenda(strategy="protokoll")
            ag.rows = [
                AgendaRow(
                    p.number, p.title, "item", p.case, [p.case] if p.case else [], line=p.start, last=p.title_last
                )
                for p in paragraphs
            ]
            starts = [
                _Start(
                    p.start,
                    p.start,
                    p.title_last,
                    p.title,
                    str(p.number),
                    "protokoll",
                    "protokollsutdrag",
                    case=p.case,
                    title_case=p.case,
                )
                for p in paragraphs
            ]
            self._decisions = dict(enumerate(paragraphs))
        else:
            ag = find_agenda(c)
            self._decisions = {}
        mark_secret_rows(ag)
        rows = [r for r in ag.rows if r.kind not in ("section", "break")]
        lo = (ag.last + 1) if ag.last is not None else 0
        if not paragraphs:
            starts = _starts_2024(c, lo)
        if not paragraphs and not starts:
            starts = _starts_of(c, lo) + _starts_labelled(c, lo)
            starts.sort(key=lambda st: st.start)
            starts = _dedupe_starts(starts)
        first_start = min((s.start for s in starts), default=c.n)
        cover_hi = first_start if starts else min(c.n, max((ag.last or 0) + 60, 150))
        if ag.last is not None and not paragraphs:
            cover_hi = max(cover_hi, min(first_start, ag.last + 40))
        cover = read_cover(c, 0, cover_hi, agenda_lines=ag.lines, ocr=self.ocr)
        if cover.date is None and not cover.date_label_empty:
            self._date_from_headers(cover)
        m = Meeting(date="")
        m.line_count = c.n
        m.text_origin = self.origin
        self._identity(m, cover, cover_hi)
        self._meeting_date = m.date
        res = ParseResult(m, agenda_strategy=ag.strategy, date_label_empty=cover.date_label_empty)
        res.doc_type = "protokoll" if paragraphs else _doc_type(cover, rows, starts)
        m.doc_kind = (
            res.doc_type
            if res.doc_type != "kallelse"
            else ("kallelse_med_ordforandeforslag" if rows and starts and starts[0].style == "of" else "kallelse")
        )
        if not rows and starts:
            m.doc_kind = "handlingar_utdrag"
        for fld in ("kommun", "body", "date"):
            if not {"kommun": m.municipality, "body": m.committee, "date": m.date}[fld]:
                res.missing.append(fld)

        items = self._items(rows, starts)
        if not items:
            if self.hints.date or self.hints.body:
                items = [self._whole_document()]
                res.structured = False
            else:
                res.missing.append("agenda")
        m.page_artifacts = [PageArtifact(line=i + 1, kind=a.kind, text=c.s[i]) for i, a in sorted(c.art.items())]
        for it in items:
            self._lock_public_fields(it, ag)
        self._index_texts(items)
        m.items = items
        locked = [
            (p.line_start, p.line_end or p.line_start)
            for it in items
            for p in it.secret_parts
            if p.locked and p.text and p.line_start is not None
        ]
        if locked:
            m.page_artifacts = [a for a in m.page_artifacts if not any(x <= a.line <= y for x, y in locked)]
        return res

    def _lock_public_fields(self, it: AgendaItem, ag: Agenda) -> None:
        """A lex Sarah report id in an item's short public fields (its agenda title, proposal, decision, a
        document title): the field is cut before it and what was cut goes into a locked part, said to be
        locked on suspicion. The agenda is public, but report numbers on it are not."""
        cut: list[str] = []

        def scrub(value: str | None) -> str | None:
            if not value:
                return value
            k = sekretess.secret_in_field(value)
            if k is None:
                return value
            cut.append(value)
            head = value[:k].rstrip(" ,;:–—-(")
            return f"{head} ({SECRET_LABEL.lower()} låst)" if head else SECRET_PLACEHOLDER

        for attr in ("title", "title_heading", "title_raw", "proposal", "decision", "presenter"):
            setattr(it, attr, scrub(getattr(it, attr)))
        for d in it.documents:
            d.title = scrub(d.title) or d.title
        if not cut:
            return
        text = "\n".join(dict.fromkeys(cut))
        if "locked_unsure" not in it.warnings:
            it.warnings.append("locked_unsure")
        # the lines it was printed on (the agenda, a heading): a PDF's public copy replaces their pages
        c = self.c
        where = [j for j in sorted(ag.lines) if sekretess.secret_in_field(c.s[j]) is not None]
        if not where and it.line_start:  # a heading of the item's own documents
            near = range(it.line_start - 1, min(c.n, it.line_start + 10))
            where = [j for j in near if sekretess.secret_in_field(c.s[j]) is not None] or [it.line_start - 1]
        first = (min(where) + 1) if where else None
        last = (max(where) + 1) if where else None
        it.secret_parts.append(
            SecretPart(
                kind="lex_sarah",
                label=SECRET_LABEL_UNSURE,
                vault_label="Lex Sarah på dagordningen – möjlig sekretess, låst för säkerhets skull",
                text=text,
                report_numbers=sekretess.report_numbers(text),
                line_start=first,
                line_end=last,
                locked=True,
                detected_by="public_field",
                page=c.page(min(where)) if where else None,
            )
        )

    # -- identity ---------------------------------------------------------------------------------
    def _identity(self, m: Meeting, cover: Cover, cover_hi: int) -> None:
        c, h = self.c, self.hints
        m.date = h.date or cover.date or ""
        m.date_source = "member" if h.date else cover.date_source
        m.time = h.time or cover.time
        m.place, m.place_raw = cover.place, cover.place_raw
        m.chair, m.secretary = cover.chair, cover.secretary
        m.notice_case_number = cover.notice_case
        m.group_meetings = cover.group_meetings
        m.warnings.extend(cover.warnings)
        body: Body | None
        if h.body:
            body = match_body(h.body) or Body(h.body.strip(), short_form(h.body))
        else:
            body, _line = find_body(c, cover_hi)
        if body is not None:
            m.committee, m.committee_short = body.name, body.short
        kommun = h.kommun or find_kommun(c, cover_hi)
        if kommun:
            k = " ".join(kommun.split())
            if not re.search(r"(?i)\b(?:kommun|stad|region)\b", k):
                k = f"{k} kommun"
            m.municipality = k[:1].upper() + k[1:]
        if self.ocr and m.place_raw and "place_ocr" not in m.warnings:
            m.warnings.append("place_ocr")

    def _date_from_headers(self, cover: Cover) -> None:
        """No cover date: the date of the ordförandeförslag headers (003: ``ORDFÖRANDEFÖRSLAG`` /
        ``Socialnämnden`` / ``2020-05-26``), or a committee line with a date at the very top (002)."""
        c = self.c
        votes: dict[str, int] = {}
        for i in range(c.n):
            if c.content(i) and c.hk(i) == "ordf":
                for j in take(c.next(i), 3):
                    if c.hk(j) == "date":
                        got = date_line(c.s[j])
                        if got:
                            votes[got[0]] = votes.get(got[0], 0) + 1
                        break
        if votes:
            cover.date = max(votes, key=lambda d: (votes[d], d))
            cover.date_source = "ordforandeforslag_header"
            return
        first = list(take((j for j in range(c.n) if c.content(j)), 3))
        if len(first) >= 2 and c.hk(first[0]) == "committee" and c.hk(first[1]) == "date":
            got = date_line(c.s[first[1]])
            if got:
                cover.date, cover.date_source = got[0], "header"

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
            # the lists hold only entries with a delegate, items with a proposal and documents with a title:
            # the repeated test keeps every part and tells the type checker they are str
            + [e.delegate for e in entries if e.delegate]
            + [it.proposal for it in proposals if it.proposal]
            + [d.title for d in docs if d.title]
        )
        out = _repair_parts(parts)
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
        self._index_only_texts(items)

    @staticmethod
    def _index_only_texts(items: list[AgendaItem]) -> None:
        """OCR files: the repair of the texts that are shown as printed (an agenda row's heading, a list
        entry), for the search index only (``heading_index``, ``text_index``). A second repair call, so the
        texts repaired above (what is shown) do not change with these."""
        headed = [it for it in items if it.title_heading]
        entries = [e for it in items for e in it.list_entries]
        parts = [it.title_heading or "" for it in headed] + [e.text for e in entries]
        if not parts:
            return
        out = _repair_parts(parts)
        for it, text in zip(headed, out):
            it.heading_index = text
        for e, text in zip(entries, out[len(headed) :]):
            e.text_index = text


def _repair_parts(parts: list[str]) -> list[str]:
    """The OCR repair of each part, in one call over them all (so the repair sees every spelling of a
    word); part by part when the repair did not keep the line count."""
    counts = [p.count("\n") + 1 for p in parts]
    lines = _repair("\n".join(parts)).split("\n")
    if len(lines) != sum(counts):
        return [_repair(p) for p in parts]
    out, pos = [], 0
    for k in counts:
        out.append("\n".join(lines[pos : pos + k]))
        pos += k
    return out


def _dedupe_starts(starts: list[_Start]) -> list[_Start]:
    out: list[_Start] = []
    for st in starts:
        if out and st.start <= out[-1].title_last:
            continue
        out.append(st)
    return out


def _doc_type(cover: Cover, rows: list[AgendaRow], starts: list[_Start]) -> str:
    if cover.doc_type == "protokoll":
        return "protokoll"
    if rows:
        return cover.doc_type if cover.doc_type in ("dagordning", "foredragningslista", "kungorelse") else "kallelse"
    return "handlingar" if starts else "document"


def _in_ranges(j: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= j <= b for a, b in ranges)


def parse_document(text: str, *, line_pages=None, line_x=None, line_y=None, hints: Hints | None = None) -> ParseResult:
    """Parse the text of one kallelse, handlingar or protokoll. Raises :class:`UnknownLayout` only for an
    empty text; missing fields are reported in the result."""
    if text is None or not text.strip():
        raise UnknownLayout(
            "Filen är tom: ingen kallelse att läsa in.", "The file is empty: there is no kallelse to import."
        )
    p = Parser(text, line_pages=line_pages, line_x=line_x, line_y=line_y, hints=hints)
    return p.run()
