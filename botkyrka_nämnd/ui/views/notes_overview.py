"""Notes overview of a meeting ("Mina anteckningar"): every note and highlight in agenda order with the
planned position per item, the highlights that need review first (with "Place…" and "Dismiss"), a tag
filter (this meeting, or all meetings), and export. Activating a row opens the item or document at it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .. import icons, scale
from ..models.agenda import tag_label
from ..models.notes_overview import Group, NotesOverviewModel
from ..models.roles import AnnotationRole, ItemRole, KindRole


class NotesOverviewPage(QWidget):
    open_annotation = Signal(object)  # annotation dict
    open_item = Signal(int)
    place_requested = Signal(object)
    accept_requested = Signal(object)
    dismiss_requested = Signal(object)
    delete_requested = Signal(object)
    export_requested = Signal()
    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.meeting_id: str | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 6)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        scale.relative_font(self.title, 1.35, bold=True)
        lay.addWidget(self.title)

        bar = QHBoxLayout()
        self.tag_label = QLabel(self.tr("&Tag:"))
        bar.addWidget(self.tag_label)
        self.tag_filter = QComboBox()
        self.tag_filter.setAccessibleName(self.tr("Show only annotations with this tag"))
        self.tag_filter.setMinimumWidth(160)
        self.tag_label.setBuddy(self.tag_filter)
        self.tag_filter.currentIndexChanged.connect(self._filter_changed)
        bar.addWidget(self.tag_filter)
        self.all_meetings = QCheckBox(self.tr("In &all meetings"))
        self.all_meetings.setToolTip(self.tr("Show the annotations with this tag from every meeting"))
        self.all_meetings.toggled.connect(lambda _on: self.filter_changed.emit())
        bar.addWidget(self.all_meetings)
        bar.addStretch(1)
        self.export_button = QPushButton(self.tr("&Export my notes…"))
        icons.themed(self.export_button, "export")
        self.export_button.setToolTip(
            self.tr("Save this meeting's notes as PDF or Markdown (secret parts are never included)")
        )
        self.export_button.clicked.connect(self.export_requested)
        bar.addWidget(self.export_button)
        lay.addLayout(bar)

        self.model = NotesOverviewModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("My notes and highlights"))
        self.tree.setWordWrap(False)  # one row line per text line, elided; the whole text is in the tooltip
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.activated.connect(self._activated)  # Enter, double click
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        lay.addWidget(self.tree, 1)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setObjectName("overviewEmpty")
        lay.addWidget(self.empty)

        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.clicked.connect(lambda: self._activated(self.tree.currentIndex()))
        self.accept_button = QPushButton(self.tr("&Accept the new wording"))
        self.accept_button.setToolTip(
            self.tr("Move the highlight to the proposed passage in the new version; its quote becomes the new text")
        )
        self.accept_button.clicked.connect(lambda: self._emit_for_current(self.accept_requested))
        self.place_button = QPushButton(self.tr("&Place…"))
        self.place_button.setToolTip(self.tr("Mark where the passage is in the new version of the document"))
        self.place_button.clicked.connect(lambda: self._emit_for_current(self.place_requested))
        self.dismiss_button = QPushButton(self.tr("&Keep on the old version"))
        self.dismiss_button.setToolTip(self.tr("Keep the highlight on the version it was made on"))
        self.dismiss_button.clicked.connect(lambda: self._emit_for_current(self.dismiss_requested))
        self.delete_button = QPushButton(self.tr("&Remove"))
        self.delete_button.setToolTip(self.tr("Remove this note or highlight"))
        self.delete_button.clicked.connect(lambda: self._emit_for_current(self.delete_requested))
        for b in (self.open_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        review = QHBoxLayout()  # the answers to a highlight waiting for review, on a row of their own
        for b in (self.accept_button, self.place_button, self.dismiss_button):
            review.addWidget(b)
        review.addStretch(1)
        lay.addLayout(review)
        self._update_buttons()

    # -- content -----------------------------------------------------------------------------------
    @property
    def tag(self) -> str | None:
        return self.tag_filter.currentData()

    @property
    def in_all_meetings(self) -> bool:
        return self.all_meetings.isChecked() and self.tag is not None

    def set_tags(self, tags: list[str]) -> None:
        """The tags in use; keeps the chosen one if it is still there."""
        current = self.tag
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("All tags"), None)
        for t in tags:
            self.tag_filter.addItem(tag_label(t), t)
        i = self.tag_filter.findData(current) if current is not None else 0
        self.tag_filter.setCurrentIndex(max(0, i))
        self.tag_filter.blockSignals(False)
        self.all_meetings.setEnabled(self.tag is not None)

    def load(self, meeting_id: str | None, title: str, groups: list[Group]) -> None:
        current = self.tree.currentIndex().data(AnnotationRole)
        self.meeting_id = meeting_id
        self.title.setText(title)
        self.model.load(groups)
        self.tree.expandAll()
        idx = self.model.find(current["id"]) if current is not None else QModelIndex()
        if not idx.isValid() and self.model.rowCount():  # the first entry, so the buttons work at once
            first = self.model.index(0, 0)
            idx = self.model.index(0, 0, first) if self.model.rowCount(first) else first
        if idx.isValid():
            self.tree.setCurrentIndex(idx)
        if not groups:
            self.empty.setText(
                self.tr("No notes with this tag.")
                if self.tag
                else self.tr(
                    "No notes or highlights in this meeting yet. Write in \u201cMy notes\u201d beside an item, or select "
                    "text in an item and press Ctrl+H to highlight it."
                )
            )
            self.empty.show()
        else:
            self.empty.hide()
        self.export_button.setEnabled(meeting_id is not None)
        self._update_buttons()

    def clear(self) -> None:
        self.load(None, "", [])

    def select(self, ann_id) -> bool:
        idx = self.model.find(ann_id)
        if idx.isValid():
            self.tree.setCurrentIndex(idx)
        return idx.isValid()

    # -- events ------------------------------------------------------------------------------------
    def _filter_changed(self) -> None:
        self.all_meetings.setEnabled(self.tag is not None)
        self.filter_changed.emit()

    def current_annotation(self) -> dict | None:
        return self.tree.currentIndex().data(AnnotationRole)

    def _update_buttons(self) -> None:
        idx = self.tree.currentIndex()
        a = idx.data(AnnotationRole) if idx.isValid() else None
        review = bool(a and a.get("anchor_state") == "needs_review" and not a.get("secret"))
        self.open_button.setEnabled(idx.isValid() and (a is not None or idx.data(ItemRole) is not None))
        self.accept_button.setEnabled(review and bool(a and a.get("state") == "review"))
        self.place_button.setEnabled(review)
        self.dismiss_button.setEnabled(review)
        self.delete_button.setEnabled(a is not None)

    def _emit_for_current(self, signal) -> None:
        a = self.current_annotation()
        if a is not None:
            signal.emit(a)

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        a = index.data(AnnotationRole)
        if a is not None:
            self.open_annotation.emit(a)
        elif index.data(KindRole) == "item" and index.data(ItemRole) is not None:
            self.open_item.emit(int(index.data(ItemRole)))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Delete and self.tree.hasFocus():
            self._emit_for_current(self.delete_requested)
            return
        super().keyPressEvent(event)
