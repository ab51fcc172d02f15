"""Reading state in the public store: ``read_state`` rows per target (``item:ID``, ``document:ID``: when
read, the content hash then, the last page) and the content hashes and versions they are compared with.

Marks are written on a connection of their own (:class:`ReadingWriter`) that never waits more than a few
milliseconds for the write lock, so marking an item read never blocks the window while an import commits;
the rules for what is pending and when it is retried live in ``services/reading.py``."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .db import Store
from .settings import put

ReadRow = dict[str, Any]  # read_at, content_hash, last_page


class ReadingRepository:
    def __init__(self, store: Store):
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    def item_hash(self, item_id: int) -> str | None:
        """The content hash of an agenda item ("" when it has none), or None when there is no such item."""
        row = self._conn.execute("SELECT COALESCE(content_hash, '') FROM agenda_item WHERE id=?", (item_id,)).fetchone()
        return str(row[0]) if row else None

    def document_hash(self, document_id: int) -> str | None:
        row = self._conn.execute("SELECT content_hash FROM document WHERE id=?", (document_id,)).fetchone()
        return str(row[0]) if row else None

    def item_rows(self, meeting_id: str | None = None) -> list[tuple[str, int, str | None, str | None, str | None]]:
        """(meeting id, item id, current hash, read_at, read hash) of every item of a meeting, or of every
        numbered item of the store when ``meeting_id`` is None."""
        sql = """SELECT a.meeting_id, a.id, a.content_hash, r.read_at, r.content_hash FROM agenda_item a
                 LEFT JOIN read_state r ON r.target = 'item:' || a.id WHERE """
        if meeting_id is None:
            return self._conn.execute(sql + "a.ordinal IS NOT NULL").fetchall()
        return self._conn.execute(sql + "a.meeting_id=?", (meeting_id,)).fetchall()

    def row(self, target: str) -> ReadRow | None:
        row = self._conn.execute(
            "SELECT read_at, content_hash, last_page FROM read_state WHERE target=?", (target,)
        ).fetchone()
        if row is None:
            return None
        return {"read_at": row[0], "content_hash": row[1], "last_page": row[2]}

    def earlier_versions(self, document_id: int) -> list[int]:
        """Ids of the document's earlier versions, newest first."""
        rows = self._conn.execute(
            """SELECT o.id FROM document d JOIN document o ON o.item_id=d.item_id AND o.doc_key=d.doc_key
               AND o.version < d.version WHERE d.id=? ORDER BY o.version DESC""",
            (document_id,),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def current_version(self, item_id: int, doc_key: str) -> int | None:
        row = self._conn.execute(
            "SELECT id FROM document WHERE item_id=? AND doc_key=? AND is_current=1", (item_id, doc_key)
        ).fetchone()
        return int(row[0]) if row else None

    def has_pdf(self, document_ids: list[int]) -> dict[int, bool]:
        """Whether each document has pages to show (a public PDF copy, or a PDF without secret parts)."""
        if not document_ids:
            return {}
        marks = ",".join("?" * len(document_ids))
        return {
            int(r[0]): bool(r[1])
            for r in self._conn.execute(
                f"""SELECT d.id, f.file_type='pdf' AND (f.public_pdf IS NOT NULL OR (f.blob IS NOT NULL AND f.has_secret=0))
                    FROM document d LEFT JOIN source_file f ON f.id=d.source_file_id WHERE d.id IN ({marks})""",
                document_ids,
            )
        }


class ReadingWriter:
    """The read marks' own connection to the store file."""

    def __init__(self, path: Path, busy_ms: int):
        self._busy_ms = busy_ms
        self._conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=busy_ms / 1000)
        self._conn.execute(f"PRAGMA busy_timeout={int(busy_ms)}")

    def store(self, rows: Mapping[str, ReadRow], settings: Mapping[str, str], *, wait_ms: int = 0) -> bool:
        """Upsert ``rows`` (target -> row) and ``settings`` in one transaction. False, with nothing written,
        when another writer holds the lock for longer than ``wait_ms`` (default: the short busy timeout) or
        the write fails."""
        conn = self._conn
        try:
            if wait_ms:
                conn.execute(f"PRAGMA busy_timeout={int(wait_ms)}")
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # busy: an import holds the write lock
            return False
        finally:
            if wait_ms:
                conn.execute(f"PRAGMA busy_timeout={self._busy_ms}")
        try:
            for target, r in rows.items():
                conn.execute(
                    """INSERT INTO read_state(target, read_at, content_hash, last_page) VALUES (?, ?, ?, ?)
                       ON CONFLICT(target) DO UPDATE SET read_at=excluded.read_at, content_hash=excluded.content_hash,
                       last_page=excluded.last_page""",
                    (target, r.get("read_at"), r.get("content_hash"), r.get("last_page")),
                )
            for key, value in settings.items():
                put(conn, key, value)
            conn.execute("COMMIT")
        except sqlite3.Error:
            conn.execute("ROLLBACK")
            raise
        return True

    def close(self) -> None:
        self._conn.close()
