"""Numbered schema migrations of the public store (``PRAGMA user_version``).

Each ``upgrade_to_N`` runs inside one transaction together with the ``user_version`` bump, so a migration
killed half-way leaves the database at the old version. A new database runs the same chain from 0.
The search index tables are *derived* data owned by ``search/`` and created/rebuilt there.
"""

from __future__ import annotations

import sqlite3

from ..sqlite_util import split_statements

SCHEMA_V1 = """
CREATE TABLE committee (
  id TEXT PRIMARY KEY,            -- 'SN'
  name TEXT NOT NULL              -- 'Socialnämnden'
);

CREATE TABLE source_file (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,    -- of the imported bytes
  display_name TEXT NOT NULL,     -- sanitised, display only, never joined into a path
  file_type TEXT NOT NULL CHECK (file_type IN ('pdf','text')),
  text_origin TEXT CHECK (text_origin IN ('digital','ocr')),
  size INTEGER NOT NULL,
  pages INTEGER,
  line_count INTEGER,
  meeting_id TEXT,
  has_secret INTEGER NOT NULL DEFAULT 0,
  blob BLOB,                      -- public copy of the original; NULL when it carries a secret part
  public_pdf BLOB,                -- PDF to show in the reader: the original, or a copy with secret pages replaced
  imported_at TEXT NOT NULL
);

CREATE TABLE meeting (
  id TEXT PRIMARY KEY,            -- 'SN-2024-09-24'
  committee_id TEXT NOT NULL REFERENCES committee(id),
  date TEXT NOT NULL,
  time TEXT, place TEXT, place_raw TEXT, chair TEXT, secretary TEXT,
  notice_case_number TEXT,
  doc_kind TEXT, date_source TEXT, text_origin TEXT,
  group_meetings TEXT NOT NULL DEFAULT '[]',   -- JSON
  warnings TEXT NOT NULL DEFAULT '[]',         -- JSON
  source_file_id INTEGER REFERENCES source_file(id),
  imported_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX meeting_date ON meeting(date);

CREATE TABLE agenda_item (
  id INTEGER PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,      -- 0..n in agenda order (Justering included)
  ordinal INTEGER,                -- the item number; NULL for Justering
  printed_number TEXT,
  title TEXT NOT NULL, title_heading TEXT,
  kind TEXT NOT NULL,
  agenda_case_number TEXT, document_case_number TEXT,
  proposal TEXT, proposal_source TEXT,
  tabled INTEGER NOT NULL DEFAULT 0,
  warnings TEXT NOT NULL DEFAULT '[]',         -- JSON
  flags TEXT NOT NULL DEFAULT '[]',            -- JSON
  meeting_dates TEXT NOT NULL DEFAULT '[]',    -- JSON
  secret_parts INTEGER NOT NULL DEFAULT 0,     -- number of locked parts (content in the vault)
  line_start INTEGER, line_end INTEGER,
  content_hash TEXT,
  UNIQUE (meeting_id, position)
);
CREATE INDEX agenda_item_ordinal ON agenda_item(meeting_id, ordinal);

CREATE TABLE document (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
  doc_key TEXT NOT NULL,          -- stable within the item across re-issues: kind + ordinal of that kind
  version INTEGER NOT NULL DEFAULT 1,
  is_current INTEGER NOT NULL DEFAULT 1,
  position INTEGER NOT NULL,      -- order within the item
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  bilaga_label TEXT, doc_date TEXT, case_number TEXT, author TEXT, code TEXT,
  text_status TEXT NOT NULL DEFAULT 'ok',      -- 'ok' | 'ocr'
  content_hash TEXT NOT NULL,
  source_file_id INTEGER REFERENCES source_file(id),
  page_start INTEGER, page_end INTEGER, line_start INTEGER, line_end INTEGER,
  tables INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (item_id, doc_key, version)
);
CREATE INDEX document_item ON document(item_id, is_current);

CREATE TABLE section (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  kind TEXT NOT NULL,
  heading TEXT,
  page INTEGER,
  line_start INTEGER, line_end INTEGER,
  text_raw TEXT NOT NULL,
  text_clean TEXT NOT NULL,
  text_index TEXT                 -- OCR-repaired text (OCR documents only)
);
CREATE INDEX section_document ON section(document_id, ordinal);

CREATE TABLE list_entry (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  paragraph TEXT, body TEXT, decided_on TEXT, delegate TEXT, case_number TEXT,
  text TEXT NOT NULL, line INTEGER,
  flags TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE case_mention (
  case_number TEXT NOT NULL,      -- canonical 'SN/2024:00303'
  item_id INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
  raw TEXT NOT NULL,
  role TEXT NOT NULL              -- 'agenda' | 'document' | 'document_header' | 'list_entry' | 'reference'
);
CREATE INDEX case_mention_number ON case_mention(case_number);

-- Only a placeholder of a secret part is public: its kind and a content-free label.
CREATE TABLE secret_part (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,       -- key of the content in the vault / sealed inbox
  item_id INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  not_in_source INTEGER NOT NULL DEFAULT 0,
  content_state TEXT NOT NULL DEFAULT 'missing'  -- 'sealed' | 'in_vault' | 'missing' (no vault at import)
);

-- Secret content that arrived while the vault was locked: sealed to the vault's public key.
CREATE TABLE sealed_secret (
  uid TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL,
  sealed BLOB NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE page_artifact (
  source_file_id INTEGER NOT NULL REFERENCES source_file(id) ON DELETE CASCADE,
  line INTEGER, kind TEXT, text TEXT
);

CREATE TABLE annotation (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  item_id INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
  document_id INTEGER REFERENCES document(id),  -- the version it is anchored to (NULL: item note)
  kind TEXT NOT NULL CHECK (kind IN ('note','highlight')),
  quote TEXT, prefix TEXT, suffix TEXT,
  char_start INTEGER, char_end INTEGER, page INTEGER,
  body TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '[]',  -- JSON
  color TEXT,
  anchor_state TEXT NOT NULL DEFAULT 'ok',      -- 'ok' | 'moved' | 'fuzzy' | 'needs_review'
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL
);
CREATE INDEX annotation_item ON annotation(item_id);

CREATE TABLE item_position (      -- the member's planned position per item
  item_id INTEGER PRIMARY KEY REFERENCES agenda_item(id) ON DELETE CASCADE,
  position TEXT NOT NULL CHECK (position IN ('for','emot','avvakta','yrkande')),
  modified_at TEXT NOT NULL
);

CREATE TABLE read_state (
  target TEXT PRIMARY KEY,        -- 'item:<id>' | 'document:<id>'
  read_at TEXT,
  content_hash TEXT,              -- what was read: changed-since-read when it differs
  last_page INTEGER
);

CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE import_log (
  id INTEGER PRIMARY KEY,
  sha256 TEXT, display_name TEXT, status TEXT NOT NULL, code TEXT, meeting_id TEXT, at TEXT NOT NULL
);
"""


def upgrade_to_1(conn: sqlite3.Connection) -> None:
    for stmt in split_statements(SCHEMA_V1):
        conn.execute(stmt)


# v2 (annotations, issue 6): the item note (one per item, for the autosaving notes editor), the version an
# annotation was made on, the quote as first written (kept when re-anchoring moved it onto edited text),
# the re-anchoring score and time. Additive only.
SCHEMA_V2 = """
ALTER TABLE annotation ADD COLUMN is_item_note INTEGER NOT NULL DEFAULT 0;
ALTER TABLE annotation ADD COLUMN origin_document_id INTEGER REFERENCES document(id);
ALTER TABLE annotation ADD COLUMN original_quote TEXT;
ALTER TABLE annotation ADD COLUMN anchor_score REAL;
ALTER TABLE annotation ADD COLUMN reanchored_at TEXT;
CREATE UNIQUE INDEX annotation_item_note ON annotation(item_id) WHERE is_item_note = 1;
CREATE INDEX annotation_document ON annotation(document_id);
CREATE INDEX case_mention_item ON case_mention(item_id);
"""


def upgrade_to_2(conn: sqlite3.Connection) -> None:
    for stmt in split_statements(SCHEMA_V2):
        conn.execute(stmt)


# v3 (issue 9, every nämnd's kallelse): a meeting's identity is kommun + body + date. Committees get their
# kommun and a normalised name key; meeting ids become readable and kommun-scoped ('SN-2024-09-24' ->
# 'botkyrka-sn-2024-09-24', the old id kept as an alias so links, settings and the vault still resolve);
# agenda rows get their kind (item / procedural / unnumbered), group, presenter, the protokoll's decision
# and the Dnr as printed; case mentions a series-free key. Every store written before v3 was Botkyrka's
# (the importer knew only Botkyrka's template and wrote 'Botkyrka kommun' into every meeting).
SCHEMA_V3 = """
ALTER TABLE committee ADD COLUMN kommun TEXT;
ALTER TABLE committee ADD COLUMN short TEXT;
ALTER TABLE committee ADD COLUMN body_key TEXT;
CREATE TABLE meeting_alias (
  old_id TEXT PRIMARY KEY,
  new_id TEXT NOT NULL
);
ALTER TABLE agenda_item ADD COLUMN row_kind TEXT NOT NULL DEFAULT 'item';
ALTER TABLE agenda_item ADD COLUMN grp TEXT;
ALTER TABLE agenda_item ADD COLUMN presenter TEXT;
ALTER TABLE agenda_item ADD COLUMN decision TEXT;
ALTER TABLE agenda_item ADD COLUMN decision_source TEXT;
ALTER TABLE agenda_item ADD COLUMN is_secret INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agenda_item ADD COLUMN agenda_case_display TEXT;
ALTER TABLE agenda_item ADD COLUMN document_case_display TEXT;
ALTER TABLE case_mention ADD COLUMN year_number TEXT;
CREATE INDEX case_mention_year_number ON case_mention(year_number);
"""


def upgrade_to_3(conn: sqlite3.Connection) -> None:
    import json

    from ..domain.bodies import body_key, slug

    for stmt in split_statements(SCHEMA_V3):
        conn.execute(stmt)
    conn.execute("PRAGMA defer_foreign_keys=ON")  # ids change below; the references are checked at COMMIT
    kommun = "Botkyrka kommun"
    renamed: dict[str, str] = {}
    for cid, name in conn.execute("SELECT id, name FROM committee").fetchall():
        new = f"{slug(kommun)}-{slug(cid)}"
        conn.execute(
            "INSERT INTO committee(id, name, kommun, short, body_key) VALUES (?, ?, ?, ?, ?)",
            (new, name, kommun, cid, body_key(name)),
        )
        conn.execute("UPDATE meeting SET committee_id=? WHERE committee_id=?", (new, cid))
        conn.execute("DELETE FROM committee WHERE id=?", (cid,))
    for mid, cid, date in conn.execute("SELECT id, committee_id, date FROM meeting").fetchall():
        new = f"{cid}-{date}"
        if new == mid:
            continue
        conn.execute("UPDATE meeting SET id=? WHERE id=?", (new, mid))
        for table in ("agenda_item", "source_file", "sealed_secret", "import_log"):
            conn.execute(f"UPDATE {table} SET meeting_id=? WHERE meeting_id=?", (new, mid))
        conn.execute("INSERT OR REPLACE INTO meeting_alias(old_id, new_id) VALUES (?, ?)", (mid, new))
        renamed[mid] = new
    row = conn.execute("SELECT value FROM setting WHERE key='reading.last_position'").fetchone()
    if row and renamed:
        try:
            pos = json.loads(row[0])
            if pos.get("meeting_id") in renamed:
                pos["meeting_id"] = renamed[pos["meeting_id"]]
                conn.execute("UPDATE setting SET value=? WHERE key='reading.last_position'", (json.dumps(pos),))
        except (ValueError, AttributeError):
            pass
    conn.execute("UPDATE case_mention SET year_number=substr(case_number, instr(case_number, '/') + 1)")
    conn.execute(
        "UPDATE agenda_item SET agenda_case_display=agenda_case_number, document_case_display=document_case_number"
    )
    conn.execute("CREATE UNIQUE INDEX committee_identity ON committee(kommun, body_key)")
    # a locked part's public label says only that it exists: "Lex Sarah-rapporter (4)" told the count of
    # reports (the descriptive label is in the vault, shown after unlocking)
    conn.execute(
        "UPDATE secret_part SET label='Sekretessbelagd del' WHERE kind IN ('lex_sarah', 'sekretessdel')"
        " AND label<>'Sekretessbelagd del'"
    )


# A part locked on suspicion that the member, after reading it unlocked, made public ("inte sekretess"): its
# text is kept here in clear, searchable, shown without the passphrase. ``content_tag`` is the keyed digest
# of the text published: a re-issue whose part has another text locks it again (the member decides anew).
SCHEMA_V4 = """
CREATE TABLE published_part (
  uid TEXT PRIMARY KEY REFERENCES secret_part(uid) ON DELETE CASCADE,
  text TEXT NOT NULL,
  content_tag TEXT,
  published_at TEXT NOT NULL
);
"""


def upgrade_to_4(conn: sqlite3.Connection) -> None:
    for stmt in split_statements(SCHEMA_V4):
        conn.execute(stmt)


def upgrade_to_5(conn: sqlite3.Connection) -> None:
    # a locked part that a re-issue no longer has: kept (with the member's notes on it, in the vault), shown as
    # not in the latest version, never matched to the new text
    conn.execute("ALTER TABLE secret_part ADD COLUMN withdrawn_at TEXT")


def upgrade_to_6(conn: sqlite3.Connection) -> None:
    # the importer's OCR repair of the texts that are shown as printed (an agenda row's heading, a list entry,
    # a part the member made public), for the search index only: search indexes, it does not repair. Rows of
    # OCR'd meetings stored before this version get theirs from services/ocr_backfill.py.
    conn.execute("ALTER TABLE agenda_item ADD COLUMN heading_index TEXT")
    conn.execute("ALTER TABLE list_entry ADD COLUMN text_index TEXT")
    conn.execute("ALTER TABLE published_part ADD COLUMN text_index TEXT")


def upgrade_to_7(conn: sqlite3.Connection) -> None:
    # re-anchoring never lies: a highlight whose passage changed in a re-issue stays where the member made
    # it, with the best match in the new version kept beside it as a proposal for them to accept or refuse
    for column in (
        "proposed_document_id INTEGER",
        "proposed_start INTEGER",
        "proposed_end INTEGER",
        "proposed_quote TEXT",
    ):
        conn.execute(f"ALTER TABLE annotation ADD COLUMN {column}")


SCHEMA_V8 = """
-- A file whose secret parts arrived while no vault existed (they were not stored): read it again when the vault
-- is created. Its path only, never its content or digest; NULL when the path itself speaks of sekretess (then
-- the member is told that such a file must be imported again).
CREATE TABLE pending_secret_file (
  id INTEGER PRIMARY KEY,
  path TEXT UNIQUE,
  meeting_id TEXT,
  at TEXT NOT NULL
);
"""


def upgrade_to_8(conn: sqlite3.Connection) -> None:
    for stmt in split_statements(SCHEMA_V8):
        conn.execute(stmt)


SCHEMA_V9 = """
-- Sync (issue 13): where kallelser come from by themselves (a folder, a kommun's web page, an OParl endpoint),
-- with the source's cursor (OParl modified_since) and, per file found there, what was fetched (ETag,
-- Last-Modified, the source's checksum, our sha256 of the bytes) so the next sync fetches only what changed.
-- No secret: a source's credentials live in the OS keyring, never here.
CREATE TABLE sync_source (
  name TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('folder','web','oparl')),
  location TEXT NOT NULL,
  pattern TEXT,
  login INTEGER NOT NULL DEFAULT 0,  -- 1: its token is in the OS keyring (never here)
  cursor TEXT,
  last_sync TEXT,
  last_status TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE sync_item (
  source TEXT NOT NULL REFERENCES sync_source(name) ON DELETE CASCADE,
  key TEXT NOT NULL,              -- the file's identity at the source (a URL, an OParl File id, a relative path)
  location TEXT NOT NULL,
  etag TEXT, last_modified TEXT, size INTEGER, checksum TEXT,
  sha256 TEXT,                    -- of the bytes imported; NULL for a file that carried a secret part
  source_file_id INTEGER,         -- the stored file it was imported as (its documents are withdrawn by it)
  meeting_id TEXT,
  status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok','withdrawn','failed')),
  error TEXT,
  seen_at TEXT NOT NULL,
  withdrawn_at TEXT,
  PRIMARY KEY (source, key)
);
-- a document withdrawn at its source: kept (with the member's notes on it), shown as withdrawn
ALTER TABLE document ADD COLUMN withdrawn_at TEXT;
"""


def upgrade_to_9(conn: sqlite3.Connection) -> None:
    for stmt in split_statements(SCHEMA_V9):
        conn.execute(stmt)


MIGRATIONS = {
    1: upgrade_to_1,
    2: upgrade_to_2,
    3: upgrade_to_3,
    4: upgrade_to_4,
    5: upgrade_to_5,
    6: upgrade_to_6,
    7: upgrade_to_7,
    8: upgrade_to_8,
    9: upgrade_to_9,
}
LATEST = max(MIGRATIONS)
