"""Ranking: the candidate passages of a query, scored and grouped per agenda item, in one SQL statement.

FTS5's ``bm25()`` was measured and is not used: its IDF pass walks the full doclist of every
phrase of the query, whatever the LIMIT, which costs 17-40 ms for a common word on 2,000 meetings. Instead
a query is run as tiers, each a plain boolean FTS5 query read newest-first and capped:

- exact: every word as typed (surface form),
- stem: every word as typed or inflected, or (OCR text) its folded / look-alike key,
- all: also compounds,
- expanded (only when there are expansions): also å/ä/ö spellings of words typed without them, partial
  words and near spellings of OCR text.

Each tier is a superset of the one before, so the newest N rows of a tier classify every row of the
broader tiers' newest N exactly. A passage scores ``tier weight x length factor x kind weight x OCR factor
x recency x phrase boost`` (a BM25-style passage score: passages are short, so presence in the right form
is what term frequency would say); passages group per agenda item, with a bonus for items matching in
several passages. A word that matches more passages than the cap (CANDIDATE_CAP per tier) is ranked over
its newest passages: the trade-off that keeps a common word at a few milliseconds on ten years. A second
candidate set of item rows (titles and proposals) reaches further back than the passage cap, so an old item
about the subject is still found in a busy archive. Exclusions (``-word``) drop every item that mentions
the word in any passage, checked for the ranked groups in rank order.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from dataclasses import dataclass
from typing import Any

from .fts_plan import MatchPlan, negative_expression, phrase_expression, tier_expression
from .fts_schema import FTS_TABLES, SEQ_BITS, SEQ_MASK, committee_token, date_ordinal, item_token, quote, source_token

CANDIDATE_CAP = 400  # newest matching passages per tier
ITEM_CAP = 200  # newest matching item rows (titles, proposals) per tier: they reach further back
TIERS = (("exact", 1.0), ("stem", 0.75), ("all", 0.5), ("expanded", 0.3))
OCR_FACTOR = 0.5  # OCR text ranks below clean text
PHRASE_BOOST = 1.5  # all words of an unquoted multi-word query adjacent, in order
RECENCY_HALF_LIFE_YEARS = 6.0  # a meeting this old weighs half as much as one held today
KIND_WEIGHTS = {"item": 1.3, "section": 1.0, "entry": 1.0, "note": 1.2, "secret": 1.0}
GROUP_BONUS = 0.3  # an item matching in many passages gains up to 30 %

_ROW_COLS = (
    "id",
    "kind",
    "source",
    "ref",
    "meeting_id",
    "committee",
    "date",
    "item_id",
    "item_ordinal",
    "item_position",
    "document_id",
    "section_id",
    "entry_id",
    "annotation_id",
    "page",
    "ocr",
)


@dataclass
class Candidate:
    """A scored passage (one ``search_row``)."""

    rowid: int
    score: float
    kind: str
    source: str
    ref: str | None
    meeting_id: str
    committee: str | None
    date: str
    item_id: int | None
    item_ordinal: int | None
    item_position: int | None
    document_id: int | None
    section_id: int | None
    entry_id: int | None
    annotation_id: int | None
    page: int | None
    ocr: bool
    tier: float = 1.0

    @property
    def item_key(self) -> tuple[str | int | None, ...]:
        if self.item_id is not None:
            return ("i", self.item_id)
        return ("m", self.meeting_id, self.item_position, self.item_ordinal)

    @property
    def group_key(self) -> tuple[str | int | None, ...]:
        kind = "note" if self.kind == "note" else ("secret" if self.kind == "secret" else "doc")
        return (*self.item_key, kind)


@dataclass
class Group:
    """The matching passages of one item (and kind: documents, notes, secret)."""

    key: tuple[str | int | None, ...]
    best: Candidate
    matches: int
    other_rowids: list[int]
    score: float


def recency(date: str, today: _dt.date | None = None) -> float:
    """Weight of a meeting's age: 1 for today, 1/2 at RECENCY_HALF_LIFE_YEARS, 1/3 at twice that.
    (Hyperbolic, so the SQL needs no math functions: SQLCipher's SQLite has none.)"""
    age = max(0, (today or _dt.date.today()).toordinal() - date_ordinal(date))
    return 1.0 / (1.0 + age / (365.25 * RECENCY_HALF_LIFE_YEARS))


class Ranking:
    """The ranked queries of :class:`~.fts.FtsIndex` (a mixin: it reads ``self.conn``)."""

    conn: sqlite3.Connection

    def _ranked_excluding(self, plan: MatchPlan, want: int, filters: dict[str, Any], today_ord: int) -> list[Group]:
        """'-corona' drops every item that mentions it anywhere, not only the passages that do: rank more
        groups than wanted, then check them in rank order, a batch at a time, until ``want`` are kept."""
        neg = negative_expression(plan)
        if not neg:
            return self._ranked(plan, want, filters, today_ord)
        ask = 4 * want  # the candidate groups are computed anyway: fetching more of them is cheap
        while True:
            groups = self._ranked(plan, ask, filters, today_ord)
            kept: list[Group] = []
            for i in range(0, len(groups), want):
                batch = groups[i : i + want]
                drop = self._items_matching(
                    neg, {item_token(g.best.item_id, g.best.meeting_id, g.best.item_position) for g in batch}
                )
                kept += [
                    g for g in batch if item_token(g.best.item_id, g.best.meeting_id, g.best.item_position) not in drop
                ]
                if len(kept) >= want:
                    return kept[:want]
            if len(groups) < ask or ask >= 64 * want:
                return kept
            ask *= 4

    def _items_matching(self, expr: str, tokens: set[str]) -> set[str]:
        """Which of these item tokens have a passage matching ``expr``."""
        if not tokens:
            return set()
        q = f"({expr}) AND ({' OR '.join(quote(t) for t in sorted(tokens))})"
        ids = [r[0] for t in FTS_TABLES for r in self.conn.execute(f"SELECT rowid FROM {t} WHERE {t} MATCH ?", (q,))]
        if not ids:
            return set()
        rows = self.conn.execute(
            f"SELECT DISTINCT item_id, meeting_id, item_position FROM search_row WHERE id IN ({','.join('?' * len(ids))})",
            ids,
        )
        return {item_token(*r) for r in rows}

    def _ranked(self, plan: MatchPlan, want: int, filters: dict[str, Any], today_ord: int) -> list[Group]:
        """One statement: per tier the newest matching passages (and item rows), each passage at its best
        tier, scored, grouped per item; the best ``want`` groups. Python only sees those."""
        params: dict[str, Any] = {"today": today_ord, "want": want, "cap": CANDIDATE_CAP, "icap": ITEM_CAP}
        where = ["{t} MATCH {e}"]
        if filters["date_from"]:
            where.append("rowid >= :lo")
            params["lo"] = date_ordinal(filters["date_from"]) << SEQ_BITS
        if filters["date_to"]:
            where.append("rowid <= :hi")
            params["hi"] = (date_ordinal(filters["date_to"]) << SEQ_BITS) | SEQ_MASK
        # committee, source and item filters are tokens of column k: intersected inside FTS5
        restrict = []
        if filters["committee"]:
            restrict.append(quote(committee_token(filters["committee"])))
        if filters["sources"] is not None:
            restrict.append("(" + " OR ".join(quote(source_token(x)) for x in filters["sources"]) + ")")
        if filters["item_ids"] is not None:
            restrict.append("(" + " OR ".join(quote(item_token(i)) for i in filters["item_ids"]) + ")")
        if any(r == "()" for r in restrict):
            return []

        def restricted(expr: str) -> str:
            return f"({expr}) AND " + " AND ".join(restrict) if restrict else expr

        def cte(name: str, param: str, table: str, cap: str) -> str:
            cond = " AND ".join(where).replace("{e}", ":" + param).replace("{t}", table)
            return f"{name} AS MATERIALIZED (SELECT rowid AS id FROM {table} WHERE {cond} ORDER BY rowid DESC LIMIT :{cap})"

        ctes, parts, seen = [], [], {}
        for tier, weight in TIERS:
            expr = tier_expression(plan, tier)
            if expr is None or expr in seen:
                continue
            seen[expr] = tier
            params[tier] = restricted(expr)
            ctes += [cte("t_" + tier, tier, "search_fts", "cap"), cte("i_" + tier, tier, "search_item_fts", "icap")]
            parts += [f"SELECT id, {weight} AS t FROM t_{tier}", f"SELECT id, {weight} FROM i_{tier}"]
        ctes.append(f"c AS MATERIALIZED (SELECT id, MAX(t) AS t FROM ({' UNION ALL '.join(parts)}) GROUP BY id)")
        boost = "1.0"
        phrase = phrase_expression(plan)
        if phrase:
            params["p"] = restricted(phrase)
            # bounded by the oldest candidate of each table, so the phrase query stops early too
            lows = {
                pre: " UNION ALL ".join(f"SELECT MIN(id) AS id FROM {pre}_{t}" for t in seen.values())
                for pre in ("t", "i")
            }
            ctes += [
                f"p AS MATERIALIZED (SELECT rowid AS id FROM search_fts WHERE search_fts MATCH :p AND rowid >= (SELECT MIN(id) FROM ({lows['t']})) "
                f"UNION ALL SELECT rowid FROM search_item_fts WHERE search_item_fts MATCH :p AND rowid >= (SELECT MIN(id) FROM ({lows['i']})))"
            ]
            boost = f"(CASE WHEN c.id IN (SELECT id FROM p) THEN {PHRASE_BOOST} ELSE 1.0 END)"
        item_key = (
            "CASE WHEN m.item_id IS NOT NULL THEN 'i' || m.item_id "
            "ELSE 'm' || m.meeting_id || ':' || ifnull(m.item_position, '') || ':' || ifnull(m.item_ordinal, '') END"
        )
        kinds = " ".join(f"WHEN '{k}' THEN {w}" for k, w in KIND_WEIGHTS.items())
        # group on a narrow projection; only the winners are joined back for their columns
        bonus = f"(1.0 + {GROUP_BONUS} * (COUNT(*) - 1.0) / (COUNT(*) + 4.0))"
        sql = f"""WITH {", ".join(ctes)},
            s AS (SELECT c.id, c.t, {item_key} AS ik, CASE m.kind WHEN 'note' THEN 1 WHEN 'secret' THEN 2 ELSE 0 END AS gk,
                         c.t * m.norm * (CASE m.kind {kinds} ELSE 1.0 END) * (CASE WHEN m.ocr THEN {OCR_FACTOR} ELSE 1.0 END)
                            * {boost} / (1.0 + (:today - (m.id >> {SEQ_BITS})) / {365.25 * RECENCY_HALF_LIFE_YEARS}) AS sc
                  FROM c CROSS JOIN search_row m ON m.id = c.id),
            g AS (SELECT MAX(sc) AS best, COUNT(*) AS n, group_concat(id) AS ids, id, t, MAX(sc) * {bonus} AS score
                  FROM s GROUP BY ik, gk ORDER BY score DESC, id DESC LIMIT :want)
            SELECT g.best, g.n, g.ids, {", ".join("m." + c for c in _ROW_COLS)}, g.t, g.score
            FROM g CROSS JOIN search_row m ON m.id = g.id ORDER BY g.score DESC, g.id DESC"""
        out = []
        for row in self.conn.execute(sql, params):
            best, n, ids = row[0], row[1], row[2]
            c = Candidate(
                row[3],
                best,
                row[4],
                row[5],
                row[6],
                row[7],
                row[8],
                row[9],
                row[10],
                row[11],
                row[12],
                row[13],
                row[14],
                row[15],
                row[16],
                row[17],
                bool(row[18]),
                tier=row[19],
            )
            others = [int(i) for i in str(ids).split(",") if int(i) != c.rowid]
            out.append(Group(c.group_key, c, n, others, row[20]))
        return out
