"""A kommun's web page as a source: a start URL whose PDF links are the kallelser, handlingar and protokoll
of a nämnd, as most Swedish kommuner and the public portals of meeting systems publish them.

Which links count:
- only links on the configured host (and port); an ``http://`` link to the same host of an ``https://``
  page is read as ``https://``; scripts are never run (the HTML is parsed, with the standard library's
  parser through Beautiful Soup, and only ``<a href>`` and ``<base href>`` are read);
- a document is a link whose path ends in ``.pdf`` or whose ``type`` says ``application/pdf``;
- with a ``pattern`` (a regular expression searched in the absolute URL) only links it matches are
  followed: the PDFs, and the sub-pages (one level, at most :data:`MAX_PAGES`; kommuner often have a page
  per meeting) whose own PDF links count when they match too. Without a pattern: the start page's PDFs.

The listing is complete (a PDF gone from the pages is withdrawn by the engine) unless a sub-page could not
be read or the page cap cut some off: then nothing is withdrawn that time. A file's key is its absolute
URL without the fragment; it is downloaded to a name made from the key's digest, never the server's.
Each download is conditional on the ETag / Last-Modified of the copy imported before (a 304 costs no
bytes). Dates in link texts or headings are not passed on as hints: the importer lets a hint overrule the
kallelse's own cover, and a page's date may be the day it was published."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

from ... import log
from ..http import HttpClient, check_url, host_of
from ..model import Fetched, Listing, Remote, SourceConfig, SyncError, imported_before

_log = log.get("sync.web")

MAX_PAGES = 60  # sub-pages read per sync
MAX_LINKS = 5000  # documents kept per sync; a page with more is not a nämnd's page
_HTML = ("text/html", "application/xhtml+xml")
_NOT_PAGES = (  # links that are files, not pages: never fetched as sub-pages
    ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".zip", ".rtf", ".txt", ".csv",
    ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".mp3", ".mp4", ".ics", ".xml", ".json", ".css", ".js",
)  # fmt: skip


class WebSource:
    def __init__(self, config: SourceConfig):
        self.config = config
        self.start = check_url(config.location)
        self.host = host_of(self.start)
        self._https = urlsplit(self.start).scheme == "https"
        try:
            self.pattern = re.compile(config.pattern) if config.pattern else None
        except re.error:
            raise SyncError(
                "Mönstret är inget giltigt reguljärt uttryck.", "The pattern is not a valid regular expression."
            ) from None

    # -- what the pages link to -------------------------------------------------------------------------
    def listing(self, http: HttpClient) -> Listing:
        start = self._page(http, self.start)
        if start is None:
            raise SyncError("Startsidan är ingen webbsida (HTML).", "The start page is not a web page (HTML).")
        found: dict[str, Remote] = {}
        subpages: list[str] = []
        self._collect(*start, found, subpages if self.pattern else None)
        complete = True
        if len(subpages) > MAX_PAGES:
            _log.warning("web source %s: %d sub-pages, only %d read", self.config.name, len(subpages), MAX_PAGES)
            complete = False
        for url in subpages[:MAX_PAGES]:
            try:
                page = self._page(http, url)
            except SyncError as exc:  # its PDFs are unknown this time: withdraw nothing
                _log.warning("web source %s: a sub-page could not be read (%s)", self.config.name, exc.en)
                complete = False
                continue
            if page is not None:
                self._collect(*page, found, None)
        if len(found) > MAX_LINKS:
            raise SyncError(
                "Sidan länkar till orimligt många filer; ange ett mönster för nämndens filer.",
                "The page links to an unreasonable number of files; give a pattern for the body's files.",
            )
        return Listing(list(found.values()), complete=complete)

    def _page(self, http: HttpClient, url: str) -> tuple[str, Any] | None:
        """(final URL, parsed page), or None when the answer is not HTML."""
        ans = http.get(url, allowed_host=self.host)
        if ans.content_type and ans.content_type not in _HTML:
            return None
        from bs4 import BeautifulSoup

        charset = None
        for param in ans.headers.get("content-type", "").split(";")[1:]:
            name, _, value = param.strip().partition("=")
            if name.lower() == "charset" and value:
                charset = value.strip("\"' ")
        soup = BeautifulSoup(ans.content, "html.parser", from_encoding=charset)
        return ans.url, soup

    def _collect(self, page_url: str, soup: Any, found: dict[str, Remote], subpages: list[str] | None) -> None:
        base = page_url
        tag = soup.find("base", href=True)
        if tag is not None:
            candidate = self._absolute(page_url, str(tag["href"]))
            if candidate is not None:
                base = candidate
        here = urldefrag(page_url)[0]
        for a in soup.find_all("a", href=True):
            url = self._absolute(base, str(a["href"]))
            if url is None or (self.pattern is not None and not self.pattern.search(url)):
                continue
            path = urlsplit(url).path.lower()
            if path.endswith(".pdf") or str(a.get("type", "")).lower().startswith("application/pdf"):
                found.setdefault(url, Remote(key=url, location=url))
            elif subpages is not None and url != here and url not in subpages and not path.endswith(_NOT_PAGES):
                subpages.append(url)

    def _absolute(self, base: str, href: str) -> str | None:
        """The absolute URL of a link without its fragment, or None when it leaves the host or is no web
        address (``javascript:``, ``mailto:``, ``data:`` …)."""
        href = href.strip()
        if not href or href.startswith("#"):
            return None
        try:
            parts = urlsplit(urldefrag(urljoin(base, href))[0])
        except ValueError:
            return None
        if parts.scheme not in ("http", "https") or parts.username or parts.password:
            return None
        if parts.scheme == "http" and self._https and parts.port is None:
            parts = parts._replace(scheme="https")  # same host, read over TLS as the start page is
        url = urlunsplit(parts)
        try:
            check_url(url)
        except SyncError:
            return None
        return url if host_of(url) == self.host else None

    # -- one file --------------------------------------------------------------------------------------
    def staging_name(self, remote: Remote) -> str:
        return hashlib.sha256(remote.key.encode("utf-8")).hexdigest()[:24] + ".pdf"

    def fetch(self, remote: Remote, staging: Any, http: HttpClient, known: dict | None) -> Fetched:
        dest = Path(staging) / self.staging_name(remote)
        # conditional only on a copy that was imported and is current (a withdrawn file that is back is
        # fetched whole, so the engine sees it again and restores its documents)
        have = known if known and known.get("status") == "ok" and imported_before(known) else None
        ans = http.download(
            remote.location,
            dest,
            allowed_host=self.host,
            etag=have.get("etag") if have else None,
            last_modified=have.get("last_modified") if have else None,
            checksum=remote.checksum,
            size=remote.size,
        )
        if ans.status == 304:
            assert have is not None
            return Fetched(
                None, etag=ans.etag or have.get("etag"), last_modified=ans.last_modified or have.get("last_modified")
            )
        with open(dest, "rb") as fh:
            head = fh.read(1024)
        if b"%PDF-" not in head:
            dest.unlink(missing_ok=True)
            raise SyncError(
                "Länken gav ingen PDF-fil (kanske en inloggnings- eller felsida); den importeras inte.",
                "The link did not give a PDF file (perhaps a login or error page); it is not imported.",
            )
        return Fetched(dest, etag=ans.etag, last_modified=ans.last_modified)
