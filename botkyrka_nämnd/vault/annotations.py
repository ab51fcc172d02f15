"""Annotations on secret parts, inside the vault (table ``secret_annotation``, vault schema v2): the SQL
of the secret half of :class:`~botkyrka_nämnd.services.annotations.AnnotationService`.

The twin of :class:`botkyrka_nämnd.storage.annotations.AnnotationRepository`: the methods both have
(``transaction``, ``item_note``, ``insert``, ``update``, ``delete``, ``tag_lists``) take the same arguments.
An annotation here is known by its ``uid``. Every call needs the vault unlocked and raises
:class:`~botkyrka_nämnd.errors.VaultLocked` otherwise (also when it locks between two calls).
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from typing import Any, cast

import sqlite_utils

from .vault import Vault

Row = dict[str, Any]


class SecretAnnotationRepository:
    """The ``secret_annotation`` rows of an unlocked vault, on its connection and transaction."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    @property
    def db(self) -> sqlite_utils.Database:
        return self.vault.db  # raises VaultLocked once the vault is locked

    def transaction(self) -> AbstractContextManager[object]:
        return self.vault.transaction()

    # -- reading -----------------------------------------------------------------------------------
    def _select(self, where: str, params: list[Any]) -> list[Row]:
        return list(
            self.db.query("SELECT * FROM secret_annotation WHERE " + where + " ORDER BY created_at, rowid", params)
        )

    def get(self, uid: str) -> Row | None:
        rows = self._select("uid = ?", [uid])
        return rows[0] if rows else None

    def exists(self, uid: str) -> bool:
        return self.db.execute("SELECT 1 FROM secret_annotation WHERE uid=?", [uid]).fetchone() is not None

    def for_item(self, item_id: int) -> list[Row]:
        return self._select("item_id = ?", [item_id])

    def for_items(self, item_ids: list[int]) -> list[Row]:
        return self._select(f"item_id IN ({','.join('?' * len(item_ids))})", list(item_ids))

    def for_secret_part(self, secret_uid: str) -> list[Row]:
        return self._select("secret_uid = ?", [secret_uid])

    def item_notes(self, secret_uid: str) -> list[Row]:
        return self._select("secret_uid = ? AND is_item_note = 1", [secret_uid])

    def with_tag(self, tag: str) -> list[Row]:
        return self._select("EXISTS (SELECT 1 FROM json_each(secret_annotation.tags) WHERE json_each.value = ?)", [tag])

    def tag_lists(self) -> list[list[str]]:
        """The tag list of every secret annotation that has tags."""
        return [
            cast(list[str], json.loads(r[0]))
            for r in self.db.execute("SELECT tags FROM secret_annotation WHERE tags != '[]'").fetchall()
        ]

    # -- writing (inside transaction()) ------------------------------------------------------------
    def item_note(self, secret_uid: str) -> tuple[str, str, str] | None:
        """(uid, body, tags JSON) of THE note of a secret part, or None."""
        row = self.db.execute(
            "SELECT uid, body, tags FROM secret_annotation WHERE secret_uid=? AND is_item_note=1", [secret_uid]
        ).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def insert(self, row: Row) -> str:
        self.db.table("secret_annotation").insert(row)
        return cast(str, row["uid"])

    def update(self, uid: str, changes: Row) -> None:
        self.db.table("secret_annotation").update(uid, changes)

    def delete(self, uid: str) -> None:
        self.db.execute("DELETE FROM secret_annotation WHERE uid=?", [uid])

    def delete_for_secret_parts(self, secret_uids: list[str]) -> list[str]:
        """Delete the annotations on these secret parts; returns their uids."""
        marks = ",".join("?" * len(secret_uids))
        gone = [
            cast(str, r[0])
            for r in self.db.execute(
                f"SELECT uid FROM secret_annotation WHERE secret_uid IN ({marks})", secret_uids
            ).fetchall()
        ]
        self.db.execute(f"DELETE FROM secret_annotation WHERE secret_uid IN ({marks})", secret_uids)
        return gone
