"""Reading a bilaga (issue 12): a text bilaga keeps its structure (tables one row per line, a table of
contents, numbered headings, list entries), highlights work inside it; where the original PDF exists its
page is shown by default with the text one click away; the item's notes stay beside the document."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextTable

from tests.conftest import SEED_000

from .conftest import close_client, make_client

pytestmark = pytest.mark.seeds

MEETING = "botkyrka-sn-2024-09-24"


def _tables(doc) -> list[QTextTable]:
    out = []
    for frame in doc.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            out.append(frame)
    return out


def _row_of(table: QTextTable, first: str) -> list[str] | None:
    for r in range(table.rows()):
        cells = [table.cellAt(r, c).firstCursorPosition().block().text() for c in range(table.columns())]
        if cells and first in cells[:2]:
            return cells
    return None


@pytest.fixture
def seeded(qapp, qtbot, empty_ctx, tmp_path, clock, messages, seeds_dir):
    ctx = empty_ctx
    ctx.importer.import_path(seeds_dir / SEED_000)
    c = make_client(qapp, ctx, tmp_path, clock)
    qtbot.waitExposed(c.window)
    yield c
    close_client(c, qtbot)


def _delarsrapport(ctx) -> dict:
    item = ctx.repo.item(MEETING, 4)
    return next(d for d in ctx.repo.documents(item["id"]) if d["title"].startswith("Delårsrapport"))


def test_a_text_bilaga_keeps_its_tables_contents_headings_and_lists(qtbot, seeded):
    c = seeded
    w, ctx = c.window, c.ctx
    doc = _delarsrapport(ctx)
    assert w.open_document(doc["id"])
    dp = w.document_page
    assert not dp.is_pdf and not dp.text_toggle.isVisible()  # imported from text: no PDF to switch to
    qdoc = dp.text.document()
    tables = _tables(qdoc)
    assert len(tables) >= 40
    # the income table: one row per line, each figure in its own cell
    income = next(r for t in tables if (r := _row_of(t, "Taxor och avgifter")) is not None)
    assert income[:3] == ["Taxor och avgifter", "1 712", "1 546"]
    summa = next(r for t in tables if (r := _row_of(t, "Summa kostnader")) is not None)
    assert summa[:3] == ["Summa kostnader", "-497 024", "-473 222"]
    # the table of contents: number, title and page apart
    toc = next(r for t in tables if (r := _row_of(t, "Sammanfattning")) is not None)
    assert toc == ["1", "Sammanfattning", "4"]
    # numbered headings are headings, list entries are indented items
    heads, items = [], []
    b = qdoc.begin()
    while b.isValid():
        if b.blockFormat().headingLevel() == 4:
            heads.append(b.text())
        if b.text().startswith("- ") and b.blockFormat().leftMargin() > 0:
            items.append(b.text())
        b = b.next()
    assert "2.1 Område 1 - Botkyrkaborna har egenmakt" in heads
    assert any(t.startswith("- Botkyrkabor som ansöker om ekonomiskt bistånd") for t in items)
    # a figure in a table cell can be highlighted: the selection maps to that figure in the document text
    cell = next(t for t in tables if _row_of(t, "Taxor och avgifter"))
    for r in range(cell.rows()):
        if cell.cellAt(r, 0).firstCursorPosition().block().text() == "Taxor och avgifter":
            cur = cell.cellAt(r, 1).firstCursorPosition()
            cur.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            dp.text.setTextCursor(cur)
            break
    anchor = dp.text.selection_anchor()
    assert anchor is not None and anchor.document_id == doc["id"]
    assert ctx.repo.document_text(doc["id"])[anchor.start : anchor.end] == "1 712"


def test_the_notes_stay_beside_the_bilaga_while_reading_it(qtbot, seeded):
    c = seeded
    w, ctx = c.window, c.ctx
    doc = _delarsrapport(ctx)
    w.open_item(doc["item_id"])
    notes = w.item_page.notes
    assert notes.isVisible() and w.item_page.isAncestorOf(notes)
    w.open_document(doc["id"])
    assert w.document_page.isAncestorOf(notes) and notes.isVisible()
    notes.edit.setFocus()
    qtbot.keyClicks(notes.edit, "Fråga om prognosen")
    qtbot.waitUntil(
        lambda: "prognosen" in (ctx.annotations.item_note(doc["item_id"]) or {}).get("body", ""), timeout=8000
    )
    w.go_back()
    assert w.reader.currentWidget() is w.item_page
    assert w.item_page.isAncestorOf(notes) and notes.isVisible()
    assert "Fråga om prognosen" in notes.edit.toPlainText()


def test_a_pdf_bilaga_shows_its_page_with_the_text_one_click_away(qtbot, window, ctx):
    doc = next(
        d
        for it in ctx.repo.items(window.current_meeting)
        for d in window.reading.documents(it["id"])
        if d["has_pdf"] and d["kind"] == "bilaga"
    )
    window.open_document(doc["id"], 1)
    dp = window.document_page
    assert dp.is_pdf and dp.text_toggle.isVisible() and not dp.text_toggle.isChecked()
    qtbot.mouseClick(dp.text_toggle, Qt.MouseButton.LeftButton)
    assert dp.stack.currentWidget() is dp.text and not dp.is_pdf
    shown = " ".join(dp.text.toPlainText().split())
    first_words = " ".join(ctx.repo.document_text(doc["id"]).split()[:6])
    assert first_words in shown
    assert not dp.next_page.isVisible() and dp.text_toggle.isVisible()
    qtbot.mouseClick(dp.text_toggle, Qt.MouseButton.LeftButton)
    assert dp.is_pdf and dp.next_page.isVisible()
    # another document opens on its PDF page again
    window.open_document(doc["id"], 1)
    assert dp.is_pdf and not dp.text_toggle.isChecked()


def test_every_stored_version_stays_readable(qtbot, seeded, seeds_dir, tmp_path):
    c = seeded
    w, ctx = c.window, c.ctx
    raw = (seeds_dir / SEED_000).read_text(encoding="utf-8")
    reissue = tmp_path / "kallelse-v2.txt"
    reissue.write_text(raw.replace("755 000 kronor", "810 000 kronor"), encoding="utf-8")
    ctx.importer.import_path(reissue)
    item = ctx.repo.item(MEETING, 5)
    current = next(d for d in ctx.repo.documents(item["id"]) if d["version"] == 2)
    w.open_document(current["id"])
    dp = w.document_page
    assert dp.version_box.isVisible() and dp.version_box.count() == 2
    assert dp.version_box.currentText() == "Version 2 (gällande)" and not dp.version_note.isVisible()
    assert "810 000" in dp.text.toPlainText()
    dp.version_box.activated.emit(1)  # the member picks version 1
    assert w.current_document != current["id"]
    assert dp.version_box.currentText().startswith("Version 1 (från ")
    assert dp.version_note.isVisible() and "tidigare version" in dp.version_note.text()
    text = dp.text.toPlainText()
    assert "755 000" in text and "810 000" not in text
    dp.version_box.activated.emit(0)
    assert w.current_document == current["id"] and "810 000" in dp.text.toPlainText()
