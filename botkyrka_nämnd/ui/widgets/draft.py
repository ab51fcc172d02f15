"""One autosaved text of the notes editor (:mod:`.notes`): a plain-text edit and its status label.

A :class:`Draft` saves :data:`SAVE_DELAY_MS` after typing stops, or at once on :meth:`Draft.flush`. It only
*asks* for a save (``save_requested``); the owner runs it and reports back with :meth:`Draft.mark_saved` /
:meth:`Draft.mark_failed`, and a save that found the database busy is tried again after :data:`RETRY_MS`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTime, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit

SAVE_DELAY_MS = 600
RETRY_MS = 3000  # a save that found the database busy is tried again after this long


class Draft(QObject):
    """One autosaved text (a plain-text edit and its status label): debounce, what was sent, what the
    store has. ``value()`` is what a save carries; a change of it (text or tags) makes the draft dirty."""

    save_requested = Signal(object, str, object)  # key, text, tags (None: keep / not taggable)

    def __init__(self, edit: QPlainTextEdit, status: QLabel, parent: QObject | None = None, *, tags=None):
        super().__init__(parent)
        self.edit, self.status = edit, status
        self.key = None
        self.tags = tags  # callable returning the current tags, or None
        self._sent: tuple[Any, ...] | None = None  # value of the last save asked for
        self._loading = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        edit.textChanged.connect(self._changed)

    def value(self) -> tuple:
        return (self.edit.toPlainText(), tuple(self.tags()) if self.tags is not None else None)

    @property
    def dirty(self) -> bool:
        return self.key is not None and self.value() != self._sent

    def load(self, key, text: str) -> None:
        self.flush()
        self._loading = True
        self.key = key
        self.edit.setPlainText(text or "")
        self.edit.document().clearUndoRedoStacks()
        self.edit.moveCursor(QTextCursor.MoveOperation.End)  # typing continues the note
        self._loading = False
        self._sent = self.value()
        self.status.setText("")

    def detach(self) -> None:
        """Stop following the current key without saving (the owner has just flushed)."""
        self.timer.stop()
        self.key = None

    def _changed(self) -> None:
        if self._loading or self.key is None:
            return
        self.status.setText(self.tr("Not saved yet…"))
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.start()

    def changed_now(self) -> None:
        """Something besides the text changed (a tag): save at once."""
        if self.key is not None:
            self.flush()

    def flush(self) -> None:
        self.timer.stop()
        if not self.dirty:
            return
        text, tags = self.value()
        self._sent = (text, tags)
        self.status.setText(self.tr("Saving…"))
        self.save_requested.emit(self.key, text, list(tags) if tags is not None else None)

    def mark_saved(self, key, value: tuple) -> None:
        if key != self.key:
            return
        if self.value() == value and not self.timer.isActive():
            self.status.setText(self.tr("Saved %1").replace("%1", QTime.currentTime().toString("HH:mm")))

    def mark_failed(self, key, value: tuple, message: str, *, retry: bool, again: bool = True) -> None:
        """``again``: the next flush tries once more (a known problem); False after a bug, so that saving
        the drafts on the crash report does not run into the same bug again and again."""
        if key != self.key:
            return
        if self._sent == value and again:
            self._sent = None  # dirty again: the next change or the retry saves it
        self.status.setText(message)
        if retry:
            self.timer.setInterval(RETRY_MS)
            self.timer.start()

    def forget(self) -> None:
        """Drop the text without saving (secret drafts after the vault locked)."""
        self.timer.stop()
        self._loading = True
        self.key = None
        self.edit.clear()
        self.edit.document().clearUndoRedoStacks()
        self._loading = False
        self._sent = None
        self.status.setText("")
