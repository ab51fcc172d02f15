"""The sync's state in the public store (schema v9): the configured sources (``sync_source``) and, per file
found at a source, what was fetched and imported (``sync_item``); documents withdrawn at their source
(``document.withdrawn_at``). Nothing secret: credentials live in the OS keyring."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from .db import now_iso


class SyncState:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.conn = db.conn

    # -- sources -----------------------------------------------------------------------------------
    def sources(self) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT * FROM sync_source ORDER BY created_at, name"))

    def source(self, name: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM sync_source WHERE name=?", [name]))
        return rows[0] if rows else None

    def add_source(self, name: str, kind: str, location: str, pattern: str | None) -> None:
        self.conn.execute(
            "INSERT INTO sync_source(name, kind, location, pattern, created_at) VALUES (?, ?, ?, ?, ?)",
            (name, kind, location, pattern, now_iso()),
        )

    def set_login(self, name: str, login: bool) -> None:
        self.conn.execute("UPDATE sync_source SET login=? WHERE name=?", (int(login), name))

    def remove_source(self, name: str) -> bool:
        """The source and what it remembers of its files; the imported meetings stay."""
        self.conn.execute("DELETE FROM sync_item WHERE source=?", (name,))
        return self.conn.execute("DELETE FROM sync_source WHERE name=?", (name,)).rowcount > 0

    def finish_source(self, name: str, *, cursor: str | None, status: str, error: str | None) -> None:
        self.conn.execute(
            "UPDATE sync_source SET cursor=coalesce(?, cursor), last_sync=?, last_status=?, last_error=? WHERE name=?",
            (cursor, now_iso(), status, error, name),
        )

    # -- files at a source -------------------------------------------------------------------------
    def items(self, source: str) -> dict[str, dict[str, Any]]:
        return {r["key"]: r for r in self.db.query("SELECT * FROM sync_item WHERE source=?", [source])}

    def record(self, source: str, key: str, **fields: Any) -> None:
        """Insert or update the row of one file (``status`` 'ok' unless given)."""
        row = {"source": source, "key": key, "seen_at": now_iso(), "status": "ok", "error": None, **fields}
        cols = ", ".join(row)
        marks = ", ".join("?" * len(row))
        updates = ", ".join(f"{c}=excluded.{c}" for c in row if c not in ("source", "key"))
        self.conn.execute(
            f"INSERT INTO sync_item({cols}) VALUES ({marks}) ON CONFLICT(source, key) DO UPDATE SET {updates}",
            list(row.values()),
        )

    def mark_withdrawn(self, source: str, key: str) -> int | None:
        """The file is gone at its source; returns the stored file it was imported as (or None)."""
        row = self.conn.execute(
            "SELECT source_file_id, status FROM sync_item WHERE source=? AND key=?", (source, key)
        ).fetchone()
        if row is None or row[1] == "withdrawn":
            return None
        self.conn.execute(
            "UPDATE sync_item SET status='withdrawn', withdrawn_at=? WHERE source=? AND key=?", (now_iso(), source, key)
        )
        return int(row[0]) if row[0] is not None else None

    def withdraw_documents(self, source_file_id: int) -> list[int]:
        """Mark the documents read from this stored file withdrawn (never deleted: the member's notes on them
        stay); returns their ids."""
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM document WHERE source_file_id=? AND withdrawn_at IS NULL", (source_file_id,)
            )
        ]
        if ids:
            marks = ",".join("?" * len(ids))
            self.conn.execute(f"UPDATE document SET withdrawn_at=? WHERE id IN ({marks})", [now_iso(), *ids])
        return ids

    def restore_documents(self, source_file_id: int) -> None:
        """A file that came back at its source: its documents are no longer withdrawn."""
        self.conn.execute("UPDATE document SET withdrawn_at=NULL WHERE source_file_id=?", (source_file_id,))
