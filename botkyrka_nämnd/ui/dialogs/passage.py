"""Dialogs around highlights: choosing a passage in a text (a PDF page's text, or the new version of a
document when placing a highlight that needs review) and writing a highlight's comment and tags."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..models.agenda import tag_label
from ..views.anchors import Anchor
from ..views.item_html import Colors, esc, render_document
from ..views.reader import ReaderBrowser
from ..widgets.notes import SUGGESTED_TAGS, chip_style

QUOTE_PREVIEW = 300


def _quote_label(quote: str) -> QLabel:
    q = " ".join((quote or "").split())
    if len(q) > QUOTE_PREVIEW:
        q = q[:QUOTE_PREVIEW].rstrip() + "…"
    label = QLabel(f"<i>”{esc(q)}”</i>")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    return label


class _TagChips(QWidget):
    def __init__(self, tags: list[str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.buttons: dict[str, QToolButton] = {}
        extra = [t for t in (tags or []) if t not in SUGGESTED_TAGS]
        for t in (*SUGGESTED_TAGS, *extra):
            b = QToolButton()
            b.setObjectName("chip")
            b.setStyleSheet(chip_style())
            b.setText(tag_label(t))
            b.setCheckable(True)
            b.setChecked(t in (tags or []))
            b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            b.setAccessibleName(self.tr("Tag: %1").replace("%1", tag_label(t)))
            lay.addWidget(b)
            self.buttons[t] = b
        lay.addStretch(1)

    def tags(self) -> list[str]:
        return [t for t, b in self.buttons.items() if b.isChecked()]


class CommentDialog(QDialog):
    """The comment and tags of a highlight (a new one, or editing one)."""

    def __init__(
        self,
        quote: str,
        comment: str = "",
        tags: list[str] | None = None,
        *,
        editing: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Highlight with comment") if not editing else self.tr("Edit highlight"))
        lay = QVBoxLayout(self)
        lay.addWidget(_quote_label(quote))
        label = QLabel(self.tr("&Comment (optional):"))
        lay.addWidget(label)
        self.comment = QPlainTextEdit(comment)
        self.comment.setAccessibleName(self.tr("Comment"))
        self.comment.setTabChangesFocus(True)
        label.setBuddy(self.comment)
        lay.addWidget(self.comment, 1)
        lay.addWidget(QLabel(self.tr("Tags:")))
        self.chips = _TagChips(tags, self)
        lay.addWidget(self.chips)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("&Save") if editing else self.tr("&Highlight")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.comment.setFocus()
        self.resize(520, 320)

    def values(self) -> tuple[str, list[str]]:
        return self.comment.toPlainText().strip(), self.chips.tags()


class PassageDialog(QDialog):
    """Shows a document's text (or the part on some pages) for choosing a passage: to highlight on a PDF
    page, or to place a highlight that needs review on the new version."""

    def __init__(
        self,
        doc: dict,
        sections: list[dict],
        *,
        title: str,
        intro: str,
        ok_text: str,
        pages: set[int] | None = None,
        quote: str | None = None,
        with_comment: bool = True,
        annotations: list[dict] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.doc = doc
        lay = QVBoxLayout(self)
        info = QLabel(intro)
        info.setWordWrap(True)
        lay.addWidget(info)
        if quote:
            lay.addWidget(_quote_label(quote))
        self.browser = ReaderBrowser()
        self.browser.setAccessibleName(self.tr("Text to choose a passage from"))
        self.browser.managing = False
        colors = Colors.from_palette(QApplication.palette())
        spans: list = []
        self.browser.set_mapped_html(
            render_document(doc, sections, colors, spans=spans, pages=pages, title=False), spans
        )
        self.browser.paint_highlights(annotations or [], colors.mark)
        self.browser.mark_requested.connect(lambda _a, _c: self._accept_if_selected())
        lay.addWidget(self.browser, 1)
        self.comment = None
        if with_comment:
            label = QLabel(self.tr("&Comment (optional):"))
            lay.addWidget(label)
            self.comment = QPlainTextEdit()
            self.comment.setAccessibleName(self.tr("Comment"))
            self.comment.setTabChangesFocus(True)
            self.comment.setMaximumHeight(80)
            label.setBuddy(self.comment)
            lay.addWidget(self.comment)
        self.hint = QLabel()
        self.hint.setObjectName("passageHint")
        lay.addWidget(self.hint)
        buttons = QDialogButtonBox()
        self.ok = QPushButton(ok_text)
        self.ok.setDefault(True)
        buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept_if_selected)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.browser.selectionChanged.connect(self._selection_changed)
        self._selection_changed()
        self.resize(720, 560)
        self.browser.setFocus()

    @property
    def mapped(self) -> int:
        return self.browser.anchors.mapped

    def anchor(self) -> Anchor | None:
        return self.browser.selection_anchor()

    def comment_text(self) -> str:
        return self.comment.toPlainText().strip() if self.comment is not None else ""

    def select_text(self, text: str) -> bool:
        """Select the first occurrence of ``text`` (tests, and the keyboard-only path via Find)."""
        cur = self.browser.document().find(text)
        if cur.isNull():
            return False
        self.browser.setTextCursor(cur)
        return True

    def _selection_changed(self) -> None:
        ok = self.anchor() is not None
        self.ok.setEnabled(ok)
        if not self.mapped:
            self.hint.setText(self.tr("There is no text for this page in the notice."))
        else:
            self.hint.setText(
                "" if ok else self.tr("Select a passage with the mouse or with Shift and the arrow keys.")
            )

    def _accept_if_selected(self) -> None:
        if self.anchor() is not None:
            self.accept()
