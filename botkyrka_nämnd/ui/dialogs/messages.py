"""Plain messages for known problems (UserError): the core's own Swedish or English text, no traceback."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import i18n

test_hook = None  # tests set a callable(title, text) instead of showing a box


def user_text(exc) -> str:
    msg = getattr(exc, "message", None)
    return msg(i18n.current()) if callable(msg) else str(exc)


def show_user_error(parent: QWidget | None, exc, title: str | None = None) -> None:
    title = title or QCoreApplication.translate("Messages", "Could not complete")
    text = user_text(exc)
    if test_hook is not None:
        test_hook(title, text)
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    if test_hook is not None:
        test_hook(title, text)
        return
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    if test_hook is not None:
        test_hook(title, text)
        return
    QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    """A yes/no question (the default is No). Tests see it through ``test_hook`` and get yes."""
    if test_hook is not None:
        test_hook(title, text)
        return True
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok
