"""Find in a document (the find box, F3 / Shift+F3) and an opened search hit's marks, for
:class:`~.document_page.DocumentPage`: in a PDF through ``QPdfSearchModel``, in the text view through the
text document; a search hit marks every word of the query in the text and brings its passage into view."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

SEARCH_LIGHT = ("#ffe08a", "#000000")  # the search results' highlight colours (light, dark theme)
SEARCH_DARK = ("#7a5b00", "#ffffff")


def search_colors() -> tuple[str, str]:
    """The search marks' background and text colour for the current theme."""
    dark = QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return SEARCH_DARK if dark else SEARCH_LIGHT


class DocumentFind(QWidget):
    """DocumentPage's base (its texts are translated in DocumentPage's context: PySide's ``tr`` looks them up
    by the object's class, not the class that wrote the call). Find uses the page's find box, status label, PDF search model and text view."""

    if TYPE_CHECKING:
        find_box: Any
        find_status: Any
        search_model: Any
        stack: Any
        text: Any
        view: Any
        document_id: int | None
        _search_index: int
        _find_from: int | None

        @property
        def is_pdf(self) -> bool: ...
        def _update_page_label(self) -> None: ...

    # -- find --------------------------------------------------------------------------------------
    def find(self, text: str) -> None:  # type: ignore[override]  # shadows the static QWidget.find(WId)
        """Find ``text`` in the document and go to the first match."""
        self.find_box.setText(text)
        self._run_find()

    def show_search_hit(self, word: str, ranges: list[tuple[int, int]], passage: int | None, page: int) -> int:
        """An opened search hit. Text: every word of the query marked (``ranges``, document offsets) and
        the snippet's passage (``passage``) in view; the find box holds ``word`` for F3. PDF: the find box
        finds ``word`` (the hit's first marked word as it stands on the page), going to its first match
        on ``page`` or after, not to the first one in the document. Returns the words marked (text)."""
        if self.document_id is None:
            return 0
        if self.is_pdf:
            self.find_box.setText(word)
            self._run_find(from_page=page)
            return 0
        self.find_box.setText(word)
        pal = QApplication.palette()
        dark = pal.color(QPalette.ColorRole.Window).lightness() < 128
        n = self.text.mark_search(self.document_id, ranges, *(SEARCH_DARK if dark else SEARCH_LIGHT))
        if passage is not None:
            doc_id = self.document_id
            self.text.scroll_to_offset(doc_id, passage)
            # the view may still change size as the page is laid out: put the passage in view again then
            QTimer.singleShot(
                0, self, lambda: self.document_id == doc_id and self.text.scroll_to_offset(doc_id, passage)
            )
        return n

    def _run_find(self, from_page: int | None = None) -> None:
        text = self.find_box.text().strip()
        self._find_from = from_page
        self._search_index = -1
        if self.stack.currentWidget() is self.text:
            self._find_in_text(text, backward=False, restart=True)
            return
        self.search_model.setSearchString(text)
        self._update_find_status()

    def match_count(self) -> int:
        if self.stack.currentWidget() is self.text:
            return -1
        return self.search_model.rowCount(QModelIndex())

    def _update_find_status(self) -> None:
        text = self.find_box.text().strip()
        if not text or self.stack.currentWidget() is self.text:
            self.find_status.setText("")
            return
        n = self.search_model.rowCount(QModelIndex())
        if n == 0:
            self.find_status.setText(QCoreApplication.translate("DocumentPage", "No matches"))
            return
        if self._search_index < 0:
            first = self._first_match_from(n)
            if first is None:  # no match on the hit's page yet (the search runs page by page)
                self.find_status.setText("")
                return
            self._show_match(first)
        self.find_status.setText(
            QCoreApplication.translate("DocumentPage", "%1 of %2")
            .replace("%1", str(self._search_index + 1))
            .replace("%2", str(n))
        )

    def _first_match_from(self, n: int) -> int | None:
        if self._find_from is None:
            return 0
        for i in range(n):
            if self.search_model.resultAtIndex(i).page() >= self._find_from - 1:
                return i
        return None

    def _show_match(self, i: int) -> None:
        n = self.search_model.rowCount(QModelIndex())
        if n == 0:
            return
        self._search_index = i % n
        link = self.search_model.resultAtIndex(self._search_index)
        self.view.setCurrentSearchResultIndex(self._search_index)
        self.view.pageNavigator().jump(link)
        self._update_page_label()

    def find_next(self) -> None:
        if self.stack.currentWidget() is self.text:
            self._find_in_text(self.find_box.text().strip(), backward=False)
            return
        if self.search_model.rowCount(QModelIndex()):
            self._show_match(self._search_index + 1)
            self._update_find_status()
        elif self.find_box.text().strip():
            self._run_find()

    def find_previous(self) -> None:
        if self.stack.currentWidget() is self.text:
            self._find_in_text(self.find_box.text().strip(), backward=True)
            return
        if self.search_model.rowCount(QModelIndex()):
            self._show_match(self._search_index - 1)
            self._update_find_status()

    def _find_in_text(self, text: str, *, backward: bool, restart: bool = False) -> None:
        from PySide6.QtGui import QTextDocument

        if not text:
            self.find_status.setText("")
            return
        if restart:
            self.text.moveCursor(self.text.textCursor().MoveOperation.Start)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.text.find(text, flags)
        if not found:  # wrap around
            self.text.moveCursor(
                self.text.textCursor().MoveOperation.End if backward else self.text.textCursor().MoveOperation.Start
            )
            found = self.text.find(text, flags)
        self.find_status.setText("" if found else QCoreApplication.translate("DocumentPage", "No matches"))

    def focus_find(self) -> None:
        self.find_box.setFocus()
        self.find_box.selectAll()
