"""Where the member is: the meetings and the agenda of the selected meeting, the item or document in the
reader, the history for Back, continue-where-I-stopped and meeting mode (the search field is
:mod:`.search_controller`'s). Reading state
(read after a dwell, the last page of a document) is written through the reading service."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QTimer
from PySide6.QtWidgets import QWidget

from ... import log
from ...services.meeting_view import load_meeting
from ..item_data import load_item, meeting_label
from ..models.agenda import COL_NUMBER, COL_TITLE
from ..models.roles import IdRole, KindRole
from .secret_controller import note_secrets

_log = log.get("ui")

READ_DWELL_MS = 1500  # an item counts as read after it has been open this long
PAGE_SAVE_MS = 800


class NavigationController(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.w = window
        self.ctx, self.reading = window.ctx, window.reading
        self.current_meeting: str | None = None
        self.current_meeting_label: str | None = None  # "Socialnämnden 24 september 2024", for the title
        self.changes_dialog: Any = None  # the last "what changed" view (tests read it)
        self.current_item: int | None = None
        self.current_document: int | None = None
        self.current_data: Any = None  # the ItemData last shown
        self.history: list[tuple] = []
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.setInterval(READ_DWELL_MS)
        self._read_timer.timeout.connect(self.mark_current_read)
        self._page_timer = QTimer(self)
        self._page_timer.setSingleShot(True)
        self._page_timer.setInterval(PAGE_SAVE_MS)
        self._page_timer.timeout.connect(self.save_page)
        self._flush_timer = QTimer(self)
        self._flush_timer.setInterval(3000)
        self._flush_timer.timeout.connect(self.flush_reading)
        self._flush_timer.start()
        self._pending_page: tuple[int, int] | None = None

    def wire(self) -> None:
        w = self.w
        w.meetings_view.selectionModel().currentChanged.connect(self._meeting_current_changed)
        w.meetings_view.clicked.connect(self._meeting_clicked)
        w.agenda_view.selectionModel().currentChanged.connect(self._agenda_current_changed)
        w.agenda_view.activated.connect(lambda idx: self.open_item(idx.data(IdRole)))
        w.item_page.open_document.connect(lambda doc_id: self.open_document(doc_id))
        w.item_page.changes_requested.connect(lambda: self.show_changes(item=True))
        w.meeting_page.open_item.connect(lambda item_id: self.open_item(item_id))
        w.meeting_page.changes_requested.connect(lambda: self.show_changes())
        w.document_page.back_requested.connect(self.go_back)
        w.document_page.version_requested.connect(lambda doc_id: self.open_document(doc_id, record=False))
        w.document_page.page_changed.connect(self.page_changed)
        w.meeting_mode.exit_requested.connect(lambda: self.set_meeting_mode(False))
        w.meeting_mode.step.connect(self.step_item)
        w.meeting_mode.jump_to_number.connect(self.jump_to_number)
        w.meeting_mode.open_item.connect(lambda item_id: self.open_item(item_id))

    # ============================================================================== meetings
    def reload_meetings(self, select: str | None = None) -> None:
        w = self.w
        keep = select or self.current_meeting
        meetings = self.ctx.meetings.meetings()
        w.meetings_model.load(meetings, self.reading.meeting_counts())
        w.act_remove_examples.setEnabled(any(m["example"] for m in meetings))
        w.act_remove_meeting.setEnabled(bool(meetings))
        w.meetings_view.expandAll()
        years = w.meetings_model.meeting_years()
        committees = []
        for ci in range(w.meetings_model.rowCount()):
            idx = w.meetings_model.index(ci, 0)
            committees.append((idx.data(IdRole), idx.data()))
        w.search_page.set_filters(years, committees)
        if keep and w.meetings_model.index_of(keep).isValid():
            self.select_meeting(keep)
        elif w.meetings_model.meeting_ids():
            if self.current_meeting is None:
                w.welcome.set_text(self.tr("Choose a meeting and an item on the left."))
        else:
            w.welcome.set_text(self.tr("No notices yet. Import a notice (PDF or text) with Ctrl+O or drop files here."))

    def select_meeting(self, meeting_id: str) -> None:
        idx = self.w.meetings_model.index_of(meeting_id)
        if not idx.isValid():
            return
        if self.w.meetings_view.currentIndex() != idx:
            self.w.meetings_view.setCurrentIndex(idx)  # -> _meeting_current_changed
        elif self.current_meeting != meeting_id:
            self.load_agenda(meeting_id)

    def _meeting_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.data(KindRole) != "meeting":
            return
        mid = current.data(IdRole)
        if mid != self.current_meeting:
            self.load_agenda(mid)

    def _meeting_clicked(self, index: QModelIndex) -> None:
        """A click on the meeting already selected (an item of it open): back to the meeting's page."""
        if index.data(KindRole) == "meeting" and index.data(IdRole) == self.current_meeting:
            if self.w.reader.currentWidget() in (self.w.item_page, self.w.document_page, self.w.welcome):
                self.push_history()
                self.show_page(self.w.meeting_page)

    def load_agenda(self, meeting_id: str) -> None:
        w = self.w
        self.current_meeting = meeting_id
        items = self.ctx.meetings.items(meeting_id)
        states = self.reading.item_states(meeting_id)
        notes = self._notes_summary(meeting_id)
        w.agenda_model.load(meeting_id, items, states, notes)
        m = self.ctx.meetings.meeting(meeting_id)
        label = meeting_label(m) if m else meeting_id
        self.current_meeting_label = label
        w.agenda_label.setText(self.tr("&Agenda – %1").replace("%1", label))
        w.meeting_mode.set_meeting_label(label)
        w.meeting_mode.agenda.resizeColumnToContents(COL_NUMBER)
        if w.reader.currentWidget() is w.overview_page:
            w.notes_ctl.reload_overview()
        if self.current_item is not None and w.agenda_model.row_of(self.current_item) is None:
            self.current_item = None
            if w.reader.currentWidget() in (w.item_page, w.document_page):
                self.show_page(w.meeting_page)
        data = load_meeting(self.ctx, states, notes, meeting_id, meeting=m, items=items)
        if data is not None:
            w.meeting_page.show_meeting(data)
            if w.reader.currentWidget() is w.welcome:  # selecting a meeting shows its page
                self.show_page(w.meeting_page)
        w.update_title()

    def _notes_summary(self, meeting_id: str) -> dict:
        try:
            return self.ctx.annotations.items_with_notes(meeting_id)
        except ImportError:
            return {}

    def refresh_counts(self) -> None:
        """Unread / changed badges of the current meeting, from the agenda model (no full scan)."""
        model = self.w.agenda_model
        if self.current_meeting is None or model.meeting_id != self.current_meeting:
            return
        from ...services.reading import MeetingCounts

        rows = [model.item_row(r) for r in range(model.rowCount())]
        numbered = [r for r in rows if r and r["ordinal"] is not None]
        self.w.meetings_model.update_counts(
            {
                self.current_meeting: MeetingCounts(
                    len(numbered),
                    sum(r["state"] == "unread" for r in numbered),
                    sum(r["state"] == "changed" for r in numbered),
                )
            }
        )

    # ============================================================================== items
    def _agenda_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = current.data(IdRole)
        if item_id is not None and item_id != self.current_item:
            self.open_item(item_id)

    def open_item(self, item_id: int | None, *, record: bool = True, terms: list[str] | None = None) -> bool:
        w = self.w
        if item_id is None:
            return False
        item_id = int(item_id)
        data = load_item(self.ctx, self.reading, item_id)
        if data is None:
            return False
        w.notes_ctl.overlay(data)
        if data.item["meeting_id"] != self.current_meeting:
            self.select_meeting(data.item["meeting_id"])
        if record:
            self.push_history()
        self.current_item = item_id
        self.current_document = None
        row = w.agenda_model.row_of(item_id)
        if row is not None:
            idx = w.agenda_model.index(row, COL_TITLE)
            if w.agenda_view.currentIndex().row() != row:
                w.agenda_view.selectionModel().blockSignals(True)
                w.agenda_view.setCurrentIndex(idx)
                w.agenda_view.selectionModel().blockSignals(False)
                w.agenda_view.viewport().update()
            w.agenda_view.scrollTo(idx)
        note_secrets(w.lock, data.secret_parts, data.secret_notes)
        if w.central.currentWidget() is w.meeting_mode:
            total = w.agenda_model.rowCount()
            w.meeting_mode.show_item(data, (row or 0) + 1, total, w.agenda_model.last_number())
            w.item_page.data = None
            w.item_page.notes.load(None)
        else:
            w.item_page.show_item(data)
            self.show_page(w.item_page)
            if terms:
                w.item_page.highlight(terms)
        self.current_data = data
        self.reading.remember(data.item["meeting_id"], item_id)
        self._read_timer.start()
        w.update_title()
        w.item_opened.emit(item_id)
        return True

    def mark_current_read(self) -> None:
        if self.current_item is None:
            return
        self.reading.mark_item_read(self.current_item)
        self.w.agenda_model.set_state(self.current_item, "read")
        self.refresh_counts()

    def mark_current_unread(self) -> None:
        if self.current_item is None:
            return
        self._read_timer.stop()
        self.reading.mark_item_unread(self.current_item)
        self.w.agenda_model.set_state(self.current_item, "unread")
        self.refresh_counts()

    def step_item(self, delta: int) -> None:
        model = self.w.agenda_model
        if not model.rowCount():
            return
        row = model.row_of(self.current_item) if self.current_item is not None else None
        row = 0 if row is None else max(0, min(model.rowCount() - 1, row + delta))
        item_id = model.item_id(row)
        if item_id is not None and item_id != self.current_item:
            self.open_item(item_id)

    def jump_to_number(self, number: int) -> bool:
        row = self.w.agenda_model.row_for_number(number)
        if row is None:
            self.w.meeting_mode.show_no_such_item(number)
            return False
        return self.open_item(self.w.agenda_model.item_id(row))

    # ============================================================================== documents
    def open_document(
        self, document_id: int, page: int | None = None, find: str | None = None, *, record: bool = True
    ) -> bool:
        w = self.w
        doc = self.ctx.meetings.document(int(document_id))
        if doc is None:
            return False
        if self.current_item != doc["item_id"]:
            self.open_item(doc["item_id"], record=record)
        if w.central.currentWidget() is w.meeting_mode:
            self.set_meeting_mode(False)
        if record and w.reader.currentWidget() is not w.document_page:
            self.push_history()
        pdf = None
        try:
            pdf = self.reading.document_pdf(doc["id"])
        except Exception as exc:  # a damaged PDF: show the text instead
            _log.warning("document pdf unavailable: %s", type(exc).__name__)
        start = page or self.reading.last_page(doc["id"]) or 1
        shown = False
        self.show_page(w.document_page)
        doc_id = doc["id"]
        if pdf is not None:  # the original page by default, its text one click away (read when asked for)
            shown = w.document_page.show_pdf(
                doc, pdf.data, pdf.first_page, start, lambda: self.ctx.meetings.sections(doc_id)
            )
        w.document_page.annotations = self.ctx.annotations.annotations_for_document(doc_id)
        if not shown:
            w.document_page.show_text(doc, self.ctx.meetings.sections(doc_id))
        w.document_page.set_versions(self.ctx.meetings.document_versions(doc["id"]), doc["id"])
        self.current_document = doc["id"]
        self.show_page(w.document_page)
        if find:
            w.document_page.find(find)
        cur = w.document_page.current_page() if shown else None
        self.reading.mark_document_read(doc["id"], cur)
        w.item_page.set_document_state(doc["id"], "read")
        self.reading.remember(self.current_meeting or "", doc["item_id"], doc["id"], cur)
        w.update_title()
        w.document_opened.emit(doc["id"], cur or 0)
        return True

    def page_changed(self, document_id: int, page: int) -> None:
        self._pending_page = (document_id, page)
        self._page_timer.start()

    def save_page(self) -> None:
        if self._pending_page is None:
            return
        doc_id, page = self._pending_page
        self._pending_page = None
        self.reading.set_last_page(doc_id, page)
        if self.current_item is not None and self.current_meeting:
            self.reading.remember(self.current_meeting, self.current_item, doc_id, page)

    def flush_reading(self) -> None:
        if self.reading.pending:
            self.reading.flush()

    # ============================================================================== the reader, Back
    def show_page(self, page: QWidget) -> None:
        w: Any = self.w
        w.reader.setCurrentWidget(page)
        reading_document = page is w.document_page
        if reading_document:
            w.document_page.take_notes(w.item_page.notes)  # my notes stay beside the bilaga I read
        else:
            self.current_document = None
            w.item_page.take_notes()
        w.update_title()

    def push_history(self) -> None:
        w = self.w
        cur = w.reader.currentWidget()
        entry: tuple
        if cur is w.item_page and self.current_item is not None:
            entry = ("item", self.current_item)
        elif cur is w.document_page and self.current_document is not None:
            entry = ("document", self.current_document, w.document_page.current_page())
        elif cur is w.search_page:
            entry = ("search",)
        elif cur is w.overview_page:
            entry = ("overview",)
        else:
            return
        if not self.history or self.history[-1] != entry:
            self.history.append(entry)
        del self.history[:-50]

    def go_back(self) -> None:
        w = self.w
        if w.central.currentWidget() is w.meeting_mode:
            return
        if (
            w.reader.currentWidget() is w.document_page
            and self.current_item is not None
            and (not self.history or self.history[-1][0] not in ("search", "overview"))
        ):
            if self.history and self.history[-1] == ("item", self.current_item):
                self.history.pop()
            self.show_page(w.item_page)
            w.update_title()
            return
        while self.history:
            entry = self.history.pop()
            if entry[0] == "item" and self.open_item(entry[1], record=False):
                return
            if entry[0] == "document" and self.open_document(entry[1], entry[2], record=False):
                return
            if entry[0] == "search":
                self.show_page(w.search_page)
                w.search_page.tree.setFocus()
                return
            if entry[0] == "overview":
                w.notes_ctl.reload_overview()
                self.show_page(w.overview_page)
                w.overview_page.tree.setFocus()
                return

    def continue_reading(self) -> None:
        pos = self.reading.last_position()
        if pos is None:
            self.w.statusBar().showMessage(self.tr("Nothing to continue yet: open an item to start reading."), 5000)
            return
        self.select_meeting(pos.meeting_id)
        if pos.document_id is not None:
            self.open_document(pos.document_id, pos.page)
        else:
            self.open_item(pos.item_id)

    def show_changes(self, item: bool = False) -> None:
        """What changed since the member read it: the open item's documents (``item``), or the meeting's."""
        from ...services.changes import changes
        from ..dialogs.changes import ChangesDialog

        w = self.w
        meeting_id = self.current_meeting
        if meeting_id is None:
            w.statusBar().showMessage(self.tr("Choose a meeting first."), 5000)
            return
        number = None
        if item and self.current_item is not None:
            it = self.ctx.meetings.item_by_id(self.current_item)
            number = it["ordinal"] if it else None
        m = self.ctx.meetings.meeting(meeting_id)
        label = meeting_label(m) if m else meeting_id
        title = (
            self.tr("What changed in item %1 – %2").replace("%1", str(number)).replace("%2", label)
            if number is not None
            else self.tr("New and changed since you read – %1").replace("%1", label)
        )
        dlg = ChangesDialog(title, w)
        self.changes_dialog = dlg
        w.runner.run(lambda: changes(self.ctx, meeting_id, number, was_read=self.reading.was_read), dlg.show_changes)
        dlg.show()

    def focus_notes(self) -> None:
        w = self.w
        editor = w.meeting_mode.notes if self.in_meeting_mode else w.item_page.notes
        if not self.in_meeting_mode and w.reader.currentWidget() is not w.item_page and self.current_item is not None:
            self.show_page(w.item_page)
        if editor.item_id is not None:
            editor.edit.setFocus()

    # ============================================================================== meeting mode
    @property
    def in_meeting_mode(self) -> bool:
        return bool(self.w.central.currentWidget() is self.w.meeting_mode)

    def toggle_meeting_mode(self) -> None:
        self.set_meeting_mode(not self.in_meeting_mode)

    def set_meeting_mode(self, on: bool) -> None:
        w = self.w
        if on == self.in_meeting_mode:
            w.act_meeting_mode.setChecked(on)
            return
        w.notes_ctl.flush()
        if on:
            if self.current_item is None:
                first = w.agenda_model.item_id(0)
                if first is None:
                    w.act_meeting_mode.setChecked(False)
                    w.statusBar().showMessage(self.tr("Choose a meeting first."), 4000)
                    return
                self.current_item = None
                w.central.setCurrentWidget(w.meeting_mode)
                self.open_item(first, record=False)
            else:
                w.central.setCurrentWidget(w.meeting_mode)
                self.open_item(self.current_item, record=False)
            w.toolbar.hide()
            w.meeting_mode.setFocus()
        else:
            w.central.setCurrentWidget(w.splitter)
            w.toolbar.show()
            w.meeting_mode.cancel_jump()
            w.meeting_mode.clear()
            if self.current_item is not None:
                self.open_item(self.current_item, record=False)
        w.act_meeting_mode.setChecked(on)
        w.update_title()
