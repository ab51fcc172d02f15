"""Which stored meeting a parsed document is (kommun + body + date [+ time], then the agendas), and which
body's meeting a cover-less handlingar file belongs to. A different body never shares a meeting; a partial
agenda match is refused (MeetingConflict), never merged."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any, cast

import sqlite_utils

from ..domain.bodies import slug
from ..domain.casenumber import CaseNumber
from ..domain.model import Meeting
from ..errors import MeetingConflict


def canonical(cn: CaseNumber | None) -> str | None:
    return cn.canonical if cn is not None else None


def display(cn: CaseNumber | None) -> str | None:
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


class MeetingMatcher:
    """Meeting identity over the store's ``committee``, ``meeting`` and ``agenda_item`` tables."""

    db: sqlite_utils.Database
    conn: sqlite3.Connection

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
            keys = {year_number(c) for c in (it.agenda_case_number, it.document_case_number) if c is not None}
            for title, a, d in stored:
                if (keys and keys & {year_number_str(a), year_number_str(d)}) or title_similarity(
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


def year_number(cn: CaseNumber | None) -> str | None:
    return cn.year_number if cn is not None else None


def year_number_str(canonical: str | None) -> str | None:
    """'SN/2024:00303' -> '2024:00303' (the stored canonical form without its series)."""
    if not canonical or "/" not in canonical:
        return None
    return canonical.split("/", 1)[1]
