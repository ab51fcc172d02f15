"""Shared by the sync tests: what the store says of withdrawn documents."""

from __future__ import annotations

import sqlite3


def withdrawn_documents(db, meeting_id: str) -> list[int]:
    """The ids of the meeting's documents marked withdrawn at their source."""
    with sqlite3.connect(db) as c:
        return [
            r[0]
            for r in c.execute(
                """SELECT d.id FROM document d JOIN agenda_item a ON a.id=d.item_id
                   WHERE a.meeting_id=? AND d.withdrawn_at IS NOT NULL""",
                (meeting_id,),
            )
        ]
