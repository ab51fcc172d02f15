"""Saving a parsed meeting: the merge of a new or re-issued kallelse into the stored one.

``save_meeting`` is called inside one ``store.transaction()`` per imported file. It is idempotent: the same
parsed meeting saved twice changes nothing. A re-issued kallelse (same meeting, changed content) adds a new
*version* of each changed document; the old version is kept (``is_current=0``) so annotations made on it
can be re-anchored or reviewed, never lost.

Secret content never reaches this module: the parser has replaced it with a placeholder, and only a
content-free label of each locked part is stored (``secret_part``, through :class:`SealedParts`).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import Any, cast

from ..domain.model import AgendaItem, Document, Meeting
from .db import now_iso
from .matching import MeetingMatcher, canonical, display, title_similarity, year_number, year_number_str
from .sealed_parts import SealedParts


def document_hash(doc: Document) -> str:
    h = hashlib.sha256()
    h.update(f"{doc.kind}\x1f{doc.title}\x1f{doc.bilaga_label or ''}\x1f{canonical(doc.case_number) or ''}".encode())
    for s in doc.sections:
        h.update(f"\x1e{s.kind}\x1f{s.heading or ''}\x1f{s.text_clean}".encode())
    return h.hexdigest()


def item_hash(item: AgendaItem) -> str:
    h = hashlib.sha256()
    h.update(
        json.dumps(
            [
                item.title,
                item.kind,
                canonical(item.agenda_case_number),
                canonical(item.document_case_number),
                item.proposal,
                item.tabled,
                [document_hash(d) for d in item.documents],
                [e.text for e in item.list_entries],
                [(p.kind, p.label, p.content_tag) for p in item.secret_parts if p.locked],
            ],
            ensure_ascii=False,
        ).encode()
    )
    return h.hexdigest()


@dataclass
class SavedPart:
    """A locked secret part that was saved as a placeholder; the caller seals its content."""

    uid: str
    item_id: int
    item_position: int
    item_ordinal: int | None
    part_index: int  # index into item.secret_parts
    is_new: bool
    item: AgendaItem | None = None  # the parsed item the part belongs to
    changed: bool = False  # the item was saved because it changed (its secret content may have too)


@dataclass
class SaveResult:
    meeting_id: str
    created: bool = False
    changed_item_ids: list[int] = field(default_factory=list)
    new_document_ids: list[int] = field(default_factory=list)
    superseded_document_ids: list[int] = field(default_factory=list)
    secret_parts: list[SavedPart] = field(default_factory=list)
    relocked_parts: list[str] = field(default_factory=list)  # published parts whose text a re-issue changed
    withdrawn_parts: list[str] = field(default_factory=list)  # locked parts the new version no longer has

    @property
    def changed(self) -> bool:
        return self.created or bool(self.changed_item_ids)


# what _find_item returns for a stored item: (id, content_hash, position, ordinal, row_kind)
_Found = tuple[int, str, int, int | None, str]


# the texts of OCR'd meetings stored before schema v6 without their repaired index text (services/ocr_backfill.py)
_MISSING_INDEX_TEXTS = {
    "heading": """SELECT a.id, a.id, a.title_heading FROM agenda_item a JOIN meeting m ON m.id=a.meeting_id
                  WHERE m.text_origin='ocr' AND a.title_heading IS NOT NULL AND a.heading_index IS NULL""",
    "entry": """SELECT e.id, e.item_id, e.text FROM list_entry e JOIN agenda_item a ON a.id=e.item_id
                JOIN meeting m ON m.id=a.meeting_id WHERE m.text_origin='ocr' AND e.text_index IS NULL""",
    "published": """SELECT p.uid, s.item_id, p.text FROM published_part p JOIN secret_part s ON s.uid=p.uid
                    JOIN agenda_item a ON a.id=s.item_id JOIN meeting m ON m.id=a.meeting_id
                    WHERE m.text_origin='ocr' AND p.text_index IS NULL""",
}
_SET_INDEX_TEXT = {
    "heading": "UPDATE agenda_item SET heading_index=? WHERE id=?",
    "entry": "UPDATE list_entry SET text_index=? WHERE id=?",
    "published": "UPDATE published_part SET text_index=? WHERE uid=?",
}


class MeetingWriter(MeetingMatcher):
    """Writes the meeting aggregate (meeting, agenda items, documents, sections, list entries, case
    mentions, secret-part placeholders)."""

    sealed: SealedParts

    def missing_index_texts(self) -> list[tuple[str, Any, int, str]]:
        """(kind, row id, item id, text) of every text of an OCR'd meeting that has no repaired index text
        (stored before schema v6); kind is 'heading', 'entry' or 'published'."""
        return [
            (kind, r[0], int(r[1]), str(r[2]))
            for kind, sql in _MISSING_INDEX_TEXTS.items()
            for r in self.conn.execute(sql)
        ]

    def set_index_text(self, kind: str, row_id: Any, text: str) -> None:
        self.conn.execute(_SET_INDEX_TEXT[kind], (text, row_id))

    def save_meeting(self, meeting: Meeting, source_file_id: int | None, *, partial: bool = False) -> SaveResult:
        """Save a parsed meeting. ``partial``: the document holds only part of the meeting (handlingar
        without the whole agenda, a protokoll): its items are added to or matched with the stored ones;
        nothing stored is renumbered, moved out or blanked."""
        now = now_iso()
        match = self.match_meeting(meeting, partial=partial)
        meeting.id_override = match.meeting_id
        mid = meeting.id
        res = SaveResult(mid)
        cid = self.committee_id(meeting, create=True)
        row = {
            "id": mid,
            "committee_id": cid,
            "date": meeting.date,
            "time": meeting.time,
            "place": meeting.place,
            "place_raw": meeting.place_raw,
            "chair": meeting.chair,
            "secretary": meeting.secretary,
            "notice_case_number": canonical(meeting.notice_case_number),
            "doc_kind": meeting.doc_kind,
            "date_source": meeting.date_source,
            "text_origin": meeting.text_origin,
            "group_meetings": json.dumps([g.text for g in meeting.group_meetings], ensure_ascii=False),
            "warnings": json.dumps(meeting.warnings, ensure_ascii=False),
            "source_file_id": source_file_id,
        }
        existing = self.conn.execute("SELECT * FROM meeting WHERE id=?", (mid,)).fetchone()
        if existing is None:
            self.db.table("meeting").insert({**row, "imported_at": now, "updated_at": now})
            res.created = True
        else:
            cols = [d[0] for d in self.conn.execute("SELECT * FROM meeting LIMIT 0").description]
            old = dict(zip(cols, existing))
            # a re-issue updates what it prints; what it does not print (a handlingar file has no cover) stays
            upd = {k: v for k, v in row.items() if v not in (None, "", "[]") or k in ("id", "committee_id")}
            if partial:
                upd = {k: v for k, v in upd.items() if old.get(k) in (None, "", "[]") or k in ("id", "committee_id")}
            if any(old.get(k) != v for k, v in upd.items()):
                self.db.table("meeting").update(mid, {**upd, "updated_at": now})

        taken: set[int] = set()
        stored = self._stored_items(mid)
        next_position = 1 + max((r["position"] for r in stored), default=-1)
        for position, item in enumerate(meeting.items):
            found = self._find_item(stored, item, taken)
            if found is not None:
                taken.add(found[0])
            if partial:
                pos = found[2] if found is not None else next_position
                if found is None:
                    next_position += 1
            else:
                pos = position
            self._save_item(mid, pos, item, source_file_id, meeting.text_origin, now, res, found, partial=partial)
        if not partial:
            # items of an earlier version that the re-issue no longer lists: kept (with the member's notes),
            # moved after the current agenda and marked, never deleted
            for r in stored:
                if r["id"] not in taken and r["position"] < 1000 + len(meeting.items):
                    top = self.conn.execute(
                        "SELECT COALESCE(MAX(position), 0) FROM agenda_item WHERE meeting_id=?", (mid,)
                    ).fetchone()[0]
                    warnings = json.loads(r["warnings"] or "[]")
                    if "not_in_latest_version" not in warnings:
                        warnings.append("not_in_latest_version")
                    self.db.execute(
                        "UPDATE agenda_item SET position=?, warnings=? WHERE id=?",
                        [top + 1000, json.dumps(warnings), r["id"]],
                    )
                    res.changed_item_ids.append(r["id"])
        return res

    def _stored_items(self, mid: str) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                """SELECT id, content_hash, position, ordinal, title, kind, row_kind, agenda_case_number, document_case_number,
                      warnings FROM agenda_item WHERE meeting_id=? ORDER BY position""",
                [mid],
            )
        )

    def _find_item(self, stored: list[dict[str, Any]], item: AgendaItem, taken: set[int]) -> _Found | None:
        """The stored item a re-issued (or partial) document's item is: the same Dnr and a similar title,
        else the same title, else the same number with a similar title. Never by number alone: a member's
        notes must not move to another ärende when a re-issue renumbers the agenda."""
        keys = {year_number(c) for c in (item.agenda_case_number, item.document_case_number) if c is not None}
        best = None
        for r in stored:
            if r["id"] in taken:
                continue
            sim = title_similarity(r["title"], item.title)
            rkeys = {year_number_str(r["agenda_case_number"]), year_number_str(r["document_case_number"])} - {None}
            if item.ordinal is None and r["ordinal"] is None and r["kind"] == item.kind and sim >= 80:
                score = 300 + sim
            elif keys and keys & rkeys and sim >= 50:
                score = 200 + sim
            elif sim >= 90:
                score = 150 + sim
            elif (
                item.ordinal is not None
                and r["ordinal"] == item.ordinal
                and sim >= 60
                and (not keys or not rkeys or keys & rkeys)
            ):
                score = 100 + sim
            else:
                continue
            if best is None or score > best[0]:
                best = (score, r)
        if best is None:
            return None
        r = best[1]
        return (r["id"], r["content_hash"], r["position"], r["ordinal"], r["row_kind"])

    def _save_item(
        self,
        mid: str,
        position: int,
        item: AgendaItem,
        source_file_id: int | None,
        text_origin: str,
        now: str,
        res: SaveResult,
        found: _Found | None = None,
        *,
        partial: bool = False,
    ) -> None:
        h = item_hash(item)
        row = {
            "meeting_id": mid,
            "position": position,
            "ordinal": item.ordinal,
            "printed_number": item.printed_number,
            "title": item.title,
            "title_heading": item.title_heading,
            "heading_index": item.heading_index,
            "kind": item.kind,
            "agenda_case_number": canonical(item.agenda_case_number),
            "document_case_number": canonical(item.document_case_number),
            "agenda_case_display": display(item.agenda_case_number),
            "document_case_display": display(item.document_case_number),
            "row_kind": item.row_kind,
            "grp": item.group,
            "presenter": item.presenter,
            "is_secret": int(item.secret),
            "proposal": item.proposal,
            "proposal_source": item.proposal_source,
            "tabled": int(item.tabled),
            "warnings": json.dumps(item.warnings, ensure_ascii=False),
            "flags": json.dumps(item.flags, ensure_ascii=False),
            "meeting_dates": json.dumps(item.meeting_dates),
            "secret_parts": len(item.locked_parts),
            "line_start": item.line_start,
            "line_end": item.line_end,
            "content_hash": h,
        }
        if item.decision:
            row["decision"], row["decision_source"] = item.decision, item.decision_source
        if found is not None and found[1] == h and found[2] == position:
            item_id = found[0]
            if not partial and len(found) > 3 and (found[3], found[4]) != (item.ordinal, item.row_kind):
                # the same ärende under another number (a re-issue renumbered the agenda): only the number moves
                self.db.execute(
                    "UPDATE agenda_item SET ordinal=?, printed_number=?, row_kind=? WHERE id=?",
                    [item.ordinal, item.printed_number, item.row_kind, item_id],
                )
                res.changed_item_ids.append(item_id)
            # unchanged; still report its secret parts so missing content can be filled in
            self._collect_secret_parts(item_id, position, item, res, save=False)
            return
        if partial and found is not None and not item.documents and not item.decision:
            return  # a partial document's bare mention of a stored item changes nothing
        if found is None:
            # make room if another item holds this position (agenda re-ordered in a re-issue)
            self._free_position(mid, position)
            item_id = cast(int, self.db.table("agenda_item").insert(row).last_pk)
        else:
            item_id = found[0]
            if partial:
                # a handlingar file or protokoll adds to the stored item: its agenda fields stay as they are
                cols = [d[0] for d in self.conn.execute("SELECT * FROM agenda_item LIMIT 0").description]
                old = dict(zip(cols, self.conn.execute("SELECT * FROM agenda_item WHERE id=?", (item_id,)).fetchone()))
                keep_new = {
                    "content_hash",
                    "decision",
                    "decision_source",
                    "document_case_number",
                    "document_case_display",
                    "secret_parts",
                    "flags",
                }
                row = {k: v for k, v in row.items() if k in keep_new or old.get(k) in (None, "", "[]")}
                row.pop("position", None)
                row.pop("ordinal", None)
            elif found[2] != position:
                self._free_position(mid, position, keep=item_id)
            self.db.table("agenda_item").update(item_id, row)
        res.changed_item_ids.append(item_id)

        # documents: new version when the content changed
        kind_counts: dict[str, int] = {}
        seen_keys = set()
        for dpos, doc in enumerate(item.documents):
            k = kind_counts.get(doc.kind, 0) + 1
            kind_counts[doc.kind] = k
            key = f"{doc.kind}-{k}"
            seen_keys.add(key)
            dh = document_hash(doc)
            cur = self.conn.execute(
                "SELECT id, content_hash, version FROM document WHERE item_id=? AND doc_key=? AND is_current=1",
                (item_id, key),
            ).fetchone()
            if cur is not None and cur[1] == dh:
                if source_file_id is not None:
                    self.db.execute("UPDATE document SET position=? WHERE id=?", [dpos, cur[0]])
                continue
            # the next version number over *all* versions of this document (a bilaga may be missing in one
            # re-issue and come back in the next)
            version = (
                1
                + self.conn.execute(
                    "SELECT COALESCE(MAX(version), 0) FROM document WHERE item_id=? AND doc_key=?", (item_id, key)
                ).fetchone()[0]
            )
            if cur is not None:
                self.db.execute("UPDATE document SET is_current=0 WHERE id=?", [cur[0]])
                res.superseded_document_ids.append(cur[0])
            doc_id = self._insert_document(item_id, key, version, dpos, doc, dh, source_file_id, text_origin, now)
            res.new_document_ids.append(doc_id)
        # documents that disappeared from a re-issued item stay, but are no longer current (a partial document
        # adds documents, it does not withdraw the others)
        for doc_id, key in self.conn.execute(
            "SELECT id, doc_key FROM document WHERE item_id=? AND is_current=1", (item_id,)
        ).fetchall():
            if key not in seen_keys and not partial:
                self.db.execute("UPDATE document SET is_current=0 WHERE id=?", [doc_id])
                res.superseded_document_ids.append(doc_id)

        # derived rows: list entries and case mentions are rebuilt for the item
        self.db.execute("DELETE FROM list_entry WHERE item_id=?", [item_id])
        for e in item.list_entries:
            self.db.table("list_entry").insert(
                {
                    "item_id": item_id,
                    "kind": e.kind,
                    "paragraph": e.paragraph,
                    "body": e.body,
                    "decided_on": e.decided_on,
                    "delegate": e.delegate,
                    "case_number": canonical(e.case_number),
                    "text": e.text,
                    "text_index": e.text_index,
                    "line": e.line,
                    "flags": json.dumps(e.flags, ensure_ascii=False),
                }
            )
        self.db.execute("DELETE FROM case_mention WHERE item_id=?", [item_id])
        mentions = []
        if item.agenda_case_number:
            mentions.append((item.agenda_case_number, "agenda"))
        if item.document_case_number:
            mentions.append((item.document_case_number, "document"))
        for d in item.documents:
            if d.case_number:
                mentions.append((d.case_number, "document_header"))
        for e in item.list_entries:
            if e.case_number:
                mentions.append((e.case_number, "list_entry"))
        seen = set()
        for cn, role in mentions:
            if (cn.canonical, role) in seen:
                continue
            seen.add((cn.canonical, role))
            self.db.table("case_mention").insert(
                {
                    "case_number": cn.canonical,
                    "item_id": item_id,
                    "raw": cn.raw or cn.canonical,
                    "role": role,
                    "year_number": cn.year_number,
                }
            )
        self._collect_secret_parts(item_id, position, item, res, save=True)

    def _free_position(self, mid: str, position: int, keep: int | None = None) -> None:
        other = self.conn.execute(
            "SELECT id FROM agenda_item WHERE meeting_id=? AND position=?", (mid, position)
        ).fetchone()
        if other is not None and other[0] != keep:
            top = self.conn.execute(
                "SELECT COALESCE(MAX(position), 0) FROM agenda_item WHERE meeting_id=?", (mid,)
            ).fetchone()[0]
            self.db.execute("UPDATE agenda_item SET position=? WHERE id=?", [top + 1000, other[0]])

    def _collect_secret_parts(
        self, item_id: int, position: int, item: AgendaItem, res: SaveResult, *, save: bool
    ) -> None:
        existing = self.conn.execute(
            "SELECT id, uid, kind, withdrawn_at FROM secret_part WHERE item_id=? ORDER BY id", (item_id,)
        ).fetchall()
        locked = [(i, p) for i, p in enumerate(item.secret_parts) if p.locked]
        for n, (idx, part) in enumerate(locked):
            if n < len(existing):
                uid, is_new = existing[n][1], False
                if save:
                    self.db.execute(
                        "UPDATE secret_part SET kind=?, label=?, not_in_source=?, withdrawn_at=NULL WHERE id=?",
                        [part.kind, part.label, int(part.not_in_source), existing[n][0]],
                    )
                    # a part the member made public stays public only with the very text they read
                    pub = self.conn.execute("SELECT content_tag FROM published_part WHERE uid=?", (uid,)).fetchone()
                    if pub is not None and (pub[0] is None or pub[0] != part.content_tag):
                        self.sealed.unpublish_part(uid)
                        res.relocked_parts.append(uid)
            else:
                uid, is_new = uuid.uuid4().hex, True
                self.db.table("secret_part").insert(
                    {
                        "uid": uid,
                        "item_id": item_id,
                        "kind": part.kind,
                        "label": part.label,
                        "not_in_source": int(part.not_in_source),
                        "content_state": "not_in_source" if part.not_in_source else "missing",
                    }
                )
            res.secret_parts.append(SavedPart(uid, item_id, position, item.ordinal, idx, is_new, item, save))
        if save:
            # parts this version no longer has: withdrawn, not deleted (the member's notes on them stay)
            for row_id, uid, _kind, withdrawn_at in existing[len(locked) :]:
                if withdrawn_at is None:
                    self.db.execute("UPDATE secret_part SET withdrawn_at=? WHERE id=?", [now_iso(), row_id])
                    self.sealed.unpublish_part(uid)
                    res.withdrawn_parts.append(uid)

    def _insert_document(
        self,
        item_id: int,
        key: str,
        version: int,
        dpos: int,
        doc: Document,
        dh: str,
        source_file_id: int | None,
        text_origin: str,
        now: str,
    ) -> int:
        doc_id = cast(
            int,
            self.db.table("document")
            .insert(
                {
                    "item_id": item_id,
                    "doc_key": key,
                    "version": version,
                    "is_current": 1,
                    "position": dpos,
                    "kind": doc.kind,
                    "title": doc.title,
                    "bilaga_label": doc.bilaga_label,
                    "doc_date": doc.doc_date,
                    "case_number": canonical(doc.case_number),
                    "author": doc.author,
                    "code": doc.code,
                    "text_status": "ocr" if text_origin == "ocr" else "ok",
                    "content_hash": dh,
                    "source_file_id": source_file_id,
                    "page_start": doc.page_start,
                    "page_end": doc.page_end,
                    "line_start": doc.line_start,
                    "line_end": doc.line_end,
                    "tables": doc.tables,
                    "created_at": now,
                }
            )
            .last_pk,
        )
        self.db.table("section").insert_all(
            (
                {
                    "document_id": doc_id,
                    "ordinal": n,
                    "kind": s.kind,
                    "heading": s.heading,
                    "page": s.page,
                    "line_start": s.line_start,
                    "line_end": s.line_end,
                    "text_raw": s.text_raw,
                    "text_clean": s.text_clean,
                    "text_index": s.text_index,
                }
                for n, s in enumerate(doc.sections)
            ),
            batch_size=200,
        )
        return doc_id
