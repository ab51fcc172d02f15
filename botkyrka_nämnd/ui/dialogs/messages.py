"""Plain messages for known problems (UserError): the core's own Swedish or English text, no traceback."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import i18n


class QtBoxes:
    """How messages reach the member: Qt message boxes. Another presenter (a test's recorder) is injected
    with :func:`use_boxes`."""

    def message(self, parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
        QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent).exec()

    def question(self, parent: QWidget | None, title: str, text: str, yes: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
        ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is ok


_boxes = QtBoxes()


def use_boxes(boxes):
    """Show messages through ``boxes`` (an object with ``message`` and ``question``); returns the previous."""
    global _boxes
    previous, _boxes = _boxes, boxes
    return previous


def user_text(exc) -> str:
    msg = getattr(exc, "message", None)
    return msg(i18n.current()) if callable(msg) else str(exc)


def show_user_error(parent: QWidget | None, exc, title: str | None = None) -> None:
    title = title or QCoreApplication.translate("Messages", "Could not complete")
    _boxes.message(parent, QMessageBox.Icon.Warning, title, user_text(exc))


def inform(parent: QWidget | None, title: str, text: str) -> None:
    _boxes.message(parent, QMessageBox.Icon.Information, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    _boxes.message(parent, QMessageBox.Icon.Warning, title, text)


def confirm(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    """A yes/no question (the default is No)."""
    return _boxes.question(parent, title, text, yes)
