"""Keyboard focus can be seen on every kind of control, in the light and the dark theme, and the toolbar's
icons are recoloured on every theme change (issue 12 §4)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QToolButton, QTreeView, QVBoxLayout, QWidget

BAND = 3  # px along the edge


def _differs(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) >= 60


def border_change(before: QImage, after: QImage) -> float:
    """The share of the pixels along the edge that changed clearly (by 60 of 255 in a channel or more)."""
    w, h = before.width(), before.height()
    edge = [(x, y) for x in range(w) for y in range(h) if min(x, y, w - 1 - x, h - 1 - y) < BAND]
    return sum(_differs(before.pixelColor(x, y), after.pixelColor(x, y)) for x, y in edge) / len(edge)


def focused_and_not(qtbot, widget: QWidget, elsewhere: QWidget) -> tuple[QImage, QImage]:
    elsewhere.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: not widget.hasFocus())
    plain = widget.grab().toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    return plain, widget.grab().toImage()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_focus_is_visible_along_the_edge(qapp, qtbot, theme):
    from botkyrka_nämnd.ui.app import apply_theme

    apply_theme(qapp, theme)
    try:
        win = QWidget()
        qtbot.addWidget(win)
        lay = QVBoxLayout(win)
        elsewhere = QLineEdit()
        line = QLineEdit("Alby")
        button = QPushButton("Spara")
        tool = QToolButton()
        tool.setText("jäv")
        tool.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        tree = QTreeView()
        model = QStandardItemModel(tree)
        for i in range(4):
            model.appendRow(QStandardItem(f"Ärende {i + 1}"))
        tree.setModel(model)
        tree.setCurrentIndex(model.index(1, 0))
        for w in (elsewhere, line, button, tool, tree):
            lay.addWidget(w)
        win.show()
        win.activateWindow()
        qtbot.waitActive(win)
        for w in (line, button, tool, tree):
            plain, focused = focused_and_not(qtbot, w, elsewhere)
            assert border_change(plain, focused) >= 0.4, (theme, type(w).__name__)
        # the current row of the list, not only the list's frame
        plain, focused = focused_and_not(qtbot, tree, elsewhere)
        row = tree.visualRect(tree.currentIndex()).translated(tree.viewport().pos())
        assert border_change(plain.copy(row), focused.copy(row)) >= 0.3
        # the ring goes with the focus: nothing stale is left behind
        elsewhere.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda: not tree.hasFocus())
        assert border_change(plain, tree.grab().toImage()) == 0
    finally:
        apply_theme(qapp, "light")


def dominant_opaque(img: QImage) -> QColor:
    counts: dict[int, int] = {}
    for x in range(img.width()):
        for y in range(img.height()):
            c = img.pixelColor(x, y)
            if c.alpha() > 200:
                counts[c.rgb()] = counts.get(c.rgb(), 0) + 1
    assert counts, "the icon has no opaque pixel"
    return QColor.fromRgb(max(counts, key=lambda k: counts[k]))


def luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def test_toolbar_icons_follow_every_theme_change(window, qtbot):
    from PySide6.QtGui import QPalette

    tb = window.toolbar
    settings = {"language": window.settings.language, "text_scale": 100, "idle_minutes": 5}
    seen = []
    try:
        for theme in ("light", "dark", "light", "dark", "light"):
            window.apply_settings({**settings, "theme": theme})
            QApplication.processEvents()
            background = tb.palette().color(QPalette.ColorRole.Window)
            assert (background.lightness() < 128) == (theme == "dark")
            for action in (window.act_import, window.act_continue, window.act_settings):
                button = tb.widgetForAction(action)
                icon = button.icon().pixmap(tb.iconSize()).toImage()
                contrast = abs(luminance(dominant_opaque(icon)) - luminance(background))
                assert contrast > 0.4, (theme, action.iconText(), contrast)
            # a button outside the toolbar with an icon of its own (meeting mode's "Föregående")
            icon = window.meeting_mode.prev_button.icon().pixmap(24).toImage()
            assert abs(luminance(dominant_opaque(icon)) - luminance(background)) > 0.4, theme
            seen.append(dominant_opaque(tb.widgetForAction(window.act_import).icon().pixmap(24).toImage()).name())
    finally:
        window.apply_settings({**settings, "theme": "light"})
    assert seen[0] == seen[2] == seen[4] and seen[1] == seen[3] and seen[0] != seen[1]
