"""What changed in a re-issued kallelse, for one item or the whole meeting: per document, the words that
were removed (struck through) and added (underlined), with a little context; amounts, dates and names stand
out in bold. The data comes from :mod:`botkyrka_nämnd.services.changes` (computed off the UI thread)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget


def _words(text: str, emphasis: set[str]) -> str:
    return " ".join(f"<b>{html.escape(w)}</b>" if w in emphasis else html.escape(w) for w in text.split(" ") if w)


class ChangesDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 520)
        lay = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Removed words are struck through, new words underlined; amounts, dates and names are in bold.")
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("What changed"))
        self.browser.setPlainText(self.tr("Comparing the versions…"))
        lay.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.found: list[Any] | None = None

    def show_changes(self, found: list[Any]) -> None:
        self.found = found
        self.browser.setHtml(self.changes_html(found))

    def changes_html(self, found: list[Any]) -> str:
        """The changes as HTML."""
        if not found:
            nothing = self.tr("Nothing has changed since the version you read.")
            return f"<p>{html.escape(nothing)}</p>"
        parts = []
        for c in found:
            since = (
                self.tr("compared with the version you read")
                if c.read
                else self.tr("compared with the previous version")
            )
            versions = self.tr("version %1 → %2").replace("%1", str(c.from_version)).replace("%2", str(c.to_version))
            head = f"{c.item_number}. {c.item_title}" if c.item_number is not None else c.item_title
            parts.append(
                f"<h3>{html.escape(head)}</h3><p><i>{html.escape(c.document)}</i> · {html.escape(versions)}"
                f" · {html.escape(since)}</p><ul>"
            )
            for h in c.hunks:
                em = set(h.emphasis)
                old = f'<s style="color:#b3261e">{_words(h.old, em)}</s>' if h.old else ""
                new = f'<u style="color:#1b6e2f">{_words(h.new, em)}</u>' if h.new else ""
                parts.append(f"<li>… {html.escape(h.before)} {old} {new} {html.escape(h.after)} …</li>")
            parts.append("</ul>")
        return "".join(parts)
