"""Reading the meeting aggregate: meetings, agenda items, documents (all versions), sections, list entries."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import sqlite_utils

from ..domain.doctext import join_sections


class MeetingReads:
    db: sqlite_utils.Database
    conn: sqlite3.Connection

    def meetings(self) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                """SELECT m.id, c.name AS committee, c.kommun AS kommun, c.short AS committee_short, m.committee_id,
                          m.date, m.time, m.place, m.chair, m.secretary,
                          m.text_origin, m.updated_at, m.imported_at,
                          (SELECT COUNT(*) FROM agenda_item a WHERE a.meeting_id=m.id AND a.ordinal IS NOT NULL) AS item_count
                   FROM meeting m JOIN committee c ON c.id=m.committee_id
                   ORDER BY m.date DESC, m.id"""
            )
        )

    def meeting(self, meeting_id: str) -> dict[str, Any] | None:
        rows = list(
            self.db.query(
                """SELECT m.*, c.name AS committee, c.kommun AS kommun, c.short AS committee_short FROM meeting m
                   JOIN committee c ON c.id=m.committee_id WHERE m.id=?""",
                [self.resolve_meeting_id(meeting_id)],
            )
        )
        if not rows:
            return None
        r = rows[0]
        r["group_meetings"] = json.loads(r["group_meetings"])
        r["warnings"] = json.loads(r["warnings"])
        return r

    def resolve_meeting_id(self, meeting_id: str) -> str:
        """A meeting id as stored; an id from before the v3 store (``SN-2024-09-24``) is resolved through its
        alias, so old links, settings and scripts keep working."""
        row = self.conn.execute("SELECT new_id FROM meeting_alias WHERE old_id=?", (meeting_id,)).fetchone()
        return row[0] if row else meeting_id

    def meeting_aliases(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT old_id, new_id FROM meeting_alias").fetchall())

    def items(self, meeting_id: str) -> list[dict[str, Any]]:
        rows = list(
            self.db.query(
                "SELECT * FROM agenda_item WHERE meeting_id=? ORDER BY position", [self.resolve_meeting_id(meeting_id)]
            )
        )
        for r in rows:
            _decode_item(r)
        return rows

    def item(self, meeting_id: str, ordinal: int) -> dict[str, Any] | None:
        rows = list(
            self.db.query(
                "SELECT * FROM agenda_item WHERE meeting_id=? AND ordinal=?",
                [self.resolve_meeting_id(meeting_id), ordinal],
            )
        )
        return _decode_item(rows[0]) if rows else None

    def item_by_id(self, item_id: int) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM agenda_item WHERE id=?", [item_id]))
        return _decode_item(rows[0]) if rows else None

    def documents(self, item_id: int, *, current_only: bool = True) -> list[dict[str, Any]]:
        sql = (
            "SELECT * FROM document WHERE item_id=?"
            + (" AND is_current=1" if current_only else "")
            + " ORDER BY position, version"
        )
        return list(self.db.query(sql, [item_id]))

    def document(self, document_id: int) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM document WHERE id=?", [document_id]))
        return rows[0] if rows else None

    def sections(self, document_id: int) -> list[dict[str, Any]]:
        """The sections of a document as the reader shows them. For an OCR'd document ``text_clean`` is the
        dictionary-repaired text (what is displayed, annotated and exported); the unrepaired OCR text stays
        available as ``text_ocr`` (and ``text_raw`` keeps the source lines)."""
        rows = list(self.db.query("SELECT * FROM section WHERE document_id=? ORDER BY ordinal", [document_id]))
        for r in rows:
            r["text_ocr"] = None
            if r.get("text_index"):
                r["text_ocr"], r["text_clean"] = r["text_clean"], r["text_index"]
        return rows

    def document_text(self, document_id: int) -> str:
        return join_sections(s["text_clean"] for s in self.sections(document_id))

    def list_entries(self, item_id: int) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT * FROM list_entry WHERE item_id=? ORDER BY id", [item_id]))

    def items_by_case_number(self, canonical: str) -> list[int]:
        return [
            r[0]
            for r in self.conn.execute("SELECT DISTINCT item_id FROM case_mention WHERE case_number=?", (canonical,))
        ]

    def counts(self, meeting_id: str) -> tuple[int, int]:
        """(numbered agenda items, locked secret parts) of a meeting."""
        items = self.conn.execute(
            "SELECT COUNT(*) FROM agenda_item WHERE meeting_id=? AND ordinal IS NOT NULL", (meeting_id,)
        ).fetchone()[0]
        secret = self.conn.execute(
            "SELECT COALESCE(SUM(secret_parts), 0) FROM agenda_item WHERE meeting_id=?", (meeting_id,)
        ).fetchone()[0]
        return int(items), int(secret)

    def is_empty(self) -> bool:
        return self.conn.execute("SELECT 1 FROM meeting LIMIT 1").fetchone() is None

    # -- lookups for search hits -------------------------------------------------------------------
    def committee_for(self, value: str) -> str | None:
        """The committee a search filter names (its id, name or short name, any case); the busiest wins."""
        row = self.conn.execute(
            """SELECT id FROM committee WHERE lower(id)=lower(?) OR lower(name)=lower(?) OR lower(short)=lower(?)
               ORDER BY (SELECT COUNT(*) FROM meeting m WHERE m.committee_id=committee.id) DESC, id""",
            (value, value, value),
        ).fetchone()
        return str(row[0]) if row else None

    def case_mentions(
        self, *, numbers: list[str] | None = None, year_number: str | None = None
    ) -> list[tuple[int, str]]:
        """(item id, Dnr as stored) of the items that carry one of the canonical ``numbers``, or any Dnr
        with ``year_number`` (``2024:00517``) in any series (both index lookups)."""
        if numbers is not None:
            marks = ",".join("?" * len(numbers))
            sql, params = f"SELECT item_id, case_number FROM case_mention WHERE case_number IN ({marks})", numbers
        else:
            sql, params = "SELECT item_id, case_number FROM case_mention WHERE year_number=?", [year_number or ""]
        return [(int(r[0]), str(r[1])) for r in self.conn.execute(sql, params)]

    def item_places(self, item_ids: list[int]) -> list[tuple[int, str, int, int | None, str, str]]:
        """(item id, meeting id, position, number, meeting date, committee id) of each item."""
        if not item_ids:
            return []
        marks = ",".join("?" * len(item_ids))
        return self.conn.execute(
            f"""SELECT a.id, a.meeting_id, a.position, a.ordinal, m.date, m.committee_id
                FROM agenda_item a JOIN meeting m ON m.id=a.meeting_id WHERE a.id IN ({marks})""",
            item_ids,
        ).fetchall()

    def item_heading(
        self, meeting_id: str, *, ordinal: int | None = None, position: int | None = None
    ) -> tuple[int, int | None, str] | None:
        """(item id, number, title) of a meeting's item by number or by position."""
        column, value = ("ordinal", ordinal) if ordinal is not None else ("position", position)
        row = self.conn.execute(
            f"SELECT id, ordinal, title FROM agenda_item WHERE meeting_id=? AND {column}=?", (meeting_id, value)
        ).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def item_headings(self, item_ids: list[int]) -> dict[int, tuple[int | None, str]]:
        """item id -> (number, title)."""
        if not item_ids:
            return {}
        marks = ",".join("?" * len(item_ids))
        rows = self.conn.execute(f"SELECT id, ordinal, title FROM agenda_item WHERE id IN ({marks})", item_ids)
        return {int(r[0]): (r[1], r[2]) for r in rows}

    def document_headings(self, document_ids: list[int]) -> dict[int, tuple[str, str | None, int | None]]:
        """document id -> (title, bilaga label, first page)."""
        if not document_ids:
            return {}
        marks = ",".join("?" * len(document_ids))
        rows = self.conn.execute(
            f"SELECT id, title, bilaga_label, page_start FROM document WHERE id IN ({marks})", document_ids
        )
        return {int(r[0]): (r[1], r[2], r[3]) for r in rows}


def _decode_item(r: dict[str, Any]) -> dict[str, Any]:
    for k in ("warnings", "flags", "meeting_dates"):
        if isinstance(r.get(k), str):
            r[k] = json.loads(r[k])
    return r
