"""The client's start and end as the operating system sees them: a clear message when there is no screen
(instead of Qt's abort with a misleading xcb hint), and Ctrl+C / SIGTERM (a logout, ``systemctl``, ``kill``)
closing the window as the member would: notes flushed, the vault locked, workers ended."""

from __future__ import annotations

import os
import signal
import socket
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

from .. import log

_log = log.get("ui")

NO_DISPLAY = (
    "Ingen skärm hittades (varken DISPLAY eller WAYLAND_DISPLAY är satt): skrivbordsklienten behöver en "
    "grafisk session. Kommandoraden fungerar utan skärm: botkyrka-namnd --help.",
    "No display was found (neither DISPLAY nor WAYLAND_DISPLAY is set): the desktop client needs a graphical "
    "session. The command line works without one: botkyrka-namnd --help.",
)


def missing_display(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """True on Linux (and the other X11/Wayland systems) when Qt would find no screen to open."""
    env = os.environ if environ is None else environ
    platform = platform or sys.platform
    if platform.startswith(("win", "darwin", "cygwin")):
        return False
    qpa = env.get("QT_QPA_PLATFORM", "")
    if qpa and not qpa.startswith(("xcb", "wayland")):
        return False  # offscreen, minimal, vnc, eglfs …: no desktop session needed
    return not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY")


class SignalBridge(QObject):
    """SIGINT and SIGTERM handled in the Qt event loop: Python's handler only writes a byte to a socket
    (``signal.set_wakeup_fd``), which a QSocketNotifier turns into a call of ``on_signal`` on the UI thread.
    No polling timer; the loop never blocks a signal."""

    def __init__(self, on_signal: Callable[[int], None], parent: QObject | None = None):
        super().__init__(parent)
        self._on_signal = on_signal
        self._rsock, self._wsock = socket.socketpair()
        self._rsock.setblocking(False)
        self._wsock.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._wsock.fileno())
        self._old = {}
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._old[sig] = signal.signal(sig, lambda *_a: None)  # the wakeup fd carries it to Qt
        self._notifier = QSocketNotifier(self._rsock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)

    def _readable(self, *_args: object) -> None:
        try:
            data = self._rsock.recv(64)
        except OSError:
            return
        for b in data:
            if b in (signal.SIGINT, signal.SIGTERM):
                _log.info("signal %d: closing the client cleanly", b)
                self._on_signal(b)

    def uninstall(self) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)
        signal.set_wakeup_fd(self._old_fd)
        self._notifier.setEnabled(False)
        self._rsock.close()
        self._wsock.close()
