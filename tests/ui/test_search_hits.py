"""The search page as a member uses it (issue 12 §3): sort by relevance or date (remembered), one click opens
a hit, demo meetings marked "Exempel", OCR hits marked "maskinellt rättad text", and a bilaga hit opens
at its passage with every word of the query marked. Demo data and the seed kallelser 000 and 002."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from botkyrka_nämnd.search.analysis import stem
from botkyrka_nämnd.ui.models.roles import HitRole, SnippetRole
from tests.conftest import SEED_000, SEED_002

from .conftest import close_client, make_client
from .test_search import _hits

OCR_MEETING = "botkyrka-sn-2018-08-28"


def _search(qtbot, window, query: str) -> None:
    page = window.search_page
    with qtbot.waitSignal(page.results_ready, timeout=10000):
        window.search_field.setText(query)
    qtbot.waitUntil(lambda: page.model.hit_count > 0, timeout=10000)


def test_sort_by_date_from_the_keyboard_and_remembered(qtbot, qapp, ctx, tmp_path, clock, messages):
    client = make_client(qapp, ctx, tmp_path, clock)
    qtbot.waitExposed(client.window)
    window = client.window
    page = window.search_page
    _search(qtbot, window, "placering")
    assert page.sort.accessibleName() and page.sort_label.buddy() is page.sort
    assert page.sort.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert page.sort_order() == "relevance"
    relevance = [h.meeting_date for h in _hits(page.model)]
    page.sort.setFocus()
    with qtbot.waitSignal(page.results_ready, timeout=10000):
        qtbot.keyClick(page.sort, Qt.Key.Key_Down)  # the next choice: date
    assert page.sort_order() == "date"
    by_date = [h.meeting_date for h in _hits(page.model)]
    assert len(set(by_date)) > 1 and by_date == sorted(by_date, reverse=True) and by_date != relevance
    assert client.settings.search_sort == "date"
    # a new start keeps the choice
    close_client(client, qtbot)
    again = make_client(qapp, ctx, tmp_path, clock)
    try:
        assert again.window.search_page.sort_order() == "date"
    finally:
        close_client(again, qtbot)


def test_one_click_opens_a_hit(qtbot, window):
    page = window.search_page
    _search(qtbot, window, "placering")
    tree = page.tree
    first = page.model.first_hit()
    hit = first.data(HitRole)
    tree.scrollTo(first)
    rect = tree.visualRect(first)
    assert window.reader.currentWidget() is page
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.reader.currentWidget() is not page
    assert window.current_item == hit.item_id
    # back, and a click on a meeting row only expands or collapses it
    window.go_back()
    assert window.reader.currentWidget() is page
    meeting = page.model.index(0, 0)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(meeting).center())
    assert window.reader.currentWidget() is page


def test_demo_meetings_are_marked_example_on_hits(qtbot, window, ctx):
    page = window.search_page
    _search(qtbot, window, "placering")
    examples = {m["id"] for m in ctx.meetings.meetings() if m["example"]}
    rows = [page.model.index(i, 0) for i in range(page.model.rowCount())]
    assert examples and rows
    for row in rows:  # every demo meeting is invented: each meeting row of the results says so
        meeting_id = page.model.index(0, 0, page.model.index(0, 0, row)).data(HitRole).meeting_id
        assert meeting_id in examples
        assert " · Exempel" in row.data(), row.data()


@pytest.fixture(scope="module")
def seeds_template(tmp_path_factory, seeds_dir):
    from botkyrka_nämnd import paths
    from botkyrka_nämnd.services.context import AppContext
    from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore

    root = tmp_path_factory.mktemp("seeds") / "data"
    c = AppContext(root, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    try:
        for name in (SEED_000, SEED_002):
            c.importer.import_path(seeds_dir / name)
    finally:
        c.close()
        paths.set_data_dir(None)
    return root


@pytest.fixture
def seeded(qapp, qtbot, seeds_template, data_dir, tmp_path, clock, messages):
    from botkyrka_nämnd.services.context import AppContext
    from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore

    for p in seeds_template.iterdir():
        if p.is_file() and not p.name.endswith(("-wal", "-shm")):
            shutil.copy2(p, data_dir / p.name)
    ctx = AppContext(data_dir, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    c = make_client(qapp, ctx, tmp_path, clock)
    qtbot.waitExposed(c.window)
    yield c
    close_client(c, qtbot)
    ctx.close()


@pytest.mark.seeds
def test_text_bilaga_opens_at_the_passage_with_every_word_marked(qtbot, seeded):
    w = seeded.window
    query = "våld i nära relation"
    _search(qtbot, w, query)
    hits = [h for h in _hits(w.search_page.model) if h.source == "attachment" and h.meeting_id.endswith("2024-09-24")]
    hit = hits[0]
    w.open_hit(hit)
    dp = w.document_page
    assert w.reader.currentWidget() is dp and dp.document_id == hit.document_id and not dp.is_pdf
    view = dp.text
    marks = view.search_marks
    marked = {m.cursor.selectedText().lower() for m in marks}
    for q in ("våld", "nära", "relation"):
        assert any(stem(x) == stem(q) for x in marked), (q, marked)
    assert "relationer" in marked  # inflected forms too
    assert len(marks) > 20  # every occurrence in the document, not the first
    # the snippet's passage is in the visible part of the view, and its words are marked there
    a, b = hit.highlights[0]
    first_word = hit.snippet_text[a:b]

    def passage_visible() -> bool:
        cur = view.textCursor()
        rect = view.cursorRect(cur)
        return view.viewport().rect().contains(rect.center())

    qtbot.waitUntil(passage_visible, timeout=5000)
    cur = view.textCursor()
    cur.movePosition(cur.MoveOperation.NextWord, cur.MoveMode.KeepAnchor)
    assert cur.selectedText().strip().lower().startswith(first_word.lower())
    assert view.verticalScrollBar().value() > 0  # the passage is not at the top of this long bilaga
    visible = [m for m in marks if view.viewport().rect().intersects(view.cursorRect(m.cursor))]
    visible_words = {m.cursor.selectedText().lower() for m in visible}
    for q in ("våld", "nära", "relation"):
        assert any(stem(x) == stem(q) for x in visible_words), (q, visible_words)
    assert dp.find_box.text() == first_word


@pytest.mark.seeds
def test_an_item_hit_marks_every_query_word_in_the_item(qtbot, seeded):
    w = seeded.window
    _search(qtbot, w, "statsbidrag våldsutsatta boende")
    hit = next(h for h in _hits(w.search_page.model) if h.source == "item" and h.meeting_id.endswith("2024-09-24"))
    w.open_hit(hit)
    assert w.reader.currentWidget() is w.item_page and w.current_item == hit.item_id
    marked = {m.cursor.selectedText().lower() for m in w.item_page.browser.search_marks}
    for q in ("statsbidrag", "våldsutsatta", "boende"):
        assert any(stem(x) == stem(q) for x in marked), (q, marked)


@pytest.mark.seeds
def test_ocr_hits_show_repaired_text_and_say_so(qtbot, seeded):
    w = seeded.window
    _search(qtbot, w, "hemsjukvård")
    page = w.search_page
    rows = []
    for m in range(page.model.rowCount()):
        mi = page.model.index(m, 0)
        for i in range(page.model.rowCount(mi)):
            ii = page.model.index(i, 0, mi)
            for k in range(page.model.rowCount(ii)):
                rows.append(page.model.index(k, 0, ii))
    ocr = [r for r in rows if r.data(HitRole).meeting_id == OCR_MEETING]
    assert ocr
    for r in ocr:
        shown = r.data(SnippetRole)
        assert "maskinellt rättad text" in shown and "maskinellt rättad text" in r.data()
        assert "hemsjukvard" not in shown.lower()
    assert not any("maskinellt rättad text" in r.data() for r in rows if r.data(HitRole).meeting_id != OCR_MEETING)
    assert not any("Exempel" in page.model.index(i, 0).data() for i in range(page.model.rowCount()))  # real ones


def _click_link(qtbot, browser, text: str) -> None:
    """A real mouse click on the link whose text is ``text``."""
    cur = browser.document().find(text)
    assert not cur.isNull(), text
    browser.setTextCursor(cur)
    browser.ensureCursorVisible()
    rect = browser.cursorRect(cur)
    mid = cur.selectionStart() + (cur.selectionEnd() - cur.selectionStart()) // 2
    at = QTextCursor(browser.document())
    at.setPosition(mid)
    pos = browser.cursorRect(at).center()
    assert browser.viewport().rect().contains(rect.center())
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=pos)


@pytest.mark.seeds
def test_repaired_ocr_text_is_marked_with_the_scan_one_click_away(qtbot, seeded):
    """Seed 002 (OCR): item 5's text is shown repaired under a "maskinellt rättad text" mark; one click
    shows the scanned text as read, another click the repair again. Its bilaga (shown as text) too."""
    w = seeded.window
    ctx = seeded.ctx
    item = ctx.repo.item(OCR_MEETING, 5)
    w.open_item(item["id"])
    browser = w.item_page.browser
    text = browser.toPlainText()
    assert "Maskinellt rättad text" in text and "Visa skannad originaltext" in text
    assert "hemsjukvård" in text and "hemsjukvard" not in text
    _click_link(qtbot, browser, "Visa skannad originaltext")
    qtbot.waitUntil(lambda: "Visa maskinellt rättad text" in browser.toPlainText(), timeout=5000)
    raw = browser.toPlainText()
    assert "Skannad originaltext" in raw and "hemsjukvard" in raw  # as printed: no å/ä/ö in 002
    assert "Tryckt rubrik:" in raw
    _click_link(qtbot, browser, "Visa maskinellt rättad text")
    qtbot.waitUntil(lambda: "Visa skannad originaltext" in browser.toPlainText(), timeout=5000)
    assert browser.toPlainText() == text
    # a bilaga of the same item, shown as text
    doc = next(d for d in ctx.meetings.documents(item["id"]) if d.get("bilaga_label") or d["kind"] == "bilaga")
    w.open_document(doc["id"])
    view = w.document_page.text
    assert w.reader.currentWidget() is w.document_page and not w.document_page.is_pdf
    shown = view.toPlainText()
    assert "Maskinellt rättad text" in shown and "Visa skannad originaltext" in shown
    _click_link(qtbot, view, "Visa skannad originaltext")
    qtbot.waitUntil(lambda: "Visa maskinellt rättad text" in view.toPlainText(), timeout=5000)
    assert view.toPlainText() != shown and "é" in view.toPlainText()  # the scan's look-alikes
    _click_link(qtbot, view, "Visa maskinellt rättad text")
    qtbot.waitUntil(lambda: view.toPlainText() == shown, timeout=5000)


@pytest.mark.seeds
def test_digital_text_carries_no_repair_mark(qtbot, seeded):
    w = seeded.window
    item = seeded.ctx.repo.item("botkyrka-sn-2024-09-24", 5)
    w.open_item(item["id"])
    assert "Maskinellt rättad text" not in w.item_page.browser.toPlainText()
