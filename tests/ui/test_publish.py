"""The member makes a part locked on suspicion public in the window, and locks it again (issue 10)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl

from tests.conftest import SEED_000

from .conftest import PASSPHRASE, close_client, make_client

ROW = "9.\tAnmälningssärenden\tSN/2023:00460"


def _plain(browser) -> str:
    return " ".join(browser.toPlainText().split())


def test_an_over_locked_part_is_made_public_after_a_question_and_locked_again(
    qapp, qtbot, ctx, seeds_dir, tmp_path, clock, messages
):
    f = tmp_path / "k.txt"
    text = (seeds_dir / SEED_000).read_text(encoding="utf-8")
    f.write_text(text.replace(ROW, "9.\tAnmälningssärenden, Lex Sarah rapport 1702\tSN/2023:00460"), encoding="utf-8")
    mid = ctx.importer.import_path(f).meeting_id
    it = ctx.repo.item(mid, 9)
    uid = ctx.sealed_parts.secret_parts(it["id"])[0]["uid"]
    c = make_client(qapp, ctx, tmp_path, clock)
    try:
        w = c.window
        qtbot.waitExposed(w)
        w.open_item(it["id"])
        page = w.item_page
        assert "1702" not in _plain(page.browser) and "Gör offentlig" not in _plain(page.browser)
        w.act_unlock.trigger()
        qtbot.keyClicks(w.unlock_dialog.passphrase, PASSPHRASE)
        qtbot.keyClick(w.unlock_dialog.passphrase, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "1702" in _plain(page.browser), timeout=10000)
        assert "Inte sekretess? Gör offentlig…" in _plain(page.browser)
        page.browser.anchorClicked.emit(QUrl(f"action:publish/{uid}"))
        assert messages and messages[-1][0] == "Göra offentlig?" and "okrypterad" in messages[-1][1]
        w.act_lock.trigger()
        qtbot.waitUntil(lambda: not c.lock.is_unlocked)
        shown = _plain(page.browser)
        assert "1702" in shown and "Offentliggjord av dig (inte sekretess)" in shown and "Lås igen" in shown
        page.browser.anchorClicked.emit(QUrl(f"action:relock/{uid}"))
        shown = _plain(page.browser)
        assert "1702" not in shown and "Låst. Lås upp för att läsa." in shown
    finally:
        close_client(c, qtbot)
