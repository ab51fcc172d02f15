"""Stage 6 for each item: an agenda row and its blocks in the handlingar become an :class:`AgendaItem`.

Per item: its documents and their sections (stage 4b, :mod:`.documents`), its kind, its Dnr (the agenda's
and the first document's), the proposal (the chair's in an ordförandeförslag, else the förvaltning's Förslag
till beslut, else the agenda's Förslag column), its list entries (anmälningar, delegationsbeslut, ej
verkställda beslut), the meeting dates of a sammanträdesordning, and its sekretess (:mod:`.item_secrets`).
"""

from __future__ import annotations

import re
from datetime import date as _date

from rapidfuzz import fuzz

from ...domain.dates import days_of_year
from ...domain.model import SECRET_PLACEHOLDER, AgendaItem, Document, Section
from .. import lists as _lists
from ..layout import INFO_NONE, INTRO_DELEGATIONS, INTRO_NOTIFICATIONS
from ..normalize import clean_lines, dehyphenate, ocr_fold
from .agenda_rows import AgendaRow
from .documents import _Doc, _in, _sections, _segment
from .handlingar import _assign, _split_case, _Start, _trim_title
from .item_secrets import ItemSecrets
from .protokoll import Paragraph

_TABLED = re.compile(r"\bbordl\S{1,2}(?:gg\w*|gt\w*)", re.I)
_INFO_PROPOSAL = re.compile(
    r"tagit del av (?:informationen|rapporten|redovisningen)|noterar informationen|informationen noteras"
)
_SECRET_ITEM_TEXT = re.compile(
    r"(?:redovisas inte med h\S{1,2}nvisning till sekretess|omfattas av sekretess enligt|sekretessbelagt? \S{1,2}rende|"
    r"\benskilt \S{1,2}rende\b.*\bsekretess)",
    re.I,
)


class ItemBuilder(ItemSecrets):
    """The per-item steps of :class:`~.assemble.Parser` (a base class of it: the methods use the parser's
    state)."""

    _decisions: dict[int, Paragraph]
    _meeting_date: str

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
                doc_day = _iso(doc.doc_date)
                if doc_day and meeting_day and (meeting_day - doc_day).days > 180:
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
        if (
            _INFO_PROPOSAL.search(proposal)
            or INFO_NONE.search(body_f)
            or re.search(r"det finns inga \S+ att redovisa", body_f)
        ):
            return "information"
        return "beslutsarende"

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


def _iso(d: str | None) -> _date | None:
    try:
        return _date.fromisoformat(d) if d else None
    except ValueError:
        return None
