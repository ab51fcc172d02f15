"""Schema v1 -> v2 (annotation columns for the item note, origin version, original quote): existing
annotations survive the migration and keep working."""

from __future__ import annotations

import sqlite3

from botkyrka_nämnd import paths
from botkyrka_nämnd.services.context import AppContext
from botkyrka_nämnd.storage import migrations


def make_v1_store(path):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    migrations.upgrade_to_1(conn)
    conn.execute("PRAGMA user_version=1")
    conn.execute("INSERT INTO committee(id, name) VALUES ('SN', 'Socialnämnden')")
    conn.execute(
        "INSERT INTO meeting(id, committee_id, date, imported_at, updated_at) VALUES ('botkyrka-sn-2023-01-10', 'SN', '2023-01-10', 't', 't')"
    )
    conn.execute(
        "INSERT INTO agenda_item(id, meeting_id, position, ordinal, title, kind) VALUES (7, 'botkyrka-sn-2023-01-10', 0, 1, 'Budget 2023', 'beslutsarende')"
    )
    conn.execute(
        "INSERT INTO document(id, item_id, doc_key, position, kind, title, content_hash, created_at) VALUES (3, 7, 'tjansteskrivelse-1', 0, 'tjansteskrivelse', 'Budget', 'h', 't')"
    )
    conn.execute(
        "INSERT INTO section(document_id, ordinal, kind, page, text_raw, text_clean) VALUES (3, 0, 'body', 2, 'Budgeten ökar med 3 %.', 'Budgeten ökar med 3 %.')"
    )
    conn.execute(
        """INSERT INTO annotation(uid, item_id, document_id, kind, quote, prefix, suffix, char_start, char_end, page, body, tags, created_at, modified_at)
           VALUES ('a1', 7, 3, 'highlight', 'ökar med 3 %', 'Budgeten ', '.', 9, 21, 2, 'Fråga', '["viktigt"]', 't', 't'),
                  ('a2', 7, NULL, 'note', NULL, NULL, NULL, NULL, NULL, NULL, 'Gammal anteckning', '[]', 't', 't')"""
    )
    conn.execute("COMMIT")
    conn.close()


def test_v1_annotations_survive_the_migration(data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    make_v1_store(paths.store_path())
    ctx = AppContext(data_dir)
    try:
        assert ctx.store.schema_version == migrations.LATEST >= 2
        got = ctx.annotations.annotations_for_item(7)
        assert [(a["kind"], a["body"], a["tags"], a["is_item_note"]) for a in got] == [
            ("note", "Gammal anteckning", [], False),
            ("highlight", "Fråga", ["viktigt"], False),
        ]
        assert got[1]["quote"] == "ökar med 3 %" and got[1]["page"] == 2 and not got[1]["made_on_earlier_version"]
        # the old note stays an ordinary note; the editor's item note is a new one
        note = ctx.annotations.save_note(7, "Ny")
        assert note["is_item_note"] and len(ctx.annotations.annotations_for_item(7)) == 3
        assert list((data_dir / "backups").glob("store-pre-migration-v1-*.db"))
    finally:
        ctx.close()
