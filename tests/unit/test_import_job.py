"""The background import's job without Qt (services/import_job.py): run in this process with a plain queue,
it reports per file (a seed imported with its meeting id, a damaged PDF failed in Swedish and English),
a cancel and a bug as its last message; the client's ImportJob only forwards these."""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from botkyrka_nämnd.services import import_job
from botkyrka_nämnd.services.import_job import FailedFile, ImportedFile, report_from_message, run_import_job
from tests.conftest import SEED_000

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def hardened(monkeypatch):
    """The job hardens its process (umask, not dumpable); in the test process that is only recorded."""
    import botkyrka_nämnd.hardening as hardening

    calls = []
    monkeypatch.setattr(hardening, "harden_process", lambda: calls.append(True) or {})
    return calls


def _run(data_dir, paths, *, job="paths", cancel=None, hints=None) -> list[tuple]:
    out: queue.Queue = queue.Queue()
    run_import_job(str(data_dir), job, [str(p) for p in paths], out, cancel or threading.Event(), hints)
    messages = []
    while not out.empty():
        messages.append(out.get_nowait())
    return messages


def test_imports_a_seed_and_reports_a_damaged_file(data_dir, seeds_dir, tmp_path, hardened):
    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(b"%PDF-1.4\n this is not a pdf at all")
    messages = _run(data_dir, [seeds_dir / SEED_000, broken])
    assert hardened == [True]
    *progress, (kind, payload) = messages
    assert kind == "done"
    assert progress and all(m[0] == "progress" and isinstance(m[1], str) and 0.0 <= m[2] <= 1.0 for m in progress)
    pickle.dumps(messages)  # what crosses the process boundary is plain data

    report = report_from_message(kind, payload)
    assert not report.cancelled and report.error is None
    assert report.imported == [
        ImportedFile(str(seeds_dir / SEED_000), "botkyrka-sn-2024-09-24", 9, 0, "imported", notices=[])
    ]
    [failed] = report.failed
    assert isinstance(failed, FailedFile) and failed.path == str(broken)
    assert failed.code == "extraction_failed"
    assert "trasig.pdf" in failed.sv and "skadad" in failed.sv
    assert "trasig.pdf" in failed.en and "damaged" in failed.en
    assert failed.message("sv") == failed.sv and failed.message("en_GB") == failed.en

    from botkyrka_nämnd.services.context import AppContext
    from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore

    ctx = AppContext(data_dir, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    try:
        assert ctx.repo.meeting("botkyrka-sn-2024-09-24") is not None  # committed by the job's own context
    finally:
        ctx.close()


def test_cancel_before_the_first_file_is_an_error_report(data_dir, seeds_dir, hardened):
    cancel = threading.Event()
    cancel.set()
    kind, payload = _run(data_dir, [seeds_dir / SEED_000], cancel=cancel)[-1]
    assert kind == "error" and payload["code"] == "cancelled"
    report = report_from_message(kind, payload)
    assert report.cancelled and not report.imported and report.error is not None
    assert report.error.sv and report.error.en and report.error.sv != report.error.en


def test_a_bug_is_a_crash_message_with_the_type_only(data_dir, seeds_dir, hardened):
    kind, payload = _run(data_dir, [seeds_dir / SEED_000], hints={"no_such_hint": "x"})[-1]
    assert kind == "crash" and payload["type"] == "TypeError" and "Traceback" in payload["traceback"]
    report = report_from_message(kind, payload)
    assert report.error == FailedFile("", "bug", "", "") and not report.cancelled


def test_the_spawn_target_resolves_without_qt():
    """multiprocessing (spawn) finds the child's function by module and name; that module loads no Qt."""
    assert run_import_job.__module__ == "botkyrka_nämnd.services.import_job"
    assert pickle.loads(pickle.dumps(run_import_job)) is import_job.run_import_job
    code = (
        "import sys\n"
        "from botkyrka_nämnd.services.import_job import run_import_job\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"
