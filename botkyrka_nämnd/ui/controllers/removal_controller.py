"""Removing a meeting, or the demo's example meetings, from this computer (issue 12).

Always asked first; a meeting with the member's notes is removed only after they chose where the export of
those notes goes and it was written (``services.removal``); a meeting with secret parts in a locked vault
asks for an unlock first. The work runs on the annotation writer, after every pending note save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from ...errors import UserError
from ...services import removal
from ..dialogs.messages import confirm, inform, show_user_error


class RemovalController(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.w = window
        self.ctx = window.ctx

    # ------------------------------------------------------------------------------------- one meeting
    def remove_current_meeting(self) -> None:
        w = self.w
        mid = w.nav.current_meeting
        if mid is None:
            w.statusBar().showMessage(self.tr("Choose a meeting first."), 4000)
            return
        try:
            plan = removal.plan(self.ctx, mid)
        except UserError as exc:
            show_user_error(w, exc)
            return
        label = w.nav.current_meeting_label or mid
        if plan.needs_unlock:
            inform(
                w,
                self.tr("Unlock first"),
                self.tr(
                    "%1 has secret parts in the locked vault. Unlock the vault first, so they are removed "
                    "together with the meeting."
                ).replace("%1", label),
            )
            return
        text = self.tr("Remove %1 from this computer? Its %n item(s) and documents are removed.", "", plan.items)
        text = text.replace("%1", label)
        if plan.member_work:
            text += "\n\n" + self.tr(
                "You have %n note(s), highlight(s) or position(s) on it: they are saved first in an export "
                "file you choose.",
                "",
                plan.member_work,
            )
        if plan.secret_parts:
            text += "\n\n" + self.tr("Its secret parts, and your notes on them, are removed from the vault.")
        if not plan.example:
            text += "\n\n" + self.tr("You can import the notice again later.")
        if not confirm(w, self.tr("Remove meeting"), text, self.tr("&Remove")):
            return
        export = None
        if plan.member_work:
            name = self.tr("My notes %1").replace("%1", plan.meeting_id)
            path, _chosen = QFileDialog.getSaveFileName(
                w, self.tr("Save my notes before removing"), str(Path.home() / f"{name}.pdf"),
                self.tr("PDF (*.pdf);;Markdown (*.md)"),
            )  # fmt: skip
            if not path:
                return
            export = Path(path if path.lower().endswith((".pdf", ".md")) else path + ".pdf")
        ctx = self.ctx
        self._run(lambda: [removal.remove_meeting(ctx, plan.meeting_id, notes_export=export)], export)

    # ------------------------------------------------------------------------------------- the examples
    def remove_examples(self) -> None:
        w = self.w
        try:
            plans = removal.plan_examples(self.ctx)
        except UserError as exc:
            show_user_error(w, exc)
            return
        if not plans:
            w.statusBar().showMessage(self.tr("There are no example meetings."), 4000)
            return
        if any(p.needs_unlock for p in plans):
            inform(w, self.tr("Unlock first"), self.tr("The example meetings have secret parts in the locked vault. "
                                                        "Unlock the vault first, so they are removed too."))  # fmt: skip
            return
        work = sum(p.member_work for p in plans)
        text = self.tr("Remove the %n example meeting(s)? They are invented, to try the program.", "", len(plans))
        if work:
            text += "\n\n" + self.tr(
                "You have %n note(s), highlight(s) or position(s) on them: they are saved first, one PDF per "
                "meeting, in a folder you choose.",
                "",
                work,
            )
        if not confirm(w, self.tr("Remove the examples"), text, self.tr("&Remove")):
            return
        folder = None
        if work:
            chosen = QFileDialog.getExistingDirectory(w, self.tr("Folder for my notes"), str(Path.home()))
            if not chosen:
                return
            folder = Path(chosen)
        ctx = self.ctx
        self._run(lambda: removal.remove_examples(ctx, notes_folder=folder), folder)

    # ------------------------------------------------------------------------------------- shared
    def _run(self, fn, export: Path | None) -> None:
        """On the writer (after the pending note saves; the main context holds the vault), then refresh."""
        w = self.w
        notes = w.notes_ctl
        notes.flush()
        w.statusBar().showMessage(self.tr("Removing…"))

        def done(removed: list[str]) -> None:
            self._after(removed, export)

        def failed(exc: BaseException) -> None:
            w.statusBar().clearMessage()
            if isinstance(exc, UserError):
                show_user_error(w, exc, self.tr("The meeting was not removed"))
            w.nav.reload_meetings()

        notes.writer.submit(None, lambda _wctx: fn(), done, failed)

    def _after(self, removed: list[str], export: Path | None) -> None:
        w = self.w
        nav = w.nav
        if nav.current_meeting in removed:
            nav.current_meeting = None
            nav.current_item = None
            w.agenda_model.load("", [], {}, {})
            nav.show_page(w.welcome)
        w.search_page.schedule()  # hits of a removed meeting go
        nav.reload_meetings()
        first = w.meetings_model.first_meeting()
        if nav.current_meeting is None and first.isValid():
            w.meetings_view.setCurrentIndex(first)
        if export is not None:
            msg = self.tr("Removed. Your notes were saved in %1.").replace("%1", str(export))
        else:
            msg = self.tr("Removed %n meeting(s).", "", len(removed))
        w.statusBar().showMessage(msg, 15000)
        w.update_title()
