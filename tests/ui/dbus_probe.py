"""A ScreenSaver ``ActiveChanged`` signal on a real, private D-Bus session bus, and what the lock made of it
(tests/ui/test_lock.py and the S5 tests of tests/ui/test_gui_leaks.py).

:func:`run_probe` starts a child under ``dbus-run-session`` (skips when it or ``dbus-send`` is missing):
it installs a :class:`~botkyrka_nämnd.ui.lock.LockController` on a fake context whose vault is unlocked,
sends ``<iface>.ActiveChanged(true)`` on ``path`` 200 ms later and waits up to 10 s for the lock.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FREEDESKTOP = ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver")

_SCRIPT = r"""
import subprocess, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from botkyrka_nämnd.ui.lock import LockController

path, iface = sys.argv[1], sys.argv[2]

class Vault:
    unlocked = True
    def add_lock_listener(self, cb): pass

class Ctx:
    vault = Vault()
    def lock(self): self.vault.unlocked = False

app = QApplication([])
lc = LockController(Ctx())
lc.install(app)
print("connections", len(lc.bus_connections))
lc.mark_unlocked()
sent, got = [], []
lc.locked.connect(lambda reason: (got.append((reason, time.monotonic() - sent[0])), app.quit()))

def send():
    sent.append(time.monotonic())
    subprocess.run(["dbus-send", "--session", "--type=signal", path, iface + ".ActiveChanged", "boolean:true"])

QTimer.singleShot(200, send)
QTimer.singleShot(10000, app.quit)
app.exec()
reason, after = (got[0][0], round(got[0][1], 3)) if got else (None, None)
print("locked", reason, "after", after, Ctx.vault.unlocked, "times", len(got))
"""


@dataclass
class ProbeResult:
    connections: int  # D-Bus signals the lock controller subscribed to
    reason: str | None  # the lock's reason ("screen"), None when it did not lock
    after: float | None  # seconds from the signal to the lock
    vault_unlocked: bool  # the fake vault after the probe
    times: int  # how often it locked (once: the first lock ends the probe)
    output: str  # the child's stdout and the end of its stderr, for assertion messages


def run_probe(path: str = FREEDESKTOP[0], iface: str = FREEDESKTOP[1]) -> ProbeResult:
    if not (shutil.which("dbus-run-session") and shutil.which("dbus-send")):
        pytest.skip("dbus-run-session / dbus-send not installed")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    out = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-c", _SCRIPT, path, iface],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    output = out.stdout + out.stderr[-1000:]
    conn = re.search(r"^connections (\d+)$", out.stdout, re.MULTILINE)
    m = re.search(r"^locked (\S+) after (\S+) (\S+) times (\d+)$", out.stdout, re.MULTILINE)
    assert conn and m, output
    return ProbeResult(
        connections=int(conn.group(1)),
        reason=None if m.group(1) == "None" else m.group(1),
        after=None if m.group(2) == "None" else float(m.group(2)),
        vault_unlocked=m.group(3) == "True",
        times=int(m.group(4)),
        output=output,
    )
