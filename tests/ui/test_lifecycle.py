"""The client's start and end as the operating system sees them (issue 14): no screen gives a clear message
(and the CLI still works), Ctrl+C and SIGTERM close the client cleanly: the window closes as when the
member quits (its shutdown flushes the notes, locks the vault and ends the workers; tested in test_flows),
the process exits 0, no semaphore is leaked."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from botkyrka_nämnd.ui.lifecycle import missing_display

ROOT = Path(__file__).resolve().parents[2]


def test_missing_display_is_told_on_x11_systems_only():
    assert missing_display({}, "linux")
    assert not missing_display({"DISPLAY": ":0"}, "linux")
    assert not missing_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not missing_display({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert missing_display({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not missing_display({}, "win32") and not missing_display({}, "darwin")


def _env(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.pop("BOTKYRKA_NAMND_DATA_DIR", None)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.update(extra)
    return env


def test_without_a_display_the_client_says_so_and_the_cli_works(tmp_path):
    data = tmp_path / "data"
    cmd = [sys.executable, "-m", "botkyrka_nämnd", "--data-dir", str(data)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=ROOT, env=_env(data))
    assert out.returncode == 2
    assert "Ingen skärm hittades" in out.stderr and "No display was found" in out.stderr
    assert "xcb" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    cli = subprocess.run(
        [*cmd, "meetings", "--json"], capture_output=True, text=True, timeout=120, cwd=ROOT, env=_env(data)
    )
    assert cli.returncode == 0 and cli.stdout.strip() == "[]"


def _log(data: Path) -> str:
    p = data / "logs" / "botkyrka-namnd.log"
    return p.read_text(encoding="utf-8") if p.exists() else ""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_closes_the_client_cleanly(demo_template, tmp_path, sig):
    data = tmp_path / "data"
    shutil.copytree(demo_template[0], data)
    env = _env(data, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, "-m", "botkyrka_nämnd", "--data-dir", str(data)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while "desktop client ready" not in _log(data):
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "the client did not start"
            time.sleep(0.2)
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    log = _log(data)
    assert f"signal {int(sig)}: closing the client cleanly" in log
    assert "desktop client closed" in log
    assert "leaked semaphore" not in err and "Traceback" not in err


def test_about_shows_version_licence_and_third_party_software(qtbot, window):
    from botkyrka_nämnd import __version__

    window.act_about.trigger()
    dlg = window.about_dialog
    qtbot.waitUntil(dlg.isVisible)
    about = dlg.tabs.widget(0).text()
    assert __version__ in about and "EUPL-1.2" in about
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in dlg.licence.toPlainText()
    names = {dlg.others.topLevelItem(i).text(0) for i in range(dlg.others.topLevelItemCount())}
    assert {"PySide6", "Qt", "reportlab", "sqlite-utils", "keyring", "cryptography"} <= names
    licences = {
        dlg.others.topLevelItem(i).text(0): dlg.others.topLevelItem(i).text(2)
        for i in range(dlg.others.topLevelItemCount())
    }
    assert licences["Qt"] == "LGPL-3.0-only" and licences["reportlab"]
    dlg.close()


def test_the_shipped_third_party_list_names_every_runtime_dependency():
    import json
    import re

    from botkyrka_nämnd.licences import LIST

    shipped = {r["name"].lower().replace("_", "-") for r in json.loads(LIST.read_text(encoding="utf-8"))}
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {re.match(r"[A-Za-z0-9_.-]+", d).group(0).lower().replace("_", "-") for d in deps}
    assert names - shipped == set(), "regenerate: python -m botkyrka_nämnd.licences --write"
