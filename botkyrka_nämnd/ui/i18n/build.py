"""Regenerate the translation catalogues and the compiled icon resources.

    python -m botkyrka_nämnd.ui.i18n.build           # update .ts, compile .qm and resources_rc.py
    python -m botkyrka_nämnd.ui.i18n.build --check   # exit 1 when anything committed is out of date

- ``translations/botkyrka_namnd_sv.ts``: every source string of the UI (source language English); new
  strings arrive as *unfinished* and are translated in Qt Linguist (``pyside6-linguist``).
- ``translations/botkyrka_namnd_en.ts``: plural forms only (English needs no other translation).
- ``botkyrka_nämnd/ui/i18n/botkyrka_namnd_<lang>.qm``: compiled with ``pyside6-lrelease``.
- ``botkyrka_nämnd/ui/resources_rc.py``: ``resources/icons/*.svg`` compiled with ``pyside6-rcc``
  (format version 1, which carries no timestamps, so the output is reproducible).
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

UI_DIR = Path(__file__).resolve().parents[1]
PKG_DIR = UI_DIR.parent
ROOT = PKG_DIR.parent
TS_DIR = ROOT / "translations"
QM_DIR = Path(__file__).resolve().parent
ICON_DIR = ROOT / "resources" / "icons"
QRC = ROOT / "resources" / "icons.qrc"
RC_PY = UI_DIR / "resources_rc.py"
CATALOGUE = "botkyrka_namnd"
LANGS = ("sv", "en")


def tool(name: str) -> str:
    """A PySide6 tool next to the running interpreter (the virtualenv), else on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (install PySide6 in this environment)")
    return found


def sources() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if p.name != "resources_rc.py" and "__pycache__" not in p.parts)


def ts_path(lang: str, ts_dir: Path = TS_DIR) -> Path:
    return ts_dir / f"{CATALOGUE}_{lang}.ts"


def qm_path(lang: str, qm_dir: Path = QM_DIR) -> Path:
    return qm_dir / f"{CATALOGUE}_{lang}.qm"


def run(cmd: list[str], cwd: Path = ROOT) -> None:
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def update_ts(ts_dir: Path = TS_DIR) -> None:
    files = [str(p.relative_to(ROOT)) for p in sources()]
    for lang in LANGS:
        extra = ["-pluralonly"] if lang == "en" else []
        run(
            [
                tool("pyside6-lupdate"),
                *files,
                "-ts",
                str(ts_path(lang, ts_dir)),
                "-source-language",
                "en",
                "-target-language",
                lang,
                "-locations",
                "none",
                "-no-obsolete",
                "-silent",
                *extra,
            ]
        )


def compile_qm(ts_dir: Path = TS_DIR, qm_dir: Path = QM_DIR) -> None:
    for lang in LANGS:
        run([tool("pyside6-lrelease"), "-silent", str(ts_path(lang, ts_dir)), "-qm", str(qm_path(lang, qm_dir))])


def write_qrc(qrc: Path = QRC) -> None:
    lines = ["<!DOCTYPE RCC>", '<RCC version="1.0">', '<qresource prefix="/icons">']
    for svg in sorted(ICON_DIR.glob("*.svg")):
        lines.append(f'  <file alias="{svg.name}">icons/{svg.name}</file>')
    lines += ["</qresource>", "</RCC>", ""]
    qrc.write_text("\n".join(lines), encoding="utf-8")


def compile_rc(qrc: Path = QRC, out: Path = RC_PY) -> None:
    run([tool("pyside6-rcc"), "--format-version", "1", str(qrc), "-o", str(out)], cwd=qrc.parent)


def check() -> list[str]:
    """What is out of date (empty when everything committed matches a fresh build)."""
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        for lang in LANGS:
            shutil.copy(ts_path(lang), t / ts_path(lang).name)
        update_ts(t)
        for lang in LANGS:
            if ts_path(lang).read_bytes() != ts_path(lang, t).read_bytes():
                stale.append(str(ts_path(lang).relative_to(ROOT)))
        compile_qm(TS_DIR, t)
        for lang in LANGS:
            if not qm_path(lang).exists() or not filecmp.cmp(qm_path(lang), qm_path(lang, t), shallow=False):
                stale.append(str(qm_path(lang).relative_to(ROOT)))
        qrc = ROOT / "resources" / "_check.qrc"
        try:
            write_qrc(qrc)
            compile_rc(qrc, t / "rc.py")
        finally:
            qrc.unlink(missing_ok=True)
        if not RC_PY.exists() or RC_PY.read_bytes() != (t / "rc.py").read_bytes():
            stale.append(str(RC_PY.relative_to(ROOT)))
    return stale


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only report what is out of date")
    args = ap.parse_args(argv)
    if args.check:
        stale = check()
        for s in stale:
            print(f"out of date: {s}")
        return 1 if stale else 0
    TS_DIR.mkdir(exist_ok=True)
    update_ts()
    compile_qm()
    write_qrc()
    compile_rc()
    print(
        "updated: "
        + ", ".join(
            str(p.relative_to(ROOT))
            for p in [*(ts_path(lang) for lang in LANGS), *(qm_path(lang) for lang in LANGS), QRC, RC_PY]
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
