"""Import from the client: in a worker process, with progress and cancel, errors per file in plain Swedish,
by menu and by drag-and-drop; the first start imports the demo data; the UI thread never stalls."""

from __future__ import annotations

import datetime as _dt
import os

import pytest
from PySide6.QtCore import QElapsedTimer, QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from botkyrka_nämnd.demo import generate_meeting
from botkyrka_nämnd.importing.pdfbuild import build_pdf
from botkyrka_nämnd.ui.dialogs.import_result import ImportResultDialog, summary_lines

from .conftest import close_client, make_client

SEED_002 = "002_7cc99368761cbc3a.txt"


def _kallelse(tmp_path, day: _dt.date, *, pdf: bool = True):
    m = generate_meeting("Socialnämnden", "SN", day, seed=11, n_items=5)
    if pdf:
        path = tmp_path / f"kallelse-{day.isoformat()}.pdf"
        build_pdf(m.text, path, header=m.header)
    else:
        path = tmp_path / f"kallelse-{day.isoformat()}.txt"
        path.write_text(m.text, encoding="utf-8")
    return path


def _run(qtbot, window, paths, timeout=120_000):
    progress = []
    job = window.start_import([str(p) for p in paths])
    assert job is not None and job.mode == "process"
    job.progress.connect(lambda msg, frac: progress.append(frac))
    with qtbot.waitSignal(window.import_finished, timeout=timeout) as blocker:
        pass
    return blocker.args[0], progress


def test_import_in_a_worker_process_with_progress(qtbot, window, tmp_path, ctx):
    path = _kallelse(tmp_path, _dt.date(2025, 3, 4))
    assert window.import_progress.isHidden()
    report, progress = _run(qtbot, window, [path])
    assert [o.meeting_id for o in report.imported] == ["botkyrka-sn-2025-03-04"]
    assert report.imported[0].status == "imported" and not report.failed
    assert progress and max(progress) > 0.5 and all(0.0 <= f <= 1.0 for f in progress)
    assert window.import_progress.isHidden()
    assert "botkyrka-sn-2025-03-04" in window.meetings_model.meeting_ids()
    assert ctx.repo.meeting("botkyrka-sn-2025-03-04") is not None  # the UI's own connection sees the child's commit
    assert "1 kallelse importerades." in window.statusBar().currentMessage()


def test_errors_per_file_in_plain_swedish(qtbot, window, tmp_path):
    good = _kallelse(tmp_path, _dt.date(2025, 4, 1), pdf=False)
    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(b"%PDF-1.4\n this is not a pdf at all")
    prose = tmp_path / "anteckning.txt"
    prose.write_text("Hej! Det här är ingen kallelse, bara en inköpslista: mjölk, bröd.", encoding="utf-8")
    report, _ = _run(qtbot, window, [good, broken, prose])
    assert [o.meeting_id for o in report.imported] == ["botkyrka-sn-2025-04-01"]
    assert sorted(os.path.basename(f.path) for f in report.failed) == ["anteckning.txt", "trasig.pdf"]
    for f in report.failed:
        assert f.sv and f.en and f.sv != f.en and "Traceback" not in f.sv
    lines = summary_lines(report, "sv")
    assert lines[0] == (True, "kallelse-2025-04-01.txt: sammanträde botkyrka-sn-2025-04-01, importerad")
    assert [ok for ok, _ in lines].count(False) == 2
    assert any(t.startswith("trasig.pdf: ") for ok, t in lines if not ok)
    dlg = ImportResultDialog(report, window)
    try:
        texts = [dlg.list.item(i).text() for i in range(dlg.list.count())]
        assert texts == [t for _, t in lines]
        assert dlg.windowTitle() == "Importen är klar"
    finally:
        dlg.deleteLater()


def test_cancel(qtbot, window, tmp_path, ctx):
    path = _kallelse(tmp_path, _dt.date(2025, 5, 6))
    job = window.start_import([str(path)])
    window.import_progress.cancel.click()  # before the worker has begun: nothing is stored
    with qtbot.waitSignal(window.import_finished, timeout=120_000) as blocker:
        pass
    report = blocker.args[0]
    assert report.cancelled and job.report is report
    assert ctx.repo.meeting("botkyrka-sn-2025-05-06") is None
    assert "avbröts" in window.statusBar().currentMessage()


def test_one_import_at_a_time(qtbot, window, tmp_path):
    path = _kallelse(tmp_path, _dt.date(2025, 6, 3), pdf=False)
    first = window.start_import([str(path)])
    assert window.start_import([str(path)]) is None
    assert "pågår redan" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: first.report is not None, timeout=120_000)


def _drop(window, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    return enter, drop


def test_drag_and_drop(qtbot, window, tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(window, "start_import", lambda paths, **kw: started.append(paths))
    pdf = _kallelse(tmp_path, _dt.date(2025, 9, 9))
    other = tmp_path / "bild.png"
    other.write_bytes(b"\x89PNG")
    enter, drop = _drop(window, [pdf, other])
    assert enter.isAccepted() and drop.isAccepted()
    assert started == [[str(pdf)]]  # only PDF and text files
    enter, _ = _drop(window, [other])
    assert not enter.isAccepted() and len(started) == 1


def test_dropped_file_is_imported(qtbot, window, tmp_path):
    pdf = _kallelse(tmp_path, _dt.date(2025, 10, 7))
    with qtbot.waitSignal(window.import_finished, timeout=120_000) as blocker:
        _drop(window, [pdf])
    assert [o.meeting_id for o in blocker.args[0].imported] == ["botkyrka-sn-2025-10-07"]


@pytest.mark.slow
def test_first_start_imports_the_demo(qapp, qtbot, empty_ctx, tmp_path, clock, messages):
    from botkyrka_nämnd.services.demo import store_is_empty

    assert store_is_empty(empty_ctx)
    c = make_client(qapp, empty_ctx, tmp_path, clock, show=False)
    try:
        w = c.window
        c.start(show=True, demo_if_empty=True)
        assert w.import_job is not None and w.import_job.demo
        assert "exempeldata" in w.welcome.label.text()
        with qtbot.waitSignal(w.import_finished, timeout=300_000):
            pass
        assert len(w.meetings_model.meeting_ids()) >= 4
        assert w.current_meeting == w.meetings_model.first_meeting().data(Qt.ItemDataRole.UserRole + 1)
        assert w.agenda_model.rowCount() > 0
    finally:
        close_client(c, qtbot)


@pytest.mark.slow
@pytest.mark.seeds
def test_ui_thread_never_stalls_during_an_import(qtbot, window, seeds_dir, ctx):
    """Heartbeat: a 10 ms timer on the UI thread; no gap over 50 ms while the largest seed is imported
    (DESIGN.md §8). bench/heartbeat_import.py prints the figures for thread vs process."""
    gaps: list[float] = []
    clock = QElapsedTimer()
    last = [0.0]

    def tick():
        now = clock.nsecsElapsed() / 1e6
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    try:
        job = window.start_import([str(seeds_dir / SEED_002)])
        with qtbot.waitSignal(window.import_finished, timeout=180_000) as blocker:
            pass
    finally:
        timer.stop()
    report = blocker.args[0]
    assert [o.meeting_id for o in report.imported] == ["botkyrka-sn-2018-08-28"] and job.mode == "process"
    gaps = gaps[1:]
    assert len(gaps) > 50  # the import took a while and the timer kept ticking
    assert max(gaps) < 50, f"UI thread stalled {max(gaps):.1f} ms"


def test_import_review_asks_for_the_missing_date_and_stores_nothing_before(qtbot, window, tmp_path, ctx):
    """A kallelse whose copy lost its date: the review shows what was recognised; nothing is stored until
    the member fills in the date and imports again."""
    from botkyrka_nämnd.ui.dialogs.import_review import ImportReviewDialog

    path = tmp_path / "kallelse-utan-datum.txt"
    path.write_text(
        "\n".join(
            [
                "Botkyrka kommun",
                "KALLELSE",
                "Kultur- och fritidsnämnden",
                "Tid , Kl 19:00",
                "Plats Kommunhuset",
                "",
                "Ärenden",
                "1 Delårsrapport 2",
                "2 Budget 2021",
                "3 Anmälningsärenden",
            ]
        ),
        encoding="utf-8",
    )
    before = {m["id"] for m in ctx.repo.meetings()}
    report, _ = _run(qtbot, window, [path])
    assert [f.code for f in report.failed] == ["missing_fields"] and report.failed[0].fields == ["date"]
    dlg = window.review_dialog
    assert isinstance(dlg, ImportReviewDialog)
    assert dlg.edits["body"].text() == "Kultur- och fritidsnämnden" and dlg.edits["kommun"].text() == "Botkyrka kommun"
    assert dlg.edits["date"].text() == "" and dlg.edits["date"].property("missing")
    assert (
        not dlg.import_button.isEnabled() and "date" in dlg.problem.text().lower()
    ) or "datum" in dlg.problem.text().lower()
    assert {m["id"] for m in ctx.repo.meetings()} == before  # nothing stored yet
    dlg.edits["date"].setText("2020-09-31")  # no such day
    assert not dlg.import_button.isEnabled()
    dlg.edits["date"].setText("2020-09-14")
    assert dlg.import_button.isEnabled() and dlg.hints() == {
        "body": "Kultur- och fritidsnämnden",
        "kommun": "Botkyrka",
        "date": "2020-09-14",
    }
    with qtbot.waitSignal(window.import_finished, timeout=120_000) as blocker:
        dlg.import_button.click()
    assert [o.meeting_id for o in blocker.args[0].imported] == ["botkyrka-kfn-2020-09-14"]
    assert ctx.repo.meeting("botkyrka-kfn-2020-09-14")["time"] == "19:00"
    assert window.review_dialog is None
