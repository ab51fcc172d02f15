"""Stage 6: assembly. The stages' results become one :class:`~botkyrka_nämnd.domain.model.Meeting`.

    text -> Lines (stage 0) -> agenda rows (3) -> item starts in the handlingar (4a) -> cover fields (2)
         -> per item: documents and sections (4b), proposal, list entries, sekretess (5) -> Meeting

:func:`parse_document` returns a :class:`ParseResult`: the meeting as far as it was recognised and the
fields that are missing (``kommun``, ``body``, ``date``), so the importer can ask the member for them
(CLI ``--body/--date/--kommun``, the import review in the client) instead of guessing. It prints and logs
nothing of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as _date

from rapidfuzz import fuzz

from ...domain.bodies import Body, match_body, short_form
from ...domain.dates import days_of_year
from ...domain.model import (
    SECRET_PLACEHOLDER,
    AgendaItem,
    Document,
    ListEntry,
    Meeting,
    PageArtifact,
    SecretPart,
    Section,
)
from ...errors import UnknownLayout
from .. import lists as _lists
from .. import sekretess
from ..layout import INFO_NONE, INTRO_DELEGATIONS, INTRO_NOTIFICATIONS, date_line
from ..normalize import clean_lines, dehyphenate, ocr_fold
from ..ocr import text as ocr
from .agenda import Agenda, AgendaRow, find_agenda, mark_secret_rows
from .cover import Cover, find_body, find_kommun, read_cover
from .documents import _Doc, _in, _sections, _segment
from .handlingar import _assign, _split_case, _Start, _starts_2024, _starts_labelled, _starts_of, _trim_title
from .protokoll import is_protokoll, read_paragraphs
from .text import Lines, prepare, take

SECRET_LABEL = "Sekretessbelagd del"
SECRET_LABEL_UNSURE = "Möjlig sekretessbelagd del – låst för säkerhets skull"
_TABLED = re.compile(r"\bbordl\S{1,2}(?:gg\w*|gt\w*)", re.I)
# items whose body lists reports, decisions or letters (whatever the kommun calls them): their report
# blocks are found by structure, as in an anmälningsärende
_REPORT_LIST_TITLE = re.compile(
    r"anm[äa]l|delegations|delegerings|ordf[öo]randebeslut|meddelande|delgivning|inkomna\s+skrivelser|"
    r"lex\s*(?:sarah|maria)|rapporter|avvikelse|missf[öo]rh[åa]llande",
    re.I,
)
_INFO_PROPOSAL = re.compile(
    r"tagit del av (?:informationen|rapporten|redovisningen)|noterar informationen|informationen noteras"
)
_SECRET_ITEM_TEXT = re.compile(
    r"(?:redovisas inte med h\S{1,2}nvisning till sekretess|omfattas av sekretess enligt|sekretessbelagt? \S{1,2}rende|"
    r"\benskilt \S{1,2}rende\b.*\bsekretess)",
    re.I,
)


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


class Parser:
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

    # -- items ------------------------------------------------------------------------------------
    def _items(self, rows: list[AgendaRow], starts: list[_Start]) -> list[AgendaItem]:
        c = self.c
        items: list[AgendaItem] = []
        blocks: dict[int, list[_Start]] = {}
        if rows and self._decisions:
            for k, r in enumerate(rows):
                items.append(self._item_of_row(r))
                blocks[k] = [starts[k]]
        elif rows:
            numbered_rows = rows
            assigned = _assign(starts, numbered_rows)
            for r in rows:
                items.append(self._item_of_row(r))
            for k, st in assigned:
                blocks.setdefault(k, []).append(st)
        else:
            ordinal = 0
            for st in starts:
                if (
                    st.style == "of"
                    and st.title_case is None
                    and st.case is None
                    and not st.number
                    and not st.header_lines
                ):
                    continue
                ordinal = int(st.number) if (st.style == "2024" and st.number) else ordinal + 1
                title, _case = _split_case(st.title)
                items.append(AgendaItem(ordinal=ordinal, title=title, kind="beslutsarende"))
                blocks[len(items) - 1] = [st]
        if not items:
            return []
        all_starts = sorted(((st.start, k, st) for k, sts in blocks.items() for st in sts), key=lambda t: t[:2])
        ranges: dict[int, list[tuple[_Start, int, int]]] = {}
        for pos, (a, k, st) in enumerate(all_starts):
            b = all_starts[pos + 1][0] - 1 if pos + 1 < len(all_starts) else c.n - 1
            while b > a and not c.s[b]:
                b -= 1
            ranges.setdefault(k, []).append((st, a, b))
        for k, it in enumerate(items):
            row = rows[k] if rows else None
            self._build_item(it, ranges.get(k, []), row)
            para = self._decisions.get(k)
            if para is not None:
                it.decision, it.decision_source = para.decision, f"§ {para.number}"
                it.printed_number = f"§ {para.number}"
        return items

    def _item_of_row(self, r: AgendaRow) -> AgendaItem:
        f = ocr_fold(r.title)
        if r.kind == "procedural":
            kind = "justering" if re.match(r"^(?:justering|val av (?:protokolls)?juster)", f) else "procedural"
        else:
            kind = "beslutsarende"
        it = AgendaItem(ordinal=r.number, title=r.title, kind=kind, agenda_case_number=r.case)
        it.row_kind = r.kind if r.kind in ("item", "procedural", "unnumbered_item", "sub_item") else "item"
        if r.kind == "sub_item":
            it.printed_number = getattr(r, "sub", None)
        it.group = r.group
        it.presenter = r.presenter
        it.secret = r.secret
        if r.has_proposal and r.kind != "procedural":
            it.proposal = r.proposal
            it.proposal_source = "agenda"
        if r.number_guessed:
            it.warnings.append("number_guessed")
        return it

    def _whole_document(self) -> AgendaItem:
        """A document with text but no agenda, imported at the member's request: one item holding it all."""
        c = self.c
        first = next(c.content_lines(), 0)
        title = " ".join(c.s[first].split())[:160] or "Dokument"
        it = AgendaItem(ordinal=1, title=title, kind="information")
        st = _Start(first, first, first, title, None, "of", "bilaga")
        self._build_item(it, [(st, first, c.n - 1)], None)
        it.title = title
        return it

    def _build_item(self, it: AgendaItem, blocks: list[tuple[_Start, int, int]], row: AgendaRow | None) -> None:
        c = self.c
        if row is not None and row.body_lines and not blocks:
            # an inline föredragningslista: the row's own description is the item's document
            a, b = min(row.body_lines), max(row.body_lines)
            blocks = [
                (
                    _Start(
                        row.line,
                        row.line,
                        row.last,
                        row.title,
                        str(row.number) if row.number else None,
                        "inline",
                        "arendebeskrivning",
                    ),
                    row.line,
                    b,
                )
            ]
        if not blocks:
            if it.kind not in ("justering", "procedural"):
                it.kind = self._kind(it, "", "")
            it.tabled = bool(_TABLED.search(it.title))
            if it.secret:
                self._secret_row(it, [], [])
            return
        first_st = blocks[0][0]
        it.printed_number = first_st.number if first_st.style != "inline" else None
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

        # sekretess: locked ranges of the item (a secret row, an explicit marker, a lex Sarah block)
        if not it.secret and any(
            _SECRET_ITEM_TEXT.search(c.s[j]) for _st, a, b in blocks for j in range(a, min(b, a + 80) + 1)
        ):
            it.secret = True
        if it.secret:
            locked = [(a, b) for _st, a, b in blocks]
        else:
            locked = self._locked_ranges(it, blocks, kind_guess)

        for d, _st in docs_all:
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
            and not it.agenda_case_number.same_case(it.document_case_number)
        ):
            it.warnings.append("dnr_mismatch")
        if (
            it.printed_number
            and it.ordinal is not None
            and it.printed_number.isdigit()
            and int(it.printed_number) != it.ordinal
        ):
            it.warnings.append("number_mismatch")

        # proposal: the chair's proposal (Beslut on an ordförandeförslag page), else the förvaltning's
        # (Förslag till beslut in the tjänsteskrivelse), else the agenda's Förslag column
        agenda_proposal = it.proposal if it.proposal_source == "agenda" else None
        it.proposal, it.proposal_source = None, None
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
        if it.proposal is None and agenda_proposal:
            it.proposal, it.proposal_source = agenda_proposal, "agenda"

        body_f = ocr_fold(" ".join(d.text for d in it.documents[:1]))
        if it.kind not in ("justering", "procedural"):
            it.kind = self._kind(it, title_f, body_f)
        text_all = " ".join(x for x in (it.title, it.title_heading or "", it.proposal or "") if x)
        it.tabled = bool(_TABLED.search(text_all))

        # list entries
        self._lists(it, docs_all, locked)
        # meeting dates (sammanträdesordning)
        if re.search(r"sammantr\S{1,2}des(?:ordning|dagar|datum|plan|tider)", title_f):
            self._meeting_dates(it, docs_all, locked)
        # secret parts and flags
        if it.secret:
            self._secret_row(it, blocks, locked)
        else:
            self._secrets(it, blocks, docs_all, locked)
        # dates
        meeting_day = _iso(self._meeting_date)
        for doc in it.documents:
            if doc.kind in ("tjansteskrivelse", "tjansteutlatande", "ordforandeforslag") and doc.doc_date:
                d = _iso(doc.doc_date)
                if d and meeting_day and (meeting_day - d).days > 180:
                    if "date_before_meeting" not in it.warnings:
                        it.warnings.append("date_before_meeting")

    def _secret_row(self, it: AgendaItem, blocks, locked) -> None:
        """A Sekretessärende / enskilt ärende: everything of it but its number and agenda title is locked;
        a proposal printed on the agenda goes into the locked part too."""
        c = self.c
        lines = [c.s[j] for a, b in locked for j in range(a, b + 1) if c.content(j)]
        if it.proposal:
            lines.insert(0, it.proposal)
            it.proposal, it.proposal_source = None, None
        first = min((a for a, _b in locked), default=None)
        last = max((b for _a, b in locked), default=None)
        it.secret_parts.append(
            SecretPart(
                kind="sekretessarende",
                label="Sekretessärende",
                text="\n".join(lines),
                line_start=first + 1 if first is not None else None,
                line_end=last + 1 if last is not None else None,
                not_in_source=not lines,
                locked=True,
                detected_by="secret_row",
                page=c.page(first),
            )
        )
        if "sekretess" not in it.flags:
            it.flags.append("sekretess")
        it.kind = "sekretessarende" if it.kind not in ("justering", "procedural") else it.kind

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
        if (
            _INFO_PROPOSAL.search(proposal)
            or INFO_NONE.search(body_f)
            or re.search(r"det finns inga \S+ att redovisa", body_f)
        ):
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
        """Where the item's secret content starts (to the end of its block): an explicit marker, or in an
        item that lists reports or decisions (an anmälnings- or delegationsärende, or one whose title says
        so) a report block found by its structure; in any other item a lex Sarah / lex Maria line with a
        report number. A block that is only probably secret is locked too, and the item says so
        (``locked_unsure``): an over-locked part can be read after unlocking, a leak cannot be undone."""
        c = self.c
        ranges = []
        in_scope = kind in ("anmalningsarenden", "delegationsbeslut") or bool(
            _REPORT_LIST_TITLE.search(sekretess.detection_text(it.title or ""))
        )
        for _st, a, b in blocks:
            content = [j for j in range(a, b + 1) if c.content(j)]
            texts = [c.s[j] for j in content]
            for k, j in enumerate(content):
                if sekretess.is_secret_marker(c.s[j]):
                    ranges.append((j, b))
                    break
                found = sekretess.report_block_start(texts, k) if in_scope else sekretess.report_line(texts[k])
                if found is None:
                    continue
                if not found[1]:
                    self._unsure_starts.add(j)
                    if "locked_unsure" not in it.warnings:
                        it.warnings.append("locked_unsure")
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
                intro = next(
                    (j for j in range(d.content_start, d.end + 1) if c.content(j) and intro_rx.search(c.f[j])), None
                )
                if intro is None:
                    intro = next(
                        (
                            j
                            for j in range(d.content_start, d.end + 1)
                            if c.content(j) and c.sk(j) in ("arendet", "sammanfattning")
                        ),
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
            found.update(days_of_year(" ".join(dehyphenate(lines)), year))
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
                detail = f"Lex Sarah-rapporter ({len(nums)})" if len(nums) > 1 else "Lex Sarah-rapport"
            elif is_lex:
                detail = "Lex Sarah"
            elif nums:
                detail = f"Rapporter ({len(nums)})" if len(nums) > 1 else "Rapport"
            else:
                detail = "Sekretessbelagd del"
            marker = sekretess.is_secret_marker(c.s[a])
            unsure = not marker and (a in self._unsure_starts or not is_lex)
            # while locked the placeholder says only that a locked part exists (not how many reports)
            public = SECRET_LABEL_UNSURE if unsure else SECRET_LABEL
            it.secret_parts.append(
                SecretPart(
                    kind="lex_sarah" if is_lex else ("granska" if unsure else "sekretessdel"),
                    label=public,
                    vault_label=detail if not unsure else f"{detail} – möjlig sekretess, låst för säkerhets skull",
                    text=text,
                    report_numbers=nums,
                    line_start=a + 1,
                    line_end=last + 1,
                    locked=True,
                    detected_by="marker" if marker else ("structure" if unsure else "lex_sarah_block"),
                    page=c.page(a),
                )
            )
        # identifiable data handed out at the meeting
        for _st, a, b in blocks:
            lines = self._content_lines(a, b, locked)
            joined = " ".join(dehyphenate([t for _j, t in lines]))
            if sekretess.refers_to_handed_out_data(joined):
                hit = next((j for j, t in lines if re.search(r"identifierbar|att\s+tillg", t, re.I)), a)
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
                            SecretPart(
                                kind="personuppgift",
                                label="Personnummer",
                                line_start=j + 1,
                                line_end=j + 1,
                                locked=False,
                                detected_by="personnummer",
                                page=c.page(j),
                            )
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


def _iso(d: str | None) -> _date | None:
    try:
        return _date.fromisoformat(d) if d else None
    except ValueError:
        return None


def parse_document(text: str, *, line_pages=None, line_x=None, line_y=None, hints: Hints | None = None) -> ParseResult:
    """Parse the text of one kallelse, handlingar or protokoll. Raises :class:`UnknownLayout` only for an
    empty text; missing fields are reported in the result."""
    if text is None or not text.strip():
        raise UnknownLayout(
            "Filen är tom: ingen kallelse att läsa in.", "The file is empty: there is no kallelse to import."
        )
    p = Parser(text, line_pages=line_pages, line_x=line_x, line_y=line_y, hints=hints)
    return p.run()
