"""Numbered schema migrations of the vault database (``PRAGMA user_version``), in the style of
``storage/migrations.py``: each ``upgrade_to_N`` runs in one transaction together with the version bump.

Tables owned by other packages (the secret FTS index of ``search/``, annotations on secret parts) are
created by them through ``Vault.db`` / ``Vault.transaction()``; they are derived or user data that this
module does not touch.
"""

from __future__ import annotations

import sqlite3

from ..sqlite_util import split_statements

SCHEMA_V1 = """
CREATE TABLE secret (
  uid TEXT PRIMARY KEY,           -- same uid as the public placeholder (secret_part.uid)
  meeting_id TEXT NOT NULL,
  item_position INTEGER,
  item_ordinal INTEGER,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  text TEXT NOT NULL,
  report_numbers TEXT NOT NULL DEFAULT '[]',   -- JSON list
  page INTEGER,
  blob_sha256 TEXT,               -- the original file in `blob` that carries this part, if any
  created_at TEXT NOT NULL
);
CREATE INDEX secret_meeting ON secret(meeting_id, item_position);

-- Original files that carry a secret part (kept inside the encrypted file so that retention deletion and
-- crypto-shredding cover them).
CREATE TABLE blob (
  sha256 TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  data BLOB NOT NULL
);

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""


def upgrade_to_1(conn: sqlite3.Connection) -> None:
    for stmt in split_statements(SCHEMA_V1):
        conn.execute(stmt)


MIGRATIONS = {1: upgrade_to_1}
LATEST = max(MIGRATIONS)
