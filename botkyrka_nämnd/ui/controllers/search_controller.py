"""The search field and its results: Ctrl+K (or Ctrl+F outside a document) focuses the field, typing
shows the results page (search as you type), Down moves into the results, Escape goes back, and a hit
opens its item, note or bilaga page through navigation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from ...search.snippet import Snippet
from ..views.document_find import search_colors
from ..views.search_page import query_terms


class SearchController(QObject):
    def __init__(self, window: Any, nav: Any) -> None:
        super().__init__(window)
        self.w = window
        self.nav = nav
        self.ctx = window.ctx

    def wire(self) -> None:
        w = self.w
        w.search_field.textChanged.connect(self.search_text_changed)
        w.search_field.returnPressed.connect(w.search_page.open_first)
        w.search_field.installEventFilter(self)
        w.search_page.open_hit.connect(self.open_hit)
        w.search_page.set_sort(w.settings.search_sort)  # the order chosen last time
        w.search_page.sort_changed.connect(lambda sort: setattr(w.settings, "search_sort", sort))

    def focus_search(self) -> None:
        w = self.w
        if w.central.currentWidget() is w.meeting_mode:
            self.nav.set_meeting_mode(False)
        focus = QApplication.focusWidget()
        if (
            w.reader.currentWidget() is w.document_page
            and focus is not None
            and w.document_page.isAncestorOf(focus)
            and focus is not w.document_page.find_box
        ):
            w.document_page.focus_find()  # Ctrl+F inside a document: find in it
            return
        w.search_field.setFocus()
        w.search_field.selectAll()
        if w.search_field.text().strip():
            self.nav.push_history()
            self.nav.show_page(w.search_page)

    def search_text_changed(self, text: str) -> None:
        if text.strip() and self.w.reader.currentWidget() is not self.w.search_page:
            self.nav.push_history()
            self.nav.show_page(self.w.search_page)
        self.w.search_page.set_query(text)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        w = self.w
        if obj is w.search_field and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Down:
                w.search_page.focus_results()
                return True
            if key == Qt.Key.Key_Escape:
                self.w.search_field.clear()  # (not the narrowed `w.search_field`)
                self.nav.go_back()
                return True
        return super().eventFilter(obj, event)

    def open_hit(self, hit: Any) -> None:
        w = self.w
        get = (lambda k: hit.get(k)) if isinstance(hit, dict) else (lambda k: getattr(hit, k, None))
        terms = query_terms(w.search_page.query)
        if get("secret") and not w.lock.is_unlocked:
            return
        self.nav.push_history()
        doc_id, source = get("document_id"), get("source")
        if source == "attachment" and doc_id is not None:
            doc = self.ctx.meetings.document(int(doc_id))
            page = get("page")
            rel = None
            if doc is not None and page:
                rel = int(page) - int(doc["page_start"] or 1) + 1 if doc["page_start"] else int(page)
            if not self.nav.open_document(int(doc_id), rel, None, record=False):
                return
            text, ranges = get("snippet_text") or "", [tuple(r) for r in get("highlights") or []]
            marks = self.ctx.search.document_marks(
                w.search_page.query, int(doc_id), get("section_id"), Snippet(text, ranges)
            )
            # the word to find again with F3: the hit's first marked word as it stands in the text
            word = text[ranges[0][0] : ranges[0][1]] if ranges else (terms[0] if terms else "")
            w.document_page.show_search_hit(word, marks.ranges, marks.passage, rel or 1)
            return
        self.nav.open_item(get("item_id"), record=False, terms=terms)
        if source != "note" and w.search_page.query:  # every word of the query marked in the item's text
            browser = w.item_page.browser
            by_doc = {
                d: self.ctx.search.document_marks(w.search_page.query, d).ranges for d in browser.anchors.documents()
            }
            browser.mark_search_all(by_doc, *search_colors())
        if source == "note":
            w.item_page.notes.edit.setFocus()
