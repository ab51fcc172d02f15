"""A real HTTP server on 127.0.0.1 for the sync tests (``http.server.ThreadingHTTPServer`` in a thread), with
files the test puts there and faults it plans per path: status codes, ETag/Last-Modified and 304, Range
with If-Range and 206, truncated bodies, dropped connections, answers that never come, endless bodies and
redirects. Every request is logged (method, path, headers, status, body bytes sent)."""

from __future__ import annotations

import hashlib
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Resource:
    body: bytes
    content_type: str = "application/pdf"
    etag: str | None = None
    last_modified: str | None = None
    ranges: bool = True  # answers Range requests


@dataclass
class Req:
    method: str
    path: str
    headers: dict[str, str]
    status: int = 0
    sent: int = 0  # body bytes


Fault = Callable[["Handler", Resource | None], None]


@dataclass
class Site:
    files: dict[str, Resource] = field(default_factory=dict)
    faults: dict[str, list[Fault]] = field(default_factory=dict)  # path -> one fault per request, in order
    log: list[Req] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)  # ends answers that hang
    base: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight: int = 0
    max_in_flight: int = 0
    _version: int = 0

    def put(self, path: str, body: bytes | str, content_type: str = "application/pdf", **kw) -> Resource:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self._version += 1
        kw.setdefault("etag", f'"{hashlib.sha256(data).hexdigest()[:16]}"')
        kw.setdefault("last_modified", formatdate(1_700_000_000 + self._version * 3600, usegmt=True))
        res = Resource(data, content_type, **kw)
        self.files[path] = res
        return res

    def page(self, path: str, links: list[tuple[str, str]] | str, **kw) -> Resource:
        """An HTML page linking to ``links`` ((href, text) pairs), or the HTML given."""
        if isinstance(links, str):
            html = links
        else:
            items = "\n".join(f'<li><a href="{h}">{t}</a></li>' for h, t in links)
            html = f"<!doctype html><html><head><meta charset='utf-8'><title>Nämnd</title></head><body><h1>Sammanträden</h1><ul>{items}</ul></body></html>"
        return self.put(path, html, "text/html; charset=utf-8", **kw)

    def plan(self, path: str, *faults: Fault) -> None:
        self.faults.setdefault(path, []).extend(faults)

    def url(self, path: str) -> str:
        return self.base + path

    def requests(self, path: str | None = None, method: str | None = None) -> list[Req]:
        return [r for r in self.log if (path is None or r.path == path) and (method is None or r.method == method)]

    def full_bodies(self, path: str) -> int:
        """Requests for ``path`` answered 200 with a body (not 304, not a resumed 206)."""
        return sum(1 for r in self.requests(path) if r.status == 200)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: Site

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        site = self.site
        with site.lock:
            site.in_flight += 1
            site.max_in_flight = max(site.max_in_flight, site.in_flight)
        try:
            self._answer()
        finally:
            with site.lock:
                site.in_flight -= 1

    def _answer(self) -> None:
        site = self.site
        path = urlsplit(self.path).path
        self.req = Req(self.command, path, {k.lower(): v for k, v in self.headers.items()})
        with site.lock:
            site.log.append(self.req)
            queue = site.faults.get(path)
            fault = queue.pop(0) if queue else None
        res = site.files.get(path)
        if fault is not None:
            fault(self, res)
            return
        if res is None:
            self.send_simple(404, b"not here")
            return
        self.serve(res)

    # -- building blocks for faults --------------------------------------------------------------------
    def head(self, status: int, headers: dict[str, str]) -> None:
        self.req.status = status
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()

    def body(self, data: bytes) -> None:
        if self.command != "HEAD":
            self.wfile.write(data)
            self.req.sent += len(data)

    def send_simple(self, status: int, data: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.head(status, {"Content-Type": "text/plain", "Content-Length": str(len(data)), **(headers or {})})
        self.body(data)

    def drop(self) -> None:
        self.close_connection = True
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def serve(self, res: Resource, *, cut_at: int | None = None) -> None:
        """``res`` as a careful server answers: 304 on a matching validator, 206 on a Range whose If-Range
        matches; ``cut_at``: the connection drops after that many bytes of the whole file."""
        h = self.req.headers
        validators = {"ETag": res.etag, "Last-Modified": res.last_modified}
        validators = {k: v for k, v in validators.items() if v}
        inm, ims = h.get("if-none-match"), h.get("if-modified-since")
        if (inm and inm == res.etag) or (not inm and ims and ims == res.last_modified):
            self.head(304, validators)
            return
        start = 0
        rng = h.get("range", "")
        if_range = h.get("if-range")
        if (
            res.ranges
            and rng.startswith("bytes=")
            and rng.endswith("-")
            and if_range in (None, res.etag, res.last_modified)
        ):
            start = int(rng[6:-1])
            if start >= len(res.body):
                self.send_simple(416, headers={"Content-Range": f"bytes */{len(res.body)}"})
                return
        data = res.body[start:]
        headers = {"Content-Type": res.content_type, "Content-Length": str(len(data)), **validators}
        if res.ranges:
            headers["Accept-Ranges"] = "bytes"
        if start:
            headers["Content-Range"] = f"bytes {start}-{len(res.body) - 1}/{len(res.body)}"
        self.head(206 if start else 200, headers)
        if cut_at is None:
            self.body(data)
            return
        self.body(data[: max(0, cut_at - start)])
        self.drop()


# -- faults (each answers one request) -----------------------------------------------------------------
def status(code: int, headers: dict[str, str] | None = None) -> Fault:
    return lambda h, res: h.send_simple(code, f"HTTP {code}".encode(), headers)


def cut(at: int) -> Fault:
    """The file's headers (full Content-Length), ``at`` bytes of the file, then the connection drops."""
    return lambda h, res: h.serve(res, cut_at=at)


def refuse_range() -> Fault:
    """Ignores Range: the whole file again (a server without resume)."""

    def f(h: Handler, res: Resource | None) -> None:
        h.req.headers.pop("range", None)
        h.serve(res)

    return f


def hang() -> Fault:
    """No answer until the test ends (the client's timeout fires)."""

    def f(h: Handler, res: Resource | None) -> None:
        h.site.release.wait(30)
        h.drop()

    return f


def slow(chunks: int, gate: threading.Event, first: int = 4096) -> Fault:
    """The file's headers, ``first`` bytes, then waits for ``gate`` before the rest (a slow server)."""

    def f(h: Handler, res: Resource | None) -> None:
        assert res is not None
        h.head(200, {"Content-Type": res.content_type, "Content-Length": str(len(res.body)), "ETag": res.etag or ""})
        h.body(res.body[:first])
        h.wfile.flush()
        gate.wait(60)
        h.body(res.body[first:])

    return f


def endless(declared: int | None = None) -> Fault:
    """A body that never ends (no Content-Length, or a false huge one): 64 KiB after 64 KiB until the
    client hangs up (at most 4 GiB)."""

    def f(h: Handler, res: Resource | None) -> None:
        headers = {
            "Content-Type": "text/html" if h.path.endswith(".html") else "application/pdf",
            "Connection": "close",
        }
        if declared is not None:
            headers["Content-Length"] = str(declared)
        h.head(200, headers)
        chunk = b"%PDF-1.4\n" + b"A" * (65536 - 9)
        try:
            for _ in range(65536):
                h.body(chunk)
        except OSError:
            pass
        h.drop()

    return f


def redirect(location: str, code: int = 302) -> Fault:
    return lambda h, res: h.send_simple(code, b"", {"Location": location})


@dataclass
class Server:
    site: Site
    httpd: ThreadingHTTPServer
    thread: threading.Thread

    def close(self) -> None:
        self.site.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(10)


def start(host: str = "127.0.0.1") -> Server:
    site = Site()
    handler = type("BoundHandler", (Handler,), {"site": site})
    httpd = ThreadingHTTPServer((host, 0), handler)
    httpd.daemon_threads = True
    site.base = f"http://{host}:{httpd.server_address[1]}"
    t = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="test-http", daemon=True)
    t.start()
    return Server(site, httpd, t)


def serve() -> Iterator[Site]:
    """For a test module's fixture: ``yield from serve()``."""
    srv = start()
    try:
        yield srv.site
    finally:
        srv.close()
