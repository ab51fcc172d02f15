"""Start-up and robustness: ``botkyrka-namnd --smoke-test``, the crash dialog and log, the PySide6 guard,
icons, dark mode, accessibility and keyboard use."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

ROOT = Path(__file__).resolve().parents[2]
SMOKE = re.compile(r"^smoke ok: [a-z0-9-]+-\d{4}-\d\d-\d\d item \d+, page 1 rendered (\d+)x(\d+)$")


def _cli(args, data_dir, timeout=300):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BOTKYRKA_NAMND_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "botkyrka_nämnd", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )


def test_smoke_test_on_a_data_dir(demo_template, tmp_path):
    data = tmp_path / "smoke"
    shutil.copytree(demo_template[0], data)
    out = _cli(["--data-dir", str(data), "--smoke-test"], tmp_path / "unused")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1
    m = SMOKE.match(lines[0])
    assert m, lines
    assert (int(m.group(1)), int(m.group(2))) == (794, 1123)  # A4 at 96 dpi


def test_smoke_test_fails_on_a_damaged_store(tmp_path):
    data = tmp_path / "broken"
    data.mkdir()
    (data / "store.db").write_bytes(b"this is not a database" * 100)
    out = _cli(["--data-dir", str(data), "--smoke-test"], tmp_path / "unused", timeout=120)
    assert out.returncode != 0
    assert out.stdout.strip() == ""
    assert "smoke failed" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.slow
def test_smoke_test_on_an_empty_data_dir_imports_the_demo(tmp_path):
    out = _cli(["--smoke-test"], tmp_path / "fresh")
    assert out.returncode == 0, out.stderr
    assert SMOKE.match(out.stdout.strip()), out.stdout


def test_pyside6_none_refcount_guard():
    """PySide6 6.12.0 on Python 3.11 leaks a reference to None per call of a Qt method returning nothing and
    aborts after about 5,300 (DESIGN.md §9). 20,000 such calls must run clean in the installed version."""
    code = (
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "from PySide6.QtCore import QTimer\n"
        "app = QApplication([])\n"
        "label = QLabel()\n"
        "t = QTimer()\n"
        "for i in range(5000):\n"
        "    label.setText('x')\n"
        "    label.setToolTip('y')\n"
        "    t.setInterval(i % 50 + 1)\n"
        "    app.processEvents()\n"
        "print('guard ok')\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "guard ok"


def test_crash_report_has_no_message_and_is_copyable(qtbot, messages):
    from botkyrka_nämnd.ui import crash

    secret = "Lex Sarah rapport 2102 om HVB-hemmet"
    try:
        raise ValueError(secret)
    except ValueError as exc:
        report = crash.build_report(type(exc), exc, exc.__traceback__)
        crash.excepthook(type(exc), exc, exc.__traceback__)
    assert "builtins.ValueError" in report and "test_crash_report_has_no_message_and_is_copyable" in report
    assert secret not in report
    assert messages and messages[-1] == ("crash", report)
    dlg = crash.CrashDialog(report)
    qtbot.addWidget(dlg)
    assert dlg.text.toPlainText() == report and dlg.text.isReadOnly()
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dlg.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == report


def test_crash_handler_logs_and_writes_faulthandler(data_dir, messages):
    import logging

    from botkyrka_nämnd import log, paths
    from botkyrka_nämnd.ui import crash

    log.setup()
    crash.install()
    try:
        assert sys.excepthook is crash.excepthook
        assert (paths.log_dir() / "faulthandler.log").exists()
        try:
            {}["nyckel"]
        except KeyError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        for h in logging.getLogger("botkyrka").handlers:
            h.flush()
        text = (paths.log_dir() / "botkyrka-namnd.log").read_text(encoding="utf-8")
        assert "unexpected error KeyError" in text and "Traceback" in text
        assert messages[-1][0] == "crash"
    finally:
        crash.uninstall()
        log.reset_for_tests()
    assert sys.excepthook is not crash.excepthook


def test_exception_in_a_slot_reaches_the_crash_handler(qtbot, window, messages, monkeypatch):
    import botkyrka_nämnd.ui.controllers.navigation as mw

    def boom(*_a, **_k):
        raise RuntimeError("inte dokumenttext")

    monkeypatch.setattr(mw, "load_item", boom)
    from botkyrka_nämnd.ui import crash

    monkeypatch.setattr(sys, "excepthook", crash.excepthook)
    window.act_next_item.trigger()
    assert messages and messages[-1][0] == "crash"
    assert "RuntimeError" in messages[-1][1] and "inte dokumenttext" not in messages[-1][1]


def test_user_errors_in_background_work_are_plain_messages(qtbot, window, messages):
    from botkyrka_nämnd.errors import UserError

    def work():
        raise UserError("Disken är full.", "The disk is full.")

    window.runner.run(work)
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    assert messages[-1] == ("Det gick inte", "Disken är full.")


# ------------------------------------------------------------------------------------------ icons, theme
def test_icons_are_valid_svg_and_sharp_at_2x():
    from botkyrka_nämnd.ui import icons

    names = sorted(p.stem for p in (ROOT / "resources" / "icons").glob("*.svg"))
    assert len(names) >= 20
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "botkyrka_nämnd" / "ui").rglob("*.py"))
    used = set(re.findall(r'icons\.(?:icon|pixmap)\("([\w-]+)"', code)) | set(re.findall(r'_tool\("([\w-]+)"', code))
    assert used <= set(names), used - set(names)
    for name in names:
        assert QSvgRenderer(QByteArray(icons.svg_bytes(name))).isValid(), name
        pm = icons.pixmap(name, 24, color="#000000", ratio=2.0)
        assert pm.width() == 48 and pm.devicePixelRatio() == 2.0
        img = pm.toImage()
        assert any(img.pixelColor(x, y).alpha() > 0 for x in range(48) for y in range(48)), name


def test_dark_mode(qapp, window, ctx):
    from botkyrka_nämnd.ui import app as uiapp
    from botkyrka_nämnd.ui import icons

    def ink(icon_name):
        img = icons.icon(icon_name).pixmap(24, 24).toImage()
        px = [
            img.pixelColor(x, y)
            for x in range(img.width())
            for y in range(img.height())
            if img.pixelColor(x, y).alpha() > 200
        ]
        return sum(p.lightness() for p in px) / len(px)

    item = next(it["id"] for it in ctx.repo.items(window.current_meeting) if it["proposal"])
    window.open_item(item)
    assert "#fff6d5" in window.item_page.browser.toHtml()
    light_ink = ink("lock")
    try:
        uiapp.apply_theme(qapp, "dark")
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
        assert ink("lock") > light_ink + 100  # icons follow the palette
        window.item_page.render()
        assert "#3d3413" in window.item_page.browser.toHtml()  # the proposal box in its dark colour
    finally:
        uiapp.apply_theme(qapp, "light")
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 200


def test_following_the_system_colour_scheme(qapp, monkeypatch):
    from botkyrka_nämnd.ui import app as uiapp

    hints = qapp.styleHints()
    monkeypatch.setattr(type(hints), "colorScheme", lambda self: Qt.ColorScheme.Dark)
    try:
        uiapp.apply_theme(qapp, "system")
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
    finally:
        monkeypatch.undo()
        uiapp.apply_theme(qapp, "light")


# ------------------------------------------------------------------------------------------ accessibility
def test_every_control_has_an_accessible_name(window, ctx):
    window.open_item(ctx.repo.items(window.current_meeting)[1]["id"])
    missing = []
    controls = [
        w
        for t in (QAbstractButton, QLineEdit, QAbstractItemView, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox)
        for w in window.findChildren(t)
    ]
    for w in controls:
        if not w.isVisibleTo(window) or w.objectName().startswith("qt_"):
            continue  # hidden, or Qt's own helpers (toolbar extension, clear buttons)
        if isinstance(w.parent(), (QLineEdit, QComboBox, QAbstractSpinBox)):
            continue
        name = w.accessibleName() or (w.text() if isinstance(w, QAbstractButton) else "")
        buddy = any(isinstance(lb, QLabel) and lb.buddy() is w for lb in window.findChildren(QLabel))
        if not (name or buddy):
            missing.append(f"{type(w).__name__}:{w.objectName()}")
    assert missing == []


def test_keyboard_shortcuts_cover_the_main_actions(window):
    for a in (
        window.act_search,
        window.act_import,
        window.act_meeting_mode,
        window.act_lock,
        window.act_unlock,
        window.act_next_item,
        window.act_prev_item,
        window.act_back,
        window.act_continue,
        window.act_bigger,
    ):
        assert a.shortcuts(), a.text()
    keys = [s.toString() for a in window.actions() for s in a.shortcuts()]
    assert "Ctrl+K" in keys and "Ctrl+F" in keys and "Ctrl+L" in keys
    assert len(keys) == len(set(keys)), "a shortcut is bound twice"


def test_tab_reaches_the_main_views(qtbot, window):
    window.activateWindow()
    window.search_field.setFocus()
    seen = set()
    for _ in range(40):
        window.focusNextChild()
        seen.add(type(window.focusWidget()).__name__ if window.focusWidget() else None)
        if window.focusWidget() is window.agenda_view:
            break
    assert window.focusWidget() is window.agenda_view or "QTreeView" in seen


def test_rendering_offscreen_is_not_blank(qtbot, window, ctx):
    window.open_item(ctx.repo.items(window.current_meeting)[1]["id"])
    img = window.grab().toImage()
    assert img.width() > 500
    colors = {img.pixel(x, y) for x in range(0, img.width(), 17) for y in range(0, img.height(), 17)}
    assert len(colors) > 10


def test_background_store_check_reports_damage(qapp, qtbot, data_dir, tmp_path, clock, messages):
    """The desktop start opens the store without the blocking quick_check and verifies it on a background
    thread; a damaged file is reported in plain words and left untouched."""
    import hashlib

    from botkyrka_nämnd.services.context import AppContext
    from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore
    from tests.ui.conftest import close_client, make_client

    seed = AppContext(data_dir)
    with seed.store.transaction():
        for i in range(300):
            seed.store.db["setting"].insert({"key": f"k{i}", "value": "x" * 200})
    root = seed.store.conn.execute("SELECT rootpage FROM sqlite_master WHERE name='setting'").fetchone()[0]
    page = seed.store.conn.execute("PRAGMA page_size").fetchone()[0]
    seed.close()
    path = data_dir / "store.db"
    raw = bytearray(path.read_bytes())
    raw[(root - 1) * page : (root - 1) * page + 8] = b"\x00" * 8
    path.write_bytes(bytes(raw))
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    ctx = AppContext(data_dir, keystore=MemoryKeyStore(), kdf=KdfParams.fast(), check_store=False)
    c = make_client(qapp, ctx, tmp_path, clock)
    try:
        qtbot.waitUntil(lambda: any("skadad" in text for _title, text in messages), timeout=10_000)
        qtbot.waitUntil(lambda: not c.window.isVisible())  # it stops instead of working on a damaged store
    finally:
        close_client(c, qtbot)
        ctx.close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_smoke_test_of_a_file_opens_that_files_meeting(seeds_dir, tmp_path):
    """``botkyrka-namnd --smoke-test FILE.pdf`` (the .desktop file's Exec line with %F): the file is imported
    into a fresh data folder (no example data) and the smoke line is about ITS meeting."""
    from botkyrka_nämnd.importing.pdfbuild import build_pdf

    pdf = tmp_path / "Kallelse socialnämnden.pdf"
    build_pdf((seeds_dir / "000_3a75fed938480f1a.txt").read_text(encoding="utf-8"), pdf)
    out = _cli(["--data-dir", str(tmp_path / "fresh"), "--smoke-test", str(pdf)], tmp_path / "unused", timeout=180)
    assert out.returncode == 0, out.stderr
    line = out.stdout.strip()
    assert SMOKE.match(line) and line.startswith("smoke ok: botkyrka-sn-2024-09-24 "), line


def test_smoke_test_of_a_file_that_is_no_notice_fails_fast(tmp_path):
    bad = tmp_path / "inte en kallelse.pdf"
    bad.write_bytes(b"this is not a PDF" * 50)
    out = _cli(["--data-dir", str(tmp_path / "fresh"), "--smoke-test", str(bad)], tmp_path / "unused", timeout=120)
    assert out.returncode == 1 and out.stdout.strip() == ""
    assert "smoke failed: the file given could not be imported" in out.stderr and "Traceback" not in out.stderr
