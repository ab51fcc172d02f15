"""The main window: meetings per nämnd, the agenda of the selected meeting, and the reader (item text,
documents as PDF pages, search results, the notes overview); meeting mode; import; the sekretess lock;
the member's notes and highlights (through :class:`~botkyrka_nämnd.ui.notes_controller.NotesController`).

The window is the UI controller: it asks the core services for data, hands it to the views and turns the
views' signals into service calls (reading state, notes, unlock). It holds no business rules.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .. import APP_DISPLAY_NAME, log
from . import icons
from .dialogs.messages import confirm, inform, show_user_error, warn
from .item_data import load_item, meeting_label, vault_exists
from .models.agenda import COL_CASE, COL_KIND, COL_NUMBER, COL_STATUS, COL_TITLE, AgendaModel
from .models.meetings import MeetingsModel
from .models.roles import IdRole, KindRole
from .views.document_page import DocumentPage
from .views.item_page import ItemPage
from .views.meeting_mode import MeetingModeView
from .views.notes_overview import NotesOverviewPage
from .views.search_page import SearchPage, query_terms
from .widgets.delegates import STATUS_WIDTH, AgendaStatusDelegate, MeetingDelegate
from .widgets.import_progress import ImportProgress
from .workers import ImportJob, OpRunner

_log = log.get("ui")

READ_DWELL_MS = 1500  # an item counts as read after it has been open this long
PAGE_SAVE_MS = 800
IMPORTABLE = (".pdf", ".txt")


class WelcomePage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.label)
        lay.addStretch(2)
        self.set_text(self.tr("Choose a meeting and an item on the left."))

    def set_text(self, text: str) -> None:
        self.label.setText(
            f"<p style='font-size:13pt'>{text}</p><p>"
            + self.tr("Ctrl+K: search · Ctrl+O: import a notice · Ctrl+M: meeting mode · Ctrl+L: lock")
            + "</p>"
        )


class MainWindow(QMainWindow):
    item_opened = Signal(int)
    document_opened = Signal(int, int)  # document id, page
    import_finished = Signal(object)
    language_change_requested = Signal(str)

    def __init__(self, ctx, settings, lock, reading, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.settings, self.lock, self.reading = ctx, settings, lock, reading
        self.runner = OpRunner(self, max_threads=2)
        self.import_job: ImportJob | None = None
        self.pending_reviews: list = []  # files to place in the import review (missing date, nämnd or kommun)
        self._queued_imports: list[str] = []  # files to import once the running import is done
        self.review_dialog = None
        self.current_meeting: str | None = None
        self.current_item: int | None = None
        self.current_document: int | None = None
        self.history: list[tuple] = []
        self.unlock_dialog = None
        self.suppress_dialogs = False
        self.font_pt = settings.font_size
        self._closing = False
        self.setWindowIcon(icons.app_icon())
        self.setAcceptDrops(True)
        self.setObjectName("mainWindow")

        self._build_models()
        self._build_views()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._wire()
        from .notes_controller import NotesController

        self.notes_ctl = NotesController(self)
        from . import crash

        crash.flush_hooks.append(self.flush_drafts)
        self.apply_font_size(self.font_pt)
        self.restore_state()
        self.update_lock_ui()
        self.update_title()

        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.setInterval(READ_DWELL_MS)
        self._read_timer.timeout.connect(self._mark_current_read)
        self._page_timer = QTimer(self)
        self._page_timer.setSingleShot(True)
        self._page_timer.setInterval(PAGE_SAVE_MS)
        self._page_timer.timeout.connect(self._save_page)
        self._flush_timer = QTimer(self)
        self._flush_timer.setInterval(3000)
        self._flush_timer.timeout.connect(self._flush_reading)
        self._flush_timer.start()
        self._pending_page: tuple[int, int] | None = None

    # ============================================================================== construction
    def _build_models(self) -> None:
        self.meetings_model = MeetingsModel(self)
        self.agenda_model = AgendaModel(self)

    def _build_views(self) -> None:
        self.meetings_view = QTreeView()
        self.meetings_view.setModel(self.meetings_model)
        self.meetings_view.setHeaderHidden(True)
        self.meetings_view.setItemDelegate(MeetingDelegate(self.meetings_view))
        self.meetings_view.setAccessibleName(self.tr("Meetings"))
        self.meetings_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.meetings_label = QLabel(self.tr("&Meetings"))
        self.meetings_label.setBuddy(self.meetings_view)

        self.agenda_view = QTreeView()
        self.agenda_view.setModel(self.agenda_model)
        self.agenda_view.setRootIsDecorated(False)
        self.agenda_view.setAlternatingRowColors(True)
        self.agenda_view.setAccessibleName(self.tr("Agenda"))
        self.agenda_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda_view.setItemDelegateForColumn(COL_STATUS, AgendaStatusDelegate(self.agenda_view))
        self.agenda_view.setWordWrap(False)
        self.agenda_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.agenda_view.header()
        header.setAccessibleName(self.tr("Agenda columns"))
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CASE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_STATUS, STATUS_WIDTH)
        self.agenda_view.setColumnHidden(COL_CASE, True)
        self.agenda_view.setColumnHidden(COL_KIND, True)
        self.agenda_label = QLabel(self.tr("&Agenda"))
        self.agenda_label.setWordWrap(True)
        self.agenda_label.setBuddy(self.agenda_view)

        left = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(6, 6, 0, 0)
        tl.addWidget(self.meetings_label)
        tl.addWidget(self.meetings_view)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(6, 0, 0, 6)
        bl.addWidget(self.agenda_label)
        bl.addWidget(self.agenda_view)
        left.addWidget(top)
        left.addWidget(bottom)
        left.setStretchFactor(0, 2)
        left.setStretchFactor(1, 5)
        self.left_splitter = left

        self.welcome = WelcomePage()
        self.item_page = ItemPage()
        self.document_page = DocumentPage()
        self.search_page = SearchPage(self.ctx)
        self.search_page.include_secret = lambda: self.lock.is_unlocked
        self.overview_page = NotesOverviewPage()
        self.reader = QStackedWidget()
        for w in (self.welcome, self.item_page, self.document_page, self.search_page, self.overview_page):
            self.reader.addWidget(w)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([380, 900])

        self.meeting_mode = MeetingModeView()
        self.meeting_mode.set_agenda_model(self.agenda_model)
        self.central = QStackedWidget()
        self.central.addWidget(self.splitter)
        self.central.addWidget(self.meeting_mode)
        self.setCentralWidget(self.central)

        self.import_progress = ImportProgress()
        self.statusBar().addPermanentWidget(self.import_progress)
        self.vault_label = QLabel()
        self.vault_label.setAccessibleName(self.tr("Secret content status"))
        self.statusBar().addPermanentWidget(self.vault_label)

    def _action(self, text: str, slot, shortcut=None, icon: str | None = None, tip: str | None = None) -> QAction:
        a = QAction(text, self)
        if icon:
            a.setIcon(icons.icon(icon))
            a.setData(icon)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                a.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setToolTip(tip)
            a.setStatusTip(tip)
        a.triggered.connect(lambda _checked=False: slot())
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        self.act_import = self._action(
            self.tr("&Import notices…"),
            self.choose_import,
            QKeySequence.StandardKey.Open,
            "import",
            self.tr("Import notices (PDF or text files)"),
        )
        self.act_quit = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.act_search = self._action(
            self.tr("&Search"),
            self.focus_search,
            ["Ctrl+K", "Ctrl+F"],
            "search",
            self.tr("Search in all meetings (Ctrl+K)"),
        )
        self.act_continue = self._action(
            self.tr("&Continue where I stopped"),
            self.continue_reading,
            "Ctrl+J",
            "continue",
            self.tr("Open the item and page you read last (Ctrl+J)"),
        )
        self.act_back = self._action(self.tr("&Back"), self.go_back, QKeySequence.StandardKey.Back, "back")
        self.act_next_item = self._action(
            self.tr("&Next item"), lambda: self.step_item(1), ["Ctrl+PgDown", "Alt+Down"], "next"
        )
        self.act_prev_item = self._action(
            self.tr("&Previous item"), lambda: self.step_item(-1), ["Ctrl+PgUp", "Alt+Up"], "previous"
        )
        self.act_meeting_mode = self._action(
            self.tr("&Meeting mode"),
            self.toggle_meeting_mode,
            ["Ctrl+M", "F11"],
            "meeting-mode",
            self.tr("Large text, the item and your notes side by side (Ctrl+M)"),
        )
        self.act_meeting_mode.setCheckable(True)
        self.act_bigger = self._action(
            self.tr("&Larger"), lambda: self.zoom(1), [QKeySequence.StandardKey.ZoomIn, "Ctrl+="]
        )
        self.act_smaller = self._action(self.tr("&Smaller"), lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut)
        self.act_fit = self._action(self.tr("&Normal size"), lambda: self.zoom(0), "Ctrl+0")
        self.act_unlock = self._action(
            self.tr("&Unlock secret content…"),
            self.request_unlock,
            "Ctrl+Shift+L",
            "unlock",
            self.tr("Unlock secret content with your passphrase"),
        )
        self.act_lock = self._action(
            self.tr("&Lock secret content"),
            lambda: self.lock.lock("manual"),
            "Ctrl+L",
            "lock",
            self.tr("Lock secret content now (Ctrl+L)"),
        )
        self.act_settings = self._action(
            self.tr("S&ettings…"), self.open_settings, QKeySequence.StandardKey.Preferences, "settings"
        )
        self.act_mark_unread = self._action(self.tr("Mark item as &unread"), self.mark_current_unread)
        self.act_highlight = self._action(
            self.tr("&Highlight"),
            lambda: self.notes_ctl.mark_current(False),
            "Ctrl+H",
            "highlight",
            self.tr("Highlight the selected passage (Ctrl+H)"),
        )
        self.act_highlight_comment = self._action(
            self.tr("Highlight with &comment…"),
            lambda: self.notes_ctl.mark_current(True),
            "Ctrl+Shift+H",
            None,
            self.tr("Highlight the selected passage and write a comment (Ctrl+Shift+H)"),
        )
        self.act_overview = self._action(
            self.tr("My &notes overview"),
            lambda: self.notes_ctl.show_overview(),
            "Ctrl+Shift+N",
            "note",
            self.tr("All notes and highlights of this meeting (Ctrl+Shift+N)"),
        )
        self.act_focus_notes = self._action(
            self.tr("&Write a note"),
            self.focus_notes,
            "Ctrl+Shift+E",
            None,
            self.tr("Move to your notes on this item (Ctrl+Shift+E)"),
        )
        self.act_export_notes = self._action(
            self.tr("&Export my notes…"),
            lambda: self.notes_ctl.choose_export(),
            "Ctrl+E",
            "export",
            self.tr("Save this meeting's notes as PDF or Markdown; secret parts are never included"),
        )
        self.act_about = self._action(self.tr("&About"), self.about)
        self.act_shortcuts = self._action(self.tr("&Keyboard shortcuts"), self.show_shortcuts, "F1")

    def _build_menus_and_toolbar(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(self.tr("&File"))
        m.addAction(self.act_import)
        m.addAction(self.act_export_notes)
        m.addSeparator()
        m.addAction(self.act_settings)
        m.addSeparator()
        m.addAction(self.act_quit)
        m = mb.addMenu(self.tr("&Go"))
        for a in (self.act_search, self.act_continue, self.act_back, self.act_next_item, self.act_prev_item):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.act_mark_unread)
        m = mb.addMenu(self.tr("&View"))
        for a in (self.act_meeting_mode, self.act_bigger, self.act_smaller, self.act_fit):
            m.addAction(a)
        m = mb.addMenu(self.tr("&Notes"))
        for a in (self.act_highlight, self.act_highlight_comment, self.act_focus_notes):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.act_overview)
        m.addAction(self.act_export_notes)
        m = mb.addMenu(self.tr("Se&cret"))
        m.addAction(self.act_unlock)
        m.addAction(self.act_lock)
        m = mb.addMenu(self.tr("&Help"))
        m.addAction(self.act_shortcuts)
        m.addAction(self.act_about)

        tb = QToolBar(self.tr("Toolbar"))
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addAction(self.act_import)
        tb.addSeparator()
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(self.tr("Search notices and notes (Ctrl+K)"))
        self.search_field.setAccessibleName(self.tr("Search"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition).setData("search")
        self.search_field.setMinimumWidth(320)
        self.search_field.setMaximumWidth(520)
        self.search_field.installEventFilter(self)
        tb.addWidget(self.search_field)
        tb.addSeparator()
        tb.addAction(self.act_continue)
        tb.addAction(self.act_meeting_mode)
        tb.addAction(self.act_overview)
        spacer = QWidget()
        from PySide6.QtWidgets import QSizePolicy

        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        tb.addAction(self.act_unlock)
        tb.addAction(self.act_lock)
        tb.addAction(self.act_settings)
        self.toolbar = tb
        self.addToolBar(tb)

    def _wire(self) -> None:
        self.meetings_view.selectionModel().currentChanged.connect(self._meeting_current_changed)
        self.agenda_view.selectionModel().currentChanged.connect(self._agenda_current_changed)
        self.agenda_view.activated.connect(lambda idx: self.open_item(idx.data(IdRole)))
        self.item_page.open_document.connect(lambda doc_id: self.open_document(doc_id))
        self.item_page.unlock_requested.connect(self.request_unlock)
        self.item_page.lock_requested.connect(lambda: self.lock.lock("manual"))
        self.item_page.publish_requested.connect(self.publish_part)
        self.item_page.relock_requested.connect(self.relock_part)
        self.document_page.back_requested.connect(self.go_back)
        self.document_page.page_changed.connect(self._page_changed)
        self.search_field.textChanged.connect(self._search_text_changed)
        self.search_field.returnPressed.connect(self.search_page.open_first)
        self.search_page.open_hit.connect(self.open_hit)
        self.meeting_mode.exit_requested.connect(lambda: self.set_meeting_mode(False))
        self.meeting_mode.step.connect(self.step_item)
        self.meeting_mode.jump_to_number.connect(self.jump_to_number)
        self.meeting_mode.open_item.connect(lambda item_id: self.open_item(item_id))
        self.meeting_mode.unlock_requested.connect(self.request_unlock)
        self.meeting_mode.lock_requested.connect(lambda: self.lock.lock("manual"))
        self.item_page.notes.escape_pressed.connect(lambda: self.item_page.browser.setFocus())
        self.lock.locked.connect(self.on_locked)
        self.lock.unlocked.connect(self.on_unlocked)
        self.import_progress.cancel_requested.connect(self.cancel_import)

    # ============================================================================== meetings
    def reload_meetings(self, select: str | None = None) -> None:
        keep = select or self.current_meeting
        self.meetings_model.load(self.ctx.meetings.meetings(), self.reading.meeting_counts())
        self.meetings_view.expandAll()
        years = self.meetings_model.meeting_years()
        committees = []
        for ci in range(self.meetings_model.rowCount()):
            idx = self.meetings_model.index(ci, 0)
            committees.append((idx.data(IdRole), idx.data()))
        self.search_page.set_filters(years, committees)
        if keep and self.meetings_model.index_of(keep).isValid():
            self.select_meeting(keep)
        elif self.meetings_model.meeting_ids():
            if self.current_meeting is None:
                self.welcome.set_text(self.tr("Choose a meeting and an item on the left."))
        else:
            self.welcome.set_text(
                self.tr("No notices yet. Import a notice (PDF or text) with Ctrl+O or drop files here.")
            )

    def select_meeting(self, meeting_id: str) -> None:
        idx = self.meetings_model.index_of(meeting_id)
        if not idx.isValid():
            return
        if self.meetings_view.currentIndex() != idx:
            self.meetings_view.setCurrentIndex(idx)  # -> _meeting_current_changed
        elif self.current_meeting != meeting_id:
            self._load_agenda(meeting_id)

    def _meeting_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.data(KindRole) != "meeting":
            return
        mid = current.data(IdRole)
        if mid != self.current_meeting:
            self._load_agenda(mid)

    def _load_agenda(self, meeting_id: str) -> None:
        self.current_meeting = meeting_id
        items = self.ctx.meetings.items(meeting_id)
        states = self.reading.item_states(meeting_id)
        notes = self._notes_summary(meeting_id)
        self.agenda_model.load(meeting_id, items, states, notes)
        m = self.ctx.meetings.meeting(meeting_id)
        label = meeting_label(m) if m else meeting_id
        self.agenda_label.setText(self.tr("&Agenda – %1").replace("%1", label))
        self.meeting_mode.set_meeting_label(label)
        self.meeting_mode.agenda.resizeColumnToContents(COL_NUMBER)
        if self.reader.currentWidget() is self.overview_page:
            self.notes_ctl.reload_overview()
        if self.current_item is not None and self.agenda_model.row_of(self.current_item) is None:
            self.current_item = None
            if self.reader.currentWidget() in (self.item_page, self.document_page):
                self._show_page(self.welcome)
        self.update_title()

    def _notes_summary(self, meeting_id: str) -> dict:
        try:
            return self.ctx.annotations.items_with_notes(meeting_id)
        except ImportError:
            return {}

    def _refresh_counts(self) -> None:
        """Unread / changed badges of the current meeting, from the agenda model (no full scan)."""
        if self.current_meeting is None or self.agenda_model.meeting_id != self.current_meeting:
            return
        from ..services.reading import MeetingCounts

        rows = [self.agenda_model.item_row(r) for r in range(self.agenda_model.rowCount())]
        numbered = [r for r in rows if r and r["ordinal"] is not None]
        self.meetings_model.update_counts(
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
        if item_id is None:
            return False
        item_id = int(item_id)
        data = load_item(self.ctx, self.reading, item_id)
        if data is None:
            return False
        self.notes_ctl.overlay(data)
        if data.item["meeting_id"] != self.current_meeting:
            self.select_meeting(data.item["meeting_id"])
        if record:
            self._push_history()
        self.current_item = item_id
        self.current_document = None
        row = self.agenda_model.row_of(item_id)
        if row is not None:
            idx = self.agenda_model.index(row, COL_TITLE)
            if self.agenda_view.currentIndex().row() != row:
                self.agenda_view.selectionModel().blockSignals(True)
                self.agenda_view.setCurrentIndex(idx)
                self.agenda_view.selectionModel().blockSignals(False)
                self.agenda_view.viewport().update()
            self.agenda_view.scrollTo(idx)
        self._note_secrets(data.secret_parts, data.secret_notes)
        if self.central.currentWidget() is self.meeting_mode:
            total = self.agenda_model.rowCount()
            self.meeting_mode.show_item(data, (row or 0) + 1, total)
            self.item_page.data = None
            self.item_page.notes.load(None)
        else:
            self.item_page.show_item(data)
            self._show_page(self.item_page)
            if terms:
                self.item_page.highlight(terms)
        self._current_data = data
        self.reading.remember(data.item["meeting_id"], item_id)
        self._read_timer.start()
        self.update_title()
        self.item_opened.emit(item_id)
        return True

    def _note_secrets(self, parts: list[dict], notes: dict | None = None) -> None:
        """Tell the lock controller what secret text is shown (parts, and the member's notes on them), so
        that the clipboard is cleared on lock if it holds any of it."""
        for p in parts:
            if "text" in p:
                self.lock.note_secret_shown(p["text"])
        for text in (notes or {}).values():
            self.lock.note_secret_shown(text)

    def _mark_current_read(self) -> None:
        if self.current_item is None:
            return
        self.reading.mark_item_read(self.current_item)
        self.agenda_model.set_state(self.current_item, "read")
        self._refresh_counts()

    def mark_current_unread(self) -> None:
        if self.current_item is None:
            return
        self._read_timer.stop()
        self.reading.mark_item_unread(self.current_item)
        self.agenda_model.set_state(self.current_item, "unread")
        self._refresh_counts()

    def step_item(self, delta: int) -> None:
        if not self.agenda_model.rowCount():
            return
        row = self.agenda_model.row_of(self.current_item) if self.current_item is not None else None
        row = 0 if row is None else max(0, min(self.agenda_model.rowCount() - 1, row + delta))
        item_id = self.agenda_model.item_id(row)
        if item_id is not None and item_id != self.current_item:
            self.open_item(item_id)

    def jump_to_number(self, number: int) -> bool:
        row = self.agenda_model.row_for_number(number)
        if row is None:
            self.meeting_mode.show_no_such_item(number)
            return False
        return self.open_item(self.agenda_model.item_id(row))

    # ============================================================================== documents
    def open_document(
        self, document_id: int, page: int | None = None, find: str | None = None, *, record: bool = True
    ) -> bool:
        doc = self.ctx.meetings.document(int(document_id))
        if doc is None:
            return False
        if self.current_item != doc["item_id"]:
            self.open_item(doc["item_id"], record=record)
        if self.central.currentWidget() is self.meeting_mode:
            self.set_meeting_mode(False)
        if record and self.reader.currentWidget() is not self.document_page:
            self._push_history()
        pdf = None
        try:
            pdf = self.reading.document_pdf(doc["id"])
        except Exception as exc:  # a damaged PDF: show the text instead
            _log.warning("document pdf unavailable: %s", type(exc).__name__)
        start = page or self.reading.last_page(doc["id"]) or 1
        shown = False
        self._show_page(self.document_page)
        if pdf is not None:
            shown = self.document_page.show_pdf(doc, pdf.data, pdf.first_page, start)
        self.document_page.annotations = self.ctx.annotations.annotations_for_document(doc["id"])
        if not shown:
            self.document_page.show_text(doc, self.ctx.meetings.sections(doc["id"]))
        self.current_document = doc["id"]
        self._show_page(self.document_page)
        if find:
            self.document_page.find(find)
        cur = self.document_page.current_page() if shown else None
        self.reading.mark_document_read(doc["id"], cur)
        self.item_page.set_document_state(doc["id"], "read")
        self.reading.remember(self.current_meeting or "", doc["item_id"], doc["id"], cur)
        self.update_title()
        self.document_opened.emit(doc["id"], cur or 0)
        return True

    def _page_changed(self, document_id: int, page: int) -> None:
        self._pending_page = (document_id, page)
        self._page_timer.start()

    def _save_page(self) -> None:
        if self._pending_page is None:
            return
        doc_id, page = self._pending_page
        self._pending_page = None
        self.reading.set_last_page(doc_id, page)
        if self.current_item is not None and self.current_meeting:
            self.reading.remember(self.current_meeting, self.current_item, doc_id, page)

    def _flush_reading(self) -> None:
        if self.reading.pending:
            self.reading.flush()

    # ============================================================================== navigation
    def _show_page(self, page: QWidget) -> None:
        self.reader.setCurrentWidget(page)
        if page is not self.document_page:
            self.current_document = None
        self.update_title()

    def _push_history(self) -> None:
        w = self.reader.currentWidget()
        if w is self.item_page and self.current_item is not None:
            entry = ("item", self.current_item)
        elif w is self.document_page and self.current_document is not None:
            entry = ("document", self.current_document, self.document_page.current_page())
        elif w is self.search_page:
            entry = ("search",)
        elif w is self.overview_page:
            entry = ("overview",)
        else:
            return
        if not self.history or self.history[-1] != entry:
            self.history.append(entry)
        del self.history[:-50]

    def go_back(self) -> None:
        if self.central.currentWidget() is self.meeting_mode:
            return
        if (
            self.reader.currentWidget() is self.document_page
            and self.current_item is not None
            and (not self.history or self.history[-1][0] not in ("search", "overview"))
        ):
            if self.history and self.history[-1] == ("item", self.current_item):
                self.history.pop()
            self._show_page(self.item_page)
            self.update_title()
            return
        while self.history:
            entry = self.history.pop()
            if entry[0] == "item" and self.open_item(entry[1], record=False):
                return
            if entry[0] == "document" and self.open_document(entry[1], entry[2], record=False):
                return
            if entry[0] == "search":
                self._show_page(self.search_page)
                self.search_page.tree.setFocus()
                return
            if entry[0] == "overview":
                self.notes_ctl.reload_overview()
                self._show_page(self.overview_page)
                self.overview_page.tree.setFocus()
                return

    def continue_reading(self) -> None:
        pos = self.reading.last_position()
        if pos is None:
            self.statusBar().showMessage(self.tr("Nothing to continue yet: open an item to start reading."), 5000)
            return
        self.select_meeting(pos.meeting_id)
        if pos.document_id is not None:
            self.open_document(pos.document_id, pos.page)
        else:
            self.open_item(pos.item_id)

    # ============================================================================== search
    def focus_search(self) -> None:
        if self.central.currentWidget() is self.meeting_mode:
            self.set_meeting_mode(False)
        focus = QApplication.focusWidget()
        if (
            self.reader.currentWidget() is self.document_page
            and focus is not None
            and self.document_page.isAncestorOf(focus)
            and focus is not self.document_page.find_box
        ):
            self.document_page.focus_find()  # Ctrl+F inside a document: find in it
            return
        self.search_field.setFocus()
        self.search_field.selectAll()
        if self.search_field.text().strip():
            self._push_history()
            self._show_page(self.search_page)

    def _search_text_changed(self, text: str) -> None:
        if text.strip() and self.reader.currentWidget() is not self.search_page:
            self._push_history()
            self._show_page(self.search_page)
        self.search_page.set_query(text)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.search_field and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down:
                self.search_page.focus_results()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.search_field.clear()
                self.go_back()
                return True
        return super().eventFilter(obj, event)

    def open_hit(self, hit) -> None:
        get = (lambda k: hit.get(k)) if isinstance(hit, dict) else (lambda k: getattr(hit, k, None))
        terms = query_terms(self.search_page.query)
        if get("secret") and not self.lock.is_unlocked:
            return
        self._push_history()
        doc_id, source = get("document_id"), get("source")
        if source == "attachment" and doc_id is not None:
            doc = self.ctx.meetings.document(int(doc_id))
            page = get("page")
            rel = None
            if doc is not None and page:
                rel = int(page) - int(doc["page_start"] or 1) + 1 if doc["page_start"] else int(page)
            self.open_document(int(doc_id), rel, " ".join(terms[:1]) if terms else None, record=False)
            return
        self.open_item(get("item_id"), record=False, terms=terms)
        if source == "note":
            self.item_page.notes.edit.setFocus()

    # ============================================================================== notes
    def flush_drafts(self) -> None:
        """Hand every typed draft to the writer (an unexpected error, quitting)."""
        try:
            self.notes_ctl.flush()
        except RuntimeError:  # the window is already gone
            pass

    def focus_notes(self) -> None:
        editor = self.meeting_mode.notes if self.in_meeting_mode else self.item_page.notes
        if (
            not self.in_meeting_mode
            and self.reader.currentWidget() is not self.item_page
            and self.current_item is not None
        ):
            self._show_page(self.item_page)
        if editor.item_id is not None:
            editor.edit.setFocus()

    # ============================================================================== meeting mode
    def toggle_meeting_mode(self) -> None:
        self.set_meeting_mode(self.central.currentWidget() is not self.meeting_mode)

    def set_meeting_mode(self, on: bool) -> None:
        if on == (self.central.currentWidget() is self.meeting_mode):
            self.act_meeting_mode.setChecked(on)
            return
        self.notes_ctl.flush()
        if on:
            if self.current_item is None:
                first = self.agenda_model.item_id(0)
                if first is None:
                    self.act_meeting_mode.setChecked(False)
                    self.statusBar().showMessage(self.tr("Choose a meeting first."), 4000)
                    return
                self.current_item = None
                self.central.setCurrentWidget(self.meeting_mode)
                self.open_item(first, record=False)
            else:
                self.central.setCurrentWidget(self.meeting_mode)
                self.open_item(self.current_item, record=False)
            self.toolbar.hide()
            self.meeting_mode.setFocus()
        else:
            self.central.setCurrentWidget(self.splitter)
            self.toolbar.show()
            self.meeting_mode.cancel_jump()
            self.meeting_mode.clear()
            if self.current_item is not None:
                self.open_item(self.current_item, record=False)
        self.act_meeting_mode.setChecked(on)
        self.update_title()

    @property
    def in_meeting_mode(self) -> bool:
        return self.central.currentWidget() is self.meeting_mode

    # ============================================================================== view size
    def zoom(self, direction: int) -> None:
        if not self.in_meeting_mode and self.reader.currentWidget() is self.document_page and self.document_page.is_pdf:
            if direction == 0:
                self.document_page.fit_width()
            else:
                self.document_page.zoom_step(direction)
            return
        from ..ui.settings import FONT_SIZES

        if direction == 0:
            pt = 11
        else:
            cur = self.font_pt
            bigger = [s for s in FONT_SIZES if s > cur]
            smaller = [s for s in FONT_SIZES if s < cur]
            pt = (bigger[0] if bigger else cur) if direction > 0 else (smaller[-1] if smaller else cur)
        self.settings.font_size = pt
        self.apply_font_size(pt)

    def apply_font_size(self, pt: int) -> None:
        self.font_pt = pt
        self.item_page.set_font_size(pt)
        self.meeting_mode.set_font_size(pt)
        self.document_page.set_font_size(pt)
        f = self.font()
        f.setPointSize(max(9, min(pt, 14)))
        for w in (self.meetings_view, self.agenda_view, self.search_page.tree):
            w.setFont(f)

    # ============================================================================== sekretess
    def publish_part(self, uid: str) -> None:
        """The member judged a part locked on suspicion not secret: ask, then make it public."""
        if not confirm(
            self,
            self.tr("Make public?"),
            self.tr(
                "This part was locked because the program could not tell whether it is secret. "
                "If you make it public, its text is shown without the passphrase, found by search and "
                "stored unencrypted on this computer.\n\nDo this only if you are sure that it is not "
                "covered by secrecy. You can lock it again later."
            ),
            self.tr("Make public"),
        ):
            return
        try:
            self.ctx.publish_secret_part(uid)
        except Exception as exc:
            show_user_error(self, exc)
            return
        self._refresh_secret_views()
        self.search_page.schedule()
        self.statusBar().showMessage(self.tr("The part is public now."), 6000)

    def relock_part(self, uid: str) -> None:
        try:
            self.ctx.relock_secret_part(uid)
        except Exception as exc:
            show_user_error(self, exc)
            return
        self._refresh_secret_views()
        self.search_page.schedule()
        self.statusBar().showMessage(self.tr("The part is locked again."), 6000)

    def request_unlock(self) -> None:
        from .dialogs.vault import UnlockDialog, VaultSetupDialog

        if self.lock.is_unlocked:
            return
        if self.unlock_dialog is not None and self.unlock_dialog.isVisible():
            self.unlock_dialog.raise_()
            self.unlock_dialog.activateWindow()
            return
        creating = not vault_exists(self.ctx)
        dlg = (VaultSetupDialog if creating else UnlockDialog)(self.ctx, self.runner, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._unlock_accepted(creating))
        dlg.destroyed.connect(lambda *_: setattr(self, "unlock_dialog", None))
        self.unlock_dialog = dlg
        dlg.open()

    def _unlock_accepted(self, created: bool) -> None:
        if not self.lock.is_unlocked:
            return
        self.lock.mark_unlocked()
        if created:
            self._after_vault_created()

    def _after_vault_created(self) -> None:
        """A new vault: secret parts imported before it existed can be filled in by importing the same files
        again; the demo data is re-created from its remembered date and imported again at once."""
        from ..services.demo import SETTING

        if self.ctx.store.get_setting(SETTING):
            self.start_demo_import(quiet=True)
        else:
            inform(
                self,
                self.tr("Vault created"),
                self.tr(
                    "The secret vault is ready. Secret parts of notices imported before now were not stored; import "
                    "those notices again to add them."
                ),
            )

    def on_unlocked(self) -> None:
        self.update_lock_ui()
        self.update_title()
        self._refresh_secret_views()
        self.search_page.schedule()

    def _refresh_secret_views(self) -> None:
        self.notes_ctl.refresh_summary()
        if self.reader.currentWidget() is self.overview_page:
            self.notes_ctl.reload_overview()
        if self.current_item is None:
            return
        try:
            parts = self.ctx.secret_parts(self.current_item)
        except Exception as exc:
            show_user_error(self, exc)
            return
        a = self.ctx.annotations
        notes = {
            p["uid"]: (a.item_note(self.current_item, secret_part_uid=p["uid"]) or {}).get("body") or ""
            for p in parts
            if "text" in p
        }
        self._note_secrets(parts, notes)
        view = self.meeting_mode if self.in_meeting_mode else self.item_page
        view.set_secret_parts(parts)
        view.notes.set_secret_parts(parts, notes)
        view.set_annotations(a.annotations_for_item(self.current_item))

    def on_locked(self, reason: str) -> None:
        """Every view drops secret content now (called synchronously by the lock controller). The drafts
        were saved just before the vault locked (``NotesController.before_lock``)."""
        self.notes_ctl.flush(secret=False)
        self.notes_ctl.forget_secrets()
        self.item_page.forget_secrets()
        self.meeting_mode.forget_secrets()
        for view in (self.item_page, self.meeting_mode):  # the vault's labels ("Lex Sarah-rapporter (4)") go too:
            if view.data is not None:  # back to the store's placeholders, as an item opened while locked shows
                view.set_secret_parts(self.ctx.meetings.placeholders(view.data.item["id"]))
        self.search_page.forget_secrets()
        if not self.search_page.query and self.search_field.text():
            self.search_field.blockSignals(True)
            self.search_field.clear()
            self.search_field.blockSignals(False)
        self.update_lock_ui()
        self.update_title()
        if reason in ("idle", "suspend", "screen"):
            self.statusBar().showMessage(self.tr("Secret content was locked automatically."), 8000)

    def update_lock_ui(self) -> None:
        unlocked = self.lock.is_unlocked
        self.act_lock.setEnabled(unlocked)
        self.act_lock.setVisible(unlocked)
        self.act_unlock.setEnabled(not unlocked)
        self.act_unlock.setVisible(not unlocked)
        if unlocked:
            self.vault_label.setText(self.tr("Secret content: open"))
        elif vault_exists(self.ctx):
            self.vault_label.setText(self.tr("Secret content: locked"))
        else:
            self.vault_label.setText(self.tr("Secret content: no vault yet"))

    # ============================================================================== title
    def update_title(self) -> None:
        """Only ids and numbers: never an item title or any document text (SECURITY.md §2.5)."""
        parts = [APP_DISPLAY_NAME]
        if self.current_meeting:
            where = self.current_meeting
            if self.current_item is not None:
                row = self.agenda_model.row_of(self.current_item)
                num = self.agenda_model.item_row(row)["ordinal"] if row is not None else None
                if num is not None:
                    where += " · " + self.tr("item %1").replace("%1", str(num))
            parts.append(where)
        if self.in_meeting_mode:
            parts.append(self.tr("meeting mode"))
        if self.lock.is_unlocked:
            parts.append(self.tr("secret content open"))
        self.setWindowTitle(" – ".join(parts))

    # ============================================================================== import
    def choose_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import notices"), str(Path.home()), self.tr("Notices (*.pdf *.txt);;All files (*)")
        )
        if files:
            self.start_import(files)

    def dragEnterEvent(self, event) -> None:
        if self._importable(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self._importable(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = self._importable(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.start_import(files)

    @staticmethod
    def _importable(mime) -> list[str]:
        if not mime.hasUrls():
            return []
        return [
            u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile().lower().endswith(IMPORTABLE)
        ]

    def start_import(self, paths: list[str], *, mode: str | None = None, hints: dict | None = None) -> ImportJob | None:
        if self.import_job is not None and self.import_job.running:
            self.statusBar().showMessage(self.tr("An import is already running."), 5000)
            return None
        job = ImportJob(str(self.ctx.data_dir), paths, mode=mode or "process", hints=hints, parent=self)
        self._start_job(job, self.tr("Importing %n file(s)…", "", len(paths)))
        return job

    def queue_import(self, paths: list[str]) -> None:
        """Import ``paths`` now, or right after the running import (files handed over by a second start or
        dropped during an import are never lost)."""
        if self.import_job is not None and self.import_job.running:
            self._queued_imports.extend(p for p in paths if p not in self._queued_imports)
            self.statusBar().showMessage(
                self.tr("%n file(s) will be imported after the current import.", "", len(self._queued_imports)), 5000
            )
            return
        self.start_import(list(paths))

    def start_demo_import(self, *, quiet: bool = False) -> ImportJob | None:
        if self.import_job is not None and self.import_job.running:
            return None
        job = ImportJob(str(self.ctx.data_dir), demo=True, parent=self)
        job.setProperty("quiet", quiet)
        self._start_job(job, self.tr("Preparing example data…"))
        if not self.meetings_model.meeting_ids():
            self.welcome.set_text(self.tr("Preparing example data so there is something to read…"))
        return job

    def _start_job(self, job: ImportJob, text: str) -> None:
        self.import_job = job
        job.progress.connect(
            lambda msg, frac: self.import_progress.update_progress(f"{text} {round(frac * 100)} %", frac)
        )
        job.finished.connect(self._import_done)
        self.import_progress.start(text)
        job.start()

    def cancel_import(self) -> None:
        if self.import_job is not None:
            self.import_job.cancel()

    def _import_done(self, report) -> None:
        job = self.import_job
        self.import_progress.finish()
        quiet = bool(job.property("quiet")) if job is not None else False
        self.import_job = None
        if report.error is not None and not report.cancelled:
            if report.error.code == "bug":
                warn(
                    self,
                    self.tr("Import failed"),
                    self.tr(
                        "The import stopped because of an unexpected error. Nothing from the unfinished file was saved. "
                        "Details are in the log."
                    ),
                )
            else:
                show_user_error(self, report.error, self.tr("Import failed"))
        elif report.cancelled:
            self.statusBar().showMessage(self.tr("Import cancelled; nothing from the unfinished file was saved."), 8000)
        if self.lock.is_unlocked:
            ctx = self.ctx
            self.runner.run(ctx.absorb_sealed, lambda _n: self._refresh_secret_views())
        self.reload_meetings(select=self.current_meeting)
        if self.current_meeting is not None and self.meetings_model.index_of(self.current_meeting).isValid():
            self._load_agenda(self.current_meeting)  # a re-issue may change items, marks and highlights to review
        if self.current_meeting is None:
            first = self.meetings_model.first_meeting()
            if first.isValid():
                self.meetings_view.setCurrentIndex(first)
        elif self.current_item is not None:
            self.open_item(self.current_item, record=False)
        if self.reader.currentWidget() is self.overview_page:
            self.notes_ctl.reload_overview()
        reviews = [f for f in report.failed if f.code == "missing_fields"]
        others = [f for f in report.failed if f.code != "missing_fields"]
        if others and not quiet:
            from .dialogs.import_result import ImportResultDialog

            if not self.suppress_dialogs:
                shown = type(report)(imported=report.imported, failed=others)
                dlg = ImportResultDialog(shown, self)
                dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                dlg.open()
        if self._queued_imports:
            queued, self._queued_imports = self._queued_imports, []
            self.start_import(queued)
        if reviews and not quiet:
            self.pending_reviews.extend(reviews)
            self._next_review()
        elif report.imported and not quiet and job is not None and not job.demo:
            n = len(report.imported)
            self.statusBar().showMessage(self.tr("%n notice(s) imported.", "", n), 8000)
        self.import_finished.emit(report)

    def _next_review(self) -> None:
        """The import review, one file at a time: what was recognised, the fields to fill in."""
        if (
            self.review_dialog is not None
            or not self.pending_reviews
            or (self.import_job is not None and self.import_job.running)
        ):
            return
        from .dialogs.import_review import ImportReviewDialog

        failed = self.pending_reviews.pop(0)
        dlg = ImportReviewDialog(failed, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.review_dialog = dlg

        def done(result: int) -> None:
            self.review_dialog = None
            if result == QDialog.DialogCode.Accepted:
                job = self.start_import([failed.path], hints=dlg.hints())
                if job is not None:
                    job.finished.connect(lambda _r: self._next_review())
                    return
            self._next_review()

        dlg.finished.connect(done)
        if not self.suppress_dialogs:
            dlg.open()

    # ============================================================================== settings, help
    def open_settings(self) -> None:
        from .dialogs.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.settings, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self.apply_settings(dlg.values()))
        self.settings_dialog = dlg
        dlg.open()

    def apply_settings(self, v: dict) -> None:
        self.settings.font_size = v["font_size"]
        self.settings.idle_minutes = v["idle_minutes"]
        self.lock.set_idle_minutes(v["idle_minutes"])
        self.apply_font_size(v["font_size"])
        if v["theme"] != self.settings.theme:
            self.settings.theme = v["theme"]
            from .app import apply_theme

            apply_theme(QApplication.instance(), v["theme"])
        if v["language"] != self.settings.language:
            self.settings.language = v["language"]
            self.language_change_requested.emit(v["language"])

    def about(self) -> None:
        from .. import __version__

        QMessageBox.about(
            self,
            self.tr("About %1").replace("%1", APP_DISPLAY_NAME),
            self.tr(
                "%1 %2\n\nRead notices item by item, search across meetings, keep your own notes and read secret parts "
                "safely. Everything stays on this computer."
            )
            .replace("%1", APP_DISPLAY_NAME)
            .replace("%2", __version__),
        )

    def show_shortcuts(self) -> None:
        rows = [
            (
                a.text().replace("&", ""),
                ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in a.shortcuts()),
            )
            for a in (
                self.act_search,
                self.act_continue,
                self.act_back,
                self.act_next_item,
                self.act_prev_item,
                self.act_meeting_mode,
                self.act_highlight,
                self.act_highlight_comment,
                self.act_focus_notes,
                self.act_overview,
                self.act_export_notes,
                self.act_bigger,
                self.act_smaller,
                self.act_unlock,
                self.act_lock,
                self.act_import,
                self.act_settings,
            )
        ]
        text = "\n".join(f"{k}:  {name}" for name, k in rows if k)
        text += "\n\n" + self.tr(
            "In meeting mode: type an item number to jump, → next item, ← previous item, Esc to leave."
        )
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), text)

    # ============================================================================== window state
    def restore_state(self) -> None:
        geo = self.settings.window_state("geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        else:
            self.resize(1280, 820)
        for name, splitter in (
            ("splitter", self.splitter),
            ("left", self.left_splitter),
            ("item", self.item_page.splitter),
            ("meeting", self.meeting_mode.splitter),
        ):
            st = self.settings.window_state(name)
            if st is not None:
                splitter.restoreState(st)

    def save_state(self) -> None:
        self.settings.set_window_state("geometry", self.saveGeometry())
        for name, splitter in (
            ("splitter", self.splitter),
            ("left", self.left_splitter),
            ("item", self.item_page.splitter),
            ("meeting", self.meeting_mode.splitter),
        ):
            self.settings.set_window_state(name, QByteArray(splitter.saveState()))
        self.settings.sync()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange and self.isMinimized() and self.settings.lock_on_minimise:
            self.lock.lock("minimise")
        elif event.type() == QEvent.Type.PaletteChange:
            self.refresh_theme()
        super().changeEvent(event)

    def hideEvent(self, event) -> None:
        if self.settings.lock_on_minimise and self.lock.is_unlocked and not self._closing:
            self.lock.lock("minimise")
        super().hideEvent(event)

    def refresh_theme(self) -> None:
        icons.clear_cache()
        for a in self.findChildren(QAction):
            name = a.data()
            if isinstance(name, str) and name:
                a.setIcon(icons.icon(name))
        self.item_page.changed_banner.apply_style()
        self.item_page.secret_banner.apply_style()
        self.item_page.notes.apply_style()
        self.meeting_mode.notes.apply_style()
        self.meeting_mode.secret_banner.apply_style()
        self.item_page.render()
        self.meeting_mode.render()

    def shutdown(self) -> None:
        """Save everything and stop background work (quit, or replacing the window)."""
        self._closing = True
        from . import crash

        if self.flush_drafts in crash.flush_hooks:
            crash.flush_hooks.remove(self.flush_drafts)
        self.notes_ctl.shutdown(10000)
        self.runner.wait(10000)
        self.search_page.runner.wait(5000)
        if self.import_job is not None and self.import_job.running:
            self.import_job.kill()  # before the last writes: a running import holds the store's write lock
        self._save_page()
        self.reading.flush()
        self.save_state()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        self.lock.lock("quit")
        self.document_page.clear()
        super().closeEvent(event)
