"""The member's notes beside the item: the planned position, tags (the suggested ones as toggle chips plus
free tags), the item note, and, while the vault is unlocked, a note per secret part (kept in the vault).

Texts save by themselves (each a :class:`~.draft.Draft`): :data:`~.draft.SAVE_DELAY_MS` after typing stops,
at once when the item changes, and whenever the owner calls :meth:`NotesEditor.flush` (lock, quit, meeting
mode, an unexpected error). There is no save button. The editor only *asks* for saves (``save_requested``);
the owner runs them in the background and reports back with :meth:`NotesEditor.mark_saved` /
:meth:`NotesEditor.mark_failed`, so the status label says "Saved 14:32" only after the store has committed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTime, Signal
from PySide6.QtGui import QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.model import POSITIONS as _POSITION_NAMES
from ...services.annotations import SUGGESTED_TAGS
from .. import scale
from ..models.agenda import position_label, tag_label
from .draft import Draft
from .flow import FlowLayout

POSITIONS = tuple(_POSITION_NAMES)  # 'for', 'emot', 'avvakta', 'yrkande'


def chip_style(round_: bool = True) -> str:
    """The look of a toggle chip, in the current palette's colours (re-applied when the theme changes: a
    style sheet's ``palette(...)`` is resolved once)."""
    pal = QApplication.palette()
    base = pal.color(QPalette.ColorRole.Base).name()
    text = pal.color(QPalette.ColorRole.Text).name()
    mid = (
        pal.color(QPalette.ColorRole.Mid).name()
        if pal.color(QPalette.ColorRole.Window).lightness() >= 128
        else "#6b6f75"
    )
    hi = pal.color(QPalette.ColorRole.Highlight).name()
    hi_text = pal.color(QPalette.ColorRole.HighlightedText).name()
    radius, pad = ("10px", "2px 9px") if round_ else ("4px", "3px 10px")
    return (
        f"QToolButton {{ border: 1px solid {mid}; border-radius: {radius}; padding: {pad}; background: {base}; "
        f"color: {text}; }} QToolButton:checked {{ background: {hi}; color: {hi_text}; border-color: {hi}; }} "
        f"QToolButton:focus {{ border: 2px solid {hi}; }} QToolButton:hover {{ border-color: {hi}; }}"
    )


def normalize_tag(text: str) -> str:
    """As the core stores tags: trimmed, lower case, single spaces."""
    return " ".join(text.split()).lower()


class _EscapeFilter(QObject):
    def __init__(self, callback, parent=None):
        super().__init__(parent)
        self.callback = callback

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.callback()
            return True
        return False


def _chip(text: str, object_name: str = "chip") -> QToolButton:
    b = QToolButton()
    b.setObjectName(object_name)
    b.setStyleSheet(chip_style(object_name == "chip"))
    b.setText(text)
    b.setCheckable(True)
    b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return b


class SecretTextEdit(QPlainTextEdit):
    """The editor of a note on a secret part. Copying is off, as in the secret view: Ctrl+C, Ctrl+X, the
    context menu, a drag and the X11 selection never put its text on the system clipboard (other programs,
    clipboard managers and sync tools read it). Cut, copy and paste still move text *inside* the program's
    secret notes, through a buffer in this process that the lock empties (:meth:`forget`)."""

    MIME = "application/x-botkyrka-namnd-secret"
    _buffer: str | None = None  # shared by every secret note editor of the process
    _clip_changes = 0  # how often the system clipboard changed (something copied elsewhere since)
    _buffer_at = -1
    _watching = False

    @classmethod
    def forget(cls) -> None:
        cls._buffer = None

    @classmethod
    def _clipboard_changed(cls) -> None:
        cls._clip_changes += 1

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        cls = type(self)
        if not cls._watching and QApplication.clipboard() is not None:
            QApplication.clipboard().dataChanged.connect(cls._clipboard_changed)
            cls._watching = True

    def _keep(self, cut: bool) -> None:
        cur = self.textCursor()
        if not cur.hasSelection():
            return
        cls = type(self)
        cls._buffer, cls._buffer_at = cur.selection().toPlainText(), cls._clip_changes
        if cut:
            cur.removeSelectedText()
            self.setTextCursor(cur)

    def copy(self) -> None:  # also what a programmatic copy() does
        self._keep(cut=False)

    def cut(self) -> None:
        self._keep(cut=True)

    def paste(self) -> None:
        cls = type(self)
        if cls._buffer is not None and cls._buffer_at == cls._clip_changes:  # copied here last: ours
            self.insertPlainText(cls._buffer)
        else:
            super().paste()

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) or event.key() == Qt.Key.Key_Copy:
            self.copy()
        elif event.matches(QKeySequence.StandardKey.Cut) or event.key() == Qt.Key.Key_Cut:
            self.cut()
        elif event.matches(QKeySequence.StandardKey.Paste) or event.key() == Qt.Key.Key_Paste:
            self.paste()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu()
        for act in menu.actions():
            name = act.objectName()
            if name in ("edit-copy", "edit-cut", "edit-paste"):
                act.triggered.disconnect()
                act.triggered.connect({"edit-copy": self.copy, "edit-cut": self.cut, "edit-paste": self.paste}[name])
                if name == "edit-paste":
                    act.setEnabled(self.canPaste() or type(self)._buffer is not None)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def createMimeDataFromSelection(self):
        self._keep(cut=False)
        mime = QMimeData()
        mime.setData(self.MIME, b"1")  # only a marker: the text stays in this process
        return mime

    def canInsertFromMimeData(self, source) -> bool:
        return source.hasFormat(self.MIME) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source) -> None:
        if source.hasFormat(self.MIME):
            buffer = type(self)._buffer
            if buffer is not None:
                self.insertPlainText(buffer)
            return
        super().insertFromMimeData(source)


class SecretNote(QFrame):
    """The note on one secret part (shown and kept only while the vault is unlocked)."""

    def __init__(self, item_id: int, part: dict, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("secretNote")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.uid = part["uid"]
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        label = part.get("label") or self.tr("Secret part")
        self.title = QLabel(self.tr("My note on the secret part: %1").replace("%1", label))
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        lay.addWidget(self.title)
        hint = QLabel(self.tr("Kept encrypted in the vault; hidden when secret content is locked."))
        hint.setWordWrap(True)
        hint.setObjectName("secretHint")
        lay.addWidget(hint)
        self.edit = SecretTextEdit()
        self.edit.setAccessibleName(self.tr("My note on the secret part"))
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(60)
        self.title.setBuddy(self.edit)
        lay.addWidget(self.edit, 1)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Save status of the secret note"))
        lay.addWidget(self.status)
        self.draft = Draft(self.edit, self.status, self)
        self.draft.load(("secret", item_id, self.uid), text)
        self.apply_style()

    def apply_style(self) -> None:
        """The sekretess colours of the reader (a red edge on a pale red panel; dark red in dark mode)."""
        dark = QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        bg, edge = ("#4a1f22", "#d26a6a") if dark else ("#fdeaea", "#b3261e")
        self.setStyleSheet(
            f"QFrame#secretNote {{ background: {bg}; border: 1px solid {edge}; "
            f"border-left: 4px solid {edge}; border-radius: 3px; }}"
        )


class NotesEditor(QWidget):
    save_requested = Signal(object, str, object)  # key, text, tags
    position_changed = Signal(int, object)  # item id, 'for' | 'emot' | 'avvakta' | 'yrkande' | None
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.item_id: int | None = None
        self._tags: list[str] = []
        self._position: str | None = None
        self.secret_notes: list[SecretNote] = []
        self._styling = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)

        head = QHBoxLayout()
        self.title = QLabel(self.tr("&My notes"))
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        head.addWidget(self.title)
        head.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("saveStatus")
        self.status.setAccessibleName(self.tr("Save status"))
        head.addWidget(self.status)
        lay.addLayout(head)

        pos_row = QHBoxLayout()
        pos_row.setSpacing(2)
        self.position_label = QLabel(self.tr("Planned position:"))
        pos_row.addWidget(self.position_label)
        self.position_buttons: dict[str, QToolButton] = {}
        self.position_group = QButtonGroup(self)
        self.position_group.setExclusive(False)
        for code in POSITIONS:
            b = _chip(position_label(code), "position")
            b.setAccessibleName(self.tr("Planned position: %1").replace("%1", position_label(code)))
            b.clicked.connect(lambda checked, c=code: self._position_clicked(c, checked))
            self.position_group.addButton(b)
            self.position_buttons[code] = b
            pos_row.addWidget(b)
        pos_row.addStretch(1)
        lay.addLayout(pos_row)

        self.tags_box = QWidget()
        self.tags_layout = FlowLayout(self.tags_box, spacing=4)
        self.tag_buttons: dict[str, QToolButton] = {}
        for tag in SUGGESTED_TAGS:
            self._add_chip(tag)
        self.tag_entry = QLineEdit()
        self.tag_entry.setPlaceholderText(self.tr("Add a tag…"))
        self.tag_entry.setAccessibleName(self.tr("Add a tag"))
        self.tag_entry.setFixedWidth(scale.px(130))
        self.tag_entry.returnPressed.connect(self._tag_entered)
        self.tag_completer = QCompleter([], self.tag_entry)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_entry.setCompleter(self.tag_completer)
        self.tags_layout.addWidget(self.tag_entry)
        self.tags_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        lay.addWidget(self.tags_box)

        self.edit = QPlainTextEdit()
        self.edit.setAccessibleName(self.tr("My notes on this item"))
        self.edit.setPlaceholderText(
            self.tr("Write questions, planned motions or anything you want to remember. Saved automatically.")
        )
        self.edit.setTabChangesFocus(True)
        self._escape = _EscapeFilter(self._escape_pressed, self)
        self.edit.installEventFilter(self._escape)
        self.title.setBuddy(self.edit)
        lay.addWidget(self.edit, 3)
        self.draft = Draft(self.edit, self.status, self, tags=lambda: self._tags)
        self.draft.save_requested.connect(self.save_requested)

        self.secret_box = QWidget()
        self.secret_layout = QVBoxLayout(self.secret_box)
        self.secret_layout.setContentsMargins(0, 0, 0, 0)
        self.secret_box.hide()
        lay.addWidget(self.secret_box, 2)
        self.setEnabled(False)

    # -- loading -----------------------------------------------------------------------------------
    def load(
        self,
        item_id: int | None,
        note: dict | str | None = None,
        position: str | None = None,
        tag_choices: list[str] | None = None,
    ) -> None:
        """Show the note of ``item_id`` (saving what was typed for the previous item first)."""
        self.flush()
        self.forget_secrets()
        self.draft.detach()  # saved above; the tags below belong to the next item
        if isinstance(note, dict):
            text, tags = note.get("body") or "", list(note.get("tags") or [])
        else:
            text, tags = note or "", []
        self.item_id = item_id
        self._tags = tags
        self._sync_chips()
        self._set_position(position)
        if tag_choices is not None:
            self.set_tag_choices(tag_choices)
        self.draft.load(("note", item_id) if item_id is not None else None, text)
        self.setEnabled(item_id is not None)

    def set_tag_choices(self, choices: list[str]) -> None:
        from PySide6.QtCore import QStringListModel

        self.tag_completer.setModel(
            QStringListModel([c for c in choices if c not in SUGGESTED_TAGS], self.tag_completer)
        )

    def set_secret_parts(self, parts: list[dict], notes: dict[str, str]) -> None:
        """Unlocked: one note editor per secret part whose content is shown (``notes``: uid -> text)."""
        if self.item_id is None:
            return
        shown = [p for p in parts if "text" in p]
        if [n.uid for n in self.secret_notes] == [p["uid"] for p in shown]:
            return
        self.forget_secrets()
        for p in shown:
            w = SecretNote(self.item_id, p, notes.get(p["uid"], ""), self.secret_box)
            w.draft.save_requested.connect(self.save_requested)
            w.edit.installEventFilter(self._escape)
            w.edit.setFont(self.edit.font())
            self.secret_layout.addWidget(w)
            self.secret_notes.append(w)
        self.secret_box.setVisible(bool(self.secret_notes))

    def forget_secrets(self) -> None:
        """Drop the secret notes' editors and text (after they were saved: see :meth:`secret_drafts`)."""
        for w in self.secret_notes:
            w.draft.forget()
            self.secret_layout.removeWidget(w)
            w.hide()
            w.deleteLater()
        self.secret_notes = []
        self.secret_box.hide()

    # -- saving ------------------------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.toPlainText()

    @property
    def tags(self) -> list[str]:
        return list(self._tags)

    @property
    def position(self) -> str | None:
        return self._position

    @property
    def dirty(self) -> bool:
        return self.draft.dirty or any(n.draft.dirty for n in self.secret_notes)

    @property
    def drafts(self) -> list[Draft]:
        return [self.draft, *(n.draft for n in self.secret_notes)]

    def flush(self, *, secret: bool = True) -> None:
        self.draft.flush()
        if secret:
            for n in self.secret_notes:
                n.draft.flush()

    def secret_drafts(self) -> list[Draft]:
        return [n.draft for n in self.secret_notes]

    def mark_saved(self, key, value: tuple) -> None:
        for d in self.drafts:
            d.mark_saved(key, value)

    def mark_failed(self, key, value: tuple, message: str, *, retry: bool = False, again: bool = True) -> None:
        for d in self.drafts:
            d.mark_failed(key, value, message, retry=retry, again=again)

    def mark_position_saved(self, item_id: int) -> None:
        if item_id == self.item_id and not self.draft.dirty and not self.draft.timer.isActive():
            self.status.setText(self.tr("Saved %1").replace("%1", QTime.currentTime().toString("HH:mm")))

    # -- tags --------------------------------------------------------------------------------------
    def _add_chip(self, tag: str) -> QToolButton:
        b = _chip(tag_label(tag))
        b.setAccessibleName(self.tr("Tag: %1").replace("%1", tag_label(tag)))
        b.toggled.connect(lambda on, t=tag: self._tag_toggled(t, on))
        self.tag_buttons[tag] = b
        index = self.tags_layout.count() - (1 if hasattr(self, "tag_entry") else 0)
        self.tags_layout.insertWidget(index, b)
        return b

    def _sync_chips(self) -> None:
        for tag in [t for t in self.tag_buttons if t not in SUGGESTED_TAGS and t not in self._tags]:
            b = self.tag_buttons.pop(tag)
            self.tags_layout.removeWidget(b)
            b.hide()
            b.deleteLater()
        for tag in self._tags:
            if tag not in self.tag_buttons:
                self._add_chip(tag)
        for tag, b in self.tag_buttons.items():
            b.blockSignals(True)
            b.setChecked(tag in self._tags)
            b.blockSignals(False)
        self.tags_box.updateGeometry()

    def set_tag(self, tag: str, on: bool) -> None:
        tag = normalize_tag(tag)
        if not tag or self.item_id is None or (tag in self._tags) == on:
            return
        if on:
            self._tags.append(tag)
        else:
            self._tags.remove(tag)
        self._sync_chips()
        self.draft.changed_now()

    def _tag_toggled(self, tag: str, on: bool) -> None:
        self.set_tag(tag, on)

    def _tag_entered(self) -> None:
        tag = normalize_tag(self.tag_entry.text())
        self.tag_entry.clear()
        if tag:
            self.set_tag(tag, True)

    # -- position ----------------------------------------------------------------------------------
    def _set_position(self, position: str | None) -> None:
        self._position = position
        for code, b in self.position_buttons.items():
            b.setChecked(code == position)

    def set_position(self, position: str | None) -> None:
        if self.item_id is None or position == self._position:
            return
        self._set_position(position)
        self.status.setText(self.tr("Saving…"))
        self.position_changed.emit(self.item_id, position)

    def _position_clicked(self, code: str, checked: bool) -> None:
        self.set_position(code if checked else None)

    # -- appearance, keys --------------------------------------------------------------------------
    def apply_style(self) -> None:
        """Chips and secret-note frames in the current theme's colours."""
        if self._styling:
            return
        self._styling = True
        try:
            for b in (*self.position_buttons.values(), *self.tag_buttons.values()):
                b.setStyleSheet(chip_style(b.objectName() == "chip"))
            for n in self.secret_notes:
                n.apply_style()
        finally:
            self._styling = False

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.apply_style()
        super().changeEvent(event)

    def set_controls_font(self, pt: int) -> None:
        """Meeting mode: larger position buttons, chips and labels."""
        for w in (
            self.position_label,
            *self.position_buttons.values(),
            *self.tag_buttons.values(),
            self.tag_entry,
            self.status,
        ):
            f = QFont(w.font())
            f.setPointSize(pt)
            w.setFont(f)
        self.tag_entry.setFixedWidth(max(130, pt * 12))

    def set_font_size(self, pt: int) -> None:
        f = QFont(self.edit.font())
        f.setPointSize(pt)
        self.edit.setFont(f)
        for n in self.secret_notes:
            n.edit.setFont(f)

    def _escape_pressed(self) -> None:
        self.flush()
        self.escape_pressed.emit()
