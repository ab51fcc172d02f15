"""The main window: meetings per nämnd, the agenda of the selected meeting, and the reader (item text,
documents as PDF pages, search results, the notes overview); meeting mode; import; the sekretess lock;
the member's notes and highlights.

The window is a shell: it builds the views, the actions, menus and toolbar (from the table in
:meth:`MainWindow.action_specs`) and wires them to narrow controllers (``ui/controllers/``), each of
which asks the core services for data and hands it to the views:

- ``nav`` (:class:`~.controllers.navigation.NavigationController`): meetings, agenda, item, document,
  Back, continue-where-I-stopped, meeting mode;
- ``search_ctl`` (:class:`~.controllers.search_controller.SearchController`): the search field and its hits;
- ``import_ctl`` (:class:`~.controllers.import_controller.ImportController`): imports and their review;
- ``secret_ctl`` (:class:`~.controllers.secret_controller.SecretController`): unlock, lock, public parts;
- ``view_ctl`` (:class:`~.controllers.view_settings.ViewSettingsController`): size, settings, theme;
- ``notes_ctl`` (:class:`~.controllers.notes_controller.NotesController`): notes and highlights.

The attributes and methods the rest of the program (and the tests) use stay on the window and forward
to the controller that owns them. The window holds no business rules.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .. import APP_DISPLAY_NAME, log
from . import icons, scale
from .controllers.actions import SEPARATOR, ActionSpec, build_actions, build_menus, fill_toolbar
from .controllers.import_controller import ImportController, importable
from .controllers.navigation import NavigationController
from .controllers.notes_controller import NotesController
from .controllers.printing import PrintController
from .controllers.removal_controller import RemovalController
from .controllers.search_controller import SearchController
from .controllers.secret_controller import SecretController
from .controllers.sync_controller import SyncController
from .controllers.view_settings import ViewSettingsController
from .models.agenda import COL_CASE, COL_KIND, COL_NUMBER, COL_STATUS, COL_TITLE, AgendaModel
from .models.meetings import MeetingsModel
from .views.document_page import DocumentPage
from .views.item_page import ItemPage
from .views.meeting_mode import MeetingModeView
from .views.meeting_page import MeetingPage
from .views.notes_overview import NotesOverviewPage
from .views.search_page import SearchPage
from .widgets.delegates import STATUS_WIDTH, AgendaStatusDelegate, AgendaTitleDelegate, MeetingDelegate
from .widgets.import_progress import ImportProgress
from .widgets.toolbar import FittingToolBar
from .workers import OpRunner

_log = log.get("ui")

Std = QKeySequence.StandardKey


class _Forward:
    """A window attribute that belongs to a controller: reading, calling and setting it go there."""

    def __init__(self, controller: str) -> None:
        self.controller = controller

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return getattr(getattr(obj, self.controller), self.name)

    def __set__(self, obj: Any, value: Any) -> None:
        setattr(getattr(obj, self.controller), self.name, value)


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
        self._text = text
        self.refresh()

    def refresh(self) -> None:
        """The text again at the current text size."""
        size = round(scale.base_point_size() * scale.factor() * 1.4)
        self.label.setText(
            f"<p style='font-size:{size}pt'>{self._text}</p><p>"
            + self.tr("Ctrl+K: search · Ctrl+O: import a notice · Ctrl+M: meeting mode · Ctrl+L: lock")
            + "</p>"
        )


class MainWindow(QMainWindow):
    item_opened = Signal(int)
    document_opened = Signal(int, int)  # document id, page
    import_finished = Signal(object)
    language_change_requested = Signal(str)

    # navigation (controllers/navigation.py)
    current_meeting = _Forward("nav")
    current_item = _Forward("nav")
    current_document = _Forward("nav")
    history = _Forward("nav")
    in_meeting_mode = _Forward("nav")
    reload_meetings = _Forward("nav")
    select_meeting = _Forward("nav")
    open_item = _Forward("nav")
    open_document = _Forward("nav")
    open_hit = _Forward("search_ctl")
    go_back = _Forward("nav")
    step_item = _Forward("nav")
    jump_to_number = _Forward("nav")
    continue_reading = _Forward("nav")
    mark_current_unread = _Forward("nav")
    focus_search = _Forward("search_ctl")
    focus_notes = _Forward("nav")
    toggle_meeting_mode = _Forward("nav")
    set_meeting_mode = _Forward("nav")
    # import (controllers/import_controller.py)
    import_job = _Forward("import_ctl")
    pending_reviews = _Forward("import_ctl")
    review_dialog = _Forward("import_ctl")
    choose_import = _Forward("import_ctl")
    start_import = _Forward("import_ctl")
    queue_import = _Forward("import_ctl")
    start_demo_import = _Forward("import_ctl")
    cancel_import = _Forward("import_ctl")
    # the lock (controllers/secret_controller.py)
    unlock_dialog = _Forward("secret_ctl")
    request_unlock = _Forward("secret_ctl")
    on_locked = _Forward("secret_ctl")
    on_unlocked = _Forward("secret_ctl")
    update_lock_ui = _Forward("secret_ctl")
    publish_part = _Forward("secret_ctl")
    relock_part = _Forward("secret_ctl")
    # view size, settings, theme, window state (controllers/view_settings.py)
    font_pt = _Forward("view_ctl")
    text_scale = _Forward("view_ctl")
    settings_dialog = _Forward("view_ctl")
    zoom = _Forward("view_ctl")
    apply_text_scale = _Forward("view_ctl")
    open_settings = _Forward("view_ctl")
    apply_settings = _Forward("view_ctl")
    refresh_theme = _Forward("view_ctl")
    restore_state = _Forward("view_ctl")
    save_state = _Forward("view_ctl")

    def __init__(self, ctx, settings, lock, reading, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.settings, self.lock, self.reading = ctx, settings, lock, reading
        self.runner = OpRunner(self, max_threads=2)
        self.suppress_dialogs = False
        self._closing = False
        self.setWindowIcon(icons.app_icon())
        self.setAcceptDrops(True)
        self.setObjectName("mainWindow")
        scale.apply(settings.text_scale)  # before any widget: every one starts at the member's text size

        self.meetings_model = MeetingsModel(self)
        self.agenda_model = AgendaModel(self)
        self._build_views()
        self.nav = NavigationController(self)
        self.search_ctl = SearchController(self, self.nav)
        self.print_ctl = PrintController(self)
        self.secret_ctl = SecretController(self)
        self.import_ctl = ImportController(self)
        self.view_ctl = ViewSettingsController(self)
        self.notes_ctl = NotesController(self, self.nav)
        self.removal_ctl = RemovalController(self)
        self.sync_ctl = SyncController(self)
        self.statusBar().addPermanentWidget(self.sync_ctl.status)
        self.actions_by_id = build_actions(self, self.action_specs())
        build_menus(self.menuBar(), self.actions_by_id, self.menu_layout())
        self._build_toolbar()
        self._wire()
        from . import crash

        crash.flush_hooks.append(self.flush_drafts)
        self.apply_text_scale(self.text_scale)
        self.restore_state()
        self.update_lock_ui()
        self.update_title()

    # ============================================================================== construction
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
        self.agenda_view.setItemDelegateForColumn(COL_TITLE, AgendaTitleDelegate(self.agenda_view))
        self.agenda_view.setUniformRowHeights(False)  # a title on two lines, its Dnr below
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
        self.meeting_page = MeetingPage()
        self.item_page = ItemPage()
        self.document_page = DocumentPage()
        self.search_page = SearchPage(self.ctx)
        self.search_page.include_secret = lambda: self.lock.is_unlocked
        self.overview_page = NotesOverviewPage()
        self.reader = QStackedWidget()
        for w in (
            self.welcome,
            self.meeting_page,
            self.item_page,
            self.document_page,
            self.search_page,
            self.overview_page,
        ):
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

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(self.tr("Search notices and notes (Ctrl+K)"))
        self.search_field.setAccessibleName(self.tr("Search"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition).setData("search")
        self.search_field.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.size_search_field()

    def size_search_field(self) -> None:
        """Wide enough for a query of a few words, up to its placeholder; it shrinks before the toolbar
        hides anything (the widths follow the text size)."""
        fm = self.search_field.fontMetrics()
        least = fm.averageCharWidth() * 24
        most = fm.horizontalAdvance(self.search_field.placeholderText()) + fm.height() * 4
        toolbar = getattr(self, "toolbar", None)
        if toolbar is None:
            self.search_field.setMinimumWidth(least)
            self.search_field.setMaximumWidth(most)
        else:
            toolbar.set_stretch_widget(self.search_field, least, most)

    def action_specs(self) -> list[ActionSpec]:
        """Every action of the menus, the toolbar and the window's shortcuts (``act_<id>``)."""
        return [
            ActionSpec(
                "import", self.tr("&Import notices…"), "import_ctl.choose_import", Std.Open, "import",
                self.tr("Import notices (PDF or text files)"),
                short=QCoreApplication.translate("ImportReviewDialog", "&Import"),
            ),
            ActionSpec(
                "print", self.tr("&Print…"), "print_ctl.choose_print", Std.Print, None,
                self.tr("Print the open item, meeting or document (Ctrl+P); secret content is never printed"),
            ),
            ActionSpec("quit", self.tr("&Quit"), "close", Std.Quit),
            ActionSpec(
                "sync_now", self.tr("S&ync now"), "sync_ctl.sync_now", "F5", None,
                self.tr("Fetch new and changed notices from your sources now (F5)"),
            ),
            ActionSpec("sources", self.tr("Sync &sources…"), "open_sources"),
            ActionSpec(
                "remove_meeting", self.tr("&Remove meeting…"), "removal_ctl.remove_current_meeting", None, None,
                self.tr("Remove the selected meeting from this computer (your notes are exported first)"),
            ),
            ActionSpec(
                "remove_examples", self.tr("Remove the e&xample meetings…"), "removal_ctl.remove_examples", None, None,
                self.tr("Remove all the invented example meetings in one go"),
            ),
            ActionSpec(
                "search", self.tr("&Search"), "search_ctl.focus_search", ["Ctrl+K", "Ctrl+F"], "search",
                self.tr("Search in all meetings (Ctrl+K)"),
            ),
            ActionSpec(
                "continue", self.tr("&Continue where I stopped"), "nav.continue_reading", "Ctrl+J", "continue",
                self.tr("Open the item and page you read last (Ctrl+J)"),
            ),
            ActionSpec("back", self.tr("&Back"), "nav.go_back", Std.Back, "back"),
            ActionSpec(
                "changes", self.tr("New and &changed since I read…"), "nav.show_changes", "Ctrl+Shift+D", None,
                self.tr("What changed in this meeting's notice since the version you read (Ctrl+Shift+D)"),
            ),
            ActionSpec("next_item", self.tr("&Next item"), "nav.step_item", ["Ctrl+PgDown", "Alt+Down"], "next", args=(1,)),
            ActionSpec(
                "prev_item", self.tr("&Previous item"), "nav.step_item", ["Ctrl+PgUp", "Alt+Up"], "previous", args=(-1,)
            ),
            ActionSpec(
                "meeting_mode", self.tr("&Meeting mode"), "nav.toggle_meeting_mode", ["Ctrl+M", "F11"], "meeting-mode",
                self.tr("Large text, the item and your notes side by side (Ctrl+M)"), checkable=True,
            ),
            ActionSpec("bigger", self.tr("&Larger"), "view_ctl.zoom", [Std.ZoomIn, "Ctrl+="], args=(1,)),
            ActionSpec("smaller", self.tr("&Smaller"), "view_ctl.zoom", Std.ZoomOut, args=(-1,)),
            ActionSpec("fit", self.tr("&Normal size"), "view_ctl.zoom", "Ctrl+0", args=(0,)),
            ActionSpec(
                "unlock", self.tr("&Unlock secret content…"), "secret_ctl.request_unlock", "Ctrl+Shift+L", "unlock",
                self.tr("Unlock secret content with your passphrase"),
                short=QCoreApplication.translate("UnlockDialog", "&Unlock"),
            ),
            ActionSpec(
                "lock", self.tr("&Lock secret content"), "lock.lock", "Ctrl+L", "lock",
                self.tr("Lock secret content now (Ctrl+L)"), args=("manual",),
                short=QCoreApplication.translate("ItemPage", "&Lock now"),
            ),
            ActionSpec("settings", self.tr("S&ettings…"), "view_ctl.open_settings", Std.Preferences, "settings"),
            ActionSpec("mark_unread", self.tr("Mark item as &unread"), "nav.mark_current_unread"),
            ActionSpec(
                "highlight", self.tr("&Highlight"), "notes_ctl.mark_current", "Ctrl+H", "highlight",
                self.tr("Highlight the selected passage (Ctrl+H)"), args=(False,),
            ),
            ActionSpec(
                "highlight_comment", self.tr("Highlight with &comment…"), "notes_ctl.mark_current", "Ctrl+Shift+H", None,
                self.tr("Highlight the selected passage and write a comment (Ctrl+Shift+H)"), args=(True,),
            ),
            ActionSpec(
                "overview", self.tr("My &notes overview"), "notes_ctl.show_overview", "Ctrl+Shift+N", "note",
                self.tr("All notes and highlights of this meeting (Ctrl+Shift+N)"), short=self.tr("&Notes"),
            ),
            ActionSpec(
                "focus_notes", self.tr("&Write a note"), "nav.focus_notes", "Ctrl+Shift+E", None,
                self.tr("Move to your notes on this item (Ctrl+Shift+E)"),
            ),
            ActionSpec(
                "export_notes", self.tr("&Export my notes…"), "notes_ctl.choose_export", "Ctrl+E", "export",
                self.tr("Save this meeting's notes as PDF or Markdown; secret parts are never included"),
            ),
            ActionSpec("about", self.tr("&About"), "about"),
            ActionSpec("shortcuts", self.tr("&Keyboard shortcuts"), "show_shortcuts", "F1"),
        ]  # fmt: skip

    def menu_layout(self) -> list[tuple[str, list[str | None]]]:
        sep = SEPARATOR
        return [
            (
                self.tr("&File"),
                [
                    "import",
                    "sync_now",
                    "sources",
                    "export_notes",
                    "print",
                    sep,
                    "remove_meeting",
                    "remove_examples",
                    sep,
                    "settings",
                    sep,
                    "quit",
                ],
            ),
            (self.tr("&Go"), ["search", "continue", "back", "next_item", "prev_item", sep, "changes", "mark_unread"]),
            (self.tr("&View"), ["meeting_mode", "bigger", "smaller", "fit"]),
            (self.tr("&Notes"), ["highlight", "highlight_comment", "focus_notes", sep, "overview", "export_notes"]),
            (self.tr("Se&cret"), ["unlock", "lock"]),
            (self.tr("&Help"), ["shortcuts", "about"]),
        ]

    # the actions listed by F1, in this order
    SHORTCUT_LIST = (
        "search", "continue", "back", "next_item", "prev_item", "meeting_mode", "highlight", "highlight_comment",
        "focus_notes", "overview", "export_notes", "bigger", "smaller", "unlock", "lock", "import", "settings",
    )  # fmt: skip

    def _build_toolbar(self) -> None:
        """Short labels beside the icons; under them, or icons only, when the window is too narrow for that
        (widgets/toolbar.py): no action is ever hidden in an overflow menu. The search field shrinks first."""
        tb = FittingToolBar(self.tr("Toolbar"))
        tb.setObjectName("mainToolbar")
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        fill_toolbar(
            tb,
            self.actions_by_id,
            ["import", SEPARATOR, self.search_field, SEPARATOR, "continue", "meeting_mode", "overview", spacer]
            + ["unlock", "lock", "settings"],
        )
        self.toolbar = tb
        self.addToolBar(tb)
        self.size_search_field()

    def _wire(self) -> None:
        self.meetings_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.meetings_view.addActions([self.actions_by_id["remove_meeting"], self.actions_by_id["remove_examples"]])
        self.nav.wire()
        self.search_ctl.wire()
        self.secret_ctl.wire()
        self.import_ctl.wire()
        self.item_page.notes.escape_pressed.connect(self._leave_notes)

    def open_sources(self) -> None:
        from .dialogs.sources import SourcesDialog

        dlg = SourcesDialog(self)
        self.sources_dialog = dlg  # (tests look at it)
        dlg.finished.connect(lambda _r: self.sync_ctl.sources_changed())
        dlg.open()

    def _leave_notes(self) -> None:
        """Escape in the notes: back to the text being read (the item's, or the bilaga's beside them)."""
        if self.reader.currentWidget() is self.document_page:
            shown = self.document_page.stack.currentWidget()
            if shown is not None:
                shown.setFocus()
        else:
            self.item_page.browser.setFocus()

    # ============================================================================== title, help
    def update_title(self) -> None:
        """The body, the date and the item number: never an item title or any document text (SECURITY.md
        §2.5; a title can name a person), nor an internal id."""
        parts = [APP_DISPLAY_NAME]
        if self.current_meeting:
            where = self.nav.current_meeting_label or self.current_meeting
            if self.current_item is not None:
                row = self.agenda_model.row_of(self.current_item)
                info = self.agenda_model.item_row(row) if row is not None else None
                num = info["ordinal"] if info is not None else None
                if num is not None:
                    where += " · " + self.tr("item %1").replace("%1", str(num))
            parts.append(where)
        if self.in_meeting_mode:
            parts.append(self.tr("meeting mode"))
        if self.lock.is_unlocked:
            parts.append(self.tr("secret content open"))
        self.setWindowTitle(" – ".join(parts))

    def about(self) -> None:
        from .dialogs.about import AboutDialog

        dlg = AboutDialog(APP_DISPLAY_NAME, self)
        self.about_dialog = dlg  # (tests look at it)
        dlg.open()

    def show_shortcuts(self) -> None:
        rows = [
            (
                a.text().replace("&", ""),
                ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in a.shortcuts()),
            )
            for a in (self.actions_by_id[i] for i in self.SHORTCUT_LIST)
        ]
        text = "\n".join(f"{k}:  {name}" for name, k in rows if k)
        text += "\n\n" + self.tr(
            "In meeting mode: type an item number to jump, → next item, ← previous item, Esc to leave."
        )
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), text)

    # ============================================================================== drops
    def dragEnterEvent(self, event) -> None:
        if importable(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if importable(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = importable(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.start_import(files)

    # ============================================================================== window state, quit
    def flush_drafts(self) -> None:
        """Hand every typed draft to the writer (an unexpected error, quitting)."""
        try:
            self.notes_ctl.flush()
        except RuntimeError:  # the window is already gone
            pass

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

    def shutdown(self) -> None:
        """Save everything and stop background work (quit, or replacing the window)."""
        self._closing = True
        from . import crash

        if self.flush_drafts in crash.flush_hooks:
            crash.flush_hooks.remove(self.flush_drafts)
        self.notes_ctl.shutdown(10000)
        self.runner.wait(10000)
        self.search_page.runner.wait(5000)
        self.import_ctl.kill()  # before the last writes: a running import holds the store's write lock
        self.sync_ctl.stop()  # a sync stops between two files (each one is whole in the store or not there)
        self.nav.save_page()
        self.reading.flush()
        self.save_state()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        self.lock.lock("quit")
        self.document_page.clear()
        super().closeEvent(event)
