"""The public search index (in the store) and the secret index (inside the encrypted vault).

Both are :class:`~.fts.FtsIndex` over their own connection, built by the same analysis code. The public
index holds, per agenda item: one row for its title and proposal; the sections of each *current*
document, split into passages of a paragraph or two (:func:`passages`; bilagor marked as source
``attachment``), each knowing its section and page; one row per list entry; and one row per note or
highlight of the member. It never holds secret content: the parser has cut that out, and any placeholder
line left in the public text is dropped here too. The secret index lives in the vault database and is
only reachable while the vault is unlocked.

Maintenance: the importer calls :meth:`SearchIndex.reindex_items` inside its transaction (index rows commit
or roll back with the meeting); the annotation service calls the ``*_annotations`` hooks; ``rebuild()``
(CLI ``reindex``) recreates everything, and happens by itself when the analyser version changes.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from .. import log
from ..domain.model import SECRET_PLACEHOLDER
from .fts import FtsIndex
from .fts_plan import MatchPlan
from .fts_rank import Group
from .fts_schema import IndexRow

if TYPE_CHECKING:
    from ..storage.db import Store
    from ..vault.vault import Vault
    from .query import ParsedQuery

_T = TypeVar("_T")

_log = log.get("search")

# document kinds shown as bilagor (source 'attachment'); the item's own handling is source 'item'
ATTACHMENT_KINDS = frozenset(
    {"bilaga", "rapport", "plan", "avtal", "ansokan", "protokollsutdrag", "externt_protokoll", "utredning"}
)
FULL_CHECK_ROWS = 10_000  # at start-up, FTS5's full integrity check up to this many rows (~90 ms); counts always
_CHUNK = 400


def _chunks(ids: list[_T], n: int = _CHUNK) -> Iterator[list[_T]]:
    for i in range(0, len(ids), n):
        yield ids[i : i + n]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def public_text(text: str | None) -> str:
    """Text as indexed: without the lines that stand in for a cut-out secret part."""
    if not text:
        return ""
    if SECRET_PLACEHOLDER not in text:
        return text
    return "\n".join(line for line in text.split("\n") if SECRET_PLACEHOLDER not in line)


def _join(*parts: str | None) -> str:
    seen: list[str] = []
    for p in parts:
        p = (p or "").strip()
        if p and not any(p == q for q in seen):
            seen.append(p)
    return "\n".join(seen)


PASSAGE_WORDS = 120  # a passage ends at the first paragraph end after this many words ...
PASSAGE_MAX_WORDS = 250  # ... or at a line end after this many
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+(?=\S)")


def passages(text: str, raw: str | None = None) -> list[tuple[str, str | None]]:
    """Split a section into passages of about a paragraph or two, so that a long bilaga chapter is ranked
    and shown by the passage that matches, not as one 30-page row. ``raw`` (OCR) is split on the same
    lines as ``text`` (the repair keeps the line structure); a line too long on its own (digital text
    keeps a paragraph per line) is split at sentence ends."""
    lines = text.split("\n")
    raw_lines = raw.split("\n") if raw is not None else None
    if raw_lines is not None and len(raw_lines) != len(lines):
        return [(text, raw)]
    out: list[tuple[str, str | None]] = []
    start, words = 0, 0
    for i, line in enumerate(lines):
        n = len(line.split())
        if raw_lines is None and n > PASSAGE_MAX_WORDS:
            if i > start:
                out.append(("\n".join(lines[start:i]), None))
            out += [(chunk, None) for chunk in _split_line(line)]
            start, words = i + 1, 0
            continue
        words += n
        para_end = i + 1 == len(lines) or not lines[i + 1].strip() or line.rstrip().endswith((".", "!", "?", ":"))
        if words >= PASSAGE_MAX_WORDS or (words >= PASSAGE_WORDS and para_end):
            out.append(("\n".join(lines[start : i + 1]), "\n".join(raw_lines[start : i + 1]) if raw_lines else None))
            start, words = i + 1, 0
    if start < len(lines):
        rest = "\n".join(lines[start:])
        rest_raw = "\n".join(raw_lines[start:]) if raw_lines else None
        if out and len(rest.split()) < PASSAGE_WORDS // 4:  # a short tail joins the previous passage
            t, r = out.pop()
            # r and rest_raw are both str exactly when there are raw lines
            out.append((t + "\n" + rest, (r + "\n" + rest_raw) if r is not None and rest_raw is not None else None))
        elif rest.strip():
            out.append((rest, rest_raw))
    return out or [(text, raw)]


def _split_line(line: str) -> list[str]:
    chunks, cur, n = [], [], 0
    for sentence in _SENTENCE_END.split(line):
        cur.append(sentence)
        n += len(sentence.split())
        if n >= PASSAGE_WORDS:
            chunks.append(" ".join(cur))
            cur, n = [], 0
    if cur:
        if chunks and n < PASSAGE_WORDS // 4:
            chunks[-1] += " " + " ".join(cur)
        else:
            chunks.append(" ".join(cur))
    return chunks


def _prefix(title: str | None, heading: str | None, text: str) -> str:
    """A section's text with the document title (first section) and its heading in front, unless the
    text already starts with them."""
    head = text.lstrip()[:300].lower()
    lead = [p for p in (title, heading) if p and p.strip().lower() not in head]
    return _join(*lead, text) if lead else text


class SearchIndex:
    """The public index in the store. ``reindex_items`` and the annotation hooks run inside the caller's
    open transaction (``store.transaction()`` nests)."""

    def __init__(self, store: Store, *, check: bool = True):
        """Search only indexes: the texts of an OCR'd kallelse arrive repaired by the importer (the
        ``text_index`` of sections, list entries and published parts, the ``heading_index`` of agenda rows;
        titles and proposals are stored repaired), and the unrepaired text is indexed beside them."""
        self.store = store
        self.fts = FtsIndex(store.conn, store.transaction)
        self.ensure(check=check)

    # ------------------------------------------------------------------------------------ lifecycle
    def ensure(self, *, check: bool = True) -> None:
        """Create the index if missing, rebuild it if its analyser version changed, and check it: row
        counts always, FTS5's full integrity check when the index is small enough for that to be quick.
        A failed check rebuilds the index (it is derived data)."""
        if self.fts.needs_rebuild():
            had = self.fts.tables_exist()
            n = self.rebuild()
            if had:
                _log.info("search index rebuilt for version change (%d rows)", n)
            return
        if check and not self.fts.integrity_check(full=self.fts.row_count() <= FULL_CHECK_ROWS):
            _log.warning("search index damaged; rebuilding")
            self.rebuild()

    def _ready(self) -> None:
        # the tables may have been rolled back with the transaction that created them
        if not self.fts.tables_exist():
            self.fts.create()

    def integrity_check(self, *, full: bool = True) -> bool:
        return self.fts.integrity_check(full=full)

    def rebuild(self) -> int:
        """Drop and rebuild the whole index from the store. Returns the number of indexed rows."""
        t0 = time.perf_counter()
        with self.store.transaction():
            self.fts.drop()
            self.fts.create()
            ids = [
                r[0]
                for r in self.store.conn.execute(
                    "SELECT a.id FROM agenda_item a JOIN meeting m ON m.id=a.meeting_id ORDER BY m.date, a.meeting_id, a.position"
                )
            ]
            for chunk in _chunks(ids):
                self.fts.add(self._rows_for_items(chunk))
            self.fts.optimize()
            n = self.fts.row_count()
        _log.info("search index rebuilt: %d rows in %.1f s", n, time.perf_counter() - t0)
        return n

    def row_count(self) -> int:
        return self.fts.row_count()

    def search(self, pq: ParsedQuery, **kw: Any) -> tuple[list[Group], MatchPlan]:
        """Ranked groups for a parsed query (see :meth:`FtsIndex.search`)."""
        return self.fts.search(pq, **kw)

    # ------------------------------------------------------------------------------------ maintenance
    def reindex_items(self, item_ids: Iterable[int]) -> int:
        """(Re)index everything of these items: title/proposal, current documents' sections, list entries
        and notes. Items that no longer exist are removed. Returns the number of rows indexed."""
        return self._replace("item_id", item_ids, self._rows_for_items)

    def remove_items(self, item_ids: Iterable[int]) -> int:
        return self._replace("item_id", item_ids, None)

    def reindex_annotations(self, annotation_ids: Iterable[int]) -> int:
        """(Re)index notes and highlights (after they were added or edited)."""
        return self._replace(
            "annotation_id", annotation_ids, lambda chunk: self._note_rows(f"n.id IN ({_marks(len(chunk))})", chunk)
        )

    def remove_annotations(self, annotation_ids: Iterable[int]) -> int:
        return self._replace("annotation_id", annotation_ids, None)

    def _replace(
        self, column: str, ids_in: Iterable[int], rows: Callable[[list[int]], Iterable[IndexRow]] | None
    ) -> int:
        """Delete the rows whose ``column`` is one of the ids and, with ``rows``, add their new rows, in
        chunks, in one transaction. Returns the rows added (or, without ``rows``, the rows removed)."""
        ids = sorted({int(i) for i in ids_in})
        n = 0
        if not ids:
            return 0
        with self.store.transaction():
            self._ready()
            for chunk in _chunks(ids):
                removed = self.fts.delete_where(f"{column} IN ({_marks(len(chunk))})", chunk)
                n += self.fts.add(rows(chunk)) if rows is not None else removed
        return n

    # ------------------------------------------------------------------------------------ row sources
    def _rows_for_items(self, ids: list[int]) -> Iterator[IndexRow]:
        conn = self.store.conn
        marks = _marks(len(ids))
        items = {
            r[0]: r
            for r in conn.execute(
                f"""SELECT a.id, a.meeting_id, a.position, a.ordinal, a.title, a.title_heading, a.proposal, m.date, m.committee_id,
                           m.text_origin, a.heading_index
                    FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE a.id IN ({marks})""",
                ids,
            )
        }

        def base(item_id: int, **kw: Any) -> dict[str, Any]:
            it = items[item_id]
            return dict(
                meeting_id=it[1],
                date=it[7],
                committee=it[8],
                item_id=item_id,
                item_position=it[2],
                item_ordinal=it[3],
                **kw,
            )

        def ocr_of(item_id: int) -> bool:
            return bool(items[item_id][9] == "ocr")

        published: dict[int, list[tuple[str, str]]] = {}  # parts locked on suspicion that the member made public
        for item_id, ptext, pindex in conn.execute(
            f"""SELECT s.item_id, p.text, COALESCE(p.text_index, p.text) FROM published_part p
                    JOIN secret_part s ON s.uid=p.uid WHERE s.item_id IN ({marks}) ORDER BY s.id""",
            ids,
        ):
            published.setdefault(item_id, []).append((ptext, pindex))
        for item_id, it in items.items():
            parts = published.get(item_id, [])
            text = _join(it[4], it[5], public_text(it[6]), *(p for p, _ in parts))
            ocr = ocr_of(item_id)
            repaired = _join(it[4], it[10] or it[5], public_text(it[6]), *(p for _, p in parts)) if ocr else text
            yield IndexRow(
                kind="item",
                source="item",
                text=repaired,
                raw=text if ocr else None,
                ocr=ocr,
                **base(item_id),
            )

        docs = {
            r[0]: r
            for r in conn.execute(
                f"""SELECT id, item_id, kind, title, bilaga_label, text_status FROM document
                    WHERE item_id IN ({marks}) AND is_current=1""",
                ids,
            )
        }
        first_seen: set[int] = set()
        for sid, doc_id, heading, page, clean, repaired in conn.execute(
            f"""SELECT s.id, s.document_id, s.heading, s.page, s.text_clean, s.text_index FROM section s
                JOIN document d ON d.id = s.document_id
                WHERE d.item_id IN ({marks}) AND d.is_current=1 ORDER BY s.document_id, s.ordinal""",
            ids,
        ):
            d = docs[doc_id]
            title = None
            if doc_id not in first_seen:
                first_seen.add(doc_id)
                title = _join(d[4], d[3])
            source = "attachment" if (d[2] in ATTACHMENT_KINDS or d[4]) else "item"
            ocr = d[5] == "ocr"
            clean = public_text(clean)
            text, raw = (public_text(repaired) or clean, clean) if ocr else (clean, None)
            for n, (part, part_raw) in enumerate(passages(text, raw)):
                if n == 0:  # the document title and the heading belong to the first passage
                    part = _prefix(title, heading, part)
                    part_raw = _prefix(title, heading, part_raw) if part_raw is not None else None
                yield IndexRow(
                    kind="section",
                    source=source,
                    text=part,
                    raw=part_raw,
                    ocr=ocr,
                    document_id=doc_id,
                    section_id=sid,
                    page=page,
                    **base(d[1]),
                )

        for eid, item_id, text, repaired in conn.execute(
            f"SELECT id, item_id, text, COALESCE(text_index, text) FROM list_entry WHERE item_id IN ({marks}) ORDER BY id",
            ids,
        ):
            text = public_text(text)
            ocr = ocr_of(item_id)
            yield IndexRow(
                kind="entry",
                source="item",
                text=public_text(repaired) if ocr else text,
                raw=text if ocr else None,
                ocr=ocr,
                entry_id=eid,
                **base(item_id),
            )

        yield from self._note_rows(f"n.item_id IN ({marks})", ids)

    def _note_rows(self, where: str, params: list[Any]) -> Iterator[IndexRow]:
        for (
            aid,
            item_id,
            doc_id,
            kind,
            quote,
            body,
            tags,
            page,
            mid,
            pos,
            ordinal,
            date,
            committee,
        ) in self.store.conn.execute(
            f"""SELECT n.id, n.item_id, n.document_id, n.kind, n.quote, n.body, n.tags, n.page,
                       a.meeting_id, a.position, a.ordinal, m.date, m.committee_id
                FROM annotation n JOIN agenda_item a ON a.id = n.item_id JOIN meeting m ON m.id = a.meeting_id
                WHERE {where}""",
            params,
        ):
            text = _join(body, quote if kind == "highlight" else None, " ".join(_tags(tags)))
            yield IndexRow(
                kind="note",
                source="note",
                text=text,
                meeting_id=mid,
                date=date,
                committee=committee,
                item_id=item_id,
                item_position=pos,
                item_ordinal=ordinal,
                document_id=doc_id,
                annotation_id=aid,
                page=page,
            )


class SecretIndex:
    """The index of secret parts and of the member's notes on them, inside the vault's encrypted
    database. Only constructed while the vault is unlocked (``AppContext.secret_index`` is None
    otherwise). Rows whose secret part is gone from the vault are dropped on construction, so deleting a
    part (retention) cannot leave its text behind in the index."""

    def __init__(self, vault: Vault):
        self.vault = vault
        self.conn = vault.db.conn
        self.fts = FtsIndex(self.conn, vault.transaction)
        if self.fts.needs_rebuild():
            self.rebuild()
        else:
            self._sync()

    def _sync(self) -> None:
        """Drop rows of parts/notes no longer in the vault; index those that are not in the index yet
        (the vault holds few rows, so this is cheap)."""
        with self.vault.transaction():
            if missing := self._resync("secret", "secret"):
                self.reindex_secrets(missing)
            if not self._has_annotations():
                self.fts.delete_where("kind='note'")
                return
            if missing := self._resync("note", "secret_annotation"):
                self.reindex_annotations(missing)

    def _resync(self, kind: str, table: str) -> list[str]:
        """Drop the index rows of ``kind`` whose uid is no longer in ``table``; the uids not indexed yet."""
        self.fts.delete_where(f"kind='{kind}' AND ref NOT IN (SELECT uid FROM {table})")
        sql = f"SELECT uid FROM {table} WHERE uid NOT IN (SELECT ref FROM search_row WHERE kind='{kind}')"
        return [str(r[0]) for r in self.conn.execute(sql)]

    def _has_annotations(self) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='secret_annotation'").fetchone()
            is not None
        )

    # ------------------------------------------------------------------------------------ row sources
    def _secret_rows(self, uids: list[str] | None) -> Iterator[IndexRow]:
        sql = "SELECT uid, meeting_id, item_position, item_ordinal, label, text FROM secret"
        params: list[str] = []
        if uids is not None:
            sql += f" WHERE uid IN ({_marks(len(uids))})"
            params = uids
        for uid, mid, pos, ordinal, label, text in self.conn.execute(sql, params):
            yield IndexRow(
                kind="secret",
                source="item",
                ref=uid,
                meeting_id=mid,
                date=_date_of(mid),
                committee=_committee_of(mid),
                item_position=pos,
                item_ordinal=ordinal,
                text=_join(label, text),
            )

    def _note_rows(self, uids: list[str] | None) -> Iterator[IndexRow]:
        if not self._has_annotations():
            return
        sql = """SELECT n.uid, n.item_id, n.kind, n.quote, n.body, n.tags, n.page, s.meeting_id, s.item_position, s.item_ordinal
                 FROM secret_annotation n JOIN secret s ON s.uid = n.secret_uid"""
        params: list[str] = []
        if uids is not None:
            sql += f" WHERE n.uid IN ({_marks(len(uids))})"
            params = uids
        for uid, item_id, kind, quote, body, tags, page, mid, pos, ordinal in self.conn.execute(sql, params):
            text = _join(body, quote if kind == "highlight" else None, " ".join(_tags(tags)))
            yield IndexRow(
                kind="note",
                source="note",
                ref=uid,
                meeting_id=mid,
                date=_date_of(mid),
                committee=_committee_of(mid),
                item_id=item_id,
                item_position=pos,
                item_ordinal=ordinal,
                page=page,
                text=text,
            )

    # ------------------------------------------------------------------------------------ maintenance
    def _reindex(self, kind: str, ids: list[str], rows: Callable[[list[str]], Iterable[IndexRow]]) -> int:
        n = 0
        with self.vault.transaction():
            if not self.fts.tables_exist():
                self.fts.create()
            for chunk in _chunks(ids):
                self.fts.delete_where(f"kind=? AND ref IN ({_marks(len(chunk))})", [kind, *chunk])
                n += self.fts.add(rows(chunk))
        return n

    def _remove(self, kind: str, ids: list[str]) -> int:
        n = 0
        with self.vault.transaction():
            for chunk in _chunks(ids):
                n += self.fts.delete_where(f"kind=? AND ref IN ({_marks(len(chunk))})", [kind, *chunk])
        return n

    def reindex_secrets(self, uids: Iterable[str]) -> int:
        return self._reindex("secret", sorted({str(u) for u in uids}), self._secret_rows)

    def remove_secrets(self, uids: Iterable[str]) -> int:
        return self._remove("secret", sorted({str(u) for u in uids}))

    def reindex_annotations(self, uids: Iterable[str]) -> int:
        """(Re)index notes and highlights on secret parts (the annotation service calls this)."""
        return self._reindex("note", sorted({str(u) for u in uids}), self._note_rows)

    def remove_annotations(self, uids: Iterable[str]) -> int:
        return self._remove("note", sorted({str(u) for u in uids}))

    def rebuild(self) -> int:
        with self.vault.transaction():
            self.fts.drop()
            self.fts.create()
            self.fts.add(self._secret_rows(None))
            self.fts.add(self._note_rows(None))
            return self.fts.row_count()

    def integrity_check(self) -> bool:
        return self.fts.integrity_check()

    def row_count(self) -> int:
        return self.fts.row_count()

    def search(self, pq: ParsedQuery, **kw: Any) -> tuple[list[Group], MatchPlan]:
        return self.fts.search(pq, **kw)


def _tags(tags: str | None) -> list[str]:
    try:
        return [str(t) for t in json.loads(tags or "[]")]
    except (ValueError, TypeError):
        return []


_ID_DATE = re.compile(r"-(\d{4}-\d{2}-\d{2})(?:-\d{4})?$")


def _committee_of(meeting_id: str | None) -> str | None:
    """'botkyrka-sn-2020-05-26' -> 'botkyrka-sn' (a meeting id is its committee's id and the date)."""
    m = _ID_DATE.search(meeting_id or "")
    return (meeting_id or "")[: m.start()] if m else None


def _date_of(meeting_id: str | None) -> str:
    """'botkyrka-sn-2020-05-26' -> '2020-05-26' ('…-1800' after it when a body meets twice a day)."""
    m = _ID_DATE.search(meeting_id or "")
    return m.group(1) if m else "1970-01-01"
