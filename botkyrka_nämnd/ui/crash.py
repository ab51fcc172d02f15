"""Unexpected errors: logged with their traceback, shown in a dialog with a copyable report.

The report holds the program and platform versions, the exception *type* and the traceback's frames
(file, line, function, our source line). It never holds the exception message or local variables, which
could carry document text or a secret. ``faulthandler`` writes hard crashes (segfaults) to
``<log dir>/faulthandler.log``; Qt's own warnings go to the ``botkyrka.qt`` logger.
"""

from __future__ import annotations

import faulthandler
import os
import platform
import sys
import traceback
from typing import cast

from PySide6 import __version__ as PYSIDE_VERSION  # noqa: N812 - a constant
from PySide6.QtCore import QtMsgType, qInstallMessageHandler, qVersion
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

from .. import __version__, log, paths

_log = log.get("ui")
_qtlog = log.get("qt")
_fault_file = None
_showing = False
_previous_hook = None
exit_on_error = False  # the smoke test: print the report and exit non-zero instead of showing a dialog
flush_hooks: list = []  # callables that save what the member typed (notes) before anything else happens


def build_report(exc_type, exc, tb) -> str:
    frames = traceback.extract_tb(tb)
    lines = [
        f"Botkyrka nämnd {__version__}",
        f"Python {platform.python_version()}, PySide6 {PYSIDE_VERSION}, Qt {qVersion()}",
        f"{platform.system()} {platform.release()} ({platform.machine()})",
        "",
        f"{exc_type.__module__}.{exc_type.__qualname__}",
    ]
    for f in frames:
        lines.append(f'  File "{_short(f.filename)}", line {f.lineno}, in {f.name}')
        if f.line and _is_ours(f.filename):
            lines.append(f"    {f.line.strip()}")
    return "\n".join(lines)


def _is_ours(filename: str) -> bool:
    return "botkyrka_nämnd" in filename or "botkyrka_namnd" in filename


def _short(filename: str) -> str:
    for marker in ("botkyrka_nämnd", "site-packages"):
        i = filename.find(marker)
        if i >= 0:
            return filename[i:]
    return filename.rsplit("/", 1)[-1]


class CrashDialog(QDialog):
    def __init__(self, report: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.report = report
        lay = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "An unexpected error occurred. Your documents and notes are safe; what was saved before the "
                "error is still saved.\n\nIf it happens again, copy the report below and send it to support. "
                "It contains no document text and no secret content."
            )
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Error report"))
        lay.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy report"))
        self.copy_button.clicked.connect(self.copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(640, 420)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.report)


def excepthook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    _log.error("unexpected error %s", exc_type.__name__, exc_info=(exc_type, exc, tb))
    for hook in list(flush_hooks):  # typed notes go to the store before the dialog (or the exit)
        try:
            hook()
        except Exception as hook_exc:  # never let saving mask the original error
            _log.error("flush hook failed: %s", type(hook_exc).__name__)
    _reporter(build_report(exc_type, exc, tb))


def show_report(report: str) -> None:
    """The crash dialog (or, in the smoke test or without an application, stderr)."""
    global _showing
    if exit_on_error:
        if sys.__stderr__ is not None:  # None without a console (the windowed build)
            sys.__stderr__.write("smoke failed: unexpected error\n" + report + "\n")
            sys.__stderr__.flush()
        os._exit(70)
    app = cast("QApplication | None", QApplication.instance())  # the stubs give QCoreApplication
    if app is None or _showing:
        if sys.__stderr__ is not None:
            sys.__stderr__.write(report + "\n")
        return
    _showing = True
    try:
        CrashDialog(report, app.activeWindow()).exec()
    finally:
        _showing = False


_reporter = show_report


def use_reporter(reporter):
    """Send crash reports to ``reporter`` (a callable taking the report text); returns the previous one."""
    global _reporter
    previous, _reporter = _reporter, reporter
    return previous


def _qt_message(mode: QtMsgType, context, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: 10,
        QtMsgType.QtInfoMsg: 20,
        QtMsgType.QtWarningMsg: 30,
        QtMsgType.QtCriticalMsg: 40,
        QtMsgType.QtFatalMsg: 50,
    }.get(mode, 30)
    _qtlog.log(level, "%s", message)


def install() -> None:
    """Route bugs to the crash dialog and the log; hard crashes to faulthandler.log."""
    global _fault_file, _previous_hook
    _previous_hook = sys.excepthook
    sys.excepthook = excepthook
    try:
        _fault_file = open(paths.log_dir() / "faulthandler.log", "a", encoding="utf-8")  # noqa: SIM115 (kept open)
        faulthandler.enable(file=_fault_file, all_threads=True)
    except OSError as exc:
        _log.warning("faulthandler not enabled: %s", type(exc).__name__)
    qInstallMessageHandler(_qt_message)


def uninstall() -> None:
    global _fault_file
    if _previous_hook is not None:
        sys.excepthook = _previous_hook
    qInstallMessageHandler(None)
    if _fault_file is not None:
        faulthandler.disable()
        _fault_file.close()
        _fault_file = None
