"""The ``gui`` and ``seeds`` markers select what they say, and a run that requires the seeds (CI) fails at
collection when they are missing instead of skipping their tests (tests/conftest.py, issue 14).

Each check runs pytest in a subprocess on three small files (--collect-only: nothing is executed but one
test that skips); six subprocesses, each a few seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # six pytest subprocesses, ~20 s in all on 2 cores

# a UI module, an integration module with seed tests and without, a unit module
FILES = ["tests/ui/test_accessibility.py", "tests/integration/test_cli.py", "tests/unit/test_hardening.py"]


def _pytest(*args: str, seeds: str | None = None, require: str | None = None, ci: bool = False):
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "BOTKYRKA_REQUIRE_SEEDS", "PYTEST_ADDOPTS")}
    if ci:
        env["CI"] = "true"
    if seeds is not None:
        env["BOTKYRKA_SEEDS_DIR"] = seeds
    if require is not None:
        env["BOTKYRKA_REQUIRE_SEEDS"] = require
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )


def _collected(*args: str, **kw) -> list[str]:
    p = _pytest("--collect-only", "-q", *args, *FILES, **kw)
    assert p.returncode == 0, p.stdout + p.stderr
    return [ln for ln in p.stdout.splitlines() if "::" in ln]


@pytest.fixture(scope="module")
def everything() -> list[str]:
    ids = _collected()
    assert any(i.startswith("tests/ui/") for i in ids) and any(i.startswith("tests/integration/") for i in ids)
    return ids


def test_not_gui_selects_every_test_but_the_ui_tests(everything):
    not_gui = _collected("-m", "not gui")
    assert sorted(not_gui) == sorted(i for i in everything if not i.startswith("tests/ui/"))
    # so `-m gui`, its complement, is exactly the UI tests (the ones that use qtbot/qapp live there)


def test_seeds_selects_the_tests_that_use_the_seed_folder(everything):
    seeds = set(_collected("-m", "seeds"))
    # uses seeds_dir through the module's `imported` fixture / directly; needs no seed
    assert "tests/integration/test_cli.py::test_reimport_changes_nothing" in seeds
    assert "tests/integration/test_cli.py::test_meetings_json" in seeds
    assert "tests/integration/test_cli.py::test_user_errors_are_one_line_without_traceback" not in seeds
    assert not [i for i in seeds if i.startswith("tests/unit/test_hardening.py")]
    assert seeds < set(everything)


def test_missing_seeds_fail_the_run_at_collection_when_required(tmp_path):
    p = _pytest("--collect-only", "-q", *FILES, seeds=str(tmp_path / "none"), require="1")
    assert p.returncode == pytest.ExitCode.USAGE_ERROR, p.stdout + p.stderr
    out = p.stdout + p.stderr
    assert f"seed folder not found at {tmp_path / 'none'}" in out
    assert "BOTKYRKA_REQUIRE_SEEDS=0" in out
    # a selection without seed tests does not need them
    p = _pytest("--collect-only", "-q", "-m", "not seeds", *FILES, seeds=str(tmp_path / "none"), require="1")
    assert p.returncode == 0, p.stdout + p.stderr


def test_missing_seeds_skip_with_a_message_when_not_required(tmp_path):
    p = _pytest(
        "-q", "-rs", "tests/integration/test_cli.py::test_reimport_changes_nothing", seeds=str(tmp_path / "none")
    )
    assert p.returncode == 0, p.stdout + p.stderr
    assert "1 skipped" in p.stdout
    assert f"seed folder not found at {tmp_path / 'none'}" in p.stdout


def test_ci_alone_requires_the_seeds(tmp_path):
    p = _pytest("--collect-only", "-q", "tests/integration/test_cli.py", seeds=str(tmp_path / "none"), ci=True)
    assert p.returncode == pytest.ExitCode.USAGE_ERROR, p.stdout + p.stderr
