"""The documents of one item (tjänsteskrivelse, bilagor, ...) with their read state and page range."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from .. import icons
from .agenda import document_kind_label, state_label
from .roles import IdRole, KindRole, PageRole, SortRole, StateRole


class DocumentsModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self._item_title = ""

    def load(self, documents: list[dict], states: dict[int, str], item_title: str | None = None) -> None:
        self.beginResetModel()
        self._item_title = _norm(item_title)
        self._rows = [
            {
                "id": d["id"],
                "title": d["title"],
                "kind": d["kind"],
                "label": d.get("bilaga_label"),
                "version": d.get("version") or 1,
                "pages": (d["page_start"], d["page_end"]) if d.get("page_start") else None,
                "has_pdf": bool(d.get("has_pdf")),
                "state": states.get(d["id"], "unread"),
                "withdrawn": bool(d.get("withdrawn_at")),
            }
            for d in documents
        ]
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def set_state(self, document_id: int, state: str) -> None:
        for i, r in enumerate(self._rows):
            if r["id"] == document_id and r["state"] != state:
                r["state"] = state
                idx = self.index(i)
                self.dataChanged.emit(idx, idx)

    def row_of(self, document_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r["id"] == document_id:
                return i
        return None

    def document_row(self, row: int) -> dict | None:
        return dict(self._rows[row]) if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def label(self, r: dict) -> str:
        head = r["label"] or document_kind_label(r["kind"])
        same_as_item = _norm(r["title"]) == self._item_title
        if same_as_item:  # "Tjänsteskrivelse" says more than the item's title again
            text = head
        elif r["label"] and r["title"] != r["label"]:
            text = f"{head}: {r['title']}"
        else:
            text = r["title"]
        if r["version"] > 1:
            text += " " + self.tr("(version %1)").replace("%1", str(r["version"]))
        if r.get("withdrawn"):
            text += " " + self.tr("(withdrawn at the source)")
        return text

    def pages_text(self, r: dict) -> str:
        if not r["pages"]:
            return ""
        a, b = r["pages"]
        n = (b or a) - a + 1
        return self.tr("%n page(s)", "", n)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            pages = self.pages_text(r)
            return f"{self.label(r)}" + (f"  ·  {pages}" if pages else "")
        if role == IdRole:
            return r["id"]
        if role == KindRole:
            return r["kind"]
        if role == StateRole:
            return r["state"]
        if role == PageRole:
            return r["pages"][0] if r["pages"] else None
        if role == SortRole:
            return index.row()
        if role == Qt.ItemDataRole.DecorationRole:
            return icons.icon("pdf" if r["has_pdf"] else "document")
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            kind = document_kind_label(r["kind"])
            extra = self.tr("PDF") if r["has_pdf"] else self.tr("text only")
            return f"{self.label(r)} – {kind}, {extra}, {state_label(r['state']).lower()}"
        if role == Qt.ItemDataRole.FontRole and r["state"] != "read":
            from PySide6.QtGui import QFont

            f = QFont()
            f.setBold(True)
            return f
        return None


def _norm(text: str | None) -> str:
    return " ".join((text or "").replace("–", "-").replace("—", "-").split()).casefold()
