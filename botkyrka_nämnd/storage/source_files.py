"""Imported files and the import log: ``source_file`` (what was read, its public PDF copy), its
``page_artifact`` rows (page headers and footers), and ``import_log`` (one row per attempt, no content)."""

from __future__ import annotations

from typing import Any, cast

import sqlite_utils


class SourceFiles:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.conn = db.conn

    def source_file(self, source_file_id: int) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM source_file WHERE id=?", [source_file_id]))
        return rows[0] if rows else None

    def source_file_by_sha(self, sha256: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT id, meeting_id, has_secret FROM source_file WHERE sha256=?", [sha256]))
        return rows[0] if rows else None

    def pdf_for_document(self, document_id: int) -> bytes | None:
        """The PDF bytes to show for a document: the redacted public copy or the original (never a copy
        that carries secret content)."""
        row = self.conn.execute(
            """SELECT f.file_type, f.public_pdf, f.blob, f.has_secret FROM document d JOIN source_file f ON f.id=d.source_file_id
               WHERE d.id=?""",
            (document_id,),
        ).fetchone()
        if row is None or row[0] != "pdf":
            return None
        if row[1] is not None:
            return cast(bytes, row[1])
        return None if row[3] else cast(bytes, row[2])

    def add(self, row: dict[str, Any]) -> int:
        return cast(int, self.db.table("source_file").insert(row).last_pk)

    def add_artifact(self, source_file_id: int, line: int | None, kind: str, text: str) -> None:
        self.db.table("page_artifact").insert(
            {"source_file_id": source_file_id, "line": line, "kind": kind, "text": text}
        )

    def log(
        self,
        status: str,
        *,
        at: str,
        code: str | None = None,
        meeting_id: str | None = None,
        sha256: str | None = None,
        display_name: str | None = None,
    ) -> None:
        """One import attempt in ``import_log``."""
        self.db.table("import_log").insert(
            {
                "status": status,
                "code": code,
                "at": at,
                "display_name": display_name,
                "sha256": sha256,
                "meeting_id": meeting_id,
            }
        )
