"""Search use case: what the CLI ``search`` command and the UI's search box call.

``SearchService(ctx).search(query, ...)`` returns ranked :class:`Hit` objects, one per agenda item and
kind (the item's documents, the member's notes, a secret part), best passage first with a highlighted
snippet and where it is (document, page). Secret hits come only from the vault's own index, only when
``include_secret`` is asked for *and* the vault is unlocked; otherwise nothing of them is touched, so
neither their number nor their existence can show.
"""

from __future__ import annotations

import datetime as _dt
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Iterable

from .. import log
from ..errors import UserError
from ..search.fts import Candidate, Group, MatchPlan
from ..search.query import SOURCES, CaseQuery, Clause, ParsedQuery, Term, parse, parse_date_bound, source_name
from ..search.snippet import Highlighter, Snippet, head

_log = log.get("search")

MAX_LIMIT = 500
CASE_SCORE = 1000.0  # items that carry a typed Dnr come before text hits


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
    annotation_id: int | None = None
    secret_uid: str | None = None
    matches: int = 1  # matching passages of this item (and kind)
    also: list[Location] = field(default_factory=list)

    def to_json(self) -> dict:
        out = {
            "meeting_id": self.meeting_id,
            "item_number": self.item_number,
            "item_title": self.item_title,
            "source": self.source,
            "snippet": self.snippet,
            "score": round(self.score, 4),
        }
        if self.secret:
            out["secret"] = True
        return out


def group_by_meeting(hits: Iterable[Hit]) -> "OrderedDict[str, list[Hit]]":
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
    ) -> list[Hit]:
        t0 = time.perf_counter()
        pq = parse(query)
        limit = max(1, min(int(limit or 20), MAX_LIMIT))
        self._apply_filters(pq, committee, date_from, date_to, sources)
        if pq.empty:
            return []
        committee_id = self._committee_id(pq.committee) if pq.committee else None
        if pq.committee and committee_id is None:
            return []
        filters = dict(date_from=pq.date_from, date_to=pq.date_to, committee=committee_id,
                       sources=sorted(pq.sources) if pq.sources is not None else None)

        scored: list[tuple[float, str, object]] = []  # (score, origin, payload)
        case_items: list[int] | None = None
        if pq.case_numbers:
            case_items = self._case_items(pq.case_numbers)
            if not pq.clauses:
                scored += [(s, "case", g) for s, g in self._case_hits(case_items, filters)]
                pq = _number_phrases(pq)  # also the number written in running text, below the Dnr hits
            elif not case_items:
                return []

        index = self.ctx.search_index
        plan: MatchPlan | None = None
        if index is not None and pq.clauses:
            groups, plan = index.search(pq, want=limit, item_ids=case_items if pq.clauses and case_items is not None and not _is_number_query(pq) else None, **filters)
            shown = {g[2].key for g in scored if isinstance(g[2], Group)}
            scored += [(g.score, "public", g) for g in groups if g.key not in shown]

        secret_plan: MatchPlan | None = None
        if include_secret and (pq.sources is None or "item" in pq.sources):
            sidx = self._secret_index()
            if sidx is not None and pq.clauses:
                groups, secret_plan = sidx.search(pq, want=limit, **{**filters, "sources": None})
                if case_items is not None and not _is_number_query(pq):
                    allowed = set(case_items)
                    groups = [g for g in groups if self._secret_item(g.best) and self._secret_item(g.best)[0] in allowed]
                scored += [(g.score, "secret", g) for g in groups]

        scored.sort(key=lambda t: -t[0])
        hits: list[Hit] = []
        public_hl = Highlighter(plan) if plan is not None else None
        secret_hl = Highlighter(secret_plan) if secret_plan is not None else None
        for score, origin, g in scored:
            if len(hits) >= limit:
                break
            hit = self._hit(origin, g, score, public_hl, secret_hl, pq)
            if hit is not None:
                hits.append(hit)
        _log.debug("search: %d hits in %.1f ms", len(hits), (time.perf_counter() - t0) * 1000)
        return hits

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
        row = self.ctx.store.conn.execute(
            "SELECT id FROM committee WHERE lower(id)=lower(?) OR lower(name)=lower(?)", (value, value)
        ).fetchone()
        return row[0] if row else None

    def _secret_index(self):
        vault = self.ctx.vault
        if not vault.unlocked:
            return None
        return self.ctx.secret_index

    # ------------------------------------------------------------------------------------ case numbers
    def _case_items(self, cases: list[CaseQuery]) -> list[int]:
        conn = self.ctx.store.conn
        ids: list[int] = []
        for cq in cases:
            if cq.canonical:
                rows = conn.execute("SELECT DISTINCT item_id FROM case_mention WHERE case_number=?", (cq.canonical,))
            else:
                rows = conn.execute("SELECT DISTINCT item_id FROM case_mention WHERE substr(case_number, -length(?)) = ?", (cq.suffix, cq.suffix))
            ids += [r[0] for r in rows if r[0] not in ids]
        return ids

    def _case_hits(self, item_ids: list[int], filters: dict) -> list[tuple[float, Group]]:
        if not item_ids or (filters["sources"] is not None and "item" not in filters["sources"]):
            return []
        conn = self.ctx.store.conn
        out = []
        for item_id in item_ids:
            row = conn.execute(
                "SELECT a.meeting_id, a.position, a.ordinal, m.date, m.committee_id FROM agenda_item a JOIN meeting m ON m.id=a.meeting_id WHERE a.id=?",
                (item_id,),
            ).fetchone()
            if row is None:
                continue
            mid, pos, ordinal, date, committee = row
            if filters["committee"] and committee != filters["committee"]:
                continue
            if (filters["date_from"] and date < filters["date_from"]) or (filters["date_to"] and date > filters["date_to"]):
                continue
            cand = Candidate(0, 0.0, "case", "item", None, mid, committee, date, item_id, ordinal, pos, None, None, None, None, None, False)
            score = CASE_SCORE * _recency(date)
            cand.score = score
            out.append((score, Group(cand.group_key, [cand], score)))
        return out

    def _secret_item(self, c: Candidate) -> tuple[int, int | None, str] | None:
        """The public item a secret part belongs to: (item id, number, title)."""
        conn = self.ctx.store.conn
        row = None
        if c.item_ordinal is not None:
            row = conn.execute("SELECT id, ordinal, title FROM agenda_item WHERE meeting_id=? AND ordinal=?", (c.meeting_id, c.item_ordinal)).fetchone()
        if row is None and c.item_position is not None:
            row = conn.execute("SELECT id, ordinal, title FROM agenda_item WHERE meeting_id=? AND position=?", (c.meeting_id, c.item_position)).fetchone()
        return (row[0], row[1], row[2]) if row else None

    # ------------------------------------------------------------------------------------ hits
    def _hit(self, origin: str, g: Group, score: float, public_hl, secret_hl, pq: ParsedQuery) -> Hit | None:
        c = g.best
        conn = self.ctx.store.conn
        if origin == "secret":
            found = self._secret_item(c)
            if found is None:
                return None
            item_id, number, title = found
        else:
            row = conn.execute("SELECT ordinal, title FROM agenda_item WHERE id=?", (c.item_id,)).fetchone()
            if row is None:  # the item was removed after it was indexed
                return None
            item_id, (number, title) = c.item_id, row
        doc_title = page = None
        if c.document_id is not None:
            d = conn.execute("SELECT title, bilaga_label, page_start FROM document WHERE id=?", (c.document_id,)).fetchone()
            if d is not None:
                doc_title = f"{d[1]}: {d[0]}" if d[1] and d[1] not in d[0] else d[0]
                page = c.page if c.page is not None else (d[2] if c.kind == "section" else None)
        if c.kind == "note" and c.page is not None:
            page = c.page

        if origin == "case":
            snip = self._case_snippet(c.item_id, pq.case_numbers)
        else:
            index = self.ctx.search_index if origin == "public" else self.ctx.secret_index
            hl = public_hl if origin == "public" else secret_hl
            snip = _snippet(index.fts, c.rowid, hl) if index is not None else Snippet("")
        return Hit(
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
            secret=origin == "secret",
            annotation_id=c.annotation_id,
            secret_uid=c.ref if origin == "secret" else None,
            matches=len(g.rows),
            also=[Location(r.source, r.document_id, r.section_id, r.page, r.annotation_id) for r in g.rows[1:6]],
        )

    def _case_snippet(self, item_id: int, cases: list[CaseQuery]) -> Snippet:
        rows = self.ctx.store.conn.execute("SELECT case_number, role FROM case_mention WHERE item_id=?", (item_id,)).fetchall()
        for cq in cases:
            for number, role in rows:
                if number == cq.canonical or number.endswith(cq.suffix):
                    text = f"Dnr {number}"
                    return Snippet(text, [(4, len(text))])
        return Snippet("")


def _snippet(fts, rowid: int, hl: Highlighter | None) -> Snippet:
    found = fts.row_text(rowid)
    if found is None:
        return Snippet("")
    text, raw, ocr = found
    if hl is not None:
        if ocr and raw:
            s = hl.snippet(raw, ocr=True)
            if s is not None:
                return s
        s = hl.snippet(text, ocr=ocr)
        if s is not None:
            return s
    return head(text)


def _recency(date: str) -> float:
    from ..search.fts import recency

    return recency(date)


def _number_phrases(pq: ParsedQuery) -> ParsedQuery:
    """A Dnr-only query also searches the number as written in running text ('2018:254', '2018:00254')."""
    terms: list[Term] = []
    for cq in pq.case_numbers:
        for num in dict.fromkeys((str(cq.number), f"{cq.number:05d}")):
            terms.append(Term((str(cq.year), num), quoted=True))
    pq.clauses = [Clause(terms)] if terms else []
    pq._number_query = True  # type: ignore[attr-defined]
    return pq


def _is_number_query(pq: ParsedQuery) -> bool:
    return getattr(pq, "_number_query", False)


__all__ = ["SearchService", "Hit", "Location", "SearchError", "group_by_meeting", "SOURCES"]
