"""Stage 2, cover: the meeting's date, time and place.

Read from labels (``Datum``, ``Tid och plats``, ``Sammanträde <date> kl. <time> <place>`` …) with the value
on the same line, on the next line, or wrapped over two lines (:func:`_place_continued`). A date label
printed without its date (a web copy that dropped the digits) is recorded in ``Cover.date_label_empty``, so
the importer can ask for the date instead of guessing one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...domain.dates import DateHit, find_dates, find_times
from ..normalize import ocr_fold
from .cover_labels import (
    _ANY_LABEL,
    _BREADCRUMB,
    _DATE_LABEL,
    _DATE_LABEL_NEED,
    _GROUP,
    _INLINE_LABEL,
    _NOT_DATE,
    _PLACE_LABEL,
    _TIME_LABEL,
    _is_label_line,
    _match,
    _next_value,
)
from .text import Lines, take

if TYPE_CHECKING:
    from .cover import Cover


def _first_meeting_date(text: str) -> DateHit | None:
    for h in find_dates(text):
        return h
    return None


def _dates_and_places(c: Lines, cv: Cover, lo: int, hi: int, agenda_lines: set[int]) -> None:
    date_line = None
    place_found = False
    for i in range(lo, hi):
        if not c.content(i) or i in agenda_lines:
            continue
        s = c.s[i]
        if _match(_NOT_DATE, c, i):
            dates = find_dates(s)
            if dates and cv.prepared is None and c.f[i].startswith("upprattad"):
                cv.prepared = dates[0].iso
            if not dates and c.f[i].startswith("upprattad"):
                j = _next_value(c, i, hi - 1)
                if j is not None and find_dates(c.s[j]):
                    cv.prepared = find_dates(c.s[j])[0].iso
            continue
        # a breadcrumb of a web page: "Hem > Tyresö kommun > Barn- och utbildningsnämnden > Sammanträde 2023-10-25"
        if _BREADCRUMB.match(s):
            continue
        parts = _INLINE_LABEL.split(s)
        for part in parts:
            self_rest = None
            pf = ocr_fold(part)
            m = _PLACE_LABEL.match(pf.lstrip("*# "))
            if m and not cv.place_raw:
                rest = part[len(pf) - len(pf.lstrip("*# ")) + m.start("rest") :].strip()
                label = m.group("label")
                value_line = i
                if not rest:
                    j = _next_value(c, i, hi - 1)
                    if j is None:
                        continue
                    rest, value_line = c.s[j], j
                if "tid" in label:  # "Plats och tid Örngrund, 2020-08-18 kl. 09.00-10:05"
                    d = _first_meeting_date(rest)
                    if d:
                        after = rest[d.end :]
                        t = find_times(after, bare=True)
                        if cv.date is None:
                            cv.date, cv.date_source = d.iso, "plats_och_tid"
                            if t:
                                cv.time = t[0].start_time
                        before = rest[: d.start].rstrip(" ,;–-")
                        # "Tid och plats: tisdag 5 mars 2024 kl. 18.00, Kommunhuset": the place after the time
                        rest = before if before.strip() else (after[t[0].end :] if t else after).strip(" ,;–-")
                rest = re.sub(r"(?i)^f[öo]r(?:\s+sammantr\S{1,2}det?)?\s+", "", rest.replace("\t", " "))
                tm = re.search(r"(?i)\s*,?\s*\b(?:klockan|kl\.?)\s*\d{1,2}[:.]\d\d.*$", rest)
                if tm:  # "Kungsbackarummet, Storgatan 37 Klockan 08:30-10:30"
                    t = find_times(tm.group(0), bare=True)
                    if t and cv.time is None:
                        cv.time = t[0].start_time
                    rest = rest[: tm.start()].strip(" ,")
                rest = _place_continued(c, value_line, rest, hi)
                if rest:
                    cv.place_raw = cv.place = rest
                    place_found = True
                continue
            m = _DATE_LABEL.match(pf.lstrip("*# ")) or _DATE_LABEL_NEED.match(pf.lstrip("*# "))
            if m and cv.date is not None and cv.time is None and m.group("label") in ("tid", "tidpunkt"):
                # "Datum: 2025-02-11" then "Tid: 18.00"
                rest = part[len(pf) - len(pf.lstrip("*# ")) + m.start("rest") :].strip()
                if not rest:
                    j = _next_value(c, i, hi - 1)
                    rest = c.s[j] if j is not None else ""
                t = find_times(rest, bare=True)
                if t and not find_dates(rest):
                    cv.time = t[0].start_time
                continue
            if m and cv.date is None:
                rest = part[len(pf) - len(pf.lstrip("*# ")) + m.start("rest") :].strip()
                need = m.re is _DATE_LABEL_NEED
                self_rest = rest
                d = _first_meeting_date(rest)
                tail = rest[d.end :] if d else rest
                if d is None and not rest:
                    j = _next_value(c, i, hi - 1)
                    if j is not None:
                        d = _first_meeting_date(c.s[j])
                        tail = c.s[j][d.end :] if d else c.s[j]
                if d is None:
                    if not need and m.group("label") in (
                        "tid",
                        "datum",
                        "dag och tid",
                        "datum och tid",
                        "datum, tid",
                        "sammantradesdatum",
                        "motesdatum",
                    ):
                        # the label is there, the date is not: "Tid , Kl 19:00" (a copy that lost digits)
                        if not find_dates(self_rest or ""):
                            cv.date_label_empty = cv.date_label_empty or m.group("label") != "datum" or bool(rest)
                        t = find_times(rest, bare=True)
                        if t and cv.time is None:
                            cv.time = t[0].start_time
                    continue
                cv.date, cv.date_source = (
                    d.iso,
                    ("tid_line" if m.group("label") == "tid" else f"label:{m.group('label')}"),
                )
                date_line = i
                t = find_times(tail, bare=True)
                if t and cv.time is None:
                    cv.time = t[0].start_time
                if need and t and not cv.place_raw:
                    # "Sammanträde onsdagen den 23 oktober 2024 kl. 17:00 Elof Lindälvs gymnasium Sal" / "A67"
                    after = tail[t[0].end :].strip(" ,;–-")
                    if len(after) >= 3 and not _is_label_text(after):
                        cv.place_raw = cv.place = _place_continued(c, i, after, hi)
                        place_found = True
                continue
            m = _TIME_LABEL.match(pf.lstrip("*# "))
            if m and cv.time is None and m.group("label") == "klockan":
                rest = part[len(pf) - len(pf.lstrip("*# ")) + m.start("rest") :].strip()
                if not rest:
                    j = _next_value(c, i, hi - 1)
                    rest = c.s[j] if j is not None else ""
                t = find_times(rest, bare=True)
                if t:
                    cv.time = t[0].start_time
        # a time on its own line right under the date ("Kl. 19:00")
    if cv.date is not None and cv.time is None and date_line is not None:
        for j in take(c.next(date_line, hi - 1), 2):
            t = find_times(c.s[j])
            if t:
                cv.time = t[0].start_time
                break
    if not place_found and date_line is not None and cv.date_source in ("label:sammantrade", "label:mote"):
        # Kungsbacka: "Sammanträde torsdagen den 1 februari 2024 kl. 09.00" / "Kungsbackarummet, Storgatan 37"
        j = next(c.next(date_line, hi - 1), None)
        if j is not None and _looks_like_place(c, j):
            cv.place_raw = cv.place = _place_continued(c, j, c.s[j].replace("\t", " "), hi)


_PERSONISH = re.compile(r"(?i)(?:förvaltning|kontor|direkt|telefon|e-post|www\.|@|besöksadress|ordförande|sekreterare)")


def _looks_like_place(c: Lines, j: int) -> bool:
    s = c.s[j]
    if not s or len(s) > 90 or _is_label_line(c, j) or _PERSONISH.search(s) or c.tabbed[j]:
        return False
    if find_dates(s) or s.endswith("."):
        return False
    return bool(re.search(r"[A-ZÅÄÖ]", s))


def _is_label_text(text: str) -> bool:
    f = ocr_fold(text)
    return any(rx.match(f) for rx in _ANY_LABEL)


def _place_continued(c: Lines, i: int, value: str, hi: int) -> str:
    """A place printed over two lines: ``Xenter, Utbildningsvägen 3 i Tumba,`` / ``Konferensrummet``."""
    value = value.strip()
    for j in take(c.next(i, hi - 1), 1):
        if j != i + 1 or _is_label_line(c, j) or c.tabbed[j]:
            break
        nxt = c.s[j]
        if len(nxt) > 60 or find_dates(nxt) or _PERSONISH.search(nxt) or _GROUP.search(c.f[j]):
            break
        short_tail = (
            len(nxt.split()) <= 2 and len(nxt) <= 10 and re.search(r"\d", nxt) and not find_times(nxt, bare=True)
        )
        if (
            value.endswith((",", "-", "–"))
            or nxt[:1].islower()
            or re.search(r"\b(?:i|och|vid|på)$", value)
            or short_tail
        ):
            value = f"{value} {nxt}".strip()
    return value
