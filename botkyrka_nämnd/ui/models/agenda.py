"""The agenda of one meeting: number, title, Dnr, kind, and status (read / changed since read, notes and
the planned position, highlights waiting for review, sekretess). Rows hold the item's id and the few public
fields shown; nothing secret is ever in this model (a locked part is only counted)."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from .. import icons
from .roles import (
    CaseRole,
    IdRole,
    KindRole,
    NotesRole,
    NumberRole,
    PositionRole,
    ReviewRole,
    SecretRole,
    SortRole,
    StateRole,
)

COL_NUMBER, COL_TITLE, COL_CASE, COL_KIND, COL_STATUS = range(5)


def kind_label(kind: str | None) -> str:
    labels = {
        "beslutsarende": QCoreApplication.translate("Kinds", "Decision"),
        "information": QCoreApplication.translate("Kinds", "Information"),
        "muntlig_information": QCoreApplication.translate("Kinds", "Oral information"),
        "anmalningsarenden": QCoreApplication.translate("Kinds", "Notifications"),
        "delegationsbeslut": QCoreApplication.translate("Kinds", "Delegated decisions"),
        "justering": QCoreApplication.translate("Kinds", "Approval of the minutes"),
        "procedural": QCoreApplication.translate("Kinds", "Procedure"),
        "sekretessarende": QCoreApplication.translate("Kinds", "Confidential item"),
    }
    return labels.get(kind or "", kind or "")


def document_kind_label(kind: str | None) -> str:
    labels = {
        "ordforandeforslag": QCoreApplication.translate("Kinds", "Chair's proposal"),
        "tjansteskrivelse": QCoreApplication.translate("Kinds", "Staff report"),
        "tjansteutlatande": QCoreApplication.translate("Kinds", "Staff statement"),
        "bilaga": QCoreApplication.translate("Kinds", "Attachment"),
        "rapport": QCoreApplication.translate("Kinds", "Report"),
        "plan": QCoreApplication.translate("Kinds", "Plan"),
        "avtal": QCoreApplication.translate("Kinds", "Agreement"),
        "ansokan": QCoreApplication.translate("Kinds", "Application"),
        "protokollsutdrag": QCoreApplication.translate("Kinds", "Extract from minutes"),
        "externt_protokoll": QCoreApplication.translate("Kinds", "External minutes"),
        "utredning": QCoreApplication.translate("Kinds", "Inquiry"),
        "arendebeskrivning": QCoreApplication.translate("Kinds", "Description of the item"),
    }
    return labels.get(kind or "", kind or "")


def position_label(position: str | None) -> str:
    """The planned position as shown: För / Emot / Avvakta / Yrkande."""
    return {
        "for": QCoreApplication.translate("Kinds", "For"),
        "emot": QCoreApplication.translate("Kinds", "Against"),
        "avvakta": QCoreApplication.translate("Kinds", "Wait and see"),
        "yrkande": QCoreApplication.translate("Kinds", "Motion"),
    }.get(position or "", position or "")


# the built-in tags (services.annotation_rules.SUGGESTED_TAGS) are stored in Swedish, in every language, so
# search, the tag filter and export find the same tag whichever language the member used when tagging
TAG_NAMES: dict[str, str] = {
    "yrkande": str(QT_TRANSLATE_NOOP("Tags", "motion")),
    "fråga": str(QT_TRANSLATE_NOOP("Tags", "question")),
    "jäv": str(QT_TRANSLATE_NOOP("Tags", "conflict of interest")),
    "att läsa": str(QT_TRANSLATE_NOOP("Tags", "to read")),
    "viktigt": str(QT_TRANSLATE_NOOP("Tags", "important")),
}


def tag_label(tag: str) -> str:
    """A tag as shown: a built-in one in the interface's language (the stored Swedish name where no
    translation is installed), the member's own tags as typed."""
    source = TAG_NAMES.get(tag)
    if source is None:
        return tag
    shown = QCoreApplication.translate("Tags", source)
    from .. import i18n

    return tag if shown == source and i18n.current() != "en" else shown


def state_label(state: str) -> str:
    return {
        "unread": QCoreApplication.translate("Kinds", "Unread"),
        "read": QCoreApplication.translate("Kinds", "Read"),
        "changed": QCoreApplication.translate("Kinds", "Changed since you read it"),
    }.get(state, state)


class AgendaModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.meeting_id: str | None = None
        self._rows: list[dict] = []
        self._row_of: dict[int, int] = {}

    def load(self, meeting_id: str, items: list[dict], states: dict[int, str], notes: dict[int, dict]) -> None:
        self.beginResetModel()
        self.meeting_id = meeting_id
        self._rows = [
            {
                "id": it["id"],
                "ordinal": it["ordinal"],
                "title": it["title"],
                "case_number": it.get("agenda_case_display")
                or it.get("agenda_case_number")
                or it.get("document_case_display")
                or it.get("document_case_number"),
                "kind": it["kind"],
                "secret_parts": int(it.get("secret_parts") or 0),
                "state": states.get(it["id"], "unread"),
                "notes": int((notes.get(it["id"]) or {}).get("count") or 0),
                "position": (notes.get(it["id"]) or {}).get("position"),
                "review": int((notes.get(it["id"]) or {}).get("needs_review") or 0),
                "tabled": bool(it.get("tabled")),
            }
            for it in items
        ]
        self._row_of = {r["id"]: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.meeting_id, self._rows, self._row_of = None, [], {}
        self.endResetModel()

    def set_state(self, item_id: int, state: str) -> None:
        self._update(item_id, "state", state)

    def set_notes(self, item_id: int, count: int) -> None:
        self._update(item_id, "notes", count)

    def set_note_summary(self, summary: dict[int, dict]) -> None:
        """``AnnotationService.items_with_notes`` of this meeting: counts, positions, review flags."""
        for r in self._rows:
            s = summary.get(r["id"]) or {}
            self._update(r["id"], "notes", int(s.get("count") or 0))
            self._update(r["id"], "position", s.get("position"))
            self._update(r["id"], "review", int(s.get("needs_review") or 0))

    def _update(self, item_id: int, key: str, value) -> None:
        row = self._row_of.get(item_id)
        if row is None or self._rows[row][key] == value:
            return
        self._rows[row][key] = value
        self.dataChanged.emit(self.index(row, 0), self.index(row, COL_STATUS))

    # lookup --------------------------------------------------------------------------------------
    def last_number(self) -> int | None:
        """The highest printed item number of the agenda (None: no numbered items)."""
        return max((r["ordinal"] for r in self._rows if r["ordinal"] is not None), default=None)

    def row_of(self, item_id: int) -> int | None:
        return self._row_of.get(item_id)

    def item_id(self, row: int) -> int | None:
        return self._rows[row]["id"] if 0 <= row < len(self._rows) else None

    def item_row(self, row: int) -> dict | None:
        return dict(self._rows[row]) if 0 <= row < len(self._rows) else None

    def row_for_number(self, number: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r["ordinal"] == number:
                return i
        return None

    def item_ids(self) -> list[int]:
        return [r["id"] for r in self._rows]

    # QAbstractTableModel -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        if not 0 <= section < 5:
            return None
        if section == COL_STATUS and role == Qt.ItemDataRole.DisplayRole:
            return ""  # icons only: no heading takes the column's width (screen readers still get "Status")
        return [self.tr("No."), self.tr("Item"), self.tr("Case no."), self.tr("Kind"), self.tr("Status")][section]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == IdRole:
            return r["id"]
        if role == NumberRole:
            return r["ordinal"]
        if role == StateRole:
            return r["state"]
        if role == NotesRole:
            return r["notes"]
        if role == PositionRole:
            return r["position"]
        if role == ReviewRole:
            return r["review"]
        if role == SecretRole:
            return r["secret_parts"]
        if role == KindRole:
            return r["kind"]
        if role == CaseRole:
            return r["case_number"]
        if role == SortRole:
            return index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NUMBER:
                return str(r["ordinal"]) if r["ordinal"] is not None else "–"
            if col == COL_TITLE:
                return r["title"]
            if col == COL_CASE:
                return r["case_number"] or ""
            if col == COL_KIND:
                return kind_label(r["kind"])
            return ""
        if role == Qt.ItemDataRole.FontRole and col == COL_TITLE and r["state"] != "read":
            from PySide6.QtGui import QFont

            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.DecorationRole and col == COL_NUMBER:
            return icons.icon({"unread": "unread", "read": "read", "changed": "changed"}[r["state"]])
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(r, col, role)
        return None

    def status_words(self, r: dict) -> list[str]:
        words = [state_label(r["state"])]
        if r["notes"]:
            words.append(self.tr("%n note(s)", "", r["notes"]))
        if r["position"]:
            words.append(self.tr("planned position: %1").replace("%1", position_label(r["position"])))
        if r["review"]:
            words.append(self.tr("%n highlight(s) to review", "", r["review"]))
        if r["secret_parts"]:
            words.append(self.tr("contains a secret part"))
        if r["tabled"]:
            words.append(self.tr("tabled"))
        return words

    def _describe(self, r: dict, col: int, role: int) -> str | None:
        if col in (COL_STATUS, COL_NUMBER):
            return ", ".join(self.status_words(r))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.data(self.index(self._row_of[r["id"]], col))
        if col == COL_TITLE:
            return r["title"] + (f" ({r['case_number']})" if r["case_number"] else "")
        return None
