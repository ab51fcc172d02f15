"""Meeting mode for the meeting room (issue 12): the agenda strip has room for the titles (two lines), the
item's title follows the screen's size, and my highlights with their comments stand beside my notes,
each one click from its passage. On the real 2024-09-24 kallelse (seed 000)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl

from tests.conftest import SEED_000

from .conftest import close_client, make_client

pytestmark = pytest.mark.seeds

MEETING = "botkyrka-sn-2024-09-24"
QUOTE = "Ansökan ska vara Socialstyrelsen tillhanda senast 2024-10-01."


@pytest.fixture
def seeded(qapp, qtbot, empty_ctx, tmp_path, clock, messages, seeds_dir):
    ctx = empty_ctx
    ctx.importer.import_path(seeds_dir / SEED_000)
    item5 = ctx.repo.item(MEETING, 5)
    ctx.annotations.highlight_quote(item5["id"], QUOTE, comment="Hinner vi till den 1 oktober?")
    c = make_client(qapp, ctx, tmp_path, clock)
    qtbot.waitExposed(c.window)
    yield c, item5
    close_client(c, qtbot)


def test_meeting_mode_agenda_title_and_highlights(qtbot, seeded):
    c, item5 = seeded
    w = c.window
    w.select_meeting(MEETING)
    w.open_item(item5["id"])
    w.set_meeting_mode(True)
    mm = w.meeting_mode
    qtbot.waitUntil(lambda: mm.isVisible())

    # the agenda strip: about a quarter of the width, item 5's long title on two lines
    total = sum(mm.splitter.sizes())
    assert mm.splitter.sizes()[0] >= 0.2 * total
    model = mm.agenda.model()
    row = model.row_of(item5["id"])
    rect = mm.agenda.visualRect(model.index(row, 1))
    assert rect.height() >= 2 * mm.agenda.fontMetrics().height()

    # my highlight and its comment beside the notes; a click shows its passage in the text
    assert mm.highlights_label.text() == "Mina färgmarkeringar (1)"
    listed = mm.highlights.toPlainText()
    assert f"”{QUOTE}”" in listed and "Hinner vi till den 1 oktober?" in listed
    mm.highlights.anchorClicked.emit(QUrl("mark:0"))
    assert " ".join(mm.browser.textCursor().selectedText().split()) == QUOTE

    # the title follows the screen: larger on a wide screen, within bounds
    w.resize(1280, 760)
    qtbot.waitUntil(lambda: mm.width() <= 1280)
    small = mm.title.font().pointSize()
    w.resize(1900, 1000)
    qtbot.waitUntil(lambda: mm.width() > 1800)
    big = mm.title.font().pointSize()
    assert big > small and big <= round(small * 1.6)
    # another item without highlights says so
    mm.step.emit(1)
    qtbot.waitUntil(lambda: mm.data.item["id"] != item5["id"])
    assert mm.highlights_label.text() == "Mina färgmarkeringar (0)"
