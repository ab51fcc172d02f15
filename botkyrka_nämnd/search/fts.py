"""The FTS5 index core, parameterised on a connection: the public store and the vault each hold one.

Tables (all derived; dropped and rebuilt when :data:`INDEX_VERSION` changes):

``search_row``   one row per indexed passage (an item's title/proposal, one section of a current document,
                 a list entry, a note, a secret part) with what a hit needs: meeting, item, document,
                 section, page, OCR flag, and the analysed input text (so a row can always be deleted from
                 the contentless FTS table with exactly the tokens it was indexed with).
``search_fts``   contentless FTS5 (``unicode61 remove_diacritics 0``, ``columnsize=0``) over the analysed
                 columns w, s, r, f (see :mod:`.analysis`) and k (one sentinel token per row, for counting).
                 bm25 then has no document length, so a length factor computed at indexing time
                 (``search_row.norm``) takes its place. The rowid is ``(date ordinal << 22) | sequence``, so rowid order is
                 meeting-date order: date filters are rowid ranges, and a broad query can stop after the
                 newest :data:`CANDIDATE_CAP` matching passages instead of scoring the whole archive.
``search_term``  the vocabulary (surface words, and the folded keys of OCR text) with an FTS5 *trigram*
                 index (``search_term_tri``): partial words (``skuldrådg`` -> ``skuldrådgivningen``),
                 words typed without å/ä/ö, and noisy OCR spellings (Levenshtein <= 1, <= 2 for long words)
                 are expanded to real indexed words, then searched at a lower weight.
``search_meta``  the index version.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from typing import Callable, ContextManager, Iterable, Sequence

from rapidfuzz.distance import Levenshtein

from .. import log
from . import analysis
from .analysis import WordForms, analyse, analyse_word, fold, has_swedish_letters, normalise_text
from .query import Clause, ParsedQuery, Term

_log = log.get("search")

SCHEMA_VERSION = 2
INDEX_VERSION = f"{SCHEMA_VERSION}.{analysis.ANALYSER_VERSION}"
SEQ_BITS = 22
SEQ_MASK = (1 << SEQ_BITS) - 1

# ranking
CANDIDATE_CAP = 2000           # newest matching passages scored by bm25 for a broad query
COLUMN_WEIGHTS = (4.0, 2.0, 1.0, 1.0, 0.0)  # w (exact word), s (stem), r (compound end), f (folded OCR), k
TYPICAL_WORDS = 120            # passage length that gets length factor 1 (see length_factor)
ROW_TOKEN = "row"              # every row carries it in column k: counting rows costs no docsize table
OCR_FACTOR = 0.5               # OCR text ranks below clean text
EXPANSION_FACTOR = 0.35        # rows found only through fold / partial-word / fuzzy expansion
PHRASE_BOOST = 1.5             # all words of an unquoted multi-word query adjacent, in order
RECENCY_HALF_LIFE_YEARS = 6.0
KIND_WEIGHTS = {"item": 1.3, "section": 1.0, "entry": 1.0, "note": 1.2, "secret": 1.0}
MAX_EXPANSIONS = 12
GROUP_BONUS = 0.3              # an item matching in many passages gains up to 30 %

_ROW_COLS = ("id", "kind", "source", "ref", "meeting_id", "committee", "date", "item_id", "item_ordinal", "item_position",
             "document_id", "section_id", "entry_id", "annotation_id", "page", "ocr")

DDL = (
    "CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT)",
    """CREATE TABLE IF NOT EXISTS search_row (
        id INTEGER PRIMARY KEY,       -- (date ordinal << 22) | seq = rowid in search_fts
        kind TEXT NOT NULL,           -- item | section | entry | note | secret
        source TEXT NOT NULL,         -- item | attachment | note
        ref TEXT,                     -- secret uid (vault)
        meeting_id TEXT NOT NULL,
        committee TEXT,
        date TEXT NOT NULL,
        item_id INTEGER, item_ordinal INTEGER, item_position INTEGER,
        document_id INTEGER, section_id INTEGER, entry_id INTEGER, annotation_id INTEGER,
        page INTEGER,
        ocr INTEGER NOT NULL DEFAULT 0,
        norm REAL NOT NULL DEFAULT 1, -- length factor (bm25 without docsize has no length normalisation)
        text TEXT NOT NULL,           -- analysed text (OCR: the repaired text)
        raw TEXT                      -- OCR only: the unrepaired text (folded into column f)
    )""",
    "CREATE INDEX IF NOT EXISTS search_row_item ON search_row(item_id)",
    "CREATE INDEX IF NOT EXISTS search_row_annotation ON search_row(annotation_id) WHERE annotation_id IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS search_row_ref ON search_row(ref) WHERE ref IS NOT NULL",
    # columnsize=0: no per-row size lookup while ranking (six times faster bm25); length is in search_row.norm
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(w, s, r, f, k, content='', columnsize=0, "
    "tokenize='unicode61 remove_diacritics 0')",
    """CREATE TABLE IF NOT EXISTS search_term (
        id INTEGER PRIMARY KEY,
        col TEXT NOT NULL,            -- 'w' surface word | 'f' folded OCR key
        term TEXT NOT NULL,
        fold TEXT NOT NULL,           -- stem of the folded word: words typed without å/ä/ö find it
        UNIQUE (col, term)
    )""",
    "CREATE INDEX IF NOT EXISTS search_term_fold ON search_term(col, fold)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_term_tri USING fts5(term, content='search_term', content_rowid='id', tokenize='trigram')",
    """CREATE TRIGGER IF NOT EXISTS search_term_ai AFTER INSERT ON search_term BEGIN
        INSERT INTO search_term_tri(rowid, term) VALUES (new.id, new.term);
    END""",
)
TABLES = ("search_term_tri", "search_term", "search_fts", "search_row", "search_meta")


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
    expanded: bool = False

    @property
    def item_key(self) -> tuple:
        if self.item_id is not None:
            return ("i", self.item_id)
        return ("m", self.meeting_id, self.item_position, self.item_ordinal)

    @property
    def group_key(self) -> tuple:
        kind = "note" if self.kind == "note" else ("secret" if self.kind == "secret" else "doc")
        return (*self.item_key, kind)


@dataclass
class Group:
    """The matching passages of one item (and kind: documents, notes, secret)."""

    key: tuple
    best: Candidate
    matches: int
    other_rowids: list[int]
    score: float


@dataclass
class MatchPlan:
    """The analysed query: what FTS5 is asked and what the highlighter marks."""

    clauses: list[list[tuple[Term, list[WordForms]]]]
    excluded: list[tuple[Term, list[WordForms]]]
    alt_norms: dict[str, list[str]] = field(default_factory=dict)  # query norm -> expansion words (column w)
    alt_fkeys: dict[str, list[str]] = field(default_factory=dict)  # query fkey -> expansion OCR keys (column f)


def length_factor(words: int) -> float:
    """BM25-style length normalisation (b = 0.75) outside the FTS5 function: 1 for a passage of
    TYPICAL_WORDS words, more for a title row, less for a long bilaga section."""
    return 1.0 / math.sqrt(0.25 + 0.75 * words / TYPICAL_WORDS)


def date_ordinal(date: str | None) -> int:
    try:
        return _dt.date.fromisoformat((date or "")[:10]).toordinal()
    except ValueError:
        return _dt.date(1970, 1, 1).toordinal()


def _q(token: str) -> str:
    # analysed tokens are letters/digits only; quoting makes FTS5 keywords (AND, OR, NOT, NEAR) plain
    return '"' + token.replace('"', "") + '"'


def plan_query(pq: ParsedQuery) -> MatchPlan:
    def forms(t: Term) -> list[WordForms]:
        return [analyse_word(w) for w in t.words]

    return MatchPlan(
        clauses=[[(t, forms(t)) for t in cl.terms] for cl in pq.clauses],
        excluded=[(t, forms(t)) for t in pq.excluded],
    )


def _term_expr(term: Term, wf: list[WordForms], plan: MatchPlan | None) -> str:
    """FTS5 expression for one term (OR of its forms over the columns)."""
    parts: list[str] = []
    if term.is_phrase:
        star = " *" if term.prefix else ""
        parts.append("w : " + _q(" ".join(f.norm for f in wf)) + star)
        if not term.quoted:
            parts.append("s : " + _q(" ".join(f.stem for f in wf)) + star)
        parts.append("f : " + _q(" ".join(f.fkey for f in wf)) + star)
        return "(" + " OR ".join(parts) + ")"
    f = wf[0]
    if term.prefix:
        parts += [f"w : {_q(f.norm)} *", f"f : {_q(fold(f.norm))} *"]
    elif term.quoted:
        parts += [f"w : {_q(f.norm)}", f"f : {_q(f.fkey)}"]
    else:
        parts += [f"w : {_q(f.norm)}", f"s : {_q(f.stem)}"]
        if f.compound_prefix:
            parts.append(f"s : {_q(f.stem)} *")
        if f.compound_suffix:
            parts.append(f"r : {_q(f.rev)} *")
        parts.append(f"f : {_q(f.fkey)}")
        if f.compound_prefix and len(f.fkey) >= analysis.COMPOUND_PREFIX_MIN:
            parts.append(f"f : {_q(f.fkey)} *")
    if plan is not None and not term.quoted:
        for alt in plan.alt_norms.get(f.norm, ()):
            a = analyse_word(alt)
            parts += [f"w : {_q(a.norm)}", f"s : {_q(a.stem)}"]
        for alt in plan.alt_fkeys.get(f.fkey, ()):
            parts.append(f"f : {_q(alt)}")
    return "(" + " OR ".join(dict.fromkeys(parts)) + ")"


def match_expression(plan: MatchPlan, *, expanded: bool = False) -> str | None:
    pos = []
    for clause in plan.clauses:
        alts = [_term_expr(t, wf, plan if expanded else None) for t, wf in clause if wf]
        if alts:
            pos.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
    if not pos:
        return None
    expr = " AND ".join(pos)
    neg = [_term_expr(t, wf, None) for t, wf in plan.excluded if wf]
    if neg:
        expr = f"({expr}) NOT ({' OR '.join(neg)})"
    return expr


def phrase_expression(plan: MatchPlan) -> str | None:
    """The unquoted multi-word query as one stem phrase (for the adjacency boost)."""
    words = []
    for clause in plan.clauses:
        if len(clause) != 1:
            return None
        term, wf = clause[0]
        if term.quoted or term.prefix:
            return None
        words.extend(wf)
    if len(words) < 2:
        return None
    return "s : " + _q(" ".join(f.stem for f in words)) + " OR f : " + _q(" ".join(f.fkey for f in words))


def recency(date: str, today: _dt.date | None = None) -> float:
    """Weight of a meeting's age: 1 for today, 1/2 at RECENCY_HALF_LIFE_YEARS, 1/3 at twice that.
    (Hyperbolic, so the SQL of :meth:`FtsIndex.search` needs no math functions: SQLCipher has none.)"""
    age = max(0, (today or _dt.date.today()).toordinal() - date_ordinal(date))
    return 1.0 / (1.0 + age / (365.25 * RECENCY_HALF_LIFE_YEARS))


class FtsIndex:
    """Index tables and queries over one SQLite connection (public store or vault)."""

    def __init__(self, conn, transaction: Callable[[], ContextManager]):
        self.conn = conn
        self._transaction = transaction

    # ------------------------------------------------------------------------------------ schema
    def tables_exist(self) -> bool:
        n = self.conn.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('search_meta','search_row','search_fts','search_term','search_term_tri')"
        ).fetchone()[0]
        return n == 5

    def version(self) -> str | None:
        try:
            row = self.conn.execute("SELECT value FROM search_meta WHERE key='version'").fetchone()
        except Exception:
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

    def integrity_check(self) -> bool:
        """FTS5's own check of the index structure, plus row counts that must agree."""
        if not self.tables_exist():
            return False
        try:
            self.conn.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
            self.conn.execute("INSERT INTO search_term_tri(search_term_tri) VALUES ('integrity-check')")
            rows = self.conn.execute("SELECT COUNT(*) FROM search_row").fetchone()[0]
            docs = self.conn.execute("SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ?", (f"k : {ROW_TOKEN}",)).fetchone()[0]
        except Exception as exc:  # sqlite3 / sqlcipher3 errors alike
            _log.warning("search index integrity check failed: %s", type(exc).__name__)
            return False
        if rows != docs:
            _log.warning("search index integrity check: %d rows, %d indexed", rows, docs)
            return False
        return True

    def row_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM search_row").fetchone()[0] if self.tables_exist() else 0

    # ------------------------------------------------------------------------------------ writing
    def add(self, rows: Iterable[IndexRow]) -> int:
        """Index passages (inside the caller's transaction). Returns the number of rows added."""
        n = 0
        next_seq: dict[int, int] = {}
        w_vocab: set[str] = set()
        f_vocab: set[str] = set()
        ins_row = (
            "INSERT INTO search_row(id, kind, source, ref, meeting_id, committee, date, item_id, item_ordinal, item_position,"
            " document_id, section_id, entry_id, annotation_id, page, ocr, norm, text, raw) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
        )
        ins_fts = "INSERT INTO search_fts(rowid, w, s, r, f, k) VALUES (?,?,?,?,?,?)"
        with self._transaction():
            for row in rows:
                text = normalise_text(row.text)
                raw = normalise_text(row.raw) if row.ocr else None
                if row.ocr and not raw:
                    raw = text
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
                    ins_row,
                    (rowid, row.kind, row.source, row.ref, row.meeting_id, row.committee, row.date, row.item_id, row.item_ordinal,
                     row.item_position, row.document_id, row.section_id, row.entry_id, row.annotation_id, row.page, int(row.ocr),
                     length_factor(cols.words), text, raw),
                )
                self.conn.execute(ins_fts, (rowid, *cols.as_tuple(), ROW_TOKEN))
                w, f = analysis.vocabulary(cols)
                w_vocab |= w
                f_vocab |= f
                n += 1
            if w_vocab or f_vocab:
                self.conn.executemany(
                    "INSERT OR IGNORE INTO search_term(col, term, fold) VALUES (?, ?, ?)",
                    [("w", t, analysis.fold_key(t)) for t in sorted(w_vocab)] + [("f", t, t) for t in sorted(f_vocab)],
                )
        return n

    def _next_seq(self, day: int) -> int:
        lo = day << SEQ_BITS
        top = self.conn.execute("SELECT MAX(id) FROM search_row WHERE id BETWEEN ? AND ?", (lo, lo | SEQ_MASK)).fetchone()[0]
        if top is None:
            return 0
        if (top & SEQ_MASK) < SEQ_MASK:
            return (top & SEQ_MASK) + 1
        # the day's sequence ran out (millions of re-indexings): reuse the first gap
        free = self.conn.execute(
            "SELECT MIN(a.id + 1) FROM search_row a WHERE a.id BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM search_row b WHERE b.id = a.id + 1)",
            (lo, (lo | SEQ_MASK) - 1),
        ).fetchone()[0]
        if free is None:
            raise RuntimeError("search index: no free row id for this date")
        return free & SEQ_MASK

    def delete_where(self, where: str, params: Sequence = ()) -> int:
        """Remove the rows selected by ``where`` (SQL over ``search_row``) from the index."""
        n = 0
        with self._transaction():
            found = self.conn.execute(f"SELECT id, text, raw, ocr FROM search_row WHERE {where}", tuple(params)).fetchall()
            for rowid, text, raw, ocr in found:
                cols = analyse(text, raw if ocr else None)
                self.conn.execute("INSERT INTO search_fts(search_fts, rowid, w, s, r, f, k) VALUES ('delete', ?, ?, ?, ?, ?, ?)",
                                  (rowid, *cols.as_tuple(), ROW_TOKEN))
                n += 1
            if found:
                self.conn.executemany("DELETE FROM search_row WHERE id=?", [(r[0],) for r in found])
        return n

    def row_texts(self, rowids: Iterable[int]) -> dict[int, tuple[str, str | None, bool]]:
        ids = sorted(set(rowids))
        if not ids:
            return {}
        rows = self.conn.execute(f"SELECT id, text, raw, ocr FROM search_row WHERE id IN ({','.join('?' * len(ids))})", ids)
        return {r[0]: (r[1], r[2], bool(r[3])) for r in rows}

    def locations(self, rowids: Iterable[int]) -> dict[int, tuple]:
        """rowid -> (source, document_id, section_id, page, annotation_id or ref)."""
        ids = sorted(set(rowids))
        if not ids:
            return {}
        rows = self.conn.execute(
            f"SELECT id, source, document_id, section_id, page, COALESCE(annotation_id, ref) FROM search_row WHERE id IN ({','.join('?' * len(ids))})", ids)
        return {r[0]: r[1:] for r in rows}

    def optimize(self) -> None:
        with self._transaction():
            self.conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")

    # ------------------------------------------------------------------------------------ vocabulary
    def fold_variants(self, wf: WordForms) -> list[str]:
        """Indexed words with å/ä/ö that fold to the query word's stem (the user typed "forsorjningsstod"
        and the text says "försörjningsstödet")."""
        rows = self.conn.execute(
            "SELECT term FROM search_term WHERE col='w' AND fold=? AND term<>? LIMIT ?", (wf.fkey, wf.norm, 4 * MAX_EXPANSIONS)
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
        return [r[0] for r in rows if not r[0].startswith(wf.stem)]  # prefix forms are matched already

    def fuzzy_ocr_keys(self, wf: WordForms) -> list[str]:
        """Folded OCR keys within edit distance 1 (2 from 9 letters) of the query word's key."""
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
        expr = " OR ".join(_q(p) for p in pieces)
        rows = self.conn.execute(
            """SELECT t.term FROM search_term_tri x CROSS JOIN search_term t ON t.id = x.rowid
               WHERE search_term_tri MATCH ? AND t.col='f' AND length(t.term) BETWEEN ? AND ? LIMIT 2000""",
            (expr, len(key) - k, len(key) + k),
        ).fetchall()
        scored = sorted(
            (d, t) for (t,) in rows if t != key and (d := Levenshtein.distance(key, t, score_cutoff=k)) <= k
        )
        return [t for _, t in scored[:MAX_EXPANSIONS]]

    def expand(self, plan: MatchPlan, *, partial: bool) -> bool:
        """Fill the plan's expansions. Fold variants always (for words typed without å/ä/ö); partial
        words and fuzzy OCR keys only when ``partial``. Returns whether anything was added."""
        added = False
        for clause in plan.clauses:
            for term, wfs in clause:
                if term.is_phrase or term.quoted or term.prefix or not wfs:
                    continue
                wf = wfs[0]
                alts: list[str] = []
                if not has_swedish_letters(wf.norm):
                    alts += self.fold_variants(wf)
                if partial:
                    alts += self.partial_words(wf)
                    fk = self.fuzzy_ocr_keys(wf)
                    if fk:
                        plan.alt_fkeys[wf.fkey] = fk
                        added = True
                if alts:
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
        today: _dt.date | None = None,
    ) -> tuple[list[Group], MatchPlan]:
        """The best ``want`` groups (one per item and kind) for a parsed query, best first."""
        plan = plan_query(pq)
        expr = match_expression(plan)
        if expr is None or not self.tables_exist():
            return [], plan
        filters = dict(date_from=date_from, date_to=date_to, committee=committee,
                       sources=sorted(set(sources)) if sources is not None else None,
                       item_ids=sorted(set(item_ids)) if item_ids is not None else None)
        today_ord = (today or _dt.date.today()).toordinal()
        # words typed without å/ä/ö are always expanded to the indexed å/ä/ö spellings (lower weight)
        expanded = match_expression(plan, expanded=True) if self.expand(plan, partial=False) else None
        groups = self._ranked(plan, expr, expanded, want, filters, today_ord)
        if len(groups) < want and self.expand(plan, partial=True):
            # few items found: add partial words and fuzzy OCR spellings, also at the lower weight
            groups = self._ranked(plan, expr, match_expression(plan, expanded=True), want, filters, today_ord)
        return groups, plan

    def _ranked(self, plan: MatchPlan, expr: str, expanded: str | None, want: int, filters: dict, today_ord: int) -> list[Group]:
        """One statement: the newest CANDIDATE_CAP matching passages per expression, scored (bm25 x kind x
        OCR x recency x phrase boost), expansion-only passages down-weighted, grouped per item, and the
        best ``want`` groups returned. Python only sees those."""
        params: dict = {"e": expr, "today": today_ord, "want": want, "cap": CANDIDATE_CAP}
        where, join = ["search_fts MATCH {e}"], ""
        if filters["date_from"]:
            where.append("f.rowid >= :lo")
            params["lo"] = date_ordinal(filters["date_from"]) << SEQ_BITS
        if filters["date_to"]:
            where.append("f.rowid <= :hi")
            params["hi"] = (date_ordinal(filters["date_to"]) << SEQ_BITS) | SEQ_MASK
        if filters["committee"]:
            where.append("m.committee = :committee")
            params["committee"] = filters["committee"]
        for key, col in (("sources", "source"), ("item_ids", "item_id")):
            if filters[key] is not None:
                names = [f":{key}{i}" for i in range(len(filters[key]))]
                where.append(f"m.{col} IN ({','.join(names) or 'NULL'})")
                params.update({n[1:]: v for n, v in zip(names, filters[key])})
        if len(where) > 1 and any(w.startswith("m.") for w in where):
            join = " CROSS JOIN search_row m ON m.id = f.rowid"
        weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)

        def cte(name: str, param: str) -> str:
            cond = " AND ".join(where).replace("{e}", ":" + param)
            return (f"{name} AS MATERIALIZED (SELECT f.rowid AS id, bm25(search_fts, {weights}) AS b FROM search_fts f{join} "
                    f"WHERE {cond} ORDER BY f.rowid DESC LIMIT :cap)")

        ctes = [cte("a", "e")]
        union = "SELECT id, b, 1.0 AS t FROM a"
        if expanded and expanded != expr:
            params["x"] = expanded
            ctes.append(cte("b", "x"))
            union += f" UNION ALL SELECT id, b, {EXPANSION_FACTOR} FROM b WHERE id NOT IN (SELECT id FROM a)"
        ctes.append(f"c AS MATERIALIZED ({union})")
        boost = "1.0"
        phrase = phrase_expression(plan)
        if phrase:
            params["p"] = phrase
            ctes.append("p AS (SELECT rowid AS id FROM search_fts WHERE search_fts MATCH :p "
                        "AND rowid BETWEEN (SELECT MIN(id) FROM c) AND (SELECT MAX(id) FROM c))")
            boost = f"(CASE WHEN c.id IN (SELECT id FROM p) THEN {PHRASE_BOOST} ELSE 1.0 END)"
        item_key = ("CASE WHEN m.item_id IS NOT NULL THEN 'i' || m.item_id "
                    "ELSE 'm' || m.meeting_id || ':' || ifnull(m.item_position, '') || ':' || ifnull(m.item_ordinal, '') END")
        exclude = ""
        neg = [_term_expr(t, wf, None) for t, wf in plan.excluded if wf]
        if neg:  # '-corona' drops every item that mentions it anywhere, not only the passages that do
            params["n"] = " OR ".join(neg)
            ctes.append(f"x AS (SELECT DISTINCT {item_key} AS k FROM search_fts f2 CROSS JOIN search_row m ON m.id = f2.rowid "
                        "WHERE search_fts MATCH :n)")
            exclude = "WHERE ik NOT IN (SELECT k FROM x)"
        kinds = " ".join(f"WHEN '{k}' THEN {w}" for k, w in KIND_WEIGHTS.items())
        sql = f"""WITH {', '.join(ctes)}
            SELECT MAX(sc) AS best, COUNT(*) AS n, group_concat(id) AS ids, {', '.join(_ROW_COLS)}, t
            FROM (SELECT m.*, c.t, {item_key} AS ik,
                         CASE m.kind WHEN 'note' THEN 'note' WHEN 'secret' THEN 'secret' ELSE 'doc' END AS gk,
                         -c.b * c.t * m.norm * (CASE m.kind {kinds} ELSE 1.0 END) * (CASE WHEN m.ocr THEN {OCR_FACTOR} ELSE 1.0 END)
                            * {boost} / (1.0 + (:today - (m.id >> {SEQ_BITS})) / {365.25 * RECENCY_HALF_LIFE_YEARS}) AS sc
                  FROM c CROSS JOIN search_row m ON m.id = c.id) {exclude}
            GROUP BY ik, gk
            ORDER BY best * (1.0 + {GROUP_BONUS} * (n - 1.0) / (n + 4.0)) DESC, id DESC
            LIMIT :want"""
        out = []
        for row in self.conn.execute(sql, params):
            best, n, ids = row[0], row[1], row[2]
            c = Candidate(row[3], best, *row[4:18], bool(row[18]), expanded=row[19] < 1.0)
            others = [int(i) for i in str(ids).split(",") if int(i) != c.rowid]
            out.append(Group(c.group_key, c, n, others, best * (1.0 + GROUP_BONUS * (n - 1.0) / (n + 4.0))))
        return out
