"""Search use case: what the CLI ``search`` command and the UI's search box call.

``SearchService(ctx).search(query, ...)`` returns ranked :class:`Hit` objects, one per agenda item and
kind (the item's documents, the member's notes, a secret part), best passage first with a highlighted
snippet and where it is (document, page). Secret hits come only from the vault's own index, only when
``include_secret`` is asked for *and* the vault is unlocked; otherwise nothing of them is touched, so
neither their number nor their existence can show.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import log
from ..domain.doctext import join_sections, section_offsets
from ..errors import UserError
from ..search.fts_plan import plan_query
from ..search.fts_rank import Candidate, Group, recency
from ..search.fts_schema import dnr_tokens
from ..search.query import SOURCES, CaseQuery, ParsedQuery, parse, parse_date_bound, source_name
from ..search.snippet import Highlighter, Snippet, head, locate, ocr_snippet

_log = log.get("search")

MAX_LIMIT = 500
CASE_SCORE = 1000.0  # items that carry a typed Dnr come before text hits
SORTS = ("relevance", "date")  # date: newest meeting first (the best MAX_LIMIT hits, by date)


MARK_BUDGET = 5000  # matches marked per needle in an opened document


@dataclass
class DocumentMarks:
    """What an opened search hit shows in its document: the matching words and the snippet's passage."""

    ranges: list[tuple[int, int]]  # [start, end) in the document text
    passage: int | None  # offset of the snippet's first marked word


class SearchError(UserError):
    code = "bad_search"


@dataclass
class Location:
    """Another matching passage of the same item."""

    source: str
    document_id: int | None
    section_id: int | None
    page: int | None
    annotation_id: int | None = None


@dataclass
class Hit:
    """One agenda item (and kind: its documents, the member's notes, a secret part) that matched, with
    its best passage. ``to_json`` gives the CLI contract (DESIGN.md §7); the UI uses the rest."""

    meeting_id: str
    meeting_date: str
    committee: str | None
    item_id: int | None
    item_number: int | None
    item_title: str
    source: str  # 'item' | 'attachment' | 'note'
    document_id: int | None
    document_title: str | None
    page: int | None
    section_id: int | None
    snippet: str  # with [ ] around the matched words
    snippet_text: str  # the same without markers
    highlights: list[tuple[int, int]]  # [start, end) of the matched words in snippet_text
    score: float
    secret: bool = False
    annotation_id: int | str | None = None  # public: annotation.id; secret note: its uid
    secret_uid: str | None = None
    matches: int = 1  # matching passages of this item (and kind)
    also: list[Location] = field(default_factory=list)
    repaired: bool = False  # the snippet is machine-repaired OCR text ("maskinellt rättad text")

    def to_json(self) -> dict:
        out = {
            "meeting_id": self.meeting_id,
            "item_number": self.item_number,
            "item_title": self.item_title,
            "source": self.source,
            "snippet": self.snippet,
            "score": float(f"{self.score:.4g}"),
        }
        if self.secret:
            out["secret"] = True
        return out


def group_by_meeting(hits: Iterable[Hit]) -> OrderedDict[str, list[Hit]]:
    """Hits by meeting, meetings in the order of their best hit (for a results tree)."""
    out: OrderedDict[str, list[Hit]] = OrderedDict()
    for h in hits:
        out.setdefault(h.meeting_id, []).append(h)
    return out


class SearchService:
    def __init__(self, ctx):
        self.ctx = ctx

    # ------------------------------------------------------------------------------------ entry point
    def search(
        self,
        query: str | None,
        *,
        limit: int = 20,
        committee: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        sources: Iterable[str] | None = None,
        include_secret: bool = False,
        sort: str = "relevance",
    ) -> list[Hit]:
        """Ranked hits for what the user typed (see :mod:`botkyrka_nämnd.search.query` for the syntax).
        ``sort="date"``: the same hits (the best of up to MAX_LIMIT) newest meeting first, best first
        within a meeting. Odd input never raises; a filter value that cannot be understood (a date, a
        source, a sort order) raises :class:`SearchError` with a message for the user."""
        t0 = time.perf_counter()
        if sort not in SORTS:
            raise SearchError(
                f"Okänd sortering '{sort}'. Välj relevance (relevans) eller date (datum).",
                f"Unknown sort order '{sort}'. Choose relevance or date.",
            )
        pq = parse(query)
        limit = max(1, min(int(limit or 20), MAX_LIMIT))
        want = MAX_LIMIT if sort == "date" else limit
        self._apply_filters(pq, committee, date_from, date_to, sources)
        if pq.empty:
            return []
        committee_id = self._committee_id(pq.committee) if pq.committee else None
        if pq.committee and committee_id is None:
            return []
        filters = {
            "date_from": pq.date_from,
            "date_to": pq.date_to,
            "committee": committee_id,
            "sources": sorted(pq.sources) if pq.sources is not None else None,
        }

        ranked: list[tuple[float, str, Group]] = []  # (score, origin: case|public|secret, group)
        restrict: list[int] | None = None  # only these items (a Dnr next to words)
        dnr: list[str] = []  # a Dnr alone: also the passages that print it, in any form
        case_forms: dict[int, str] = {}  # item id -> the matching Dnr (canonical)
        if pq.case_numbers:
            case_forms = self._case_items(pq.case_numbers)
            if pq.clauses:
                if not case_forms:
                    return []
                restrict = list(case_forms)
            else:
                ranked += [(g.score, "case", g) for g in self._case_hits(list(case_forms), filters)]
                dnr = [t for cq in pq.case_numbers for t in dnr_tokens(cq.series, cq.year, cq.number)]

        plan = secret_plan = None
        index = self.ctx.search_index
        if index is not None:
            groups, plan = index.search(pq, want=want, item_ids=restrict, dnr=dnr, **filters)
            shown = {g.key for _, _, g in ranked}
            ranked += [(g.score, "public", g) for g in groups if g.key not in shown]

        if include_secret and (pq.sources is None or "item" in pq.sources or "note" in pq.sources):
            sidx = self._secret_index()
            if sidx is not None:
                groups, secret_plan = sidx.search(pq, want=want, dnr=dnr, **filters)
                withdrawn = set(
                    self.ctx.sealed_parts.withdrawn_part_uids()
                )  # a re-issue removed them: not current text
                if withdrawn:
                    groups = [g for g in groups if not (g.best.kind == "secret" and g.best.ref in withdrawn)]
                if restrict is not None:
                    allowed = set(restrict)
                    groups = [g for g in groups if (found := self._secret_item(g.best)) and found[0] in allowed]
                ranked += [(g.score, "secret", g) for g in groups]  # the same scoring, so the same scale

        ranked.sort(key=lambda t: -t[0])
        if sort == "date":  # the best hits, newest meeting first (stable: best first within a meeting)
            ranked = ranked[:want]
            ranked.sort(key=lambda t: (t[2].best.date or "", t[2].best.meeting_id or ""), reverse=True)
        numbers = [w for cq in pq.case_numbers for w in (str(cq.year), str(cq.number), f"{cq.number:05d}")]
        hits = self._hits(ranked[:limit], {"public": plan, "secret": secret_plan}, case_forms, numbers)
        _log.debug("search: %d hits in %.1f ms", len(hits), (time.perf_counter() - t0) * 1000)
        return hits

    # ------------------------------------------------------------------------------------ opened hits
    def highlighter(self, query: str | None) -> Highlighter | None:
        """The query's matching rules as the index applies them (stems, compounds, å/ä/ö spellings), to
        mark every matching word of an opened document; None for a query without words."""
        pq = parse(query)
        index = self.ctx.search_index
        if pq.empty or index is None:
            return None
        plan = plan_query(pq)
        if not plan.clauses:
            return None
        index.fts.prepare(plan)
        index.fts.expand(plan, partial=False)
        return Highlighter(plan)

    def document_marks(
        self,
        query: str | None,
        document_id: int,
        section_id: int | None = None,
        snippet: Snippet | None = None,
    ) -> DocumentMarks:
        """Every word of document ``document_id`` that matches ``query`` (offsets in the document text
        as the reader shows it, ``Repository.document_text``: for OCR the repaired text) and where a hit's
        ``snippet`` (from section ``section_id``) starts: None without one, or when it is not found."""
        sections = self.ctx.repo.sections(document_id)
        texts = [s.get("text_clean") for s in sections]
        text = join_sections(texts)
        doc = self.ctx.repo.document(document_id) or {}
        ocr = doc.get("text_status") == "ocr"
        hl = self.highlighter(query)
        ranges = [(a, b) for a, b, _ in hl.find(text, ocr=ocr, budget=MARK_BUDGET)] if hl is not None else []
        passage = None
        if snippet is not None and snippet.text:
            snip = snippet
            bases = section_offsets(texts)
            for s, base in zip(sections, bases):
                if base is not None and s.get("id") == section_id:
                    found = locate(s["text_clean"], snip)
                    if found is None:  # the window began in the title: the section's first match
                        end = base + len(s["text_clean"])
                        found = next((a - base for a, _ in ranges if base <= a < end), None)
                    passage = None if found is None else base + found
                    break
            if passage is None:
                found = locate(text, snip)
                passage = found if found is not None else (ranges[0][0] if ranges else None)
        return DocumentMarks(ranges, passage)

    # ------------------------------------------------------------------------------------ filters
    def _apply_filters(self, pq: ParsedQuery, committee, date_from, date_to, sources) -> None:
        if committee:
            pq.committee = str(committee).strip()
        if date_from:
            pq.date_from = self._date(date_from, end=False)
        if date_to:
            pq.date_to = self._date(date_to, end=True)
        if sources:
            names = set()
            for s in sources:
                n = source_name(str(s))
                if n is None:
                    raise SearchError(
                        f"Okänd källa '{s}'. Välj bland: ärende (item), bilaga (attachment), anteckning (note).",
                        f"Unknown source '{s}'. Choose from: item, attachment, note.",
                    )
                names.add(n)
            pq.sources = names if pq.sources is None else (pq.sources & names)
        if pq.sources is not None and not pq.sources:
            pq.clauses, pq.case_numbers = [], []
        if pq.date_from and pq.date_to and pq.date_from > pq.date_to:
            pq.clauses, pq.case_numbers = [], []

    @staticmethod
    def _date(value: str, *, end: bool) -> str:
        d = parse_date_bound(str(value), end=end)
        if d is None:
            raise SearchError(
                f"Datumet '{value}' förstås inte. Skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.",
                f"The date '{value}' is not understood. Write YYYY, YYYY-MM or YYYY-MM-DD.",
            )
        return d

    def _committee_id(self, value: str) -> str | None:
        return self.ctx.repo.committee_for(value)

    def _secret_index(self):
        vault = self.ctx.vault
        if not vault.unlocked:
            return None
        return self.ctx.secret_index

    # ------------------------------------------------------------------------------------ case numbers
    def _case_items(self, cases: list[CaseQuery]) -> dict[int, str]:
        """Items that carry a typed Dnr (agenda, document header, list entry) -> the Dnr as stored."""
        repo = self.ctx.repo
        found: dict[int, str] = {}
        for cq in cases:
            if cq.canonical:  # with its series; a number printed without one (2024-00517) matches too
                rows = repo.case_mentions(numbers=[cq.canonical, f"/{cq.year}:{cq.number:05d}"])
            else:  # no series typed: the number in any series
                rows = repo.case_mentions(year_number=f"{cq.year}:{cq.number:05d}")
            for item_id, number in rows:
                found.setdefault(item_id, number)
        return found

    def _case_hits(self, item_ids: list[int], filters: dict) -> list[Group]:
        if not item_ids or (filters["sources"] is not None and "item" not in filters["sources"]):
            return []
        out = []
        for item_id, mid, pos, ordinal, date, committee in self.ctx.repo.item_places(item_ids):
            if filters["committee"] and committee != filters["committee"]:
                continue
            if (filters["date_from"] and date < filters["date_from"]) or (
                filters["date_to"] and date > filters["date_to"]
            ):
                continue
            score = CASE_SCORE * recency(date)
            cand = Candidate(
                0,
                score,
                "case",
                "item",
                None,
                mid,
                committee,
                date,
                item_id,
                ordinal,
                pos,
                None,
                None,
                None,
                None,
                None,
                False,
            )
            out.append(Group(cand.group_key, cand, 1, [], score))
        return out

    def _secret_item(self, c: Candidate) -> tuple[int, int | None, str] | None:
        """The public item a secret part belongs to: (item id, number, title)."""
        repo = self.ctx.repo
        row = None
        if c.item_ordinal is not None:
            row = repo.item_heading(c.meeting_id, ordinal=c.item_ordinal)
        if row is None and c.item_position is not None:
            row = repo.item_heading(c.meeting_id, position=c.item_position)
        return row

    # ------------------------------------------------------------------------------------ hits
    def _hits(
        self, ranked: list[tuple[float, str, Group]], plans: dict, case_forms: dict[int, str], numbers: list[str]
    ) -> list[Hit]:
        """Hits for the ranked groups, with the lookups batched (items, documents, texts, locations)."""
        repo = self.ctx.repo
        indexes = {
            "public": self.ctx.search_index,
            "secret": self._secret_index() if any(o == "secret" for _, o, _ in ranked) else None,
        }
        secret_items = {id(g): self._secret_item(g.best) for _, o, g in ranked if o == "secret"}
        item_ids = {g.best.item_id for _, o, g in ranked if o != "secret"} | {v[0] for v in secret_items.values() if v}
        items = repo.item_headings(sorted(i for i in item_ids if i is not None))
        doc_ids = sorted({g.best.document_id for _, o, g in ranked if g.best.document_id is not None and o != "secret"})
        docs = repo.document_headings(doc_ids)
        texts: dict[str, dict] = {}
        places: dict[str, dict] = {}
        for origin in ("public", "secret"):
            idx = indexes[origin]
            mine = [g for _, o, g in ranked if o == origin]
            if idx is not None and mine:
                texts[origin] = idx.fts.row_texts(g.best.rowid for g in mine)
                places[origin] = idx.fts.locations(r for g in mine for r in g.other_rowids[:5])
        highlighters = {o: Highlighter(p, extra_words=numbers) for o, p in plans.items() if p is not None}

        hits = []
        for score, origin, g in ranked:
            c = g.best
            item_id: int | None
            if origin == "secret":
                found = secret_items.get(id(g))
                if not found:
                    continue
                item_id = found[0]
            else:
                item_id = c.item_id
            if item_id is None or item_id not in items:  # the item was removed after it was indexed
                continue
            number, title = items[item_id]
            doc_title, page = None, c.page
            d = docs.get(c.document_id) if origin != "secret" else None
            if d is not None:
                doc_title = f"{d[1]}: {d[0]}" if d[1] and d[1] not in d[0] else d[0]
                if page is None and c.kind == "section":
                    page = d[2]
            if origin == "case":
                snip = _case_snippet(case_forms.get(item_id))
            else:
                snip = _snippet(texts.get(origin, {}).get(c.rowid), highlighters.get(origin))
            secret = origin == "secret"
            loc = places.get(origin, {})
            hits.append(
                Hit(
                    meeting_id=c.meeting_id,
                    meeting_date=c.date,
                    committee=c.committee,
                    item_id=item_id,
                    item_number=number,
                    item_title=title,
                    source=c.source,
                    document_id=c.document_id,
                    document_title=doc_title,
                    page=page,
                    section_id=c.section_id,
                    snippet=snip.marked(),
                    snippet_text=snip.text,
                    highlights=list(snip.ranges),
                    score=score,
                    secret=secret,
                    annotation_id=(c.ref if secret else c.annotation_id) if c.kind == "note" else None,
                    secret_uid=c.ref if secret and c.kind == "secret" else None,
                    matches=g.matches,
                    also=[Location(*loc[r]) for r in g.other_rowids[:5] if r in loc],
                    repaired=origin != "case" and c.ocr and bool(snip.text),
                )
            )
        return hits


def _case_snippet(number: str | None) -> Snippet:
    if number is None:
        return Snippet("")
    text = f"Dnr {number}"
    return Snippet(text, [(4, len(text))])


def _snippet(found: tuple[str, str | None, bool] | None, hl: Highlighter | None) -> Snippet:
    """The snippet of a passage. OCR text: always the repaired text (the raw scan is never shown in a hit),
    with the words that matched in either form marked (:func:`~..search.snippet.ocr_snippet`)."""
    if found is None:
        return Snippet("")
    text, raw, ocr = found
    if hl is not None:
        s = ocr_snippet(hl, text, raw) if ocr else hl.snippet(text)
        if s is not None:
            return s
    return head(text)


__all__ = ["SORTS", "SOURCES", "DocumentMarks", "Hit", "Location", "SearchError", "SearchService", "group_by_meeting"]
