"""Reading and writing meetings in the public store.

``save_meeting`` is called inside one ``store.transaction()`` per imported file. It is idempotent: the same
parsed meeting saved twice changes nothing. A re-issued kallelse (same meeting, changed content) adds a new
*version* of each changed document; the old version is kept (``is_current=0``) so annotations made on it
can be re-anchored or reviewed, never lost.

Secret content never reaches this module: the parser has replaced it with a placeholder, and only a
content-free label of each locked part is stored (``secret_part``).
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any, cast

import sqlite_utils

from ..domain.bodies import slug
from ..domain.casenumber import CaseNumber
from ..domain.doctext import join_sections
from ..domain.model import AgendaItem, Document, Meeting
from ..errors import MeetingConflict
from .db import now_iso


def _canon(cn: CaseNumber | None) -> str | None:
    return cn.canonical if cn is not None else None


def _display(cn: CaseNumber | None) -> str | None:
    return cn.display if cn is not None else None


def _title_key(title: str | None) -> str:
    from ..domain.textkeys import ocr_fold

    t = ocr_fold(title or "")
    return " ".join(re.sub(r"[^\w ]", " ", t).split())


def title_similarity(a: str | None, b: str | None) -> float:
    from rapidfuzz import fuzz

    ka, kb = _title_key(a), _title_key(b)
    if not ka or not kb:
        return 0.0
    return float(fuzz.token_set_ratio(ka, kb) + fuzz.ratio(ka, kb)) / 2


@dataclass
class MeetingMatch:
    """Which stored meeting a parsed document is: ``existing`` (None for a new one) and the id it gets."""

    meeting_id: str
    committee_id: str
    existing: bool
    overlap: float = 1.0  # share of the new agenda found in the stored one


def document_hash(doc: Document) -> str:
    h = hashlib.sha256()
    h.update(f"{doc.kind}\x1f{doc.title}\x1f{doc.bilaga_label or ''}\x1f{_canon(doc.case_number) or ''}".encode())
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
                _canon(item.agenda_case_number),
                _canon(item.document_case_number),
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


class Repository:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.conn = db.conn

    # ----------------------------------------------------------------------------------- identity
    def committee_id(self, meeting: Meeting, *, create: bool = False) -> str:
        """The committee of kommun + body: the stored one, or a new readable id (``botkyrka-sn``; the full
        name's slug when another body of that kommun already has that abbreviation)."""
        key = meeting.body_key
        row = self.conn.execute(
            "SELECT id FROM committee WHERE kommun=? AND body_key=?", (meeting.municipality, key)
        ).fetchone()
        if row:
            return cast(str, row[0])
        kslug = slug(meeting.municipality)
        cid = f"{kslug}-{slug(meeting.committee_short or meeting.committee)}"
        taken = self.conn.execute("SELECT body_key FROM committee WHERE id=?", (cid,)).fetchone()
        if taken is not None and taken[0] != key:
            cid = f"{kslug}-{slug(meeting.committee)}"
        if create:
            self.db.execute(
                "INSERT OR IGNORE INTO committee(id, name, kommun, short, body_key) VALUES (?, ?, ?, ?, ?)",
                [cid, meeting.committee, meeting.municipality, meeting.committee_short, key],
            )
        return cid

    def match_meeting(self, meeting: Meeting, *, partial: bool = False) -> MeetingMatch:
        """The stored meeting this parsed document belongs to: same kommun, same body, same date (and time,
        when the body meets twice that day). A different body never shares a meeting. When the stored
        meeting that day has another time, the agendas decide: the same agenda is a re-issue (time changed),
        a different one a second meeting; anything between is refused, never merged."""
        cid = self.committee_id(meeting)
        base = f"{cid}-{meeting.date}"
        rows = self.conn.execute(
            "SELECT id, time FROM meeting WHERE committee_id=? AND date=? ORDER BY id", (cid, meeting.date)
        ).fetchall()
        if not rows:
            return MeetingMatch(base, cid, False)
        same_time = [r for r in rows if r[1] and meeting.time and r[1] == meeting.time]
        if same_time:
            return MeetingMatch(same_time[0][0], cid, True)
        scored = sorted(((self.agenda_overlap(r[0], meeting), r[0]) for r in rows), reverse=True)
        best, best_id = scored[0]
        stored_items = self.conn.execute("SELECT COUNT(*) FROM agenda_item WHERE meeting_id=?", (best_id,)).fetchone()[
            0
        ]
        if len(rows) == 1 and (stored_items == 0 or not meeting.items):
            return MeetingMatch(best_id, cid, True, best)  # nothing to compare: the same kommun, body and date
        if best >= 0.5 and (len(scored) == 1 or scored[1][0] < 0.3):
            return MeetingMatch(best_id, cid, True, best)
        times = {r[1] for r in rows if r[1]}
        if best <= 0.1 and meeting.time and meeting.time not in times and times and not partial:
            return MeetingMatch(f"{base}-{meeting.time.replace(':', '')}", cid, False, best)
        raise MeetingConflict(
            f"{meeting.committee} har redan ett sammanträde {meeting.date} (kl. {rows[0][1] or '?'}) vars ärendelista bara "
            f"delvis stämmer med den här filens (kl. {meeting.time or '?'}). Filen lästes inte in, så att inget blandas "
            "ihop. Är det samma sammanträde med ny tid, eller ett andra sammanträde samma dag? Importera med "
            "--date/--body och kontrollera filen.",
            f"{meeting.committee} already has a meeting on {meeting.date} (at {rows[0][1] or '?'}) whose agenda only partly "
            f"matches this file's (at {meeting.time or '?'}). The file was not imported, so nothing is mixed up. Is it "
            "the same meeting at a new time, or a second meeting that day? Check the file and import it again.",
        )

    def agenda_overlap(self, meeting_id: str, meeting: Meeting) -> float:
        """Share of the parsed agenda's items found in a stored meeting (same Dnr or a similar title)."""
        stored = self.conn.execute(
            "SELECT title, agenda_case_number, document_case_number FROM agenda_item WHERE meeting_id=?", (meeting_id,)
        ).fetchall()
        items = [it for it in meeting.items if it.title]
        if not items or not stored:
            return 0.0
        hits = 0
        for it in items:
            keys = {_year_number(c) for c in (it.agenda_case_number, it.document_case_number) if c is not None}
            for title, a, d in stored:
                if (keys and keys & {_year_number_str(a), _year_number_str(d)}) or title_similarity(
                    title, it.title
                ) >= 85:
                    hits += 1
                    break
        return hits / len(items)

    def meeting_for_partial(self, meeting: Meeting) -> dict[str, Any] | None:
        """The stored meeting a cover-less handlingar file belongs to: most of its items found there (Dnr
        or title), in the same kommun; a meeting of the body the text names is preferred (a tjänsteskrivelse
        names the body that decides, the meeting may be its arbetsutskott's). Returns the meeting's
        ``committee``, ``committee_short`` and ``date``, or None when no meeting is clearly it."""
        if not meeting.municipality:
            return None
        rows = self.conn.execute(
            """SELECT m.id, m.date, c.name, c.short, c.body_key FROM meeting m JOIN committee c ON c.id=m.committee_id
               WHERE c.kommun=?""",
            (meeting.municipality,),
        ).fetchall()
        key = meeting.body_key if meeting.committee else None
        scored = sorted(
            (
                (self.agenda_overlap(mid, meeting) + (0.05 if bkey == key else 0.0), date, name, short)
                for mid, date, name, short, bkey in rows
            ),
            reverse=True,
        )
        if scored and scored[0][0] >= 0.5 and (len(scored) == 1 or scored[1][0] < scored[0][0] - 0.25):
            _s, date, name, short = scored[0]
            return {"date": date, "committee": name, "committee_short": short}
        return None

    # ----------------------------------------------------------------------------------- writing
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
            "notice_case_number": _canon(meeting.notice_case_number),
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
        keys = {_year_number(c) for c in (item.agenda_case_number, item.document_case_number) if c is not None}
        best = None
        for r in stored:
            if r["id"] in taken:
                continue
            sim = title_similarity(r["title"], item.title)
            rkeys = {_year_number_str(r["agenda_case_number"]), _year_number_str(r["document_case_number"])} - {None}
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
            "kind": item.kind,
            "agenda_case_number": _canon(item.agenda_case_number),
            "document_case_number": _canon(item.document_case_number),
            "agenda_case_display": _display(item.agenda_case_number),
            "document_case_display": _display(item.document_case_number),
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
                    "case_number": _canon(e.case_number),
                    "text": e.text,
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
                        self.unpublish_part(uid)
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
                    self.unpublish_part(uid)
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
                    "case_number": _canon(doc.case_number),
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

    def set_secret_state(self, uid: str, state: str) -> None:
        self.db.execute("UPDATE secret_part SET content_state=? WHERE uid=?", [state, uid])

    # ----------------------------------------------------------------------------------- reading
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

    def publish_part(self, uid: str, text: str, content_tag: str | None, at: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO published_part(uid, text, content_tag, published_at) VALUES (?, ?, ?, ?)",
            (uid, text, content_tag, at),
        )

    def unpublish_part(self, uid: str) -> bool:
        return self.conn.execute("DELETE FROM published_part WHERE uid=?", (uid,)).rowcount > 0

    def items_by_case_number(self, canonical: str) -> list[int]:
        return [
            r[0]
            for r in self.conn.execute("SELECT DISTINCT item_id FROM case_mention WHERE case_number=?", (canonical,))
        ]

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


def _year_number(cn: CaseNumber | None) -> str | None:
    return cn.year_number if cn is not None else None


def _year_number_str(canonical: str | None) -> str | None:
    """'SN/2024:00303' -> '2024:00303' (the stored canonical form without its series)."""
    if not canonical or "/" not in canonical:
        return None
    return canonical.split("/", 1)[1]


def _decode_item(r: dict[str, Any]) -> dict[str, Any]:
    for k in ("warnings", "flags", "meeting_dates"):
        if isinstance(r.get(k), str):
            r[k] = json.loads(r[k])
    return r
