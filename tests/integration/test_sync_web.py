"""Sync from a kommun's web page (issue 13) through ``sync.engine`` against a real HTTP server on 127.0.0.1
(tests/webserver.py): an HTML page with PDF links to kallelser built from the seeds, imported by the normal
importer. First sync, incremental sync (only the changed and the new file fetched), withdrawn documents
with and without notes, server errors with nothing partial visible and a resumed download, a redirect to
another host, capped endless answers, plain http refused, sub-pages and the pattern, kill -9."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from botkyrka_nämnd.demo.generate import generate_meeting
from botkyrka_nämnd.importing.pdfbuild import build_pdf
from botkyrka_nämnd.services.context import AppContext
from botkyrka_nämnd.sync import engine
from botkyrka_nämnd.sync.http import HttpClient, Policy
from botkyrka_nämnd.sync.model import SyncError
from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore
from tests import webserver as ws
from tests.conftest import SEED_000, SEED_003, read_seed

ROOT = Path(__file__).resolve().parents[2]
A_ID, B_ID, C_ID = "botkyrka-sn-2024-09-24", "botkyrka-sn-2020-05-26", "botkyrka-sn-2024-10-22"
A, B, C = "/sn/kallelse-2024-09-24.pdf", "/sn/handlingar-2020-05-26.pdf", "/sn/kallelse-2024-10-22.pdf"
ADDED = "Tilläggsuppgift: förvaltningen redovisar kvartalsrapporten om Pelargonträdgården muntligt."


@pytest.fixture(scope="module")
def pdfs(seeds_dir) -> dict[str, bytes]:
    a_text = read_seed(seeds_dir, SEED_000)
    m = generate_meeting("Socialnämnden", "SN", date(2024, 10, 22), seed=5)
    return {
        "a": build_pdf(a_text, header="Botkyrka kommun · Socialnämnden · 2024-09-24"),
        "a2": build_pdf(a_text + "\n\n" + ADDED, header="Botkyrka kommun · Socialnämnden · 2024-09-24"),
        "b": build_pdf(read_seed(seeds_dir, SEED_003), header="Botkyrka kommun · Socialnämnden · 2020-05-26"),
        "c": build_pdf(m.text, header=m.header),
    }


@pytest.fixture
def site():
    yield from ws.serve()


@pytest.fixture
def other_site():
    yield from ws.serve()


@pytest.fixture
def http():
    """A client whose back-off is recorded, not slept (``http.sleeps``); short timeouts."""
    sleeps: list[float] = []
    c = HttpClient(Policy(timeout=2.0, backoff=0.5), sleep=sleeps.append)
    c.sleeps = sleeps  # type: ignore[attr-defined]
    yield c
    c.close()


def page(site, *paths: str, extra: str = "") -> None:
    links = "".join(f'<li><a href="{p}">Kallelse {p.rsplit("-", 3)[-3:]}</a></li>' for p in paths)
    site.page(
        "/sn/",
        f"""<!doctype html><html><head><meta charset="utf-8"><title>Socialnämnden</title>
        <script>document.write('<a href="/sn/skript.pdf">x</a>')</script></head><body>
        <nav><a href="/">Start</a> <a href="#innehall">Till innehållet</a> <a href="mailto:sn@botkyrka.se">E-post</a>
        <a href="javascript:void(0)">Meny</a></nav><h1>Socialnämndens sammanträden</h1><ul>{links}</ul>
        <p><a href="https://www.example.org/annan.pdf">En annan webbplats</a> <a href="/sn/taxa.docx">Taxa</a></p>
        {extra}</body></html>""",
    )


def add(ctx, site, pattern: str | None = None, path: str = "/sn/") -> None:
    engine.add_source(ctx, "web", "SN", site.url(path), pattern)


def run(ctx, http):
    (report,) = engine.sync(ctx, "SN", http=http)
    return report


def staging_files(ctx) -> list[str]:
    root = Path(ctx.paths.store).parent / "sync-staging"
    return sorted(p.relative_to(root).as_posix().split("/", 1)[1] for p in root.rglob("*") if p.is_file())


def withdrawn(ctx, meeting_id: str) -> list[object]:
    with sqlite3.connect(ctx.paths.store) as c:
        return [
            r[0]
            for r in c.execute(
                "SELECT d.withdrawn_at FROM document d JOIN agenda_item i ON i.id=d.item_id WHERE i.meeting_id=? AND d.is_current=1",
                (meeting_id,),
            )
        ]


def hits(ctx, query: str) -> set[str]:
    return {h.meeting_id for h in ctx.search.search(query, limit=50)}


# -- first and incremental sync -------------------------------------------------------------------------
def test_first_sync_imports_the_linked_kallelser_and_nothing_else(ctx, site, http, pdfs):
    site.put(A, pdfs["a"])
    site.put(B, pdfs["b"])
    page(site, A, B)
    add(ctx, site)
    r = run(ctx, http)
    assert (r.new, r.changed, r.withdrawn, r.failed) == (2, 0, 0, 0), r.errors
    assert r.requests == 3 and r.bytes >= len(pdfs["a"]) + len(pdfs["b"])
    assert sorted(m["id"] for m in ctx.repo.meetings()) == [B_ID, A_ID]
    assert len(ctx.repo.items(A_ID)) == 9 and len(ctx.repo.items(B_ID)) == 9
    assert hits(ctx, "ensamkommande") == {A_ID, B_ID}
    assert [r.path for r in site.log] == ["/sn/", A, B]  # no script run, no other link followed
    assert staging_files(ctx) == []
    assert engine.sources(ctx)[0]["last_status"] == "ok"


def test_incremental_sync_fetches_only_the_changed_and_the_new(ctx, site, http, pdfs):
    site.put(A, pdfs["a"])
    site.put(B, pdfs["b"])
    page(site, A, B)
    add(ctx, site)
    run(ctx, http)
    site.log.clear()
    assert hits(ctx, "Pelargonträdgården") == set()

    site.put(A, pdfs["a2"])  # re-issued
    site.put(C, pdfs["c"])
    page(site, A, B, C)
    r = run(ctx, http)
    assert (r.new, r.changed, r.unchanged, r.withdrawn, r.failed) == (1, 1, 1, 0, 0), r.errors
    assert r.requests == 4  # the page, the two fetched, one 304
    assert {q.path: q.status for q in site.log} == {"/sn/": 200, A: 200, B: 304, C: 200}
    assert site.requests(B)[0].headers["if-none-match"] == site.files[B].etag
    assert r.bytes < len(pdfs["a2"]) + len(pdfs["c"]) + 10_000  # nothing of B
    assert hits(ctx, "Pelargonträdgården") == {A_ID}  # the new version is what is read
    assert sorted(r.meetings) == [A_ID, C_ID]

    site.log.clear()
    r = run(ctx, http)  # nothing changed: one page and three 304
    assert (r.new, r.changed, r.unchanged) == (0, 0, 3) and [q.status for q in site.log] == [200, 304, 304, 304]


def test_a_withdrawn_document_is_marked_never_deleted_and_keeps_its_note(ctx, site, http, pdfs):
    site.put(A, pdfs["a"])
    site.put(C, pdfs["c"])
    page(site, A, C)
    add(ctx, site)
    run(ctx, http)
    item = ctx.repo.item(A_ID, 2)
    ctx.annotations.save_note(item["id"], "Fråga om kötiden")  # a note on A, none on C
    n_items = {mid: len(ctx.repo.items(mid)) for mid in (A_ID, C_ID)}

    page(site)  # both gone from the page
    r = run(ctx, http)
    assert r.withdrawn == 2 and r.failed == 0
    for mid in (A_ID, C_ID):
        marks = withdrawn(ctx, mid)
        assert marks and all(marks), mid  # every current document marked, none deleted
        assert len(ctx.repo.items(mid)) == n_items[mid]
    assert ctx.annotations.item_note(item["id"])["body"] == "Fråga om kötiden"
    assert hits(ctx, "ensamkommande") >= {A_ID}  # still readable and searchable
    assert run(ctx, http).withdrawn == 0  # once

    page(site, A)  # back at the source
    run(ctx, http)
    assert not any(withdrawn(ctx, A_ID)) and all(withdrawn(ctx, C_ID))
    assert site.requests(A)[-1].status == 200  # fetched whole, not trusted on a 304


def test_a_withdrawn_file_with_a_secret_part_is_marked_too(ctx, site, http, pdfs):
    site.put(B, pdfs["b"])  # seed 003: its secret part makes the importer keep a public copy
    page(site, B)
    add(ctx, site)
    run(ctx, http)
    page(site)
    assert run(ctx, http).withdrawn == 1
    assert all(withdrawn(ctx, B_ID))


# -- server errors ----------------------------------------------------------------------------------------
def test_a_500_is_retried_and_then_imported(ctx, site, http, pdfs):
    site.put(A, pdfs["a"])
    site.plan(A, ws.status(500), ws.status(503))
    page(site, A)
    add(ctx, site)
    r = run(ctx, http)
    assert r.new == 1 and r.failed == 0 and [q.status for q in site.requests(A)] == [500, 503, 200]
    assert len(http.sleeps) == 2 and r.requests == 4


def test_a_404_fails_that_file_only(ctx, site, http, pdfs):
    site.put(B, pdfs["b"])
    page(site, A, B)
    add(ctx, site)
    r = run(ctx, http)
    assert (r.new, r.failed) == (1, 1) and any("404" in sv and "404" in en for sv, en in r.errors)
    assert [m["id"] for m in ctx.repo.meetings()] == [B_ID] and staging_files(ctx) == []
    assert engine.sources(ctx)[0]["last_status"] == "partial"


def test_a_timeout_fails_the_file_and_the_next_sync_gets_it(ctx, site, pdfs):
    site.put(A, pdfs["a"])
    site.plan(A, ws.hang(), ws.hang())
    page(site, A)
    add(ctx, site)
    with HttpClient(Policy(timeout=0.3, retries=1), sleep=lambda s: None) as http:
        r = run(ctx, http)
        assert r.failed == 1 and any("slowly" in en for _sv, en in r.errors)
        assert ctx.repo.meetings() == [] and staging_files(ctx) == []
        r = run(ctx, http)
        assert (r.new, r.changed, r.failed) == (1, 0, 0)
        assert [m["id"] for m in ctx.repo.meetings()] == [A_ID]


def test_a_page_served_as_pdf_is_not_imported(ctx, site, http):
    site.put(A, "<html><body>Logga in</body></html>", "text/html")
    page(site, A)
    add(ctx, site)
    r = run(ctx, http)
    assert r.failed == 1 and any("PDF" in sv for sv, _en in r.errors) and ctx.repo.meetings() == []
    assert staging_files(ctx) == []


def test_a_connection_dropped_mid_file_shows_nothing_and_the_next_sync_resumes(ctx, site, http, pdfs):
    site.put(A, pdfs["a"])
    site.put(B, pdfs["b"])
    cut_at = len(pdfs["a"]) // 2
    site.plan(A, *[ws.cut(cut_at)] + [ws.cut(cut_at + 1000 * i) for i in range(1, 4)])  # every retry breaks too
    page(site, A, B)
    add(ctx, site)
    r = run(ctx, http)
    assert (r.new, r.failed) == (1, 1) and any("Försöker igen" in sv for sv, _en in r.errors)
    assert [m["id"] for m in ctx.repo.meetings()] == [B_ID]  # nothing from the partial file
    assert [f.split("/", 1)[1] for f in staging_files(ctx)] == ["data", "validator"]  # only the .part
    assert all(".pdf.part/" in f for f in staging_files(ctx))

    site.log.clear()
    r = run(ctx, http)
    assert (r.new, r.changed, r.failed) == (1, 0, 0), r.errors
    (got,) = site.requests(A)
    assert got.headers["range"] == f"bytes={cut_at + 3000}-" and got.status == 206
    assert got.sent == len(pdfs["a"]) - cut_at - 3000  # only the rest travelled
    assert len(ctx.repo.items(A_ID)) == 9 and hits(ctx, "ensamkommande") == {A_ID, B_ID}
    assert staging_files(ctx) == []


def test_a_file_that_failed_before_counts_as_new_when_it_arrives(ctx, site, http, pdfs):
    page(site, A)
    add(ctx, site)
    assert run(ctx, http).failed == 1  # 404
    site.put(A, pdfs["a"])
    r = run(ctx, http)
    assert (r.new, r.changed) == (1, 0)


def test_a_redirect_to_another_host_is_refused(ctx, site, other_site, http, pdfs):
    other_site.put(A, pdfs["a"])
    site.plan(A, ws.redirect(other_site.url(A)))
    page(site, A)
    add(ctx, site)
    r = run(ctx, http)
    assert r.failed == 1 and any("another site" in en for _sv, en in r.errors)
    assert other_site.log == [] and ctx.repo.meetings() == []


def test_an_endless_file_and_an_endless_page_are_capped(ctx, site, pdfs):
    site.plan(A, ws.endless())
    page(site, A)
    add(ctx, site)
    with HttpClient(Policy(max_file=3 << 20, max_page=1 << 20), sleep=lambda s: None) as http:
        r = run(ctx, http)
        assert r.failed == 1 and any("too large" in en for _sv, en in r.errors)
        assert r.bytes < (3 << 20) + (1 << 18) and staging_files(ctx) == [] and ctx.repo.meetings() == []
        site.plan("/sn/", ws.endless())
        r = run(ctx, http)
        assert r.failed == 1 and any("too large" in en for _sv, en in r.errors)
        assert engine.sources(ctx)[0]["last_status"] == "failed"


def test_plain_http_to_another_computer_is_refused(ctx):
    for url in ("http://www.botkyrka.se/socialnamnden", "http://10.1.2.3/sn/", "ftp://127.0.0.1/"):
        with pytest.raises(SyncError) as e:
            engine.add_source(ctx, "web", "SN", url)
        assert "https://" in e.value.sv and "https://" in e.value.en
    assert engine.sources(ctx) == []


# -- sub-pages and the pattern ----------------------------------------------------------------------------
def test_sub_pages_one_level_deep_that_match_the_pattern(ctx, site, http, pdfs):
    site.put(A, pdfs["a"])
    site.put(B, pdfs["b"])
    site.put("/om/tillganglighet.pdf", pdfs["c"])
    site.page("/ks/mote.html", [("/ks/kallelse.pdf", "KS")])
    site.page("/sn/mote-2024-09-24.html", [(A, "Kallelse"), ("/om/tillganglighet.pdf", "Tillgänglighet")])
    site.page("/sn/mote-2020-05-26.html", [(B, "Handlingar"), ("/sn/mote-2019.html", "Äldre möte")])
    site.page(
        "/start.html",
        [("/sn/mote-2024-09-24.html#top", "24 september 2024"), ("sn/mote-2020-05-26.html", "2020-05-26"),
         ("/ks/mote.html", "KS"), ("/om/tillganglighet.pdf", "Tillgänglighet")],
    )  # fmt: skip
    add(ctx, site, pattern=r"/sn/", path="/start.html")
    r = run(ctx, http)
    assert (r.new, r.failed) == (2, 0), r.errors
    assert sorted(q.path for q in site.log) == sorted(
        ["/start.html", "/sn/mote-2024-09-24.html", "/sn/mote-2020-05-26.html", A, B]
    )
    keys = sorted(engine.state(ctx).items("SN"))
    assert keys == [site.url(B), site.url(A)]  # absolute URLs without the fragment

    site.plan("/sn/mote-2020-05-26.html", *[ws.status(500)] * 4)  # a sub-page that cannot be read
    r = run(ctx, http)
    assert r.withdrawn == 0 and all(not w for w in withdrawn(ctx, B_ID))  # its PDFs are not taken for gone


# -- kill -9 ----------------------------------------------------------------------------------------------
CHILD = textwrap.dedent(
    """
    import sys
    from botkyrka_nämnd.services.context import AppContext
    from botkyrka_nämnd.sync import engine
    from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore
    ctx = AppContext(sys.argv[1], keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    print(engine.sync(ctx, "SN")[0].to_json(), flush=True)
    """
)


def _slow_unless_resumed(gate):
    slow = ws.slow(1, gate, first=16_384)

    def f(h, res):
        if "range" in h.req.headers:
            h.serve(res)
        else:
            slow(h, res)

    return f


def _child(data: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _wait(cond, what: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while not cond():
        if proc.poll() is not None:
            pytest.fail(f"the child ended before {what}: {proc.stderr.read().decode()[-2000:]}")
        if time.monotonic() > end:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.005)


def _kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    proc.stdout.close()
    proc.stderr.close()


def test_kill_9_mid_import_and_mid_download_then_the_next_sync_completes(data_dir, site, pdfs, tmp_path):
    gate = threading.Event()
    site.put(B, pdfs["b"])
    site.put(A, pdfs["a"])
    for _ in range(4):
        site.plan(A, _slow_unless_resumed(gate))
    page(site, B, A)  # B first, then A (slow)
    ctx = AppContext(data_dir, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    add(ctx, site)
    staging = Path(ctx.paths.store).parent / "sync-staging"
    ctx.close()

    # 1: killed while B is imported (its verified file is in staging, the importer is running)
    proc = _child(data_dir)
    _wait(lambda: any(staging.glob("*/*.pdf")), "B's file in staging", proc)
    _kill(proc)
    # 2: killed mid-download of A (a part with bytes, the server holding the rest back)
    proc = _child(data_dir)
    # A's own part (B is fetched again first, and on a busy machine its part may be seen here too)
    a_part = hashlib.sha256(site.url(A).encode("utf-8")).hexdigest()[:24] + ".pdf.part"
    _wait(lambda: any(p.stat().st_size >= 16_384 for p in staging.glob(f"*/{a_part}/data")), "A's partial bytes", proc)
    _kill(proc)
    assert not any(staging.glob("*/*.pdf")), "nothing complete-looking left from a killed download"

    with sqlite3.connect(_store(data_dir)) as c:
        assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    gate.set()
    ctx = AppContext(data_dir, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    try:
        http = HttpClient(Policy(), sleep=lambda s: None)
        site.log.clear()
        r = run(ctx, http)
        assert r.failed == 0, r.errors
        assert sorted(m["id"] for m in ctx.repo.meetings()) == [B_ID, A_ID]
        assert [q.headers.get("range") is not None for q in site.requests(A)] == [True]  # A resumed
        with sqlite3.connect(ctx.paths.store) as c:
            assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        for mid in (A_ID, B_ID):  # every meeting whole: all items, each with its current document
            items = ctx.repo.items(mid)
            assert len(items) == 9 and all(ctx.repo.documents(it["id"]) for it in items), mid
        assert hits(ctx, "ensamkommande") == {A_ID, B_ID}
        assert staging_files(ctx) == []
        assert run(ctx, http).unchanged == 2
        http.close()
    finally:
        ctx.close()


def _store(data_dir: Path) -> Path:
    from botkyrka_nämnd import paths

    return Path(paths.Paths.resolve(data_dir).store)


def _login_required(token: str):
    def fault(h, res):
        if h.req.headers.get("authorization") != f"Bearer {token}":
            h.send_simple(401, b"login required")
        else:
            h.serve(res)

    return fault


def test_a_source_with_a_login_delivers_secret_documents_sealed_into_the_vault(ctx, site, http, pdfs, tmp_path):
    from botkyrka_nämnd.sync import credentials
    from tests.conftest import PASSPHRASE_TESTS

    ctx.vault.init(PASSPHRASE_TESTS)
    ctx.lock()
    token = "s3cr3t-token_for.namnden~2024"
    with pytest.raises(SyncError):
        credentials.set_token(ctx, "SN", "token-för-nämnden")  # not what an Authorization header can carry
    site.put(B, pdfs["b"])  # seed 003: it carries a lex Sarah part
    page(site, B)
    add(ctx, site)
    site.plan(B, _login_required(token), _login_required(token))
    r = run(ctx, http)  # no token: refused in plain words, nothing imported
    assert r.failed == 1 and "inloggning" in r.errors[0][0] and ctx.repo.meetings() == []

    credentials.set_token(ctx, "SN", token)
    r = run(ctx, http)
    assert (r.new, r.failed) == (1, 0), r.errors
    assert [q.headers.get("authorization") for q in site.requests(B)][-1] == f"Bearer {token}"
    parts = ctx.sealed_parts.secret_parts_for_meeting(B_ID)
    assert parts and {p["content_state"] for p in parts if not p["not_in_source"]} == {"sealed"}
    ctx.unlock(PASSPHRASE_TESTS)  # the sealed part goes into the vault on unlock
    assert ctx.vault.secrets_for_meeting(B_ID)
    # the token is in the keyring only: not in the store, not in any file of the data folder
    for f in Path(ctx.paths.store).parent.rglob("*"):
        if f.is_file():
            assert token.encode("utf-8") not in f.read_bytes(), f
    assert credentials.token(ctx, "SN") == token
    engine.remove_source(ctx, "SN")
    assert not credentials.token(ctx, "SN")  # removed with its source
