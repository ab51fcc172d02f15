"""Stage 2: the cover fields of a kallelse: kommun, body, date, time, place, chair, secretary.

The labels are data (:data:`DATE_LABELS` …), read with the value on the same line, on the next line, or
wrapped over two lines; a label printed without its value (a web copy that dropped the digits) is
recorded, so the importer can ask for the value instead of guessing one. Chair and secretary come from
labels, from signature blocks (``Name  Name`` / ``ordförande  sekreterare`` in two columns, merged onto one
line, or flattened into one line with the names), and from member lists (``X (M), ordförande``).
Nothing here has a default: a field that is not printed stays None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...domain.bodies import Body, find_bodies, find_kommuner, kommun_name, match_body
from ...domain.casenumber import CaseNumber, find_case_numbers
from ...domain.dates import DateHit, find_dates, find_times
from ...domain.model import GroupMeeting
from ..normalize import ocr_fold
from .text import Lines, take

# label vocabularies (OCR-folded: å/ä -> a, ö -> o, lower case)
DATE_LABELS = (
    "dag och tid",
    "datum och tid",
    "tid och datum",
    "datum, tid",
    "datum/tid",
    "tid, datum",
    "tid/datum",
    "sammantradesdatum",
    "motesdatum",
    "sammantradesdag",
    "tidpunkt",
    "datum",
    "tid",
)
DATE_LABELS_NEED_DATE = ("sammantrade", "mote", "nar", "sammantraffande")
PLACE_LABELS = (
    "plats och tid for sammantrade",
    "plats och tid for sammantradet",
    "plats och tid",
    "tid och plats",
    "sammantradeslokal",
    "motesplats",
    "motesrum",
    "motelokal",
    "plats",
    "lokal",
)
TIME_LABELS = ("klockan", "kl")
CHAIR_LABELS = ("ordforande", "ordf")
SECRETARY_LABELS = ("namndsekreterare", "kommunsekreterare", "utskottssekreterare", "sekreterare", "sekr")
NOT_MEETING_DATE = (
    "plats och tid for justering",
    "tid for justering",
    "upprattad",
    "utskick",
    "utskickad",
    "datum for utskick",
    "skickad",
    "publicerad",
    "justerad",
    "justeringsdatum",
    "anslagsdatum",
    "anslaget",
    "protokollet justerat",
)


def _label_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?P<label>{alts})(?![\w])\.?\s*:?\s*(?P<rest>.*)$")


_DATE_LABEL = _label_rx(DATE_LABELS)
_DATE_LABEL_NEED = _label_rx(DATE_LABELS_NEED_DATE)
_PLACE_LABEL = _label_rx(PLACE_LABELS)
_TIME_LABEL = _label_rx(TIME_LABELS)
_CHAIR_LABEL = _label_rx(CHAIR_LABELS)
_SECRETARY_LABEL = _label_rx(SECRETARY_LABELS)
_NOT_DATE = _label_rx(NOT_MEETING_DATE)
_INLINE_LABEL = re.compile(r"\s(?=(?:Plats|Lokal|Ordförande|Sekreterare)\s*:)")
_ANY_LABEL = (_DATE_LABEL, _PLACE_LABEL, _TIME_LABEL, _CHAIR_LABEL, _SECRETARY_LABEL)

_ROLE_CHAIR = r"(?:ordf(?:orande)?\.?)"
_ROLE_SECR = r"(?:(?:namnd|kommun|utskotts|styrelse|forbunds)?sekreterare|sekr\.?)"
_ROLE = re.compile(
    rf"(?<![\w-])(?:(?P<vice>(?:1:e|2:e|forste|andre|vice)\s+)?(?P<chair>{_ROLE_CHAIR})|(?P<secr>{_ROLE_SECR}))(?![\w])"
)
_NAME_WORD = re.compile(
    r"^(?:[A-ZÅÄÖÉÜ][a-zåäöéüëèáíóú'’\-]+|[A-ZÅÄÖÉÜ]{2,}(?:-[A-ZÅÄÖÉÜ]{2,})?|af|av|von|van|de|der|la|el|bin)$"
)
_PARTY = re.compile(r"^\((?:[A-ZÅÄÖ]{1,4}|[A-ZÅÄÖ][a-zåäö]{1,3}|[a-zåäö]{1,3})\),?$")
_MEMBER_ROLE = re.compile(
    r"^(?P<name>[A-ZÅÄÖÉ][\wåäöéü\-]+(?:\s+[A-ZÅÄÖÉ][\wåäöéü\-]+){1,3})\s*(?P<party>\([A-ZÅÄÖa-zåäö]{1,4}\))?\s*,?\s+"
    r"(?P<role>ordförande|sekreterare|nämndsekreterare|kommunsekreterare)\b",
)
_GROUP = re.compile(r"tr\S{1,2}ffas|gruppm\S{1,2}te|partigrupp|f\S{1,2}rm\S{1,2}te")
_TIME = re.compile(r"\b(?:kl\.?\s*)?(?P<h>[0-2]?\d)[:.](?P<m>[0-5]\d)\b")
_BREADCRUMB = re.compile(r"^(?:din position\s*:|du [äa]r h[äa]r\s*:)?\s*(?:hem|start(?:sida)?)\s*>", re.IGNORECASE)
_DOC_TYPES = (
    ("protokoll", re.compile(r"^(?:sammantr\S{1,2}des)?protokoll\b|^protokollsutdrag\b|^justerat protokoll")),
    ("kungorelse", re.compile(r"^kung\S{1,2}relse\b")),
    ("foredragningslista", re.compile(r"^f\S{1,2}redragningslista\b")),
    ("dagordning", re.compile(r"^dagordning\b")),
    ("kallelse", re.compile(r"^kallelse\b|^kallelse/")),
)
_HOUSE = re.compile(r"(?<=[a-zåäöé]) 1 (?=[a-zåäöé])")


@dataclass
class Cover:
    kommun: str | None = None
    body: Body | None = None
    body_line: int | None = None
    date: str | None = None
    date_source: str | None = None
    date_label_empty: bool = False  # a date label was printed without a date (a copy that lost digits)
    time: str | None = None
    place: str | None = None
    place_raw: str | None = None
    chair: str | None = None
    secretary: str | None = None
    notice_case: CaseNumber | None = None
    prepared: str | None = None  # "Upprättad 2024-01-19"
    doc_type: str | None = None
    group_meetings: list[GroupMeeting] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _match(rx: re.Pattern[str], c: Lines, i: int) -> tuple[str, str] | None:
    """(label, rest of the line as printed) when line ``i`` starts with a label of ``rx``."""
    f = c.f[i].lstrip("*# ")
    off = len(c.f[i]) - len(f)
    m = rx.match(f)
    if not m:
        return None
    start = off + m.start("rest")
    return m.group("label"), c.s[i][start:].strip()


def _is_label_line(c: Lines, i: int) -> bool:
    return any(_match(rx, c, i) for rx in _ANY_LABEL) or bool(_match(_DATE_LABEL_NEED, c, i))


def _next_value(c: Lines, i: int, hi: int) -> int | None:
    """The line holding the value of a label printed alone on line ``i`` (not another label)."""
    for j in take(c.next(i, hi), 1):
        if _is_label_line(c, j):
            return None
        return j
    return None


def read_cover(c: Lines, lo: int, hi: int, *, agenda_lines: set[int] | None = None, ocr: bool = False) -> Cover:
    """Cover fields from lines [lo, hi) (the cover, the agenda and what follows it up to the handlingar)."""
    cv = Cover()
    agenda_lines = agenda_lines or set()
    _doc_type(c, cv, lo, hi)
    _dates_and_places(c, cv, lo, hi, agenda_lines)
    _people(c, cv, lo, hi, agenda_lines, ocr)
    _groups(c, cv, lo, hi)
    _notice_case(c, cv, lo, hi, agenda_lines)
    if ocr and cv.place_raw:
        from ..ocr import text as _ocr

        cv.place = _ocr.repair_text(_HOUSE.sub(" i ", cv.place_raw), ocr=True)
        cv.warnings.append("place_ocr")
    return cv


def _doc_type(c: Lines, cv: Cover, lo: int, hi: int) -> None:
    for i in take(c.content_lines(lo, hi - 1), 25):
        f = c.f[i].lstrip("*# ")
        for kind, rx in _DOC_TYPES:
            if rx.search(f):
                cv.doc_type = kind
                return


# --- date, time, place ---------------------------------------------------------------------------------


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
            d = find_dates(s)
            if d and cv.prepared is None and c.f[i].startswith("upprattad"):
                cv.prepared = d[0].iso
            if not d and c.f[i].startswith("upprattad"):
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


# --- chair and secretary ---------------------------------------------------------------------------------


def _people(c: Lines, cv: Cover, lo: int, hi: int, agenda_lines: set[int], ocr: bool) -> None:
    for i in range(lo, hi):
        if not c.content(i):
            continue
        if cv.chair is None and (m := _match(_CHAIR_LABEL, c, i)) and m[1] and not _ROLE.search(ocr_fold(m[1])):
            if c.f[i].lstrip("*# ").startswith("ordforande") and (":" in c.s[i][:14] or _label_tab(c.raw[i])):
                cv.chair = _person(m[1].split("\t")[0], ocr)
                continue
        if (
            cv.secretary is None
            and (m := _match(_SECRETARY_LABEL, c, i))
            and m[1]
            and (":" in c.s[i][:20] or _label_tab(c.raw[i]))
        ):
            value = m[1].split("\t")[0]
            if _is_name(value) or ":" in c.s[i][:20]:
                cv.secretary = _person(value, ocr)
                continue
        # a label alone on its line, the name on the next ("Sekreterare" / "Vera Lagerström")
        f = c.f[i].strip(" :*")
        if f in CHAIR_LABELS + SECRETARY_LABELS:
            j = next(c.next(i, hi - 1), None)
            if j is not None and j <= i + 2 and _is_name(c.s[j].split("\t")[0]) and not _roles_of(c.f[j]):
                if f in CHAIR_LABELS and cv.chair is None:
                    cv.chair = _person(c.s[j].split("\t")[0], ocr)
                elif f in SECRETARY_LABELS and cv.secretary is None:
                    cv.secretary = _person(c.s[j].split("\t")[0], ocr)
    if cv.chair and cv.secretary:
        return
    for i in range(lo, hi):
        if not c.content(i):
            continue
        found = _signature(c, i, lo)
        if found:
            chair, secr = found
            if chair and cv.chair is None:
                cv.chair = _person(chair, ocr)
            if secr and cv.secretary is None:
                cv.secretary = _person(secr, ocr)
            if cv.chair and cv.secretary:
                return
    for i in range(lo, hi):
        if not c.content(i):
            continue
        m = _MEMBER_ROLE.match(c.s[i])
        if m:
            name = m.group("name") + (f" {m.group('party')}" if m.group("party") else "")
            if (
                m.group("role") == "ordförande"
                and cv.chair is None
                and not re.search(r"vice\s*$", c.s[i][: m.start("role")])
            ):
                cv.chair = name
            elif m.group("role") != "ordförande" and cv.secretary is None:
                cv.secretary = name


def _label_tab(raw: str) -> bool:
    """``Ordförande<tab>Fredrik Hansson``: the label is the first cell of its line (not a word in a cell)."""
    return bool(re.match(r"^[^\t]{3,24}\t\S", raw.lstrip("\t ")))


def _person(name: str, ocr: bool) -> str:
    name = " ".join(name.replace("\t", " ").split()).strip(" ,.;")
    if name.isupper():
        name = " ".join("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")) for w in name.split())
    if ocr:
        from ..ocr import text as _ocr

        name = _ocr.repair_text(name, ocr=True)
    return name


def _roles_of(text: str) -> list[tuple[int, int, str]]:
    """(start, end, 'chair'|'secretary') of the role words in a folded text ('vice ordförande' is skipped)."""
    out = []
    for m in _ROLE.finditer(text):
        if m.group("vice"):
            continue
        out.append((m.start(), m.end(), "chair" if m.group("chair") else "secretary"))
    return out


def _signature(c: Lines, i: int, lo: int) -> tuple[str | None, str | None] | None:
    f = c.f[i]
    roles = _roles_of(f)
    if not roles or len(f) > 200:
        return None
    kinds = [k for _, _, k in roles]
    if "chair" not in kinds and "secretary" not in kinds:
        return None
    # (1) a line of role words only, names in columns on the line above
    rest = _ROLE.sub(" ", f)
    rest = re.sub(r"[\t,/&]| och ", " ", rest)
    qualifiers = [b for _a, _b, b in find_bodies(c.s[i])]
    leftover = " ".join(w for w in rest.split() if not qualifiers or not any(w in ocr_fold(q.name) for q in qualifiers))
    if not leftover.strip(" .:-") and len(roles) <= 3:
        p = next(c.prev(i, lo), None)
        if p is None or p < i - 3 or _ROLE.search(c.f[p]):
            return None  # the line above is a member list ("X (SD), vice ordförande"), not the names
        return _pair(_names_above(c, p, i, len(roles)), kinds)
    # (2) names and roles flattened into one line
    return _flattened(c.s[i], roles)


def _names_above(c: Lines, p: int, i: int, k: int) -> list[str]:
    cells_p = [x.text for x in c.cells[p]] if c.cells[p] else [c.s[p]]
    cells_r = c.cells[i]
    if len(cells_p) == k and all(_is_name(t) for t in cells_p):
        return cells_p
    # pair by column position when both lines carry positions
    if (
        len(cells_p) >= k
        and cells_r
        and all(x.x is not None for x in cells_r)
        and all(x.x is not None for x in c.cells[p])
    ):
        names = []
        for r in cells_r:
            best = min(c.cells[p], key=lambda x: abs((x.x or 0) - (r.x or 0)))
            names.append(best.text)
        if all(_is_name(t) for t in names):
            return names
    words = c.s[p].replace("\t", " ").split()
    return _split_names(words, k)


def _is_name(t: str) -> bool:
    words = t.split()
    if not 1 < len(words) <= 5:
        return False
    return all(_NAME_WORD.match(w) or _PARTY.match(w) for w in words)


def _split_names(words: list[str], k: int) -> list[str]:
    """``Lisa Andersson Andrea Egerlundh`` -> two names: by parties, else by halves (2+3 for five words)."""
    words = [w for w in words if _NAME_WORD.match(w) or _PARTY.match(w)]
    if k <= 1:
        return [" ".join(words)] if words else []
    cut = next((n + 1 for n, w in enumerate(words[:-1]) if _PARTY.match(w)), None)
    if cut is None:
        if len(words) < 2 * k - 1:
            return [" ".join(words)] + [""] * (k - 1)
        cut = len(words) // 2 if len(words) % 2 == 0 else 2
    first, second = words[:cut], words[cut:]
    return [" ".join(first), " ".join(second)] + [""] * (k - 2)


def _pair(names: list[str], kinds: list[str]) -> tuple[str | None, str | None]:
    chair = secr = None
    for name, kind in zip(names, kinds):
        if not name or not _is_name(name):
            continue
        if kind == "chair" and chair is None:
            chair = name
        elif kind == "secretary" and secr is None:
            secr = name
    return chair, secr


def _flattened(s: str, roles: list[tuple[int, int, str]]) -> tuple[str | None, str | None] | None:
    """``Stefan Dayne Elisabeth Persson Ordförande Sekreterare``, ``Katarina Berggren Ordförande Erik Sahlin
    Sekreterare``, ``Robert Aslan ordf kultur- och fritidsnämnden Ann Gustafsson nämndsekreterare``."""
    tokens = []  # (kind, text): 'name' words and 'role' markers in order
    pos = 0
    for a, b, kind in roles:
        tokens += [("w", w) for w in s[pos:a].split()]
        tokens.append(("role", kind))
        pos = b
    tokens += [("w", w) for w in s[pos:].split()]
    # runs of name words (a body qualifier such as "kultur- och fritidsnämnden" breaks a run)
    runs: list[tuple[int, list[str]]] = []  # (index of the token after the run, words)
    cur: list[str] = []
    for n, (kind, w) in enumerate(tokens):
        if kind == "w" and (_NAME_WORD.match(w.strip(",.!")) or _PARTY.match(w)) and not match_body(w):
            cur.append(w.strip(",!"))
        else:
            if cur:
                runs.append((n, cur))
            cur = []
    if cur:
        runs.append((len(tokens), cur))
    role_pos = [n for n, (kind, _) in enumerate(tokens) if kind == "role"]
    role_kinds = [tokens[n][1] for n in role_pos]
    if not runs or not role_pos:
        return None
    # alternating: each role right after its own name run
    before = [max((r for r in runs if r[0] <= rp), key=lambda r: r[0], default=None) for rp in role_pos]
    if all(b is not None for b in before) and len({b[0] for b in before if b}) == len(role_pos):
        names = [" ".join(_tail_name(b[1])) for b in before if b]
        return _pair(names, role_kinds)
    # names first, then the roles
    first_role = role_pos[0]
    run = max((r for r in runs if r[0] <= first_role), key=lambda r: r[0], default=None)
    if run is None:
        return None
    words = run[1]
    k = len(role_pos)
    if len(words) > 2 * k and not any(_PARTY.match(w) for w in words):
        words = words[-2 * k :]
    return _pair(_split_names(words, k), role_kinds)


def _tail_name(words: list[str]) -> list[str]:
    """The name at the end of a run of capitalised words ("Välkomna! Lars Johansson" -> Lars Johansson)."""
    if len(words) >= 2 and _PARTY.match(words[-1]):
        return words[-3:]
    return words[-2:]


# --- group meetings, notice Dnr, kommun and body --------------------------------------------------------


def _groups(c: Lines, cv: Cover, lo: int, hi: int) -> None:
    for i in range(lo, hi):
        if not c.content(i):
            continue
        f = c.f[i]
        gm = _GROUP.search(f)
        if not gm:
            continue
        text = c.s[i]
        tm = _TIME.search(f, gm.end()) or _TIME.search(f)
        for j in take(c.next(i, hi - 1), 2):
            if tm:
                break
            text = f"{text} {c.s[j]}"
            tm = _TIME.search(ocr_fold(c.s[j]))
        cv.group_meetings.append(
            GroupMeeting(" ".join(text.split()), f"{int(tm.group('h')):02d}:{tm.group('m')}" if tm else None, i + 1)
        )


def _notice_case(c: Lines, cv: Cover, lo: int, hi: int, agenda_lines: set[int]) -> None:
    first_agenda = min(agenda_lines) if agenda_lines else hi
    for i in range(lo, min(hi, first_agenda)):
        if c.content(i) and c.hk(i) == "dnr":
            found = find_case_numbers(c.s[i])
            if found:
                cv.notice_case = found[0]
                return


def find_kommun(c: Lines, cover_hi: int) -> str | None:
    """The kommun whose body meets: the name printed in letterheads, page headers and the cover, weighed
    above names in running text (which mention other kommuner)."""
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for i in range(c.n):
        s = c.s[i]
        if not s or ("kommun" not in c.f[i] and " stad" not in c.f[i]):
            continue
        for pos, name in find_kommuner(s):
            w = 1.0
            cell_exact = (
                any(ocr_fold(x.text).strip(" ,.") == ocr_fold(name) for x in c.cells[i]) if c.cells[i] else False
            )
            if (
                cell_exact
                or ocr_fold(s).strip(" ,.") == ocr_fold(name)
                or i in c.art
                or re.match(r"(?i)^(?:post|adress|postadress)\s*:?\s*$", s[:pos].strip())
                or s[:pos].strip() == ""
            ):
                w = 3.0
            elif _BREADCRUMB.match(s):
                w = 5.0
            if i < cover_hi:
                w *= 2
            scores[name] = scores.get(name, 0.0) + w
            first.setdefault(name, i)
    # a letterhead over two lines: "BOTKYRKA" / "KOMMUN"
    for i in range(min(c.n - 1, 400)):
        if c.f[i] in ("kommun",) and i > 0:
            p = next(c.prev(i), None)
            if (
                p is not None
                and p >= i - 2
                and re.fullmatch(r"[A-ZÅÄÖ][A-ZÅÄÖa-zåäö\-]{2,}", c.s[p])
                and c.f[p] != "kommun"
            ):
                name = kommun_name(c.s[p])
                scores[name] = scores.get(name, 0.0) + 3.0
                first.setdefault(name, p)
    if not scores:
        return None
    return max(scores, key=lambda k: (scores[k], -first[k]))


def find_body(c: Lines, cover_hi: int) -> tuple[Body | None, int | None]:
    """The body the document is for, and the line that names it. Weighed: a cover line that is a body
    name, a web breadcrumb, a title line (``KALLELSE … Teknik- och fastighetsnämnden``, ``Kallelse till
    möte för socialnämnden``), a running page header, the ORDFÖRANDEFÖRSLAG headers, a role qualifier."""
    best: tuple[float, int, Body] | None = None

    def offer(score: float, i: int, body: Body) -> None:
        nonlocal best
        if best is None or score > best[0] or (score == best[0] and i < best[1]):
            best = (score, i, body)

    seen = 0
    for i in range(c.n):
        if not c.s[i]:
            continue
        seen += 1
        s = c.s[i]
        f = c.f[i]
        in_cover = i < cover_hi and seen <= 60
        if _BREADCRUMB.match(s):
            for seg in s.split(">"):
                b = match_body(seg)
                if b:
                    offer(10, i, b)
            continue
        if in_cover:
            b = match_body(s)
            if b:
                offer(9.5 if seen <= 15 else 8, i, b)
                continue
            if any(rx.search(f.lstrip("*# ")) for _k, rx in _DOC_TYPES) or f.startswith(
                ("botkyrka kommun", "kungsbacka kommun")
            ):
                for _a, _b, b in find_bodies(s):
                    offer(9, i, b)
                    break
            for cell in c.cells[i] if len(c.cells[i]) > 1 else []:
                b = match_body(cell.text)
                if b:
                    offer(8.5, i, b)
        if i in c.art:
            b = match_body(s) or next((x for _a, _b, x in find_bodies(s)), None)
            if b:
                offer(7.5, i, b)
        if c.hk(i) == "ordf" or c.hk(i) == "tjsk":
            for _a, _b, b in find_bodies(s):
                offer(7, i, b)
            for j in take(c.next(i), 2):
                b = match_body(c.s[j])
                if b:
                    offer(7, j, b)
                    break
        if i < cover_hi + 200 and _roles_of(f) and len(s) < 200:
            for _a, _b, b in find_bodies(s):
                offer(6, i, b)
    if best is None:
        return None, None
    return best[2], best[1]


__all__ = [
    "CHAIR_LABELS",
    "DATE_LABELS",
    "PLACE_LABELS",
    "SECRETARY_LABELS",
    "Cover",
    "find_body",
    "find_kommun",
    "read_cover",
]
