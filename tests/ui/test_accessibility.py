"""Every control has a name a screen reader can say (issue 12): a walk over the whole window (every page,
dialog-free), with an item open and in meeting mode, fails on a focusable widget without an accessible name
(or a button's own text). Qt's inner parts of a composite control (the line edit of a spin box, the list of
a combo box's popup) are named by their control and are left out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLabel, QWidget


def _inner_part(w: QWidget) -> bool:
    p = w.parent()
    while p is not None:
        if isinstance(p, (QAbstractSpinBox, QComboBox)) or type(p).__name__ == "QComboBoxPrivateContainer":
            return True
        p = p.parent()
    return False


def unnamed(window) -> list[str]:
    out = []
    for w in [window, *window.findChildren(QWidget)]:
        if w.focusPolicy() == Qt.FocusPolicy.NoFocus or _inner_part(w):
            continue
        name = w.accessibleName()
        if not name and isinstance(w, QAbstractButton):
            name = w.text().replace("&", "")
        if not name and isinstance(w, QLabel):
            name = w.text()
        if not name.strip():
            parent = type(w.parent()).__name__ if w.parent() else "-"
            out.append(f"{type(w).__name__} {w.objectName()!r} in {parent}")
    return out


def test_every_focusable_widget_has_a_name(window, ctx):
    assert unnamed(window) == []
    items = [it for it in ctx.repo.items(window.current_meeting) if it["ordinal"] is not None]
    window.open_item(items[0]["id"])
    assert unnamed(window) == []
    window.act_meeting_mode.trigger()
    assert window.in_meeting_mode and unnamed(window) == []
    window.act_meeting_mode.trigger()
