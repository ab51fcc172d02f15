"""SECURITY.md R2: kill -9 during a burst of 200 autosaves.

A child process saves 200 growing versions of an item note and prints the saved length after each save
returns (= after COMMIT: the "saved" the UI would show). The parent kills it with SIGKILL at a random
point. The reopened store must pass integrity_check and hold exactly the last acknowledged version, or a
later complete one (committed but killed before printing), never a torn or older text.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from botkyrka_nämnd.services.context import AppContext

from .annotation_fixtures import build_meeting, item_id, save

ROOT = Path(__file__).resolve().parents[2]
SAVES = 200

CHILD = textwrap.dedent(
    """
    import sys
    from botkyrka_nämnd.services.context import AppContext
    from botkyrka_nämnd.storage.repository import Repository

    def version(n):
        return "".join(f"Rad {i}: yrka återremiss, fråga om HVB-kostnaderna – åäö ÅÄÖ €.\\n" for i in range(n))

    ctx = AppContext(sys.argv[1])
    item = ctx.repo.item("botkyrka-sn-2024-09-24", 2)["id"]
    print("ready", flush=True)
    for n in range(1, int(sys.argv[2]) + 1):
        text = version(n)
        saved = ctx.annotations.save_note(item, text)
        print(len(saved["body"]), flush=True)
    print("done", flush=True)
    """
)


def version(n: int) -> str:
    return "".join(f"Rad {i}: yrka återremiss, fråga om HVB-kostnaderna – åäö ÅÄÖ €.\n" for i in range(n))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_9_during_200_autosaves_keeps_the_last_acknowledged_text(data_dir, tmp_path, seed):
    ctx = AppContext(data_dir)
    save(ctx, build_meeting())
    ctx.close()
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    kill_after = random.Random(seed).randint(1, SAVES - 20)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(data_dir), str(SAVES)], stdout=subprocess.PIPE, env=env, cwd=ROOT, text=True
    )
    acknowledged = 0
    try:
        assert proc.stdout.readline().strip() == "ready"
        while acknowledged < kill_after:
            line = proc.stdout.readline()
            assert line and line.strip() != "done", "the child finished before it was killed"
            assert int(line) == len(version(acknowledged + 1))
            acknowledged += 1
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        proc.stdout.close()
    # the child runs ahead of our reading; on a very slow reader it may even have finished all saves
    assert proc.returncode in (-signal.SIGKILL, 0)

    conn = sqlite3.connect(data_dir / "store.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute("SELECT body FROM annotation WHERE is_item_note=1").fetchall()
    finally:
        conn.close()
    assert len(rows) == 1
    body = rows[0][0]
    n = body.count("\n")
    assert n >= acknowledged, f"lost acknowledged saves: {n} < {acknowledged}"
    assert body.encode("utf-8") == version(n).encode("utf-8"), "torn text"
    if proc.returncode == 0:
        assert n == SAVES

    ctx = AppContext(data_dir)  # and the program opens it normally (quick_check)
    try:
        assert ctx.annotations.item_note(item_id(ctx, 2))["body"] == body
    finally:
        ctx.close()
