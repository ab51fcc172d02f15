"""A document (bilaga, tjänsteskrivelse) as PDF pages: only the document's own page range, with page
navigation, zoom and find in the document. Documents imported from text are shown as text instead.

Highlights: in the text view a selection is highlighted directly (Ctrl+H, context menu) and the member's
highlights are painted. QPdfView (Qt 6.11) has no text selection, so on a PDF page "Highlight on this
page…" opens the page's text (the document's sections on that page) in a dialog where the passage is
selected (``dialogs.passage``).

The QPdfDocument is parented to this page and created before the view (a document parented to the
QPdfView that shows it crashes when the view is destroyed, DESIGN.md §9). It is loaded from bytes through
a QBuffer that lives as long as the document is open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import icons
from .document_find import DocumentFind
from .item_html import Colors, render_document
from .reader import ReaderBrowser

ZOOM_STEPS = (0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)


def _tool(icon: str, text: str, tip: str) -> QToolButton:
    b = QToolButton()
    icons.themed(b, icon)
    b.setText(text)
    b.setToolTip(tip)
    b.setAccessibleName(text)
    b.setAutoRaise(True)
    return b


class DocumentPage(DocumentFind):
    back_requested = Signal()
    version_requested = Signal(int)  # document id of another stored version
    page_changed = Signal(int, int)  # document id, page (1-based within the document)
    mark_page_requested = Signal(int, int)  # document id, page of the notice (source page)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.document_id: int | None = None
        self.annotations: list[dict] = []
        self.first_page = 1  # page of the source file that is page 1 here
        self.font_pt = 11
        self._buffer: QBuffer | None = None
        self._bytes: QByteArray | None = None
        self._search_index = -1
        self._doc: dict = {}
        self._sections: list[dict] | None = None  # a PDF document's text, for the "Text" view (read when first shown)
        self._load_sections: Callable[[], list[dict]] | None = None
        self._find_from: int | None = None  # an opened search hit: its first match from this page on
        self._shown_text: tuple[dict, list[dict]] | None = None  # the document shown as text, and its sections
        self.ocr_raw = False  # show the scanned text instead of its machine repair
        # the document and its search model outlive the view (created first, parented to the page)
        self.pdf = QPdfDocument(self)
        self.search_model = QPdfSearchModel(self)
        self.search_model.setDocument(self.pdf)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 0)
        bar = QHBoxLayout()
        self.back = _tool("back", self.tr("Back to the item"), self.tr("Back to the item (Alt+Left)"))
        self.back.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.back.clicked.connect(self.back_requested)
        bar.addWidget(self.back)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        bar.addWidget(self.title, 1)
        self.version_note = QLabel()  # "an earlier version, not the one in force"
        self.version_note.setObjectName("versionNote")
        self.version_note.hide()
        bar.addWidget(self.version_note)
        self.version_box = QComboBox()  # every stored version stays readable
        self.version_box.setAccessibleName(self.tr("Version of the document"))
        self.version_box.setToolTip(self.tr("A re-issued notice keeps the earlier versions: choose one to read it"))
        self.version_box.activated.connect(self._version_chosen)
        self.version_box.hide()
        bar.addWidget(self.version_box)
        lay.addLayout(bar)
        bar = QHBoxLayout()

        self.prev_page = _tool("previous", self.tr("Previous page"), self.tr("Previous page (Page Up)"))
        self.prev_page.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        bar.addWidget(self.prev_page)
        self.page_box = QSpinBox()
        self.page_box.setMinimum(1)
        self.page_box.setAccessibleName(self.tr("Page number"))
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(self._page_box_changed)
        bar.addWidget(self.page_box)
        self.page_count = QLabel()
        bar.addWidget(self.page_count)
        self.next_page = _tool("next", self.tr("Next page"), self.tr("Next page (Page Down)"))
        self.next_page.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        bar.addWidget(self.next_page)
        bar.addSpacing(12)
        self.zoom_out = _tool("zoom-out", self.tr("Zoom out"), self.tr("Zoom out (Ctrl+-)"))
        self.zoom_out.clicked.connect(lambda: self.zoom_step(-1))
        bar.addWidget(self.zoom_out)
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(44)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar.addWidget(self.zoom_label)
        self.zoom_in = _tool("zoom-in", self.tr("Zoom in"), self.tr("Zoom in (Ctrl++)"))
        self.zoom_in.clicked.connect(lambda: self.zoom_step(1))
        bar.addWidget(self.zoom_in)
        self.fit = _tool("fit-width", self.tr("Fit width"), self.tr("Fit to width (Ctrl+0)"))
        self.fit.clicked.connect(self.fit_width)
        bar.addWidget(self.fit)
        bar.addSpacing(12)
        self.mark_page = _tool(
            "note",
            self.tr("Highlight on this page…"),
            self.tr("Choose a passage of this page's text to highlight (Ctrl+H)"),
        )
        self.mark_page.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.mark_page.clicked.connect(self.request_mark_page)
        bar.addWidget(self.mark_page)
        self.text_toggle = _tool(
            "document",
            self.tr("Text"),
            self.tr("Show the document as text (headings, lists, tables); click again for the PDF page"),
        )
        self.text_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.text_toggle.setCheckable(True)
        self.text_toggle.toggled.connect(self._toggle_text)
        self.text_toggle.hide()
        bar.addWidget(self.text_toggle)
        bar.addStretch(1)
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText(self.tr("Find in document"))
        self.find_box.setAccessibleName(self.tr("Find in document"))
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setMaximumWidth(260)
        self.find_box.setMinimumWidth(80)
        self.find_box.returnPressed.connect(self.find_next)
        self._find_timer = QTimer(self)
        self._find_timer.setSingleShot(True)
        self._find_timer.setInterval(250)
        self._find_timer.timeout.connect(self._run_find)
        self.find_box.textEdited.connect(lambda _t: self._find_timer.start())
        bar.addWidget(self.find_box)
        self.find_prev = _tool("previous", self.tr("Previous match"), self.tr("Previous match (Shift+F3)"))
        self.find_prev.clicked.connect(self.find_previous)
        bar.addWidget(self.find_prev)
        self.find_next_b = _tool("next", self.tr("Next match"), self.tr("Next match (F3)"))
        self.find_next_b.clicked.connect(self.find_next)
        bar.addWidget(self.find_next_b)
        self.find_status = QLabel()
        self.find_status.setMinimumWidth(70)
        bar.addWidget(self.find_status)
        bar.addStretch(1)
        lay.addLayout(bar)

        self.stack = QStackedWidget()
        self.view = QPdfView()
        self.view.setAccessibleName(self.tr("Document pages"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf)
        self.view.setSearchModel(self.search_model)
        self.view.setPageSpacing(12)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.pageNavigator().currentPageChanged.connect(self._page_moved)
        self.view.zoomFactorChanged.connect(lambda _z: self._update_zoom_label())
        self.view.zoomModeChanged.connect(lambda _m: self._update_zoom_label())
        self.stack.addWidget(self.view)
        self.text = ReaderBrowser()
        self.text.setAccessibleName(self.tr("Document text"))
        self.text.anchorClicked.connect(self._text_link)
        self.stack.addWidget(self.text)
        # the item's notes beside the document while reading it (the item page lends its editor)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.stack)
        self.notes_holder = QWidget()
        self.notes_holder.setAccessibleName(self.tr("My notes on this item"))
        holder_lay = QVBoxLayout(self.notes_holder)
        holder_lay.setContentsMargins(6, 0, 0, 0)
        self._notes_lay = holder_lay
        self.splitter.addWidget(self.notes_holder)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([760, 300])
        self.notes_holder.hide()
        lay.addWidget(self.splitter, 1)

        self.search_model.rowsInserted.connect(lambda *_: self._update_find_status())
        self.search_model.modelReset.connect(self._update_find_status)
        for seq, fn in (
            (QKeySequence(Qt.Key.Key_F3), self.find_next),
            (QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F3), self.find_previous),
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self._page_key(+1)),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self._page_key(-1)),
        ):
            sc = QShortcut(seq, self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(fn)
        self._update_zoom_label()

    def set_versions(self, versions: list[dict], current_id: int) -> None:
        """The document's stored versions (newest first); the picker shows when there is more than one."""
        self.version_box.blockSignals(True)
        self.version_box.clear()
        for d in versions:
            if d["is_current"]:
                label = self.tr("Version %1 (current)").replace("%1", str(d["version"]))
            else:
                label = self.tr("Version %1 (from %2)").replace("%1", str(d["version"]))
                label = label.replace("%2", (d.get("created_at") or "")[:10])
            self.version_box.addItem(label, d["id"])
            if d["id"] == current_id:
                self.version_box.setCurrentIndex(self.version_box.count() - 1)
        self.version_box.blockSignals(False)
        self.version_box.setVisible(len(versions) > 1)
        shown = next((d for d in versions if d["id"] == current_id), None)
        old = shown is not None and not shown["is_current"]
        withdrawn = shown is not None and bool(shown.get("withdrawn_at"))
        note = self.tr("An earlier version: not the one in force") if old else ""
        if withdrawn:  # gone at its source (a sync): kept here, with the member's notes on it
            note = self.tr("Withdrawn at the source: kept here with your notes")
        self.version_note.setText(note)
        self.version_note.setVisible(bool(note))

    def _version_chosen(self, index: int) -> None:
        doc_id = self.version_box.itemData(index)
        if doc_id is not None and doc_id != self.document_id:
            self.version_requested.emit(int(doc_id))

    def take_notes(self, notes: QWidget) -> None:
        """Show the item's notes editor beside the document."""
        if notes.parent() is not self.notes_holder:
            self._notes_lay.addWidget(notes)
        notes.show()
        self.notes_holder.show()

    def _page_key(self, step: int) -> None:
        """PageDown/PageUp: the next or previous page of a PDF, a screenful of a text view."""
        if self.is_pdf:
            self.go_to_page(self.current_page() + step)
            return
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.value() + step * bar.pageStep())

    # -- loading -----------------------------------------------------------------------------------
    @property
    def is_pdf(self) -> bool:
        return self.stack.currentWidget() is self.view and self.pdf.status() == QPdfDocument.Status.Ready

    def show_pdf(
        self,
        doc: dict,
        data: bytes,
        first_page: int,
        page: int = 1,
        sections: Callable[[], list[dict]] | None = None,
    ) -> bool:
        """Show ``data`` (the document's own pages), the original page by default; ``sections``: its text,
        one click away ("Text"). Returns False when the PDF cannot be read."""
        self._new_document(doc["id"])
        self._unload()
        self.document_id = doc["id"]
        self._doc, self._sections, self._load_sections = doc, None, sections
        self.first_page = first_page
        self.title.setText(self._title_of(doc))
        self._bytes = QByteArray(data)
        self._buffer = QBuffer()
        self._buffer.setData(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(self._buffer)
        if self.pdf.status() != QPdfDocument.Status.Ready or self.pdf.pageCount() < 1:
            self._unload()
            return False
        n = self.pdf.pageCount()
        self.page_box.blockSignals(True)
        self.page_box.setMaximum(n)
        self.page_box.setValue(1)
        self.page_box.blockSignals(False)
        self.page_count.setText(self.tr("of %1").replace("%1", str(n)))
        self.stack.setCurrentWidget(self.view)
        self._set_pdf_controls(True)
        self.text_toggle.blockSignals(True)
        self.text_toggle.setChecked(False)
        self.text_toggle.blockSignals(False)
        self.text_toggle.setVisible(sections is not None)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.go_to_page(page)
        if page > 1:  # the view lays the pages out when it is shown; jump again once that has happened
            doc_id = self.document_id
            QTimer.singleShot(0, self, lambda: self._rejump(doc_id, page))
        self._update_page_label()
        return True

    def _rejump(self, document_id: int, page: int) -> None:
        if self.document_id == document_id and self.is_pdf and self.current_page() == 1:
            self.go_to_page(page)

    def show_text(self, doc: dict, sections: list[dict]) -> None:
        self._new_document(doc["id"])
        self._unload()
        self.document_id = doc["id"]
        self.first_page = 1
        self.title.setText(self._title_of(doc))
        self._doc, self._sections, self._load_sections = doc, None, None
        self.text_toggle.hide()
        self._shown_text = (doc, sections)
        self.ocr_raw = False  # a document opens with its repaired text (and the mark over it)
        self._render_text()
        self.page_count.setText("")
        self.stack.setCurrentWidget(self.text)
        self._set_pdf_controls(False)

    def _toggle_text(self, on: bool) -> None:
        """Between the original PDF page and the document's text (the find box follows)."""
        if self._load_sections is None or self.pdf.status() != QPdfDocument.Status.Ready:
            return
        if self._sections is None:
            self._sections = self._load_sections()
        if on:
            page = self.current_page()
            self._shown_text = (self._doc, self._sections)
            self.ocr_raw = False
            self._render_text()
            self.stack.setCurrentWidget(self.text)
            self._set_pdf_controls(False)
            self._scroll_text_to_page(self.first_page + page - 1)
        else:
            self.stack.setCurrentWidget(self.view)
            self._set_pdf_controls(True)
        if self.find_box.text().strip():
            self._run_find()

    def _scroll_text_to_page(self, source_page: int) -> None:
        """The text view opens where the PDF page was: at the first section on that page or after it."""
        sec = next(
            (
                x
                for x in self._sections or []
                if (x.get("page") or 0) >= source_page and (x.get("heading") or x.get("text_clean") or "").strip()
            ),
            None,
        )
        if sec is None:
            return
        probe = " ".join((sec.get("heading") or sec["text_clean"]).split())[:40]
        found = self.text.document().find(probe)
        if not found.isNull():
            rect = self.text.document().documentLayout().blockBoundingRect(found.block())
            self.text.verticalScrollBar().setValue(int(rect.top()))

    def _render_text(self) -> None:
        if self._shown_text is None:
            return
        doc, sections = self._shown_text
        colors = Colors.from_palette(QApplication.palette())
        spans: list = []
        self.text.set_mapped_html(render_document(doc, sections, colors, spans=spans, ocr_raw=self.ocr_raw), spans)
        self.text.paint_highlights(self.annotations, colors.mark)

    def _text_link(self, url) -> None:
        """``action:ocr-raw`` / ``action:ocr-repaired``: the scanned text or its machine repair."""
        if url.scheme() == "action" and url.path() in ("ocr-raw", "ocr-repaired"):
            self.ocr_raw = url.path() == "ocr-raw"
            bar = self.text.verticalScrollBar().value()
            self._render_text()
            self.text.verticalScrollBar().setValue(bar)

    def _title_of(self, doc: dict) -> str:
        label = doc.get("bilaga_label")
        return f"{label}: {doc['title']}" if label and label != doc["title"] else doc["title"]

    def _set_pdf_controls(self, on: bool) -> None:
        for w in (
            self.prev_page,
            self.page_box,
            self.next_page,
            self.zoom_out,
            self.zoom_in,
            self.fit,
            self.zoom_label,
            self.page_count,
            self.mark_page,
        ):
            w.setVisible(on)

    def set_annotations(self, annotations: list[dict]) -> None:
        """The document's highlights (painted in the text view; PDF pages cannot show them)."""
        self.annotations = list(annotations)
        self.text.paint_highlights(self.annotations, Colors.from_palette(QApplication.palette()).mark)

    def request_mark_page(self) -> None:
        if self.document_id is not None and self.is_pdf:
            self.mark_page_requested.emit(self.document_id, self.first_page + self.current_page() - 1)
        elif self.document_id is not None:
            self.text.request_mark(True)

    def _unload(self) -> None:
        self._find_timer.stop()
        self.search_model.setSearchString("")
        self._search_index = -1
        self.find_status.clear()
        if self.pdf.status() != QPdfDocument.Status.Null:
            self.pdf.close()
        if self._buffer is not None:
            self._buffer.close()
        self._buffer = None
        self._bytes = None
        self.text.wipe()
        self._shown_text = None

    def _new_document(self, document_id: int) -> None:
        """Another document starts with an empty find box (the last one's search is not carried over)."""
        if document_id != self.document_id:
            self.find_box.clear()

    def clear(self) -> None:
        self._unload()
        self.document_id = None
        self.annotations = []
        self.title.clear()
        self.find_box.clear()

    # -- pages -------------------------------------------------------------------------------------
    def current_page(self) -> int:
        """1-based page within the document."""
        return self.view.pageNavigator().currentPage() + 1

    def page_total(self) -> int:
        return self.pdf.pageCount() if self.is_pdf else 0

    def go_to_page(self, page: int) -> None:
        if not self.is_pdf:
            return
        page = max(1, min(int(page), self.pdf.pageCount()))
        nav = self.view.pageNavigator()
        nav.jump(page - 1, QPointF(0, 0), nav.currentZoom())
        self._update_page_label()

    def _page_box_changed(self, value: int) -> None:
        if value != self.current_page():
            self.go_to_page(value)

    def _page_moved(self, _page: int) -> None:
        self._update_page_label()
        if self.document_id is not None and self.is_pdf:
            self.page_changed.emit(self.document_id, self.current_page())

    def _update_page_label(self) -> None:
        cur = self.current_page()
        self.page_box.blockSignals(True)
        self.page_box.setValue(cur)
        self.page_box.blockSignals(False)
        self.prev_page.setEnabled(cur > 1)
        self.next_page.setEnabled(cur < self.pdf.pageCount())
        source_page = self.first_page + cur - 1
        self.page_box.setToolTip(self.tr("Page %1 of the notice").replace("%1", str(source_page)))

    # -- zoom --------------------------------------------------------------------------------------
    def zoom_step(self, direction: int) -> None:
        if not self.is_pdf:
            return
        cur = self.view.zoomFactor()
        if direction > 0:
            nxt = next((z for z in ZOOM_STEPS if z > cur + 0.01), ZOOM_STEPS[-1])
        else:
            nxt = next((z for z in reversed(ZOOM_STEPS) if z < cur - 0.01), ZOOM_STEPS[0])
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(nxt)
        self._update_zoom_label()

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_zoom_label()

    def _update_zoom_label(self) -> None:
        if self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            self.zoom_label.setText(self.tr("Width"))
        else:
            self.zoom_label.setText(f"{round(self.view.zoomFactor() * 100)} %")
        self.zoom_label.setAccessibleName(self.tr("Zoom: %1").replace("%1", self.zoom_label.text()))

    def set_font_size(self, pt: int) -> None:
        self.font_pt = pt
        f = QFont(self.text.font())
        f.setPointSize(pt)
        self.text.setFont(f)
