"""The item views' data is gathered without Qt (services/item_view.py): what the window shows of an item."""

from __future__ import annotations

from botkyrka_nämnd.services.item_view import load_item
from botkyrka_nämnd.services.reading import ReadingService
from tests.conftest import SEED_000

CTX_VAULT = "locked"


def test_an_item_with_its_main_document_text_and_placeholders_only(ctx, seeds_dir):
    mid = ctx.importer.import_path(seeds_dir / SEED_000).meeting_id
    item = ctx.meetings.item(mid, 9)
    reading = ReadingService(ctx)
    try:
        data = load_item(ctx, reading, item["id"], lambda m: f"{m['committee']} {m['date']}")
    finally:
        reading.close()
    assert data.meeting_label == "Socialnämnden 2024-09-24"
    assert data.item["title"].startswith("Anmälnings") and data.vault_exists
    assert any(secs for secs in data.sections.values())  # the tjänsteskrivelse's text, shown inline
    assert all("text" not in p for p in data.secret_parts)  # locked: placeholders only
    assert data.state == "unread"
