"""Meeting mode: for the meeting room. Large type, the current item and the member's notes side by side,
the agenda at the edge. Keys: type an item number (then Enter, or pause) to jump; → / Space / Page Down
for the next item, ← / Page Up for the previous; ↑/↓ scroll; Tab goes to the notes, Esc back (and Esc
again leaves meeting mode)."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...services.meeting_view import printed_number
from .. import icons
from ..models.agenda import COL_CASE, COL_KIND, COL_NUMBER, COL_STATUS, COL_TITLE, AgendaModel
from ..models.roles import IdRole
from ..widgets.banner import Banner
from ..widgets.delegates import AgendaTitleDelegate
from ..widgets.notes import NotesEditor
from .item_html import esc
from .reader import ReaderBrowser, RenderedItemMixin

JUMP_COMMIT_MS = 1200
SCALE = 1.6  # type size relative to the normal reading size
SHARES = (0.24, 0.46, 0.30)  # of the width: the agenda strip (room for titles), the item, my notes
BASE_WIDTH = 1280  # the title's size is for this width; it follows the screen between 0.85x and 1.5x


class MeetingModeView(RenderedItemMixin, QWidget):
    exit_requested = Signal()
    jump_to_number = Signal(int)
    step = Signal(int)  # +1 next, -1 previous
    open_item = Signal(int)  # item id (clicked in the agenda)
    unlock_requested = Signal()
    lock_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Meeting mode"))
        self.setAccessibleDescription(
            self.tr("Type an item number to jump to it; right and left arrows for the next and previous item.")
        )
        self.font_pt = 11
        self.data = None
        self.annotations: list[dict] = []
        self._marks: list[dict] = []
        self.jump_buffer = ""
        self._jump_timer = QTimer(self)
        self._jump_timer.setSingleShot(True)
        self._jump_timer.setInterval(JUMP_COMMIT_MS)
        self._jump_timer.timeout.connect(self.commit_jump)
        self._message_timer = QTimer(self)  # dies with the view (a bare singleShot could outlive it)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(2500)
        self._message_timer.timeout.connect(lambda: self.jump_label.setText("") if not self.jump_buffer else None)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 8)
        top = QHBoxLayout()
        self.meeting_label = QLabel()
        self.meeting_label.setTextFormat(Qt.TextFormat.PlainText)
        self.meeting_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top.addWidget(self.meeting_label, 1)
        self.position = QLabel()
        self.position.setAccessibleName(self.tr("Position in the agenda"))
        top.addWidget(self.position)
        self.prev_button = QPushButton(self.tr("Previous"))
        icons.themed(self.prev_button, "previous")
        self.prev_button.setToolTip(self.tr("Previous item (←)"))
        self.prev_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.prev_button.clicked.connect(lambda: self.step.emit(-1))
        top.addWidget(self.prev_button)
        self.next_button = QPushButton(self.tr("Next"))
        icons.themed(self.next_button, "next")
        self.next_button.setToolTip(self.tr("Next item (→ or Space)"))
        self.next_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.next_button.clicked.connect(lambda: self.step.emit(1))
        top.addWidget(self.next_button)
        self.exit_button = QPushButton(self.tr("Leave meeting mode"))
        icons.themed(self.exit_button, "close")
        self.exit_button.setToolTip(self.tr("Leave meeting mode (Esc)"))
        self.exit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.exit_button.clicked.connect(self.exit_requested)
        top.addWidget(self.exit_button)
        lay.addLayout(top)
        self.hint = QLabel(
            self.tr("Type an item number to jump to it. → next item, ← previous item, Tab to your notes.")
        )
        self.hint.setObjectName("meetingHint")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.secret_banner = Banner("secret")
        self.secret_banner.action_clicked.connect(self.lock_requested)
        lay.addWidget(self.secret_banner)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self._user_sized = False  # once the member drags a divider, their sizes stay
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_user_sized", True))
        self.agenda = QTreeView()
        self.agenda.setRootIsDecorated(False)
        self.agenda.setHeaderHidden(True)
        self.agenda.setItemDelegateForColumn(COL_TITLE, AgendaTitleDelegate(self.agenda))
        self.agenda.setUniformRowHeights(False)  # titles on two lines
        self.agenda.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.setAccessibleName(self.tr("Agenda"))
        self.agenda.clicked.connect(self._agenda_clicked)
        self.splitter.addWidget(self.agenda)
        middle = QWidget()
        mid_lay = QVBoxLayout(middle)
        mid_lay.setContentsMargins(8, 0, 8, 0)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        mid_lay.addWidget(self.title)
        self.browser = ReaderBrowser()
        self.browser.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.browser.setAccessibleName(self.tr("Item text"))
        self.browser.anchorClicked.connect(self._link)
        mid_lay.addWidget(self.browser, 1)
        self.splitter.addWidget(middle)
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        self.notes = NotesEditor()
        self.notes.escape_pressed.connect(self.setFocus)
        right_lay.addWidget(self.notes, 3)
        self.highlights_label = QLabel()
        self.highlights_label.setObjectName("highlightsLabel")
        right_lay.addWidget(self.highlights_label)
        self.highlights = QTextBrowser()  # my highlights on the item, with their comments
        self.highlights.setOpenLinks(False)
        self.highlights.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.highlights.setAccessibleName(self.tr("My highlights on this item"))
        self.highlights.anchorClicked.connect(self._highlight_clicked)
        right_lay.addWidget(self.highlights, 2)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self._fit_splitter(1280)
        lay.addWidget(self.splitter, 1)
        self.jump_label: QLabel = QLabel()  # annotated: the message timer above uses it first
        self.jump_label.setObjectName("jumpLabel")
        self.jump_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.jump_label.setAccessibleName(self.tr("Jump to item"))
        lay.addWidget(self.jump_label)
        self.setTabOrder(self, self.notes.edit)
        self.set_font_size(11)

    # -- content -----------------------------------------------------------------------------------
    def _link(self, url) -> None:
        if not self.ocr_link(url) and url.toString() == "action:unlock":
            self.unlock_requested.emit()

    def set_agenda_model(self, model: AgendaModel) -> None:
        self.agenda.setModel(model)
        for col in (COL_CASE, COL_KIND, COL_STATUS):
            self.agenda.setColumnHidden(col, True)
        self.agenda.resizeColumnToContents(COL_NUMBER)
        header = self.agenda.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)

    # -- size: the agenda strip has room for titles, the title follows the screen -----------------
    def _fit_splitter(self, width: int) -> None:
        usable = max(600, width - 40)
        self.splitter.setSizes([round(usable * f) for f in SHARES])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._user_sized:
            self._fit_splitter(event.size().width())
        self._scale_title()

    def title_scale(self) -> float:
        return max(0.85, min(1.5, self.width() / BASE_WIDTH))

    def _scale_title(self) -> None:
        """The title's size follows the screen's width, and steps down until it takes at most a fifth of
        the view's height (a long title on a small laptop must leave room for the text)."""
        size = round(self.font_pt * SCALE * 1.3 * self.title_scale())
        floor = max(self.font_pt + 2, round(self.font_pt * SCALE))
        width = max(200, self.title.width())
        f = QFont(self.title.font())
        f.setBold(True)
        text = self.title.text()
        while True:
            f.setPointSize(size)
            fm = QFontMetrics(f)
            used = fm.boundingRect(0, 0, width, 10_000, Qt.TextFlag.TextWordWrap, text).height()
            if size <= floor or used <= max(2 * fm.lineSpacing(), self.height() // 5):
                break
            size -= 1
        if self.title.font().pointSize() != size:
            self.title.setFont(f)

    # -- my highlights beside the notes -------------------------------------------------------------
    def _show_highlights(self) -> None:
        marks = [a for a in self.annotations if a.get("kind") == "highlight"]
        self.highlights_label.setText(self.tr("My highlights (%1)").replace("%1", str(len(marks))))
        if not marks:
            none = self.tr("No highlights on this item.")
            self.highlights.setHtml("<p><i>" + esc(none) + "</i></p>")
            return
        out = []
        for k, a in enumerate(marks):
            quote = " ".join((a.get("quote") or "").split())
            out.append(
                f'<p style="margin-bottom:2px;"><a href="mark:{k}" style="text-decoration:none;">”{esc(quote)}”</a></p>'
            )
            if (a.get("body") or "").strip():
                out.append(f'<p style="margin-top:0; margin-left:12px;">{esc(a["body"].strip())}</p>')
        self.highlights.setHtml("".join(out))
        self._marks = marks

    def set_annotations(self, annotations: list[dict]) -> None:
        super().set_annotations(annotations)
        self._show_highlights()

    def _highlight_clicked(self, url: QUrl) -> None:
        """A highlight in the list: the item text scrolls to it."""
        text = url.toString()
        if not text.startswith("mark:"):
            return
        marks = self._marks
        k = int(text.split(":", 1)[1])
        if 0 <= k < len(marks):
            a = marks[k]
            if a.get("document_id") is not None and a.get("start") is not None:
                self.browser.reveal(a["document_id"], a["start"], a["end"])
        self.setFocus()

    def set_meeting_label(self, text: str) -> None:
        self.meeting_label.setText(text)

    def show_item(self, data, position: int, total: int, last_number: int | None = None) -> None:
        """``position``/``total``: the row in the agenda (for Previous/Next); the label counts by the printed
        number ("Ärende 12 av 14"), not by rows (a Justering row is no ärende)."""
        another = self.data is None or self.data.item["id"] != data.item["id"]
        self.data = data
        it = data.item
        num = it["ordinal"]
        self.title.setText(f"{num}. {it['title']}" if num is not None else it["title"])
        self._scale_title()
        printed = printed_number(it)
        if printed is None:
            self.position.setText(self.tr("Not a numbered item"))
        elif last_number:
            self.position.setText(self.tr("Item %1 of %2").replace("%1", printed).replace("%2", str(last_number)))
        else:
            self.position.setText(self.tr("Item %1").replace("%1", printed))
        self.prev_button.setEnabled(position > 1)
        self.next_button.setEnabled(position < total)
        self.annotations = list(data.annotations)
        self.render()
        if another:
            self.browser.verticalScrollBar().setValue(0)
        self.notes.load(it["id"], {"body": data.note, "tags": data.note_tags}, data.position, data.tag_choices)
        self.notes.set_secret_parts(data.secret_parts, data.secret_notes)
        model = cast("AgendaModel | None", self.agenda.model())  # set_agenda_model's; None before it
        if model is not None:
            row = model.row_of(it["id"])
            if row is not None:
                self.agenda.setCurrentIndex(model.index(row, 1))
                self.agenda.scrollTo(model.index(row, 1))

    def render(self) -> None:  # type: ignore[override]  # our re-render, not QWidget.render(QPaintDevice)
        d = self.data
        if d is None:
            return
        secret_shown = self.render_into_browser()
        self._show_highlights()
        from .. import screen_protect

        shielded = screen_protect.protect(self.window(), secret_shown)
        if secret_shown:
            text = self.tr("Secret content is shown. It locks automatically.")
            if not shielded:
                text += " " + self.tr(
                    "Screen protection is not supported here: do not share your screen while it is shown."
                )
            self.secret_banner.show_message(text, self.tr("&Lock now"))
        else:
            self.secret_banner.hide()

    def forget_secrets(self) -> None:
        self.annotations = [a for a in self.annotations if not a.get("secret")]
        if self.data is not None:
            self.data.secret_parts = [
                {k: v for k, v in p.items() if k not in ("text", "report_numbers")} for p in self.data.secret_parts
            ]
            self.data.secret_notes = {}  # the member's notes on the secret parts, as loaded
            self.data.annotations = [a for a in self.data.annotations if not a.get("secret")]
        self.browser.wipe()
        self.render()

    def clear(self) -> None:
        self.notes.load(None, "")
        self.data = None
        self.annotations = []
        self.browser.wipe()
        self.title.clear()
        self.position.clear()
        self.highlights.clear()
        self._marks = []

    def set_font_size(self, pt: int) -> None:
        self.font_pt = pt
        big = round(pt * SCALE)
        self._scale_title()
        f2 = QFont(self.meeting_label.font())
        f2.setPointSize(big)
        self.meeting_label.setFont(f2)
        self.position.setFont(f2)
        f3 = QFont(self.agenda.font())
        f3.setPointSize(max(pt, round(pt * 1.2)))
        self.agenda.setFont(f3)
        self.notes.set_font_size(big)
        fb = QFont(self.browser.font())
        fb.setPointSize(big)
        self.browser.setFont(fb)
        fh = QFont(self.hint.font())
        fh.setPointSize(max(pt, round(pt * 1.1)))
        self.hint.setFont(fh)
        for b in (self.prev_button, self.next_button, self.exit_button):
            fbtn = QFont(b.font())
            fbtn.setPointSize(max(pt, round(pt * 1.2)))
            b.setFont(fbtn)
        ft = QFont(self.notes.title.font())
        ft.setPointSize(max(pt, round(pt * 1.3)))
        ft.setBold(True)
        self.notes.title.setFont(ft)
        self.notes.set_controls_font(max(pt, round(pt * 1.15)))
        f4 = QFont(self.jump_label.font())
        f4.setPointSize(round(big * 1.2))
        f4.setBold(True)
        self.jump_label.setFont(f4)
        fl = QFont(self.highlights_label.font())
        fl.setPointSize(max(pt, round(pt * 1.15)))
        fl.setBold(True)
        self.highlights_label.setFont(fl)
        fh2 = QFont(self.highlights.font())
        fh2.setPointSize(max(pt, round(pt * 1.2)))
        self.highlights.setFont(fh2)
        self.render()

    # -- keys --------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if text.isdigit() and mods == Qt.KeyboardModifier.NoModifier and len(self.jump_buffer) < 3:
            self.jump_buffer += text
            self.jump_label.setText(self.tr("Go to item %1").replace("%1", self.jump_buffer))
            self._jump_timer.start()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.jump_buffer:
            self.commit_jump()
            return
        if key == Qt.Key.Key_Backspace and self.jump_buffer:
            self.jump_buffer = self.jump_buffer[:-1]
            self.jump_label.setText(
                self.tr("Go to item %1").replace("%1", self.jump_buffer) if self.jump_buffer else ""
            )
            self._jump_timer.start()
            return
        if key == Qt.Key.Key_Escape:
            if self.jump_buffer:
                self.cancel_jump()
            else:
                self.exit_requested.emit()
            return
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_N):
            self.step.emit(1)
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_P):
            self.step.emit(-1)
            return
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            bar = self.browser.verticalScrollBar()
            bar.setValue(bar.value() + (1 if key == Qt.Key.Key_Down else -1) * bar.singleStep() * 3)
            return
        super().keyPressEvent(event)

    def commit_jump(self) -> None:
        self._jump_timer.stop()
        buf, self.jump_buffer = self.jump_buffer, ""
        self.jump_label.setText("")
        if buf:
            self.jump_to_number.emit(int(buf))

    def cancel_jump(self) -> None:
        self._jump_timer.stop()
        self.jump_buffer = ""
        self.jump_label.setText("")

    def show_no_such_item(self, number: int) -> None:
        self.jump_label.setText(self.tr("There is no item %1 in this meeting.").replace("%1", str(number)))
        self._message_timer.start()

    def _agenda_clicked(self, index: QModelIndex) -> None:
        item_id = index.data(IdRole)
        if item_id is not None:
            self.open_item.emit(int(item_id))
            self.setFocus()
