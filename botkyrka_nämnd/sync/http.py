"""The sync's HTTP client (httpx): the rules every request follows, in one place.

- ``https://`` only; plain ``http://`` for loopback addresses (tests, a local mirror) and nothing else; no
  user name or password in a URL (credentials live in the OS keyring); TLS verification always on, and a
  certificate that does not verify is refused at once (not retried).
- Redirects are followed by hand and only within the host (and port) the request was allowed: a redirect
  to another host is refused, and so is more than :data:`MAX_REDIRECTS` in a row.
- Every answer has a size cap (pages :data:`MAX_PAGE`, files :data:`MAX_FILE`), on the decoded bytes: a
  body longer than the cap, or endless, is cut off, refused, and nothing of it is kept.
- Conditional requests (If-None-Match / If-Modified-Since); a 304 means "not modified".
- Downloads go into a private staging folder ``<dest>.part/`` (the bytes and the validator of the answer
  that started them) and resume with ``Range`` + ``If-Range`` after a dropped connection, within the same
  call (a retry) or at the next sync; a file changed at the source meanwhile starts over. The length and
  the source's checksum are verified before ``dest`` appears, so a partial or wrong file is never visible.
- Retries with exponential back-off and jitter (``sleep`` is injectable) on timeouts, dropped connections,
  truncated bodies, 429 and 5xx answers (``Retry-After`` honoured up to the back-off cap).
- A per-host and a global limit on concurrent requests, held until the body is read or the answer closed.
- The request and byte counts (``requests``, ``bytes``) are kept for the sync's report.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import random
import shutil
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass
class Policy:
    timeout: float = 30.0  # connect, and between two reads
    retries: int = 3  # after the first attempt
    backoff: float = 0.5  # seconds before the first retry; doubled each time, with jitter
    max_backoff: float = 30.0
    per_host: int = 2
    total: int = 4
    max_page: int = MAX_PAGE
    max_file: int = MAX_FILE


@dataclass
class Answer:
    status: int  # 200 (206 for a resumed download), or 304 (not modified)
    url: str  # after redirects
    headers: dict[str, str]  # lower-case names
    content: bytes = b""

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """The URL if the sync may fetch it (https, or http on a loopback address), else SyncError."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        host = ""
        parts = urlsplit("")
    if parts.username is not None or parts.password is not None:
        raise SyncError(
            "Adressen får inte innehålla användarnamn eller lösenord.",
            "The address must not contain a user name or password.",
        )
    if parts.scheme == "https" and host:
        return url
    if parts.scheme == "http" and host and is_loopback(host):
        return url
    raise SyncError(
        "Adressen måste börja med https:// (http:// går bara för den egna datorn).",
        "The address must start with https:// (http:// only for this computer).",
    )


def host_of(url: str) -> str:
    """``host:port`` of ``url``: what "the same host" means for redirects and links."""
    p = urlsplit(url)
    return f"{(p.hostname or '').lower()}:{p.port or (443 if p.scheme == 'https' else 80)}"


_host = host_of  # the name the first sources used


class _Limits:
    """A slot for one request: first the host's (so requests queued for a busy host hold no global slot),
    then a global one."""

    def __init__(self, per_host: int, total: int):
        self._per_host = max(1, per_host)
        self._total = threading.BoundedSemaphore(max(1, total))
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            sem = self._hosts.setdefault(host, threading.BoundedSemaphore(self._per_host))
        with sem, self._total:
            yield


class _Retry(Exception):
    """A failure worth another attempt (a 5xx answer, a truncated body); ``wait`` from Retry-After."""

    def __init__(self, sv: str, en: str, wait: float | None = None, status: int | None = None):
        super().__init__(en)
        self.sv, self.en, self.wait, self.status = sv, en, wait, status


class _Exhausted(SyncError):
    """The retries ran out on a failure that may pass (a dropped connection, a 5xx): a part is resumed."""


def _too_big() -> SyncError:
    return SyncError("Svaret är för stort och hämtades inte.", "The answer is too large and was not fetched.")


def _other_host() -> SyncError:
    return SyncError(
        "Källan hänvisade till en annan webbplats; den följs inte.",
        "The source redirected to another site; it is not followed.",
    )


def _is_cert_error(exc: BaseException) -> bool:
    seen = 0
    e: BaseException | None = exc
    while e is not None and seen < 8:
        if isinstance(e, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(e):
            return True
        e = e.__cause__ or e.__context__
        seen += 1
    return False


def _retry_after(resp: httpx.Response) -> float | None:
    value = resp.headers.get("retry-after", "").strip()
    return float(value) if value.isdigit() else None


def _declared(resp: httpx.Response) -> int | None:
    value = resp.headers.get("content-length", "").strip()
    return int(value) if value.isdigit() else None


class HttpClient:
    def __init__(
        self,
        policy: Policy | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ):
        self.policy = policy or Policy()
        self._client = httpx.Client(
            timeout=self.policy.timeout,
            follow_redirects=False,
            verify=True,
            headers={"User-Agent": USER_AGENT},
            transport=transport,
            trust_env=False,  # no proxy or CA bundle from the environment
            limits=httpx.Limits(max_connections=max(1, self.policy.total)),
        )
        self._limits = _Limits(self.policy.per_host, self.policy.total)
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._count_lock = threading.Lock()
        self.requests = 0
        self.bytes = 0
        # host -> token of a source with a login: sent as "Authorization: Bearer" to that host only
        self.credentials: dict[str, str] = {}

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

    @contextmanager
    def _open(
        self, url: str, headers: dict[str, str], allowed_host: str, method: str = "GET"
    ) -> Iterator[httpx.Response]:
        """The streamed answer to ``url``, after redirects within ``allowed_host``; the request holds its
        concurrency slot until the caller is done with the body."""
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url)
            if host_of(url) != allowed_host:
                raise _other_host()
            with self._limits.slot(allowed_host):
                token = self.credentials.get(allowed_host)
                sent = {**headers, "Authorization": f"Bearer {token}"} if token else headers
                req = self._client.build_request(method, url, headers=sent)
                self._count(requests=1)
                resp = self._client.send(req, stream=True)
                try:
                    if resp.status_code in _REDIRECTS and "location" in resp.headers:
                        url = urljoin(url, resp.headers["location"].strip())
                        continue
                    yield resp
                    return
                finally:
                    resp.close()
        raise SyncError("Källan hänvisar runt i cirklar.", "The source redirects in circles.")

    def _with_retries(self, fn: Callable[[], Any]) -> Any:
        delay = self.policy.backoff
        for attempt in range(self.policy.retries + 1):
            try:
                return fn()
            except httpx.TransportError as exc:  # timeouts, refused and dropped connections, broken bodies
                if _is_cert_error(exc):
                    raise SyncError(
                        "Källans certifikat kunde inte verifieras; anslutningen avbröts.",
                        "The source's certificate could not be verified; the connection was refused.",
                    ) from None
                if isinstance(exc, httpx.TimeoutException):
                    failure = _Retry("svarar för långsamt", "answers too slowly")
                else:
                    failure = _Retry("anslutningen bröts", "the connection was lost")
            except _Retry as exc:
                failure = exc
            if attempt >= self.policy.retries:
                if failure.status is not None:
                    raise _Exhausted(
                        f"Källan svarade med ett fel (HTTP {failure.status}). Försöker igen vid nästa synkning.",
                        f"The source answered with an error (HTTP {failure.status}). Trying again at the next sync.",
                    )
                raise _Exhausted(
                    f"Källan svarar inte ({failure.sv}). Försöker igen vid nästa synkning.",
                    f"The source does not answer ({failure.en}). Trying again at the next sync.",
                )
            wait = min(self.policy.max_backoff, delay * (0.5 + self._rng.random()))
            if failure.wait is not None:
                wait = min(self.policy.max_backoff, max(wait, failure.wait))
            self._sleep(wait)
            delay *= 2
        raise AssertionError("unreachable")

    @staticmethod
    def _check_status(resp: httpx.Response) -> None:
        code = resp.status_code
        if code >= 500 or code == 429:
            raise _Retry(f"HTTP {code}", f"HTTP {code}", wait=_retry_after(resp), status=code)
        if code in (401, 403):
            raise SyncError(
                f"Källan kräver inloggning eller nekade åtkomst (HTTP {code}).",
                f"The source requires a login or refused access (HTTP {code}).",
            )
        if code in (404, 410):
            raise SyncError(
                f"Filen finns inte hos källan (HTTP {code}).", f"The file is not at the source (HTTP {code})."
            )
        if code in _REDIRECTS:
            raise SyncError("Källan hänvisade utan adress.", "The source redirected without an address.")
        raise SyncError(
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
        host = allowed_host or host_of(check_url(url))
        cap = max_bytes or self.policy.max_page
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified

        def once() -> Answer:
            with self._open(url, headers, host) as resp:
                if resp.status_code == 304 and headers:
                    return Answer(304, str(resp.url), dict(resp.headers))
                if resp.status_code != 200:
                    self._check_status(resp)
                declared = _declared(resp)
                if declared is not None and declared > cap and "content-encoding" not in resp.headers:
                    raise _too_big()
                body = bytearray()
                seen = 0
                for chunk in resp.iter_bytes():  # decoded: the cap holds for a compressed bomb too
                    body += chunk
                    self._count(resp.num_bytes_downloaded - seen)
                    seen = resp.num_bytes_downloaded
                    if len(body) > cap:
                        raise _too_big()
                if declared is not None and resp.num_bytes_downloaded != declared:
                    raise _Retry("svaret kom inte fram helt", "the answer was cut off")
                return Answer(200, str(resp.url), dict(resp.headers), bytes(body))

        return self._with_retries(once)

    def get_json(self, url: str, **kw: Any) -> Any:
        ans = self.get(url, **kw)
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
        """Fetch ``url`` into ``dest`` (a staging path chosen by the caller, never from the server).

        ``etag``/``last_modified`` (of the copy the caller has) make the request conditional: a 304 leaves
        ``dest`` unwritten. A download interrupted earlier (``dest``.part/ left by a dropped connection or
        a kill) is resumed with ``Range`` and ``If-Range`` (the validator of the answer that began it); a
        file changed since starts over. ``checksum`` ('sha256:…', 'sha512:…' or 'sha1:…'), ``size`` and
        the announced length are verified before ``dest`` appears; on any failure ``dest`` does not exist
        (the .part stays only for a resumable break, never with wrong or oversized bytes)."""
        host = allowed_host or host_of(check_url(url))
        cap = max_bytes or self.policy.max_file
        part = _Part(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.unlink(missing_ok=True)
        conditional: dict[str, str] = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified

        def once() -> Answer:
            have, validator = part.resumable()
            headers = {"Accept-Encoding": "identity"}  # byte offsets of the file itself, for Range
            if have:
                headers.update({"Range": f"bytes={have}-", "If-Range": validator})
            else:
                headers.update(conditional)
            with self._open(url, headers, host) as resp:
                code = resp.status_code
                if code == 304 and not have and conditional:
                    return Answer(304, str(resp.url), dict(resp.headers))
                if code == 416:  # our part is not a prefix of the file any more: start over
                    part.clear()
                    raise _Retry("ogiltigt intervall", "range not satisfiable")
                if code not in (200, 206):
                    self._check_status(resp)
                declared = _declared(resp)
                if code == 206:
                    start, total = _content_range(resp.headers.get("content-range", ""))
                    if not have or start != have:
                        part.clear()
                        raise _Retry("fel intervall", "wrong range")
                    expected = total if total is not None else (have + declared if declared is not None else None)
                else:
                    have = 0
                    encoded = resp.headers.get("content-encoding", "identity").lower() != "identity"
                    expected = None if encoded else declared
                    part.start(None if encoded else _validator(resp))
                if expected is not None and expected > cap:
                    part.clear()
                    raise _too_big()
                written = have
                seen = 0
                with open(part.data, "ab") as fh:
                    for chunk in resp.iter_bytes():
                        self._count(resp.num_bytes_downloaded - seen)
                        seen = resp.num_bytes_downloaded
                        written += len(chunk)
                        if written > cap:
                            fh.close()
                            part.clear()
                            raise _too_big()
                        fh.write(chunk)
                if expected is not None and written != expected:
                    raise _Retry("filen kom inte fram hel", "the file was cut off")  # resumed from the part
                return Answer(code, str(resp.url), dict(resp.headers))

        try:
            ans: Answer = self._with_retries(once)
        except SyncError as exc:
            if not isinstance(exc, _Exhausted) or not part.resumable()[0]:
                part.clear()  # kept only for a break worth resuming (not after a 404, a refusal, a cap)
            raise
        if ans.status == 304:
            part.clear()
            return ans
        try:
            verify(part.data, checksum=checksum, size=size)
        except SyncError:
            part.clear()  # wrong bytes: never resumed from
            raise
        part.data.replace(dest)
        part.clear()
        return Answer(200, ans.url, ans.headers)


def _validator(resp: httpx.Response) -> str | None:
    """What ``If-Range`` may carry for this answer: a strong ETag, else Last-Modified (RFC 9110 §13.1.5)."""
    etag = resp.headers.get("etag", "").strip()
    if etag and not etag.startswith("W/"):
        return etag
    return resp.headers.get("last-modified", "").strip() or None


def _content_range(value: str) -> tuple[int | None, int | None]:
    """(first byte, total length) of ``bytes a-b/total`` (total None for ``*``)."""
    unit, _, rest = value.strip().partition(" ")
    span, _, total = rest.partition("/")
    first = span.partition("-")[0]
    if unit != "bytes" or not first.isdigit():
        return None, None
    return int(first), int(total) if total.isdigit() else None


class _Part:
    """``<dest>.part/``: ``data`` (the bytes so far) and ``validator`` (of the answer that started them).
    A part without a validator cannot be resumed safely and is started over."""

    def __init__(self, dest: Path):
        self.dir = dest.with_name(dest.name + ".part")
        self.data = self.dir / "data"
        self._validator = self.dir / "validator"

    def resumable(self) -> tuple[int, str]:
        try:
            validator = self._validator.read_text(encoding="ascii").strip()
            have = self.data.stat().st_size
        except (OSError, UnicodeDecodeError):
            return 0, ""
        return (have, validator) if have and validator else (0, "")

    def start(self, validator: str | None) -> None:
        self.clear()
        self.dir.mkdir(mode=0o700)
        self.data.touch(mode=0o600)
        if validator and validator.isascii() and validator.isprintable() and len(validator) <= 200:
            self._validator.write_text(validator, encoding="ascii")

    def clear(self) -> None:
        if self.dir.is_dir():
            shutil.rmtree(self.dir, ignore_errors=True)
        elif self.dir.exists():
            self.dir.unlink(missing_ok=True)  # a .part file of an older layout


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
        algorithm = algorithm.lower()
        if algorithm not in ("sha1", "sha256", "sha512") or not expected:
            return
        if file_digest(path, algorithm) != expected.strip().lower():
            raise SyncError(
                "Filens kontrollsumma stämmer inte; den används inte.",
                "The file's checksum does not match; it is not used.",
            )
