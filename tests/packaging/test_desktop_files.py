"""The desktop integration files and the wheel's package data, checked without building anything.

The frozen build (packaging/build-frozen.sh) and the .deb (packaging/build-deb.sh) are not run here: they
take minutes and need PyInstaller, dpkg-deb and root; README "Packaging" says how to run them.
"""

from __future__ import annotations

import configparser
import fnmatch
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from botkyrka_nämnd import APP_NAME
from botkyrka_nämnd.cli import _split_open_files, build_parser

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / "se.botkyrka.namnd.desktop"
METAINFO = LINUX / "se.botkyrka.namnd.metainfo.xml"
PKG = ROOT / "botkyrka_nämnd"


def _entry() -> configparser.SectionProxy:
    cp = configparser.ConfigParser(interpolation=None, strict=True)
    cp.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    cp.read(DESKTOP, encoding="utf-8")
    return cp["Desktop Entry"]


def test_desktop_file_validates():
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    out = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0 and not out.stdout.strip(), out.stdout + out.stderr


def test_desktop_file_names_the_program_the_icon_and_the_metainfo():
    e = _entry()
    assert e["Type"] == "Application" and e["Terminal"] == "false"
    assert e["Icon"] == DESKTOP.stem == "se.botkyrka.namnd"
    assert "application/pdf" in e["MimeType"].split(";")
    assert f'<launchable type="desktop-id">{DESKTOP.name}</launchable>' in METAINFO.read_text(encoding="utf-8")


def test_exec_line_with_a_pdf_is_a_file_to_open(tmp_path):
    """``Exec=botkyrka-namnd %F``: the launcher replaces %F by the chosen files; the CLI must take them as
    files to open in the client (not as an "invalid choice" of subcommand)."""
    program, *args = shlex.split(_entry()["Exec"])
    assert program == APP_NAME and args == ["%F"]
    pdf = tmp_path / "Kallelse socialnämnden 2024-09-24.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    second = tmp_path / "protokoll.PDF"
    second.write_bytes(b"%PDF-1.4\n%%EOF\n")
    argv = [str(pdf) if a == "%F" else a for a in args] + [str(second)]
    files, rest = _split_open_files(argv)
    assert files == [str(pdf), str(second)] and rest == []
    ns = build_parser().parse_args(rest)
    assert ns.command is None  # the client, not a subcommand
    files, rest = _split_open_files(["--data-dir", str(tmp_path / "d"), "--smoke-test", pdf.as_uri()])
    assert files == [str(pdf)] and rest == ["--data-dir", str(tmp_path / "d"), "--smoke-test"]


def test_a_subcommand_is_never_taken_for_a_file(tmp_path):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert _split_open_files(["import", str(pdf)]) == ([], ["import", str(pdf)])


def test_a_missing_file_is_reported_as_missing(tmp_path, capsys):
    from botkyrka_nämnd.cli import main

    missing = tmp_path / "finns inte.pdf"
    assert main(["--data-dir", str(tmp_path / "d"), str(missing)]) == 1
    err = capsys.readouterr().err
    assert "Filen finns inte" in err and "finns inte.pdf" in err and "invalid choice" not in err


def test_metainfo_validates():
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (apt-get install appstream)")
    out = subprocess.run(
        [tool, "validate", "--no-net", "--explain", str(METAINFO)], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stdout + out.stderr


def _package_data_globs() -> list[str]:
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = cfg["tool"]["setuptools"]["package-data"]
    return [g for globs in data.values() for g in globs]


@pytest.mark.parametrize("suffix", [".qm", ".svg", ".ttf", ".json"])
def test_wheel_package_data_covers_the_data_files_in_the_tree(suffix):
    globs = _package_data_globs()
    files = [p for p in PKG.rglob(f"*{suffix}") if "__pycache__" not in p.parts]
    if suffix == ".qm":
        assert files, "the translations (*.qm) are missing from the package"
    for f in files:
        assert any(fnmatch.fnmatch(f.name, g) for g in globs), f"{f.relative_to(ROOT)} is not in package-data"


def test_resources_are_inside_the_package_for_the_wheel():
    """resources/ (beside the package) cannot go into a wheel; what the program needs of it at run time is
    compiled into ui/resources_rc.py (the icons) or kept inside the package."""
    assert (PKG / "ui" / "resources_rc.py").is_file()
    assert (PKG / "ui" / "i18n" / "botkyrka_namnd_sv.qm").is_file()
