"""Keep secret content out of screenshots and screen sharing, where the platform allows it (SECURITY.md S18).

- Windows 10 2004+: ``SetWindowDisplayAffinity(hwnd, WDA_EXCLUDEFROMCAPTURE)`` while secret content is shown
  (screen capture, Teams/Zoom sharing and the Snipping Tool see a black window).
- macOS would need ``NSWindow.sharingType = none`` through the Objective-C runtime; not done (no PyObjC), so
  it says "not supported", as on Linux.
- X11 and Wayland have no such facility: any program of the session can capture the screen. The banner over
  secret content says so, so the member knows not to share the screen while it is unlocked.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget

from .. import log

_log = log.get("ui")
WDA_NONE = 0x0
WDA_EXCLUDEFROMCAPTURE = 0x11


def supported() -> bool:
    return sys.platform == "win32"


def protect(window: QWidget | None, on: bool) -> bool:
    """Exclude ``window`` from screen capture (``on``) or allow it again. True when the platform did it."""
    if window is None or not supported():
        return False
    try:  # pragma: no cover - Windows only
        import ctypes

        ok = bool(
            ctypes.windll.user32.SetWindowDisplayAffinity(  # type: ignore[attr-defined]  # windll: Windows only
                int(window.winId()), WDA_EXCLUDEFROMCAPTURE if on else WDA_NONE
            )
        )
        if not ok:
            _log.warning("screen capture protection could not be set")
        return ok
    except (AttributeError, OSError):  # pragma: no cover
        return False
