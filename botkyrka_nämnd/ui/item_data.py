"""The item views' data (:mod:`botkyrka_nämnd.services.item_view`) with the meeting named the Qt way."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale

from ..services import item_view
from ..services.item_view import ItemData as ItemData
from ..services.item_view import vault_exists as vault_exists


def meeting_label(meeting: dict) -> str:
    d = QDate.fromString(meeting["date"], "yyyy-MM-dd")
    date = QLocale().toString(d, "d MMMM yyyy") if d.isValid() else meeting["date"]
    return f"{meeting.get('committee') or ''} {date}".strip()


def load_item(ctx, reading, item_id: int) -> ItemData | None:
    return item_view.load_item(ctx, reading, item_id, meeting_label)
