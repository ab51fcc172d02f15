"""What goes into "Mina anteckningar": the meeting's agenda with the member's public annotations.

Secret parts are never exported (SECURITY.md S9): this module reads only the public store, never the
vault, so annotations on secret parts cannot reach an export even while the vault is unlocked. An item
with secret parts says how many were left out, without their label.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..domain.model import POSITIONS
from ..errors import NotFound


@dataclass
class NoteEntry:
    body: str
    tags: list[str] = field(default_factory=list)


@dataclass
class HighlightEntry:
    quote: str
    page: int | None
    source: str  # 'Bilaga 1 Placeringsrapport ...' / the document title
    comment: str = ""
    tags: list[str] = field(default_factory=list)
    needs_review: bool = False  # could not be placed on the current version
    made_on_earlier_version: bool = False
    original_quote: str | None = None


@dataclass
class ItemEntry:
    number: int | None
    title: str
    case_number: str | None
    proposal: str | None
    position: str | None = None  # 'for' | 'emot' | 'avvakta' | 'yrkande'
    notes: list[NoteEntry] = field(default_factory=list)
    highlights: list[HighlightEntry] = field(default_factory=list)
    secret_parts: int = 0

    @property
    def position_label(self) -> str | None:
        return POSITIONS.get(self.position) if self.position else None

    @property
    def tags(self) -> list[str]:
        out: list[str] = []
        for t in [t for n in self.notes for t in n.tags] + [t for h in self.highlights for t in h.tags]:
            if t not in out:
                out.append(t)
        return out

    @property
    def annotated(self) -> bool:
        return bool(self.notes or self.highlights or self.position)


@dataclass
class NotesReport:
    meeting_id: str
    committee: str
    date: str
    time: str | None
    place: str | None
    chair: str | None
    secretary: str | None
    items: list[ItemEntry]
    generated_at: str

    @property
    def annotated_items(self) -> list[ItemEntry]:
        return [i for i in self.items if i.annotated]


def _source_label(a: dict) -> str:
    title = a.get("document_title") or ""
    label = a.get("bilaga_label")
    if label and not title.lower().startswith(label.lower()):
        return f"{label}: {title}" if title else label
    return title


def collect_notes(ctx, meeting_id: str, *, only_annotated: bool = False) -> NotesReport:
    meeting = ctx.meetings.meeting(meeting_id)
    if meeting is None:
        raise NotFound(f"Mötet {meeting_id} finns inte.", f"Meeting {meeting_id} not found.")
    annotations = ctx.annotations.notes_for_meeting(meeting_id, include_secret=False)
    by_item: dict[int, list[dict]] = {}
    for a in annotations:
        if a["secret"]:  # belt and braces: include_secret=False already leaves them out
            continue
        by_item.setdefault(a["item_id"], []).append(a)
    positions = ctx.annotations.positions_for_meeting(meeting_id)
    items: list[ItemEntry] = []
    for it in ctx.meetings.items(meeting_id):
        entry = ItemEntry(
            number=it["ordinal"],
            title=it["title"],
            case_number=(
                it.get("agenda_case_display")
                or it["agenda_case_number"]
                or it.get("document_case_display")
                or it["document_case_number"]
            ),
            proposal=it["proposal"],
            position=positions.get(it["id"]),
            secret_parts=it["secret_parts"] or 0,
        )
        for a in by_item.get(it["id"], []):
            if a["kind"] == "note":
                entry.notes.append(NoteEntry(a["body"], a["tags"]))
            else:
                entry.highlights.append(
                    HighlightEntry(
                        quote=a["quote"] or "",
                        page=a["page"],
                        source=_source_label(a),
                        comment=a["body"],
                        tags=a["tags"],
                        needs_review=a["anchor_state"] == "needs_review",
                        made_on_earlier_version=a["made_on_earlier_version"] or a["on_earlier_version"],
                        original_quote=a["original_quote"],
                    )
                )
        if it["ordinal"] is None and not entry.annotated:
            continue  # 'Justering' and the like only when the member wrote something on it
        if only_annotated and not entry.annotated:
            continue
        items.append(entry)
    return NotesReport(
        meeting_id=meeting_id,
        committee=meeting["committee"],
        date=meeting["date"],
        time=meeting["time"],
        place=meeting["place"],
        chair=meeting["chair"],
        secretary=meeting["secretary"],
        items=items,
        generated_at=_dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
    )
