"""The item reader: the item's heading and Dnr, the staff report with headings and the proposed decision
highlighted, secret parts (locked placeholder or, unlocked, the content under a banner), the item's
documents (open as PDF) and the member's notes (position, tags, note); the member's highlights are painted
in the text, and a selection can be highlighted (Ctrl+H, or the context menu)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QLabel, QListView, QSplitter, QVBoxLayout, QWidget

from ..models.agenda import kind_label
from ..models.documents import DocumentsModel
from ..models.roles import IdRole
from ..widgets.banner import Banner
from ..widgets.notes import NotesEditor
from .reader import ReaderBrowser, RenderedItemMixin


class ItemPage(RenderedItemMixin, QWidget):
    open_document = Signal(int)
    changes_requested = Signal()
    unlock_requested = Signal()
    lock_requested = Signal()
    publish_requested = Signal(str)  # uid of a part locked on suspicion
    relock_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.item_id: int | None = None
        self.data = None
        self.annotations: list[dict] = []
        self.font_pt = 11
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 6)
        self.title = QLabel()
        self.title.setAccessibleName(self.tr("Title of the item"))
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setObjectName("itemTitle")
        lay.addWidget(self.title)
        self.meta = QLabel()
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setObjectName("itemMeta")
        self.meta.setWordWrap(True)
        lay.addWidget(self.meta)
        self.changed_banner = Banner("info")
        self.changed_banner.action_clicked.connect(self.changes_requested)
        lay.addWidget(self.changed_banner)
        self.secret_banner = Banner("secret")
        self.secret_banner.action_clicked.connect(self.lock_requested)
        lay.addWidget(self.secret_banner)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.browser = ReaderBrowser()
        self.browser.setAccessibleName(self.tr("Item text"))
        self.browser.anchorClicked.connect(self._link)
        self.splitter.addWidget(self.browser)
        side = QWidget()
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(6, 0, 0, 0)
        self.docs_label = QLabel(self.tr("&Documents"))
        f = self.docs_label.font()
        f.setBold(True)
        self.docs_label.setFont(f)
        side_lay.addWidget(self.docs_label)
        self.documents_model = DocumentsModel(self)
        self.documents = QListView()
        self.documents.setModel(self.documents_model)
        self.documents.setAccessibleName(self.tr("Documents of this item"))
        self.documents.setWordWrap(True)
        self.documents.setUniformItemSizes(False)
        self.documents.activated.connect(self._doc_activated)
        self.documents.clicked.connect(self._doc_activated)
        self.docs_label.setBuddy(self.documents)
        side_lay.addWidget(self.documents, 1)
        self.notes = NotesEditor()
        side_lay.addWidget(self.notes, 3)
        self._side_lay = side_lay
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([700, 280])
        lay.addWidget(self.splitter, 1)
        self._apply_fonts()

    def take_notes(self) -> None:
        """The notes editor back beside the item text (it travels with the member to a bilaga they read)."""
        if self.notes.parent() is not self._side_lay.parentWidget():
            self._side_lay.addWidget(self.notes, 3)
            self.notes.show()

    # -- content -----------------------------------------------------------------------------------
    def show_item(self, data) -> None:
        """``data``: an ``ItemData`` from the controller. Another item opens at its top ("Förslag till
        beslut" in sight); the same item shown again keeps where the member was."""
        another = self.item_id != data.item["id"]
        self.data = data
        self.item_id = data.item["id"]
        it = data.item
        number = it["ordinal"]
        self.title.setText(f"{number}. {it['title']}" if number is not None else it["title"])
        meta = []
        case = (
            it.get("agenda_case_display")
            or it.get("agenda_case_number")
            or it.get("document_case_display")
            or it.get("document_case_number")
        )
        if case:
            meta.append(self.tr("Case no. %1").replace("%1", case))
        meta.append(kind_label(it["kind"]))
        meta.append(data.meeting_label)
        if data.meeting.get("example"):
            meta.append(self.tr("Example (invented)"))
        self.meta.setText("  ·  ".join(meta))
        if data.state == "changed":
            self.changed_banner.show_message(
                self.tr("This item has changed since you read it (a new version of the notice)."),
                self.tr("Show what changed"),
            )
        else:
            self.changed_banner.hide()
        self.documents_model.load(data.documents, {d["id"]: d["state"] for d in data.documents}, it["title"])
        self.docs_label.setVisible(bool(data.documents))
        self.documents.setVisible(bool(data.documents))
        self.annotations = list(data.annotations)
        if another:
            self.ocr_raw = False  # another item opens with its repaired text (and the mark over it)
        self.render()
        if another:
            self.browser.verticalScrollBar().setValue(0)
        self.notes.load(self.item_id, {"body": data.note, "tags": data.note_tags}, data.position, data.tag_choices)
        self.notes.set_secret_parts(data.secret_parts, data.secret_notes)

    def render(self) -> None:  # type: ignore[override]  # our re-render, not QWidget.render(QPaintDevice)
        d = self.data
        if d is None:
            return
        bar = self.browser.verticalScrollBar().value()
        secret_shown = self.render_into_browser()
        self.browser.verticalScrollBar().setValue(bar)
        from .. import screen_protect

        shielded = screen_protect.protect(self.window(), secret_shown)
        if secret_shown:
            text = self.tr(
                "Secret content is shown. It locks automatically when you leave the computer. Copying is turned off."
            )
            if not shielded:
                text += " " + self.tr(
                    "Screen protection is not supported here: do not share your screen while it is shown."
                )
            self.secret_banner.show_message(text, self.tr("&Lock now"))
        else:
            self.secret_banner.hide()

    def set_document_state(self, document_id: int, state: str) -> None:
        self.documents_model.set_state(document_id, state)

    def clear(self) -> None:
        self.notes.load(None, "")
        self.data = None
        self.annotations = []
        self.item_id = None
        self.title.clear()
        self.meta.clear()
        self.browser.wipe()
        self.documents_model.clear()
        self.secret_banner.hide()
        self.changed_banner.hide()

    def forget_secrets(self) -> None:
        """Lock: drop the secret text from the data and the view at once."""
        self.annotations = [a for a in self.annotations if not a.get("secret")]
        if self.data is None:  # e.g. meeting mode took over: the text rendered before it goes as well
            self.browser.wipe()
            return
        self.data.secret_parts = [
            {k: v for k, v in p.items() if k not in ("text", "report_numbers")} for p in self.data.secret_parts
        ]
        self.data.secret_notes = {}  # the member's notes on the secret parts, as loaded
        self.data.annotations = [a for a in self.data.annotations if not a.get("secret")]
        self.browser.wipe()
        self.render()

    # -- find --------------------------------------------------------------------------------------
    def highlight(self, terms: list[str]) -> bool:
        """Scroll to the first occurrence of any of ``terms`` and select it."""
        doc = self.browser.document()
        for t in terms:
            if not t:
                continue
            cur = doc.find(t, 0)
            if not cur.isNull():
                self.browser.setTextCursor(cur)
                self.browser.ensureCursorVisible()
                return True
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        return False

    # -- appearance --------------------------------------------------------------------------------
    def set_font_size(self, pt: int) -> None:
        self.font_pt = pt
        self._apply_fonts()
        self.notes.set_font_size(pt)
        self.render()

    def _apply_fonts(self) -> None:
        bf = QFont(self.browser.font())
        bf.setPointSize(self.font_pt)
        self.browser.setFont(bf)
        f = self.title.font()
        f.setPointSizeF(self.font_pt * 1.45)
        f.setBold(True)
        self.title.setFont(f)

    # -- events ------------------------------------------------------------------------------------
    def _link(self, url: QUrl) -> None:
        if self.ocr_link(url):
            return
        if url.scheme() == "action" and url.path() == "unlock":
            self.unlock_requested.emit()
        elif url.scheme() == "action" and url.path().startswith(("publish/", "relock/")):
            verb, _, uid = url.path().partition("/")
            (self.publish_requested if verb == "publish" else self.relock_requested).emit(uid)
        elif url.scheme() == "doc":
            try:
                self.open_document.emit(int(url.path()))
            except ValueError:
                pass

    def _doc_activated(self, index) -> None:
        doc_id = index.data(IdRole)
        if doc_id is not None:
            self.open_document.emit(int(doc_id))
