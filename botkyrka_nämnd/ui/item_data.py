"""Gathers what the item views show, from the core services only (no SQL here)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale

from .. import log
from .views.item_html import MAIN_KINDS

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


def meeting_label(meeting: dict) -> str:
    d = QDate.fromString(meeting["date"], "yyyy-MM-dd")
    date = QLocale().toString(d, "d MMMM yyyy") if d.isValid() else meeting["date"]
    return f"{meeting.get('committee') or ''} {date}".strip()


def vault_exists(ctx) -> bool:
    try:
        return bool(ctx.vault.exists())
    except Exception:  # vault package unavailable
        return False


def load_item(ctx, reading, item_id: int) -> ItemData | None:
    item = ctx.repo.item_by_id(item_id)
    if item is None:
        return None
    meeting = ctx.repo.meeting(item["meeting_id"]) or {"id": item["meeting_id"], "date": "", "committee": ""}
    documents = reading.documents(item_id)
    sections = {d["id"]: ctx.repo.sections(d["id"]) for d in documents if d["kind"] in MAIN_KINDS}
    try:
        parts = ctx.secret_parts(item_id)
    except Exception as exc:  # a vault problem must not hide the public item
        _log.error("secret parts unavailable: %s", type(exc).__name__)
        parts = ctx.repo.secret_parts(item_id)
    note, notes_ok = "", True
    try:
        n = ctx.annotations.item_note(item_id)
        note = (n or {}).get("body") or ""
    except ImportError:
        notes_ok = False
    return ItemData(
        meeting=meeting,
        meeting_label=meeting_label(meeting),
        item=item,
        documents=documents,
        sections=sections,
        list_entries=ctx.repo.list_entries(item_id),
        secret_parts=parts,
        note=note,
        state=reading.item_state(item_id),
        vault_exists=vault_exists(ctx),
        notes_available=notes_ok,
    )
