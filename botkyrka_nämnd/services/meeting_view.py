"""The data of a meeting's page, gathered Qt-free (the window only lays it out): the meeting's fields and
its whole agenda with, per item, the member's reading state, notes and planned position."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..domain.model import POSITIONS


@dataclass
class MeetingRow:
    item_id: int
    number: str | None  # as printed ("3a"), or the ordinal; None for a procedural row
    title: str
    case_number: str | None
    kind: str
    proposal: str | None
    decision: str | None
    state: str  # unread / read / changed
    notes: int
    position: str | None  # the label ("För") of the member's planned position
    review: int  # highlights waiting for review
    secret: bool
    tabled: bool


@dataclass
class MeetingData:
    meeting_id: str
    committee: str
    kommun: str | None
    date: str
    time: str | None
    place: str | None
    chair: str | None
    secretary: str | None
    group_meetings: list[str] = field(default_factory=list)
    rows: list[MeetingRow] = field(default_factory=list)
    example: bool = False  # the demo data set's: invented documents

    @property
    def changed(self) -> list[MeetingRow]:
        return [r for r in self.rows if r.state == "changed"]


def load_meeting(
    ctx: Any, states: dict[int, str], notes: dict[int, dict[str, Any]], meeting_id: str
) -> MeetingData | None:
    """``states``: item id -> reading state; ``notes``: ``AnnotationService.items_with_notes``."""
    m = ctx.meetings.meeting(meeting_id)
    if m is None:
        return None
    data = MeetingData(
        m["id"],
        m.get("committee") or "",
        m.get("kommun"),
        m["date"],
        m.get("time"),
        m.get("place"),
        m.get("chair"),
        m.get("secretary"),
        list(m.get("group_meetings") or []),
        example=bool(m.get("example")),
    )
    for it in ctx.meetings.items(meeting_id):
        n = notes.get(it["id"]) or {}
        printed = it.get("printed_number")
        number = (
            str(int(printed))
            if printed and printed.isdigit()
            else (printed or (str(it["ordinal"]) if it["ordinal"] is not None else None))
        )
        data.rows.append(
            MeetingRow(
                it["id"],
                number,
                it["title"],
                it.get("agenda_case_display") or it.get("document_case_display") or it.get("agenda_case_number"),
                it["kind"],
                it.get("proposal"),
                it.get("decision"),
                states.get(it["id"], "unread"),
                int(n.get("count") or 0),
                POSITIONS.get(n["position"]) if n.get("position") else None,
                int(n.get("needs_review") or 0),
                bool(it.get("secret_parts")),
                bool(it.get("tabled")),
            )
        )
    return data
