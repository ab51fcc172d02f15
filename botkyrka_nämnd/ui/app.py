"""The desktop client's composition root: ``run_gui()`` (what ``botkyrka-namnd`` without a subcommand
runs).

Start order: data dir -> log -> process hardening -> QApplication -> crash handling -> settings ->
translations -> theme -> core context -> lock controller -> main window -> first-start demo import.
``--smoke-test`` opens the first meeting and the first PDF page found in it, prints one line and exits.
``botkyrka-namnd FILE...`` (the .desktop file's ``%F``) imports the files and opens the first one's meeting;
with ``--smoke-test`` it is that meeting the smoke line is about.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEventLoop, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from .. import APP_DISPLAY_NAME, APP_NAME, log, paths

if TYPE_CHECKING:
    from .main_window import MainWindow

_log = log.get("ui")


# ------------------------------------------------------------------------------------------ theme
def dark_palette() -> QPalette:
    p = QPalette()
    c = {
        QPalette.ColorRole.Window: "#2b2d31",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1f2023",
        QPalette.ColorRole.AlternateBase: "#26282c",
        QPalette.ColorRole.ToolTipBase: "#3a3d42",
        QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.PlaceholderText: "#8f9399",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#35373c",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#8ab8ff",
        QPalette.ColorRole.LinkVisited: "#b69cff",
        QPalette.ColorRole.Light: "#45484e",
        QPalette.ColorRole.Midlight: "#3a3c41",
        QPalette.ColorRole.Mid: "#2f3135",
        QPalette.ColorRole.Dark: "#18191b",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, color in c.items():
        p.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d8085"))
    return p


def is_dark(app: QGuiApplication, theme: str) -> bool:
    if theme == "dark":
        return True
    if theme == "light":
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


_style: QStyle | None = None


def apply_theme(app: QApplication, theme: str) -> None:
    """Fusion style (with a visible focus ring, ui/style.py) with a light or dark palette: 'system' follows
    QStyleHints.colorScheme (and its changes), 'light'/'dark' force one. Every window then recolours its
    icons and styled parts (``refresh_theme``), also when the palette itself did not change."""
    global _style
    from .style import FocusStyle

    if app.style().objectName() != "botkyrkaFocusStyle":
        _style = FocusStyle()  # held here too: the application uses it for as long as it runs
        app.setStyle(_style)
    app.setProperty("botkyrka_theme", theme)  # first: setColorScheme may call _scheme_changed at once
    hints = app.styleHints()
    scheme = {"dark": Qt.ColorScheme.Dark, "light": Qt.ColorScheme.Light}.get(theme, Qt.ColorScheme.Unknown)
    try:
        hints.setColorScheme(scheme)  # Qt 6.8+: tells the platform what we want where it can
    except AttributeError:  # pragma: no cover
        pass
    app.setPalette(dark_palette() if is_dark(app, theme) else app.style().standardPalette())
    for w in app.topLevelWidgets():
        refresh = getattr(w, "refresh_theme", None)
        if callable(refresh):
            refresh()


def _scheme_changed(_scheme) -> None:
    app = cast("QApplication | None", QApplication.instance())  # the stubs give QCoreApplication
    if app is not None and app.property("botkyrka_theme") in (None, "system"):
        apply_theme(app, "system")


# ------------------------------------------------------------------------------------------ client
def _same_file(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))


class Client(QObject):
    """Holds what outlives a window: the core context, settings, reading state and the lock."""

    # the meeting of the first file handed to open_files, once its import is done ("" if it was not imported)
    file_opened = Signal(str)

    def __init__(self, app: QApplication, ctx, settings, *, idle_seconds: float | None = None, clock=time.time):
        super().__init__(app)
        from ..services.reading import ReadingService
        from .lock import LockController

        self.app, self.ctx, self.settings = app, ctx, settings
        self.reading = ReadingService(ctx)
        self.lock = LockController(
            ctx, idle_seconds=idle_seconds or settings.idle_minutes * 60.0, clock=clock, parent=self
        )
        self.lock.install(app)
        self.window: MainWindow | None = None
        self._to_open: str | None = None  # the first file of open_files(), until its import is done
        self._make_window()  # from here on self.window is a MainWindow

    def _make_window(self):
        from .main_window import MainWindow

        old = self.window
        if old is not None:
            old.shutdown()
        w = MainWindow(self.ctx, self.settings, self.lock, self.reading)
        w.language_change_requested.connect(self.change_language)
        w.import_finished.connect(self._import_finished)
        self.window = w
        if old is not None:
            w.restore_state()
            w.reload_meetings(select=old.current_meeting)
            item = old.current_item
            old._closing = True
            old.hide()
            old.deleteLater()
            w.show()
            if item is not None:
                w.open_item(item, record=False)
        return w

    def start(self, *, show: bool = True, demo_if_empty: bool = True) -> None:
        from ..services.removal import demo_wanted

        w = self.window
        assert w is not None  # set in __init__
        w.reload_meetings()
        first = w.meetings_model.first_meeting()
        if first.isValid():
            w.meetings_view.setCurrentIndex(first)
        if show:
            w.show()
        if demo_if_empty and demo_wanted(self.ctx):
            w.start_demo_import()
        w.sync_ctl.start()
        w.runner.run(self.ctx.verify_store, None, self._store_damaged)
        shared = paths.shared_folder_warning()
        if shared is not None:  # a folder we did not create is never changed: say so instead
            from . import i18n

            w.statusBar().showMessage(shared[1] if i18n.current() == "en" else shared[0], 20000)

    def open_files(self, files: list[str]) -> None:
        """Files given on the command line or handed over by a second start: the window comes to the front
        and imports them (after a running import)."""
        w = self.window
        assert w is not None  # set in __init__
        if w.isMinimized():
            w.showNormal()
        w.raise_()
        w.activateWindow()
        if files:
            self._to_open = _same_file(files[0])
            w.queue_import(files)

    def _import_finished(self, report) -> None:
        """An import is done: if it had the first file of ``open_files``, that file's meeting is opened."""
        if self._to_open is None:
            return
        assert self.window is not None  # set in __init__
        for done in report.imported:
            if _same_file(done.path) == self._to_open:
                self._to_open = None
                self.window.select_meeting(done.meeting_id)
                self.file_opened.emit(done.meeting_id)
                return
        failed = [f for f in report.failed if _same_file(f.path) == self._to_open]
        waits_for_review = any(f.code == "missing_fields" for f in failed) and not self.window.suppress_dialogs
        if waits_for_review:
            return  # the import review asks for what is missing and imports it again
        whole_job_failed = report.error is not None or report.cancelled
        if failed or (whole_job_failed and not self.window.import_ctl.running):  # (running: the file is queued)
            self._to_open = None
            self.file_opened.emit("")

    def _store_damaged(self, exc: BaseException) -> None:
        """The background quick_check failed: say so plainly and stop before anything is written."""
        from ..errors import UserError
        from .dialogs.messages import show_user_error

        if isinstance(exc, UserError):
            assert self.window is not None  # set in __init__
            show_user_error(self.window, exc, APP_DISPLAY_NAME)
            self.window.close()  # the last window closing ends the program; nothing more is written
        else:
            raise exc

    def change_language(self, language: str) -> None:
        from . import i18n

        i18n.install(self.app, language)
        self._make_window()

    def shutdown(self) -> None:
        if self.window is not None:
            self.window.shutdown()
        self.lock.lock("quit")
        self.lock.uninstall(self.app)
        self.reading.close()
        self.ctx.close()


def _wait_for(signal, timeout_ms: int) -> bool:
    loop = QEventLoop()
    fired = []

    def _fired(*a) -> None:
        fired.append(a)
        loop.quit()

    signal.connect(_fired)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    return bool(fired)


def smoke(client: Client, out=sys.stdout, err=sys.stderr, files: list[str] | None = None) -> int:
    """Open the first meeting and the first PDF page in it; print what was rendered. With ``files`` (given to
    ``Client.open_files``), the meeting of the first file, once its import is done."""
    from ..services.demo import store_is_empty

    w = client.window
    assert w is not None  # set in Client.__init__
    w.suppress_dialogs = True
    try:
        if files:
            opened: list[str] = []
            client.file_opened.connect(opened.append)
            if not opened:
                _wait_for(client.file_opened, 120_000)
            if not opened or not opened[0]:
                print("smoke failed: the file given could not be imported", file=err)
                return 1
            meeting_id = opened[0]
            w.select_meeting(meeting_id)
            return _smoke_meeting(client, meeting_id, out, err)
        if store_is_empty(client.ctx):
            job = w.import_job or w.start_demo_import()
            if job is None or not _wait_for(w.import_finished, 300_000):
                print("smoke failed: the example data could not be imported", file=err)
                return 1
        first = w.meetings_model.first_meeting()
        if not first.isValid():
            print("smoke failed: no meeting in the store", file=err)
            return 1
        from .models.roles import IdRole

        meeting_id = first.data(IdRole)
        w.select_meeting(meeting_id)
        return _smoke_meeting(client, meeting_id, out, err)
    except Exception as exc:  # any failure on the way is a non-zero exit
        _log.exception("smoke test failed")
        print(f"smoke failed: {type(exc).__name__}", file=err)
        return 1


def _smoke_meeting(client: Client, meeting_id: str, out, err) -> int:
    """The first PDF page of the selected meeting ``meeting_id``, rendered; one line on ``out``."""
    w = client.window
    assert w is not None  # set in Client.__init__
    try:
        QApplication.processEvents()
        for row in range(w.agenda_model.rowCount()):
            item_id = w.agenda_model.item_id(row)
            assert item_id is not None  # row < rowCount()
            docs = [d for d in client.reading.documents(item_id) if d["has_pdf"]]
            if not docs:
                continue
            if not w.open_item(item_id) or not w.open_document(docs[0]["id"], 1):
                continue
            page = w.document_page
            if not page.is_pdf:
                continue
            pt = page.pdf.pagePointSize(0)
            size = QSize(round(pt.width() * 96 / 72), round(pt.height() * 96 / 72))
            img = page.pdf.render(0, size)
            if img.isNull() or img.width() < 10:
                print("smoke failed: the PDF page did not render", file=err)
                return 1
            info = w.agenda_model.item_row(row)
            assert info is not None  # row < rowCount()
            number = info["ordinal"]
            label = f"item {number}" if number is not None else "item -"
            print(f"smoke ok: {meeting_id} {label}, page 1 rendered {img.width()}x{img.height()}", file=out)
            return 0
        print(f"smoke failed: no PDF document in meeting {meeting_id}", file=err)
        return 1
    except Exception as exc:  # any failure on the way is a non-zero exit
        _log.exception("smoke test failed")
        print(f"smoke failed: {type(exc).__name__}", file=err)
        return 1


def make_app(argv: list[str] | None = None) -> QApplication:
    app = cast("QApplication | None", QApplication.instance()) or QApplication(argv or [APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setOrganizationName("Botkyrka kommun")
    app.setDesktopFileName(APP_NAME)
    return app


def _second_start(instance, files: list[str], smoke_test: bool) -> int:
    """Another client runs on this data folder: hand it the files (it comes to the front) and exit."""
    from . import i18n
    from .dialogs.messages import warn

    for _attempt in range(12):  # the first client may still be starting: up to ~5 s
        if instance.hand_over(files):
            _log.info("another client runs on this data folder: %d file(s) handed over", len(files))
            print(
                "botkyrka-namnd: programmet körs redan med den här datamappen; "
                + (f"{len(files)} fil(er) lämnades över till det." if files else "det visas nu.")
                + " (Already running on this data folder; "
                + (f"{len(files)} file(s) handed over.)" if files else "brought to the front.)"),
                file=sys.stderr,
            )
            return 0
        time.sleep(0.4)
    sv = (
        "Programmet körs redan med den här datamappen men svarar inte. Avsluta det andra fönstret (eller vänta "
        "tills det har startat) och försök igen."
    )
    en = (
        "The program is already running on this data folder but does not answer. Close the other window (or wait "
        "until it has started) and try again."
    )
    print(f"botkyrka-namnd: {sv} ({en})", file=sys.stderr)
    if not smoke_test:
        warn(None, APP_DISPLAY_NAME, en if i18n.current() == "en" else sv)
    return 1


def run_gui(data_dir=None, smoke_test: bool = False, files: list[str] | None = None) -> int:
    from .lifecycle import NO_DISPLAY, SignalBridge, missing_display

    if missing_display():  # Qt would abort with a misleading hint about libxcb-cursor0
        print(f"botkyrka-namnd: {NO_DISPLAY[0]} ({NO_DISPLAY[1]})", file=sys.stderr)
        return 2
    if data_dir:
        paths.set_data_dir(data_dir)
    try:
        log.setup()
    except OSError:
        pass
    try:
        from ..hardening import harden_process

        harden_process()
    except ImportError:  # pragma: no cover
        pass
    _log.info("starting the desktop client%s", " (smoke test)" if smoke_test else "")
    app = make_app(sys.argv[:1])
    from . import crash, i18n, icons
    from .settings import Settings

    crash.install()
    crash.exit_on_error = smoke_test
    settings = Settings()
    i18n.install(app, settings.language)
    apply_theme(app, settings.theme)
    app.styleHints().colorSchemeChanged.connect(_scheme_changed)
    app.setWindowIcon(icons.app_icon())
    from ..errors import UserError
    from ..services.context import AppContext
    from .single_instance import SingleInstance

    files = [str(f) for f in (files or [])]
    instance = SingleInstance(paths.data_dir())
    if not instance.acquire():
        return _second_start(instance, files, smoke_test)

    try:
        # open (and migrate) now, so a too new or unreadable store is reported here; the full quick_check
        # of a large store (1.3 s at 2,000 meetings) runs on a background thread once the window is up
        ctx = AppContext(check_store=smoke_test)
        ctx.open()  # open (and check) the store now, to report a problem before the window
    except UserError as exc:
        from .dialogs.messages import show_user_error

        if smoke_test:
            print(f"smoke failed: {exc.message(i18n.current())}", file=sys.stderr)
            return 1
        show_user_error(None, exc, APP_DISPLAY_NAME)
        return 1
    client = Client(app, ctx, settings)

    # Ctrl+C and SIGTERM close the window as the member would: notes flushed, vault locked, workers ended
    def close_cleanly(_sig: int) -> None:
        if client.window is not None:
            client.window.close()
        else:
            app.quit()

    bridge = SignalBridge(close_cleanly)
    try:
        client.start(show=True, demo_if_empty=not files)  # a file to open: no example data around it
        _log.info("desktop client ready")
        instance.files_received.connect(client.open_files)
        if files:
            client.open_files(files)
        if smoke_test:
            return smoke(client, files=files)
        return app.exec()
    finally:
        client.shutdown()
        bridge.uninstall()
        instance.release()
        crash.uninstall()
        _log.info("desktop client closed")
