"""The sync engine: for each source, what is new or changed is fetched into a staging folder, verified and
imported through the same importer as a manual import (so every importer rule holds: a re-issue becomes a
new version, highlights re-anchor, secret parts are sealed for the vault); a file gone at its source is
marked withdrawn, never deleted.

Order of work per file, so that a kill or a power loss at any moment leaves the store as before that file
and the next sync resumes: fetch into ``<data>/sync-staging/<source>/`` (a partial download stays there
as ``.part`` and is resumed), verify, import (one store transaction), then record the file's row in
``sync_item``. A file imported but not recorded (killed in between) is fetched again and recognised by
the importer as unchanged."""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import log
from ..errors import UserError
from ..storage.sync_state import SyncState
from .model import KINDS, Listing, Remote, SourceConfig, SourceReport, SyncError, imported_before

_log = log.get("sync")

Progress = Callable[[str, float], None]
_NAME = re.compile(r"^[\w][\w .\-åäöÅÄÖ]{0,59}$")


def state(ctx: Any) -> SyncState:
    return SyncState(ctx.store.db)


# -- sources ------------------------------------------------------------------------------------------
def add_source(ctx: Any, kind: str, name: str, location: str, pattern: str | None = None) -> SourceConfig:
    """Add a source after checking its name, kind and location (an https URL, or a folder that exists)."""
    if kind not in KINDS:
        raise SyncError(f"Okänd typ av källa: {kind}.", f"Unknown kind of source: {kind}.")
    if not _NAME.match(name or ""):
        raise SyncError(
            "Ge källan ett kort namn (bokstäver, siffror, mellanslag, punkt eller bindestreck).",
            "Give the source a short name (letters, digits, spaces, dots or hyphens).",
        )
    if kind == "folder":
        folder = Path(location).expanduser()
        if not folder.is_dir():
            raise SyncError("Mappen finns inte.", "The folder does not exist.")
        location = str(folder.resolve())
    else:
        from .http import check_url

        check_url(location)
    if pattern:
        try:
            re.compile(pattern)
        except re.error:
            raise SyncError(
                "Mönstret är inget giltigt reguljärt uttryck.", "The pattern is not a valid regular expression."
            ) from None
    st = state(ctx)
    with ctx.store.transaction():
        if st.source(name) is not None:
            raise SyncError(f"Det finns redan en källa som heter {name}.", f"There is already a source called {name}.")
        st.add_source(name, kind, location, pattern)
    return SourceConfig(name, kind, location, pattern)


def remove_source(ctx: Any, name: str) -> None:
    st = state(ctx)
    with ctx.store.transaction():
        row = st.source(name)
        if row is None or not st.remove_source(name):
            raise SyncError(f"Det finns ingen källa som heter {name}.", f"There is no source called {name}.")
    if row.get("login"):
        from .credentials import forget

        forget(ctx, name)  # (a keyring out of reach keeps it; nothing else knows it)


def sources(ctx: Any) -> list[dict]:
    return state(ctx).sources()


# -- one sync -----------------------------------------------------------------------------------------
def _staging(ctx: Any, source: str) -> Path:
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]  # never a server- or user-given name
    d = Path(ctx.paths.store).parent / "sync-staging" / digest
    d.mkdir(parents=True, exist_ok=True, mode=0o700)
    return d


def _unchanged(known: dict | None, r: Remote) -> bool:
    """The source says the file is the one imported before (no request needed)."""
    if known is None or known["status"] != "ok" or not imported_before(known):
        return False
    if r.checksum and known.get("checksum"):
        return bool(r.checksum == known["checksum"])
    if r.etag and known.get("etag"):
        return bool(r.etag == known["etag"])
    if r.last_modified and known.get("last_modified"):
        return bool(r.last_modified == known["last_modified"] and (r.size is None or r.size == known.get("size")))
    return False


def _hints(r: Remote) -> Any:
    if not r.hints:
        return None
    from ..importing.kallelse import Hints

    return Hints(**{k: v for k, v in r.hints.items() if k in ("kommun", "body", "date", "time")})


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sync_source(
    ctx: Any,
    config: SourceConfig,
    *,
    http: Any = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> SourceReport:
    from .sources import make_source

    report = SourceReport(config.name)
    say = progress or (lambda msg, frac: None)
    own_http = http is None and config.kind != "folder"
    if own_http:
        from .http import HttpClient

        http = HttpClient()
    start_requests = getattr(http, "requests", 0)
    start_bytes = getattr(http, "bytes", 0)
    st = state(ctx)
    status, error = "ok", None
    try:
        if http is not None and config.login:
            _login(ctx, config, http)
        src = make_source(config)
        say(config.name, 0.0)
        listing: Listing = src.listing(http)
        known = st.items(config.name)
        staging = _staging(ctx, config.name)
        total = max(1, len(listing.remotes))
        for n, remote in enumerate(listing.remotes):
            if cancel is not None and cancel.is_set():
                status = "cancelled"
                break
            say(remote.label(), n / total)
            _sync_one(
                ctx,
                src,
                remote,
                known.get(remote.stored_key()),
                staging,
                http,
                report,
                remote_is_folder=config.kind == "folder",
            )
        else:
            listed = {r.stored_key() for r in listing.remotes}
            gone = [Remote(k, "").stored_key() for k in listing.deleted]
            if listing.complete:
                gone += [k for k, row in known.items() if k not in listed and row["status"] == "ok"]
            for key in gone:
                if _withdraw(ctx, config.name, key):
                    report.withdrawn += 1
        if report.failed and status == "ok":
            status = "partial"
        cursor = listing.cursor if status in ("ok", "partial") and not report.failed else None
    except UserError as exc:
        status, error = "failed", exc.sv
        report.errors.append((exc.sv, exc.en))
        report.failed += 1
        cursor = None
    finally:
        report.requests = getattr(http, "requests", 0) - start_requests
        report.bytes = getattr(http, "bytes", 0) - start_bytes
        if own_http:
            http.close()
    with ctx.store.transaction():
        st.finish_source(config.name, cursor=cursor, status=status, error=error)
    say(config.name, 1.0)
    _log.info(
        "sync %s: %d new, %d changed, %d withdrawn, %d failed, %d requests",
        config.kind, report.new, report.changed, report.withdrawn, report.failed, report.requests,
    )  # fmt: skip
    return report


def _login(ctx: Any, config: SourceConfig, http: Any) -> None:
    """A source with a token (in the keyring) gets it on its own host's requests."""
    from .credentials import token
    from .http import host_of

    value = token(ctx, config.name)
    if value:
        http.credentials[host_of(config.location)] = value


def _sync_one(
    ctx: Any,
    src: Any,
    remote: Remote,
    known: dict | None,
    staging: Path,
    http: Any,
    report: SourceReport,
    *,
    remote_is_folder: bool,
) -> None:
    st = state(ctx)
    if _unchanged(known, remote):
        report.unchanged += 1
        return
    try:
        fetched = src.fetch(remote, staging, http, known)
    except UserError as exc:
        _failed(ctx, src.config.name, remote, exc, report)
        return
    if fetched.path is None:  # not modified
        report.unchanged += 1
        with ctx.store.transaction():
            st.record(
                src.config.name,
                remote.stored_key(),
                **_row(remote, fetched, known.get("sha256") if known else None),
            )
        return
    path = Path(fetched.path)
    plain: str | None
    try:
        sha = _sha256(path)
        if known is not None and known.get("sha256") == sha and known["status"] == "ok":
            report.unchanged += 1
            meeting_id, file_id, plain = known.get("meeting_id"), known.get("source_file_id"), sha
        else:
            outcome = ctx.importer.import_path(path, hints=_hints(remote), remember=remote_is_folder)
            meeting_id, file_id = outcome.meeting_id, outcome.source_file_id
            # a file with a secret part keeps no plain digest in the public store (it would let it be checked)
            plain = None if outcome.has_secret else sha
            # never imported from this source before (no row, or only failed attempts): new, else changed
            first_time = not imported_before(known)
            if outcome.status == "unchanged" and not first_time:
                report.unchanged += 1
            elif first_time and outcome.status != "updated":
                report.new += 1
                report.meetings.append(meeting_id)
            else:
                report.changed += 1
                report.meetings.append(meeting_id)
            if remote.secret_items:
                from .secret_items import lock_items

                lock_items(ctx, meeting_id, remote.secret_items)
        with ctx.store.transaction():
            if file_id is not None:
                st.restore_documents(file_id)  # (a file that came back after it was withdrawn)
            st.record(
                src.config.name, remote.stored_key(), **_row(remote, fetched, plain), meeting_id=meeting_id,
                source_file_id=file_id,
            )  # fmt: skip
    except UserError as exc:
        _failed(ctx, src.config.name, remote, exc, report)
    finally:
        if not remote_is_folder:
            path.unlink(missing_ok=True)  # the importer keeps what it needs; staging holds only partials


def _failed(ctx: Any, source: str, remote: Remote, exc: UserError, report: SourceReport) -> None:
    """The file could not be fetched or imported: counted and said; its row keeps what was imported before
    (an upsert of these columns only), so it is tried again at the next sync."""
    report.failed += 1
    report.errors.append((exc.sv, exc.en))
    with ctx.store.transaction():
        state(ctx).record(source, remote.stored_key(), location=remote.stored_location(), status="failed", error=exc.sv)


def _row(remote: Remote, fetched: Any, sha: str | None) -> dict:
    return {
        "location": remote.stored_location(),
        "etag": fetched.etag or remote.etag,
        "last_modified": fetched.last_modified or remote.last_modified,
        "size": remote.size,
        "checksum": remote.checksum,
        "sha256": sha,
    }


def _withdraw(ctx: Any, source: str, key: str) -> bool:
    st = state(ctx)
    with ctx.store.transaction():
        file_id = st.mark_withdrawn(source, key)
        if file_id is None:
            return False
        st.withdraw_documents(file_id)
    return True


def sync(
    ctx: Any,
    name: str | None = None,
    *,
    http: Any = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> list[SourceReport]:
    """Sync every source (or the one called ``name``); one source's failure does not stop the others."""
    rows = state(ctx).sources()
    if name is not None:
        rows = [r for r in rows if r["name"] == name]
        if not rows:
            raise SyncError(f"Det finns ingen källa som heter {name}.", f"There is no source called {name}.")
    return [sync_source(ctx, SourceConfig.from_row(r), http=http, progress=progress, cancel=cancel) for r in rows]
