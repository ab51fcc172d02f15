"""Agenda items the source marks as not public (OParl ``AgendaItem.public == false``): each gets a locked
placeholder, as a secret part of a notice does, so the member sees that the item is secret and nothing of
it is taken for public. The source serves no content for them; a source with authentication delivers
secret documents sealed for the vault through the importer, like any locked import."""

from __future__ import annotations

import uuid
from typing import Any

LABEL = "Sekretessbelagt ärende (enligt källan)"


def lock_items(ctx: Any, meeting_id: str, numbers: list[int]) -> int:
    """Lock the items ``numbers`` of the meeting; returns how many got a new placeholder."""
    n = 0
    with ctx.store.transaction():
        for number in numbers:
            item = ctx.repo.item(meeting_id, int(number))
            if item is not None and ctx.sealed_parts.lock_by_source(item["id"], uuid.uuid4().hex, LABEL):
                n += 1
    if n:
        index = ctx.search_index
        if index is not None:
            index.reindex_items([it["id"] for it in ctx.repo.items(meeting_id)])
    return n
