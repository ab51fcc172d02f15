"""A small OParl 1.1 server for the sync tests, on 127.0.0.1 in a thread, independent of our publisher.

Its objects are shaped after the OParl 1.1 schema and the specification's published examples
(``examples/System-01.json``, ``Body-01.json``, ``Organization-01.json``, ``Meeting-01.json``,
``File-01.json``, ``AgendaItem-01.json``): the System's ``body`` list, a Body with its external lists
(``organization``, ``person``, ``meeting``, ``paper`` and OParl 1.1's ``file``) and an embedded
``legislativeTerm`` and ``location``, Meetings with an embedded ``location``, ``organization`` URLs, an
embedded ``invitation`` File and embedded ``agendaItem`` objects (``number``, ``name``, ``public``,
``consultation``, ``result``), Files with ``sha512Checksum``, ``size``, ``accessUrl`` and ``downloadUrl``.

Lists honour ``modified_since`` (the filter is kept in ``links.next``, as the spec requires) and are cut
into pages of ``page_size`` (``?page=N``). Objects can be changed, added and soft-deleted (``deleted:
true``, ``modified`` = the time of deletion); every request is logged."""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

T0 = "2024-01-08T14:05:27+01:00"  # the examples' style of timestamp; everything starts this old
SCHEMA = "https://schema.oparl.org/1.1/"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _when(s: str) -> datetime:
    return datetime.fromisoformat(s)


class OParlServer:
    def __init__(self, page_size: int = 2, *, file_list: bool = True):
        self.page_size = page_size
        self.file_list = file_list
        self.meetings: dict[int, dict] = {}  # n -> {"date", "time", "data", "secret", "deleted", "modified", ...}
        self.requests: list[str] = []
        self.file_host: str | None = None  # e.g. "localhost": the download links point to another host
        self.wrong_checksum: set[int] = set()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def do_GET(self):
                with server._lock:
                    server.requests.append(self.path)
                    status, body, ctype = server._answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}/oparl"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> OParlServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- the data -----------------------------------------------------------------------------------------
    def add(self, n: int, date: str, data: bytes, *, time: str = "18:00", secret=(), modified: str | None = None):
        self.meetings[n] = {
            "date": date,
            "time": time,
            "data": data,
            "secret": set(secret),
            "deleted": False,
            "file_deleted": False,
            "created": modified or T0,
            "modified": modified or T0,
        }

    def change(self, n: int, data: bytes) -> None:
        m = self.meetings[n]
        m["data"], m["modified"] = data, _now()

    def delete_meeting(self, n: int) -> None:
        self.meetings[n].update(deleted=True, modified=_now())

    def delete_file(self, n: int) -> None:
        """The invitation withdrawn, the meeting kept (its modified moves too, as for an embedded object)."""
        self.meetings[n].update(file_deleted=True, modified=_now())

    def downloads(self) -> list[str]:
        return [p for p in self.requests if p.startswith("/oparl/files/download/")]

    # -- objects ------------------------------------------------------------------------------------------
    def _file(self, n: int) -> dict:
        m = self.meetings[n]
        fid = f"{self.base}/files/{n}"
        if m["file_deleted"] or m["deleted"]:
            return {
                "id": fid,
                "type": SCHEMA + "File",
                "created": m["created"],
                "modified": m["modified"],
                "deleted": True,
            }
        data = m["data"]
        digest = hashlib.sha512(data + (b"x" if n in self.wrong_checksum else b"")).hexdigest()
        host = self.base if not self.file_host else self.base.replace("127.0.0.1", self.file_host)
        return {
            "id": fid,
            "type": SCHEMA + "File",
            "name": "Kallelse",
            "fileName": "../../kallelse.txt",  # a server-supplied name: never used as a path
            "mimeType": "text/plain",
            "date": m["date"],
            "size": len(data),
            "sha512Checksum": digest,
            "accessUrl": f"{host}/files/{n}.txt",
            "downloadUrl": f"{host}/files/download/{n}.txt",
            "meeting": [f"{self.base}/meeting/{n}"],
            "fileLicense": "http://www.opendefinition.org/licenses/cc-by",
            "created": m["created"],
            "modified": m["modified"],
        }

    def _meeting(self, n: int) -> dict:
        m = self.meetings[n]
        mid = f"{self.base}/meeting/{n}"
        if m["deleted"]:
            return {
                "id": mid,
                "type": SCHEMA + "Meeting",
                "created": m["created"],
                "modified": m["modified"],
                "deleted": True,
            }
        items = [
            {
                "id": f"{self.base}/agendaitem/{n}{k:02d}",
                "type": SCHEMA + "AgendaItem",
                "meeting": mid,
                "number": f"{k}.",
                "order": k,
                "name": f"Ärende {k}" if k not in m["secret"] else "Sekretessärende",
                "public": k not in m["secret"],
                "consultation": f"{self.base}/consultation/{n}{k:02d}",
                "result": "Beslutat",
                "created": m["created"],
                "modified": m["modified"],
            }
            for k in range(1, 10)
        ]
        out = {
            "id": mid,
            "type": SCHEMA + "Meeting",
            "name": f"{n}. Sammanträde med socialnämnden",
            "meetingState": "eingeladen",
            "start": f"{m['date']}T{m['time']}:00+02:00",
            "location": {
                "id": f"{self.base}/location/0",
                "type": SCHEMA + "Location",
                "description": "Kommunalhuset, Munkhättevägen 45, Tumba",
                "created": T0,
                "modified": T0,
            },
            "organization": [f"{self.base}/organization/34"],
            "invitation": self._file(n),
            "auxiliaryFile": [],
            "agendaItem": items,
            "created": m["created"],
            "modified": m["modified"],
        }
        return out

    def _org(self) -> dict:
        return {
            "id": f"{self.base}/organization/34",
            "type": SCHEMA + "Organization",
            "body": f"{self.base}/body/0",
            "name": "Socialnämnden",
            "shortName": "SN",
            "organizationType": "Gremium",
            "classification": "Nämnd",
            "meeting": f"{self.base}/organization/34/meetings",
            "created": T0,
            "modified": T0,
        }

    def _body(self) -> dict:
        b = {
            "id": f"{self.base}/body/0",
            "type": SCHEMA + "Body",
            "system": f"{self.base}/",
            "shortName": "Botkyrka",
            "name": "Botkyrka kommun",
            "website": "https://www.botkyrka.se/",
            "license": "http://creativecommons.org/licenses/by/4.0/",
            "organization": f"{self.base}/body/0/organizations/",
            "person": f"{self.base}/body/0/people/",
            "meeting": f"{self.base}/body/0/meetings/",
            "paper": f"{self.base}/body/0/papers/",
            "legislativeTerm": [
                {
                    "id": f"{self.base}/term/2022",
                    "type": SCHEMA + "LegislativeTerm",
                    "body": f"{self.base}/body/0",
                    "name": "Mandatperiod 2022–2026",
                    "startDate": "2022-10-15",
                    "endDate": "2026-10-14",
                }
            ],
            "classification": "Kommun",
            "created": T0,
            "modified": T0,
        }
        if self.file_list:
            b["file"] = f"{self.base}/body/0/files/"
        return b

    def _list(self, path: str, objects: list[dict], query: dict) -> dict:
        since = query.get("modified_since", [None])[0]
        if since:
            objects = [o for o in objects if _when(o["modified"]) >= _when(since)]
        page = int(query.get("page", ["1"])[0])
        pages = max(1, -(-len(objects) // self.page_size))
        keep = f"&modified_since={since}" if since else ""
        links = {"first": f"{self.base}{path}?page=1{keep}"}
        if page < pages:
            links["next"] = f"{self.base}{path}?page={page + 1}{keep}"
        return {
            "data": objects[(page - 1) * self.page_size : page * self.page_size],
            "pagination": {
                "totalElements": len(objects),
                "elementsPerPage": self.page_size,
                "currentPage": page,
                "totalPages": pages,
            },
            "links": links,
        }

    def _answer(self, raw: str) -> tuple[int, bytes, str]:
        u = urlsplit(raw)
        q = parse_qs(u.query)
        path = u.path.removeprefix("/oparl")
        obj: object = None
        ns = sorted(self.meetings)
        if path == "/":
            obj = {
                "id": f"{self.base}/",
                "type": SCHEMA + "System",
                "oparlVersion": SCHEMA,
                "body": f"{self.base}/bodies",
                "name": "Testsystem",
                "created": T0,
                "modified": T0,
            }
        elif path == "/bodies":
            obj = self._list(path, [self._body()], q)
        elif path == "/body/0":
            obj = self._body()
        elif path == "/body/0/organizations/":
            obj = self._list(path, [self._org()], q)
        elif path == "/body/0/meetings/":
            obj = self._list(path, [self._meeting(n) for n in ns], q)
        elif path == "/body/0/files/" and self.file_list:
            obj = self._list(path, [self._file(n) for n in ns], q)
        elif path.startswith("/meeting/") and int(path.rsplit("/", 1)[1]) in self.meetings:
            obj = self._meeting(int(path.rsplit("/", 1)[1]))
        elif path.startswith("/files/download/"):
            n = int(path.rsplit("/", 1)[1].split(".")[0])
            if n in self.meetings and not self.meetings[n]["deleted"]:
                return 200, self.meetings[n]["data"], "text/plain; charset=utf-8"
        if obj is None:
            return 404, b'{"type": "https://schema.oparl.org/1.1/Error", "message": "Not found"}', "application/json"
        return 200, json.dumps(obj, ensure_ascii=False).encode("utf-8"), "application/json"
