"""The store's key/value settings (``setting``): the member's choices that must travel with the data folder
(the demo's base date, the vault's auto-lock, where reading stopped). Window geometry and the like live in
the UI's own settings file; nothing secret is stored in either."""

from __future__ import annotations

import sqlite3

from .db import Store

UPSERT = "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value"


class SettingsRepository:
    def __init__(self, store: Store):
        self._store = store

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self._store.conn.execute("SELECT value FROM setting WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set(self, key: str, value: str) -> None:
        with self._store.transaction() as conn:
            put(conn, key, value)

    def delete(self, key: str) -> None:
        with self._store.transaction() as conn:
            conn.execute("DELETE FROM setting WHERE key=?", (key,))


def put(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Set ``key`` inside the caller's transaction on ``conn``."""
    conn.execute(UPSERT, (key, value))
