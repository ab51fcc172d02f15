"""The sync's HTTP client against real HTTP servers on 127.0.0.1 (tests/webserver.py): which URLs it may
fetch, redirects only within the host, size caps, conditional requests, resumable verified downloads,
retries with back-off, the concurrency limits and the counters."""

from __future__ import annotations

import datetime
import hashlib
import ssl
import threading
import time
from http.server import ThreadingHTTPServer

import pytest

from botkyrka_nämnd.sync.http import HttpClient, Policy, check_url, host_of
from botkyrka_nämnd.sync.model import SyncError
from tests import webserver as ws

BODY = b"%PDF-1.4\n" + bytes(range(256)) * 800  # ~200 KB, every byte value
_clients: list[HttpClient] = []


@pytest.fixture
def site():
    yield from ws.serve()


@pytest.fixture
def other_site():
    """A second server: another port, so another host for the sync's rules."""
    yield from ws.serve()


@pytest.fixture(autouse=True)
def _close_clients():
    yield
    while _clients:
        _clients.pop().close()


def client(**kw) -> tuple[HttpClient, list[float]]:
    """A client with ``Policy(**kw)`` whose back-off sleeps are recorded instead of slept."""
    sleeps: list[float] = []
    http = HttpClient(Policy(**{"backoff": 0.5, **kw}), sleep=sleeps.append)
    _clients.append(http)
    return http, sleeps


def files_in(folder) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


# -- which addresses --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "https://www.botkyrka.se/x",
        "http://127.0.0.1:8080/a",
        "http://localhost/a",
        "http://[::1]:9/a",
        "http://127.2.3.4/",
    ],
)
def test_https_and_loopback_http_are_allowed(url):
    assert check_url(url) == url


@pytest.mark.parametrize(
    "url",
    ["http://www.botkyrka.se/kallelser", "http://10.0.0.1/a", "http://192.168.1.1/", "ftp://127.0.0.1/a", "file:///etc/passwd",
     "https://user:pw@www.botkyrka.se/", "https:///nohost", "javascript:alert(1)"],
)  # fmt: skip
def test_plain_http_elsewhere_and_other_schemes_are_refused_before_any_request(url):
    http, _ = client()
    with pytest.raises(SyncError) as e:
        http.get(url)
    assert e.value.sv and e.value.en and e.value.sv != e.value.en
    assert http.requests == 0


# -- pages, conditional requests ------------------------------------------------------------------------
def test_a_page_then_304_on_its_etag_or_date(site):
    res = site.page("/sn.html", [("/a.pdf", "Kallelse")])
    http, _ = client()
    ans = http.get(site.url("/sn.html"))
    assert ans.status == 200 and b'href="/a.pdf"' in ans.content and ans.content_type == "text/html"
    assert ans.etag == res.etag and ans.last_modified == res.last_modified
    assert http.get(site.url("/sn.html"), etag=res.etag).status == 304
    assert http.get(site.url("/sn.html"), last_modified=res.last_modified).content == b""
    assert [r.status for r in site.log] == [200, 304, 304]
    assert site.log[1].headers["if-none-match"] == res.etag
    assert site.log[2].headers["if-modified-since"] == res.last_modified
    assert http.requests == 3 and http.bytes == len(res.body)


def test_a_5xx_is_retried_with_growing_jittered_backoff_then_succeeds(site):
    site.page("/p.html", "<p>ok</p>")
    site.plan("/p.html", ws.status(500), ws.status(502), ws.status(503))
    http, sleeps = client(retries=3)
    assert http.get(site.url("/p.html")).content == b"<p>ok</p>"
    assert [r.status for r in site.log] == [500, 502, 503, 200]
    assert len(sleeps) == 3
    for i, s in enumerate(sleeps):  # 0.5 s doubled each time, times a jitter in [0.5, 1.5)
        assert 0.5 * 2**i * 0.5 <= s < 0.5 * 2**i * 1.5


def test_retries_run_out_with_a_plain_message(site):
    site.plan("/p.html", *[ws.status(500)] * 4)
    http, sleeps = client(retries=3)
    with pytest.raises(SyncError) as e:
        http.get(site.url("/p.html"))
    assert "HTTP 500" in e.value.sv and "HTTP 500" in e.value.en and len(site.log) == 4 and len(sleeps) == 3


def test_retry_after_is_honoured_up_to_the_cap(site):
    site.page("/p.html", "<p>ok</p>")
    site.plan("/p.html", ws.status(503, {"Retry-After": "7"}), ws.status(429, {"Retry-After": "3600"}))
    http, sleeps = client(retries=2, max_backoff=30)
    assert http.get(site.url("/p.html")).status == 200
    assert sleeps[0] >= 7 and sleeps[1] == 30


def test_a_404_is_not_retried(site):
    http, sleeps = client()
    with pytest.raises(SyncError) as e:
        http.get(site.url("/borta.pdf"))
    assert "404" in e.value.sv and len(site.log) == 1 and sleeps == []


def test_a_timeout_is_retried_and_then_reported(site):
    site.plan("/p.html", ws.hang(), ws.hang())
    http, sleeps = client(timeout=0.3, retries=1)
    with pytest.raises(SyncError) as e:
        http.get(site.url("/p.html"))
    assert "långsamt" in e.value.sv and "slowly" in e.value.en
    assert len(site.log) == 2 and len(sleeps) == 1


def test_a_truncated_page_is_fetched_again(site):
    res = site.page("/p.html", "<p>" + "x" * 5000 + "</p>")
    site.plan("/p.html", ws.cut(100))
    http, sleeps = client()
    assert http.get(site.url("/p.html")).content == res.body
    assert len(site.log) == 2 and len(sleeps) == 1


# -- redirects ------------------------------------------------------------------------------------------
def test_a_redirect_within_the_host_is_followed(site):
    site.page("/ny.html", "<p>ny</p>")
    site.plan("/gammal.html", ws.redirect("/ny.html", 301))
    ans = client()[0].get(site.url("/gammal.html"))
    assert ans.content == b"<p>ny</p>" and ans.url == site.url("/ny.html")


def test_a_redirect_to_another_host_is_refused(site, other_site, tmp_path):
    other_site.put("/a.pdf", BODY)
    site.plan("/a.pdf", ws.redirect(other_site.url("/a.pdf")))
    http, _ = client()
    with pytest.raises(SyncError) as e:
        http.download(site.url("/a.pdf"), tmp_path / "f.pdf")
    assert "annan webbplats" in e.value.sv and "another site" in e.value.en
    assert other_site.log == []  # never asked
    assert files_in(tmp_path) == []


def test_a_redirect_loop_ends(site):
    for i in range(8):
        site.plan(f"/r{i}", ws.redirect(f"/r{i + 1}"))
    with pytest.raises(SyncError) as e:
        client()[0].get(site.url("/r0"))
    assert "cirklar" in e.value.sv and len(site.log) == 6


def test_a_redirect_to_plain_http_elsewhere_is_refused(site):
    site.plan("/a.html", ws.redirect("http://www.botkyrka.se/a.html"))
    with pytest.raises(SyncError) as e:
        client()[0].get(site.url("/a.html"))
    assert "https://" in e.value.sv


# -- size caps ------------------------------------------------------------------------------------------
def test_an_endless_page_is_cut_at_the_cap(site):
    site.plan("/p.html", ws.endless())
    http, _ = client(max_page=1 << 20)
    with pytest.raises(SyncError) as e:
        http.get(site.url("/p.html"))
    assert "för stort" in e.value.sv and "too large" in e.value.en
    assert (1 << 20) < http.bytes < (1 << 20) + (1 << 18)  # stopped right after the cap


def test_a_huge_declared_page_is_refused_unread(site):
    site.plan("/p.html", ws.endless(declared=10**12))
    http, _ = client()
    with pytest.raises(SyncError):
        http.get(site.url("/p.html"))
    assert http.bytes < 1 << 20


def test_an_endless_file_is_cut_and_nothing_stays(site, tmp_path):
    site.plan("/a.pdf", ws.endless())
    http, _ = client(max_file=2 << 20)
    with pytest.raises(SyncError) as e:
        http.download(site.url("/a.pdf"), tmp_path / "s" / "f.pdf")
    assert "too large" in e.value.en and files_in(tmp_path / "s") == []
    assert http.bytes < (2 << 20) + (1 << 18)


def test_a_huge_declared_file_is_refused_unread(site, tmp_path):
    site.plan("/a.pdf", ws.endless(declared=10**12))
    http, _ = client()
    with pytest.raises(SyncError):
        http.download(site.url("/a.pdf"), tmp_path / "f.pdf")
    assert files_in(tmp_path) == [] and http.bytes < 1 << 20


# -- downloads --------------------------------------------------------------------------------------------
def test_a_verified_download_appears_whole_and_counts_its_bytes(site, tmp_path):
    res = site.put("/a.pdf", BODY)
    http, _ = client()
    ans = http.download(
        site.url("/a.pdf"), tmp_path / "f.pdf", checksum="sha256:" + hashlib.sha256(BODY).hexdigest(), size=len(BODY)
    )
    assert ans.status == 200 and ans.etag == res.etag
    assert (tmp_path / "f.pdf").read_bytes() == BODY and files_in(tmp_path) == ["f.pdf"]
    assert http.requests == 1 and http.bytes == len(BODY)
    assert site.log[0].headers["accept-encoding"] == "identity"


@pytest.mark.parametrize(
    "check", [{"checksum": "sha256:" + "0" * 64}, {"checksum": "sha512:" + "ab" * 64}, {"size": len(BODY) + 1}]
)
def test_a_wrong_checksum_or_size_leaves_nothing(site, tmp_path, check):
    site.put("/a.pdf", BODY)
    with pytest.raises(SyncError) as e:
        client()[0].download(site.url("/a.pdf"), tmp_path / "f.pdf", **check)
    assert "används inte" in e.value.sv and files_in(tmp_path) == []


def test_a_conditional_download_answered_304_writes_nothing(site, tmp_path):
    res = site.put("/a.pdf", BODY)
    ans = client()[0].download(site.url("/a.pdf"), tmp_path / "f.pdf", etag=res.etag)
    assert ans.status == 304 and files_in(tmp_path) == [] and site.log[0].sent == 0


def test_a_dropped_download_keeps_only_a_part_and_resumes_with_range(site, tmp_path):
    res = site.put("/a.pdf", BODY)
    site.plan("/a.pdf", ws.cut(70_000))
    http, _ = client(retries=0)
    with pytest.raises(SyncError) as e:
        http.download(site.url("/a.pdf"), tmp_path / "f.pdf")
    assert "Försöker igen" in e.value.sv
    assert files_in(tmp_path) == ["f.pdf.part", "f.pdf.part/data", "f.pdf.part/validator"]
    assert (tmp_path / "f.pdf.part" / "data").read_bytes() == BODY[:70_000]

    ans = client()[0].download(site.url("/a.pdf"), tmp_path / "f.pdf")  # a later sync, a new client
    again = site.log[1]
    assert again.headers["range"] == "bytes=70000-" and again.headers["if-range"] == res.etag
    assert again.status == 206 and again.sent == len(BODY) - 70_000
    assert ans.status == 200 and (tmp_path / "f.pdf").read_bytes() == BODY and files_in(tmp_path) == ["f.pdf"]


def test_a_drop_is_resumed_within_the_same_call_by_the_retry(site, tmp_path):
    site.put("/a.pdf", BODY)
    site.plan("/a.pdf", ws.cut(10_000), ws.cut(90_000))
    http, sleeps = client(retries=3)
    http.download(site.url("/a.pdf"), tmp_path / "f.pdf")
    assert [r.headers.get("range") for r in site.log] == [None, "bytes=10000-", "bytes=90000-"]
    assert (tmp_path / "f.pdf").read_bytes() == BODY and len(sleeps) == 2
    assert http.bytes == len(BODY)  # nothing fetched twice


def test_a_file_changed_since_the_drop_starts_over(site, tmp_path):
    site.put("/a.pdf", BODY)
    site.plan("/a.pdf", ws.cut(50_000))
    with pytest.raises(SyncError):
        client(retries=0)[0].download(site.url("/a.pdf"), tmp_path / "f.pdf")
    new = b"%PDF-1.4\n" + b"ny version " * 30_000
    site.put("/a.pdf", new)  # a new ETag: If-Range does not match, the server sends it whole
    client()[0].download(site.url("/a.pdf"), tmp_path / "f.pdf")
    assert site.log[1].headers["range"] == "bytes=50000-" and site.log[1].status == 200
    assert (tmp_path / "f.pdf").read_bytes() == new


def test_a_server_without_range_support_gives_the_whole_file_again(site, tmp_path):
    site.put("/a.pdf", BODY)
    site.plan("/a.pdf", ws.cut(50_000), ws.refuse_range())
    client(retries=1)[0].download(site.url("/a.pdf"), tmp_path / "f.pdf")
    assert site.log[1].status == 200 and (tmp_path / "f.pdf").read_bytes() == BODY


def test_without_a_validator_a_break_is_not_resumed(site, tmp_path):
    site.put("/a.pdf", BODY, etag=None, last_modified=None)
    site.plan("/a.pdf", ws.cut(50_000))
    with pytest.raises(SyncError):
        client(retries=0)[0].download(site.url("/a.pdf"), tmp_path / "f.pdf")
    client()[0].download(site.url("/a.pdf"), tmp_path / "f.pdf")
    assert "range" not in site.log[1].headers  # no If-Range possible: never splice two versions
    assert (tmp_path / "f.pdf").read_bytes() == BODY


def test_a_404_after_a_drop_clears_the_part(site, tmp_path):
    site.put("/a.pdf", BODY)
    site.plan("/a.pdf", ws.cut(50_000))
    with pytest.raises(SyncError):
        client(retries=0)[0].download(site.url("/a.pdf"), tmp_path / "f.pdf")
    del site.files["/a.pdf"]
    with pytest.raises(SyncError):
        client()[0].download(site.url("/a.pdf"), tmp_path / "f.pdf")
    assert files_in(tmp_path) == []


# -- concurrency ----------------------------------------------------------------------------------------
def _wait_for(cond, seconds: float = 10.0) -> None:
    end = time.monotonic() + seconds
    while not cond() and time.monotonic() < end:
        time.sleep(0.01)


def test_per_host_and_global_limits_hold_while_bodies_stream(site, other_site, tmp_path):
    gate = threading.Event()
    for s in (site, other_site):
        for i in range(4):
            s.put(f"/{i}.pdf", BODY)
            s.plan(f"/{i}.pdf", ws.slow(1, gate))
    http, _ = client(per_host=2, total=3)
    errors: list[BaseException] = []

    def get(s, i):
        try:
            http.download(s.url(f"/{i}.pdf"), tmp_path / f"{s.base[-5:]}-{i}.pdf")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=get, args=(s, i)) for s in (site, other_site) for i in range(4)]
    for t in threads:
        t.start()
    _wait_for(lambda: site.in_flight + other_site.in_flight >= 3)
    time.sleep(0.3)  # room for a request that should wait to arrive anyway
    assert site.in_flight + other_site.in_flight == 3
    assert site.in_flight <= 2 and other_site.in_flight <= 2
    gate.set()
    for t in threads:
        t.join(30)
    assert errors == [] and len(list(tmp_path.glob("*.pdf"))) == 8
    assert site.max_in_flight == 2 and other_site.max_in_flight <= 2
    assert http.requests == 8


def test_host_of_includes_the_port():
    assert host_of("https://Botkyrka.se/a") == "botkyrka.se:443"
    assert host_of("http://127.0.0.1:8080/a") != host_of("http://127.0.0.1:8081/a")


# -- TLS ------------------------------------------------------------------------------------------------
def test_a_certificate_that_does_not_verify_is_refused_at_once(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(1).not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    (tmp_path / "c.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "k.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    srv = ws.start()  # plain server object reused for its handler; wrap a TLS one beside it
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), srv.httpd.RequestHandlerClass)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(tmp_path / "c.pem", tmp_path / "k.pem")
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        srv.site.page("/p.html", "<p>hemlig</p>")
        http, sleeps = client()
        with pytest.raises(SyncError) as e:
            http.get(f"https://localhost:{httpd.server_address[1]}/p.html")
        assert "certifikat" in e.value.sv and "certificate" in e.value.en
        assert sleeps == [] and srv.site.log == []  # not retried; no request got through
    finally:
        httpd.shutdown()
        httpd.server_close()
        srv.close()
