"""Sync from a kommun's web page: time, requests and bytes for a first run and an incremental run.

    .venv/bin/python bench/sync.py [--meetings 200] [--keep DIR]

A local HTTP server (127.0.0.1, ETag / If-None-Match / 304 like a real web server) serves N generated
kallelser (``demo.generate_meeting`` of four nämnder, rendered by ``importing.pdfbuild``) as PDF links on
one HTML page. The sync engine syncs them into a fresh data dir (the normal importer, the search index),
then the page is changed: one kallelse re-issued (``revision=2``), one new, and it syncs again. The two
runs are printed side by side. PDF generation is not timed.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from botkyrka_nämnd.demo.generate import generate_meeting
from botkyrka_nämnd.importing.pdfbuild import build_pdf
from botkyrka_nämnd.services.context import AppContext
from botkyrka_nämnd.sync import engine
from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore

BODIES = [
    ("Socialnämnden", "SN"),
    ("Kommunstyrelsen", "KS"),
    ("Utbildningsnämnden", "UN"),
    ("Kultur- och fritidsnämnden", "KFN"),
]
FILES: dict[str, tuple[bytes, str, str]] = {}  # path -> (body, content type, etag)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        got = FILES.get(self.path)
        if got is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body, ctype, etag = got
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


def put(path: str, body: bytes, ctype: str = "application/pdf") -> None:
    FILES[path] = (body, ctype, '"' + hashlib.sha256(body).hexdigest()[:16] + '"')


def meeting_pdf(i: int, revision: int = 1) -> tuple[str, bytes]:
    name, short = BODIES[i % len(BODIES)]
    day = date(2021, 1, 12) + timedelta(weeks=i // len(BODIES), days=i % len(BODIES))
    m = generate_meeting(name, short, day, seed=i, revision=revision)
    return f"/{short.lower()}/kallelse-{day.isoformat()}.pdf", build_pdf(m.text, header=m.header)


def publish_page(paths: list[str]) -> None:
    links = "\n".join(f'<li><a href="{p}">Kallelse {p.rsplit("-", 3)[-3:]}</a></li>' for p in paths)
    put(
        "/namnder/",
        f"<!doctype html><meta charset=utf-8><h1>Sammanträden</h1><ul>{links}</ul>".encode(),
        "text/html; charset=utf-8",
    )


def run(ctx) -> tuple[float, object]:
    t = time.perf_counter()
    (report,) = engine.sync(ctx, "Kommunen")
    return time.perf_counter() - t, report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meetings", type=int, default=200)
    ap.add_argument("--keep", type=Path, help="data dir to keep (default: a temporary one, removed)")
    args = ap.parse_args()
    n = args.meetings

    t = time.perf_counter()
    paths = []
    for i in range(n):
        path, pdf = meeting_pdf(i)
        put(path, pdf)
        paths.append(path)
    publish_page(paths)
    print(
        f"generated {n} kallelser ({sum(len(b) for p, (b, _c, _e) in FILES.items() if p.endswith('.pdf')) / 1e6:.1f} MB) in {time.perf_counter() - t:.0f} s"
    )

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    data = args.keep or Path(tempfile.mkdtemp(prefix="bench-sync-")) / "data"
    ctx = AppContext(data, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    try:
        engine.add_source(ctx, "web", "Kommunen", f"http://127.0.0.1:{httpd.server_address[1]}/namnder/")
        first_s, first = run(ctx)

        path, pdf = meeting_pdf(0, revision=2)  # one re-issued
        put(path, pdf)
        path, pdf = meeting_pdf(n)  # one new
        put(path, pdf)
        publish_page([*paths, path])
        inc_s, inc = run(ctx)
    finally:
        ctx.close()
        httpd.shutdown()
        if args.keep is None:
            shutil.rmtree(data.parent, ignore_errors=True)

    rows = [
        ("time (s)", f"{first_s:.1f}", f"{inc_s:.2f}"),
        ("requests", first.requests, inc.requests),
        ("bytes", f"{first.bytes:,}", f"{inc.bytes:,}"),
        (
            "new / changed / unchanged",
            f"{first.new} / {first.changed} / {first.unchanged}",
            f"{inc.new} / {inc.changed} / {inc.unchanged}",
        ),
        ("failed", first.failed, inc.failed),
    ]
    print(f"\n{'':28}{'first run':>18}{'incremental':>18}")
    for label, a, b in rows:
        print(f"{label:28}{a!s:>18}{b!s:>18}")


if __name__ == "__main__":
    main()
