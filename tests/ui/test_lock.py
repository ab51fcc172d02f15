"""Sekretess in the client: locked placeholder, unlock (and first-time set-up), the banner, every lock
trigger (button, idle, wall-clock jump, suspend/screen signals, minimise, vault), and what locking clears."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLineEdit

from botkyrka_nämnd.ui.views.reader import copy_blocked

from . import dbus_probe
from .conftest import PASSPHRASE, close_client, make_client, secret_item


def _secret_text(ctx, item_id) -> str:
    """The secret part's first words, with whitespace as the reader shows it."""
    ctx.unlock(PASSPHRASE)
    try:
        text = next(p["text"] for p in ctx.secret_parts(item_id) if p.get("text"))
    finally:
        ctx.lock()
    return " ".join(text.split())[:60]


def _plain(browser) -> str:
    return " ".join(browser.toPlainText().split())


def _unlock_via_dialog(qtbot, window, passphrase=PASSPHRASE):
    window.act_unlock.trigger()
    dlg = window.unlock_dialog
    assert dlg is not None and dlg.isVisible()
    qtbot.keyClicks(dlg.passphrase, passphrase)
    qtbot.keyClick(dlg.passphrase, Qt.Key.Key_Return)
    return dlg


def test_locked_item_shows_a_placeholder_only(window, ctx):
    it = secret_item(ctx)
    secret = _secret_text(ctx, it["id"])
    window.open_item(it["id"])
    text = window.item_page.browser.toPlainText()
    assert "Låst. Lås upp för att läsa." in text
    assert secret not in " ".join(text.split())
    assert not window.item_page.secret_banner.isVisible()
    assert window.act_unlock.isVisible() and not window.act_lock.isVisible()
    assert window.vault_label.text() == "Sekretess: låst"


def test_unlock_shows_content_under_a_banner_and_lock_clears_everything(qtbot, window, client, ctx):
    it = secret_item(ctx)
    secret = _secret_text(ctx, it["id"])
    window.open_item(it["id"])
    _unlock_via_dialog(qtbot, window)
    qtbot.waitUntil(lambda: client.lock.is_unlocked and window.act_lock.isVisible(), timeout=10000)
    page = window.item_page
    qtbot.waitUntil(lambda: secret in _plain(page.browser))
    assert page.secret_banner.isVisible()
    assert "Sekretessbelagt innehåll visas" in page.secret_banner.label.text()
    assert window.vault_label.text() == "Sekretess: upplåst"
    # the window title says it is open but never carries the secret or the item's title
    assert "sekretess upplåst" in window.windowTitle()
    assert secret[:20] not in window.windowTitle() and it["title"] not in window.windowTitle()
    # copying is off while secret text is shown
    assert copy_blocked(page.browser)
    QGuiApplication.clipboard().setText("kopierat innan")
    page.browser.selectAll()
    page.browser.copy()
    qtbot.keyClick(page.browser, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "kopierat innan"
    assert not page.browser.createMimeDataFromSelection().hasText()  # nor by dragging
    # the lock button: the vault closes and every view forgets the text
    window.act_lock.trigger()
    assert not ctx.vault.unlocked
    assert secret not in _plain(page.browser)
    assert "Låst. Lås upp för att läsa." in page.browser.toPlainText()
    assert not page.secret_banner.isVisible()
    assert all("text" not in p for p in page.data.secret_parts)
    assert window.vault_label.text() == "Sekretess: låst"
    assert "upplåst" not in window.windowTitle()


def test_wrong_passphrase_is_explained_and_retried(qtbot, window, client, ctx):
    dlg = _unlock_via_dialog(qtbot, window, "fel fras helt och hållet")
    qtbot.waitUntil(lambda: not dlg.busy and bool(dlg.status.text()), timeout=10000)
    assert "Fel lösenfras" in dlg.status.text()
    assert dlg.isVisible() and dlg.passphrase.text() == "" and not client.lock.is_unlocked


def test_idle_auto_lock_with_a_short_timeout(qapp, qtbot, ctx, tmp_path, clock, messages):
    c = make_client(qapp, ctx, tmp_path, clock, idle_seconds=2)
    try:
        w = c.window
        it = secret_item(ctx)
        w.open_item(it["id"])
        ctx.unlock(PASSPHRASE)
        c.lock.mark_unlocked()
        assert "text" in w.item_page.data.secret_parts[0]
        clock.advance(1.5)
        c.lock.check_idle()
        assert ctx.vault.unlocked  # not yet
        clock.advance(1.0)
        qtbot.waitUntil(lambda: not ctx.vault.unlocked, timeout=3000)  # the idle timer fires by itself
        assert all("text" not in p for p in w.item_page.data.secret_parts)
        assert not w.act_lock.isEnabled() and w.act_unlock.isEnabled()
        assert "låstes automatiskt" in w.statusBar().currentMessage()
    finally:
        close_client(c, qtbot)


def test_wall_clock_jump_locks_before_the_key_reaches_a_widget(qapp, qtbot, ctx, tmp_path, clock, messages):
    """A suspend stops monotonic timers; the next input event sees the wall-clock gap and locks first."""
    c = make_client(qapp, ctx, tmp_path, clock, idle_seconds=300)
    try:
        w = c.window
        w.open_item(secret_item(ctx)["id"])
        ctx.unlock(PASSPHRASE)
        c.lock.mark_unlocked()
        seen = []

        class Probe(QLineEdit):
            def keyPressEvent(self, ev):
                seen.append((ctx.vault.unlocked, any("text" in p for p in w.item_page.data.secret_parts)))
                super().keyPressEvent(ev)

        probe = Probe(w)
        probe.show()
        probe.setFocus()
        c.lock._timer.stop()  # only the event filter may notice
        clock.advance(3600)  # an hour of sleep
        qtbot.keyClick(probe, Qt.Key.Key_A)
        assert seen and seen[0] == (False, False)
        assert not ctx.vault.unlocked
    finally:
        close_client(c, qtbot)


def test_activity_keeps_it_open(qapp, qtbot, ctx, tmp_path, clock, messages):
    c = make_client(qapp, ctx, tmp_path, clock, idle_seconds=10)
    try:
        ctx.unlock(PASSPHRASE)
        c.lock.mark_unlocked()
        for _ in range(5):
            clock.advance(6)
            qtbot.keyClick(c.window.search_field, Qt.Key.Key_Shift)
            c.lock.check_idle()
        assert ctx.vault.unlocked
    finally:
        close_client(c, qtbot)


def test_suspend_and_screen_lock_signals(window, client, ctx):
    for slot in (
        lambda: client.lock.on_prepare_for_sleep(True),
        lambda: client.lock.on_screensaver_active(True),
        client.lock.on_session_lock,
    ):
        ctx.unlock(PASSPHRASE)
        client.lock.mark_unlocked()
        client.lock.on_prepare_for_sleep(False)  # waking up does not lock
        client.lock.on_screensaver_active(False)
        assert ctx.vault.unlocked
        slot()
        assert not ctx.vault.unlocked and not window.act_lock.isEnabled()


def test_minimise_locks(qtbot, window, client, ctx):
    window.open_item(secret_item(ctx)["id"])
    ctx.unlock(PASSPHRASE)
    client.lock.mark_unlocked()
    window.showMinimized()
    qtbot.waitUntil(lambda: not ctx.vault.unlocked, timeout=2000)
    assert all("text" not in p for p in window.item_page.data.secret_parts)


def test_a_lock_from_elsewhere_reaches_the_views(qtbot, window, client, ctx):
    """The vault locked by another part of the program (its lock listener) clears the views too."""
    it = secret_item(ctx)
    window.open_item(it["id"])
    ctx.unlock(PASSPHRASE)
    client.lock.mark_unlocked()
    assert "text" in window.item_page.data.secret_parts[0]
    ctx.vault.lock()
    qtbot.waitUntil(lambda: all("text" not in p for p in window.item_page.data.secret_parts), timeout=2000)
    assert window.act_unlock.isEnabled()


def test_lock_clears_clipboard_dialogs_and_meeting_mode(qtbot, window, client, ctx):
    it = secret_item(ctx)
    secret = _secret_text(ctx, it["id"])
    window.open_item(it["id"])
    ctx.unlock(PASSPHRASE)
    client.lock.mark_unlocked()
    window.set_meeting_mode(True)
    mm = window.meeting_mode
    assert secret in _plain(mm.browser) and mm.secret_banner.isVisible()
    QGuiApplication.clipboard().setText(secret[:40])  # e.g. typed over by hand into another program
    dlg = QDialog(window)
    dlg.setProperty("closeOnLock", True)
    dlg.show()
    client.lock.lock("manual")
    assert secret not in _plain(mm.browser) and not mm.secret_banner.isVisible()
    assert QGuiApplication.clipboard().text() == ""
    assert not dlg.isVisible()
    # a clipboard with something else is left alone
    QGuiApplication.clipboard().setText("mitt eget")
    ctx.unlock(PASSPHRASE)
    client.lock.mark_unlocked()
    client.lock.lock("manual")
    assert QGuiApplication.clipboard().text() == "mitt eget"


def test_first_unlock_sets_up_the_vault(qapp, qtbot, empty_ctx, tmp_path, clock, messages):
    c = make_client(qapp, empty_ctx, tmp_path, clock)
    try:
        w = c.window
        assert w.vault_label.text() == "Sekretess: inget valv ännu"
        w.act_unlock.trigger()
        dlg = w.unlock_dialog
        assert dlg.windowTitle() == "Skapa sekretessvalvet"
        assert "krypterat valv" in dlg.intro.text()
        dlg.passphrase.setText("kort")
        dlg.repeat.setText("kort")
        dlg.submit()
        assert "för kort" in dlg.status.text() and not empty_ctx.vault.exists()
        dlg.passphrase.setText(PASSPHRASE)
        dlg.repeat.setText(PASSPHRASE + "x")
        dlg.submit()
        assert "inte likadana" in dlg.status.text()
        dlg.repeat.setText(PASSPHRASE)
        dlg.submit()
        qtbot.waitUntil(lambda: empty_ctx.vault.exists() and c.lock.is_unlocked, timeout=10000)
        qtbot.waitUntil(lambda: w.vault_label.text() == "Sekretess: upplåst")
        assert messages and messages[-1][0] == "Valvet är skapat"
    finally:
        close_client(c, qtbot)


def test_unlock_runs_off_the_ui_thread(qtbot, window, client, ctx, monkeypatch):
    import threading

    threads = []
    real = ctx.unlock

    def spy(passphrase):
        threads.append(threading.get_ident())
        return real(passphrase)

    monkeypatch.setattr(ctx, "unlock", spy)
    _unlock_via_dialog(qtbot, window)
    qtbot.waitUntil(lambda: client.lock.is_unlocked, timeout=10000)
    assert threads and threads[0] != threading.main_thread().ident


def test_event_filter_only_counts_input(client, clock):
    from botkyrka_nämnd.ui.lock import INPUT_EVENTS

    assert QEvent.Type.KeyPress in INPUT_EVENTS and QEvent.Type.Paint not in INPUT_EVENTS
    before = client.lock.last_activity
    clock.advance(5)
    client.lock.eventFilter(client.window, QEvent(QEvent.Type.Paint))
    assert client.lock.last_activity == before


def test_screen_lock_signal_on_a_real_session_bus():
    """Under a private session bus (dbus-run-session), the ScreenSaver ActiveChanged signal locks."""
    res = dbus_probe.run_probe(*dbus_probe.FREEDESKTOP)
    assert res.connections == 3, res.output
    assert (res.reason, res.times, res.vault_unlocked) == ("screen", 1, False), res.output


def test_creating_the_vault_reads_again_the_files_imported_before_it(qapp, qtbot, empty_ctx, tmp_path, clock, messages):
    """Issue 12: a secret part imported before the vault existed is not lost. Creating the vault in the
    window imports the remembered file again in the background and says so; a file that is gone is listed."""
    import sqlite3
    from datetime import date

    from botkyrka_nämnd.demo import generate_meeting_text

    folder = tmp_path / "Hämtade filer"
    folder.mkdir()
    kept, gone = folder / "kallelse-mars.txt", folder / "kallelse-april.txt"
    for p, month in ((kept, 3), (gone, 4)):
        p.write_text(generate_meeting_text("Socialnämnden", "SN", date(2025, month, 3), seed=month, secret=True))
        assert empty_ctx.importer.import_path(p).secret_parts > 0
    gone.unlink()
    c = make_client(qapp, empty_ctx, tmp_path, clock)
    try:
        w = c.window
        w.act_unlock.trigger()
        dlg = w.unlock_dialog
        dlg.passphrase.setText(PASSPHRASE)
        dlg.repeat.setText(PASSPHRASE)
        with qtbot.waitSignal(w.import_finished, timeout=120_000):
            dlg.submit()
        title, text = messages[-1][0], messages[-1][1]
        assert title == "Valvet är skapat" and "läses in igen" in text and str(gone.resolve()) in text
        with sqlite3.connect(empty_ctx.paths.store) as conn:
            states = dict(
                conn.execute(
                    """SELECT m.date, MIN(s.content_state) FROM secret_part s JOIN agenda_item a ON a.id=s.item_id
                       JOIN meeting m ON m.id=a.meeting_id GROUP BY m.date"""
                ).fetchall()
            )
        assert states["2025-03-03"] in ("in_vault", "sealed") and states["2025-04-03"] == "missing"
    finally:
        close_client(c, qtbot)
