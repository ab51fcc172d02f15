"""Search as you type: debounced, on a worker thread, grouped results, filters, opening a hit; secret hits
only while the vault is open."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from botkyrka_nämnd.ui.models.roles import HitRole, KindRole

from .conftest import PASSPHRASE


def _hits(model):
    out = []
    for m in range(model.rowCount()):
        mi = model.index(m, 0)
        for i in range(model.rowCount(mi)):
            ii = model.index(i, 0, mi)
            for h in range(model.rowCount(ii)):
                out.append(model.index(h, 0, ii).data(HitRole))
    return out


def _spy_search(monkeypatch, ctx):
    calls = []
    real = ctx.search.search

    def spy(query, **kw):
        calls.append((query, threading.get_ident(), kw))
        return real(query, **kw)

    monkeypatch.setattr(ctx.search, "search", spy)
    return calls


def test_results_as_you_type_on_a_worker_thread(qtbot, window, ctx, monkeypatch):
    calls = _spy_search(monkeypatch, ctx)
    window.act_search.trigger()
    assert window.search_field.hasFocus()
    with qtbot.waitSignal(window.search_page.results_ready, timeout=10000) as blocker:
        qtbot.keyClicks(window.search_field, "placering")
    assert blocker.args[0] > 0
    assert window.reader.currentWidget() is window.search_page
    assert [c[0] for c in calls] == ["placering"]  # debounced: one query for nine key presses
    assert calls[0][1] != threading.main_thread().ident  # not on the UI thread
    assert calls[0][2]["include_secret"] is False
    model = window.search_page.model
    assert model.index(0, 0).data(KindRole) == "meeting"
    hits = _hits(model)
    assert len(hits) == blocker.args[0] and all(not h.secret for h in hits)
    assert window.search_page.status.text().endswith(("träff", "träffar"))


def test_typing_swedish_letters(qtbot, window):
    window.act_search.trigger()
    with qtbot.waitSignal(window.search_page.results_ready, timeout=10000) as blocker:
        for ch in "våld":
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, window.search_field, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
            )
    assert window.search_field.text() == "våld"
    assert blocker.args[0] > 0


def test_open_attachment_hit_goes_to_the_page(qtbot, window, ctx):
    window.search_field.setText("placering")
    qtbot.waitUntil(lambda: window.search_page.model.hit_count > 0, timeout=10000)
    hits = [h for h in _hits(window.search_page.model) if h.source == "attachment" and h.page]
    doc_pages = {h.document_id: ctx.repo.document(h.document_id)["page_start"] for h in hits}
    # a hit past its document's first page, so going to the first match in the document would be wrong
    hit = next(h for h in hits if h.page > doc_pages[h.document_id])
    window.open_hit(hit)
    dp = window.document_page
    assert window.reader.currentWidget() is dp and dp.document_id == hit.document_id and dp.is_pdf
    expected = hit.page - doc_pages[hit.document_id] + 1
    a, b = hit.highlights[0]
    assert dp.find_box.text() == hit.snippet_text[a:b]  # the word as it stands there ("placeringar")
    qtbot.waitUntil(lambda: dp.match_count() > 0 and dp.find_status.text() != "", timeout=10000)
    assert dp.current_page() == expected
    # back returns to the results
    window.go_back()
    assert window.reader.currentWidget() is window.search_page


def test_open_item_hit_highlights_the_words(qtbot, window):
    window.search_field.setText("placering")
    qtbot.waitUntil(lambda: window.search_page.model.hit_count > 0, timeout=10000)
    hit = next(h for h in _hits(window.search_page.model) if h.source == "item")
    window.open_hit(hit)
    assert window.reader.currentWidget() is window.item_page and window.current_item == hit.item_id
    assert window.item_page.browser.textCursor().selectedText().lower().startswith("placering")


def test_keyboard_enter_opens_first_hit_and_down_goes_to_results(qtbot, window):
    window.act_search.trigger()
    qtbot.keyClicks(window.search_field, "placering")
    qtbot.waitUntil(lambda: window.search_page.model.hit_count > 0, timeout=10000)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    tree = window.search_page.tree
    assert tree.hasFocus() and tree.currentIndex().data(KindRole) == "hit"
    first = tree.currentIndex().data(HitRole)
    window.search_field.setFocus()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.current_item == first.item_id


def test_filters(qtbot, window):
    page = window.search_page
    window.search_field.setText("placering")
    qtbot.waitUntil(lambda: page.model.hit_count > 0, timeout=10000)
    assert {h.source for h in _hits(page.model)} >= {"attachment"}
    with qtbot.waitSignal(page.results_ready, timeout=10000):
        page.src_attachment.setChecked(False)
    assert page.model.hit_count > 0 and all(h.source != "attachment" for h in _hits(page.model))
    # a year with no meetings has no hits
    years = [page.period.itemData(i) for i in range(page.period.count()) if isinstance(page.period.itemData(i), int)]
    assert years
    with qtbot.waitSignal(page.results_ready, timeout=10000):
        page.period.setCurrentIndex(page.period.findData(years[0]))
    assert all(h.meeting_date.startswith(str(years[0])) for h in _hits(page.model))


def test_secret_hits_only_while_unlocked(qtbot, window, client, ctx):
    page = window.search_page
    window.search_field.setText("bemanningen")
    qtbot.waitSignal(page.results_ready, timeout=10000).wait()
    assert not any(h.secret for h in _hits(page.model))
    ctx.unlock(PASSPHRASE)
    client.lock.mark_unlocked()
    with qtbot.waitSignal(page.results_ready, timeout=10000):
        page.run_now()
    secret = [h for h in _hits(page.model) if h.secret]
    assert secret, "the demo's secret part mentions bemanningen"
    # locking clears secret results and the query
    client.lock.lock("manual")
    assert page.model.rowCount() == 0 and window.search_field.text() == ""
    assert not page.model.has_secret()
