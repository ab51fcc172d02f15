"""Numbered schema migrations of the vault database (``PRAGMA user_version``), in the style of
``storage/migrations.py``: each ``upgrade_to_N`` runs in one transaction together with the version bump.

The annotations on secret parts (``secret_annotation``, v2; read and written by ``vault/annotations.py``)
are user data created here. The secret FTS index of ``search/`` is derived data that ``search/`` creates
itself through ``Vault.db`` / ``Vault.transaction()``; this module does not touch it.
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


# Annotations on secret parts. Before v2 the annotation service created these lazily on first use with
# these very statements, hence IF NOT EXISTS: a v1 vault that already has them migrates without change, and
# the schema text (sqlite_master) is the same in both.
SCHEMA_V2 = (
    """CREATE TABLE IF NOT EXISTS secret_annotation (
      uid TEXT PRIMARY KEY,
      secret_uid TEXT NOT NULL,          -- secret_part.uid (the public placeholder) / secret.uid in the vault
      item_id INTEGER NOT NULL,          -- agenda_item.id in the public store
      kind TEXT NOT NULL CHECK (kind IN ('note','highlight')),
      is_item_note INTEGER NOT NULL DEFAULT 0,
      quote TEXT, prefix TEXT, suffix TEXT,
      char_start INTEGER, char_end INTEGER, page INTEGER,
      body TEXT NOT NULL DEFAULT '',
      tags TEXT NOT NULL DEFAULT '[]',
      color TEXT,
      anchor_state TEXT NOT NULL DEFAULT 'ok',
      created_at TEXT NOT NULL,
      modified_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS secret_annotation_item ON secret_annotation(item_id)",
    "CREATE UNIQUE INDEX IF NOT EXISTS secret_annotation_note ON secret_annotation(secret_uid) WHERE is_item_note = 1",
)


def upgrade_to_2(conn: sqlite3.Connection) -> None:
    for stmt in SCHEMA_V2:
        conn.execute(stmt)


MIGRATIONS = {1: upgrade_to_1, 2: upgrade_to_2}
LATEST = max(MIGRATIONS)
