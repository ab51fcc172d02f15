"""The member's annotations and planned positions in the public store (tables ``annotation`` and
``item_position``, schema v2): the SQL of :class:`~botkyrka_nämnd.services.annotations.AnnotationService`.

Rows come back as plain dicts; the service turns them into its annotation dicts and keeps the rules
(validation, anchoring, tags, re-anchoring). Writes belong inside :meth:`AnnotationRepository.transaction`.
The vault's twin is :class:`botkyrka_nämnd.vault.annotations.SecretAnnotationRepository`; the methods both
have (``transaction``, ``item_note``, ``insert``, ``update``, ``delete``, ``tag_lists``) take the same
arguments, so the service's write paths are shared.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from typing import Any, cast

import sqlite_utils

from .db import Store

Row = dict[str, Any]

# an annotation with its item and (for a highlight) its document version
_SELECT = """
    SELECT a.*, i.meeting_id, i.ordinal AS item_number, i.title AS item_title, i.position AS item_position,
           d.title AS document_title, d.kind AS document_kind, d.bilaga_label, d.version AS document_version,
           d.is_current AS document_is_current, d.doc_key
    FROM annotation a
    JOIN agenda_item i ON i.id = a.item_id
    LEFT JOIN document d ON d.id = a.document_id
"""


class AnnotationRepository:
    """Annotation rows, item notes, planned positions and re-anchoring updates in the public store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def db(self) -> sqlite_utils.Database:
        return self.store.db

    def transaction(self) -> AbstractContextManager[object]:
        return self.store.transaction()

    # -- reading annotations ---------------------------------------------------------------------
    def _select(self, where: str, params: list[Any]) -> list[Row]:
        return list(self.db.query(_SELECT + " WHERE " + where, params))

    def get(self, ann_id: int) -> Row | None:
        rows = self._select("a.id = ?", [ann_id])
        return rows[0] if rows else None

    def exists(self, ann_id: int) -> int | None:
        """The id when the annotation exists, else None."""
        row = self.store.conn.execute("SELECT id FROM annotation WHERE id=?", (ann_id,)).fetchone()
        return None if row is None else cast(int, row[0])

    def id_for_uid(self, uid: str) -> int | None:
        row = self.store.conn.execute("SELECT id FROM annotation WHERE uid=?", (uid,)).fetchone()
        return None if row is None else cast(int, row[0])

    def for_item(self, item_id: int) -> list[Row]:
        return self._select("a.item_id = ?", [item_id])

    def item_notes(self, item_id: int) -> list[Row]:
        return self._select("a.item_id = ? AND a.is_item_note = 1", [item_id])

    def for_document(self, document_id: int) -> list[Row]:
        return self._select("a.document_id = ?", [document_id])

    def for_meeting(self, meeting_id: str) -> list[Row]:
        return self._select("i.meeting_id = ?", [meeting_id])

    def needing_review(self, meeting_id: str | None = None) -> list[Row]:
        if meeting_id is None:
            return self._select("a.anchor_state = 'needs_review'", [])
        return self._select("a.anchor_state = 'needs_review' AND i.meeting_id = ?", [meeting_id])

    def with_tag(self, tag: str) -> list[Row]:
        return self._select("EXISTS (SELECT 1 FROM json_each(a.tags) WHERE json_each.value = ?)", [tag])

    def tag_lists(self) -> list[list[str]]:
        """The tag list of every annotation that has tags."""
        return [
            cast(list[str], json.loads(r[0]))
            for r in self.store.conn.execute("SELECT tags FROM annotation WHERE tags != '[]'")
        ]

    # -- writing annotations (inside transaction()) ------------------------------------------------
    def item_note(self, item_id: int) -> tuple[int, str, str] | None:
        """(id, body, tags JSON) of THE note of an item, or None."""
        row = self.store.conn.execute(
            "SELECT id, body, tags FROM annotation WHERE item_id=? AND is_item_note=1", (item_id,)
        ).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def insert(self, row: Row) -> int:
        return cast(int, self.db.table("annotation").insert(row).last_pk)

    def update(self, ann_id: int, changes: Row) -> None:
        self.db.table("annotation").update(ann_id, changes)

    def delete(self, ann_id: int) -> None:
        self.db.execute("DELETE FROM annotation WHERE id=?", [ann_id])

    # -- re-anchoring ------------------------------------------------------------------------------
    def on_document(self, document_id: int) -> list[Row]:
        """The raw ``annotation`` rows anchored to one document version."""
        return list(self.db.query("SELECT * FROM annotation WHERE document_id = ?", [document_id]))

    def waiting_for_review(self, item_id: int, doc_key: str, except_document_id: int) -> list[Row]:
        """Raw rows left for review on other earlier versions of the same document."""
        return list(
            self.db.query(
                """SELECT a.* FROM annotation a JOIN document d ON d.id = a.document_id
                   WHERE d.item_id = ? AND d.doc_key = ? AND d.is_current = 0 AND d.id != ?
                     AND a.anchor_state = 'needs_review'""",
                [item_id, doc_key, except_document_id],
            )
        )

    def current_document(self, item_id: int, doc_key: str) -> Row | None:
        rows = list(
            self.db.query("SELECT * FROM document WHERE item_id=? AND doc_key=? AND is_current=1", [item_id, doc_key])
        )
        return rows[0] if rows else None

    def mark_needs_review(
        self,
        ann_id: int,
        now: str,
        *,
        proposal: tuple[int, int, int, str] | None = None,
        score: float | None = None,
    ) -> None:
        """Leave a highlight where it is, for review; ``proposal`` (document id, start, end, text) is the best
        match in a new version, kept beside it (None: no match, orphaned). The stored quote is not touched."""
        doc, start, end, text = proposal if proposal is not None else (None, None, None, None)
        self.db.execute(
            """UPDATE annotation SET anchor_state='needs_review', anchor_score=?, reanchored_at=?,
               proposed_document_id=?, proposed_start=?, proposed_end=?, proposed_quote=? WHERE id=?""",
            [score, now, doc, start, end, text, ann_id],
        )

    def dismiss_review(self, ann_id: int, now: str) -> None:
        """Keep a highlight waiting for review where it is (on the version it was made on)."""
        self.db.execute(
            """UPDATE annotation SET anchor_state='ok', modified_at=?, proposed_document_id=NULL,
               proposed_start=NULL, proposed_end=NULL, proposed_quote=NULL
               WHERE id=? AND anchor_state='needs_review'""",
            [now, ann_id],
        )

    # -- planned positions -------------------------------------------------------------------------
    def set_position(self, item_id: int, code: str | None, now: str) -> None:
        if code is None:
            self.db.execute("DELETE FROM item_position WHERE item_id=?", [item_id])
        else:
            self.db.execute(
                """INSERT INTO item_position(item_id, position, modified_at) VALUES (?, ?, ?)
                   ON CONFLICT(item_id) DO UPDATE SET position=excluded.position, modified_at=excluded.modified_at""",
                [item_id, code, now],
            )

    def position(self, item_id: int) -> str | None:
        row = self.store.conn.execute("SELECT position FROM item_position WHERE item_id=?", (item_id,)).fetchone()
        return cast(str, row[0]) if row else None

    def positions_for_meeting(self, meeting_id: str) -> dict[int, str]:
        return {
            r[0]: r[1]
            for r in self.store.conn.execute(
                "SELECT p.item_id, p.position FROM item_position p JOIN agenda_item i ON i.id=p.item_id"
                " WHERE i.meeting_id=?",
                (meeting_id,),
            )
        }

    # -- the rest of the store, as annotations need it ---------------------------------------------
    def item_of_secret_part(self, secret_uid: str) -> int | None:
        """The agenda item of a secret part's public placeholder, or None."""
        row = self.store.conn.execute("SELECT item_id FROM secret_part WHERE uid=?", (secret_uid,)).fetchone()
        return None if row is None else cast(int, row[0])

    def item_ids_of_meeting(self, meeting_id: str) -> list[int]:
        return [r[0] for r in self.store.conn.execute("SELECT id FROM agenda_item WHERE meeting_id=?", (meeting_id,))]

    def meeting_dates(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.store.conn.execute("SELECT id, date FROM meeting")}
