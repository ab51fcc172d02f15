"""The changes view in the real window (issue 12): a re-issue of the 2024-09-24 kallelse changes item 5's
amount; the item's banner and the Go menu show what changed, word by word, computed off the UI thread."""

from __future__ import annotations

import pytest

from botkyrka_nämnd.services.reading import ReadingService
from tests.conftest import SEED_000

from .conftest import close_client, make_client

pytestmark = pytest.mark.seeds

MEETING = "botkyrka-sn-2024-09-24"


@pytest.fixture
def reissued(qapp, qtbot, empty_ctx, tmp_path, clock, messages, seeds_dir):
    ctx = empty_ctx
    ctx.importer.import_path(seeds_dir / SEED_000)
    item = ctx.repo.item(MEETING, 5)
    reading = ReadingService(ctx)
    reading.mark_item_read(item["id"])  # read before the re-issue: "changed since you read it"
    assert reading.flush(wait_ms=2000)
    reading.close()
    v2 = tmp_path / "v2.txt"
    v2.write_text((seeds_dir / SEED_000).read_text(encoding="utf-8").replace("755 000 kronor", "810 000 kronor"))
    ctx.importer.import_path(v2)
    c = make_client(qapp, ctx, tmp_path, clock)
    qtbot.waitExposed(c.window)
    yield c, item
    close_client(c, qtbot)


def test_the_banner_shows_what_changed_in_the_item(qtbot, reissued):
    c, item = reissued
    w = c.window
    w.select_meeting(MEETING)
    assert w.open_item(item["id"])
    banner = w.item_page.changed_banner
    assert banner.isVisible() and banner.button.isVisible() and banner.button.text() == "Visa vad som ändrats"
    banner.button.click()
    dlg = w.nav.changes_dialog
    qtbot.waitUntil(lambda: dlg.found is not None, timeout=10000)
    assert dlg.isVisible() and "ärende 5" in dlg.windowTitle()
    text = dlg.browser.toPlainText()
    assert "755 000" in text and "810 000" in text and "version 1 → 2" in text
    html = dlg.browser.toHtml()
    assert "line-through" in html and "underline" in html and "font-weight" in html  # amounts stand out
    dlg.close()


def test_the_meeting_summary_from_the_go_menu(qtbot, reissued):
    c, _item = reissued
    w = c.window
    w.select_meeting(MEETING)
    w.act_changes.trigger()
    dlg = w.nav.changes_dialog
    qtbot.waitUntil(lambda: dlg.found is not None, timeout=10000)
    assert "Nytt och ändrat sedan du läste" in dlg.windowTitle()
    assert {c.item_number for c in dlg.found} == {5}
    assert dlg.browser.toPlainText().count("5. Ansökan om statsbidrag") >= 1
    dlg.close()
