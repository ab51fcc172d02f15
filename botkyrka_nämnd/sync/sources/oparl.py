"""An OParl 1.1 endpoint as a source: the System object's URL.

Listing: System → its ``body`` list → each Body's ``organization`` list (names) and ``meeting`` list,
following ``links.next`` page by page. Each Meeting's ``invitation``, ``resultsProtocol``,
``verbatimProtocol`` and ``auxiliaryFile`` Files become a :class:`Remote` keyed by the File's ``id``, with
its ``sha512Checksum`` (or ``sha1Checksum``) and ``size`` checked on download; the Organization's name, the
Body's name and the Meeting's ``start`` date are hints for fields the file does not print; agenda items
with ``public: false`` are locked placeholders.

The first sync lists everything (``complete``: a File no longer listed is withdrawn). Later syncs ask with
``modified_since=<cursor>`` and are incremental: Files marked ``deleted: true`` (in a meeting, or in the
Body's ``file`` list of OParl 1.1) are withdrawn. A deleted Meeting or Body names none of its Files, so
when one appears and the Body has no ``file`` list, the listing is done again in full. The cursor is the
server's time (its ``Date`` header) when the System was read, a minute earlier for safety: an object
changed while we list is listed again next time, and the checksum tells it is unchanged.

A server that ignores ``modified_since`` (a static site such as the one ``publish`` writes) answers with
the whole list: still correct, since unchanged Files are recognised by their checksum without a request
and withdrawing a File already withdrawn does nothing. Objects listed twice (a list that changed between
pages) are kept once, the most recently modified.

Only URLs on the host of the System URL are followed; any other is refused."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from ..model import Fetched, Listing, Remote, SourceConfig, SyncError

MAX_PAGES = 10_000
FILE_ROLES = ("invitation", "resultsProtocol", "verbatimProtocol")
OVERLAP = timedelta(minutes=1)
_OLDEST = datetime.min.replace(tzinfo=UTC)


def _origin(url: str) -> tuple[str, str, int]:
    p = urlsplit(url)
    try:
        port = p.port or (443 if p.scheme == "https" else 80)
    except ValueError:
        port = -1
    return (p.scheme, (p.hostname or "").lower(), port)


def _bad_answer(what: str) -> SyncError:
    return SyncError(
        f"OParl-källan svarade inte som väntat ({what}).", f"The OParl source did not answer as expected ({what})."
    )


def _is(obj: Any, kind: str) -> bool:
    return isinstance(obj, dict) and str(obj.get("type", "")).rstrip("/").endswith("/" + kind)


def _when(text: Any) -> datetime:
    """An OParl date-time, comparable across offsets (unreadable or missing: the oldest)."""
    try:
        t = datetime.fromisoformat(str(text))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)


def _number(text: Any) -> int | None:
    m = re.match(r"\s*(\d{1,4})", str(text or ""))
    return int(m.group(1)) if m else None


class OParlSource:
    def __init__(self, config: SourceConfig):
        from ..http import check_url

        self.config = config
        self.system_url = check_url(config.location)
        self.origin = _origin(self.system_url)
        self._mime: dict[str, str] = {}

    # -- the host rule ---------------------------------------------------------------------------------
    def _check(self, url: Any) -> str:
        if not isinstance(url, str) or not url:
            raise _bad_answer("en länk saknas / a link is missing")
        if _origin(url) != self.origin:
            raise SyncError(
                "OParl-källan länkar till en annan webbplats; den följs inte.",
                "The OParl source links to another site; it is not followed.",
            )
        return url

    def _get(self, http: Any, url: str) -> Any:
        return http.get_json(self._check(url))

    def _list(self, http: Any, url: Any, since: str | None = None) -> list[dict]:
        """Every object of an external list, page by page (``links.next``)."""
        first = self._check(url)
        if since:
            first += ("&" if "?" in first else "?") + "modified_since=" + quote(since, safe="")
        out: list[dict] = []
        seen: set[str] = set()
        page_url: Any = first
        while page_url:
            if page_url in seen or len(seen) >= MAX_PAGES:
                break  # a list whose pages point back: what was read is all there is
            seen.add(page_url)
            page = self._get(http, page_url)
            if not isinstance(page, dict) or not isinstance(page.get("data"), list):
                raise _bad_answer("en lista utan data / a list without data")
            out += [o for o in page["data"] if isinstance(o, dict) and isinstance(o.get("id"), str)]
            links = page.get("links")
            page_url = links.get("next") if isinstance(links, dict) else None
        return out

    # -- listing --------------------------------------------------------------------------------------
    def listing(self, http: Any) -> Listing:
        ans = http.get(self._check(self.system_url))
        try:
            import json

            system = json.loads(ans.content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise _bad_answer("ingen giltig JSON / no valid JSON") from None
        if not _is(system, "System") or "body" not in system:
            raise _bad_answer("inget System-objekt / no System object")
        cursor = self._server_time(ans.headers.get("date")) - OVERLAP
        listing = self._read(http, system, self.config.cursor)
        if listing is None:  # a deleted Meeting or Body without a file list: list again in full
            listing = self._read(http, system, None)
            assert listing is not None
        listing.cursor = cursor.isoformat(timespec="seconds")
        return listing

    @staticmethod
    def _server_time(date_header: str | None) -> datetime:
        if date_header:
            try:
                t = parsedate_to_datetime(date_header)
                if t.tzinfo is not None:
                    return t.astimezone(UTC)
            except (TypeError, ValueError):
                pass
        return datetime.now(UTC)

    def _read(self, http: Any, system: dict, since: str | None) -> Listing | None:
        remotes: dict[str, Remote] = {}
        deleted: dict[str, datetime] = {}  # File id -> when it was deleted
        for body in self._list(http, system["body"]):
            if body.get("deleted"):
                if since:
                    return None
                continue
            kommun = str(body.get("name") or "")
            orgs = {o["id"]: str(o.get("name") or "") for o in self._list(http, body.get("organization"))}
            meetings = self._list(http, body.get("meeting"), since)
            has_file_list = isinstance(body.get("file"), str)
            for meeting in meetings:
                if meeting.get("deleted"):
                    if since and not has_file_list:
                        return None
                    continue
                self._meeting(http, meeting, kommun, orgs, remotes, deleted)
            if since and has_file_list:
                for f in self._list(http, body["file"], since):
                    if f.get("deleted"):
                        deleted[f["id"]] = max(deleted.get(f["id"], _OLDEST), _when(f.get("modified")))
        # a File both deleted and listed: the later word counts
        gone = [k for k, when in deleted.items() if k not in remotes or when > _when(remotes[k].last_modified)]
        for k in gone:
            remotes.pop(k, None)
        return Listing(list(remotes.values()), complete=since is None, deleted=gone)

    def _meeting(
        self, http: Any, meeting: dict, kommun: str, orgs: dict[str, str], remotes: dict, deleted: dict
    ) -> None:
        hints: dict[str, str] = {}
        if kommun:
            hints["kommun"] = kommun
        org_urls = meeting.get("organization") or []
        for url in org_urls if isinstance(org_urls, list) else [org_urls]:
            name = orgs.get(url) if isinstance(url, str) else None
            if name is None and isinstance(url, str):
                org = self._get(http, url)
                name = str(org.get("name") or "") if isinstance(org, dict) else ""
                orgs[url] = name
            if name:
                hints["body"] = name
                break
        start = str(meeting.get("start") or "")
        if re.match(r"\d{4}-\d\d-\d\d", start):
            hints["date"] = start[:10]
        secret = sorted(
            {
                n
                for it in meeting.get("agendaItem") or []
                if isinstance(it, dict) and it.get("public") is False and not it.get("deleted")
                for n in [_number(it.get("number"))]
                if n is not None
            }
        )
        files: list[Any] = [meeting.get(role) for role in FILE_ROLES]
        aux = meeting.get("auxiliaryFile") or []
        files += aux if isinstance(aux, list) else [aux]
        for f in files:
            if isinstance(f, str):  # a File given by its URL, not embedded
                f = self._get(http, f)
            if not isinstance(f, dict) or not isinstance(f.get("id"), str):
                continue
            modified = _when(f.get("modified"))
            if f.get("deleted"):
                deleted[f["id"]] = max(deleted.get(f["id"], _OLDEST), modified)
                continue
            known = remotes.get(f["id"])
            if known is not None and _when(known.last_modified) >= modified:
                continue  # listed twice: keep the most recently modified
            remotes[f["id"]] = self._remote(f, hints, secret)

    def _remote(self, f: dict, hints: dict[str, str], secret: list[int]) -> Remote:
        location = f.get("downloadUrl") or f.get("accessUrl") or ""
        checksum = None
        if isinstance(f.get("sha512Checksum"), str) and f["sha512Checksum"]:
            checksum = "sha512:" + f["sha512Checksum"].lower()
        elif isinstance(f.get("sha1Checksum"), str) and f["sha1Checksum"]:
            checksum = "sha1:" + f["sha1Checksum"].lower()
        size = f.get("size") if isinstance(f.get("size"), int) and f["size"] >= 0 else None
        self._mime[f["id"]] = str(f.get("mimeType") or "")
        return Remote(
            key=f["id"],
            location=str(location),
            last_modified=str(f.get("modified") or "") or None,
            size=size,
            checksum=checksum,
            hints=dict(hints),
            secret_items=list(secret),
        )

    # -- one file -------------------------------------------------------------------------------------
    def fetch(self, remote: Remote, staging: Path, http: Any, known: dict | None) -> Fetched:
        url = self._check(remote.location)
        mime = self._mime.get(remote.key, "")
        suffix = ".pdf" if "pdf" in mime.lower() else ".txt" if mime.lower().startswith("text/") else ".bin"
        dest = Path(staging) / (hashlib.sha256(remote.key.encode("utf-8")).hexdigest()[:24] + suffix)
        # with a checksum the bytes are checked whatever the server says; a conditional request only without
        etag = known.get("etag") if known and not remote.checksum else None
        ans = http.download(url, dest, checksum=remote.checksum, size=remote.size, etag=etag)
        if ans.status == 304:
            return Fetched(None, etag=etag, last_modified=remote.last_modified)
        return Fetched(dest, etag=ans.etag, last_modified=remote.last_modified)
