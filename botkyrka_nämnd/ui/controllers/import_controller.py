"""Importing notices: the file dialog and dropped files, the import job (one at a time, later files
queued), its progress, the results, and the review of files that miss a date, nämnd or kommun."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QObject, Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from ..dialogs.messages import show_user_error, warn
from ..workers import ImportJob

IMPORTABLE = (".pdf", ".txt")


def importable(mime: QMimeData) -> list[str]:
    """The local PDF and text files of a drag."""
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile().lower().endswith(IMPORTABLE)]


class ImportController(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.w = window
        self.ctx = window.ctx
        self.import_job: ImportJob | None = None
        self.pending_reviews: list = []  # files to place in the import review (missing date, nämnd or kommun)
        self._queued_imports: list[str] = []  # files to import once the running import is done
        self.review_dialog: Any = None

    def wire(self) -> None:
        self.w.import_progress.cancel_requested.connect(self.cancel_import)

    @property
    def running(self) -> bool:
        return self.import_job is not None and self.import_job.running

    def choose_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self.w, self.tr("Import notices"), str(Path.home()), self.tr("Notices (*.pdf *.txt);;All files (*)")
        )
        if files:
            self.start_import(files)

    def start_import(self, paths: list[str], *, mode: str | None = None, hints: dict | None = None) -> ImportJob | None:
        if self.running:
            self.w.statusBar().showMessage(self.tr("An import is already running."), 5000)
            return None
        job = ImportJob(str(self.ctx.data_dir), paths, mode=mode or "process", hints=hints, parent=self.w)
        self._start_job(job, self.tr("Importing %n file(s)…", "", len(paths)))
        return job

    def queue_import(self, paths: list[str]) -> None:
        """Import ``paths`` now, or right after the running import (files handed over by a second start or
        dropped during an import are never lost)."""
        if self.running:
            self._queued_imports.extend(p for p in paths if p not in self._queued_imports)
            self.w.statusBar().showMessage(
                self.tr("%n file(s) will be imported after the current import.", "", len(self._queued_imports)), 5000
            )
            return
        self.start_import(list(paths))

    def start_demo_import(self, *, quiet: bool = False) -> ImportJob | None:
        if self.running:
            return None
        job = ImportJob(str(self.ctx.data_dir), demo=True, parent=self.w)
        job.setProperty("quiet", quiet)
        self._start_job(job, self.tr("Preparing example data…"))
        if not self.w.meetings_model.meeting_ids():
            self.w.welcome.set_text(self.tr("Preparing example data so there is something to read…"))
        return job

    def _start_job(self, job: ImportJob, text: str) -> None:
        progress = self.w.import_progress
        self.import_job = job
        job.progress.connect(lambda msg, frac: progress.update_progress(f"{text} {round(frac * 100)} %", frac))
        job.finished.connect(self._import_done)
        progress.start(text)
        job.start()

    def cancel_import(self) -> None:
        if self.import_job is not None:
            self.import_job.cancel()

    def kill(self) -> None:
        """Quitting: a running import holds the store's write lock."""
        if self.import_job is not None and self.import_job.running:
            self.import_job.kill()

    def _import_done(self, report: Any) -> None:
        w = self.w
        job = self.import_job
        w.import_progress.finish()
        quiet = bool(job.property("quiet")) if job is not None else False
        self.import_job = None
        if report.error is not None and not report.cancelled:
            if report.error.code == "bug":
                warn(
                    w,
                    self.tr("Import failed"),
                    self.tr(
                        "The import stopped because of an unexpected error. Nothing from the unfinished file was saved. "
                        "Details are in the log."
                    ),
                )
            else:
                show_user_error(w, report.error, self.tr("Import failed"))
        elif report.cancelled:
            w.statusBar().showMessage(self.tr("Import cancelled; nothing from the unfinished file was saved."), 8000)
        self.refresh_after_import()
        reviews = [f for f in report.failed if f.code == "missing_fields"]
        others = [f for f in report.failed if f.code != "missing_fields"]
        if others and not quiet:
            from ..dialogs.import_result import ImportResultDialog

            if not w.suppress_dialogs:
                shown = type(report)(imported=report.imported, failed=others)
                dlg = ImportResultDialog(shown, w)
                dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                dlg.open()
        if self._queued_imports:
            queued, self._queued_imports = self._queued_imports, []
            self.start_import(queued)
        if reviews and not quiet:
            self.pending_reviews.extend(reviews)
            self._next_review()
        elif report.imported and not quiet and job is not None and not job.demo:
            n = len(report.imported)
            w.statusBar().showMessage(self.tr("%n notice(s) imported.", "", n), 8000)
        w.import_finished.emit(report)

    def refresh_after_import(self) -> None:
        """New or changed meetings in the store (an import or a sync): secret parts sealed meanwhile go into
        the unlocked vault, and the list, the agenda, the open item and the overview are read again."""
        w, nav = self.w, self.w.nav
        if w.lock.is_unlocked:
            ctx = self.ctx
            w.runner.run(ctx.absorb_sealed, lambda _n: w.secret_ctl.refresh_secret_views())
        nav.reload_meetings(select=nav.current_meeting)
        if nav.current_meeting is not None and w.meetings_model.index_of(nav.current_meeting).isValid():
            nav.load_agenda(nav.current_meeting)  # a re-issue may change items, marks and highlights to review
        if nav.current_meeting is None:
            first = w.meetings_model.first_meeting()
            if first.isValid():
                w.meetings_view.setCurrentIndex(first)
        elif nav.current_item is not None:
            nav.open_item(nav.current_item, record=False)
        if w.reader.currentWidget() is w.overview_page:
            w.notes_ctl.reload_overview()
        w.search_page.schedule()

    def _next_review(self) -> None:
        """The import review, one file at a time: what was recognised, the fields to fill in."""
        if self.review_dialog is not None or not self.pending_reviews or self.running:
            return
        from ..dialogs.import_review import ImportReviewDialog

        failed = self.pending_reviews.pop(0)
        dlg = ImportReviewDialog(failed, self.w)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.review_dialog = dlg

        def done(result: int) -> None:
            self.review_dialog = None
            if result == QDialog.DialogCode.Accepted:
                job = self.start_import([failed.path], hints=dlg.hints())
                if job is not None:
                    job.finished.connect(lambda _r: self._next_review())
                    return
            self._next_review()

        dlg.finished.connect(done)
        if not self.w.suppress_dialogs:
            dlg.open()
