"""Search across meetings: results as you type (debounced; the query runs on a worker thread), grouped by
meeting and item, with highlighted snippets and filters (source, period, nämnd). Activating a hit opens
the item or the attachment page."""

from __future__ import annotations

import datetime as _dt
import re

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QHBoxLayout, QLabel, QTreeView, QVBoxLayout, QWidget

from .. import scale
from ..models.roles import HitRole, KindRole
from ..models.search_results import SearchResultsModel
from ..widgets.delegates import SnippetDelegate
from ..workers import OpRunner

DEBOUNCE_MS = 200
LIMIT = 200


def query_terms(query: str) -> list[str]:
    words = re.findall(r"[\wåäöÅÄÖéÉ]+\*?", query or "")
    return [w.rstrip("*") for w in words if w.upper() not in ("AND", "OR", "NOT", "OCH", "ELLER", "INTE")]


SORTS = ("relevance", "date")


class SearchPage(QWidget):
    open_hit = Signal(object)  # a Hit
    results_ready = Signal(int)  # number of hits (tests and status)
    sort_changed = Signal(str)  # 'relevance' | 'date' (remembered by the main window)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.include_secret = lambda: False  # set by the main window
        self.runner = OpRunner(self, max_threads=1)
        self.query = ""
        self.searched_with_secret = False
        self._gen = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_now)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 6)
        self.heading = QLabel(self.tr("Search"))
        scale.relative_font(self.heading, 1.4, bold=True)
        lay.addWidget(self.heading)
        filters = QHBoxLayout()
        self.src_item = QCheckBox(self.tr("&Item texts"))
        self.src_attachment = QCheckBox(self.tr("&Attachments"))
        self.src_note = QCheckBox(self.tr("My &notes"))
        for cb in (self.src_item, self.src_attachment, self.src_note):
            cb.setChecked(True)
            cb.toggled.connect(self.schedule)
            filters.addWidget(cb)
        filters.addSpacing(16)
        self.period_label = QLabel(self.tr("&Period:"))
        filters.addWidget(self.period_label)
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        self.period_label.setBuddy(self.period)
        self.period.currentIndexChanged.connect(self.schedule)
        filters.addWidget(self.period)
        self.committee_label = QLabel(self.tr("Co&mmittee:"))
        filters.addWidget(self.committee_label)
        self.committee = QComboBox()
        self.committee.setAccessibleName(self.tr("Committee"))
        self.committee_label.setBuddy(self.committee)
        self.committee.currentIndexChanged.connect(self.schedule)
        filters.addWidget(self.committee)
        filters.addStretch(1)
        lay.addLayout(filters)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Search status"))
        self.status.setWordWrap(True)
        # the order on the status line, at the right (the filter row is full on a narrow window)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        self.sort_label = QLabel(self.tr("S&ort:"))
        status_row.addWidget(self.sort_label)
        self.sort = QComboBox()
        self.sort.setAccessibleName(self.tr("Sort the hits"))
        self.sort.addItem(self.tr("Relevance"), "relevance")
        self.sort.addItem(self.tr("Date, newest first"), "date")
        self.sort_label.setBuddy(self.sort)
        self.sort.currentIndexChanged.connect(self._sort_chosen)
        status_row.addWidget(self.sort)
        lay.addLayout(status_row)
        self.model = SearchResultsModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setItemDelegate(SnippetDelegate(self.tree))
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setAccessibleName(self.tr("Search results"))
        # one click opens a hit; Enter opens the current one (not `activated`: with it a double click, or a
        # style that activates on one click, would open the hit twice)
        self.tree.clicked.connect(self._clicked)
        self.tree.installEventFilter(self)
        lay.addWidget(self.tree, 1)
        self.set_filters([], [])

    # -- filters -----------------------------------------------------------------------------------
    def set_filters(self, years: list[int], committees: list[tuple[str, str]]) -> None:
        """Fill the period and committee choices from the data."""
        cur_p, cur_c = self.period.currentData(), self.committee.currentData()
        for box in (self.period, self.committee):
            box.blockSignals(True)
            box.clear()
        self.period.addItem(self.tr("All years"), None)
        self.period.addItem(self.tr("Upcoming meetings"), "upcoming")
        self.period.addItem(self.tr("Last 12 months"), "12m")
        for y in sorted(set(years), reverse=True):
            self.period.addItem(str(y), y)
        self.committee.addItem(self.tr("All committees"), None)
        for cid, name in committees:
            self.committee.addItem(name, cid)
        for box, cur in ((self.period, cur_p), (self.committee, cur_c)):
            i = box.findData(cur)
            box.setCurrentIndex(i if i >= 0 else 0)
            box.blockSignals(False)
        self.committee_label.setVisible(len(committees) > 1)
        self.committee.setVisible(len(committees) > 1)

    def set_sort(self, sort: str) -> None:
        """Choose the order without searching again or announcing it (the remembered choice at start)."""
        i = self.sort.findData(sort if sort in SORTS else "relevance")
        self.sort.blockSignals(True)
        self.sort.setCurrentIndex(i)
        self.sort.blockSignals(False)

    def sort_order(self) -> str:
        return str(self.sort.currentData() or "relevance")

    def _sort_chosen(self, _index: int) -> None:
        self.sort_changed.emit(self.sort_order())
        self.schedule()

    def _dates(self) -> tuple[str | None, str | None]:
        p = self.period.currentData()
        today = _dt.date.today()
        if p == "upcoming":
            return today.isoformat(), None
        if p == "12m":
            return (today - _dt.timedelta(days=365)).isoformat(), today.isoformat()
        if isinstance(p, int):
            return f"{p}-01-01", f"{p}-12-31"
        return None, None

    def sources(self) -> list[str]:
        return [
            s
            for s, cb in (("item", self.src_item), ("attachment", self.src_attachment), ("note", self.src_note))
            if cb.isChecked()
        ]

    # -- searching ---------------------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        self.query = text
        self.schedule()

    def schedule(self, *_args) -> None:
        self._timer.start()

    def run_now(self) -> None:
        self._timer.stop()
        self._gen += 1
        gen = self._gen
        query = self.query.strip()
        if not query:
            self.model.clear()
            self.status.setText(self.tr("Type to search in all meetings, attachments and your notes."))
            self.searched_with_secret = False
            self.results_ready.emit(0)
            return
        sources = self.sources()
        if not sources:
            self.model.clear()
            self.status.setText(self.tr("Choose at least one kind of text to search in."))
            self.results_ready.emit(0)
            return
        date_from, date_to = self._dates()
        committee = self.committee.currentData()
        include_secret = bool(self.include_secret())
        sort = self.sort_order()
        ctx = self.ctx
        self.status.setText(self.tr("Searching…"))

        def work():
            hits = ctx.search.search(
                query,
                limit=LIMIT,
                committee=committee,
                date_from=date_from,
                date_to=date_to,
                sources=sources,
                include_secret=include_secret,
                sort=sort,
            )
            meetings = {m["id"]: m for m in ctx.meetings.meetings()}
            return hits, meetings

        self.runner.run(
            work, lambda res: self._show(gen, query, include_secret, res), lambda exc: self._failed(gen, exc)
        )

    def _show(self, gen: int, query: str, include_secret: bool, res) -> None:
        if gen != self._gen:
            return  # a newer query is on its way
        if include_secret and not self.include_secret():
            return  # locked while the query ran: never show its secret hits
        hits, meetings = res
        pal = QApplication.palette()
        dark = pal.color(QPalette.ColorRole.Window).lightness() < 128
        self.model.highlight = ("#7a5b00", "#ffffff") if dark else ("#ffe08a", "#000000")
        self.model.load(hits, meetings, query_terms(query))
        self.searched_with_secret = include_secret
        self.tree.expandAll()
        n = len(hits)
        if n == 0:
            self.status.setText(self.tr("No hits for “%1”.").replace("%1", query))
        else:
            self.status.setText(
                self.tr("%n hit(s)", "", n)
                + (" " + self.tr("(showing the best %1)").replace("%1", str(LIMIT)) if n >= LIMIT else "")
            )
        self.results_ready.emit(n)

    def _failed(self, gen: int, exc) -> None:
        if gen != self._gen:
            return
        from ..dialogs.messages import user_text

        self.model.clear()
        self.status.setText(user_text(exc))
        self.results_ready.emit(0)

    def forget_secrets(self) -> None:
        """Lock: a search that ran with the vault open is cleared, query included."""
        self._gen += 1
        if self.searched_with_secret or self.model.has_secret():
            self.model.clear()
            self.query = ""
            self.status.setText("")
            self.searched_with_secret = False

    def focus_results(self) -> None:
        first = self.model.first_hit()
        if first.isValid():
            self.tree.setCurrentIndex(first)
        self.tree.setFocus()

    def open_first(self) -> bool:
        first = self.model.first_hit()
        if first.isValid():
            self._activated(first)
            return True
        return False

    def eventFilter(self, obj, event) -> bool:
        if (
            obj is self.tree
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._activated(self.tree.currentIndex())
            return True
        return super().eventFilter(obj, event)

    def _clicked(self, index: QModelIndex) -> None:
        if index.data(KindRole) in ("hit", "item"):  # a meeting row expands and collapses as usual
            self._activated(index)

    def _activated(self, index: QModelIndex) -> None:
        if index.data(KindRole) == "hit":
            self.open_hit.emit(index.data(HitRole))
        elif index.data(KindRole) == "item":
            first = self.model.index(0, 0, index)
            if first.isValid():
                self.open_hit.emit(first.data(HitRole))
        elif index.isValid():
            self.tree.setExpanded(index, not self.tree.isExpanded(index))
