"""The core imports and runs without Qt: every module outside botkyrka_nämnd/ui/ is imported in a fresh
interpreter and PySide6 must not be loaded."""

import subprocess
import sys
from pathlib import Path

import botkyrka_nämnd

PKG = Path(botkyrka_nämnd.__file__).parent


def core_modules() -> list[str]:
    mods = []
    for f in sorted(PKG.rglob("*.py")):
        rel = f.relative_to(PKG.parent).with_suffix("")
        parts = list(rel.parts)
        if "ui" in parts[1:2] or parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods.append(".".join(parts))
    return mods


def test_core_has_modules():
    mods = core_modules()
    assert "botkyrka_nämnd.cli" in mods and "botkyrka_nämnd.storage.db" in mods
    assert not any(".ui" in m for m in mods)


def test_core_imports_without_qt():
    code = (
        "import importlib, sys\n"
        f"mods = {core_modules()!r}\n"
        "for m in mods: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6') or m.startswith('shiboken6')]\n"
        "print('QT' if bad else 'CLEAN', bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("CLEAN"), out.stdout
