"""The member's annotations in the client (issue 6): the notes editor autosaves (in the background, on its
own store connection), tags and the planned position, highlights from a selection (item text, a PDF
page's text), the notes overview with its tag filter and the review actions, the agenda marks, the lock
saving drafts first (a secret part's note into the vault), and the export."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from botkyrka_nämnd.services.context import AppContext
from botkyrka_nämnd.ui.models.agenda import COL_STATUS, AgendaModel
from botkyrka_nämnd.ui.models.notes_overview import Group, NotesOverviewModel
from botkyrka_nämnd.ui.models.roles import AnnotationRole, KindRole, NotesRole, PositionRole, ReviewRole
from botkyrka_nämnd.ui.views.item_html import Colors
from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore

from .conftest import PASSPHRASE, close_client, make_client, secret_item

SAVED = re.compile(r"Sparad \d\d:\d\d")


def type_text(widget, text: str) -> None:
    """Type like a user; å/ä/ö through sendKeyEvent (qtbot.keyClicks aborts on them, DESIGN.md §9)."""
    widget.setFocus()
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def fresh(data_dir, keys=None) -> AppContext:
    """A second context on the same data dir: what a restarted program would read."""
    return AppContext(data_dir, keystore=MemoryKeyStore(keys or {}), kdf=KdfParams.fast())


def item_with_text(ctx, meeting_id: str) -> tuple[dict, int, str]:
    """An item whose staff report is shown inline, its document id and a sentence of that document."""
    for it in ctx.repo.items(meeting_id):
        for d in ctx.repo.documents(it["id"]):
            if d["kind"] not in ("tjansteskrivelse", "tjansteutlatande"):
                continue
            text = ctx.repo.document_text(d["id"])
            for s in ctx.repo.sections(d["id"]):
                if s["kind"] == "forslag_till_beslut" or not s.get("heading"):
                    continue
                first = " ".join(s["text_clean"].split("\n\n")[0].split())
                sentence = first.split(". ")[0]
                if len(sentence) > 40 and any(c in sentence for c in "åäö") and sentence in " ".join(text.split()):
                    return it, d["id"], sentence
    raise AssertionError("no item with a staff report in the demo data")


def select_in(browser, text: str) -> None:
    cur = browser.document().find(text)
    assert not cur.isNull(), text
    browser.setTextCursor(cur)


def wait_saved(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.notes_ctl.writer.idle, timeout=10000)
    qtbot.wait(20)  # the callbacks arrive through the event loop


# ---------------------------------------------------------------------------------------------- notes
def test_typing_autosaves_after_a_pause(qtbot, window, ctx):
    item = ctx.repo.items(window.current_meeting)[2]
    window.open_item(item["id"])
    editor = window.item_page.notes
    type_text(editor.edit, "Fråga om kostnaden för 2027")
    assert editor.status.text() == "Inte sparat ännu…"
    qtbot.waitUntil(lambda: SAVED.fullmatch(editor.status.text()) is not None, timeout=5000)
    other = fresh(ctx.data_dir)
    try:
        assert other.annotations.item_note(item["id"])["body"] == "Fråga om kostnaden för 2027"
    finally:
        other.close()
    # "Sparad" appears only once the store has committed: right after handing the text over it says "Sparar…"
    type_text(editor.edit, "?")
    editor.flush()
    assert editor.status.text() == "Sparar…"
    qtbot.waitUntil(lambda: SAVED.fullmatch(editor.status.text()) is not None, timeout=5000)
    assert ctx.annotations.item_note(item["id"])["body"] == "Fråga om kostnaden för 2027?"


def test_saves_run_on_their_own_connection_and_wait_for_an_import(qtbot, window, ctx):
    """Another process (an import) holds the store's write lock: the note waits and is saved afterwards,
    the UI thread keeps reading meanwhile, and reopening the item shows the typed text, not the stored one."""
    items = ctx.repo.items(window.current_meeting)
    item = items[3]
    window.open_item(item["id"])
    editor = window.item_page.notes
    importer = sqlite3.connect(str(ctx.store.path), isolation_level=None)
    importer.execute("BEGIN IMMEDIATE")
    try:
        type_text(editor.edit, "Väntar på importen")
        editor.flush()
        qtbot.wait(300)
        assert editor.status.text() == "Sparar…"
        assert window.notes_ctl.writer.ctx.store.conn is not ctx.store.conn
        assert ctx.annotations.item_note(item["id"]) is None  # the UI thread reads; nothing committed yet
        window.open_item(items[4]["id"])
        window.open_item(item["id"])
        assert editor.text() == "Väntar på importen"  # the text on its way is shown, not the older stored one
    finally:
        importer.execute("ROLLBACK")
        importer.close()
    qtbot.waitUntil(
        lambda: (ctx.annotations.item_note(item["id"]) or {}).get("body") == "Väntar på importen", timeout=15000
    )


def test_tags_and_position_are_saved(qtbot, window, ctx):
    item = ctx.repo.items(window.current_meeting)[1]
    window.open_item(item["id"])
    editor = window.item_page.notes
    qtbot.mouseClick(editor.tag_buttons["fråga"], Qt.MouseButton.LeftButton)
    type_text(editor.tag_entry, "Budget  2027")
    qtbot.keyClick(editor.tag_entry, Qt.Key.Key_Return)
    assert "budget 2027" in editor.tag_buttons and editor.tag_buttons["budget 2027"].isChecked()
    qtbot.mouseClick(editor.position_buttons["emot"], Qt.MouseButton.LeftButton)
    wait_saved(qtbot, window)
    assert SAVED.fullmatch(editor.status.text())
    other = fresh(ctx.data_dir)
    try:
        assert other.annotations.item_note(item["id"])["tags"] == ["fråga", "budget 2027"]
        assert other.annotations.position(item["id"]) == "emot"
    finally:
        other.close()
    row = window.agenda_model.row_of(item["id"])
    assert window.agenda_model.index(row, 0).data(PositionRole) == "emot"
    # a second click on the chosen position clears it; a tag toggled off goes
    qtbot.mouseClick(editor.position_buttons["emot"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.tag_buttons["fråga"], Qt.MouseButton.LeftButton)
    wait_saved(qtbot, window)
    assert ctx.annotations.position(item["id"]) is None
    assert ctx.annotations.item_note(item["id"])["tags"] == ["budget 2027"]
    assert window.agenda_model.index(row, 0).data(PositionRole) is None
    # coming back to the item shows what was saved
    window.open_item(ctx.repo.items(window.current_meeting)[2]["id"])
    window.open_item(item["id"])
    assert [t for t, b in editor.tag_buttons.items() if b.isChecked()] == ["budget 2027"]
    assert not any(b.isChecked() for b in editor.position_buttons.values())


def test_new_controls_are_named_and_reachable_by_keyboard(window, ctx):
    window.open_item(ctx.repo.items(window.current_meeting)[1]["id"])
    editor = window.item_page.notes
    controls = [*editor.position_buttons.values(), *editor.tag_buttons.values(), editor.tag_entry, editor.edit]
    for w in controls:
        assert w.accessibleName(), w
        assert w.focusPolicy() & Qt.FocusPolicy.TabFocus, w
    assert editor.position_buttons["for"].accessibleName() == "Planerad hållning: För"
    assert window.act_highlight.shortcut().toString() == "Ctrl+H"
    assert window.act_overview.shortcut().toString() == "Ctrl+Shift+N"
    ov = window.overview_page
    for w in (ov.tag_filter, ov.tree, ov.export_button, ov.place_button, ov.dismiss_button):
        assert w.accessibleName() or w.text(), w


# ---------------------------------------------------------------------------------------------- highlights
def test_highlight_from_a_selection_is_stored_and_painted(qtbot, window, ctx):
    item, doc_id, sentence = item_with_text(ctx, window.current_meeting)
    window.open_item(item["id"])
    browser = window.item_page.browser
    select_in(browser, sentence)
    window.act_highlight.trigger()
    qtbot.waitUntil(
        lambda: any(a["kind"] == "highlight" for a in ctx.annotations.annotations_for_item(item["id"])), timeout=5000
    )
    (h,) = [a for a in ctx.annotations.annotations_for_item(item["id"]) if a["kind"] == "highlight"]
    assert h["document_id"] == doc_id and h["quote"] == sentence
    text = ctx.repo.document_text(doc_id)
    assert " ".join(text[h["start"] : h["end"]].split()) == sentence
    assert h["page"] is not None
    # painted over exactly that passage, in the highlight colour; the selection gave way to it
    qtbot.waitUntil(lambda: browser.extraSelections() != [], timeout=3000)
    painted = list(browser.extraSelections())
    assert [s.cursor.selectedText() for s in painted] == [sentence]
    assert painted[0].format.background().color() == QColor(Colors.from_palette(QApplication.palette()).mark)
    assert not browser.textCursor().hasSelection()
    # painted again when the item is opened later
    window.open_item(ctx.repo.items(window.current_meeting)[0]["id"])
    window.open_item(item["id"])
    assert [s.cursor.selectedText() for s in browser.extraSelections()] == [sentence]


def test_highlight_by_keyboard_only(qtbot, window, ctx):
    """Select with Shift+→ in the item text and press Ctrl+H (the window's shortcut, no mouse)."""
    item, doc_id, sentence = item_with_text(ctx, window.current_meeting)
    window.open_item(item["id"])
    window.activateWindow()
    qtbot.waitActive(window)
    browser = window.item_page.browser
    browser.setFocus()
    cur = browser.document().find(sentence)
    cur.setPosition(cur.selectionStart())
    browser.setTextCursor(cur)
    for _ in range(12):
        qtbot.keyClick(browser, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(browser, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    wait_saved(qtbot, window)
    (h,) = ctx.annotations.annotations_for_item(item["id"])
    assert h["quote"] == sentence[:12].strip() and h["document_id"] == doc_id


def test_highlight_with_a_comment(qtbot, window, ctx):
    item, doc_id, sentence = item_with_text(ctx, window.current_meeting)
    window.open_item(item["id"])
    words = " ".join(sentence.split()[:4])
    select_in(window.item_page.browser, words)
    window.act_highlight_comment.trigger()
    dlg = window.notes_ctl.dialog
    assert dlg is not None and dlg.isVisible()
    type_text(dlg.comment, "Varför ökar det?")
    dlg.chips.buttons["viktigt"].click()
    dlg.accept()
    qtbot.waitUntil(lambda: bool(ctx.annotations.annotations_with_tag("viktigt")), timeout=5000)
    (h,) = ctx.annotations.annotations_with_tag("viktigt")
    assert (h["quote"], h["body"], h["document_id"]) == (words, "Varför ökar det?", doc_id)


def test_nothing_to_highlight_without_a_selection(window, ctx):
    item, _doc, _s = item_with_text(ctx, window.current_meeting)
    window.open_item(item["id"])
    assert window.notes_ctl.mark_current(False) is False
    assert window.statusBar().currentMessage() == "Markera först ett stycke i ärendets text."


def test_highlight_on_a_pdf_page(qtbot, window, ctx):
    meeting = window.current_meeting
    doc = next(
        d
        for it in ctx.repo.items(meeting)
        for d in window.reading.documents(it["id"])
        if d["has_pdf"] and d["kind"] == "bilaga"
    )
    window.open_document(doc["id"], 1)
    page = window.document_page
    assert page.is_pdf and page.mark_page.isVisible()
    window.act_highlight.trigger()  # Ctrl+H on a PDF page: the page's text in a dialog
    dlg = window.notes_ctl.dialog
    assert dlg is not None and dlg.mapped > 0
    source_page = page.first_page + page.current_page() - 1
    shown = " ".join(dlg.browser.toPlainText().split())
    sections = [s for s in ctx.repo.sections(doc["id"]) if s["page"] == source_page and s["text_clean"]]
    words = " ".join(sections[-1]["text_clean"].split()[:6])
    assert words in shown
    assert not dlg.ok.isEnabled()
    assert dlg.select_text(words)
    assert dlg.ok.isEnabled()
    dlg.ok.click()
    qtbot.waitUntil(lambda: bool(ctx.annotations.annotations_for_document(doc["id"])), timeout=5000)
    (h,) = ctx.annotations.annotations_for_document(doc["id"])
    assert h["quote"] == words and h["page"] == source_page and h["anchor_state"] == "ok"


def test_meeting_mode_has_the_same_notes_and_highlights(qtbot, window, ctx):
    item, doc_id, sentence = item_with_text(ctx, window.current_meeting)
    s = ctx.repo.document_text(doc_id).index(sentence)
    ctx.annotations.save_highlight(item["id"], document_id=doc_id, start=s, end=s + len(sentence))
    ctx.annotations.save_note(item["id"], "Yrka avslag", tags=["yrkande"])
    ctx.annotations.set_position(item["id"], "emot")
    window.open_item(item["id"])
    window.set_meeting_mode(True)
    mm = window.meeting_mode
    assert mm.notes.text() == "Yrka avslag" and mm.notes.position == "emot" and mm.notes.tags == ["yrkande"]
    assert mm.notes.tag_buttons["yrkande"].isChecked() and mm.notes.position_buttons["emot"].isChecked()
    assert [x.cursor.selectedText() for x in mm.browser.extraSelections()] == [sentence]
    type_text(mm.notes.edit, " och återremiss")
    window.set_meeting_mode(False)  # leaving saves; the item page shows the text at once
    assert window.item_page.notes.text() == "Yrka avslag och återremiss"
    wait_saved(qtbot, window)
    assert ctx.annotations.item_note(item["id"])["body"] == "Yrka avslag och återremiss"


def test_highlight_in_a_document_shown_as_text(qtbot, reissued_client):
    c, _h = reissued_client
    w, ctx = c.window, c.ctx
    from tests.integration.annotation_fixtures import document_id

    doc = document_id(ctx, 2)
    w.open_document(doc)
    page = w.document_page
    assert not page.is_pdf and not page.mark_page.isVisible()
    passage = "Förvaltningen bedömer att andelen placeringar i familjehem behöver öka under 2025."
    select_in(page.text, passage)
    page.text.setFocus()
    w.act_highlight.trigger()
    qtbot.waitUntil(lambda: bool(ctx.annotations.annotations_for_document(doc)), timeout=5000)
    (h,) = ctx.annotations.annotations_for_document(doc)
    assert (h["quote"], h["page"]) == (passage, 6)
    qtbot.waitUntil(lambda: [x.cursor.selectedText() for x in page.text.extraSelections()] == [passage], timeout=3000)


def test_writer_keeps_only_the_latest_text_of_a_note(qtbot, tmp_path):
    """While one write runs, newer saves of the same note replace each other: only the last is written."""
    import threading

    from botkyrka_nämnd.ui.workers import AnnotationWriter

    ran, gate = [], threading.Event()
    writer = AnnotationWriter(tmp_path, context_factory=lambda: object())
    writer.submit("other", lambda _c: (gate.wait(5), ran.append("other")))
    qtbot.waitUntil(lambda: writer.pending("other") and "other" not in ran)
    done = []
    for text in ("F", "Fr", "Frå", "Fråga"):
        writer.submit(("note", 1), lambda _c, t=text: ran.append(t), lambda _r, t=text: done.append(t))
    gate.set()
    assert writer.wait(5000)
    qtbot.waitUntil(lambda: done == ["Fråga"])
    assert ran == ["other", "Fråga"]
    writer.stop()


def test_remove_a_highlight(qtbot, window, ctx, messages):
    item, doc_id, sentence = item_with_text(ctx, window.current_meeting)
    text = ctx.repo.document_text(doc_id)
    s = text.index(sentence.split()[0])
    h = ctx.annotations.save_highlight(item["id"], document_id=doc_id, start=s, end=s + 10)
    window.open_item(item["id"])
    assert len(window.item_page.browser.extraSelections()) == 1
    window.item_page.browser.remove_highlight_requested.emit(h)
    qtbot.waitUntil(lambda: window.item_page.browser.extraSelections() == [], timeout=5000)
    assert ctx.annotations.annotations_for_item(item["id"]) == []
    assert messages and messages[-1][0] == "Ta bort"


# ---------------------------------------------------------------------------------------------- overview
def _rows(model: NotesOverviewModel) -> list[tuple[str, list[str]]]:
    out = []
    for g in range(model.rowCount()):
        gi = model.index(g, 0)
        out.append((gi.data(), [model.index(r, 0, gi).data() for r in range(model.rowCount(gi))]))
    return out


def test_overview_lists_notes_and_filters_by_tag(qtbot, qtmodeltester, window, ctx):
    meeting = window.current_meeting
    items = ctx.repo.items(meeting)
    a = ctx.annotations
    a.save_note(items[1]["id"], "Ställ frågan om väntetider", tags=["fråga"])
    item, doc_id, sentence = item_with_text(ctx, meeting)
    s = ctx.repo.document_text(doc_id).index(sentence)
    a.save_highlight(
        item["id"], document_id=doc_id, start=s, end=s + len(sentence), comment="Stämmer det?", tags=["viktigt"]
    )
    a.set_position(items[4]["id"], "yrkande")
    other_meeting = next(m["id"] for m in ctx.repo.meetings() if m["id"] != meeting)
    a.save_note(ctx.repo.items(other_meeting)[1]["id"], "Förra gången", tags=["viktigt"])
    window.act_overview.trigger()
    page = window.overview_page
    assert window.reader.currentWidget() is page
    qtmodeltester.check(page.model)
    rows = _rows(page.model)
    labels = [g for g, _ in rows]
    assert any(label.startswith(f"{items[1]['ordinal']}. ") for label in labels)
    assert any(label.endswith("planerad hållning: Yrkande") for label in labels)
    texts = [t for _, children in rows for t in children]
    assert "Anteckning: Ställ frågan om väntetider\n#fråga" in texts
    hl = next(t for t in texts if t.startswith("”"))
    assert hl.startswith(f"”{sentence}”") and "#viktigt" in hl and "Kommentar: Stämmer det?" in hl
    assert "Förra gången" not in " ".join(texts)  # another meeting
    # the tag filter: this meeting, then all meetings
    assert next(page.tag_filter.itemText(i) for i in range(page.tag_filter.count())) == "Alla taggar"
    page.tag_filter.setCurrentIndex(page.tag_filter.findData("viktigt"))
    texts = [t for _, children in _rows(page.model) for t in children]
    assert len(texts) == 1 and texts[0].startswith("”")
    page.all_meetings.setChecked(True)
    texts = [t for _, children in _rows(page.model) for t in children]
    assert len(texts) == 2 and any("Förra gången" in t for t in texts)
    qtmodeltester.check(page.model)
    page.all_meetings.setChecked(False)
    # activating a highlight opens the item at it
    idx = next(
        page.model.index(r, 0, page.model.index(g, 0))
        for g in range(page.model.rowCount())
        for r in range(page.model.rowCount(page.model.index(g, 0)))
    )
    page.tree.setCurrentIndex(idx)
    page.open_button.click()
    assert window.reader.currentWidget() is window.item_page and window.current_item == item["id"]
    assert window.item_page.browser.textCursor().selectedText() == sentence
    # back returns to the overview
    window.act_back.trigger()
    assert window.reader.currentWidget() is page


def test_overview_and_secret_annotations_only_while_unlocked(qtbot, window, client, ctx):
    it = secret_item(ctx)
    window.select_meeting(it["meeting_id"])
    ctx.unlock(PASSPHRASE)
    client.lock.mark_unlocked()
    uid = ctx.sealed_parts.secret_parts(it["id"])[0]["uid"]
    ctx.annotations.save_note(it["id"], "Hemlig iakttagelse", secret_part_uid=uid)
    window.notes_ctl.refresh_summary()
    row = window.agenda_model.row_of(it["id"])
    assert window.agenda_model.index(row, 0).data(NotesRole) == 1
    window.act_overview.trigger()
    texts = [t for _, children in _rows(window.overview_page.model) for t in children]
    assert texts == ["Anteckning om sekretessdelen: Hemlig iakttagelse"]
    window.act_lock.trigger()
    assert _rows(window.overview_page.model) == []
    assert window.agenda_model.index(row, 0).data(NotesRole) == 0
    assert window.overview_page.tag_filter.count() == 1


# ---------------------------------------------------------------------------------------------- review
def _reissue_highlighted(ctx, passage_after: str | None, comment: str = "") -> dict:
    """Item 2's bilaga with a highlight on the passage, then re-issued with ``passage_after`` in its place
    (None: removed); core services only. Returns the highlight as made."""
    from tests.integration.annotation_fixtures import (
        PASSAGE,
        bilaga_sections,
        build_meeting,
        document_id,
        item_id,
        reissued,
        save,
    )

    m = build_meeting()
    save(ctx, m)
    d = document_id(ctx, 2)
    s = ctx.repo.document_text(d).index(PASSAGE)
    h = ctx.annotations.save_highlight(item_id(ctx, 2), document_id=d, start=s, end=s + len(PASSAGE), comment=comment)
    save(ctx, reissued(m, bilaga=bilaga_sections(passage=passage_after)))
    return h


@pytest.fixture
def reissued_client(qapp, qtbot, empty_ctx, tmp_path, clock, messages):
    """A meeting whose bilaga was re-issued without the highlighted passage."""
    h = _reissue_highlighted(empty_ctx, None, "Viktig fråga")
    assert empty_ctx.annotations.get(h["id"])["anchor_state"] == "needs_review"
    c = make_client(qapp, empty_ctx, tmp_path, clock)
    qtbot.waitExposed(c.window)
    yield c, h
    close_client(c, qtbot)


def test_needs_review_is_listed_and_can_be_dismissed(qtbot, reissued_client):
    c, h = reissued_client
    w = c.window
    row = w.agenda_model.row_of(h["item_id"])
    assert w.agenda_model.index(row, 0).data(ReviewRole) == 1
    assert "1 markering behöver granskas" in w.agenda_model.index(row, COL_STATUS).data(Qt.ItemDataRole.ToolTipRole)
    w.act_overview.trigger()
    model = w.overview_page.model
    first = model.index(0, 0)
    assert first.data() == "Behöver granskas (1)" and first.data(KindRole) == "review"
    entry = model.index(0, 0, first)
    assert entry.data(AnnotationRole)["id"] == h["id"]
    assert "behöver granskas" in entry.data() and "Kommentar: Viktig fråga" in entry.data()
    w.overview_page.tree.setCurrentIndex(entry)
    assert w.overview_page.place_button.isEnabled() and w.overview_page.dismiss_button.isEnabled()
    w.overview_page.dismiss_button.click()
    qtbot.waitUntil(lambda: c.ctx.annotations.needs_review() == [], timeout=5000)
    qtbot.waitUntil(lambda: model.index(0, 0).data(KindRole) != "review", timeout=3000)
    assert w.agenda_model.index(row, 0).data(ReviewRole) == 0
    assert c.ctx.annotations.get(h["id"])["document_id"] == h["document_id"]  # kept on the old version


def test_needs_review_can_be_placed_on_the_new_version(qtbot, reissued_client):
    c, h = reissued_client
    w = c.window
    w.act_overview.trigger()
    model = w.overview_page.model
    w.overview_page.tree.setCurrentIndex(model.index(0, 0, model.index(0, 0)))
    w.overview_page.place_button.click()
    dlg = w.notes_ctl.dialog
    assert dlg is not None and "Kostnaderna för placeringar" not in dlg.browser.toPlainText()
    passage = "Förvaltningen bedömer att andelen placeringar i familjehem behöver öka under 2025."
    assert dlg.select_text(passage)
    dlg.ok.click()
    qtbot.waitUntil(lambda: c.ctx.annotations.needs_review() == [], timeout=5000)
    a = c.ctx.annotations.get(h["id"])
    assert a["anchor_state"] == "ok" and a["quote"] == passage and a["document_version"] == 2
    assert a["original_quote"] == h["quote"]


@pytest.fixture
def edited_client(qapp, qtbot, empty_ctx, tmp_path, clock, messages):
    """A meeting whose bilaga was re-issued with the highlighted passage edited (a number changed)."""
    from tests.integration.annotation_fixtures import PASSAGE

    edited = PASSAGE.replace("12 miljoner", "14 miljoner")
    h = _reissue_highlighted(empty_ctx, edited)
    c = make_client(qapp, empty_ctx, tmp_path, clock)
    qtbot.waitExposed(c.window)
    yield c, h, edited
    close_client(c, qtbot)


def test_an_edited_passage_shows_the_old_quote_beside_the_new_wording_and_can_be_accepted(qtbot, edited_client):
    c, h, edited = edited_client
    w = c.window
    w.act_overview.trigger()
    model = w.overview_page.model
    first = model.index(0, 0)
    assert first.data(KindRole) == "review"
    entry = model.index(0, 0, first)
    text = entry.data()
    assert "12 miljoner" in text and "Ny lydelse:" in text and "14 miljoner" in text  # old quote, new wording
    assert "stycket har ändrats" in text
    ov = w.overview_page
    ov.tree.setCurrentIndex(entry)
    assert ov.accept_button.isEnabled() and ov.place_button.isEnabled() and ov.dismiss_button.isEnabled()
    assert c.ctx.annotations.get(h["id"])["quote"] == h["quote"]  # nothing rewritten before the member's say
    ov.accept_button.click()
    qtbot.waitUntil(lambda: c.ctx.annotations.needs_review() == [], timeout=5000)
    a = c.ctx.annotations.get(h["id"])
    assert (a["state"], a["quote"], a["original_quote"], a["document_version"]) == ("placed", edited, h["quote"], 2)


def test_an_orphaned_highlight_cannot_be_accepted(qtbot, reissued_client):
    c, _h = reissued_client
    w = c.window
    w.act_overview.trigger()
    model = w.overview_page.model
    w.overview_page.tree.setCurrentIndex(model.index(0, 0, model.index(0, 0)))
    assert not w.overview_page.accept_button.isEnabled() and w.overview_page.place_button.isEnabled()


# ---------------------------------------------------------------------------------------------- lock
def test_lock_saves_a_pending_draft_first(qtbot, window, client, ctx, demo_template):
    it = secret_item(ctx)
    window.select_meeting(it["meeting_id"])
    ctx.unlock(PASSPHRASE)
    client.lock.mark_unlocked()
    window.open_item(it["id"])
    editor = window.item_page.notes
    assert len(editor.secret_notes) == 1  # unlocked: a note on the secret part
    secret_note = editor.secret_notes[0]
    type_text(editor.edit, "Offentlig fråga")
    type_text(secret_note.edit, "Hemlig notering")
    window.act_lock.trigger()  # at once, before any autosave
    assert not ctx.vault.unlocked
    assert editor.secret_notes == [] and not editor.secret_box.isVisible()
    assert "Hemlig notering" not in " ".join(e.toPlainText() for e in window.findChildren(type(editor.edit)))
    wait_saved(qtbot, window)
    other = fresh(ctx.data_dir, demo_template[1])
    try:
        assert other.annotations.item_note(it["id"])["body"] == "Offentlig fråga"
        other.unlock(PASSPHRASE)
        uid = ctx.sealed_parts.secret_parts(it["id"])[0]["uid"]
        assert other.annotations.item_note(it["id"], secret_part_uid=uid)["body"] == "Hemlig notering"
        other.lock()
        # the secret note is nowhere in the public store
        with open(ctx.store.path, "rb") as f:
            assert b"Hemlig notering" not in f.read()
    finally:
        other.close()


def test_lock_saves_a_queued_secret_note_of_an_item_no_longer_shown(qtbot, window, client, ctx, demo_template):
    """The writer is stuck behind an import's write lock; the secret note of the item just left waits in
    its queue. Locking writes it into the vault before the vault closes."""
    it = secret_item(ctx)
    window.select_meeting(it["meeting_id"])
    ctx.unlock(PASSPHRASE)
    client.lock.mark_unlocked()
    window.open_item(it["id"])
    editor = window.item_page.notes
    importer = sqlite3.connect(str(ctx.store.path), isolation_level=None)
    importer.execute("BEGIN IMMEDIATE")
    try:
        type_text(editor.edit, "Offentligt")
        editor.flush()  # the writer now waits for the store
        qtbot.wait(100)
        type_text(editor.secret_notes[0].edit, "Hemligt i kö")
        other_item = next(x for x in ctx.repo.items(it["meeting_id"]) if x["id"] != it["id"])
        window.open_item(other_item["id"])  # the secret note goes to the writer's queue
        assert editor.secret_notes == []
        window.act_lock.trigger()
        assert not ctx.vault.unlocked
    finally:
        importer.execute("ROLLBACK")
        importer.close()
    wait_saved(qtbot, window)
    other = fresh(ctx.data_dir, demo_template[1])
    try:
        other.unlock(PASSPHRASE)
        uid = ctx.sealed_parts.secret_parts(it["id"])[0]["uid"]
        assert other.annotations.item_note(it["id"], secret_part_uid=uid)["body"] == "Hemligt i kö"
        assert other.annotations.item_note(it["id"])["body"] == "Offentligt"
    finally:
        other.close()
    assert window.notes_ctl.pending == {}


def test_quit_saves_the_draft(qapp, qtbot, ctx, tmp_path, clock, messages):
    c = make_client(qapp, ctx, tmp_path, clock)
    item = ctx.repo.items(c.window.current_meeting)[1]
    c.window.open_item(item["id"])
    type_text(c.window.item_page.notes.edit, "Skrivet precis före avslut")
    close_client(c, qtbot)
    other = fresh(ctx.data_dir)
    try:
        assert other.annotations.item_note(item["id"])["body"] == "Skrivet precis före avslut"
    finally:
        other.close()


def test_an_unexpected_error_saves_the_draft_first(qtbot, window, ctx, messages):
    import sys

    from botkyrka_nämnd.ui import crash

    item = ctx.repo.items(window.current_meeting)[1]
    window.open_item(item["id"])
    type_text(window.item_page.notes.edit, "Innan felet")
    assert window.flush_drafts in crash.flush_hooks
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        crash.excepthook(*sys.exc_info())
    assert messages and messages[-1][0] == "crash"
    wait_saved(qtbot, window)
    assert ctx.annotations.item_note(item["id"])["body"] == "Innan felet"


# ---------------------------------------------------------------------------------------------- agenda, export
def test_agenda_shows_the_notes_icon(qtbot, window, ctx):
    item = ctx.repo.items(window.current_meeting)[3]
    row = window.agenda_model.row_of(item["id"])
    view = window.agenda_view
    rect = view.visualRect(window.agenda_model.index(row, COL_STATUS))
    before = view.viewport().grab(rect).toImage()
    assert window.agenda_model.index(row, 0).data(NotesRole) == 0
    window.open_item(window.agenda_model.item_id(0))  # not selected, so the row is painted plainly
    window.open_item(item["id"])
    type_text(window.item_page.notes.edit, "Anteckning")
    window.item_page.notes.position_buttons["for"].click()
    window.open_item(window.agenda_model.item_id(0))  # saves the note at once
    wait_saved(qtbot, window)
    assert window.agenda_model.index(row, 0).data(NotesRole) == 1
    tip = window.agenda_model.index(row, COL_STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert "1 anteckning" in tip and "planerad hållning: För" in tip
    view.viewport().repaint()
    after = view.viewport().grab(rect).toImage()
    assert after != before  # the note icon and the position mark are drawn


def test_export_action_writes_a_pdf(qtbot, window, ctx, tmp_path, monkeypatch):
    import pypdfium2 as pdfium
    from PySide6.QtWidgets import QFileDialog

    item = ctx.repo.items(window.current_meeting)[1]
    window.open_item(item["id"])
    type_text(window.item_page.notes.edit, "Kontrollfråga om bemanningen")
    out = tmp_path / "mina anteckningar"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "PDF (*.pdf)")))
    with qtbot.waitSignal(window.notes_ctl.exported, timeout=20000) as sig:
        window.act_export_notes.trigger()  # right after typing: the export waits for the save
    path = sig.args[0]
    assert path.endswith(".pdf")
    pdf = pdfium.PdfDocument(path)
    try:
        text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    assert "Kontrollfråga om bemanningen" in " ".join(text.split())
    assert "sparades" in window.statusBar().currentMessage()


def test_export_to_markdown_never_has_secret_notes(qtbot, window, client, ctx, tmp_path):
    it = secret_item(ctx)
    window.select_meeting(it["meeting_id"])
    ctx.unlock(PASSPHRASE)
    client.lock.mark_unlocked()
    uid = ctx.sealed_parts.secret_parts(it["id"])[0]["uid"]
    ctx.annotations.save_note(it["id"], "HEMLIGKANARIE", secret_part_uid=uid)
    ctx.annotations.save_note(it["id"], "Offentlig kanarie")
    with qtbot.waitSignal(window.notes_ctl.exported, timeout=20000) as sig:
        window.notes_ctl.export(it["meeting_id"], tmp_path / "n.md", "md")
    text = Path(sig.args[0]).read_text(encoding="utf-8")
    assert "Offentlig kanarie" in text and "HEMLIGKANARIE" not in text


# ---------------------------------------------------------------------------------------------- models
def test_models(qtmodeltester, ctx):
    meeting = ctx.repo.meetings()[0]["id"]
    items = ctx.repo.items(meeting)
    model = AgendaModel()
    model.load(meeting, items, {}, {items[1]["id"]: {"count": 2, "position": "for", "tags": [], "needs_review": 1}})
    qtmodeltester.check(model)
    assert model.index(1, 0).data(PositionRole) == "for" and model.index(1, 0).data(ReviewRole) == 1
    model.set_note_summary({items[2]["id"]: {"count": 1, "position": "emot", "tags": [], "needs_review": 0}})
    assert model.index(1, 0).data(NotesRole) == 0 and model.index(1, 0).data(PositionRole) is None
    assert model.index(2, 0).data(PositionRole) == "emot"
    qtmodeltester.check(model)

    ov = NotesOverviewModel()
    qtmodeltester.check(ov)
    note = {
        "id": 1,
        "kind": "note",
        "item_id": 5,
        "body": "Text",
        "tags": ["fråga"],
        "anchor_state": "ok",
        "secret": False,
    }
    hl = {
        "id": 2,
        "kind": "highlight",
        "item_id": 5,
        "quote": "citat",
        "body": "",
        "tags": [],
        "page": 6,
        "bilaga_label": "Bilaga 1",
        "anchor_state": "needs_review",
        "secret": False,
    }
    ov.load(
        [
            Group("review", "", children=[hl]),
            Group("item", "3. Ärende", item_id=5, position="avvakta", children=[note]),
            Group("item", "4. Bara hållning", item_id=6, position="for"),
        ]
    )
    qtmodeltester.check(ov)
    assert ov.rowCount() == 3 and ov.rowCount(ov.index(2, 0)) == 0
    assert ov.index(0, 0, ov.index(0, 0)).data() == (
        "”citat”\nBilaga 1 · s. 6 · behöver granskas: stycket finns inte i den nya versionen"
    )
    assert ov.index(1, 0).data() == "3. Ärende  —  planerad hållning: Avvakta"
    assert ov.find(1).data(AnnotationRole) == note and not ov.find(99).isValid()
    assert ov.parent(ov.index(0, 0, ov.index(1, 0))) == ov.index(1, 0)
    assert ov.index(0, 0, ov.index(0, 0, ov.index(1, 0))) == QModelIndex()
