"""The FTS5 index core, parameterised on a connection: the public store and the vault each hold one.

:class:`FtsIndex` creates, checks, fills and queries the index tables over one connection. Its parts:
:mod:`.fts_schema` (the tables, row ids and filter tokens), :mod:`.fts_plan` (the analysed query and its FTS5
expressions), :mod:`.fts_vocab` (vocabulary lookups that widen a query) and :mod:`.fts_rank` (the tiers,
the scoring and the grouping of hits per item).
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager as ContextManager
from typing import Any

from .. import log
from . import analysis
from .analysis import K_MARK, analyse, normalise_text
from .fts_plan import MatchPlan, plan_query
from .fts_rank import KIND_WEIGHTS, Group, Ranking
from .fts_schema import (
    DDL,
    FTS_TABLES,
    INDEX_VERSION,
    SEQ_BITS,
    SEQ_MASK,
    TABLES,
    IndexRow,
    date_ordinal,
    k_column,
    length_factor,
    quote,
)
from .fts_vocab import Vocabulary
from .query import ParsedQuery

_log = log.get("search")

QUICK_CHECK_ROWS = 5000  # rows counted by the quick integrity check


def _fts_of(kind: str) -> str:
    return "search_item_fts" if kind == "item" else "search_fts"


class FtsIndex(Vocabulary, Ranking):
    """Index tables and queries over one SQLite connection (public store or vault)."""

    def __init__(self, conn: sqlite3.Connection, transaction: Callable[[], ContextManager[object]]):
        self.conn = conn
        self._transaction = transaction

    # ------------------------------------------------------------------------------------ schema
    def tables_exist(self) -> bool:
        names = ",".join(f"'{t}'" for t in TABLES)
        return bool(
            self.conn.execute(f"SELECT COUNT(*) FROM sqlite_master WHERE name IN ({names})").fetchone()[0]
            == len(TABLES)
        )

    def version(self) -> str | None:
        try:
            row = self.conn.execute("SELECT value FROM search_meta WHERE key='version'").fetchone()
        except Exception:  # sqlite3 / sqlcipher3: no such table
            return None
        return row[0] if row else None

    def create(self) -> None:
        with self._transaction():
            for stmt in DDL:
                self.conn.execute(stmt)
            self.conn.execute("INSERT OR REPLACE INTO search_meta(key, value) VALUES ('version', ?)", (INDEX_VERSION,))

    def drop(self) -> None:
        with self._transaction():
            self.conn.execute("DROP TRIGGER IF EXISTS search_term_ai")
            for t in TABLES:
                self.conn.execute(f"DROP TABLE IF EXISTS {t}")

    def needs_rebuild(self) -> bool:
        return not self.tables_exist() or self.version() != INDEX_VERSION

    def integrity_check(self, *, full: bool = True) -> bool:
        """Row counts that must agree (rows, texts, FTS5 documents) and, with ``full``, FTS5's own check
        of the index structure (about 9 µs per row). Without ``full`` only the newest rows are counted
        (where imports and notes write), so the check stays cheap on a large archive."""
        if not self.tables_exist():
            return False
        try:
            lo = 0
            if not full:
                row = self.conn.execute(
                    "SELECT id FROM search_row ORDER BY id DESC LIMIT 1 OFFSET ?", (QUICK_CHECK_ROWS,)
                ).fetchone()
                lo = row[0] if row else 0
            for t in (*FTS_TABLES, "search_term_tri") if full else ():
                self.conn.execute(f"INSERT INTO {t}({t}) VALUES ('integrity-check')")
            rows = self.conn.execute("SELECT COUNT(*) FROM search_row WHERE id >= ?", (lo,)).fetchone()[0]
            texts = self.conn.execute("SELECT COUNT(*) FROM search_text WHERE id >= ?", (lo,)).fetchone()[0]
            kinds = " OR ".join(quote(K_MARK + k) for k in KIND_WEIGHTS)
            docs = sum(
                self.conn.execute(f"SELECT COUNT(*) FROM {t} WHERE {t} MATCH ? AND rowid >= ?", (kinds, lo)).fetchone()[
                    0
                ]
                for t in FTS_TABLES
            )
        except Exception as exc:  # sqlite3 / sqlcipher3 errors alike
            _log.warning("search index integrity check failed: %s", type(exc).__name__)
            return False
        if not rows == texts == docs:
            _log.warning("search index integrity check: %d rows, %d texts, %d indexed", rows, texts, docs)
            return False
        return True

    def row_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM search_row").fetchone()[0] if self.tables_exist() else 0

    # ------------------------------------------------------------------------------------ writing
    def add(self, rows: Iterable[IndexRow]) -> int:
        """Index passages (inside the caller's transaction). Returns the number of rows added."""
        n = 0
        next_seq: dict[int, int] = {}
        vocab_w: set[str] = set()
        vocab_s: Counter[str] = Counter()
        vocab_f: set[str] = set()
        with self._transaction():
            for row in rows:
                text = normalise_text(row.text)
                raw = (normalise_text(row.raw) or text) if row.ocr else None
                cols = analyse(text, raw)
                if not cols.w and not cols.f:
                    continue
                day = date_ordinal(row.date)
                seq = next_seq.get(day)
                if seq is None:
                    seq = self._next_seq(day)
                rowid = (day << SEQ_BITS) | seq
                next_seq[day] = seq + 1
                self.conn.execute(
                    "INSERT INTO search_row(id, kind, source, ref, meeting_id, committee, date, item_id, item_ordinal, item_position,"
                    " document_id, section_id, entry_id, annotation_id, page, ocr, norm) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        rowid,
                        row.kind,
                        row.source,
                        row.ref,
                        row.meeting_id,
                        row.committee,
                        row.date,
                        row.item_id,
                        row.item_ordinal,
                        row.item_position,
                        row.document_id,
                        row.section_id,
                        row.entry_id,
                        row.annotation_id,
                        row.page,
                        int(row.ocr),
                        length_factor(cols.words),
                    ),
                )
                self.conn.execute("INSERT INTO search_text(id, text, raw) VALUES (?,?,?)", (rowid, text, raw))
                k = k_column(
                    row.kind, row.source, row.committee, row.item_id, row.meeting_id, row.item_position, text, raw
                )
                self.conn.execute(
                    f"INSERT INTO {_fts_of(row.kind)}(rowid, w, s, f, k) VALUES (?,?,?,?,?)",
                    (rowid, *cols.as_tuple(), k),
                )
                w, s, f = analysis.vocabulary(cols)
                vocab_w |= w
                vocab_s.update(s)
                vocab_f |= f
                n += 1
            if vocab_w or vocab_f:
                self.conn.executemany(
                    "INSERT OR IGNORE INTO search_term(col, term, fold) VALUES (?, ?, ?)",
                    [("w", t, analysis.fold_key(t)) for t in sorted(vocab_w)]
                    + [("f", t, None) for t in sorted(vocab_f)],
                )
            if vocab_s:
                self.conn.executemany(
                    "INSERT INTO search_term(col, term, rev, n) VALUES ('s', ?, ?, ?) ON CONFLICT(col, term) DO UPDATE SET n = n + excluded.n",
                    [(t, t[::-1], k) for t, k in sorted(vocab_s.items())],
                )
        return n

    def _next_seq(self, day: int) -> int:
        lo = day << SEQ_BITS
        top: int | None = self.conn.execute(
            "SELECT MAX(id) FROM search_row WHERE id BETWEEN ? AND ?", (lo, lo | SEQ_MASK)
        ).fetchone()[0]
        if top is None:
            return 0
        if (top & SEQ_MASK) < SEQ_MASK:
            return (top & SEQ_MASK) + 1
        # the day's sequence ran out (millions of re-indexings): reuse the first gap
        free: int | None = self.conn.execute(
            "SELECT MIN(a.id + 1) FROM search_row a WHERE a.id BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM search_row b WHERE b.id = a.id + 1)",
            (lo, (lo | SEQ_MASK) - 1),
        ).fetchone()[0]
        if free is None:
            raise RuntimeError("search index: no free row id for this date")
        return free & SEQ_MASK

    def delete_where(self, where: str, params: Sequence[Any] = ()) -> int:
        """Remove the rows selected by ``where`` (SQL over ``search_row``) from the index."""
        with self._transaction():
            found = self.conn.execute(
                f"""SELECT r.id, r.kind, r.source, r.committee, r.item_id, r.meeting_id, r.item_position, t.text, t.raw, r.ocr
                    FROM search_row r JOIN search_text t ON t.id = r.id WHERE {where}""",
                tuple(params),
            ).fetchall()
            for rowid, kind, source, committee, item_id, meeting_id, position, text, raw, ocr in found:
                cols = analyse(text, raw if ocr else None)
                k = k_column(kind, source, committee, item_id, meeting_id, position, text, raw if ocr else None)
                t = _fts_of(kind)
                self.conn.execute(
                    f"INSERT INTO {t}({t}, rowid, w, s, f, k) VALUES ('delete', ?, ?, ?, ?, ?)",
                    (rowid, *cols.as_tuple(), k),
                )
            if found:
                self.conn.executemany("DELETE FROM search_row WHERE id=?", [(r[0],) for r in found])
                self.conn.executemany("DELETE FROM search_text WHERE id=?", [(r[0],) for r in found])
        return len(found)

    def optimize(self) -> None:
        with self._transaction():
            for t in FTS_TABLES:
                self.conn.execute(f"INSERT INTO {t}({t}) VALUES ('optimize')")

    def row_texts(self, rowids: Iterable[int]) -> dict[int, tuple[str, str | None, bool]]:
        ids = sorted(set(rowids))
        if not ids:
            return {}
        rows = self.conn.execute(
            f"SELECT r.id, t.text, t.raw, r.ocr FROM search_row r JOIN search_text t ON t.id = r.id WHERE r.id IN ({','.join('?' * len(ids))})",
            ids,
        )
        return {r[0]: (r[1], r[2], bool(r[3])) for r in rows}

    def locations(self, rowids: Iterable[int]) -> dict[int, tuple[Any, ...]]:
        """rowid -> (source, document_id, section_id, page, annotation id or ref)."""
        ids = sorted(set(rowids))
        if not ids:
            return {}
        rows = self.conn.execute(
            f"SELECT id, source, document_id, section_id, page, COALESCE(annotation_id, ref) FROM search_row WHERE id IN ({','.join('?' * len(ids))})",
            ids,
        )
        return {r[0]: r[1:] for r in rows}

    # ------------------------------------------------------------------------------------ querying
    def search(
        self,
        pq: ParsedQuery,
        *,
        want: int = 20,
        date_from: str | None = None,
        date_to: str | None = None,
        committee: str | None = None,
        sources: Iterable[str] | None = None,
        item_ids: Iterable[int] | None = None,
        dnr: Sequence[str] = (),
        today: _dt.date | None = None,
    ) -> tuple[list[Group], MatchPlan]:
        """The best ``want`` groups (one per item and kind) for a parsed query, best first. ``dnr``: Dnr
        tokens (:func:`~.fts_schema.dnr_tokens`) to find when the query has no words."""
        plan = plan_query(pq)
        plan.dnr = list(dnr)
        if not (plan.clauses or plan.dnr) or not self.tables_exist():
            return [], plan
        self.prepare(plan)
        filters = {
            "date_from": date_from,
            "date_to": date_to,
            "committee": committee,
            "sources": sorted(set(sources)) if sources is not None else None,
            "item_ids": sorted(set(item_ids)) if item_ids is not None else None,
        }
        today_ord = (today or _dt.date.today()).toordinal()
        self.expand(plan, partial=False)
        groups = self._ranked_excluding(plan, want, filters, today_ord)
        if len(groups) < want and self.expand(plan, partial=True):
            groups = self._ranked_excluding(plan, want, filters, today_ord)
        return groups, plan
