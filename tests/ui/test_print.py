"""Print (Ctrl+P) through Qt's printing (issue 12), here to a PDF file via QPrinter: the item, the meeting's
agenda with the member's notes, a bilaga's own pages; never while secret content is shown."""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtPrintSupport import QPrinter

from .conftest import PASSPHRASE, first_item_with, secret_item


def _printer(path) -> QPrinter:
    p = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    p.setOutputFileName(str(path))
    return p


def _text(path) -> tuple[int, str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc), " ".join(" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc)))
    finally:
        doc.close()


def test_print_the_item_and_the_meeting_with_my_notes(window, ctx, tmp_path):
    mid = window.current_meeting
    item = first_item_with(ctx, mid, lambda it: bool(it["proposal"]))
    ctx.annotations.add_note(item["id"], "Min utskrivna fråga om budgeten")
    window.open_item(item["id"])
    out = tmp_path / "item.pdf"
    assert window.print_ctl.print_to(_printer(out))
    pages, text = _text(out)
    assert pages >= 1 and " ".join(item["title"].split()[:4]) in text
    window.select_meeting(mid)
    window.meetings_view.clicked.emit(window.meetings_model.index_of(mid))  # the meeting's page
    assert window.reader.currentWidget() is window.meeting_page
    out = tmp_path / "meeting.pdf"
    assert window.print_ctl.print_to(_printer(out))
    _pages, text = _text(out)
    assert "Ärendelista" in text and "Mina anteckningar" in text and "Min utskrivna fråga om budgeten" in text


def test_print_a_bilaga_gives_its_own_pages(window, ctx, tmp_path, qtbot):
    mid = window.current_meeting
    for it in ctx.repo.items(mid):
        docs = [d for d in window.reading.documents(it["id"]) if d["has_pdf"] and d["kind"] == "bilaga"]
        if docs:
            break
    else:
        raise AssertionError("the demo meeting has a bilaga with PDF pages")
    window.open_item(it["id"])
    window.open_document(docs[0]["id"])
    qtbot.waitUntil(lambda: window.document_page.is_pdf, timeout=10000)
    out = tmp_path / "bilaga.pdf"
    assert window.print_ctl.print_to(_printer(out))
    pages = _text(out)[0]
    assert pages == window.document_page.pdf.pageCount() >= 1


def test_nothing_is_printed_while_secret_content_is_shown(window, client, ctx, tmp_path):
    it = secret_item(ctx)
    window.select_meeting(it["meeting_id"])
    ctx.unlock(PASSPHRASE)
    client.lock.mark_unlocked()
    window.open_item(it["id"])
    assert window.item_page.secret_banner.isVisible()
    out = tmp_path / "secret.pdf"
    assert window.print_ctl.print_to(_printer(out)) is False and not out.exists()
    assert "Lås" in window.statusBar().currentMessage()
