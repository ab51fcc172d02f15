"""The Qt item models over real (demo) data, checked with pytest-qt's qtmodeltester."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QModelIndex, Qt

from botkyrka_nämnd.services.reading import MeetingCounts, ReadingService
from botkyrka_nämnd.ui.models.agenda import COL_CASE, COL_NUMBER, COL_TITLE, AgendaModel
from botkyrka_nämnd.ui.models.documents import DocumentsModel
from botkyrka_nämnd.ui.models.meetings import MeetingsModel, order_meetings
from botkyrka_nämnd.ui.models.roles import (
    ChangedRole,
    HitRole,
    IdRole,
    KindRole,
    NotesRole,
    SecretRole,
    SnippetRole,
    StateRole,
    UnreadRole,
    UpcomingRole,
)
from botkyrka_nämnd.ui.models.search_results import SearchResultsModel, ranges_html, snippet_html


def test_meetings_model(qtmodeltester, ctx):
    reading = ReadingService(ctx)
    meetings = ctx.repo.meetings()
    model = MeetingsModel()
    model.load(meetings, reading.meeting_counts())
    qtmodeltester.check(model)
    assert model.rowCount() == 1  # one nämnd
    committee = model.index(0, 0)
    assert committee.data() == "Socialnämnden" and committee.data(KindRole) == "committee"
    assert model.rowCount(committee) == len(meetings)
    # upcoming meetings first (soonest first), then earlier ones (newest first)
    today = _dt.date.today().isoformat()
    ids = model.meeting_ids()
    dates = [next(m["date"] for m in meetings if m["id"] == i) for i in ids]
    upcoming = [d for d in dates if d >= today]
    assert upcoming, "the demo data has upcoming meetings"
    assert dates[: len(upcoming)] == sorted(upcoming)
    assert dates[len(upcoming) :] == sorted(dates[len(upcoming) :], reverse=True)
    first = model.first_meeting()
    assert first.data(IdRole) == ids[0] and first.data(UpcomingRole) is True
    assert first.data(UnreadRole) == next(m["item_count"] for m in meetings if m["id"] == ids[0])
    model.update_counts({ids[0]: MeetingCounts(9, 2, 1)})
    assert (first.data(UnreadRole), first.data(ChangedRole)) == (2, 1)
    qtmodeltester.check(model)


def test_order_meetings():
    rows = [{"id": x, "date": x} for x in ("2024-01-01", "2026-12-01", "2025-06-01", "2027-01-01")]
    assert [r["id"] for r in order_meetings(rows, "2025-01-01")] == [
        "2025-06-01",
        "2026-12-01",
        "2027-01-01",
        "2024-01-01",
    ]


def test_agenda_model(qtmodeltester, ctx):
    reading = ReadingService(ctx)
    meeting = ctx.repo.meetings()[0]["id"]
    items = ctx.repo.items(meeting)
    reading.mark_item_read(items[1]["id"])
    model = AgendaModel()
    model.load(meeting, items, reading.item_states(meeting), {items[2]["id"]: {"count": 2}})
    qtmodeltester.check(model)
    assert model.rowCount() == len(items)
    numbered = [it for it in items if it["ordinal"] is not None]
    row = model.row_for_number(numbered[0]["ordinal"])
    assert model.index(row, COL_NUMBER).data() == str(numbered[0]["ordinal"])
    assert model.index(row, COL_TITLE).data() == numbered[0]["title"]
    assert model.index(1, 0).data(StateRole) == "read" and model.index(0, 0).data(StateRole) == "unread"
    assert model.index(2, 0).data(NotesRole) == 2
    case = items[1].get("agenda_case_number") or items[1].get("document_case_number") or ""
    assert model.index(1, COL_CASE).data() == case
    model.set_state(items[0]["id"], "changed")
    assert model.index(0, 0).data(StateRole) == "changed"
    assert "Ändrat" in model.index(0, COL_NUMBER).data(Qt.ItemDataRole.AccessibleTextRole)
    qtmodeltester.check(model)


def test_agenda_marks_secret_items_without_content(qtmodeltester, ctx):
    from .conftest import secret_item

    it = secret_item(ctx)
    model = AgendaModel()
    model.load(it["meeting_id"], ctx.repo.items(it["meeting_id"]), {}, {})
    row = model.row_of(it["id"])
    assert model.index(row, 0).data(SecretRole) >= 1
    texts = {
        str(model.index(r, c).data(role))
        for r in range(model.rowCount())
        for c in range(5)
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    }
    assert "sekretessbelagd del" in model.index(row, COL_NUMBER).data(Qt.ItemDataRole.ToolTipRole)
    assert not any("Lex Sarah rapport" in t for t in texts)


def test_documents_model(qtmodeltester, ctx):
    reading = ReadingService(ctx)
    meeting = ctx.repo.meetings()[0]["id"]
    item = next(it for it in ctx.repo.items(meeting) if len(reading.documents(it["id"])) >= 2)
    docs = reading.documents(item["id"])
    model = DocumentsModel()
    model.load(docs, {d["id"]: d["state"] for d in docs}, item["title"])
    qtmodeltester.check(model)
    assert model.rowCount() == len(docs)
    assert [model.index(r).data(IdRole) for r in range(model.rowCount())] == [d["id"] for d in docs]
    pdf_rows = [r for r in range(model.rowCount()) if docs[r]["has_pdf"]]
    assert pdf_rows and "sid" in model.index(pdf_rows[0]).data()
    model.set_state(docs[0]["id"], "read")
    assert model.index(0).data(StateRole) == "read"


def test_search_results_model(qtmodeltester, ctx):
    hits = ctx.search.search("placering", limit=50)
    assert hits, "the demo data mentions placeringar"
    meetings = {m["id"]: m for m in ctx.repo.meetings()}
    model = SearchResultsModel()
    model.load(hits, meetings, ["placering"])
    qtmodeltester.check(model)
    # grouped: meeting -> item -> hit, in rank order of the first hit per meeting
    first_meeting = model.index(0, 0)
    assert first_meeting.data(KindRole) == "meeting"
    assert first_meeting.data(IdRole) == hits[0].meeting_id
    item = model.index(0, 0, first_meeting)
    assert item.data(KindRole) == "item" and item.data(IdRole) == hits[0].item_id
    hit = model.index(0, 0, item)
    assert hit.data(HitRole) is hits[0]
    assert "background-color" in hit.data(SnippetRole)
    total = sum(
        model.rowCount(model.index(i, 0, model.index(m, 0)))
        for m in range(model.rowCount())
        for i in range(model.rowCount(model.index(m, 0)))
    )
    assert total == len(hits)
    assert model.first_hit() == hit
    model.clear()
    assert model.rowCount(QModelIndex()) == 0
    qtmodeltester.check(model)


def test_snippet_html_escapes_and_highlights():
    html = snippet_html("a <b>& [placering] i HVB", [])
    assert html.startswith("a &lt;b&gt;&amp; <span") and ">placering</span> i HVB" in html
    assert ranges_html("x<y placering", [(4, 13)], color="#ff0", text_color="#000").startswith("x&lt;y <span")
    assert snippet_html("Placeringar i HVB", ["placeringar"]).count("<span") == 1
