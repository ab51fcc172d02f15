"""A meeting's page, shown when a meeting is selected: body, date, time, place, chair, secretary, group
meetings, and the whole agenda with number, full title, Dnr, kind, proposal, decision (when a protokoll
exists), the member's position and notes, and what changed. An item's title opens it."""

from __future__ import annotations

import html

from PySide6.QtCore import QDate, QLocale, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from ...services.meeting_view import MeetingData
from ..models.agenda import kind_label


class MeetingPage(QWidget):
    open_item = Signal(int)
    changes_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("meetingPage")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(self.tr("The meeting and its agenda"))
        self.browser.anchorClicked.connect(self._link)
        lay.addWidget(self.browser)
        self.data: MeetingData | None = None

    def _link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("item:"):
            self.open_item.emit(int(text.split(":", 1)[1]))
        elif text == "action:changes":
            self.changes_requested.emit()

    def show_meeting(self, data: MeetingData) -> None:
        self.data = data
        bar = self.browser.verticalScrollBar()
        self.browser.setHtml(self.page_html(data))
        bar.setValue(0)

    def page_html(self, d: MeetingData) -> str:
        e = html.escape
        day = QDate.fromString(d.date, "yyyy-MM-dd")
        when = QLocale().toString(day, "dddd d MMMM yyyy") if day.isValid() else d.date
        if d.time:
            when += " " + self.tr("at %1").replace("%1", d.time)
        facts = [
            (self.tr("When"), when),
            (self.tr("Place"), d.place),
            (self.tr("Chair"), d.chair),
            (self.tr("Secretary"), d.secretary),
        ]
        out = [f"<h2>{e(d.committee)}</h2>"]
        if d.example:
            example = self.tr("Example: an invented notice, to try the program. It is no real meeting.")
            out.append(f"<p><b>{e(example)}</b></p>")
        if d.kommun:
            out.append(f"<p>{e(d.kommun)}</p>")
        out.append("<table cellspacing='0' cellpadding='2'>")
        for label, value in facts:
            if value:
                out.append(f"<tr><td><b>{e(label)}</b>&nbsp;&nbsp;</td><td>{e(value)}</td></tr>")
        out.append("</table>")
        if d.group_meetings:
            out.append("<p>" + "<br>".join(e(g) for g in d.group_meetings) + "</p>")
        if d.changed:
            n = len(d.changed)
            changed = self.tr("%n item(s) changed since you read them.", "", n)
            show = self.tr("Show what changed")
            out.append(f"<p>↻ {e(changed)} <a href='action:changes'>{e(show)}</a></p>")
        agenda = self.tr("Agenda")
        proposal_label, decision_label = self.tr("Proposal:"), self.tr("Decision:")
        out.append(f"<h3>{e(agenda)}</h3><table width='100%' cellspacing='0' cellpadding='4'>")
        for r in d.rows:
            marks = []
            if r.state == "changed":
                marks.append("↻ " + self.tr("changed since you read it"))
            elif r.state == "unread":
                marks.append(self.tr("unread"))
            if r.position:
                marks.append(self.tr("my position: %1").replace("%1", r.position))
            if r.notes:
                marks.append(self.tr("%n note(s)", "", r.notes))
            if r.review:
                marks.append(self.tr("%n highlight(s) to review", "", r.review))
            if r.secret:
                marks.append(self.tr("contains a secret part"))
            if r.tabled:
                marks.append(self.tr("tabled"))
            meta = [x for x in (r.case_number, kind_label(r.kind)) if x]
            cell = [f"<a href='item:{r.item_id}'><b>{e(r.title)}</b></a>"]
            if meta:
                cell.append(f"<br><small>{e(' · '.join(meta))}</small>")
            if r.proposal:
                cell.append(f"<br>{e(proposal_label)} {e(r.proposal)}")
            if r.decision:
                cell.append(f"<br><b>{e(decision_label)}</b> {e(r.decision)}")
            if marks:
                cell.append(f"<br><small><i>{e(' · '.join(marks))}</i></small>")
            number = e(r.number or "")
            out.append(
                f"<tr><td valign='top' align='right'><b>{number}</b></td><td valign='top'>{''.join(cell)}</td></tr>"
            )
        out.append("</table>")
        return "".join(out)
