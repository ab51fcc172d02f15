"""Removing a meeting from the public store: every row that belongs to it and nothing else.

Only an explicit action of the member removes a meeting (``services.removal`` asks, exports the notes and
backs the store up first). What the search index and the vault hold is removed by the service with the ids
returned here, since those live in other layers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlite_utils


@dataclass
class MeetingFootprint:
    """What a meeting holds in the public store (ids only)."""

    meeting_id: str
    item_ids: list[int] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)
    annotation_ids: list[int] = field(default_factory=list)
    positions: int = 0
    secret_uids: list[str] = field(default_factory=list)
    in_vault: int = 0  # secret parts whose content is in the vault (not only sealed in the public store)
    source_file_ids: list[int] = field(default_factory=list)

    @property
    def member_work(self) -> int:
        """The member's own work on the meeting: notes, highlights and planned positions."""
        return len(self.annotation_ids) + self.positions


def _marks(n: int) -> str:
    return ",".join("?" * n)


class MeetingRemoval:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.conn = db.conn

    def footprint(self, meeting_id: str) -> MeetingFootprint:
        fp = MeetingFootprint(meeting_id)
        c = self.conn
        fp.item_ids = [r[0] for r in c.execute("SELECT id FROM agenda_item WHERE meeting_id=?", (meeting_id,))]
        if fp.item_ids:
            m, ids = _marks(len(fp.item_ids)), fp.item_ids
            fp.document_ids = [r[0] for r in c.execute(f"SELECT id FROM document WHERE item_id IN ({m})", ids)]
            fp.annotation_ids = [r[0] for r in c.execute(f"SELECT id FROM annotation WHERE item_id IN ({m})", ids)]
            fp.positions = c.execute(f"SELECT COUNT(*) FROM item_position WHERE item_id IN ({m})", ids).fetchone()[0]
            parts = c.execute(f"SELECT uid, content_state FROM secret_part WHERE item_id IN ({m})", ids).fetchall()
            fp.secret_uids = [r[0] for r in parts]
            fp.in_vault = sum(1 for r in parts if r[1] == "in_vault")
        # a file belongs to the meeting when the meeting was read from it and no other meeting uses it
        fp.source_file_ids = [
            r[0]
            for r in c.execute(
                """SELECT f.id FROM source_file f WHERE (f.meeting_id=? OR f.id IN
                       (SELECT source_file_id FROM meeting WHERE id=?))
                   AND NOT EXISTS (SELECT 1 FROM meeting m WHERE m.source_file_id=f.id AND m.id<>?)
                   AND NOT EXISTS (SELECT 1 FROM document d JOIN agenda_item a ON a.id=d.item_id
                                   WHERE d.source_file_id=f.id AND a.meeting_id<>?)""",
                (meeting_id, meeting_id, meeting_id, meeting_id),
            )
        ]
        return fp

    def remove(self, fp: MeetingFootprint) -> None:
        """Delete the meeting's rows (call inside a store transaction, with secure delete on)."""
        c, mid = self.conn, fp.meeting_id
        if fp.item_ids:
            m, ids = _marks(len(fp.item_ids)), fp.item_ids
            targets = [f"item:{i}" for i in ids] + [f"document:{d}" for d in fp.document_ids]
            for chunk in range(0, len(targets), 500):
                part = targets[chunk : chunk + 500]
                c.execute(f"DELETE FROM read_state WHERE target IN ({_marks(len(part))})", part)
            c.execute(f"DELETE FROM annotation WHERE item_id IN ({m})", ids)
            c.execute(f"DELETE FROM item_position WHERE item_id IN ({m})", ids)
            if fp.secret_uids:
                u = _marks(len(fp.secret_uids))
                c.execute(f"DELETE FROM published_part WHERE uid IN ({u})", fp.secret_uids)
                c.execute(f"DELETE FROM sealed_secret WHERE uid IN ({u})", fp.secret_uids)
        c.execute("DELETE FROM sealed_secret WHERE meeting_id=?", (mid,))
        c.execute("DELETE FROM pending_secret_file WHERE meeting_id=?", (mid,))
        c.execute("DELETE FROM meeting_alias WHERE new_id=?", (mid,))
        c.execute("DELETE FROM agenda_item WHERE meeting_id=?", (mid,))  # documents, sections, lists cascade
        c.execute("DELETE FROM meeting WHERE id=?", (mid,))
        if fp.source_file_ids:
            f = _marks(len(fp.source_file_ids))
            c.execute(f"DELETE FROM source_file WHERE id IN ({f})", fp.source_file_ids)
        # a committee without meetings is no longer shown; its row stays (tiny, and a later import reuses it)

    def meeting_exists(self, meeting_id: str) -> bool:
        row: Any = self.conn.execute("SELECT 1 FROM meeting WHERE id=?", (meeting_id,)).fetchone()
        return row is not None
