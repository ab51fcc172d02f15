"""The sync's HTTP client (httpx): the rules every request follows, in one place.

- ``https://`` only; plain ``http://`` for loopback addresses (tests, a local mirror) and nothing else;
  TLS verification always on.
- Redirects are followed by hand and only within the host the source was configured with: a redirect to
  another host is refused.
- Every answer has a size cap; a body longer than the cap (or endless) is cut off and refused.
- Conditional requests (If-None-Match / If-Modified-Since); a 304 means "not modified".
- Downloads go into a staging file and resume with ``Range`` after a dropped connection; the bytes are
  verified (length, the source's checksum) before the caller may use them.
- Retries with exponential back-off and jitter on timeouts, dropped connections and 5xx answers; a
  per-host and a global limit on concurrent requests.
- The request and byte counts are kept for the sync's report.
"""

from __future__ import annotations

import hashlib
import ipaddress
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from .model import SyncError

USER_AGENT = "botkyrka-namnd-sync/1"
MAX_PAGE = 20 * 1024 * 1024  # an HTML page or a JSON document
MAX_FILE = 300 * 1024 * 1024  # a PDF
MAX_REDIRECTS = 5


@dataclass
class Policy:
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5  # seconds before the first retry; doubled each time, with jitter
    per_host: int = 2
    total: int = 4
    max_page: int = MAX_PAGE
    max_file: int = MAX_FILE


@dataclass
class Answer:
    status: int  # 200, or 304 (not modified)
    url: str
    headers: dict[str, str]
    content: bytes = b""

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """The URL if the sync may fetch it (https, or http on a loopback address), else SyncError."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme == "https" and host:
        return url
    if parts.scheme == "http" and host and is_loopback(host):
        return url
    raise SyncError(
        "Adressen måste börja med https:// (http:// går bara för den egna datorn).",
        "The address must start with https:// (http:// only for this computer).",
    )


def _host(url: str) -> str:
    p = urlsplit(url)
    return f"{p.hostname}:{p.port or (443 if p.scheme == 'https' else 80)}"


class _Limits:
    def __init__(self, per_host: int, total: int):
        self._per_host = per_host
        self._total = threading.BoundedSemaphore(total)
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def __call__(self, host: str) -> Any:
        with self._lock:
            sem = self._hosts.setdefault(host, threading.BoundedSemaphore(self._per_host))
        return _Both(self._total, sem)


class _Both:
    def __init__(self, a: threading.BoundedSemaphore, b: threading.BoundedSemaphore):
        self.a, self.b = a, b

    def __enter__(self) -> None:
        self.a.acquire()
        self.b.acquire()

    def __exit__(self, *exc: object) -> None:
        self.b.release()
        self.a.release()


def _too_big(url: str) -> SyncError:
    return SyncError("Svaret är för stort och hämtades inte.", "The answer is too large and was not fetched.")


def _unreachable(detail: str) -> SyncError:
    return SyncError(
        f"Källan svarar inte ({detail}). Försöker igen vid nästa synkning.",
        f"The source does not answer ({detail}). Trying again at the next sync.",
    )


class HttpClient:
    def __init__(
        self,
        policy: Policy | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.policy = policy or Policy()
        self._client = httpx.Client(
            timeout=self.policy.timeout,
            follow_redirects=False,
            verify=True,
            headers={"User-Agent": USER_AGENT},
            transport=transport,
            trust_env=False,
        )
        self._limits = _Limits(self.policy.per_host, self.policy.total)
        self._sleep = sleep
        self._count_lock = threading.Lock()
        self.requests = 0
        self.bytes = 0

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one request, redirects within the host, retries ---------------------------------------------
    def _count(self, n_bytes: int = 0, requests: int = 0) -> None:
        with self._count_lock:
            self.bytes += n_bytes
            self.requests += requests

    def _send(self, url: str, headers: dict[str, str], allowed_host: str) -> httpx.Response:
        """Send GET (streamed), following redirects within ``allowed_host``; the caller closes it."""
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url)
            if _host(url) != allowed_host:
                raise SyncError(
                    "Källan hänvisade till en annan webbplats; den följs inte.",
                    "The source redirected to another site; it is not followed.",
                )
            with self._limits(allowed_host):
                req = self._client.build_request("GET", url, headers=headers)
                self._count(requests=1)
                resp = self._client.send(req, stream=True)
            if resp.status_code in (301, 302, 303, 307, 308) and "location" in resp.headers:
                resp.close()
                url = urljoin(url, resp.headers["location"])
                continue
            return resp
        raise SyncError("Källan hänvisar runt i cirklar.", "The source redirects in circles.")

    def _with_retries(self, fn: Callable[[], Any]) -> Any:
        delay = self.policy.backoff
        for attempt in range(self.policy.retries + 1):
            try:
                return fn()
            except (httpx.TimeoutException, httpx.TransportError, _Retry) as exc:
                if attempt >= self.policy.retries:
                    detail = exc.detail if isinstance(exc, _Retry) else type(exc).__name__
                    raise _unreachable(detail) from None
                self._sleep(delay * (0.5 + random.random()))
                delay *= 2
        raise AssertionError("unreachable")

    @staticmethod
    def _status_error(resp: httpx.Response) -> SyncError:
        code = resp.status_code
        if code in (401, 403):
            return SyncError(
                f"Källan kräver inloggning eller nekade åtkomst (HTTP {code}).",
                f"The source requires a login or refused access (HTTP {code}).",
            )
        if code == 404:
            return SyncError(
                "Filen finns inte längre hos källan (HTTP 404).", "The file is gone at the source (HTTP 404)."
            )
        return SyncError(
            f"Källan svarade med ett fel (HTTP {code}).", f"The source answered with an error (HTTP {code})."
        )

    # -- pages and JSON ----------------------------------------------------------------------------
    def get(
        self,
        url: str,
        *,
        allowed_host: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> Answer:
        """A page or JSON document, whole in memory (capped). 304 gives ``status`` 304 and no content."""
        host = allowed_host or _host(check_url(url))
        cap = max_bytes or self.policy.max_page
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified

        def once() -> Answer:
            resp = self._send(url, headers, host)
            try:
                if resp.status_code == 304:
                    return Answer(304, str(resp.url), dict(resp.headers))
                if resp.status_code >= 500:
                    raise _Retry(f"HTTP {resp.status_code}")
                if resp.status_code != 200:
                    raise self._status_error(resp)
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > cap:
                    raise _too_big(url)
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body += chunk
                    self._count(len(chunk))
                    if len(body) > cap:
                        raise _too_big(url)
                if declared and declared.isdigit() and len(body) != int(declared):
                    raise _Retry("truncated")
                return Answer(200, str(resp.url), dict(resp.headers), bytes(body))
            finally:
                resp.close()

        return self._with_retries(once)

    def get_json(self, url: str, **kw: Any) -> Any:
        ans = self.get(url, **kw)
        import json

        try:
            return json.loads(ans.content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise SyncError(
                "Källan svarade inte med giltig JSON.", "The source did not answer with valid JSON."
            ) from None

    # -- files ---------------------------------------------------------------------------------------
    def download(
        self,
        url: str,
        dest: Path,
        *,
        allowed_host: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        checksum: str | None = None,
        size: int | None = None,
        max_bytes: int | None = None,
    ) -> Answer:
        """Fetch ``url`` into ``dest`` (a staging path chosen by the caller, never from the server). A
        ``dest``.part left by an interrupted download is resumed with Range. ``checksum`` ('sha256:…',
        'sha512:…' or 'sha1:…') and ``size`` are verified before ``dest`` appears; on any failure ``dest``
        does not exist (the .part stays for the resume). 304: ``dest`` is not written."""
        host = allowed_host or _host(check_url(url))
        cap = max_bytes or self.policy.max_file
        part = dest.with_name(dest.name + ".part")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.unlink(missing_ok=True)

        def once() -> Answer:
            have = part.stat().st_size if part.exists() else 0
            headers: dict[str, str] = {}
            if have:
                headers["Range"] = f"bytes={have}-"
                if etag:
                    headers["If-Range"] = etag
            else:
                if etag:
                    headers["If-None-Match"] = etag
                if last_modified:
                    headers["If-Modified-Since"] = last_modified
            resp = self._send(url, headers, host)
            try:
                if resp.status_code == 304:
                    return Answer(304, str(resp.url), dict(resp.headers))
                if resp.status_code >= 500:
                    raise _Retry(f"HTTP {resp.status_code}")
                if resp.status_code == 416:  # our part is already whole (or stale): start over
                    part.unlink(missing_ok=True)
                    raise _Retry("range")
                if resp.status_code not in (200, 206):
                    raise self._status_error(resp)
                mode = "ab" if resp.status_code == 206 else "wb"
                declared = resp.headers.get("content-length")
                expected = int(declared) + (have if mode == "ab" else 0) if declared and declared.isdigit() else None
                if (expected or 0) > cap:
                    raise _too_big(url)
                written = have if mode == "ab" else 0
                with open(part, mode) as fh:
                    for chunk in resp.iter_bytes():
                        written += len(chunk)
                        self._count(len(chunk))
                        if written > cap:
                            fh.close()
                            part.unlink(missing_ok=True)
                            raise _too_big(url)
                        fh.write(chunk)
                if expected is not None and written != expected:
                    raise _Retry("truncated")
                return Answer(resp.status_code, str(resp.url), dict(resp.headers))
            finally:
                resp.close()

        ans = self._with_retries(once)
        if ans.status == 304:
            part.unlink(missing_ok=True)
            return ans
        try:
            verify(part, checksum=checksum, size=size)
        except SyncError:
            part.unlink(missing_ok=True)  # wrong bytes: never resumed from
            raise
        part.replace(dest)
        return ans


class _Retry(Exception):
    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


def file_digest(path: Path, algorithm: str = "sha256") -> str:
    h = hashlib.new(algorithm)
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify(path: Path, *, checksum: str | None = None, size: int | None = None) -> None:
    """SyncError unless ``path`` has ``size`` bytes and the ``checksum`` ('sha512:hex' …) given."""
    if size is not None and path.stat().st_size != size:
        raise SyncError(
            "Filen kom inte fram hel (fel storlek); den används inte.",
            "The file did not arrive whole (wrong size); it is not used.",
        )
    if checksum:
        algorithm, _, expected = checksum.partition(":")
        if algorithm not in ("sha1", "sha256", "sha512") or not expected:
            return
        if file_digest(path, algorithm) != expected.lower():
            raise SyncError(
                "Filens kontrollsumma stämmer inte; den används inte.",
                "The file's checksum does not match; it is not used.",
            )
