"""The public store's side of the secret parts: content-free placeholders (``secret_part``), the parts the
member made public (``published_part``) and the parts sealed for the vault while it was locked
(``sealed_secret``: encrypted to the vault's public key, opened only by an unlock)."""

from __future__ import annotations

from typing import Any

import sqlite_utils


class SealedParts:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.conn = db.conn

    def secret_parts(self, item_id: int) -> list[dict[str, Any]]:
        """The item's locked parts: placeholder rows, with ``published_text``/``published_at`` set for a part
        the member made public."""
        return list(
            self.db.query(
                """SELECT s.*, p.text AS published_text, p.published_at FROM secret_part s
               LEFT JOIN published_part p ON p.uid=s.uid WHERE s.item_id=?
               ORDER BY s.withdrawn_at IS NOT NULL, s.id""",
                [item_id],
            )
        )

    def secret_parts_for_meeting(self, meeting_id: str) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                """SELECT s.*, a.position AS item_position, a.ordinal AS item_ordinal, p.text AS published_text,
                          p.published_at FROM secret_part s
                   JOIN agenda_item a ON a.id=s.item_id LEFT JOIN published_part p ON p.uid=s.uid
                   WHERE a.meeting_id=? ORDER BY a.position, s.id""",
                [meeting_id],
            )
        )

    def secret_part(self, uid: str) -> dict[str, Any] | None:
        rows = list(
            self.db.query(
                """SELECT s.*, p.text AS published_text, p.published_at, p.content_tag AS published_tag FROM secret_part s
               LEFT JOIN published_part p ON p.uid=s.uid WHERE s.uid=?""",
                [uid],
            )
        )
        return rows[0] if rows else None

    def sealed_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM sealed_secret").fetchone()[0])

    def withdrawn_part_uids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT uid FROM secret_part WHERE withdrawn_at IS NOT NULL")]

    def publish_part(
        self, uid: str, text: str, content_tag: str | None, at: str, *, text_index: str | None = None
    ) -> None:
        """``text_index``: the OCR repair of ``text`` for the search index (an OCR'd kallelse), else None."""
        self.conn.execute(
            """INSERT OR REPLACE INTO published_part(uid, text, content_tag, published_at, text_index)
               VALUES (?, ?, ?, ?, ?)""",
            (uid, text, content_tag, at, text_index),
        )

    def unpublish_part(self, uid: str) -> bool:
        return self.conn.execute("DELETE FROM published_part WHERE uid=?", (uid,)).rowcount > 0

    def set_secret_state(self, uid: str, state: str) -> None:
        self.db.execute("UPDATE secret_part SET content_state=? WHERE uid=?", [state, uid])

    def add_sealed(self, uid: str, meeting_id: str, sealed: bytes, at: str) -> None:
        """A part's content sealed for the vault (replaces an older sealed copy of the same part)."""
        self.db.execute(
            "INSERT OR REPLACE INTO sealed_secret(uid, meeting_id, sealed, created_at) VALUES (?, ?, ?, ?)",
            [uid, meeting_id, sealed, at],
        )
        self.set_secret_state(uid, "sealed")

    def sealed_rows(self) -> list[tuple[str, bytes]]:
        """(uid, sealed blob) of every part waiting for the vault, oldest first."""
        return [(r[0], r[1]) for r in self.conn.execute("SELECT uid, sealed FROM sealed_secret ORDER BY created_at")]

    def absorbed(self, uid: str) -> None:
        """The vault holds the part now: its sealed copy goes."""
        self.db.execute("DELETE FROM sealed_secret WHERE uid=?", [uid])
        self.set_secret_state(uid, "in_vault")

    # -- files to read again when the vault is created ----------------------------------------------
    def remember_pending_file(self, path: str | None, meeting_id: str, at: str) -> None:
        """A file whose secret parts could not be stored (no vault yet); ``path`` None: its path may not be
        kept (it speaks of sekretess), only that there was one."""
        if path is None:
            self.db.execute(
                "INSERT INTO pending_secret_file(path, meeting_id, at) VALUES (NULL, ?, ?)", [meeting_id, at]
            )
        else:
            self.db.execute(
                "INSERT INTO pending_secret_file(path, meeting_id, at) VALUES (?, ?, ?) "
                "ON CONFLICT(path) DO UPDATE SET meeting_id=excluded.meeting_id, at=excluded.at",
                [path, meeting_id, at],
            )

    def pending_files(self) -> list[tuple[int, str | None, str | None]]:
        """(id, path or None, meeting id) of every file to read again, oldest first."""
        return [
            (int(r[0]), r[1], r[2])
            for r in self.conn.execute("SELECT id, path, meeting_id FROM pending_secret_file ORDER BY id")
        ]

    def forget_pending_file(self, *, file_id: int | None = None, path: str | None = None) -> None:
        if file_id is not None:
            self.db.execute("DELETE FROM pending_secret_file WHERE id=?", [file_id])
        if path is not None:
            self.db.execute("DELETE FROM pending_secret_file WHERE path=?", [path])

    def missing_content(self, meeting_id: str) -> bool:
        """Whether a current locked part of the meeting has no content anywhere (imported before a vault)."""
        row = self.conn.execute(
            """SELECT COUNT(*) FROM secret_part s JOIN agenda_item a ON a.id=s.item_id
               WHERE a.meeting_id=? AND s.content_state='missing' AND s.withdrawn_at IS NULL""",
            (meeting_id,),
        ).fetchone()
        return bool(row[0])

    def lock_by_source(self, item_id: int, uid: str, label: str) -> bool:
        """The item's source (an OParl AgendaItem with ``public: false``) says it is not public: a locked
        placeholder without content (the source serves none). Kept across re-imports; True when added or
        brought back."""
        rows = self.conn.execute(
            "SELECT id, kind, not_in_source, withdrawn_at FROM secret_part WHERE item_id=? ORDER BY id", (item_id,)
        ).fetchall()
        mine = next((r for r in rows if r[1] == "sekretessarende" and r[2] == 1), None)
        if mine is not None:
            if mine[3] is None:
                return False
            self.conn.execute("UPDATE secret_part SET withdrawn_at=NULL WHERE id=?", (mine[0],))
        elif any(r[3] is None for r in rows):
            return False  # the notice itself locks a part of it already
        else:
            self.conn.execute(
                """INSERT INTO secret_part(uid, item_id, kind, label, not_in_source, content_state)
                   VALUES (?, ?, 'sekretessarende', ?, 1, 'not_in_source')""",
                (uid, item_id, label),
            )
        self.conn.execute(
            """UPDATE agenda_item SET secret_parts=(SELECT COUNT(*) FROM secret_part
               WHERE item_id=? AND withdrawn_at IS NULL) WHERE id=?""",
            (item_id, item_id),
        )
        return True
