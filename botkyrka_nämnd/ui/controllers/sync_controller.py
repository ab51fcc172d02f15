"""Sync in the window (issue 13): "Synka nu" (F5), a sync every half hour, when the network comes back, and
when a watched folder changes; a status area in the status bar (last sync, a progress bar with the current
file while it runs, offline, errors in plain words); a notification naming the body and date of the
kallelser that arrived.

The sync runs on its own thread with its own store connection (``AppContext`` on the same data folder):
the window never waits for it. Secret parts that arrive are sealed for the vault, as in any locked import,
and go into it at once when the vault is unlocked here."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSystemTrayIcon, QToolButton, QWidget

from ... import log
from .. import i18n

_log = log.get("ui")

INTERVAL_MS = 30 * 60 * 1000
FOLDER_SETTLE_MS = 3000  # a file being copied into a watched folder: wait until the changes settle


class SyncStatus(QWidget):
    """The status bar's sync area: "Synkad 14:32", a progress bar with the current file, or an error."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setAccessibleName(self.tr("Sync status"))
        lay.addWidget(self.label)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setMaximumWidth(160)
        self.bar.setAccessibleName(self.tr("Sync progress"))
        self.bar.hide()
        lay.addWidget(self.bar)
        self.button = QToolButton()
        self.button.setText(self.tr("Sync now"))
        self.button.setAccessibleName(self.tr("Sync now"))
        self.button.setAutoRaise(True)
        lay.addWidget(self.button)
        self.hide()


class SyncController(QObject):
    progressed = Signal(str, float)
    finished = Signal(object)  # list[SourceReport] | BaseException
    synced = Signal(object)  # the reports, after the views were refreshed (tests wait for it)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.w = window
        self.ctx = window.ctx
        self.status = SyncStatus()
        self.status.button.clicked.connect(lambda: self.sync_now())
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()
        self._again: str | None = None  # a sync asked for while one runs: run after it ("" = all)
        self.last_reports: list = []
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(lambda: self.sync_now(quiet=True))
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._folder_changed)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(FOLDER_SETTLE_MS)
        self._settle.timeout.connect(lambda: self.sync_now(quiet=True))
        self.progressed.connect(self._progress)
        self.finished.connect(self._done)
        self._network: Any = None

    # -- set-up ------------------------------------------------------------------------------------
    def start(self) -> None:
        """At the window's start: show the status when sources exist, watch the folders, sync once."""
        rows = self._sources()
        self.status.setVisible(bool(rows))
        self._watch(rows)
        self._show_last(rows)
        self.timer.start()
        self._watch_network()
        if rows:
            QTimer.singleShot(1500, self, lambda: self.sync_now(quiet=True))

    def stop(self) -> None:
        self.timer.stop()
        self._cancel.set()
        if self._thread is not None:
            self._thread.join(10)

    def _sources(self) -> list[dict]:
        from ...sync import engine

        try:
            return engine.sources(self.ctx)
        except Exception:  # an old store being checked: no sources yet
            return []

    def _watch(self, rows: list[dict]) -> None:
        old = self.watcher.directories()
        if old:
            self.watcher.removePaths(old)
        for r in rows:
            if r["kind"] == "folder" and Path(r["location"]).is_dir():
                self.watcher.addPath(r["location"])

    def _watch_network(self) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        try:
            if QNetworkInformation.loadDefaultBackend():
                self._network = QNetworkInformation.instance()
        except Exception:  # no backend on this platform: the schedule still runs
            self._network = None
        if self._network is not None:
            self._network.reachabilityChanged.connect(self._reachability)

    def _reachability(self, reach: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reach == QNetworkInformation.Reachability.Online:
            self.sync_now(quiet=True)  # the network came back
        elif reach == QNetworkInformation.Reachability.Disconnected:
            self.status.label.setText(self.tr("Offline: you read what is stored here"))

    def _folder_changed(self, _path: str) -> None:
        self._settle.start()

    def sources_changed(self) -> None:
        rows = self._sources()
        self.status.setVisible(bool(rows))
        self._watch(rows)
        self._show_last(rows)

    # -- running ---------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def sync_now(self, name: str | None = None, *, quiet: bool = False) -> bool:
        """Start a sync in the background (all sources, or ``name``); False when there is nothing to sync."""
        if not self._sources():
            if not quiet:
                self.w.statusBar().showMessage(
                    self.tr("No sources to sync from yet: add one under File > Sync sources…"), 8000
                )
            return False
        if self.running:
            self._again = name or ""
            return True
        self._cancel.clear()
        self.status.show()
        self.status.bar.setValue(0)
        self.status.bar.show()
        self.status.button.setEnabled(False)
        self.status.label.setText(self.tr("Syncing…"))
        data_dir = self.ctx.data_dir
        self._thread = threading.Thread(target=self._run, args=(data_dir, name), name="botkyrka-sync", daemon=True)
        self._thread.start()
        return True

    def _run(self, data_dir: Any, name: str | None) -> None:
        from ...services.context import AppContext
        from ...sync import engine

        ctx = None
        try:
            ctx = AppContext(data_dir)
            ctx.open()
            reports = engine.sync(
                ctx, name, progress=lambda msg, frac: self.progressed.emit(msg, frac), cancel=self._cancel
            )
            self.finished.emit(reports)
        except BaseException as exc:  # reported in the status area; a bug also goes to the log
            if not hasattr(exc, "sv"):
                _log.exception("sync failed")
            self.finished.emit(exc)
        finally:
            if ctx is not None:
                ctx.close()

    def _progress(self, text: str, fraction: float) -> None:
        self.status.bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        self.status.label.setText(self.tr("Syncing %1").replace("%1", text) if text else self.tr("Syncing…"))

    def _done(self, result: Any) -> None:
        self.status.bar.hide()
        self.status.button.setEnabled(True)
        if isinstance(result, BaseException):
            msg = getattr(result, "message", None)
            text = msg(i18n.current()) if callable(msg) else self.tr("The sync stopped because of an unexpected error.")
            self.status.label.setText(self.tr("Sync failed: %1").replace("%1", text))
            self.synced.emit([])
            return
        self.last_reports = result
        arrived = sorted({m for r in result for m in r.meetings})
        if arrived or any(r.withdrawn for r in result):
            self.w.import_ctl.refresh_after_import()
        self._show_last(self._sources(), result)
        if arrived:
            self._notify(arrived)
        self.synced.emit(result)
        if self._again is not None:
            again, self._again = self._again, None
            self.sync_now(again or None, quiet=True)

    def _show_last(self, rows: list[dict], reports: list | None = None) -> None:
        failed = [r for r in rows if r.get("last_status") == "failed"]
        when = max((r["last_sync"] or "" for r in rows), default="")
        if reports is not None and any(r.errors for r in reports):
            first = next(r for r in reports if r.errors)
            sv, en = first.errors[0]
            self.status.label.setText(
                self.tr("%1: %2").replace("%1", first.name).replace("%2", en if i18n.current() == "en" else sv)
            )
            self.status.label.setToolTip(
                "\n".join(f"{r.name}: {e[1] if i18n.current() == 'en' else e[0]}" for r in reports for e in r.errors)
            )
        elif failed:
            self.status.label.setText(self.tr("%1: not reached at the last sync").replace("%1", failed[0]["name"]))
        elif when:
            self.status.label.setText(self.tr("Synced %1").replace("%1", _local_time(when)))
        else:
            self.status.label.setText(self.tr("Not synced yet"))

    def _notify(self, meeting_ids: list[str]) -> None:
        """Name the body and date of what arrived: in the status bar, and as a desktop notification."""
        from ..item_data import meeting_label

        labels = []
        for mid in meeting_ids[:3]:
            m = self.ctx.meetings.meeting(mid)
            labels.append(meeting_label(m) if m else mid)
        more = len(meeting_ids) - len(labels)
        text = ", ".join(labels) + (self.tr(" and %n more", "", more) if more > 0 else "")
        title = self.tr("New or changed notices")
        self.last_notice = f"{title}: {text}"
        self.w.statusBar().showMessage(self.last_notice, 20000)
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            tray = getattr(self, "_tray", None)
            if tray is None:
                tray = self._tray = QSystemTrayIcon(self.w.windowIcon(), self)
                tray.show()
            tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10000)


def _local_time(iso: str) -> str:
    import datetime as dt

    try:
        t = dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return iso[:16]
    today = dt.datetime.now().astimezone().date()
    return t.strftime("%H:%M") if t.date() == today else t.strftime("%Y-%m-%d %H:%M")
