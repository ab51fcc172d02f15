"""Meetings per nämnd: committee rows with their meetings below, upcoming meetings first (soonest first),
then earlier ones (newest first). Each meeting carries unread and changed-since-read counts."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QAbstractItemModel, QDate, QLocale, QModelIndex, QPersistentModelIndex, Qt

from .. import icons
from .roles import ChangedRole, IdRole, KindRole, SortRole, UnreadRole, UpcomingRole

_NO_PARENT = 0  # internal id of top-level (committee) rows


def order_meetings(rows: list[dict], today: str) -> list[dict]:
    upcoming = sorted((r for r in rows if r["date"] >= today), key=lambda r: (r["date"], r["id"]))
    past = sorted((r for r in rows if r["date"] < today), key=lambda r: (r["date"], r["id"]), reverse=True)
    return upcoming + past


class MeetingsModel(QAbstractItemModel):
    def __init__(self, parent=None, *, today: _dt.date | None = None):
        super().__init__(parent)
        self._today = today
        self._committees: list[dict] = []  # {"id", "name", "meetings": [row...]}
        self._index: dict[str, tuple[int, int]] = {}

    # -- loading ---------------------------------------------------------------------------------
    def load(self, meetings: list[dict], counts: dict) -> None:
        """``meetings``: rows of ``Repository.meetings()``; ``counts``: ``ReadingService.meeting_counts()``."""
        today = (self._today or _dt.date.today()).isoformat()
        self.beginResetModel()
        groups: dict[str, dict] = {}
        kommuner = {m.get("kommun") for m in meetings if m.get("kommun")}
        for m in meetings:
            name = m["committee"]
            if len(kommuner) > 1 and m.get("kommun"):  # members of bodies in several kommuner (a kommunalförbund)
                name = f"{name} ({m['kommun'].removesuffix(' kommun')})"
            g = groups.setdefault(m["committee_id"], {"id": m["committee_id"], "name": name, "meetings": []})
            c = counts.get(m["id"])
            g["meetings"].append(
                {**m, "unread": c.unread if c else 0, "changed": c.changed if c else 0, "upcoming": m["date"] >= today}
            )
        self._committees = sorted(groups.values(), key=lambda g: g["name"])
        self._index = {}
        for ci, g in enumerate(self._committees):
            g["meetings"] = order_meetings(g["meetings"], today)
            for mi, m in enumerate(g["meetings"]):
                self._index[m["id"]] = (ci, mi)
        self.endResetModel()

    def update_counts(self, counts: dict) -> None:
        """Update the badges of the meetings in ``counts`` (others keep theirs)."""
        for g_i, g in enumerate(self._committees):
            for m_i, m in enumerate(g["meetings"]):
                if m["id"] not in counts:
                    continue
                c = counts[m["id"]]
                new = (c.unread, c.changed)
                if new != (m["unread"], m["changed"]):
                    m["unread"], m["changed"] = new
                    idx = self.index(m_i, 0, self.index(g_i, 0))
                    self.dataChanged.emit(
                        idx,
                        idx,
                        [
                            Qt.ItemDataRole.DisplayRole,
                            UnreadRole,
                            ChangedRole,
                            Qt.ItemDataRole.ToolTipRole,
                            Qt.ItemDataRole.AccessibleTextRole,
                        ],
                    )

    def clear(self) -> None:
        self.beginResetModel()
        self._committees, self._index = [], {}
        self.endResetModel()

    # -- lookup ----------------------------------------------------------------------------------
    def index_of(self, meeting_id: str) -> QModelIndex:
        pos = self._index.get(meeting_id)
        if pos is None:
            return QModelIndex()
        return self.index(pos[1], 0, self.index(pos[0], 0))

    def first_meeting(self) -> QModelIndex:
        for ci, g in enumerate(self._committees):
            if g["meetings"]:
                return self.index(0, 0, self.index(ci, 0))
        return QModelIndex()

    def meeting_ids(self) -> list[str]:
        return [m["id"] for g in self._committees for m in g["meetings"]]

    def meeting_years(self) -> list[int]:
        """The years that have meetings (for the search period filter); from the dates, never the ids."""
        return sorted(
            {int(m["date"][:4]) for g in self._committees for m in g["meetings"] if (m.get("date") or "")[:4].isdigit()}
        )

    def meeting_row(self, index: QModelIndex) -> dict | None:
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return None
        g = self._committees[index.internalId() - 1]
        return g["meetings"][index.row()]

    # -- QAbstractItemModel ----------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self._committees):
                return QModelIndex()
            return self.createIndex(row, 0, _NO_PARENT)
        if parent.internalId() != _NO_PARENT or parent.row() >= len(self._committees):
            return QModelIndex()
        if row >= len(self._committees[parent.row()]["meetings"]):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _NO_PARENT)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._committees)
        if parent.column() != 0 or parent.internalId() != _NO_PARENT:
            return 0
        return len(self._committees[parent.row()]["meetings"])

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _NO_PARENT:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _NO_PARENT:
            g = self._committees[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return g["name"]
            if role == IdRole:
                return g["id"]
            if role == KindRole:
                return "committee"
            if role == SortRole:
                return g["name"]
            return None
        m = self._committees[index.internalId() - 1]["meetings"][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(m)
        if role == IdRole:
            return m["id"]
        if role == KindRole:
            return "meeting"
        if role == UnreadRole:
            return m["unread"]
        if role == ChangedRole:
            return m["changed"]
        if role == UpcomingRole:
            return m["upcoming"]
        if role == SortRole:
            return index.row()
        if role == Qt.ItemDataRole.DecorationRole:
            return icons.icon("calendar")
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(m)
        return None

    def _label(self, m: dict) -> str:
        d = QDate.fromString(m["date"], "yyyy-MM-dd")
        text = QLocale().toString(d, "d MMMM yyyy") if d.isValid() else m["date"]
        if m.get("example"):
            text += " · " + self.tr("Example")
        return text

    def _describe(self, m: dict) -> str:
        parts = [self._label(m)]
        if m.get("time"):
            parts.append(self.tr("at %1").replace("%1", m["time"]))
        if m["upcoming"]:
            parts.append(self.tr("upcoming"))
        parts.append(self.tr("%n item(s)", "", int(m.get("item_count") or 0)))
        if m["unread"]:
            parts.append(self.tr("%n unread", "", m["unread"]))
        if m["changed"]:
            parts.append(self.tr("%n changed since you read it", "", m["changed"]))
        return ", ".join(parts)
