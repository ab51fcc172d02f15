"""The checks that keep the code's shape (issue 11), run by the README's test command and so by CI:
ruff (lint and format), mypy (strict for domain, storage, vault and search; gradual elsewhere, see
pyproject.toml) and import-linter (the one-way layers rule and "Qt only in ui"). Each runs the tool as a
developer would, from the checkout, with the configuration in pyproject.toml."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PATHS = ["botkyrka_nämnd", "tests", "bench", "packaging"]

pytestmark = pytest.mark.slow


def _tool(name: str) -> str:
    exe = BIN / name
    if exe.exists():
        return str(exe)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run packaging/dev-setup.sh (it installs the [test] extras)")
    return found


def _run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_lint():
    p = _run(_tool("ruff"), "check", *PATHS)
    assert p.returncode == 0, p.stdout + p.stderr


def test_ruff_format():
    p = _run(_tool("ruff"), "format", "--check", *PATHS)
    assert p.returncode == 0, "run `.venv/bin/ruff format`:\n" + p.stdout + p.stderr


def test_mypy():
    p = _run(_tool("mypy"))
    assert p.returncode == 0, p.stdout[-6000:] + p.stderr


def test_import_layers():
    p = _run(_tool("lint-imports"), "--no-cache")
    assert p.returncode == 0, p.stdout[-6000:] + p.stderr
    assert "0 broken" in p.stdout


_STORAGE = re.compile(r"\bctx\.(store|repo|sealed_parts|source_files|reading_state|settings)\b")


def test_ui_cli_and_export_never_reach_into_the_store():
    """They read through the services (``ctx.meetings``, ``ctx.annotations`` …): no repository, no SQL. The
    store's lifecycle goes through ``ctx.open()`` and ``ctx.verify_store()``; the repositories (``ctx.repo``,
    ``ctx.sealed_parts``, ``ctx.source_files``, ``ctx.reading_state``, ``ctx.settings``) are the services'."""
    pkg = ROOT / "botkyrka_nämnd"
    files = [*sorted((pkg / "ui").rglob("*.py")), pkg / "cli.py", *sorted((pkg / "export").rglob("*.py"))]
    offending = []
    for f in files:
        if f.name == "resources_rc.py":
            continue
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if ".execute(" in code or ".repo." in code or _STORAGE.search(code):
                offending.append(f"{f.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offending == []


def test_no_translated_text_inside_an_f_string():
    """pyside6-lupdate does not read inside f-strings: a ``self.tr('…')`` there is never translated (it stays
    English in the Swedish client). Translate first, then format."""
    pkg = ROOT / "botkyrka_nämnd" / "ui"
    hits = [
        f"{f.relative_to(ROOT)}:{n}"
        for f in sorted(pkg.rglob("*.py"))
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"""\bf["'].*\{[^}]*\btr\(""", line)
    ]
    assert hits == []
