"""The reading flows of the client on the demo data: select a meeting, open an item, open a bilaga as PDF
pages, continue where I stopped, notes, meeting mode."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtTest import QTest

from botkyrka_nämnd.ui.models.agenda import COL_TITLE
from botkyrka_nämnd.ui.models.roles import IdRole, StateRole, UnreadRole

from .conftest import first_item_with


def _click(qtbot, view, index, double: bool = False):
    rect = view.visualRect(index)
    (qtbot.mouseDClick if double else qtbot.mouseClick)(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _item_with_pdf_bilaga(client, meeting_id):
    for it in client.ctx.repo.items(meeting_id):
        docs = client.reading.documents(it["id"])
        bil = [
            d
            for d in docs
            if d["has_pdf"] and d["kind"] != "tjansteskrivelse" and (d["page_end"] or 0) > (d["page_start"] or 0)
        ]
        if bil:
            return it, bil[0]
    raise AssertionError("no multi-page PDF bilaga in the demo meeting")


def test_start_shows_meetings_and_selects_the_first(window, ctx):
    assert window.meetings_model.meeting_ids(), "demo meetings are listed"
    first = window.meetings_model.first_meeting().data(IdRole)
    assert window.current_meeting == first
    assert window.agenda_model.meeting_id == first
    assert window.agenda_model.rowCount() == len(ctx.repo.items(first))
    assert window.reader.currentWidget() is window.meeting_page  # the meeting's page, not an empty welcome
    title = window.windowTitle()
    m = ctx.meetings.meeting(first)
    assert first not in title and m["committee"] in title  # the body and the date, not the internal id
    assert str(int(m["date"][:4])) in title


def test_select_meeting_by_click(qtbot, window, ctx):
    committee = window.meetings_model.index(0, 0)
    second = window.meetings_model.index(1, 0, committee)
    _click(qtbot, window.meetings_view, second)
    mid = second.data(IdRole)
    qtbot.waitUntil(lambda: window.current_meeting == mid)
    assert [window.agenda_model.item_id(r) for r in range(window.agenda_model.rowCount())] == [
        i["id"] for i in ctx.repo.items(mid)
    ]
    from botkyrka_nämnd.ui.item_data import meeting_label

    assert window.agenda_label.text() == "Ä&rendelista – " + meeting_label(ctx.repo.meeting(mid))


def test_open_item_shows_text_documents_and_becomes_read(qtbot, window, client, ctx):
    mid = window.current_meeting
    item = first_item_with(ctx, mid, lambda it: bool(it["proposal"]) and it["ordinal"] == 2) or first_item_with(
        ctx, mid, lambda it: bool(it["proposal"])
    )
    row = window.agenda_model.row_of(item["id"])
    unread_before = window.meetings_model.index_of(mid).data(UnreadRole)
    _click(qtbot, window.agenda_view, window.agenda_model.index(row, COL_TITLE))
    qtbot.waitUntil(lambda: window.current_item == item["id"])
    page = window.item_page
    assert window.reader.currentWidget() is page
    assert page.title.text() == f"{item['ordinal']}. {item['title']}"
    html = page.browser.toHtml()
    assert "Förslag till beslut" in page.browser.toPlainText()
    assert " ".join(item["proposal"].split())[:40] in " ".join(page.browser.toPlainText().split())
    assert "#fff6d5" in html  # the proposed decision is highlighted
    docs = client.reading.documents(item["id"])
    assert page.documents_model.rowCount() == len(docs)
    # read after the dwell time, in the model, the store and the meeting's badge
    qtbot.waitUntil(lambda: window.agenda_model.index(row, 0).data(StateRole) == "read", timeout=5000)
    assert client.reading.item_state(item["id"]) == "read"
    assert window.meetings_model.index_of(mid).data(UnreadRole) == unread_before - 1
    # the window title names the meeting and number, never the item's title
    assert f"ärende {item['ordinal']}" in window.windowTitle()
    assert item["title"] not in window.windowTitle()


def test_open_bilaga_as_pdf_pages(qtbot, window, client, ctx):
    item, bilaga = _item_with_pdf_bilaga(client, window.current_meeting)
    window.open_item(item["id"])
    row = window.item_page.documents_model.row_of(bilaga["id"])
    _click(qtbot, window.item_page.documents, window.item_page.documents_model.index(row))
    qtbot.waitUntil(lambda: window.reader.currentWidget() is window.document_page)
    dp = window.document_page
    assert dp.is_pdf
    n = bilaga["page_end"] - bilaga["page_start"] + 1
    assert dp.page_total() == n  # only the bilaga's own pages, not the whole kallelse
    assert dp.current_page() == 1 and dp.page_count.text() == f"av {n}"
    assert dp.first_page == bilaga["page_start"]
    # page navigation
    qtbot.mouseClick(dp.next_page, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dp.current_page() == 2)
    assert dp.page_box.value() == 2
    dp.page_box.setValue(n)
    qtbot.waitUntil(lambda: dp.current_page() == n)
    # zoom
    dp.zoom_step(1)
    assert dp.view.zoomMode() == QPdfView.ZoomMode.Custom and dp.zoom_label.text().endswith("%")
    dp.fit_width()
    assert dp.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    # the page is remembered for this document
    qtbot.waitUntil(lambda: client.reading.last_page(bilaga["id"]) == n, timeout=5000)
    assert client.reading.document_state(bilaga["id"]) == "read"
    # back to the item, and reopening continues at the remembered page
    window.go_back()
    assert window.reader.currentWidget() is window.item_page
    window.open_document(bilaga["id"])
    assert dp.current_page() == n


def test_find_in_document(qtbot, window, client, ctx):
    _item, bilaga = _item_with_pdf_bilaga(client, window.current_meeting)
    text = ctx.repo.document_text(bilaga["id"])
    word = next(w for w in text.split() if len(w) > 8 and w.isalpha())
    window.open_document(bilaga["id"], 1)
    dp = window.document_page
    dp.find(word)
    qtbot.waitUntil(lambda: dp.match_count() > 0, timeout=10000)
    qtbot.waitUntil(lambda: dp.find_status.text().startswith("1 av"), timeout=5000)
    if dp.match_count() > 1:
        dp.find_next()
        assert dp.find_status.text().startswith("2 av")
    dp.find("zzqqxx")
    qtbot.waitUntil(lambda: dp.find_status.text() == "Inga träffar", timeout=5000)


def test_ctrl_f_in_document_goes_to_the_find_box(qtbot, window, client):
    item, bilaga = _item_with_pdf_bilaga(client, window.current_meeting)
    window.open_document(bilaga["id"], 1)
    window.activateWindow()
    window.document_page.view.setFocus()
    qtbot.waitUntil(lambda: window.document_page.view.hasFocus())
    window.act_search.trigger()
    assert window.document_page.find_box.hasFocus()
    window.item_page.browser.setFocus()
    window.open_item(item["id"])
    window.act_search.trigger()
    assert window.search_field.hasFocus()


def test_continue_where_i_stopped(qapp, qtbot, ctx, tmp_path, clock, messages):
    """Stop in a bilaga on page 2, quit; the next start continues there."""
    from .conftest import close_client, make_client

    c = make_client(qapp, ctx, tmp_path, clock)
    window = c.window
    item, bilaga = _item_with_pdf_bilaga(c, window.current_meeting)
    window.open_document(bilaga["id"], 2)
    qtbot.waitUntil(lambda: window.document_page.current_page() == 2)
    close_client(c, qtbot)

    c2 = make_client(qapp, ctx, tmp_path, clock)
    try:
        w = c2.window
        other = w.meetings_model.meeting_ids()[-1]
        w.select_meeting(other)
        assert w.current_meeting == other
        w.act_continue.trigger()
        assert w.current_meeting == item["meeting_id"]
        assert w.reader.currentWidget() is w.document_page
        assert w.document_page.document_id == bilaga["id"]
        qtbot.waitUntil(lambda: w.document_page.current_page() == 2)
    finally:
        close_client(c2, qtbot)


def test_next_and_previous_item(window, ctx):
    items = ctx.repo.items(window.current_meeting)
    window.open_item(items[0]["id"])
    window.act_next_item.trigger()
    assert window.current_item == items[1]["id"]
    window.act_prev_item.trigger()
    window.act_prev_item.trigger()  # stays at the first
    assert window.current_item == items[0]["id"]


def test_notes_are_saved_and_marked_in_the_agenda(qtbot, window, ctx):
    item = ctx.repo.items(window.current_meeting)[1]
    window.open_item(item["id"])
    editor = window.item_page.notes
    editor.edit.setFocus()
    qtbot.keyClicks(editor.edit, "Fraga om kostnaden")
    QTest.sendKeyEvent(QTest.KeyAction.Click, editor.edit, Qt.Key.Key_unknown, "ö", Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: re.fullmatch(r"Sparad \d\d:\d\d", editor.status.text()) is not None, timeout=5000)
    assert ctx.annotations.item_note(item["id"])["body"] == "Fraga om kostnadenö"
    row = window.agenda_model.row_of(item["id"])
    qtbot.waitUntil(lambda: window.agenda_model.index(row, 0).data(Qt.ItemDataRole.UserRole + 7) == 1)
    # switching item saves at once; coming back shows the note
    qtbot.keyClicks(editor.edit, " 2")
    window.open_item(ctx.repo.items(window.current_meeting)[2]["id"])
    qtbot.waitUntil(
        lambda: (ctx.annotations.item_note(item["id"]) or {}).get("body") == "Fraga om kostnadenö 2", timeout=5000
    )
    window.open_item(item["id"])
    assert editor.text() == "Fraga om kostnadenö 2"


def test_meeting_mode_jump_next_previous(qtbot, window, ctx):
    items = [it for it in ctx.repo.items(window.current_meeting) if it["ordinal"] is not None]
    window.open_item(items[0]["id"])
    window.act_meeting_mode.trigger()
    mm = window.meeting_mode
    assert window.central.currentWidget() is mm and window.in_meeting_mode
    assert mm.font_pt * 1.5 <= mm.browser.font().pointSize()  # large type
    mm.setFocus()
    qtbot.keyClick(mm, Qt.Key.Key_3)
    assert mm.jump_label.text() == "Gå till ärende 3"
    qtbot.keyClick(mm, Qt.Key.Key_Return)
    target = next(it for it in items if it["ordinal"] == 3)
    assert window.current_item == target["id"]
    assert mm.title.text().startswith("3. ")
    last = max(it["ordinal"] for it in items)
    assert mm.position.text() == f"Ärende 3 av {last}"  # the printed number, not the row
    qtbot.keyClick(mm, Qt.Key.Key_Right)
    assert mm.title.text().startswith("4. ")
    qtbot.keyClick(mm, Qt.Key.Key_Left)
    qtbot.keyClick(mm, Qt.Key.Key_Left)
    assert mm.title.text().startswith("2. ")
    # two digits, committed by the pause
    qtbot.keyClick(mm, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: mm.title.text().startswith("1. "), timeout=4000)
    # a number that is not on the agenda says so and stays
    qtbot.keyClicks(mm, "99")
    qtbot.keyClick(mm, Qt.Key.Key_Return)
    assert "99" in mm.jump_label.text() and mm.title.text().startswith("1. ")
    # notes side by side: the item's note is in the editor
    assert mm.notes.isVisible() and mm.notes.item_id == window.current_item
    qtbot.keyClick(mm, Qt.Key.Key_Escape)
    assert not window.in_meeting_mode
    assert window.reader.currentWidget() is window.item_page and window.item_page.item_id == window.current_item


def test_font_size_setting(window):
    before = window.item_page.browser.font().pointSize()
    window.act_bigger.trigger()
    assert window.item_page.browser.font().pointSize() > before
    assert window.settings.text_scale == 110 and window.item_page.browser.font().pointSize() == 12
    window.act_fit.trigger()
    assert window.settings.text_scale == 100 and window.item_page.browser.font().pointSize() == 11


def test_window_geometry_is_remembered(qapp, qtbot, ctx, tmp_path, clock, messages):
    from .conftest import close_client, make_client

    c = make_client(qapp, ctx, tmp_path, clock)
    c.window.resize(790, 560)
    c.window.splitter.setSizes([150, 640])
    qtbot.wait(20)
    left = c.window.splitter.sizes()[0]
    size = (c.window.width(), c.window.height())  # 560 high or the window's minimum, if higher
    assert size[0] == 790 and 560 <= size[1] <= 666  # fits a 1366x768 laptop's screen with a panel
    close_client(c, qtbot)
    assert (tmp_path / "settings.ini").exists()
    c2 = make_client(qapp, ctx, tmp_path, clock)
    try:
        assert (c2.window.width(), c2.window.height()) == size
        assert c2.window.splitter.sizes()[0] == left
    finally:
        close_client(c2, qtbot)


def test_another_item_opens_at_its_top(qtbot, window, ctx):
    """Issue 12: the previous item's scroll position is not kept, so "Förslag till beslut" is in sight."""
    items = [it for it in ctx.repo.items(window.current_meeting) if it["ordinal"] is not None]
    window.resize(1000, 500)
    bar = window.item_page.browser.verticalScrollBar()
    long_item = None
    for it in items:
        window.open_item(it["id"])
        if bar.maximum() > 200:
            long_item = it
            break
    assert long_item is not None, "the demo meeting has an item longer than the view"
    bar.setValue(bar.maximum())
    window.item_page.render()  # the same item shown again (a highlight added): the place is kept
    assert bar.value() == bar.maximum() > 0
    other = next(it for it in items if it["id"] != long_item["id"])
    window.open_item(other["id"])
    assert bar.value() == 0
    window.open_item(long_item["id"])
    assert bar.value() == 0


@pytest.mark.parametrize(
    ("screen", "expected"),
    [((0, 0, 1366, 768), (1280, 691)), ((0, 27, 1366, 741), (1280, 666)), ((0, 0, 1920, 1080), (1280, 820))],
)
def test_the_first_window_fits_the_screen(screen, expected):
    """Issue 12: geometry from the screen, not a fixed size: at 1366x768 (a panel of 27 px included) the
    whole window, status bar too, is on the screen."""
    from PySide6.QtCore import QRect

    from botkyrka_nämnd.ui.controllers.view_settings import first_geometry

    avail = QRect(*screen)
    g = first_geometry(avail)
    assert (g.width(), g.height()) == expected
    frame = 40  # title bar and borders of a typical window manager
    assert avail.contains(g.adjusted(0, -frame // 2, 0, frame // 2))


def test_a_window_remembered_on_a_larger_screen_is_fitted(qapp, qtbot, ctx, tmp_path, clock, messages):
    from .conftest import close_client, make_client

    c = make_client(qapp, ctx, tmp_path, clock, size=None)
    c.window.resize(1900, 1200)  # larger than the test screen
    close_client(c, qtbot)
    c2 = make_client(qapp, ctx, tmp_path, clock, size=None)
    try:
        avail = c2.window.screen().availableGeometry()
        assert c2.window.width() <= avail.width() and c2.window.height() <= avail.height()
    finally:
        close_client(c2, qtbot)


def test_the_agenda_wraps_titles_on_two_lines_with_the_dnr_and_no_empty_status_heading(window, ctx):
    from PySide6.QtWidgets import QStyleOptionViewItem

    from botkyrka_nämnd.ui.models.agenda import COL_STATUS
    from botkyrka_nämnd.ui.models.roles import CaseRole
    from botkyrka_nämnd.ui.widgets.delegates import AgendaTitleDelegate

    model, view = window.agenda_model, window.agenda_view
    assert model.headerData(COL_STATUS, Qt.Orientation.Horizontal) == ""
    assert model.headerData(COL_STATUS, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole) == "Status"
    delegate = view.itemDelegateForColumn(COL_TITLE)
    assert isinstance(delegate, AgendaTitleDelegate)
    items = ctx.repo.items(window.current_meeting)
    longest = max(range(len(items)), key=lambda r: len(items[r]["title"]))
    idx = model.index(longest, COL_TITLE)
    assert idx.data(CaseRole) and idx.data(CaseRole) in idx.data(Qt.ItemDataRole.ToolTipRole)
    opt = QStyleOptionViewItem()
    opt.initFrom(view)
    delegate.initStyleOption(opt, idx)
    lines = delegate._layout(opt, 160)
    assert len(lines) == 2 and lines[1].endswith("…")  # two lines at the most
    line_h = opt.fontMetrics.height()
    assert delegate.sizeHint(opt, idx).height() >= 2 * line_h  # room for the title and its Dnr


def test_a_newly_opened_document_starts_with_an_empty_find_box(qtbot, window, client, ctx):
    mid = window.current_meeting
    docs = []
    for it in ctx.repo.items(mid):
        docs += [d for d in client.reading.documents(it["id"]) if d["has_pdf"]]
    assert len(docs) >= 2, "the demo meeting has two documents with pages"
    window.open_document(docs[0]["id"], 1)
    dp = window.document_page
    dp.find_box.setText("budget")
    window.open_document(docs[0]["id"], 1)  # the same document again: the search stays
    assert dp.find_box.text() == "budget"
    window.open_document(docs[1]["id"], 1)
    assert dp.find_box.text() == ""


def test_page_down_scrolls_a_text_document(qtbot, window, ctx):
    """A document without PDF pages (imported from text) is read in the text view: PageDown/PageUp scroll it."""
    mid = window.current_meeting
    doc = max(
        (d for it in ctx.repo.items(mid) for d in ctx.repo.documents(it["id"])),
        key=lambda d: len(ctx.repo.document_text(d["id"])),
    )
    dp = window.document_page
    dp.show_text(doc, ctx.repo.sections(doc["id"]))
    window.reader.setCurrentWidget(dp)
    window.resize(1000, 500)
    qtbot.wait(20)
    bar = dp.text.verticalScrollBar()
    assert not dp.is_pdf and bar.maximum() > 0
    bar.setValue(0)
    dp.text.setFocus()
    qtbot.keyClick(dp.text, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    qtbot.keyClick(dp.text, Qt.Key.Key_PageUp)
    assert bar.value() == 0
