"""The FTS5 index core, parameterised on a connection: the public store and the vault each hold one.

Tables (all derived; dropped and rebuilt when :data:`INDEX_VERSION` changes):

``search_row``   one row per indexed passage (an item's title/proposal, a passage of a section of a current
                 document, a list entry, a note, a secret part) with what a hit needs: meeting, item,
                 document, section, page, OCR flag and a length factor.
``search_text``  the analysed input text of each row, so that a row can always be deleted from the
                 contentless FTS table with exactly the tokens it was indexed with (and for snippets).
``search_fts``   contentless FTS5 (``unicode61 remove_diacritics 0``, ``columnsize=0``) over the analysed
                 columns w, s, f (see :mod:`.analysis`) and k: filter tokens (kind, source, committee, item)
                 and one token per Dnr printed in the text, in whatever form, so that filters and Dnr
                 lookups are FTS5 token intersections, never a join. The rowid
                 is ``(date ordinal << 22) | sequence``, so rowid order is meeting-date order: date filters
                 are rowid ranges, and every query reads matches newest first and stops early.
``search_item_fts`` the same for the item rows (titles and proposals), kept apart so that "the newest
                 matching items" is a read of a small index, reaching back over the whole archive.
``search_term``  the vocabulary: surface words (partial words, words typed without å/ä/ö), stems
                 (compounds, by prefix and by reversed suffix) and OCR keys (fuzzy spellings), with an FTS5
                 *trigram* index (``search_term_tri``) for substring and near-spelling lookups.
``search_meta``  the index version.

Ranking. FTS5's ``bm25()`` was measured and is not used: its IDF pass walks the full doclist of every
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
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager as ContextManager
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein

from .. import log
from ..domain.casenumber import find_case_numbers
from . import analysis
from .analysis import (
    F_MARK,
    K_MARK,
    S_MARK,
    WordForms,
    analyse,
    analyse_word,
    fold,
    has_swedish_letters,
    normalise_text,
)
from .query import ParsedQuery, Term

_log = log.get("search")

SCHEMA_VERSION = 6
INDEX_VERSION = f"{SCHEMA_VERSION}.{analysis.ANALYSER_VERSION}"
SEQ_BITS = 22
SEQ_MASK = (1 << SEQ_BITS) - 1

# ranking
CANDIDATE_CAP = 400  # newest matching passages per tier
ITEM_CAP = 200  # newest matching item rows (titles, proposals) per tier: they reach further back
TIERS = (("exact", 1.0), ("stem", 0.75), ("all", 0.5), ("expanded", 0.3))
OCR_FACTOR = 0.5  # OCR text ranks below clean text
PHRASE_BOOST = 1.5  # all words of an unquoted multi-word query adjacent, in order
RECENCY_HALF_LIFE_YEARS = 6.0  # a meeting this old weighs half as much as one held today
KIND_WEIGHTS = {"item": 1.3, "section": 1.0, "entry": 1.0, "note": 1.2, "secret": 1.0}
GROUP_BONUS = 0.3  # an item matching in many passages gains up to 30 %
TYPICAL_WORDS = 120  # passage length that gets length factor 1
MAX_EXPANSIONS = 12
QUICK_CHECK_ROWS = 5000  # rows counted by the quick integrity check
MAX_PREFIX_WORDS = 30  # a typed prefix with up to this many indexed words is searched as those words
MAX_COMPOUNDS = 10  # compound stems searched per query word and direction (the most common)

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

DDL = (
    "CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT)",
    """CREATE TABLE IF NOT EXISTS search_row (
        id INTEGER PRIMARY KEY,       -- (date ordinal << 22) | seq = rowid in search_fts
        kind TEXT NOT NULL,           -- item | section | entry | note | secret
        source TEXT NOT NULL,         -- item | attachment | note
        ref TEXT,                     -- uid of a secret part or of a note on one (vault)
        meeting_id TEXT NOT NULL,
        committee TEXT,
        date TEXT NOT NULL,
        item_id INTEGER, item_ordinal INTEGER, item_position INTEGER,
        document_id INTEGER, section_id INTEGER, entry_id INTEGER, annotation_id INTEGER,
        page INTEGER,
        ocr INTEGER NOT NULL DEFAULT 0,
        norm REAL NOT NULL DEFAULT 1  -- length factor
    )""",
    """CREATE TABLE IF NOT EXISTS search_text (
        id INTEGER PRIMARY KEY,       -- = search_row.id (apart, so that ranking reads small records)
        text TEXT NOT NULL,           -- analysed text (OCR: the repaired text)
        raw TEXT                      -- OCR only: the unrepaired text (folded into column f)
    )""",
    "CREATE INDEX IF NOT EXISTS search_row_item ON search_row(item_id)",
    "CREATE INDEX IF NOT EXISTS search_row_annotation ON search_row(annotation_id) WHERE annotation_id IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS search_row_ref ON search_row(ref) WHERE ref IS NOT NULL",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(w, s, f, k, content='', columnsize=0, "
    "tokenize='unicode61 remove_diacritics 0')",
    # item rows (titles, proposals) apart: "the newest matching items" then reads a small index
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_item_fts USING fts5(w, s, f, k, content='', columnsize=0, "
    "tokenize='unicode61 remove_diacritics 0')",
    """CREATE TABLE IF NOT EXISTS search_term (
        id INTEGER PRIMARY KEY,
        col TEXT NOT NULL,            -- 'w' surface word | 's' stem | 'f' OCR key
        term TEXT NOT NULL,
        fold TEXT,                    -- w: stem of the folded word (words typed without å/ä/ö find it)
        rev TEXT,                     -- s: the stem reversed (a query stem that ends a compound)
        n INTEGER NOT NULL DEFAULT 0, -- rows it was indexed in (grows only; to prefer common compounds)
        UNIQUE (col, term)
    )""",
    "CREATE INDEX IF NOT EXISTS search_term_fold ON search_term(col, fold) WHERE fold IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS search_term_rev ON search_term(col, rev) WHERE rev IS NOT NULL",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_term_tri USING fts5(term, content='search_term', content_rowid='id', tokenize='trigram')",
    """CREATE TRIGGER IF NOT EXISTS search_term_ai AFTER INSERT ON search_term WHEN new.col <> 's' BEGIN
        INSERT INTO search_term_tri(rowid, term) VALUES (new.id, new.term);
    END""",
)
TABLES = ("search_term_tri", "search_term", "search_item_fts", "search_fts", "search_text", "search_row", "search_meta")
FTS_TABLES = ("search_fts", "search_item_fts")


@dataclass
class IndexRow:
    """A passage to index."""

    kind: str
    source: str
    meeting_id: str
    date: str
    text: str
    committee: str | None = None
    raw: str | None = None  # OCR rows: the unrepaired text
    ocr: bool = False
    item_id: int | None = None
    item_ordinal: int | None = None
    item_position: int | None = None
    document_id: int | None = None
    section_id: int | None = None
    entry_id: int | None = None
    annotation_id: int | None = None
    page: int | None = None
    ref: str | None = None


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


@dataclass
class MatchPlan:
    """The analysed query: what FTS5 is asked and what the highlighter marks."""

    clauses: list[list[tuple[Term, list[WordForms]]]]
    excluded: list[tuple[Term, list[WordForms]]]
    compounds: dict[str, list[str]] = field(default_factory=dict)  # query stem -> longer stems that end/start with it
    alt_norms: dict[str, list[str]] = field(default_factory=dict)  # query norm -> expansion words
    alt_fkeys: dict[str, list[str]] = field(default_factory=dict)  # query OCR key -> expansion OCR keys
    dnr: list[str] = field(default_factory=list)  # Dnr tokens: a query that is only a case number
    sequence: list[WordForms] = field(default_factory=list)  # the words as typed, function words included
    prefixes: dict[str, list[str]] = field(default_factory=dict)  # typed prefix -> the indexed words it starts


def length_factor(words: int) -> float:
    """BM25-style length normalisation (b = 0.75): 1 for a passage of TYPICAL_WORDS words, more for a
    title row, less for a long one."""
    return 1.0 / math.sqrt(0.25 + 0.75 * words / TYPICAL_WORDS)


def date_ordinal(date: str | None) -> int:
    try:
        return _dt.date.fromisoformat((date or "")[:10]).toordinal()
    except ValueError:
        return _dt.date(1970, 1, 1).toordinal()


def recency(date: str, today: _dt.date | None = None) -> float:
    """Weight of a meeting's age: 1 for today, 1/2 at RECENCY_HALF_LIFE_YEARS, 1/3 at twice that.
    (Hyperbolic, so the SQL needs no math functions: SQLCipher's SQLite has none.)"""
    age = max(0, (today or _dt.date.today()).toordinal() - date_ordinal(date))
    return 1.0 / (1.0 + age / (365.25 * RECENCY_HALF_LIFE_YEARS))


def _q(token: str) -> str:
    # analysed tokens are letters/digits (and a marker); quoting makes FTS5 keywords (AND, OR, NEAR) plain
    return '"' + token.replace('"', "") + '"'


def _fts_of(kind: str) -> str:
    return "search_item_fts" if kind == "item" else "search_fts"


_NON_ALNUM = re.compile(r"[^0-9A-Za-zÅÄÖåäö]")


def committee_token(committee: str) -> str:
    return K_MARK + "c" + _NON_ALNUM.sub("", committee).lower()


def source_token(source: str) -> str:
    return K_MARK + "s" + source


def item_token(item_id: int | None, meeting_id: str | None = None, position: int | None = None) -> str:
    """The token of the agenda item a row belongs to (a vault row knows its meeting and position only)."""
    if item_id is not None:
        return f"{K_MARK}i{int(item_id)}"
    return f"{K_MARK}m{_NON_ALNUM.sub('', meeting_id or '').lower()}p{position if position is not None else 'x'}"


def dnr_token(series: str | None, year: int, number: int) -> str:
    """The filter token of a Dnr. Every Dnr in the text is indexed with its series and without it, so a
    typed number without a series (``2018:254``) finds it in any series, and ``2024-00517`` finds
    ``KS-2024-00517``."""
    ser = _NON_ALNUM.sub("", (series or "")).lower()
    return f"{K_MARK}d{ser}{year}n{number}"


def dnr_tokens(series: str | None, year: int, number: int) -> list[str]:
    """Tokens of a typed Dnr; without a series, the series-free token (every Dnr is indexed with one)."""
    return [dnr_token(series, year, number)]


def k_column(
    kind: str,
    source: str,
    committee: str | None,
    item_id: int | None,
    meeting_id: str | None,
    position: int | None,
    text: str,
    raw: str | None,
) -> str:
    """The filter tokens of a row (deterministic from what search_row and search_text keep)."""
    toks = [K_MARK + kind, source_token(source), item_token(item_id, meeting_id, position)]
    if committee:
        toks.append(committee_token(committee))
    for t in (text, raw):
        if t:
            for c in find_case_numbers(t):
                toks.append(dnr_token(c.series, c.year, c.number))
                if c.series:
                    toks.append(dnr_token(None, c.year, c.number))
    return " ".join(dict.fromkeys(toks))


def plan_query(pq: ParsedQuery) -> MatchPlan:
    def forms(t: Term) -> list[WordForms]:
        return [analyse_word(w) for w in t.words]

    return MatchPlan(
        clauses=[[(t, forms(t)) for t in cl.terms] for cl in pq.clauses],
        excluded=[(t, forms(t)) for t in pq.excluded],
        sequence=[analyse_word(w) for w in pq.sequence],
    )


# ------------------------------------------------------------------------------------------ expressions
def _term_expr(term: Term, wf: list[WordForms], plan: MatchPlan | None, tier: str) -> str:
    """FTS5 expression for one term at one tier (an OR of tokens and phrases). The OCR keys (f) join at
    the stem tier: OCR rows carry their own down-weighting, and a query without compounds then needs no
    separate "all" pass."""
    stem_ok = tier != "exact"
    parts: list[str] = []
    if term.is_phrase:
        star = " *" if term.prefix else ""
        parts.append(_q(" ".join(f.norm for f in wf)) + star)
        if stem_ok:
            if not term.quoted:
                parts.append(_q(" ".join(S_MARK + f.stem for f in wf)) + star)
            parts.append(_q(" ".join(F_MARK + f.fkey for f in wf)) + star)
        return "(" + " OR ".join(parts) + ")"
    f = wf[0]
    if term.prefix:
        words = plan.prefixes.get(f.norm) if plan is not None else None
        # the indexed words that start with the prefix, when they are few; else an FTS5 prefix query
        # (which merges every matching term's doclist before the first row)
        parts += [_q(w) for w in words] if words is not None else [_q(f.norm) + " *"]
        if stem_ok:
            parts.append(_q(F_MARK + fold(f.norm)) + " *")
        return "(" + " OR ".join(parts) + ")"
    parts.append(_q(f.norm))
    if stem_ok:
        if not term.quoted:
            parts.append(_q(S_MARK + f.stem))
        parts.append(_q(F_MARK + f.fkey))
    if tier in ("all", "expanded") and not term.quoted and plan is not None:
        parts += [_q(S_MARK + c) for c in plan.compounds.get(f.stem, ())]
    if tier == "expanded" and plan is not None and not term.quoted:
        for alt in plan.alt_norms.get(f.norm, ()):
            a = analyse_word(alt)
            parts += [_q(a.norm), _q(S_MARK + a.stem)]
        parts += [_q(F_MARK + k) for k in plan.alt_fkeys.get(f.fkey, ())]
    return "(" + " OR ".join(dict.fromkeys(parts)) + ")"


def tier_expression(plan: MatchPlan, tier: str) -> str | None:
    """The whole query at one tier: clauses ANDed, alternatives ORed. Exclusions are not part of it:
    they drop whole items afterwards (:meth:`FtsIndex._ranked_excluding`), which FTS5's row-level NOT
    could not do and which costs less than NOT over a common word."""
    if not plan.clauses and plan.dnr:
        return "(" + " OR ".join(_q(t) for t in plan.dnr) + ")"
    pos = []
    for clause in plan.clauses:
        alts = [_term_expr(t, wf, plan, tier) for t, wf in clause if wf]
        if alts:
            pos.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
    return " AND ".join(pos) if pos else None


def negative_expression(plan: MatchPlan) -> str | None:
    neg = [_term_expr(t, wf, plan, "stem") for t, wf in plan.excluded if wf]
    return " OR ".join(neg) if neg else None


def match_expression(plan: MatchPlan, *, expanded: bool = False) -> str | None:
    """The broadest expression (what any hit matches)."""
    return tier_expression(plan, "expanded" if expanded else "all")


def phrase_expression(plan: MatchPlan) -> str | None:
    """The unquoted multi-word query as one phrase of stems, function words included (for the adjacency
    boost: "våld i nära relation" boosts passages that say "våld i nära relationer")."""
    words = plan.sequence
    if len(words) < 2:
        return None
    return _q(" ".join(S_MARK + f.stem for f in words)) + " OR " + _q(" ".join(F_MARK + f.fkey for f in words))


# ------------------------------------------------------------------------------------------ the index
class FtsIndex:
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
            kinds = " OR ".join(_q(K_MARK + k) for k in KIND_WEIGHTS)
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

    # ------------------------------------------------------------------------------------ vocabulary
    def compounds(self, wf: WordForms) -> list[str]:
        """Indexed stems that the query stem ends (>= 5 letters) or starts (>= 6 letters): "placering" ->
        "familjehemsplacering", "årsplacering"; "boendestöd" -> "boendestödteam" (SEEDS.md §6)."""
        out: list[str] = []
        stem = wf.stem
        if wf.compound_suffix:
            rev = stem[::-1]
            out += [
                r[0]
                for r in self.conn.execute(
                    "SELECT term FROM search_term WHERE col='s' AND rev > ? AND rev < ? ORDER BY n DESC LIMIT ?",
                    (rev, rev + "\U0010ffff", MAX_COMPOUNDS),
                )
            ]
        if wf.compound_prefix:
            out += [
                r[0]
                for r in self.conn.execute(
                    "SELECT term FROM search_term WHERE col='s' AND term > ? AND term < ? ORDER BY n DESC LIMIT ?",
                    (stem, stem + "\U0010ffff", MAX_COMPOUNDS),
                )
            ]
        return [t for t in dict.fromkeys(out) if t != stem]

    def fold_variants(self, wf: WordForms) -> list[str]:
        """Indexed words with å/ä/ö that fold to the query word's stem (the user typed "forsorjningsstod"
        and the text says "försörjningsstödet")."""
        rows = self.conn.execute(
            "SELECT term FROM search_term WHERE col='w' AND fold=? AND term<>? LIMIT ?",
            (wf.fkey, wf.norm, 4 * MAX_EXPANSIONS),
        ).fetchall()
        return [r[0] for r in rows if has_swedish_letters(r[0])][:MAX_EXPANSIONS]

    def partial_words(self, wf: WordForms) -> list[str]:
        """Indexed words that contain the query word (partial words inside compounds)."""
        if len(wf.norm) < 4 or wf.norm.isdigit():
            return []
        rows = self.conn.execute(
            """SELECT t.term FROM search_term_tri x CROSS JOIN search_term t ON t.id = x.rowid
               WHERE search_term_tri MATCH ? AND t.col='w' AND t.term<>? ORDER BY length(t.term) LIMIT ?""",
            (_q(wf.norm), wf.norm, MAX_EXPANSIONS),
        ).fetchall()
        return [r[0] for r in rows if not r[0].startswith(wf.stem)]  # inflections are matched already

    def fuzzy_ocr_keys(self, wf: WordForms) -> list[str]:
        """OCR keys within edit distance 1 (2 from 9 letters) of the query word's key."""
        key = wf.fkey
        if len(key) < 5 or key.isdigit():
            return []
        k = 2 if len(key) >= 9 else 1
        # pigeonhole: with k edits, one of k+1 pieces of the key is intact in the candidate
        size = len(key) // (k + 1)
        pieces = [key[i * size : (i + 1) * size if i < k else len(key)] for i in range(k + 1)]
        pieces = [p for p in pieces if len(p) >= 3]
        if not pieces:
            return []
        rows = self.conn.execute(
            """SELECT t.term FROM search_term_tri x CROSS JOIN search_term t ON t.id = x.rowid
               WHERE search_term_tri MATCH ? AND t.col='f' AND length(t.term) BETWEEN ? AND ? LIMIT 2000""",
            (" OR ".join(_q(p) for p in pieces), len(key) - k, len(key) + k),
        ).fetchall()
        scored = sorted(
            (d, t) for (t,) in rows if t != key and (d := Levenshtein.distance(key, t, score_cutoff=k)) <= k
        )
        return [t for _, t in scored[:MAX_EXPANSIONS]]

    def prefix_words(self, prefix: str) -> list[str] | None:
        """The indexed words that start with ``prefix``; None when there are more than MAX_PREFIX_WORDS."""
        rows = self.conn.execute(
            "SELECT term FROM search_term WHERE col='w' AND term >= ? AND term < ? LIMIT ?",
            (prefix, prefix + "\U0010ffff", MAX_PREFIX_WORDS + 1),
        ).fetchall()
        return [r[0] for r in rows] if len(rows) <= MAX_PREFIX_WORDS and len(prefix) >= 3 else None

    def prepare(self, plan: MatchPlan) -> None:
        """Look up the compounds of every plain query word and the words of every short prefix."""
        for clause in plan.clauses + [[(t, wf)] for t, wf in plan.excluded]:
            for term, wfs in clause:
                if not wfs or term.is_phrase:
                    continue
                if term.prefix:
                    words = self.prefix_words(wfs[0].norm)
                    if words is not None:
                        plan.prefixes[wfs[0].norm] = words
                elif not term.quoted and wfs[0].stem not in plan.compounds:
                    plan.compounds[wfs[0].stem] = self.compounds(wfs[0])

    def expand(self, plan: MatchPlan, *, partial: bool) -> bool:
        """Fill the plan's expansions: å/ä/ö spellings of words typed without them (always); partial words
        and near OCR spellings when ``partial``. Returns whether anything was added."""
        added = False
        for clause in plan.clauses:
            for term, wfs in clause:
                if term.is_phrase or term.quoted or term.prefix or not wfs:
                    continue
                wf = wfs[0]
                alts = list(plan.alt_norms.get(wf.norm, ()))
                before = len(alts)
                if not has_swedish_letters(wf.norm) and not before:
                    alts += self.fold_variants(wf)
                if partial:
                    alts += self.partial_words(wf)
                    fk = self.fuzzy_ocr_keys(wf)
                    if fk:
                        plan.alt_fkeys[wf.fkey] = fk
                        added = True
                if len(alts) > before:
                    plan.alt_norms[wf.norm] = list(dict.fromkeys(alts))[: 2 * MAX_EXPANSIONS]
                    added = True
        return added

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
        tokens (:func:`dnr_tokens`) to find when the query has no words."""
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
        q = f"({expr}) AND ({' OR '.join(_q(t) for t in sorted(tokens))})"
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
            restrict.append(_q(committee_token(filters["committee"])))
        if filters["sources"] is not None:
            restrict.append("(" + " OR ".join(_q(source_token(x)) for x in filters["sources"]) + ")")
        if filters["item_ids"] is not None:
            restrict.append("(" + " OR ".join(_q(item_token(i)) for i in filters["item_ids"]) + ")")
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
