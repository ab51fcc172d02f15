"""One desktop client per data folder: a second start hands its files to the first and exits."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from botkyrka_nämnd.ui.single_instance import SingleInstance, server_name
from tests.conftest import SEED_000


def test_second_instance_hands_its_files_to_the_first(qtbot, tmp_path):
    first = SingleInstance(tmp_path)
    assert first.acquire()
    second = SingleInstance(tmp_path)
    assert not second.acquire()  # the lock is held
    script = (
        "import sys; from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]);"
        "from botkyrka_nämnd.ui.single_instance import SingleInstance;"
        "sys.exit(0 if SingleInstance(sys.argv[1]).hand_over(sys.argv[2:]) else 1)"
    )
    with qtbot.waitSignal(first.files_received, timeout=20_000) as got:
        # a second process, as a second start is
        proc = subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path), "a.pdf", str(tmp_path / "b.txt")], cwd=tmp_path
        )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20_000)
    assert proc.returncode == 0  # the first one confirmed
    assert got.args[0] == [str(tmp_path / "a.pdf"), str(tmp_path / "b.txt")]
    first.release()
    third = SingleInstance(tmp_path)  # released: the next start is the first again
    assert third.acquire()
    third.release()


def test_other_data_folders_run_side_by_side(tmp_path):
    a, b = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert a.acquire() and b.acquire()
    a.release()
    b.release()


def test_nobody_listening_is_no_hand_over(tmp_path):
    assert SingleInstance(tmp_path).hand_over(["x.pdf"], timeout_ms=500) is False


def _meetings(db: Path) -> list[str]:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return [r[0] for r in conn.execute("SELECT id FROM meeting")]
        finally:
            conn.close()
    except sqlite3.Error:
        return []


@pytest.mark.slow  # over 5 s (pytest --durations)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="runs the client offscreen as a process")
def test_two_clients_on_one_data_folder_end_to_end(tmp_path, seeds_dir):
    """The real program twice: the second start exits 0 at once and the first imports its file."""
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    cmd = [sys.executable, "-m", "botkyrka_nämnd", "--data-dir", str(data)]
    first = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (data / ".instance.lock").exists():
            time.sleep(0.2)
        assert (data / ".instance.lock").exists(), "the first client did not start"
        second = subprocess.run([*cmd, str(seeds_dir / SEED_000)], env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert "körs redan" in second.stderr and "1 fil" in second.stderr
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and "botkyrka-sn-2024-09-24" not in _meetings(data / "store.db"):
            time.sleep(0.5)
        assert "botkyrka-sn-2024-09-24" in _meetings(data / "store.db")  # imported by the first client
        assert first.poll() is None  # and the first is still running
    finally:
        first.terminate()
        try:
            first.wait(20)
        except subprocess.TimeoutExpired:
            first.kill()
            first.wait(10)
        first.stderr.close()
