"""The notes overview as a two-level tree: groups (highlights waiting for review first, then one group per
agenda item with its planned position) and, under each, the member's notes and highlights.

Rows hold the annotation dicts of ``AnnotationService`` as they were when loaded; secret ones are only in
the model while the vault is unlocked (the owner reloads it on lock)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from .. import icons
from .agenda import position_label, tag_label
from .roles import AnnotationRole, IdRole, ItemRole, KindRole, PositionRole, ReviewRole

PREVIEW = 280  # characters of a note or quote shown in a row


@dataclass
class Group:
    kind: str  # 'review' | 'item'
    label: str
    item_id: int | None = None
    position: str | None = None
    children: list[dict] = field(default_factory=list)


def _short(text: str, limit: int = PREVIEW) -> str:
    t = " ".join((text or "").split())
    return t if len(t) <= limit else t[:limit].rstrip() + "…"


def source_label(a: dict) -> str:
    """Where a highlight is: 'Bilaga 1 · page 6', the document's title, or the secret part."""
    if a.get("secret"):
        where = QCoreApplication.translate("NotesOverview", "Secret part")
    else:
        where = a.get("bilaga_label") or a.get("document_title") or ""
    if a.get("page"):
        page = QCoreApplication.translate("NotesOverview", "page %1").replace("%1", str(a["page"]))
        where = f"{where} · {page}" if where else page
    return where


def state_text(a: dict) -> str:
    if a.get("state") == "review":
        return QCoreApplication.translate("NotesOverview", "needs review: the passage changed in the new version")
    if a.get("anchor_state") == "needs_review":
        return QCoreApplication.translate("NotesOverview", "needs review: the passage is not in the new version")
    if a.get("anchor_state") == "fuzzy":
        return QCoreApplication.translate("NotesOverview", "the passage was edited in a new version")
    if a.get("on_earlier_version"):
        return QCoreApplication.translate("NotesOverview", "made on an earlier version")
    return ""


def describe(a: dict, limit: int = PREVIEW) -> str:
    """The row text of an annotation: the note, or the quote, where it is and the comment (one line each)."""
    lines = []
    tags = " ".join("#" + tag_label(t) for t in a.get("tags") or [])
    if a["kind"] == "highlight":
        lines.append(f"”{_short(a.get('quote') or '', limit)}”")
        meta = [x for x in (source_label(a), state_text(a), tags) if x]
        if meta:
            lines.append(" · ".join(meta))
        if a.get("state") == "review" and a.get("proposed"):  # the old quote above, the new wording beside it
            lines.append(
                QCoreApplication.translate("NotesOverview", "New wording: %1").replace(
                    "%1", f"”{_short(a['proposed'], limit)}”"
                )
            )
        if (a.get("body") or "").strip():
            comment = QCoreApplication.translate("NotesOverview", "Comment: %1").replace("%1", _short(a["body"], limit))
            lines.append(comment)
    else:
        head = (
            QCoreApplication.translate("NotesOverview", "Note on the secret part")
            if a.get("secret")
            else QCoreApplication.translate("NotesOverview", "Note")
        )
        body = _short(a.get("body") or "", limit)
        lines.append(f"{head}: {body}" if body else head)
        if tags:
            lines.append(tags)
    return "\n".join(lines)


class NotesOverviewModel(QAbstractItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.groups: list[Group] = []

    def load(self, groups: list[Group]) -> None:
        self.beginResetModel()
        self.groups = list(groups)
        self.endResetModel()

    def clear(self) -> None:
        self.load([])

    def annotation_count(self) -> int:
        return sum(len(g.children) for g in self.groups)

    def find(self, ann_id) -> QModelIndex:
        for gi, g in enumerate(self.groups):
            for ci, a in enumerate(g.children):
                if a["id"] == ann_id:
                    return self.index(ci, 0, self.index(gi, 0))
        return QModelIndex()

    # -- QAbstractItemModel ------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        # internal id: 0 for a group, group row + 1 for an annotation under it
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self.groups) else QModelIndex()
        if not self._is_group(parent):
            return QModelIndex()  # annotations have no children
        g = parent.row()
        if 0 <= g < len(self.groups) and row < len(self.groups[g].children):
            return self.createIndex(row, 0, g + 1)
        return QModelIndex()

    @staticmethod
    def _is_group(index: QModelIndex | QPersistentModelIndex) -> bool:
        return index.internalId() == 0

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or self._is_group(index):
            return QModelIndex()
        return self.createIndex(int(index.internalId()) - 1, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.column() != 0 or not self._is_group(parent):
            return 0
        return len(self.groups[parent.row()].children) if 0 <= parent.row() < len(self.groups) else 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if section == 0 and orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Notes and highlights")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if self._is_group(index):
            if not 0 <= index.row() < len(self.groups):
                return None
            return self._group_data(self.groups[index.row()], role)
        g = int(index.internalId()) - 1
        if not (0 <= g < len(self.groups) and 0 <= index.row() < len(self.groups[g].children)):
            return None
        return self._annotation_data(self.groups[g].children[index.row()], role)

    def _group_data(self, g: Group, role: int):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if g.kind == "review":
                return self.tr("Highlights to review (%1)").replace("%1", str(len(g.children)))
            if g.position:
                return g.label + "  —  " + self.tr("planned position: %1").replace("%1", position_label(g.position))
            return g.label
        if role == Qt.ItemDataRole.FontRole:
            from PySide6.QtGui import QFont

            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.DecorationRole and g.kind == "review":
            return icons.icon("warning", color="#b26a00")
        if role == KindRole:
            return "review" if g.kind == "review" else "item"
        if role in (ItemRole, IdRole):
            return g.item_id
        if role == PositionRole:
            return g.position
        if role == ReviewRole:
            return len(g.children) if g.kind == "review" else 0
        return None

    def _annotation_data(self, a: dict, role: int):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe(a)
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe(a, limit=1200)
        if role == Qt.ItemDataRole.DecorationRole:
            if a.get("secret"):
                return icons.icon("lock")
            return icons.icon("highlight" if a["kind"] == "highlight" else "note")
        if role == KindRole:
            return a["kind"]
        if role == IdRole:
            return a["id"]
        if role == ItemRole:
            return a["item_id"]
        if role == AnnotationRole:
            return a
        if role == ReviewRole:
            return 1 if a.get("anchor_state") == "needs_review" else 0
        return None
