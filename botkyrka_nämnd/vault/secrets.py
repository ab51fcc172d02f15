"""The vault's own content: secret parts (``secret``: text, label, report numbers, where in the agenda) and
the original files that carry them (``blob``). A mixin of :class:`~.vault.Vault`, on its connection and
transaction; every call needs the vault unlocked (VaultLocked otherwise)."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

import sqlcipher3

from .. import log
from ..errors import VaultError
from ..sqlite_util import SQLiteDatabase
from .crypto import CryptoError
from .payload import blob_bytes, decode_payload

_log = log.get("vault")


def _now_iso() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def _secret_row(row: tuple[Any, ...], columns: list[str]) -> dict[str, Any]:
    d = dict(zip(columns, row))
    d["report_numbers"] = json.loads(d["report_numbers"] or "[]")
    return d


_SECRET_COLUMNS = [
    "uid",
    "meeting_id",
    "item_position",
    "item_ordinal",
    "kind",
    "label",
    "text",
    "report_numbers",
    "page",
    "blob_sha256",
    "created_at",
]


class SecretRows(SQLiteDatabase):
    """The vault's content tables; :class:`~.vault.Vault` supplies the connection and the keys."""

    def _require(self) -> sqlcipher3.Connection:
        raise NotImplementedError

    def open_sealed(self, blob: bytes) -> bytes:
        raise NotImplementedError

    def absorb(self, sealed_blobs: Iterable[tuple[str, bytes]]) -> list[str]:
        """Open sealed payloads and store them (secret rows and blobs) in one transaction.

        Returns the uids stored, so the caller can delete exactly those from the public store. A blob
        that does not open, is malformed or carries another uid is skipped (logged without content) and
        stays sealed where it is."""
        with self._lock:
            self._require()
            opened: list[dict[str, Any]] = []
            for uid, blob in sealed_blobs:
                try:
                    payload = decode_payload(self.open_sealed(blob))
                except (CryptoError, VaultError):
                    _log.warning("a sealed secret part could not be opened; it stays sealed")
                    continue
                if payload["uid"] != uid:
                    _log.warning("a sealed secret part carries another uid; it stays sealed")
                    continue
                opened.append(payload)
            with self.transaction():
                for p in opened:
                    sha = None
                    if p.get("blob"):
                        sha = p["blob"]["sha256"]
                        self.put_blob(sha, p["blob"]["name"], blob_bytes(p))  # type: ignore[arg-type]
                    self.put_secret(
                        p["uid"],
                        meeting_id=p["meeting_id"],
                        item_position=p["item_position"],
                        item_ordinal=p["item_ordinal"],
                        kind=p["kind"],
                        label=p["label"],
                        text=p["text"],
                        report_numbers=p["report_numbers"],
                        page=p["page"],
                        blob_sha256=sha,
                    )
            if opened:
                _log.info("absorbed %d sealed secret parts", len(opened))
            return [p["uid"] for p in opened]

    # -- content -----------------------------------------------------------------------------------
    def put_secret(
        self,
        uid: str,
        *,
        meeting_id: str,
        item_position: int | None,
        item_ordinal: int | None,
        kind: str,
        label: str,
        text: str,
        report_numbers: Iterable[str] = (),
        page: int | None = None,
        blob_sha256: str | None = None,
    ) -> None:
        """Insert or update one secret part (``created_at`` of an existing row is kept)."""
        if isinstance(report_numbers, (str, bytes)):
            raise TypeError("report_numbers must be an iterable of strings, not a string")
        with self.transaction() as conn:
            conn.execute(
                """INSERT INTO secret(uid, meeting_id, item_position, item_ordinal, kind, label, text,
                                      report_numbers, page, blob_sha256, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(uid) DO UPDATE SET meeting_id=excluded.meeting_id,
                     item_position=excluded.item_position, item_ordinal=excluded.item_ordinal,
                     kind=excluded.kind, label=excluded.label, text=excluded.text,
                     report_numbers=excluded.report_numbers, page=excluded.page,
                     blob_sha256=COALESCE(excluded.blob_sha256, secret.blob_sha256)""",
                (
                    uid,
                    meeting_id,
                    item_position,
                    item_ordinal,
                    kind,
                    label,
                    text,
                    json.dumps(list(report_numbers), ensure_ascii=False),
                    page,
                    blob_sha256,
                    _now_iso(),
                ),
            )

    def get_secret(self, uid: str) -> dict[str, Any] | None:
        with self._lock:
            row = (
                self._require()
                .execute(f"SELECT {', '.join(_SECRET_COLUMNS)} FROM secret WHERE uid=?", (uid,))
                .fetchone()
            )
            return _secret_row(row, _SECRET_COLUMNS) if row else None

    def secrets_for_meeting(self, meeting_id: str) -> list[dict[str, Any]]:
        """The meeting's secret parts in agenda order (then in the order they were stored)."""
        with self._lock:
            rows = (
                self._require()
                .execute(
                    f"SELECT {', '.join(_SECRET_COLUMNS)} FROM secret WHERE meeting_id=? "
                    "ORDER BY item_position IS NULL, item_position, rowid",
                    (meeting_id,),
                )
                .fetchall()
            )
            return [_secret_row(r, _SECRET_COLUMNS) for r in rows]

    def rename_meetings(self, aliases: dict[str, str]) -> list[str]:
        """Move secret parts stored under a meeting's old id to its new one (the public store renamed its
        meetings while the vault was locked). Returns the uids moved, for the search index."""
        if not aliases:
            return []
        moved: list[str] = []
        with self.transaction() as conn:
            for old, new in aliases.items():
                uids = [r[0] for r in conn.execute("SELECT uid FROM secret WHERE meeting_id=?", (old,))]
                if uids:
                    conn.execute("UPDATE secret SET meeting_id=? WHERE meeting_id=?", (new, old))
                    moved += uids
        return moved

    def delete_secret(self, uid: str) -> bool:
        """Remove one secret part, and its blob when no other part uses it. True when it existed."""
        with self.transaction() as conn:
            row = conn.execute("SELECT blob_sha256 FROM secret WHERE uid=?", (uid,)).fetchone()
            if row is None:
                return False
            conn.execute("DELETE FROM secret WHERE uid=?", (uid,))
            if row[0]:
                conn.execute(
                    "DELETE FROM blob WHERE sha256=? AND NOT EXISTS (SELECT 1 FROM secret WHERE blob_sha256=?)",
                    (row[0], row[0]),
                )
            return True

    def put_blob(self, sha256: str, name: str, data: bytes) -> None:
        """Store an original file; ``sha256`` must be the hex SHA-256 of ``data``."""
        sha256 = sha256.lower()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ValueError("sha256 does not match the data")
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO blob(sha256, name, data) VALUES (?, ?, ?) "
                "ON CONFLICT(sha256) DO UPDATE SET name=excluded.name",
                (sha256, name, bytes(data)),
            )

    def get_blob(self, sha256: str) -> bytes | None:
        with self._lock:
            row = self._require().execute("SELECT data FROM blob WHERE sha256=?", (sha256.lower(),)).fetchone()
            return bytes(row[0]) if row else None
