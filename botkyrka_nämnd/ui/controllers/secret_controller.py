"""The sekretess lock's UI: unlocking (and creating the vault), what every view does when the vault locks
or opens, the lock/unlock actions and the status label, and making a part locked on suspicion public (or
locking it again)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from .. import i18n
from ..dialogs.messages import confirm, inform, show_user_error
from ..item_data import vault_exists


def note_secrets(lock: Any, parts: list[dict], notes: dict | None = None) -> None:
    """Tell the lock controller what secret text is shown (parts, and the member's notes on them), so
    that the clipboard is cleared on lock if it holds any of it."""
    for p in parts:
        if "text" in p:
            lock.note_secret_shown(p["text"])
    for text in (notes or {}).values():
        lock.note_secret_shown(text)


class SecretController(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.w = window
        self.ctx, self.lock = window.ctx, window.lock
        self.unlock_dialog: Any = None

    def wire(self) -> None:
        w = self.w
        for view in (w.item_page, w.meeting_mode):
            view.unlock_requested.connect(self.request_unlock)
            view.lock_requested.connect(lambda: self.lock.lock("manual"))
        w.item_page.publish_requested.connect(self.publish_part)
        w.item_page.relock_requested.connect(self.relock_part)
        self.lock.locked.connect(self.on_locked)
        self.lock.unlocked.connect(self.on_unlocked)

    # ============================================================================== parts
    def publish_part(self, uid: str) -> None:
        """The member judged a part locked on suspicion not secret: ask, then make it public."""
        if not confirm(
            self.w,
            self.tr("Make public?"),
            self.tr(
                "This part was locked because the program could not tell whether it is secret. "
                "If you make it public, its text is shown without the passphrase, found by search and "
                "stored unencrypted on this computer.\n\nDo this only if you are sure that it is not "
                "covered by secrecy. You can lock it again later."
            ),
            self.tr("Make public"),
        ):
            return
        try:
            self.ctx.publish_secret_part(uid)
        except Exception as exc:
            show_user_error(self.w, exc)
            return
        self.refresh_secret_views()
        self.w.search_page.schedule()
        self.w.statusBar().showMessage(self.tr("The part is public now."), 6000)

    def relock_part(self, uid: str) -> None:
        try:
            self.ctx.relock_secret_part(uid)
        except Exception as exc:
            show_user_error(self.w, exc)
            return
        self.refresh_secret_views()
        self.w.search_page.schedule()
        self.w.statusBar().showMessage(self.tr("The part is locked again."), 6000)

    # ============================================================================== unlock
    def request_unlock(self) -> None:
        from ..dialogs.vault import UnlockDialog, VaultSetupDialog

        if self.lock.is_unlocked:
            return
        if self.unlock_dialog is not None and self.unlock_dialog.isVisible():
            self.unlock_dialog.raise_()
            self.unlock_dialog.activateWindow()
            return
        creating = not vault_exists(self.ctx)
        dlg = (VaultSetupDialog if creating else UnlockDialog)(self.ctx, self.w.runner, self.w)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._unlock_accepted(creating))
        dlg.destroyed.connect(lambda *_: setattr(self, "unlock_dialog", None))
        self.unlock_dialog = dlg
        dlg.open()

    def _unlock_accepted(self, created: bool) -> None:
        if not self.lock.is_unlocked:
            return
        self.lock.mark_unlocked()
        if created:
            self._after_vault_created()

    def _after_vault_created(self) -> None:
        """A new vault: the files whose secret parts arrived before it existed are read again (in the
        background, as any import) and the ones that are gone are listed plainly; the demo data is re-created
        from its remembered date and imported again at once."""
        from ...services.demo import has_demo
        from ...services.pending_secrets import message, pending

        todo = pending(self.ctx)
        demo = has_demo(self.ctx)
        if demo:
            self.w.import_ctl.start_demo_import(quiet=True)
        if todo.found:
            self.w.import_ctl.queue_import(todo.found)  # after the demo's import, if that runs
        sv, en = message(todo)
        if sv or not demo:
            more = en if i18n.current() == "en" else sv
            text = self.tr("The secret vault is ready.") + (f"\n\n{more}" if more else "")
            inform(self.w, self.tr("Vault created"), text)

    def on_unlocked(self) -> None:
        self.update_lock_ui()
        self.w.update_title()
        self.refresh_secret_views()
        self.w.search_page.schedule()

    def refresh_secret_views(self) -> None:
        w = self.w
        w.notes_ctl.refresh_summary()
        if w.reader.currentWidget() is w.overview_page:
            w.notes_ctl.reload_overview()
        item_id = w.nav.current_item
        if item_id is None:
            return
        try:
            parts = self.ctx.secret_parts(item_id)
        except Exception as exc:
            show_user_error(w, exc)
            return
        a = self.ctx.annotations
        notes = {
            p["uid"]: (a.item_note(item_id, secret_part_uid=p["uid"]) or {}).get("body") or ""
            for p in parts
            if "text" in p
        }
        note_secrets(self.lock, parts, notes)
        view = w.meeting_mode if w.nav.in_meeting_mode else w.item_page
        view.set_secret_parts(parts)
        view.notes.set_secret_parts(parts, notes)
        view.set_annotations(a.annotations_for_item(item_id))

    # ============================================================================== lock
    def on_locked(self, reason: str) -> None:
        """Every view drops secret content now (called synchronously by the lock controller). The drafts
        were saved just before the vault locked (``NotesController.before_lock``)."""
        w = self.w
        w.notes_ctl.flush(secret=False)
        w.notes_ctl.forget_secrets()
        w.item_page.forget_secrets()
        w.meeting_mode.forget_secrets()
        for view in (w.item_page, w.meeting_mode):  # the vault's labels ("Lex Sarah-rapporter (4)") go too:
            if view.data is not None:  # back to the store's placeholders, as an item opened while locked shows
                view.set_secret_parts(self.ctx.meetings.placeholders(view.data.item["id"]))
        w.search_page.forget_secrets()
        if not w.search_page.query and w.search_field.text():
            w.search_field.blockSignals(True)
            w.search_field.clear()
            w.search_field.blockSignals(False)
        self.update_lock_ui()
        w.update_title()
        if reason in ("idle", "suspend", "screen"):
            w.statusBar().showMessage(self.tr("Secret content was locked automatically."), 8000)

    def update_lock_ui(self) -> None:
        w = self.w
        unlocked = self.lock.is_unlocked
        w.act_lock.setEnabled(unlocked)
        w.act_lock.setVisible(unlocked)
        w.act_unlock.setEnabled(not unlocked)
        w.act_unlock.setVisible(not unlocked)
        if unlocked:
            w.vault_label.setText(self.tr("Secret content: open"))
        elif vault_exists(self.ctx):
            w.vault_label.setText(self.tr("Secret content: locked"))
        else:
            w.vault_label.setText(self.tr("Secret content: no vault yet"))
