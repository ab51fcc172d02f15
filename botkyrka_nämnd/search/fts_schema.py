"""The tables of the FTS5 index and the tokens of a row: what :class:`~.fts.FtsIndex` stores.

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
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass

from ..domain.casenumber import find_case_numbers
from . import analysis
from .analysis import K_MARK

SCHEMA_VERSION = 6
INDEX_VERSION = f"{SCHEMA_VERSION}.{analysis.ANALYSER_VERSION}"
SEQ_BITS = 22
SEQ_MASK = (1 << SEQ_BITS) - 1
TYPICAL_WORDS = 120  # passage length that gets length factor 1

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


def length_factor(words: int) -> float:
    """BM25-style length normalisation (b = 0.75): 1 for a passage of TYPICAL_WORDS words, more for a
    title row, less for a long one."""
    return 1.0 / math.sqrt(0.25 + 0.75 * words / TYPICAL_WORDS)


def date_ordinal(date: str | None) -> int:
    try:
        return _dt.date.fromisoformat((date or "")[:10]).toordinal()
    except ValueError:
        return _dt.date(1970, 1, 1).toordinal()


def quote(token: str) -> str:
    # analysed tokens are letters/digits (and a marker); quoting makes FTS5 keywords (AND, OR, NEAR) plain
    return '"' + token.replace('"', "") + '"'


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
