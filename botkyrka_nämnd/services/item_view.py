"""What the item views show of one item, gathered from the services (Qt-free: the window renders it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .. import log
from ..domain.model import MAIN_KINDS

_log = log.get("ui")


@dataclass
class ItemData:
    meeting: dict
    meeting_label: str
    item: dict
    documents: list[dict]
    sections: dict[int, list[dict]]
    list_entries: list[dict]
    secret_parts: list[dict]
    note: str
    state: str
    vault_exists: bool
    notes_available: bool = True
    note_tags: list[str] = field(default_factory=list)
    position: str | None = None  # the planned position
    annotations: list[dict] = field(default_factory=list)  # notes and highlights (secret ones while unlocked)
    secret_notes: dict[str, str] = field(default_factory=dict)  # secret part uid -> its note (unlocked only)
    tag_choices: list[str] = field(default_factory=list)


def vault_exists(ctx) -> bool:
    try:
        return bool(ctx.vault.exists())
    except Exception:  # vault package unavailable
        return False


def load_item(ctx, reading, item_id: int, label_of: Callable[[dict], str]) -> ItemData | None:
    """What the item views show of item ``item_id``; ``label_of`` names a meeting (the UI's localised date)."""
    item = ctx.meetings.item_by_id(item_id)
    if item is None:
        return None
    meeting = ctx.meetings.meeting(item["meeting_id"]) or {"id": item["meeting_id"], "date": "", "committee": ""}
    documents = reading.documents(item_id)
    sections = {d["id"]: ctx.meetings.sections(d["id"]) for d in documents if d["kind"] in MAIN_KINDS}
    try:
        parts = ctx.secret_parts(item_id)
    except Exception as exc:  # a vault problem must not hide the public item
        _log.error("secret parts unavailable: %s", type(exc).__name__)
        parts = ctx.meetings.placeholders(item_id)
    note, notes_ok = "", True
    extra: dict = {}
    try:
        a = ctx.annotations
        n = a.item_note(item_id) or {}
        note = n.get("body") or ""
        extra = {
            "note_tags": list(n.get("tags") or []),
            "position": a.position(item_id),
            "annotations": a.annotations_for_item(item_id),
            "secret_notes": {
                p["uid"]: (a.item_note(item_id, secret_part_uid=p["uid"]) or {}).get("body") or ""
                for p in parts
                if "text" in p
            },
            "tag_choices": a.tag_choices(),
        }
    except ImportError:
        notes_ok = False
    return ItemData(
        meeting=meeting,
        meeting_label=label_of(meeting),
        item=item,
        documents=documents,
        sections=sections,
        list_entries=ctx.meetings.list_entries(item_id),
        secret_parts=parts,
        note=note,
        state=reading.item_state(item_id),
        vault_exists=vault_exists(ctx),
        notes_available=notes_ok,
        **extra,
    )
