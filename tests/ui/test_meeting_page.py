"""A meeting's page (issue 12): selecting a meeting shows its body, date, time, place, chair, secretary,
group meetings and the whole agenda (full titles, Dnr, kind, proposal, my position and notes, what changed);
an item's title opens it. On the real 2024-09-24 kallelse (seed 000)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl

from tests.conftest import SEED_000

from .conftest import close_client, make_client

pytestmark = pytest.mark.seeds

MEETING = "botkyrka-sn-2024-09-24"
TITLE_5 = (
    "Ansökan om statsbidrag för att stärka arbetet med att hjälpa våldsutsatta att ordna stadigvarande boende 2025"
)


@pytest.fixture
def seeded(qapp, qtbot, empty_ctx, tmp_path, clock, messages, seeds_dir):
    ctx = empty_ctx
    ctx.importer.import_path(seeds_dir / SEED_000)
    item5 = ctx.repo.item(MEETING, 5)
    ctx.annotations.set_position(item5["id"], "for")
    ctx.annotations.add_note(item5["id"], "Fråga om uppföljningen")
    c = make_client(qapp, ctx, tmp_path, clock)
    qtbot.waitExposed(c.window)
    yield c, item5
    close_client(c, qtbot)


def test_selecting_a_meeting_shows_its_page(qtbot, seeded):
    c, item5 = seeded
    w = c.window
    w.select_meeting(MEETING)
    assert w.reader.currentWidget() is w.meeting_page
    text = w.meeting_page.browser.toPlainText()
    for expected in (
        "Socialnämnden",
        "Botkyrka kommun",
        "24 september 2024",
        "kl. 18:00",
        "Xenter, Utbildningsvägen 3 i Tumba",
        "Carl Widercrantz (TUP)",
        "Anneli Sjöberg",
        "Majoritetsgruppen träffas kl. 17:30",
        TITLE_5,  # the full title, not cut
        "SN/2024:00303",
        "Beslutsärende",
        "755 000 kronor",
        "min hållning: För",
        "1 anteckning",
    ):
        assert expected in text, expected
    # the whole agenda, in order
    numbers = [r.number for r in w.meeting_page.data.rows]
    assert [n for n in numbers if n] == [str(n) for n in range(1, len([n for n in numbers if n]) + 1)]
    # a title opens its item
    w.meeting_page.browser.anchorClicked.emit(QUrl(f"item:{item5['id']}"))
    assert w.current_item == item5["id"] and w.reader.currentWidget() is w.item_page
    # a click on the meeting in the list goes back to its page
    w.meetings_view.clicked.emit(w.meetings_model.index_of(MEETING))
    assert w.reader.currentWidget() is w.meeting_page


def test_demo_meetings_are_marked_as_examples_everywhere(window, ctx):
    """The demo data set's meetings are invented: the list, the meeting's page and the item say so."""
    mid = window.current_meeting
    assert ctx.meetings.meeting(mid)["example"]
    idx = window.meetings_model.index_of(mid)
    assert idx.data().endswith("· Exempel")
    window.meetings_view.clicked.emit(idx)
    assert "Exempel: en påhittad kallelse" in window.meeting_page.browser.toPlainText()
    item = next(it for it in ctx.repo.items(mid) if it["ordinal"] is not None)
    window.open_item(item["id"])
    assert "Exempel (påhittat)" in window.item_page.meta.text()


def test_a_real_meeting_is_not_marked(qtbot, seeded):
    c, _item5 = seeded
    w = c.window
    w.select_meeting(MEETING)
    assert not c.ctx.meetings.meeting(MEETING)["example"]
    assert "Exempel" not in w.meetings_model.index_of(MEETING).data()
    assert "Exempel" not in w.meeting_page.browser.toPlainText()
