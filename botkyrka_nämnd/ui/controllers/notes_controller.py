"""The UI controller for the member's annotations (issue 6): it turns the views' requests (autosave of
notes, tags, planned position, highlights, review actions, export) into calls of
``AnnotationService`` / ``export_notes`` on the :class:`~botkyrka_nämnd.ui.workers.AnnotationWriter`,
and refreshes the views (agenda marks, painted highlights, the overview) after each commit.

Ordering and durability:

- every write goes through the writer, in order, on its own store connection; the UI thread never waits
  for SQLite's write lock (reads stay on the UI thread);
- a note's text that was handed to the writer but is not committed yet is remembered (``pending``) and
  laid over what the store returns when an item is opened again, so switching views never shows, and
  then overwrites with, an older text;
- lock: :meth:`before_lock` runs before the vault closes: public drafts go to the writer, the drafts of
  secret parts' notes are saved into the vault synchronously (queued secret saves are replaced by that);
- quit and unexpected errors flush every draft as well.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFileDialog

from ... import log
from ...errors import UserError
from ..dialogs.messages import confirm, show_user_error, user_text
from ..item_data import meeting_label
from ..models.notes_overview import Group
from ..views.reader import ReaderBrowser
from ..workers import AnnotationWriter, StoreBusy

_log = log.get("ui")


def _is_secret_key(key) -> bool:
    return isinstance(key, tuple) and bool(key) and key[0] == "secret"


class NotesController(QObject):
    committed = Signal(int)  # item id whose annotations were written
    exported = Signal(str)  # path written

    def __init__(self, window, navigation):
        """``window``: the views (and the status bar); ``navigation``: where the member is, and the way to
        show a page or open an item (:class:`~.controllers.navigation.NavigationController`)."""
        super().__init__(window)
        self.w = window
        self.nav = navigation
        self.ctx = window.ctx
        self.writer = AnnotationWriter(self.ctx.data_dir, self)
        self.pending: dict = {}  # key -> value handed to the writer and not committed yet
        self.pending_positions: dict[int, str | None] = {}
        self.dialog = None  # the open comment / passage dialog (tests look at it)
        self._overview_timer = QTimer(self)
        self._overview_timer.setSingleShot(True)
        self._overview_timer.setInterval(150)
        self._overview_timer.timeout.connect(self.reload_overview)
        self._overview_stale = True

        for editor in self.editors:
            editor.save_requested.connect(self.save_text)
            editor.position_changed.connect(self.save_position)
        for browser in self.browsers:
            browser.mark_requested.connect(lambda anchor, comment: self.mark(anchor, comment))
            browser.remove_highlight_requested.connect(self.delete)
            browser.edit_highlight_requested.connect(self.edit_comment)
        window.document_page.mark_page_requested.connect(self.mark_on_page)
        ov = window.overview_page
        ov.open_annotation.connect(self.open_annotation)
        ov.open_item.connect(lambda item_id: navigation.open_item(item_id))
        ov.place_requested.connect(self.place)
        ov.dismiss_requested.connect(self.dismiss)
        ov.accept_requested.connect(self.accept)
        ov.delete_requested.connect(self.delete)
        ov.export_requested.connect(self.choose_export)
        ov.filter_changed.connect(self.reload_overview)
        window.lock.about_to_lock.connect(self.before_lock)

    @property
    def editors(self):
        return (self.w.item_page.notes, self.w.meeting_mode.notes)

    @property
    def browsers(self) -> tuple[ReaderBrowser, ...]:
        return (self.w.item_page.browser, self.w.meeting_mode.browser, self.w.document_page.text)

    @property
    def annotations(self):
        return self.ctx.annotations

    # ============================================================================== note texts
    def save_text(self, key, text: str, tags) -> None:
        value = (text, tuple(tags) if tags is not None else None)
        if _is_secret_key(key):
            _kind, item_id, uid = key
            self.w.lock.note_secret_shown(text)  # copied from the editor, it is cleared off the clipboard on lock
            main = self.ctx

            def work(_wctx):  # the vault is the main context's (the writer's context has none)
                return main.annotations.save_note(item_id, text, secret_part_uid=uid)
        else:
            _kind, item_id = key

            def work(wctx):
                return wctx.annotations.save_note(item_id, text, tags=list(tags) if tags is not None else None)

        self.pending[key] = value
        self.writer.submit(
            key, work, lambda _r: self._text_saved(key, value, item_id), lambda exc: self._text_failed(key, value, exc)
        )

    def _text_saved(self, key, value, item_id: int) -> None:
        if self.pending.get(key) == value:
            del self.pending[key]
        for e in self.editors:
            e.mark_saved(key, value)
        self._after_commit(item_id, tags_changed=True)

    def _text_failed(self, key, value, exc: BaseException) -> None:
        known = isinstance(exc, UserError)
        message = user_text(exc) if known else self.tr("Not saved: an unexpected error occurred.")
        for e in self.editors:
            e.mark_failed(key, value, message, retry=isinstance(exc, StoreBusy), again=known)

    def overlay(self, data) -> None:
        """Lay texts and positions still on their way to the store over freshly loaded ``ItemData``."""
        item_id = data.item["id"]
        v = self.pending.get(("note", item_id))
        if v is not None:
            data.note, data.note_tags = v[0], list(v[1] or [])
        for uid in list(data.secret_notes):
            sv = self.pending.get(("secret", item_id, uid))
            if sv is not None:
                data.secret_notes[uid] = sv[0]
        if item_id in self.pending_positions:
            data.position = self.pending_positions[item_id]

    def flush(self, *, secret: bool = True) -> None:
        for e in self.editors:
            e.flush(secret=secret)

    # ============================================================================== position
    def save_position(self, item_id: int, position) -> None:
        self.pending_positions[item_id] = position
        key = ("position", item_id)

        def done(_r):
            if self.pending_positions.get(item_id, object()) == position:
                del self.pending_positions[item_id]
            for e in self.editors:
                e.mark_position_saved(item_id)
            self._after_commit(item_id)

        def failed(exc):
            self.pending_positions.pop(item_id, None)
            for e in self.editors:
                if e.item_id == item_id:
                    e.status.setText(user_text(exc) if isinstance(exc, UserError) else "")
                    e._set_position(self.annotations.position(item_id))

        self.writer.submit(key, lambda wctx: wctx.annotations.set_position(item_id, position), done, failed)

    # ============================================================================== lock, quit
    def before_lock(self, _reason: str = "") -> None:
        """The vault is about to lock: public drafts go to the writer; the notes on secret parts are written
        into the vault now, on this thread: the ones being typed and the ones still queued (also of an item
        no longer shown), each with its newest text."""
        self.flush(secret=False)
        if self.ctx.vault_if_open is None:
            return
        self.writer.cancel(_is_secret_key)
        self.writer.wait_running(_is_secret_key, 5000)  # its text is older than what is written below
        texts = {k: v[0] for k, v in self.pending.items() if _is_secret_key(k)}
        for d in (d for e in self.editors for d in e.secret_drafts() if d.key is not None):
            if d.dirty or d.key in texts:
                texts[d.key] = d.edit.toPlainText()
                d.timer.stop()
        for key, text in texts.items():
            _kind, item_id, uid = key
            try:
                self.annotations.save_note(item_id, text, secret_part_uid=uid)
                self.pending.pop(key, None)
            except UserError as exc:
                _log.error("secret note not saved before lock: %s", exc.code)

    def forget_secrets(self) -> None:
        """After the lock: secret drafts and anything secret in the views go (their texts are first told to
        the lock controller, which then clears the clipboard if it holds one of them)."""
        for text in [v[0] for k, v in self.pending.items() if _is_secret_key(k)] + [
            d.edit.toPlainText() for e in self.editors for d in e.secret_drafts()
        ]:
            self.w.lock.note_secret_shown(text)
        self.pending = {k: v for k, v in self.pending.items() if not _is_secret_key(k)}
        self.writer.cancel(_is_secret_key)
        for e in self.editors:
            e.forget_secrets()
        self.refresh_summary()
        self.reload_overview()

    def shutdown(self, ms: int = 10000) -> None:
        self.flush()
        if not self.writer.wait(ms):
            _log.error("annotation writes still running at shutdown")
        QApplication.processEvents()  # deliver the last callbacks
        self.writer.stop(ms)

    # ============================================================================== after a commit
    def _after_commit(self, item_id: int, *, tags_changed: bool = False, highlights: bool = False) -> None:
        self.refresh_summary()
        if highlights:
            self.refresh_highlights(item_id)
        if tags_changed:
            choices = self.annotations.tag_choices()
            for e in self.editors:
                e.set_tag_choices(choices)
        self._overview_stale = True
        if self.w.reader.currentWidget() is self.w.overview_page:
            self._overview_timer.start()
        self.committed.emit(item_id)

    def refresh_summary(self) -> None:
        meeting = self.w.agenda_model.meeting_id
        if meeting:
            self.w.agenda_model.set_note_summary(self.annotations.items_with_notes(meeting))

    def refresh_highlights(self, item_id: int | None = None) -> None:
        w = self.w
        for view in (w.item_page, w.meeting_mode):
            shown = view.data.item["id"] if view.data is not None else None
            if shown is not None and (item_id is None or shown == item_id):
                view.set_annotations(self.annotations.annotations_for_item(shown))
        doc = w.document_page.document_id
        if doc is not None:
            w.document_page.set_annotations(self.annotations.annotations_for_document(doc))

    # ============================================================================== highlights
    def current_browser(self) -> ReaderBrowser | None:
        w = self.w
        focus = QApplication.focusWidget()
        if isinstance(focus, ReaderBrowser) and focus in self.browsers and focus.isVisible():
            return focus
        if self.nav.in_meeting_mode:
            return w.meeting_mode.browser
        if w.reader.currentWidget() is w.item_page:
            return w.item_page.browser
        if w.reader.currentWidget() is w.document_page and not w.document_page.is_pdf:
            return w.document_page.text
        return None

    def mark_current(self, with_comment: bool) -> bool:
        """Ctrl+H / Ctrl+Shift+H: highlight the selection of the reader in front (on a PDF page: choose
        the passage in the page's text)."""
        w = self.w
        if not self.nav.in_meeting_mode and w.reader.currentWidget() is w.document_page and w.document_page.is_pdf:
            w.document_page.request_mark_page()
            return True
        browser = self.current_browser()
        if browser is not None and browser.request_mark(with_comment):
            return True
        if browser is not None and browser.secret_shown:
            w.statusBar().showMessage(self.tr("Highlights cannot be made while secret content is shown."), 6000)
        else:
            w.statusBar().showMessage(self.tr("Select a passage of the item's text first."), 6000)
        return False

    def mark(self, anchor, with_comment: bool, *, page: int | None = None, comment: str = "", tags=None) -> None:
        doc = self.ctx.meetings.document(anchor.document_id)
        if doc is None:
            return
        if with_comment:
            from ..dialogs.passage import CommentDialog

            dlg = CommentDialog(anchor.quote, parent=self.w)
            dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dlg.accepted.connect(lambda: self._save_highlight(doc["item_id"], anchor, page, *dlg.values()))
            self._show(dlg)
            return
        self._save_highlight(doc["item_id"], anchor, page, comment, tags or [])

    def _save_highlight(self, item_id: int, anchor, page: int | None, comment: str, tags: list[str]) -> None:
        def work(wctx):
            return wctx.annotations.save_highlight(
                item_id,
                document_id=anchor.document_id,
                start=anchor.start,
                end=anchor.end,
                page=page,
                comment=comment,
                tags=tags,
            )

        def done(_a):
            for b in self.browsers:  # the new highlight shows instead of the selection
                if b.anchors.documents() and anchor.document_id in b.anchors.documents():
                    cur = b.textCursor()
                    cur.clearSelection()
                    b.setTextCursor(cur)
            self.w.statusBar().showMessage(self.tr("Highlighted."), 4000)
            self._after_commit(item_id, highlights=True, tags_changed=bool(tags))

        self.writer.submit(None, work, done, lambda exc: self._failed(exc))

    def mark_on_page(self, document_id: int, page: int) -> None:
        """A PDF page: the page's text in a dialog, where the member selects the passage."""
        from ..dialogs.passage import PassageDialog
        from ..views.item_html import pages_of

        doc = self.ctx.meetings.document(document_id)
        if doc is None:
            return
        sections = self.ctx.meetings.sections(document_id)
        rel = page - int(doc.get("page_start") or 1) + 1
        dlg = PassageDialog(
            doc,
            sections,
            pages=pages_of(sections, page),
            title=self.tr("Highlight on page %1").replace("%1", str(rel)),
            intro=self.tr(
                "The text of page %1 of the document (page %2 of the notice). Select the passage to highlight."
            )
            .replace("%1", str(rel))
            .replace("%2", str(page)),
            ok_text=self.tr("&Highlight"),
            annotations=self.annotations.annotations_for_document(document_id),
            parent=self.w,
        )
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._save_highlight(doc["item_id"], dlg.anchor(), page, dlg.comment_text(), []))
        self._show(dlg)

    def edit_comment(self, a: dict) -> None:
        from ..dialogs.passage import CommentDialog

        dlg = CommentDialog(a.get("quote") or "", a.get("body") or "", a.get("tags") or [], editing=True, parent=self.w)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def save():
            body, tags = dlg.values()
            self.writer.submit(
                None,
                self._main_or_writer(a, lambda an: an.update_annotation(a["id"], body=body, tags=tags)),
                lambda _r: self._after_commit(a["item_id"], highlights=True, tags_changed=True),
                self._failed,
            )

        dlg.accepted.connect(save)
        self._show(dlg)

    def delete(self, a: dict) -> None:
        what = self.tr("the highlight") if a["kind"] == "highlight" else self.tr("the note")
        if not confirm(
            self.w,
            self.tr("Remove"),
            self.tr("Remove %1? This cannot be undone.").replace("%1", what),
            self.tr("Remove"),
        ):
            return
        if a.get("is_item_note") and not a.get("secret"):  # clear the editor too, so autosave does not bring it back
            key = ("note", a["item_id"])
            self.writer.cancel(lambda k: k == key)
            self.pending.pop(key, None)
            for e in self.editors:
                if e.item_id == a["item_id"]:
                    e.draft.forget()
                    e.load(a["item_id"], None, e.position)
        self.writer.submit(
            None,
            self._main_or_writer(a, lambda an: an.delete_annotation(a["id"])),
            lambda _r: self._after_commit(a["item_id"], highlights=True, tags_changed=True),
            self._failed,
        )

    def place(self, a: dict) -> None:
        """ "Place…": the member marks where the passage is in the current version of the document."""
        from ..dialogs.passage import PassageDialog

        target = self.current_version(a)
        if target is None:
            show_user_error(
                self.w,
                UserError(
                    "Handlingen finns inte i den nya kallelsen; markeringen kan bara behållas "
                    "där den gjordes (Avfärda) eller tas bort.",
                    "The document is not in the new notice; the highlight can only be kept "
                    "where it was made (Dismiss) or removed.",
                ),
            )
            return
        dlg = PassageDialog(
            target,
            self.ctx.meetings.sections(target["id"]),
            title=self.tr("Place the highlight"),
            intro=self.tr("This passage is not in the new version of the document. Select where it is now, or cancel."),
            ok_text=self.tr("&Place here"),
            quote=a.get("quote"),
            with_comment=False,
            parent=self.w,
        )
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def placed():
            anchor = dlg.anchor()
            assert anchor is not None  # the dialog accepts only with a passage selected

            def work(wctx):
                return wctx.annotations.place_manually(a["id"], anchor.document_id, anchor.start, anchor.end)

            self.writer.submit(None, work, lambda _r: self._after_commit(a["item_id"], highlights=True), self._failed)

        dlg.accepted.connect(placed)
        self._show(dlg)

    def accept(self, a: dict) -> None:
        """The member accepts the proposed passage of a highlight whose passage changed in a re-issue."""
        self._answer_review(a, "accept_proposal")

    def dismiss(self, a: dict) -> None:
        self._answer_review(a, "dismiss_review")

    def _answer_review(self, a: dict, answer: str) -> None:
        done = lambda _r: self._after_commit(a["item_id"], highlights=True)  # noqa: E731
        self.writer.submit(None, lambda wctx: getattr(wctx.annotations, answer)(a["id"]), done, self._failed)

    def current_version(self, a: dict) -> dict | None:
        """The current version of the document a highlight was made on (None: gone from the notice)."""
        if a.get("document_id") is None:
            return None
        old = self.ctx.meetings.document(a["document_id"])
        if old is None:
            return None
        if old["is_current"]:
            return old
        for d in self.ctx.meetings.documents(old["item_id"]):
            if d["doc_key"] == old["doc_key"]:
                return d
        return None

    def _main_or_writer(self, a: dict, fn):
        """Secret annotations are changed through the main context (its vault); public ones on the
        writer's own connection."""
        if a.get("secret"):
            main = self.ctx
            return lambda _wctx: fn(main.annotations)
        return lambda wctx: fn(wctx.annotations)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            show_user_error(self.w, exc, self.tr("Not saved"))

    def _show(self, dlg) -> None:
        self.dialog = dlg
        dlg.destroyed.connect(lambda *_: setattr(self, "dialog", None) if self.dialog is dlg else None)
        dlg.open()

    # ============================================================================== overview
    def show_overview(self) -> None:
        w, nav = self.w, self.nav
        if nav.in_meeting_mode:
            nav.set_meeting_mode(False)
        if w.reader.currentWidget() is not w.overview_page:
            nav.push_history()
        self.flush()
        self.reload_overview()
        nav.show_page(w.overview_page)
        w.overview_page.tree.setFocus()

    def reload_overview(self) -> None:
        w = self.w
        page = w.overview_page
        meeting = self.nav.current_meeting
        page.set_tags(self.annotations.tags_in_use())
        if meeting is None:
            page.load(None, self.tr("My notes"), [])
            return
        m = self.ctx.meetings.meeting(meeting)
        label = meeting_label(m) if m else meeting
        groups = self.overview_groups(meeting, page.tag, page.in_all_meetings)
        page.load(meeting, self.tr("My notes – %1").replace("%1", label), groups)
        self._overview_stale = False

    def overview_groups(self, meeting_id: str, tag: str | None, all_meetings: bool) -> list[Group]:
        a = self.annotations
        if tag and all_meetings:
            rows = a.annotations_with_tag(tag)
        else:
            rows = a.notes_for_meeting(meeting_id)
            if tag:
                rows = [r for r in rows if tag in (r.get("tags") or [])]
        review = [r for r in rows if r["anchor_state"] == "needs_review"]
        groups: list[Group] = []
        if review:
            groups.append(Group("review", "", children=review))
        positions = (
            {} if tag else {i: s["position"] for i, s in a.items_with_notes(meeting_id).items() if s["position"]}
        )
        by_item: dict[int, Group] = {}
        labels: dict[str, str] = {}

        def group_for(item_id: int, row: dict | None) -> Group:
            g = by_item.get(item_id)
            if g is None:
                if row is None:
                    item = self.ctx.meetings.item_by_id(item_id)
                    number, title, mid = item["ordinal"], item["title"], item["meeting_id"]
                else:
                    number, title, mid = row["item_number"], row["item_title"], row["meeting_id"]
                label = f"{number}. {title}" if number is not None else title
                if all_meetings and tag:
                    if mid not in labels:
                        m = self.ctx.meetings.meeting(mid)
                        labels[mid] = meeting_label(m) if m else mid
                    label = f"{labels[mid]} · {label}"
                g = Group("item", label, item_id=item_id, position=positions.get(item_id))
                by_item[item_id] = g
                groups.append(g)
            return g

        if positions:  # items in agenda order, also those with only a position
            order = {it["id"]: n for n, it in enumerate(self.ctx.meetings.items(meeting_id))}
            for item_id in sorted(set(positions) | {r["item_id"] for r in rows}, key=lambda i: order.get(i, 1 << 30)):
                group_for(item_id, next((r for r in rows if r["item_id"] == item_id), None))
        for r in rows:
            if r["anchor_state"] != "needs_review":
                group_for(r["item_id"], r).children.append(r)
        return groups

    def open_annotation(self, a: dict) -> None:
        """Open the item or document an overview row points at."""
        w = self.w
        if a.get("secret") and self.ctx.vault_if_open is None:
            return
        if not self.nav.open_item(a["item_id"]):
            return
        if a["kind"] != "highlight" or a.get("document_id") is None:
            target = w.item_page.notes
            edit = target.edit
            if a.get("secret"):
                edit = next((n.edit for n in target.secret_notes if n.uid == a.get("secret_part_uid")), edit)
            edit.setFocus()
            return
        if a.get("on_earlier_version") or a["anchor_state"] == "needs_review":
            w.statusBar().showMessage(self.tr("This highlight is on an earlier version of the document."), 6000)
            return
        if w.item_page.browser.reveal(a["document_id"], a["start"], a["end"]):
            w.item_page.browser.setFocus()
            return
        doc = self.ctx.meetings.document(a["document_id"])
        rel = None
        if doc is not None and a.get("page") and doc.get("page_start"):
            rel = int(a["page"]) - int(doc["page_start"]) + 1
        words = " ".join((a.get("quote") or "").split()[:4])
        self.nav.open_document(a["document_id"], rel, None)
        page = w.document_page
        if not page.is_pdf:
            page.text.reveal(a["document_id"], a["start"], a["end"])
        elif words:
            page.find(words)

    # ============================================================================== export
    def choose_export(self) -> None:
        w = self.w
        meeting = self.nav.current_meeting
        if meeting is None:
            w.statusBar().showMessage(self.tr("Choose a meeting first."), 4000)
            return
        name = self.tr("My notes %1").replace("%1", meeting)
        path, chosen = QFileDialog.getSaveFileName(
            w, self.tr("Export my notes"), str(Path.home() / f"{name}.pdf"), self.tr("PDF (*.pdf);;Markdown (*.md)")
        )
        if not path:
            return
        lower = path.lower()
        fmt = "md" if lower.endswith(".md") or ("*.md" in (chosen or "") and not lower.endswith(".pdf")) else "pdf"
        if not path.lower().endswith(f".{fmt}"):
            path += f".{fmt}"
        self.export(meeting, Path(path), fmt)

    def export(self, meeting_id: str, path: Path, fmt: str) -> None:
        """Write the export on the writer (after every pending save, so it has what was just typed)."""
        from ...export import export_notes

        self.flush()
        w = self.w
        w.statusBar().showMessage(self.tr("Exporting my notes…"))

        def done(out):
            w.statusBar().showMessage(
                self.tr("My notes were saved to %1. Secret parts are never included.").replace("%1", str(out)), 10000
            )
            self.exported.emit(str(out))

        def failed(exc):
            w.statusBar().clearMessage()
            if isinstance(exc, UserError):
                show_user_error(w, exc, self.tr("Export failed"))

        self.writer.submit(None, lambda wctx: export_notes(wctx, meeting_id, path, fmt), done, failed)
