"""``publish FOLDER --out SITE --base-url URL``: a folder of kallelser as a static OParl 1.1 site.

Plain JSON files any web server can serve; every object's ``id`` is its URL under ``base_url``:

- ``system.json`` (System; ``URL/system.json`` is the location an OParl source is given),
  ``bodies.json`` (the list of Body objects, one per kommun),
- ``body/<kommun>.json`` (Body) and its external lists ``body/<kommun>/meetings.json``,
  ``organizations.json``, ``files.json`` (and the empty ``people.json``, ``papers.json``); a list longer
  than ``page_size`` continues in ``meetings-2.json``, ``meetings-3.json`` … (``links.next``),
- ``organization/<kommun>-<nämnd>.json`` (Organization = the nämnd), ``meeting/<id>.json`` (Meeting, with
  its agenda items and files embedded), ``agendaitem/<id>-<n>.json``, ``file/<id>-<role>.json`` (File),
- ``files/<sha256>.<txt|pdf>``: the bytes of each file, named by their digest, never by the original name.

Each file is read by the importer's own parser (no store is touched), so a notice publishes the meeting,
body, date and agenda the client will import from it.

Secret material never reaches the site. The importer's secret detection decides: an agenda item with a
locked secret part is published with its number and title only and ``public: false`` (a whole item under
sekretess with a neutral title); a text file that carries secret parts is published as a copy in which
every line of a locked part (and every other secret-looking line) is replaced by a neutral line, and that
copy is parsed again and refused unless nothing secret is left in it; a PDF that carries a secret part,
and a file whose name speaks of sekretess, are refused with a message (redacting a PDF safely needs a
rebuilt public copy that this command does not make): publish a public version of that file instead.

``publish-state.json`` (in SITE, public like the rest: object ids, fingerprints of their public JSON and
times only) keeps ``created`` and ``modified`` across runs: an object whose JSON did not change keeps its
``modified``; an object gone since the last run (its file left the folder) stays in its list as
``{"id", "type", "created", "modified", "deleted": true}`` (OParl's soft delete).

A static server ignores ``?modified_since=…``: a reader then gets the whole list, deleted objects
included, which is still correct (the OParl source takes each File's ``sha512Checksum`` to tell an
unchanged file without fetching it, and withdrawing an already withdrawn file does nothing)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..errors import UserError
from .model import SyncError

SCHEMA = "https://schema.oparl.org/1.1/"
STATE_NAME = "publish-state.json"
SUFFIXES = (".pdf", ".txt", ".md")
MAX_DEPTH = 3
TZ = ZoneInfo("Europe/Stockholm")
REDACTED_LINE = "(Del som inte är offentlig – borttagen vid publiceringen.)"
_ROLES = {"kallelse": "invitation", "protokoll": "resultsProtocol"}


@dataclass
class _Source:
    """One file of the folder, parsed and made safe to publish."""

    rel: str
    data: bytes  # what is published: the file's bytes, or its redacted copy
    mime: str
    meeting: Any  # domain Meeting
    doc_type: str
    locked_items: set[int] = field(default_factory=set)  # positions (0-based) of items with locked parts
    redacted: bool = False


def _refusal(rel: str, exc: UserError) -> dict[str, str]:
    return {"file": rel, "sv": exc.sv, "en": exc.en}


def _slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")[:60] or "x"


def _now() -> str:
    return datetime.now(UTC).astimezone(TZ).isoformat(timespec="seconds")


# -- reading the folder -------------------------------------------------------------------------------
def _files(folder: Path, out: Path) -> list[Path]:
    found: list[Path] = []
    base = len(folder.parts)
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".") and len(here.parts) - base < MAX_DEPTH and (here / d).resolve() != out
        )
        for name in sorted(filenames):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES) and (here / name).is_file():
                found.append(here / name)
    return found


def _redact(text: str, ranges: list[tuple[int, int]]) -> str:
    lines = text.split("\n")
    for a, b in ranges:
        for k in range(max(1, a), min(b, len(lines)) + 1):
            lines[k - 1] = REDACTED_LINE if lines[k - 1].strip() else lines[k - 1]
    return "\n".join(lines)


def _secret_free(text: str, secrets: list[str]) -> bool:
    """The redacted copy, read again by the importer's parser and detector, holds nothing secret."""
    from ..importing import sekretess
    from ..importing.kallelse import parse_document

    if sekretess.secret_looking_lines(text):
        return False
    again = parse_document(text).meeting
    for it in again.items:
        for p in it.secret_parts:
            if p.locked and p.text.strip() and REDACTED_LINE not in p.text:
                return False
    present = {ln.strip() for ln in text.split("\n")}
    return not any(s in present for s in secrets)


def _read(path: Path, rel: str) -> _Source:
    """Parse one file and decide what of it may be published (SyncError when nothing may)."""
    from ..errors import MissingFields
    from ..importing import sekretess
    from ..importing.kallelse import parse_document
    from ..importing.source import load_source

    src = load_source(path)
    parsed = parse_document(
        src.text,
        line_pages=src.line_pages,
        line_x=getattr(src, "line_x", None),
        line_y=getattr(src, "line_y", None),
    )
    if parsed.missing:
        raise MissingFields(parsed.missing, parsed)
    meeting = parsed.meeting
    locked = [(k, p) for k, it in enumerate(meeting.items) for p in it.secret_parts if p.locked]
    locked_items = {k for k, _ in locked} | {k for k, it in enumerate(meeting.items) if it.secret}
    # the lines of a locked part with content (a reference to data handed out at the meeting has none)
    ranges = [
        (p.line_start, p.line_end or p.line_start)
        for _, p in locked
        if p.line_start is not None and not p.not_in_source
    ]
    stray = sekretess.secret_looking_lines(src.text)
    margins = [t for _line, t in getattr(src, "artifacts", []) or []] + [a.text for a in meeting.page_artifacts]
    secret_margins = any(sekretess.looks_secret(t) for t in margins)
    has_secret = bool(locked) or bool(stray) or secret_margins or any(it.secret for it in meeting.items)
    mime = "application/pdf" if src.file_type == "pdf" else "text/plain"
    if sekretess.looks_secret(src.display_name):
        raise SyncError(
            "Filens namn talar om sekretess; den publiceras inte. Byt namn på en offentlig version av filen.",
            "The file's name speaks of sekretess; it is not published. Rename a public version of the file.",
        )
    if not has_secret:
        return _Source(rel, src.data, mime, meeting, parsed.doc_type)
    if src.file_type == "pdf":
        raise SyncError(
            "PDF-filen har en sekretessdel och publiceras inte. Publicera en version utan sekretessdelen.",
            "The PDF file has a secret part and is not published. Publish a version without the secret part.",
        )
    text = _redact(src.text, ranges + [(k, k) for k in stray])
    if any(it.secret for it in meeting.items):  # a whole item under sekretess: nothing of its text either
        text = _redact(
            text,
            [(it.line_start + 1, it.line_end) for it in meeting.items if it.secret and it.line_start and it.line_end],
        )
    src_lines = src.text.split("\n")
    secrets = [
        src_lines[k - 1].strip()
        for a, b in ranges + [(k, k) for k in stray]
        for k in range(max(1, a), min(b, len(src_lines)) + 1)
        if len(src_lines[k - 1].strip()) >= 4
    ]
    if not _secret_free(text, secrets):
        raise SyncError(
            "Filen har en sekretessdel som inte kunde tas bort säkert; den publiceras inte.",
            "The file has a secret part that could not be removed safely; it is not published.",
        )
    return _Source(rel, text.encode("utf-8"), mime, meeting, parsed.doc_type, locked_items, redacted=True)


# -- state across runs --------------------------------------------------------------------------------
class _State:
    def __init__(self, path: Path, now: str):
        self.path = path
        self.now = now
        self.old: dict[str, dict] = {}
        if path.exists():
            try:
                self.old = json.loads(path.read_text("utf-8")).get("objects", {})
            except (OSError, ValueError, AttributeError):
                raise SyncError(
                    f"Publiceringens tillståndsfil {STATE_NAME} går inte att läsa; publicera till en ny mapp.",
                    f"The publishing state file {STATE_NAME} cannot be read; publish into a new folder.",
                ) from None
        self.new: dict[str, dict] = {}

    def stamp(self, obj: dict, parent: str | None = None) -> dict:
        """Set ``created``/``modified``: kept when the object's public JSON did not change. ``parent``: the
        external list (site-relative path) the object is listed in, where it stays once deleted."""
        body = {k: v for k, v in obj.items() if k not in ("created", "modified")}
        fp = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        old = self.old.get(obj["id"])
        created = old["created"] if old else self.now
        modified = old["modified"] if old and old.get("fp") == fp and not old.get("deleted") else self.now
        self.new[obj["id"]] = {"type": obj["type"], "fp": fp, "created": created, "modified": modified, "list": parent}
        return {**obj, "created": created, "modified": modified}

    def deleted(self) -> tuple[list[tuple[str | None, dict]], int]:
        """Soft-deleted objects with the list each stays in: gone in this run (newly, counted) or earlier."""
        out: list[tuple[str | None, dict]] = []
        newly = 0
        for oid, old in self.old.items():
            if oid in self.new:
                continue
            if not old.get("deleted"):
                newly += 1
                old = {**old, "deleted": True, "modified": self.now, "fp": None}
            self.new[oid] = old
            obj = {
                "id": oid,
                "type": old["type"],
                "created": old["created"],
                "modified": old["modified"],
                "deleted": True,
            }
            out.append((old.get("list"), obj))
        return out, newly

    def save(self) -> None:
        _write(self.path, {"version": 1, "objects": self.new})


def _write(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, path)


# -- the site ----------------------------------------------------------------------------------------
class _Site:
    def __init__(self, out: Path, base: str, page_size: int):
        self.out, self.base, self.page_size = out, base, page_size

    def url(self, rel: str) -> str:
        return f"{self.base}/{rel}"

    def path(self, url: str) -> Path:
        return self.out / url[len(self.base) + 1 :]

    def write(self, obj: dict) -> None:
        _write(self.path(obj["id"]), obj)

    def write_list(self, rel: str, objects: list[dict]) -> None:
        """An external list at ``rel`` (``body/x/meetings.json``), its pages ``meetings-2.json`` …"""
        objects = sorted(objects, key=lambda o: o["id"])  # a stable order (OParl: MUST)
        stem = rel[: -len(".json")]
        pages = max(1, -(-len(objects) // self.page_size))

        def page_rel(n: int) -> str:
            return rel if n == 1 else f"{stem}-{n}.json"

        for n in range(1, pages + 1):
            links = {"first": self.url(page_rel(1)), "self": self.url(page_rel(n)), "last": self.url(page_rel(pages))}
            if n > 1:
                links["prev"] = self.url(page_rel(n - 1))
            if n < pages:
                links["next"] = self.url(page_rel(n + 1))
            data = objects[(n - 1) * self.page_size : n * self.page_size]
            page = {
                "data": data,
                "pagination": {
                    "totalElements": len(objects),
                    "elementsPerPage": self.page_size,
                    "currentPage": n,
                    "totalPages": pages,
                },
                "links": links,
            }
            _write(self.out / page_rel(n), page)
        n = pages + 1  # pages left from a longer list of an earlier run
        while (self.out / page_rel(n)).exists():
            (self.out / page_rel(n)).unlink()
            n += 1


def _start(meeting: Any) -> str:
    y, m, d = (int(x) for x in meeting.date.split("-"))
    hh, mm = (int(x) for x in (meeting.time or "00:00").split(":")[:2])
    return datetime(y, m, d, hh, mm, tzinfo=TZ).isoformat(timespec="seconds")


def _meeting(site: _Site, state: _State, group: list[_Source], bodies: dict, lists: dict, copies: set) -> dict:
    """The Meeting of the files in ``group`` (one meeting), with its File and AgendaItem objects."""
    rank = {"kallelse": 0, "protokoll": 1}
    group.sort(key=lambda s: (rank.get(s.doc_type, 2), s.rel))
    primary = group[0]  # the notice if there is one: its agenda is the meeting's
    m = primary.meeting
    kslug = _slug(m.municipality.removesuffix(" kommun"))
    oslug = f"{kslug}-{_slug(m.committee_short or m.committee)}"
    bodies.setdefault(kslug, (m.municipality, {}))[1][oslug] = (m.committee, m.committee_short)
    mslug = _slug(m.id)
    meeting_url = site.url(f"meeting/{mslug}.json")
    files: dict[str, Any] = {"auxiliaryFile": []}
    for s in group:
        role = _ROLES.get(s.doc_type, "auxiliaryFile")
        if role in files:  # a second notice or protokoll of the meeting: an auxiliary file
            role = "auxiliaryFile"
        if role == "auxiliaryFile":
            fslug = f"{mslug}-bilaga-{hashlib.sha256(s.rel.encode()).hexdigest()[:10]}"
        else:
            fslug = f"{mslug}-{'kallelse' if role == 'invitation' else 'protokoll'}"
        digest = hashlib.sha256(s.data).hexdigest()
        ext = ".pdf" if s.mime == "application/pdf" else ".txt"
        copy_rel = f"files/{digest}{ext}"
        copies.add(copy_rel)
        if not (site.out / copy_rel).exists():
            (site.out / "files").mkdir(exist_ok=True)
            tmp = site.out / (copy_rel + ".tmp")
            tmp.write_bytes(s.data)
            os.replace(tmp, site.out / copy_rel)
        label = {"kallelse": "Kallelse", "protokoll": "Protokoll"}.get(s.doc_type, "Handlingar")
        fobj = {
            "id": site.url(f"file/{fslug}.json"),
            "type": SCHEMA + "File",
            "name": f"{label} {m.committee} {m.date}",
            "fileName": f"{fslug}{ext}",
            "mimeType": s.mime,
            "date": m.date,
            "size": len(s.data),
            "sha512Checksum": hashlib.sha512(s.data).hexdigest(),
            "accessUrl": site.url(copy_rel),
            "downloadUrl": site.url(copy_rel),
            "meeting": [meeting_url],
        }
        fobj = state.stamp(fobj, f"body/{kslug}/files.json")
        site.write(fobj)
        lists.setdefault(f"body/{kslug}/files.json", []).append(fobj)
        if role == "auxiliaryFile":
            files["auxiliaryFile"].append(fobj)
        else:
            files[role] = fobj
    # an item is not public when any file of the meeting locks a part of it
    secret_numbers = {
        it.ordinal for s in group for k, it in enumerate(s.meeting.items) if k in s.locked_items and it.ordinal
    }
    items: list[dict] = []
    for k, it in enumerate(m.items):
        if it.ordinal is None:
            continue  # Justering and other procedural rows: not agenda items of their own
        secret = k in primary.locked_items or it.ordinal in secret_numbers
        order = len(items) + 1
        aobj = {
            "id": site.url(f"agendaitem/{mslug}-{order}.json"),
            "type": SCHEMA + "AgendaItem",
            "meeting": meeting_url,
            "number": str(it.ordinal),
            "order": order,
            "name": "Sekretessbelagt ärende" if it.secret else it.title,
            "public": not secret,
        }
        aobj = state.stamp(aobj)
        site.write(aobj)
        items.append(aobj)
    mobj: dict[str, Any] = {
        "id": meeting_url,
        "type": SCHEMA + "Meeting",
        "name": f"{m.committee} {m.date}",
        "start": _start(m),
        "organization": [site.url(f"organization/{oslug}.json")],
        **{k: v for k, v in files.items() if v},
        "agendaItem": items,
    }
    if m.place:
        loc = {"id": site.url(f"location/{mslug}.json"), "type": SCHEMA + "Location", "description": m.place}
        mobj["location"] = state.stamp(loc)
        site.write(mobj["location"])
    mobj = state.stamp(mobj, f"body/{kslug}/meetings.json")
    site.write(mobj)
    lists.setdefault(f"body/{kslug}/meetings.json", []).append(mobj)
    return mobj


def publish(folder: str | os.PathLike, out: str | os.PathLike, base_url: str, *, page_size: int = 100) -> dict:
    """Publish the kallelser in ``folder`` as a static OParl 1.1 site in ``out`` whose objects live under
    ``base_url``. Returns ``{"system", "meetings", "files", "deleted", "redacted", "refused"}`` (JSON-able;
    ``refused`` lists each file not published with the reason in Swedish and English)."""
    from .http import check_url

    src_dir = Path(folder).expanduser()
    if not src_dir.is_dir():
        raise SyncError("Mappen finns inte.", "The folder does not exist.")
    base = check_url(base_url.strip()).rstrip("/")
    if page_size < 1:
        raise SyncError("Sidstorleken måste vara minst 1.", "The page size must be at least 1.")
    site_dir = Path(out).expanduser().resolve()
    site_dir.mkdir(parents=True, exist_ok=True)
    site = _Site(site_dir, base, page_size)
    state = _State(site_dir / STATE_NAME, _now())

    sources: list[_Source] = []
    refused: list[dict[str, str]] = []
    for path in _files(src_dir.resolve(), site_dir):
        rel = path.relative_to(src_dir.resolve()).as_posix()
        try:
            sources.append(_read(path, rel))
        except UserError as exc:
            refused.append(_refusal(rel, exc))

    by_meeting: dict[str, list[_Source]] = {}
    for s in sources:
        by_meeting.setdefault(s.meeting.id, []).append(s)
    lists: dict[str, list[dict]] = {"bodies.json": []}  # site-relative list path -> its objects
    bodies: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {}  # kommun slug -> (name, {org slug: names})
    copies: set[str] = set()
    meetings_out = 0
    for _mid, group in sorted(by_meeting.items()):
        _meeting(site, state, group, bodies, lists, copies)
        meetings_out += 1

    for kslug, (kname, orgs) in sorted(bodies.items()):
        prefix = f"body/{kslug}/"
        for oslug, (name, short) in sorted(orgs.items()):
            org = {
                "id": site.url(f"organization/{oslug}.json"),
                "type": SCHEMA + "Organization",
                "body": site.url(f"body/{kslug}.json"),
                "name": name,
                "shortName": short or name,
                "organizationType": "Gremium",
                "classification": "Nämnd",
            }
            org = state.stamp(org, prefix + "organizations.json")
            site.write(org)
            lists.setdefault(prefix + "organizations.json", []).append(org)
        for empty in ("people.json", "papers.json", "meetings.json", "files.json"):
            lists.setdefault(prefix + empty, [])
        body = {
            "id": site.url(f"body/{kslug}.json"),
            "type": SCHEMA + "Body",
            "system": site.url("system.json"),
            "name": kname,
            "shortName": kname.removesuffix(" kommun"),
            "organization": site.url(prefix + "organizations.json"),
            "person": site.url(prefix + "people.json"),
            "meeting": site.url(prefix + "meetings.json"),
            "paper": site.url(prefix + "papers.json"),
            "file": site.url(prefix + "files.json"),
            "legislativeTerm": [],
            "classification": "Kommun",
        }
        body = state.stamp(body, "bodies.json")
        site.write(body)
        lists["bodies.json"].append(body)

    system = state.stamp(
        {
            "id": site.url("system.json"),
            "type": SCHEMA + "System",
            "oparlVersion": SCHEMA,
            "name": "Kallelser publicerade med Botkyrka nämnd",
            "body": site.url("bodies.json"),
        }
    )
    gone, newly_deleted = state.deleted()
    for parent, obj in gone:
        site.write(obj)
        if parent:
            lists.setdefault(parent, []).append(obj)
    for rel, objects in lists.items():
        site.write_list(rel, objects)
    site.write(system)  # last: a reader that starts now finds every list it points to
    for old in (site_dir / "files").glob("*") if (site_dir / "files").is_dir() else []:
        if f"files/{old.name}" not in copies:
            old.unlink()  # bytes no live File points to (a changed or removed file)
    state.save()
    return {
        "system": system["id"],
        "meetings": meetings_out,
        "files": len(copies),  # files published (their copies under files/)
        "deleted": newly_deleted,
        "redacted": sorted(s.rel for s in sources if s.redacted),
        "refused": refused,
    }
