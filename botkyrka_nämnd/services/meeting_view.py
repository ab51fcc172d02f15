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


def printed_number(item: dict[str, Any]) -> str | None:
    """An agenda row's number as a member says it: "3" for a printed "03", "3a" as printed, else the ordinal;
    None for a procedural row."""
    printed = item.get("printed_number")
    if printed:
        return str(int(printed)) if printed.isdigit() else str(printed)
    return str(item["ordinal"]) if item.get("ordinal") is not None else None


def load_meeting(
    ctx: Any,
    states: dict[int, str],
    notes: dict[int, dict[str, Any]],
    meeting_id: str,
    *,
    meeting: dict[str, Any] | None = None,
    items: list[dict[str, Any]] | None = None,
) -> MeetingData | None:
    """``states``: item id -> reading state; ``notes``: ``AnnotationService.items_with_notes``; ``meeting``
    and ``items``: the rows when the caller has read them already."""
    m = meeting if meeting is not None else ctx.meetings.meeting(meeting_id)
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
    for it in items if items is not None else ctx.meetings.items(meeting_id):
        n = notes.get(it["id"]) or {}
        number = printed_number(it)
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
