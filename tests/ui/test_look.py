"""Every laptop, every reader (issue 12 §4): the toolbar hides nothing at laptop widths, the text size scales
the whole interface and is remembered, the settings dialog is wide enough for its title."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QToolButton

from .conftest import PASSPHRASE, close_client, make_client


def toolbar_problems(window) -> list[str]:
    """What the toolbar does not show: its overflow button, or a visible action without a visible button
    inside the toolbar."""
    tb = window.toolbar
    out = []
    ext = tb.findChild(QToolButton, "qt_toolbar_ext_button")
    if ext is not None and ext.isVisible():
        out.append("overflow button")
    for a in tb.actions():
        if not a.isVisible() or a.isSeparator():
            continue
        w = tb.widgetForAction(a)
        if w is None or not w.isVisible() or not tb.rect().contains(w.geometry()):
            out.append(a.iconText() or type(w).__name__)
    return out


def _settle(qtbot, window, width: int) -> None:
    window.resize(width, 666)
    qtbot.waitUntil(lambda: window.toolbar.width() == window.width(), timeout=3000)
    QApplication.processEvents()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_toolbar_hides_no_action_at_laptop_widths(qapp, qtbot, ctx, tmp_path, clock, messages, lang):
    from botkyrka_nämnd.ui import scale

    c = make_client(qapp, ctx, tmp_path, clock, lang=lang, size=(1280, 666))
    w = c.window
    try:
        qtbot.waitExposed(w)
        assert len([a for a in w.toolbar.actions() if a.isVisible() and not a.isSeparator()]) == 8
        for value in (100, 125):
            w.apply_text_scale(value)
            for width in (1280, 1366, 1440):
                _settle(qtbot, w, width)
                assert w.toolbar.width() == width
                assert toolbar_problems(w) == [], (lang, value, width)
                # at these sizes the labels stand beside the icons
                assert w.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon, (value, width)
        # unlocked: "Lås nu" instead of "Lås upp" (another label, another width)
        ctx.unlock(PASSPHRASE)
        c.lock.mark_unlocked()
        w.update_lock_ui()
        _settle(qtbot, w, 1280)
        assert w.act_lock.isVisible() and toolbar_problems(w) == []
        # a narrow window or a large text size: labels go under the icons, then icons only; nothing hides
        for value, width in ((150, 1280), (200, 1280), (200, 900)):
            w.apply_text_scale(value)
            _settle(qtbot, w, width)
            assert toolbar_problems(w) == [], (value, width)
        assert w.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
        button = w.toolbar.widgetForAction(w.act_overview)
        assert button.toolTip() and button.text()  # the name is still there for tooltips and screen readers
    finally:
        close_client(c, qtbot)
        scale.apply(100)


def _sizes(w) -> dict[str, float]:
    agenda = w.agenda_view
    index = agenda.model().index(0, 1)
    row_font = index.data(Qt.ItemDataRole.FontRole) or QFont()
    row_font = QFont(row_font).resolve(agenda.font())
    button = w.import_progress.cancel
    assert isinstance(button, QPushButton)
    return {
        "toolbar button": w.toolbar.widgetForAction(w.act_import).font().pointSizeF(),
        "label": w.meetings_label.font().pointSizeF(),
        "push button": button.font().pointSizeF(),
        "agenda row": row_font.pointSizeF(),
        "agenda row height": agenda.sizeHintForRow(0),
        "toolbar icon": w.toolbar.iconSize().width(),
    }


def test_text_size_scales_the_whole_interface_and_is_remembered(qapp, qtbot, ctx, tmp_path, clock, messages):
    from botkyrka_nämnd.ui import scale
    from botkyrka_nämnd.ui.dialogs.settings_dialog import SettingsDialog

    c = make_client(qapp, ctx, tmp_path, clock)
    try:
        w = c.window
        qtbot.waitExposed(w)
        normal = _sizes(w)
        assert w.settings.text_scale == 100
        dlg = SettingsDialog(w.settings, w)
        assert [dlg.text_scale.itemData(i) for i in range(dlg.text_scale.count())] == [90, 100, 110, 125, 150, 175, 200]
        dlg.text_scale.setCurrentIndex(dlg.text_scale.findData(150))
        w.apply_settings(dlg.values())
        dlg.deleteLater()
        big = _sizes(w)
        for key in ("toolbar button", "label", "push button", "agenda row"):
            assert abs(big[key] - 1.5 * normal[key]) <= 1, (key, normal[key], big[key])
        assert big["agenda row height"] >= 1.3 * normal["agenda row height"]
        assert big["toolbar icon"] == round(1.5 * normal["toolbar icon"])
        assert w.item_page.browser.font().pointSize() == round(11 * 1.5)
        dialog_label = SettingsDialog(w.settings, w).findChild(QLabel)
        assert abs(dialog_label.font().pointSizeF() - 1.5 * normal["label"]) <= 1  # dialogs too
        close_client(c, qtbot)
        c = make_client(qapp, ctx, tmp_path, clock)  # a restart on the same data folder
        qtbot.waitExposed(c.window)
        assert c.window.settings.text_scale == 150
        again = _sizes(c.window)
        for key in ("toolbar button", "label", "push button", "agenda row"):
            assert abs(again[key] - 1.5 * normal[key]) <= 1, key
    finally:
        close_client(c, qtbot)
        scale.apply(100)


def test_text_size_keys(window, qtbot):
    from botkyrka_nämnd.ui import scale

    window.activateWindow()
    qtbot.waitActive(window)
    window.agenda_view.setFocus()
    base = QApplication.font().pointSizeF()
    try:
        qtbot.keyClick(window.agenda_view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
        assert window.settings.text_scale == 110
        assert QApplication.font().pointSizeF() == pytest.approx(base * 1.1)
        qtbot.keyClick(window.agenda_view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
        assert window.settings.text_scale == 125
        qtbot.keyClick(window.agenda_view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
        assert window.settings.text_scale == 110
        qtbot.keyClick(window.agenda_view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
        assert window.settings.text_scale == 100
        assert QApplication.font().pointSizeF() == pytest.approx(base)
    finally:
        scale.apply(100)


def test_a_heading_follows_a_later_text_size_change(window):
    heading = window.search_page.heading
    before = heading.font().pointSizeF()
    try:
        window.apply_text_scale(200)
        assert heading.font().pointSizeF() == pytest.approx(2 * before, abs=0.6)
        assert heading.font().bold()
    finally:
        window.apply_text_scale(100)
    assert heading.font().pointSizeF() == pytest.approx(before)


@pytest.mark.parametrize(("stored", "expected"), [(9, 90), (11, 100), (12, 110), (14, 125), (16, 150), (20, 175)])
def test_an_old_point_size_is_read_as_a_percentage(tmp_path, stored, expected):
    from botkyrka_nämnd.ui.settings import Settings

    (tmp_path / "settings.ini").write_text(f"[ui]\nfont_size={stored}\n", encoding="utf-8")
    s = Settings(tmp_path / "settings.ini")
    assert s.text_scale == expected
    s.text_scale = 200
    assert Settings(tmp_path / "settings.ini").text_scale == 200  # the new value wins from now on


def test_an_old_point_size_still_works_in_the_client(qapp, qtbot, ctx, tmp_path, clock, messages):
    from botkyrka_nämnd.ui import scale

    (tmp_path / "settings.ini").write_text("[ui]\nfont_size=16\n", encoding="utf-8")
    c = make_client(qapp, ctx, tmp_path, clock)
    try:
        assert c.window.text_scale == 150
        assert c.window.item_page.browser.font().pointSize() == round(11 * 1.5)
    finally:
        close_client(c, qtbot)
        scale.apply(100)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_settings_dialog_is_wide_enough_for_its_title(qapp, qtbot, ctx, tmp_path, clock, messages, lang):
    from botkyrka_nämnd import APP_DISPLAY_NAME
    from botkyrka_nämnd.ui.dialogs.settings_dialog import SettingsDialog

    c = make_client(qapp, ctx, tmp_path, clock, lang=lang)
    try:
        dlg = SettingsDialog(c.window.settings, c.window)
        dlg.show()
        qtbot.waitExposed(dlg)
        title = dlg.windowTitle()
        assert 0 < len(title) <= 16  # "Inställningar" / "Settings"
        bold = QFont(dlg.font())
        bold.setBold(True)
        shown = QFontMetrics(bold).horizontalAdvance(title + " – " + APP_DISPLAY_NAME)
        assert dlg.width() >= shown + 100  # room for the window manager's icon and buttons
        dlg.close()
    finally:
        close_client(c, qtbot)


def test_built_in_tags_are_shown_in_english_and_stored_in_swedish(qapp, qtbot, ctx, tmp_path, clock, messages):
    english = ["motion", "question", "conflict of interest", "to read", "important"]
    c = make_client(qapp, ctx, tmp_path, clock, lang="en")
    try:
        w = c.window
        items = [it for it in ctx.repo.items(w.current_meeting) if it["ordinal"] is not None]
        w.open_item(items[0]["id"])
        notes = w.item_page.notes
        chips = {tag: b.text() for tag, b in notes.tag_buttons.items()}
        assert chips == dict(zip(["yrkande", "fråga", "jäv", "att läsa", "viktigt"], english))
        assert notes.tag_buttons["jäv"].accessibleName() == "Tag: conflict of interest"
        notes.edit.setPlainText("Ask about Alby")
        qtbot.mouseClick(notes.tag_buttons["fråga"], Qt.MouseButton.LeftButton)
        w.flush_drafts()
        qtbot.waitUntil(lambda: (ctx.annotations.item_note(items[0]["id"]) or {}).get("tags") == ["fråga"])
        w.act_overview.trigger()
        page = w.overview_page
        qtbot.waitUntil(lambda: page.tag_filter.findData("fråga") >= 0)
        assert page.tag_filter.itemText(page.tag_filter.findData("fråga")) == "question"  # stored value as data
        texts = []
        model = page.model
        for g in range(model.rowCount()):
            parent = model.index(g, 0)
            texts += [str(model.index(r, 0, parent).data()) for r in range(model.rowCount(parent))]
        assert any("#question" in t for t in texts) and not any("#fråga" in t for t in texts)
    finally:
        close_client(c, qtbot)


def test_built_in_tags_keep_their_swedish_names_in_swedish(window, ctx):
    items = [it for it in ctx.repo.items(window.current_meeting) if it["ordinal"] is not None]
    window.open_item(items[0]["id"])
    chips = [b.text() for b in window.item_page.notes.tag_buttons.values()]
    assert chips == ["yrkande", "fråga", "jäv", "att läsa", "viktigt"]
