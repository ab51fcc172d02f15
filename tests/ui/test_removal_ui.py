"""Removing a meeting in the window (issue 12): asked first, the member's notes exported to the file they
chose before anything is removed, the list and the open views follow; the examples in one action."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog

from botkyrka_nämnd.ui.dialogs import messages as msg
from tests.conftest import SEED_000

from .conftest import close_client, make_client

pytestmark = pytest.mark.seeds

MEETING = "botkyrka-sn-2024-09-24"


@pytest.fixture
def seeded(qapp, qtbot, empty_ctx, tmp_path, clock, messages, seeds_dir):
    ctx = empty_ctx
    ctx.importer.import_path(seeds_dir / SEED_000)
    item5 = ctx.repo.item(MEETING, 5)
    ctx.annotations.add_note(item5["id"], "Fråga om uppföljningen")
    c = make_client(qapp, ctx, tmp_path, clock)
    qtbot.waitExposed(c.window)
    yield c, item5
    close_client(c, qtbot)


def test_removing_a_meeting_asks_exports_the_notes_and_clears_the_views(qtbot, seeded, messages, tmp_path, monkeypatch):
    c, item5 = seeded
    w = c.window
    w.select_meeting(MEETING)
    w.open_item(item5["id"])
    assert w.act_remove_meeting.isEnabled() and not w.act_remove_examples.isEnabled()  # no examples here

    # the member says no: nothing happens, no file is asked for
    class No:
        def message(self, *a):
            messages.append(a[2:])

        def question(self, parent, title, text, yes):
            messages.append((title, text))
            return False

    previous = msg.use_boxes(No())
    asked: list = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or ("", ""))
    w.act_remove_meeting.trigger()
    msg.use_boxes(previous)
    title, text = messages[-1]
    assert title == "Ta bort mötet" and "9 ärenden" in text and "1 anteckning" in text and "exportfil" in text
    assert asked == [] and w.meetings_model.index_of(MEETING).isValid()

    out = tmp_path / "export" / "mina.pdf"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)"))
    w.act_remove_meeting.trigger()
    qtbot.waitUntil(lambda: not w.meetings_model.index_of(MEETING).isValid(), timeout=15000)
    assert out.is_file() and out.stat().st_size > 1000
    assert c.ctx.meetings.meetings() == []
    assert w.current_meeting is None and w.current_item is None
    assert w.reader.currentWidget() is w.welcome
    assert w.agenda_model.rowCount() == 0
    assert "2024" not in w.windowTitle()
    assert str(out) in w.statusBar().currentMessage()
    assert not w.act_remove_meeting.isEnabled()
    assert not [m for m in messages if m[0] == "crash"]


def test_the_examples_are_removed_in_one_action(qtbot, client, messages):
    w = client.window
    ctx = client.ctx
    assert w.act_remove_examples.isEnabled()
    examples = [m["id"] for m in ctx.meetings.meetings() if m["example"]]
    assert len(examples) >= 3
    w.act_remove_examples.trigger()
    qtbot.waitUntil(lambda: ctx.meetings.meetings() == [], timeout=20000)
    qtbot.waitUntil(lambda: not w.act_remove_examples.isEnabled(), timeout=5000)
    _title, text = next(m for m in messages if m[0] == "Ta bort exemplen")
    assert f"{len(examples)} exempelmöten" in text
    assert w.meetings_model.meeting_ids() == []
    assert w.reader.currentWidget() is w.welcome and "Inga kallelser" in w.welcome.label.text()
