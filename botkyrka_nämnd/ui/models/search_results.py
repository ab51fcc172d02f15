"""Search results grouped by meeting and item: meeting rows, their items, and the hits (item text,
attachment page, note) with a highlighted snippet. Secret hits are only ever present while the vault is
open; the model is cleared when it locks."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QDate, QLocale, QModelIndex, QPersistentModelIndex, Qt

from .. import icons
from .roles import HitRole, IdRole, KindRole, PageRole, SnippetRole, SortRole

_MARKS = (("\x02", "\x03"), ("<b>", "</b>"), ("<mark>", "</mark>"), ("[", "]"), ("**", "**"))


def snippet_html(
    snippet: str, terms: list[str] | None = None, *, color: str = "#ffe08a", text_color: str = "#000000"
) -> str:
    """Escape a snippet and highlight its matches. The search service marks matches (``<b>…</b>``,
    ``[…]`` or control characters); when it does not, the query terms are highlighted here."""
    s = snippet or ""
    open_tag = f'<span style="background-color:{color}; color:{text_color};">'
    for a, b in _MARKS:
        if a in s and b in s[s.index(a) + len(a) :]:
            parts = re.split(f"({re.escape(a)}.*?{re.escape(b)})", s)
            out = []
            for p in parts:
                if p.startswith(a) and p.endswith(b) and len(p) >= len(a) + len(b):
                    out.append(open_tag + html.escape(p[len(a) : len(p) - len(b)]) + "</span>")
                else:
                    out.append(html.escape(p))
            return "".join(out)
    text = html.escape(s)
    for t in sorted({t for t in (terms or []) if len(t) >= 2}, key=len, reverse=True):
        text = re.sub(f"(?i)({re.escape(html.escape(t))})", open_tag + r"\1</span>", text)
    return text


def ranges_html(text: str, ranges: list[tuple[int, int]], *, color: str, text_color: str) -> str:
    """Escape ``text`` and highlight the [start, end) ``ranges`` (the search service's match positions)."""
    out, pos = [], 0
    for a, b in sorted(ranges):
        if a < pos or b <= a:
            continue
        out.append(html.escape(text[pos:a]))
        out.append(f'<span style="background-color:{color}; color:{text_color};">{html.escape(text[a:b])}</span>')
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


def hit_snippet_html(hit, terms: list[str], *, color: str, text_color: str) -> str:
    text, ranges = _get(hit, "snippet_text"), _get(hit, "highlights")
    if text is not None and ranges is not None:
        return ranges_html(text, [tuple(r) for r in ranges], color=color, text_color=text_color)
    return snippet_html(_get(hit, "snippet", ""), terms, color=color, text_color=text_color)


def source_label(source: str) -> str:
    return {
        "item": QCoreApplication.translate("SearchResults", "Item text"),
        "attachment": QCoreApplication.translate("SearchResults", "Attachment"),
        "note": QCoreApplication.translate("SearchResults", "My note"),
    }.get(source, source)


@dataclass
class _Node:
    kind: str  # 'meeting' | 'item' | 'hit'
    key: object
    label: str
    parent: int  # node id of the parent, 0 for top level
    row: int
    children: list[int] = field(default_factory=list)
    hit: object = None
    secret: bool = False


def _get(hit, name, default=None):
    if isinstance(hit, dict):
        return hit.get(name, default)
    return getattr(hit, name, default)


class SearchResultsModel(QAbstractItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._nodes: list[_Node] = []
        self._top: list[int] = []
        self.terms: list[str] = []
        self.highlight = ("#ffe08a", "#000000")
        self.hit_count = 0

    # -- loading ---------------------------------------------------------------------------------
    def load(self, hits: list, meetings: dict[str, dict], terms: list[str]) -> None:
        """``hits``: Hit objects in rank order; ``meetings``: meeting id -> row (for dates and names)."""
        self.beginResetModel()
        self._nodes, self._top, self.terms = [], [], list(terms)
        self.hit_count = len(hits)
        by_meeting: dict[str, int] = {}
        by_item: dict[tuple[str, object], int] = {}
        for h in hits:
            mid = _get(h, "meeting_id")
            m_node = by_meeting.get(mid)
            if m_node is None:
                m_node = self._add("meeting", mid, self._meeting_label(mid, meetings.get(mid)), 0)
                by_meeting[mid] = m_node
            item_key = (mid, _get(h, "item_id"))
            i_node = by_item.get(item_key)
            if i_node is None:
                num = _get(h, "item_number")
                title = _get(h, "item_title") or ""
                label = f"{num}. {title}" if num is not None else title
                i_node = self._add("item", _get(h, "item_id"), label, m_node)
                by_item[item_key] = i_node
            n = self._add("hit", len(self._nodes), source_label(_get(h, "source", "")), i_node)
            self._nodes[n - 1].hit = h
            self._nodes[n - 1].secret = bool(_get(h, "secret", False))
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._nodes, self._top, self.terms = [], [], []
        self.hit_count = 0
        self.endResetModel()

    def has_secret(self) -> bool:
        return any(n.secret for n in self._nodes)

    def _add(self, kind: str, key, label: str, parent: int) -> int:
        siblings = self._top if parent == 0 else self._nodes[parent - 1].children
        self._nodes.append(_Node(kind, key, label, parent, len(siblings)))
        node_id = len(self._nodes)
        siblings.append(node_id)
        return node_id

    def _meeting_label(self, mid: str, row: dict | None) -> str:
        if row is None:
            return mid
        d = QDate.fromString(row["date"], "yyyy-MM-dd")
        date = QLocale().toString(d, "d MMMM yyyy") if d.isValid() else row["date"]
        label = f"{row.get('committee') or ''} {date}".strip()
        if row.get("example"):  # the demo's invented meetings, marked as in the meeting list
            label += " · " + QCoreApplication.translate("MeetingsModel", "Example")
        return label

    def first_hit(self) -> QModelIndex:
        if not self._top:
            return QModelIndex()
        m = self.index(0, 0)
        i = self.index(0, 0, m)
        return self.index(0, 0, i)

    def node_of(self, index: QModelIndex) -> _Node | None:
        if not index.isValid():
            return None
        return self._nodes[index.internalId() - 1]

    # -- QAbstractItemModel ----------------------------------------------------------------------
    def _children(self, parent: QModelIndex | QPersistentModelIndex) -> list[int]:
        if not parent.isValid():
            return self._top
        return self._nodes[parent.internalId() - 1].children

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        kids = self._children(parent)
        if row >= len(kids):
            return QModelIndex()
        return self.createIndex(row, 0, kids[row])

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self._nodes[index.internalId() - 1]
        if node.parent == 0:
            return QModelIndex()
        p = self._nodes[node.parent - 1]
        return self.createIndex(p.row, 0, node.parent)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = self._nodes[index.internalId() - 1]
        if role == KindRole:
            return node.kind
        if role == IdRole:
            return node.key
        if role == SortRole:
            return index.row()
        if role == HitRole:
            return node.hit
        if node.kind == "hit":
            h = node.hit
            page = _get(h, "page")
            if role == PageRole:
                return page
            label = node.label
            if page:
                label += " · " + QCoreApplication.translate("SearchResults", "page %1").replace("%1", str(page))
            if _get(h, "repaired"):  # OCR text repaired by the program: the member should know before quoting
                label += " · " + QCoreApplication.translate("SearchResults", "machine-repaired text")
            if role == SnippetRole:
                lock = '<img src="icon:lock" width="14" height="14"> ' if node.secret else ""
                snippet = hit_snippet_html(h, self.terms, color=self.highlight[0], text_color=self.highlight[1])
                return f"<b>{lock}{html.escape(label)}</b><br>{snippet}"
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                plain = _get(h, "snippet_text")
                return f"{label}: {plain if plain is not None else _plain(_get(h, 'snippet', ''))}"
            if role == Qt.ItemDataRole.DecorationRole:
                src = _get(h, "source")
                return icons.icon({"attachment": "pdf", "note": "note"}.get(src, "document"))
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            if node.kind == "meeting":
                count = sum(len(self._nodes[c - 1].children) for c in node.children)
                return node.label + "  (" + self.tr("%n hit(s)", "", count) + ")"
            return node.label
        if role == Qt.ItemDataRole.DecorationRole:
            return icons.icon("calendar" if node.kind == "meeting" else "document")
        if role == Qt.ItemDataRole.FontRole and node.kind == "meeting":
            from PySide6.QtGui import QFont

            f = QFont()
            f.setBold(True)
            return f
        return None


def _plain(snippet: str | None) -> str:
    s = snippet or ""
    for a, b in _MARKS[:3]:
        s = s.replace(a, "").replace(b, "")
    return s
