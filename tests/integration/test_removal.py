"""Removing a meeting (issue 12): only on the member's request, their notes exported first, every row of the
meeting gone (public store, search index, vault) and nothing of the other meetings touched; the demo's
example meetings in one action, not brought back by an empty store."""

from __future__ import annotations

import sqlite3

import pypdfium2 as pdfium
import pytest

from botkyrka_nämnd.services import removal
from botkyrka_nämnd.services.demo import example_meetings, has_demo, import_demo
from tests.conftest import PASSPHRASE_TESTS, SEED_000, SEED_003

pytestmark = pytest.mark.seeds

M2024 = "botkyrka-sn-2024-09-24"
M2020 = "botkyrka-sn-2020-05-26"


def _count(db, sql: str, params=()) -> int:
    with sqlite3.connect(db) as c:
        return c.execute(sql, params).fetchone()[0]


def _pdf_text(path) -> str:
    doc = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def test_a_meeting_with_notes_is_removed_only_after_its_notes_are_exported(ctx, seeds_dir, tmp_path):
    ctx.importer.import_path(seeds_dir / SEED_000)
    ctx.importer.import_path(seeds_dir / SEED_003)
    item = ctx.repo.item(M2024, 5)
    note = ctx.annotations.add_note(item["id"], "Fråga om bostadskön i Alby", tags=["fråga"])
    ctx.annotations.set_position(item["id"], "emot")
    other_items = [i["id"] for i in ctx.repo.items(M2020)]
    assert any(h.meeting_id == M2024 for h in ctx.search.search("statsbidrag våldsutsatta"))
    plan = removal.plan(ctx, M2024)
    assert (plan.items, plan.member_work, plan.secret_parts, plan.needs_unlock) == (9, 2, 0, False)

    with pytest.raises(removal.RemovalError) as err:
        removal.remove_meeting(ctx, M2024)
    assert "Exportera" in err.value.sv and "Export" in err.value.en
    assert ctx.repo.meeting(M2024) is not None and ctx.annotations.get(note["id"])["body"].startswith("Fråga")

    out = tmp_path / "Mina anteckningar.pdf"
    assert removal.remove_meeting(ctx, M2024, notes_export=out) == M2024
    text = _pdf_text(out)
    assert "bostadskön i Alby" in text and "Emot" in text  # the member's work is in the export

    db = ctx.paths.store
    assert ctx.repo.meeting(M2024) is None
    assert [m["id"] for m in ctx.repo.meetings()] == [M2020]
    for table in ("annotation", "item_position", "document", "list_entry", "case_mention"):
        col = "item_id"
        n = _count(db, f"SELECT COUNT(*) FROM {table} WHERE {col} NOT IN (SELECT id FROM agenda_item)")
        assert n == 0, table
    assert _count(db, "SELECT COUNT(*) FROM section WHERE document_id NOT IN (SELECT id FROM document)") == 0
    assert _count(db, "SELECT COUNT(*) FROM source_file WHERE meeting_id=?", (M2024,)) == 0
    assert _count(db, "SELECT COUNT(*) FROM annotation") == 0
    # the search index has nothing of it; the other meeting is untouched and still found
    hits = ctx.search.search("statsbidrag våldsutsatta")
    assert all(h.meeting_id != M2024 for h in hits)
    assert [i["id"] for i in ctx.repo.items(M2020)] == other_items
    assert any(h.meeting_id == M2020 for h in ctx.search.search("socialnämnden"))
    # the store was backed up before anything was deleted, and the file imports again as new
    backups = list((db.parent / "backups").glob("store-before-remove-*.db"))
    assert len(backups) == 1 and _count(backups[0], "SELECT COUNT(*) FROM meeting WHERE id=?", (M2024,)) == 1
    again = ctx.importer.import_path(seeds_dir / SEED_000)
    assert again.meeting_id == M2024 and again.items == 9


def test_a_meeting_without_notes_needs_no_export_and_an_unknown_one_is_refused(ctx, seeds_dir):
    ctx.importer.import_path(seeds_dir / SEED_000)
    assert removal.remove_meeting(ctx, M2024) == M2024
    assert ctx.repo.meetings() == []
    with pytest.raises(removal.RemovalError):
        removal.remove_meeting(ctx, M2024)


def test_secret_parts_go_with_the_meeting_and_a_locked_vault_is_asked_to_open(ctx, seeds_dir):
    ctx.vault.init(PASSPHRASE_TESTS)
    ctx.importer.import_path(seeds_dir / SEED_003)
    stored = ctx.vault.secrets_for_meeting(M2020)
    assert len(stored) == 1  # the other locked part is not in the kallelse (its placeholder only)
    ctx.lock()
    plan = removal.plan(ctx, M2020)
    assert plan.secret_parts == 2 and plan.needs_unlock
    with pytest.raises(removal.RemovalError) as err:
        removal.remove_meeting(ctx, M2020)
    assert "Lås upp" in err.value.sv
    assert ctx.repo.meeting(M2020) is not None  # nothing removed

    ctx.unlock(PASSPHRASE_TESTS)
    uid = stored[0]["uid"]
    part = ctx.sealed_parts.secret_part(uid)
    ctx.annotations.add_note(part["item_id"], "Hemlig fråga", secret_part_uid=uid)
    assert ctx.search.search("Hemlig fråga", include_secret=True) != []
    removal.remove_meeting(ctx, M2020)
    assert ctx.vault.secrets_for_meeting(M2020) == []
    assert ctx.vault.get_secret(uid) is None
    assert _count(ctx.paths.store, "SELECT COUNT(*) FROM secret_part") == 0
    assert ctx.search.search("Hemlig fråga", include_secret=True) == []


def test_the_examples_go_in_one_action_and_do_not_come_back(ctx, seeds_dir, tmp_path):
    import_demo(ctx, pdf=False)
    ctx.importer.import_path(seeds_dir / SEED_000)
    examples = example_meetings(ctx)
    assert len(examples) >= 3 and has_demo(ctx)
    first = sorted(examples)[0]
    ctx.annotations.add_note(ctx.repo.items(first)[0]["id"], "Prövar programmet")
    with pytest.raises(removal.RemovalError):
        removal.remove_examples(ctx)  # notes on an example: a folder for the export first
    assert example_meetings(ctx) == examples

    gone = removal.remove_examples(ctx, notes_folder=tmp_path)
    assert set(gone) == examples
    assert [m["id"] for m in ctx.repo.meetings()] == [M2024]
    assert "Prövar programmet" in _pdf_text(tmp_path / f"Mina anteckningar {first}.pdf")
    assert example_meetings(ctx) == set() and not has_demo(ctx)
    removal.remove_meeting(ctx, M2024)
    assert not removal.demo_wanted(ctx)  # empty, but the member removed the examples: not imported again
