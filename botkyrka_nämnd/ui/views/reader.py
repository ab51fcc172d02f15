"""The read-only text view used for items, documents shown as text, and page texts: selection becomes a
highlight (``views.anchors``), the member's highlights are painted over the text.

While secret content is shown, nothing can be selected, copied or dragged (SECURITY.md §2.5: copy
disabled in the sekretess view); highlights can then not be made either."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QTextBrowser, QTextEdit, QToolTip, QWidget

from .anchors import Anchor, TextAnchors

if TYPE_CHECKING:
    from ...services.item_view import ItemData


class ReaderBrowser(QTextBrowser):
    mark_requested = Signal(object, bool)  # Anchor, with a comment
    remove_highlight_requested = Signal(object)  # the annotation dict
    edit_highlight_requested = Signal(object)  # the annotation dict

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.secret_shown = False
        self.anchors = TextAnchors()
        self.painted: list[tuple[dict, list[tuple[int, int]]]] = []  # annotation, view ranges
        self._highlight_sels: list[QTextEdit.ExtraSelection] = []  # the member's highlights
        self.search_marks: list[QTextEdit.ExtraSelection] = []  # the words of an opened search hit
        self.annotating = True  # offer "Highlight" on selections (off in views that only show)
        self.managing = True  # offer "Edit comment" / "Remove" on painted highlights
        # context-menu entries; the keys (Ctrl+H, Ctrl+Shift+H) are the main window's actions, which ask
        # the reader that has the focus (one shortcut, no ambiguity)
        native = QKeySequence.SequenceFormat.NativeText
        self.act_mark = QAction(self.tr("&Highlight") + "\t" + QKeySequence("Ctrl+H").toString(native), self)
        self.act_mark.triggered.connect(lambda: self.request_mark(False))
        self.act_mark_comment = QAction(
            self.tr("Highlight with &comment…") + "\t" + QKeySequence("Ctrl+Shift+H").toString(native), self
        )
        self.act_mark_comment.triggered.connect(lambda: self.request_mark(True))
        self.viewport().setMouseTracking(True)
        self._apply_flags()

    # -- secret mode -------------------------------------------------------------------------------
    def set_secret_shown(self, shown: bool) -> None:
        self.secret_shown = shown
        self._apply_flags()

    def _apply_flags(self) -> None:
        links = Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        if self.secret_shown:
            self.setTextInteractionFlags(links)
            self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            cur = self.textCursor()
            cur.clearSelection()
            self.setTextCursor(cur)
        else:
            self.setTextInteractionFlags(
                links | Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        for a in (self.act_mark, self.act_mark_comment):
            a.setEnabled(not self.secret_shown)

    def loadResource(self, kind: int, url):
        """``icon:<name>``: our own icons, drawn in the text colour."""
        if url.scheme() == "icon":
            from .. import icons

            return icons.pixmap(
                url.path(),
                16,
                color=QApplication.palette().color(QPalette.ColorRole.Text),
                ratio=self.devicePixelRatioF(),
            ).toImage()
        return super().loadResource(kind, url)

    def copy(self) -> None:
        if not self.secret_shown:
            super().copy()

    def keyPressEvent(self, event) -> None:
        if self.secret_shown and (
            event.matches(QKeySequence.StandardKey.Copy) or event.matches(QKeySequence.StandardKey.Cut)
        ):
            event.accept()  # the clipboard stays as it was
            return
        super().keyPressEvent(event)

    def createMimeDataFromSelection(self):
        if self.secret_shown:
            return QMimeData()
        return super().createMimeDataFromSelection()

    def wipe(self) -> None:
        """Forget the document, including undo history and resources."""
        self.clear()
        self.document().clearUndoRedoStacks()
        self.anchors = TextAnchors()
        self.painted = []
        self._set_selections([], [])
        self.set_secret_shown(False)

    # -- content -----------------------------------------------------------------------------------
    def set_mapped_html(self, html: str, spans: list) -> None:
        """Show ``html`` and remember where each span of document text landed."""
        self.setHtml(html)
        self.document().clearUndoRedoStacks()
        self.anchors = TextAnchors.build(self.document(), spans)
        self.painted = []
        self._set_selections([], [])

    # -- selection -> highlight ----------------------------------------------------------------------
    def selection_anchor(self) -> Anchor | None:
        """The selected passage as document offsets, or None (no selection, not document text, or
        secret content shown)."""
        if self.secret_shown:
            return None
        cur = self.textCursor()
        if not cur.hasSelection():
            return None
        text = cur.selectedText().replace("\u2029", " ").replace("\u2028", " ")
        return self.anchors.anchor(cur.selectionStart(), cur.selectionEnd(), text)

    def request_mark(self, with_comment: bool) -> bool:
        anchor = self.selection_anchor() if self.annotating else None
        if anchor is None:
            return False
        self.mark_requested.emit(anchor, with_comment)
        return True

    # -- painting ----------------------------------------------------------------------------------
    def paint_highlights(self, annotations: list[dict], color: str) -> None:
        """Paint the highlights among ``annotations`` whose document is shown here."""
        shown = self.anchors.documents()
        self.painted = []
        sels = []
        base = QColor(color)
        for a in annotations:
            if a.get("kind") != "highlight" or a.get("document_id") not in shown or a.get("start") is None:
                continue
            ranges = self.anchors.ranges(a["document_id"], a["start"], a["end"])
            if not ranges:
                continue
            self.painted.append((a, ranges))
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(a["color"]) if (a.get("color") or "").startswith("#") else base)
            if (a.get("body") or "").strip():
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            sels += [self._selection(pos, length, fmt) for pos, length in ranges]
        self._set_selections(sels, self.search_marks)

    def _selection(self, pos: int, length: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cur = QTextCursor(self.document())
        cur.setPosition(pos)
        cur.setPosition(pos + length, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        sel.format = fmt
        return sel

    def _set_selections(self, highlights: list, marks: list) -> None:
        self._highlight_sels, self.search_marks = highlights, marks
        self.setExtraSelections(marks + highlights)  # the member's highlights drawn over the search marks

    def mark_search(self, document_id: int, ranges: list[tuple[int, int]], color: str, text_color: str) -> int:
        """Mark the words of an opened search hit (document offsets ``[start, end)``, in the text of
        ``document_id``) with the search colours. Returns how many were marked here."""
        return self.mark_search_all({document_id: ranges}, color, text_color)

    def mark_search_all(self, by_document: dict[int, list[tuple[int, int]]], color: str, text_color: str) -> int:
        """:meth:`mark_search` for several documents shown together (an item's own documents)."""
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(color))
        fmt.setForeground(QColor(text_color))
        marks = []
        for document_id, a, b in ((d, a, b) for d, rs in by_document.items() for a, b in rs):
            marks += [self._selection(pos, length, fmt) for pos, length in self.anchors.ranges(document_id, a, b)]
        self._set_selections(self._highlight_sels, marks)
        return len(marks)

    def scroll_to_offset(self, document_id: int, offset: int) -> bool:
        """Put document offset ``offset`` a third of the way down the view, the cursor there. False when
        that text is not shown here."""
        ranges = self.anchors.ranges(document_id, offset, offset + 1)
        if not ranges:
            return False
        cur = QTextCursor(self.document())
        cur.setPosition(ranges[0][0])
        self.setTextCursor(cur)
        self.ensureCursorVisible()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cur).top() - self.viewport().height() // 3)
        return True

    def highlight_at(self, position: int) -> dict | None:
        for a, ranges in self.painted:
            if any(p <= position < p + n for p, n in ranges):
                return a
        return None

    def reveal(self, document_id: int, start: int, end: int) -> bool:
        """Scroll to document offsets ``[start, end)`` and select them. False when not shown here."""
        ranges = self.anchors.ranges(document_id, start, end)
        if not ranges:
            return False
        cur = QTextCursor(self.document())
        cur.setPosition(ranges[0][0])
        cur.setPosition(ranges[-1][0] + ranges[-1][1], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)
        self.ensureCursorVisible()
        return True

    # -- events ------------------------------------------------------------------------------------
    def contextMenuEvent(self, event) -> None:
        scrolled = event.pos() + QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        menu = self.createStandardContextMenu(scrolled)  # document coordinates
        if self.annotating and not self.secret_shown:
            anchor = self.selection_anchor()
            menu.addSeparator()
            for a in (self.act_mark, self.act_mark_comment):
                a.setEnabled(anchor is not None)
                menu.addAction(a)
            hit = self.highlight_at(self.cursorForPosition(event.pos()).position()) if self.managing else None
            if hit is not None:
                menu.addSeparator()
                edit = menu.addAction(self.tr("Edit the highlight's comment…"))
                edit.triggered.connect(lambda: self.edit_highlight_requested.emit(hit))
                remove = menu.addAction(self.tr("Remove the highlight"))
                remove.triggered.connect(lambda: self.remove_highlight_requested.emit(hit))
        menu.exec(event.globalPos())
        menu.deleteLater()
        for a in (self.act_mark, self.act_mark_comment):
            a.setEnabled(not self.secret_shown)

    def viewportEvent(self, event) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.ToolTip and self.painted:
            hit = self.highlight_at(self.cursorForPosition(event.pos()).position())
            body = (hit or {}).get("body", "").strip()
            if body:
                QToolTip.showText(event.globalPos(), body[:600], self.viewport())
                return True
            QToolTip.hideText()
        return super().viewportEvent(event)


def copy_blocked(browser: ReaderBrowser) -> bool:
    """True when copying from ``browser`` cannot put text on the clipboard."""
    return browser.secret_shown and not (browser.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse)


class RenderedItemMixin:
    """Shared by the item page and meeting mode, which both render one item (``self.data``) into a
    ``ReaderBrowser`` (``self.browser``) and paint its highlights (``self.annotations``)."""

    # set by the class that uses the mixin
    data: ItemData | None
    browser: ReaderBrowser
    annotations: list[dict]
    ocr_raw: bool = False  # show the scanned text instead of its machine repair ("Visa skannad originaltext")

    if TYPE_CHECKING:

        def render(self) -> None: ...  # the class's own: renders self.data (or nothing without it)

    def render_into_browser(self) -> bool:
        """Render ``self.data`` into the browser with its highlights; True when secret text is shown."""
        from .item_html import Colors, render_item

        d = self.data
        assert d is not None  # called by render() once it has an item
        secret_shown = any("text" in p for p in d.secret_parts)
        colors = Colors.from_palette(QApplication.palette())
        spans: list = []
        html = render_item(
            d.item,
            d.documents,
            d.sections,
            d.list_entries,
            d.secret_parts,
            colors,
            vault_exists=d.vault_exists,
            spans=spans,
            ocr_raw=self.ocr_raw,
        )
        self.browser.set_secret_shown(secret_shown)
        self.browser.set_mapped_html(html, spans)
        self.browser.paint_highlights(self.annotations, colors.mark)
        return secret_shown

    def ocr_link(self, url) -> bool:
        """``action:ocr-raw`` / ``action:ocr-repaired``: show the scanned text or its repair. True when
        ``url`` was one of them."""
        if url.scheme() != "action" or url.path() not in ("ocr-raw", "ocr-repaired"):
            return False
        self.ocr_raw = url.path() == "ocr-raw"
        self.render()
        return True

    def set_secret_parts(self, parts: list[dict]) -> None:
        if self.data is not None:
            self.data.secret_parts = parts
            self.render()

    def set_annotations(self, annotations: list[dict]) -> None:
        """The item's annotations (``AnnotationService.annotations_for_item``): highlights are painted."""
        from PySide6.QtWidgets import QApplication

        from .item_html import Colors

        self.annotations = list(annotations)
        self.browser.paint_highlights(self.annotations, Colors.from_palette(QApplication.palette()).mark)
