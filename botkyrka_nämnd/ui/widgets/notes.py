"""The member's note on the current item: a plain-text editor that saves by itself shortly after typing
stops (and at once when the item changes). Saving is done by the owner (on a worker thread)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

SAVE_DELAY_MS = 800


class NotesEditor(QWidget):
    save_requested = Signal(int, str)  # item id, text
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.item_id: int | None = None
        self._saved_text = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self.tr("My notes"))
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        lay.addWidget(self.title)
        self.edit = QPlainTextEdit()
        self.edit.setAccessibleName(self.tr("My notes on this item"))
        self.edit.setPlaceholderText(self.tr("Write questions, planned motions or anything you want to remember. "
                                             "Saved automatically."))
        self.edit.setTabChangesFocus(True)
        self.edit.installEventFilter(self)
        self.title.setBuddy(self.edit)
        lay.addWidget(self.edit, 1)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Save status"))
        lay.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(self._changed)
        self._loading = False
        self.setEnabled(False)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        from PySide6.QtCore import QEvent

        if obj is self.edit and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.flush()
            self.escape_pressed.emit()
            return True
        return False

    def set_font_size(self, pt: int) -> None:
        f = QFont(self.edit.font())
        f.setPointSize(pt)
        self.edit.setFont(f)

    def load(self, item_id: int | None, text: str) -> None:
        """Show the note of ``item_id`` (saving what was typed for the previous item first)."""
        self.flush()
        self._loading = True
        self.item_id = item_id
        self._saved_text = text or ""
        self.edit.setPlainText(self._saved_text)
        self._loading = False
        self.status.setText("")
        self.setEnabled(item_id is not None)

    def text(self) -> str:
        return self.edit.toPlainText()

    @property
    def dirty(self) -> bool:
        return self.item_id is not None and self.text() != self._saved_text

    def _changed(self) -> None:
        if self._loading:
            return
        self.status.setText(self.tr("Not saved yet…"))
        self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        if self.dirty:
            text = self.text()
            self._saved_text = text
            self.status.setText(self.tr("Saving…"))
            self.save_requested.emit(self.item_id, text)

    def mark_saved(self, item_id: int) -> None:
        if item_id == self.item_id and not self._timer.isActive():
            self.status.setText(self.tr("Saved"))

    def mark_failed(self, item_id: int, message: str) -> None:
        if item_id == self.item_id:
            self._saved_text = ""  # keep it dirty so the next change retries
            self.status.setText(message)
