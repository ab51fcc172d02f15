"""Print (Ctrl+P) what is open, through Qt's print dialog: the item, the meeting's page with the member's
notes, or a bilaga (its PDF pages, or its text). Secret content is never printed: while it is shown,
printing is refused with a word on how to print the public text (a print can end up as a file or on paper
anywhere, like an export)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QObject, QRectF, QSizeF
from PySide6.QtGui import QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter


class PrintController(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.w = window
        self.ctx = window.ctx

    def choose_print(self) -> None:
        """Ctrl+P: the print dialog for what is open."""
        if self._refused():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dlg = QPrintDialog(printer, self.w)
        dlg.setWindowTitle(self.tr("Print"))
        if dlg.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def _refused(self) -> bool:
        w = self.w
        page = w.reader.currentWidget()
        secret = (page is w.item_page and w.item_page.secret_banner.isVisible()) or w.in_meeting_mode
        if secret and w.lock.is_unlocked:
            w.statusBar().showMessage(
                self.tr(
                    "Printing is turned off while secret content is shown. Lock (Ctrl+L) to print the public text."
                ),
                8000,
            )
            return True
        if page not in (w.item_page, w.meeting_page, w.document_page):
            w.statusBar().showMessage(self.tr("Open an item, a meeting or a document to print it."), 5000)
            return True
        return False

    def print_to(self, printer: QPrinter) -> bool:
        """Print what is open on ``printer`` (a QPrinter set to a PDF file in the tests). False: refused."""
        if self._refused():
            return False
        w = self.w
        page = w.reader.currentWidget()
        if page is w.document_page and w.document_page.is_pdf:
            return self._print_pdf(printer)
        doc = QTextDocument()
        if page is w.item_page:  # the title and the facts line are labels above the text: printed first
            head = f"<h2>{html.escape(w.item_page.title.text())}</h2><p>{html.escape(w.item_page.meta.text())}</p>"
            doc.setHtml(head + w.item_page.browser.toHtml())
        elif page is w.meeting_page:
            doc.setHtml(w.meeting_page.browser.toHtml() + self._notes_html(w.nav.current_meeting))
        else:
            doc.setPlainText(w.document_page.text.toPlainText())
        doc.print_(printer)
        return True

    def _notes_html(self, meeting_id: str | None) -> str:
        """The member's public notes of the meeting, after its agenda (secret notes are never printed)."""
        if meeting_id is None:
            return ""
        notes = self.ctx.annotations.notes_for_meeting(meeting_id, include_secret=False)
        if not notes:
            return ""
        heading = self.tr("My notes")
        out = [f"<h3>{html.escape(heading)}</h3><ul>"]
        for n in notes:
            head = f"{n['item_number']}. " if n.get("item_number") is not None else ""
            quote = f"”{html.escape(n['quote'])}” " if n.get("quote") else ""
            out.append(
                f"<li><b>{html.escape(head + (n.get('item_title') or ''))}</b>: {quote}{html.escape(n.get('body') or '')}</li>"
            )
        out.append("</ul>")
        return "".join(out)

    def _print_pdf(self, printer: QPrinter) -> bool:
        """The bilaga's own PDF pages, one per printed page, scaled to fit."""
        pdf = self.w.document_page.pdf
        painter = QPainter()
        if pdf is None or not painter.begin(printer):
            return False
        try:
            rect = printer.pageLayout().paintRectPixels(printer.resolution())
            for n in range(pdf.pageCount()):
                if n:
                    printer.newPage()
                size = pdf.pagePointSize(n)
                scale = min(rect.width() / max(1.0, size.width()), rect.height() / max(1.0, size.height()))
                target = QSizeF(size.width() * scale, size.height() * scale).toSize()
                image = pdf.render(n, target)
                painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
        finally:
            painter.end()
        return True
