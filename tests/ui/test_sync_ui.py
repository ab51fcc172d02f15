"""Sync in the window (issue 13): a folder source added in "Källor för synkning", synced in the background,
the new meeting in the list and named in a notification, a file dropped into the watched folder arrives by
itself, a pulled-out USB stick is said in plain words in the status area."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import SEED_000, SEED_003

from .conftest import close_client, make_client

pytestmark = pytest.mark.seeds

M2024 = "botkyrka-sn-2024-09-24"
M2020 = "botkyrka-sn-2020-05-26"


@pytest.fixture
def client_empty(qapp, qtbot, empty_ctx, tmp_path, clock, messages):
    c = make_client(qapp, empty_ctx, tmp_path, clock)
    qtbot.waitExposed(c.window)
    yield c
    close_client(c, qtbot)


def test_a_folder_source_syncs_in_the_background_and_watches_the_folder(qtbot, client_empty, seeds_dir, tmp_path):
    w = client_empty.window
    sync = w.sync_ctl
    sync._settle.setInterval(200)
    inbox = tmp_path / "Hämtade filer"
    inbox.mkdir()
    shutil.copy(seeds_dir / SEED_000, inbox / "kallelse.txt")
    assert not sync.status.isVisible()  # no source yet: no sync area

    w.act_sources.trigger()
    dlg = w.sources_dialog
    dlg.kind.setCurrentIndex(dlg.kind.findData("folder"))
    dlg.name.setText("Nedladdningar")
    dlg.location.setText(str(inbox))
    with qtbot.waitSignal(sync.synced, timeout=30000) as blocker:
        assert dlg.add_source()
    (report,) = blocker.args[0]
    assert report.new == 1 and dlg.list.topLevelItemCount() == 1
    assert w.meetings_model.index_of(M2024).isValid()
    assert sync.status.isVisible() and sync.status.label.text().startswith("Synkad ")
    assert "Nya eller ändrade kallelser: Socialnämnden 24 september 2024" in sync.last_notice

    # the source's test says what it holds now
    dlg.test_selected()
    qtbot.waitUntil(lambda: "1 fil" in dlg.answer.text(), timeout=10000)
    dlg.close()

    # a file copied into the watched folder arrives by itself
    with qtbot.waitSignal(sync.synced, timeout=30000):
        shutil.copy(seeds_dir / SEED_003, inbox / "kallelse-2020.txt")
    qtbot.waitUntil(lambda: w.meetings_model.index_of(M2020).isValid(), timeout=30000)

    # the folder goes away (a USB stick pulled out): said plainly, nothing withdrawn
    shutil.rmtree(inbox)
    w.act_sync_now.trigger()  # (the watcher may start one too: a second request runs after it)
    qtbot.waitUntil(lambda: not sync.running and "USB" in sync.status.label.text(), timeout=30000)
    assert "Nedladdningar" in sync.status.label.text()
    assert w.meetings_model.index_of(M2024).isValid()


def test_sync_now_without_sources_says_how_to_add_one(qtbot, client_empty):
    from botkyrka_nämnd.ui.dialogs.settings_dialog import SettingsDialog

    w = client_empty.window
    dlg = SettingsDialog(w.view_ctl.settings, w)  # the sources are reachable from Inställningar too
    assert not dlg.sources_button.isHidden()
    dlg.sources_button.click()
    assert w.sources_dialog is not None and w.sources_dialog.isVisible()
    w.sources_dialog.close()
    dlg.close()
    w.act_sync_now.trigger()
    assert "Källor för synkning" in w.statusBar().currentMessage()
    assert not w.sync_ctl.running


def test_a_withdrawn_document_is_shown_as_withdrawn(qapp, qtbot, empty_ctx, tmp_path, clock, messages, seeds_dir):
    from botkyrka_nämnd.sync import engine

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(seeds_dir / SEED_000, inbox / "kallelse.txt")
    engine.add_source(empty_ctx, "folder", "Inkorg", str(inbox))
    engine.sync(empty_ctx)
    (inbox / "kallelse.txt").unlink()
    (r,) = engine.sync(empty_ctx)
    assert r.withdrawn == 1
    c = make_client(qapp, empty_ctx, tmp_path, clock)
    try:
        w = c.window
        item = empty_ctx.repo.item(M2024, 4)
        w.open_item(item["id"])
        labels = [w.item_page.documents_model.index(i).data() for i in range(w.item_page.documents_model.rowCount())]
        assert labels and all("(återkallad hos källan)" in t for t in labels)
        doc = empty_ctx.repo.documents(item["id"])[-1]
        w.open_document(doc["id"])
        note = w.document_page.version_note
        assert note.isVisible() and "Återkallad hos källan" in note.text()
    finally:
        close_client(c, qtbot)
