"""The sekretess lock in the UI (SECURITY.md §2.4).

:class:`LockController` owns every trigger that locks the vault while it is open and tells the views to
forget secret content:

- idle: an application event filter notes the wall-clock time (``time.time()``) of every input event;
  *before* an input event is delivered it checks the gap since the previous one, so after a suspend (when
  a monotonic timer stood still) the vault locks before the key press reaches any widget (R-LOCK-3). A
  one-second timer catches plain idleness;
- screen lock / suspend: login1 ``PrepareForSleep`` and ``Lock`` on the system bus and
  ``org.freedesktop.ScreenSaver`` / ``org.gnome.ScreenSaver`` ``ActiveChanged`` on the session bus, when
  those buses exist (silently skipped otherwise);
- minimise and hiding the window (the main window calls :meth:`lock` with reason ``"minimise"``);
- the lock button / shortcut and quitting.

Before the vault locks, :attr:`about_to_lock` is emitted synchronously: the notes editors save their drafts
then, a secret part's note into the vault while it is still open (SECURITY.md §2.6 LOCKING step 1).
After the vault has locked, :attr:`locked` is emitted synchronously (direct connections), so the views
have dropped secret text before control returns to the event that triggered the lock. The controller
then clears the clipboard if it holds text that was shown as secret, closes modal dialogs and clears
QPixmapCache.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QPixmapCache
from PySide6.QtWidgets import QApplication, QDialog

from .. import log

_log = log.get("ui")

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.InputMethod,
    }
)


class LockController(QObject):
    about_to_lock = Signal(str)  # reason; the vault is still open (save drafts now)
    locked = Signal(str)  # reason: 'idle', 'suspend', 'screen', 'minimise', 'manual', 'quit', 'vault'
    unlocked = Signal()
    _vault_locked = Signal()  # from the vault's listener (any thread) to the UI thread

    def __init__(self, ctx, *, idle_seconds: float = 300.0, clock: Callable[[], float] = time.time, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.idle_seconds = float(idle_seconds)
        self.clock = clock
        self.last_activity = clock()
        self._ui_unlocked = False
        self._secret_texts: list[str] = []  # what the views showed as secret (for the clipboard check)
        self.bus_connections: list[str] = []  # which platform signals are connected (for tests and the log)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.check_idle)
        self._vault_locked.connect(self._on_vault_locked)
        self._listening = False

    # -- wiring ------------------------------------------------------------------------------------
    def install(self, app: QApplication) -> None:
        app.installEventFilter(self)
        self._timer.start()
        try:
            self.ctx.vault.add_lock_listener(self._vault_locked.emit)
            self._listening = True
        except Exception as exc:  # the vault package may be unavailable
            _log.warning("no vault lock listener: %s", type(exc).__name__)
        self._connect_platform_signals()

    def uninstall(self, app: QApplication) -> None:
        app.removeEventFilter(self)
        self._timer.stop()

    def _connect_platform_signals(self) -> None:
        try:
            from PySide6.QtCore import SLOT
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # pragma: no cover - QtDBus missing on this platform
            return
        system = QDBusConnection.systemBus()
        if system.isConnected():
            if system.connect(  # type: ignore[call-overload]  # stubs: slot as bytes; Qt takes SLOT()'s str
                "org.freedesktop.login1",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                self,
                SLOT("on_prepare_for_sleep(bool)"),
            ):
                self.bus_connections.append("login1.PrepareForSleep")
            if system.connect(  # type: ignore[call-overload]  # stubs: slot as bytes; Qt takes SLOT()'s str
                "org.freedesktop.login1",
                "/org/freedesktop/login1/session/auto",
                "org.freedesktop.login1.Session",
                "Lock",
                self,
                SLOT("on_session_lock()"),
            ):
                self.bus_connections.append("login1.Session.Lock")
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            # any sender: the screensaver service may be owned by different programs (or by none yet);
            # the worst a stray signal can do is lock the vault
            for path, iface in (
                ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
                ("/ScreenSaver", "org.freedesktop.ScreenSaver"),
                ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
            ):
                if session.connect(  # type: ignore[call-overload]  # as above: SLOT() gives str
                    "", path, iface, "ActiveChanged", self, SLOT("on_screensaver_active(bool)")
                ):
                    self.bus_connections.append(f"{iface}{path}.ActiveChanged")
        if self.bus_connections:
            _log.info("lock listens to %d platform signals", len(self.bus_connections))

    # -- platform slots --------------------------------------------------------------------------------
    @Slot(bool)
    def on_prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if going_to_sleep:
            self.lock("suspend")

    @Slot()
    def on_session_lock(self) -> None:
        self.lock("screen")

    @Slot(bool)
    def on_screensaver_active(self, active: bool) -> None:
        if active:
            self.lock("screen")

    # -- state -------------------------------------------------------------------------------------
    @property
    def is_unlocked(self) -> bool:
        try:
            return bool(self.ctx.vault.unlocked)
        except Exception:
            return False

    def set_idle_minutes(self, minutes: int) -> None:
        self.idle_seconds = max(1, int(minutes)) * 60.0

    def touch(self) -> None:
        self.last_activity = self.clock()

    def mark_unlocked(self) -> None:
        """Called after a successful unlock (or vault set-up)."""
        self.touch()
        self._ui_unlocked = True
        self.unlocked.emit()

    def note_secret_shown(self, text: str) -> None:
        if text and text not in self._secret_texts:
            self._secret_texts.append(text)

    # -- idle --------------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            now = self.clock()
            if self._ui_unlocked and now - self.last_activity > self.idle_seconds:
                self.lock("idle")  # before the event reaches any widget
            self.last_activity = now
        return False

    @Slot()
    def check_idle(self) -> None:
        if self._ui_unlocked and self.clock() - self.last_activity > self.idle_seconds:
            self.lock("idle")

    # -- locking -----------------------------------------------------------------------------------
    def lock(self, reason: str = "manual") -> None:
        was_open = self._ui_unlocked or self.is_unlocked
        try:
            self.about_to_lock.emit(reason)  # drafts are saved while the vault is still open
        except Exception as exc:  # a failing listener must never keep the vault open
            _log.error("about_to_lock listener raised %s", type(exc).__name__)
        try:
            self.ctx.lock()
        except Exception as exc:  # the views are cleared even if the vault reports a problem
            _log.error("vault lock raised %s", type(exc).__name__)
        if was_open:
            self._after_lock(reason)

    @Slot()
    def _on_vault_locked(self) -> None:
        if self._ui_unlocked:
            self._after_lock("vault")

    def _after_lock(self, reason: str) -> None:
        self._ui_unlocked = False
        _log.info("sekretess locked (%s)", reason)
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QDialog) and w.isVisible() and w.property("closeOnLock"):
                w.reject()
        self.locked.emit(reason)  # views drop secret text now
        self._clear_clipboard()
        from .widgets.notes import SecretTextEdit

        SecretTextEdit.forget()  # what was cut or copied inside the secret notes
        QPixmapCache.clear()
        self._secret_texts.clear()

    def _clear_clipboard(self) -> None:
        cb = QGuiApplication.clipboard()
        if cb is None:
            return
        text = " ".join(cb.text().split())
        shown = [" ".join(s.split()) for s in self._secret_texts]
        if text and any(text in s or s in text for s in shown):
            cb.clear()
            _log.info("clipboard cleared on lock")
