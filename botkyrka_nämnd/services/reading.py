"""Reading state: what the member has read, where they stopped, and what changed since they read it.

State lives in the public store's ``read_state`` table (no document text, only ids, hashes and page
numbers):

- ``item:<id>``: the item was read; ``content_hash`` is the item's hash at that moment, so a re-issued
  kallelse that changes the item makes it *changed since read*;
- ``document:<id>``: the document version was opened; ``last_page`` is the page (1-based, within the
  document) where the member stopped. A re-issued document is a new row (a new id): it counts as
  *changed* when an earlier version of it was read, and it inherits the earlier version's last page.

"Continue where I stopped" is one setting (``reading.last_position``): meeting, item, document and page.

Writes go through a connection of their own with a short busy timeout. When another process holds the
write lock (an import running in a worker process), the write is kept pending in memory and retried by
:meth:`ReadingService.flush`, so a caller on the UI thread never waits for an import to commit. Reads
merge the pending writes, so the state seen by the caller is always the newest.
"""

from __future__ import annotations

import io
import json
import sqlite3
import threading
from dataclasses import dataclass

from .. import log
from ..storage.db import now_iso
from ..storage.reading import ReadingRepository, ReadingWriter

_log = log.get("reading")

UNREAD, READ, CHANGED = "unread", "read", "changed"
LAST_POSITION = "reading.last_position"

_BUSY_MS = 20


@dataclass(frozen=True)
class MeetingCounts:
    total: int
    unread: int
    changed: int


@dataclass(frozen=True)
class Position:
    meeting_id: str
    item_id: int
    document_id: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class DocumentPdf:
    """The PDF pages of one document: ``data`` holds only the document's page range of the file."""

    data: bytes
    first_page: int  # the page in the source file that is page 1 of ``data``
    page_count: int


def item_target(item_id: int) -> str:
    return f"item:{int(item_id)}"


def document_target(document_id: int) -> str:
    return f"document:{int(document_id)}"


class ReadingService:
    def __init__(self, ctx):
        self.ctx = ctx
        self._wconn: ReadingWriter | None = None
        self._pending: dict[str, dict] = {}  # target -> full row to upsert
        self._pending_setting: str | None = None
        self._lock = threading.RLock()
        self._spilled = False  # a file of writes left pending by an earlier run exists
        self._load_spill()

    @property
    def _repo(self) -> ReadingRepository:
        return self.ctx.reading_state

    # -- item state --------------------------------------------------------------------------------
    def item_state(self, item_id: int) -> str:
        current = self._repo.item_hash(item_id)
        if current is None:
            return UNREAD
        return _state(current, self._row(item_target(item_id)))

    def item_states(self, meeting_id: str) -> dict[int, str]:
        out = {}
        for _meeting, item_id, current, read_at, read_hash in self._repo.item_rows(meeting_id):
            rs = self._pending.get(item_target(item_id)) or (
                {"read_at": read_at, "content_hash": read_hash} if read_at else None
            )
            out[item_id] = _state(current, rs)
        return out

    def meeting_counts(self) -> dict[str, MeetingCounts]:
        """Per meeting: numbered items, how many are unread and how many changed since read."""
        acc: dict[str, list[int]] = {}
        for meeting_id, item_id, current, read_at, read_hash in self._repo.item_rows():
            rs = self._pending.get(item_target(item_id)) or (
                {"read_at": read_at, "content_hash": read_hash} if read_at else None
            )
            st = _state(current, rs)
            c = acc.setdefault(meeting_id, [0, 0, 0])
            c[0] += 1
            c[1] += st == UNREAD
            c[2] += st == CHANGED
        return {m: MeetingCounts(*c) for m, c in acc.items()}

    def mark_item_read(self, item_id: int) -> None:
        current = self._repo.item_hash(item_id)
        if current is None:
            return
        old = self._row(item_target(item_id)) or {}
        self._write(
            item_target(item_id), {"read_at": now_iso(), "content_hash": current, "last_page": old.get("last_page")}
        )

    def mark_item_unread(self, item_id: int) -> None:
        self._write(item_target(item_id), {"read_at": None, "content_hash": None, "last_page": None})

    # -- document state ----------------------------------------------------------------------------
    def document_state(self, document_id: int) -> str:
        current = self._repo.document_hash(document_id)
        if current is None:
            return UNREAD
        own = self._row(document_target(document_id))
        if own and own.get("read_at"):
            return _state(current, own)
        return CHANGED if self._earlier_version_read(document_id) else UNREAD

    def mark_document_read(self, document_id: int, page: int | None = None) -> None:
        current = self._repo.document_hash(document_id)
        if current is None:
            return
        old = self._row(document_target(document_id)) or {}
        self._write(
            document_target(document_id),
            {
                "read_at": now_iso(),
                "content_hash": current,
                "last_page": page if page is not None else old.get("last_page"),
            },
        )

    def was_read(self, document_id: int) -> bool:
        """Whether the member read this version of the document (a mark not stored yet counts)."""
        return bool((self._row(document_target(document_id)) or {}).get("read_at"))

    def last_page(self, document_id: int) -> int | None:
        """The page (1-based within the document) where the member stopped, or None."""
        own = self._row(document_target(document_id))
        if own and own.get("last_page"):
            return int(own["last_page"])
        for earlier in self._earlier_versions(document_id):
            rs = self._row(document_target(earlier))
            if rs and rs.get("last_page"):
                return int(rs["last_page"])
        return None

    def set_last_page(self, document_id: int, page: int) -> None:
        old = self._row(document_target(document_id)) or {}
        if old.get("last_page") == page and old.get("read_at"):
            return
        self._write(
            document_target(document_id),
            {
                "read_at": old.get("read_at") or now_iso(),
                "content_hash": old.get("content_hash") or self._repo.document_hash(document_id),
                "last_page": int(page),
            },
        )

    def _earlier_versions(self, document_id: int) -> list[int]:
        return self._repo.earlier_versions(document_id)

    def _earlier_version_read(self, document_id: int) -> bool:
        return any((self._row(document_target(o)) or {}).get("read_at") for o in self._earlier_versions(document_id))

    # -- continue where I stopped -----------------------------------------------------------------
    def remember(self, meeting_id: str, item_id: int, document_id: int | None = None, page: int | None = None) -> None:
        value = json.dumps({"meeting_id": meeting_id, "item_id": item_id, "document_id": document_id, "page": page})
        with self._lock:
            self._pending_setting = value
        self.flush()

    def last_position(self) -> Position | None:
        """Where the member stopped, if that item (and document) still exist."""
        raw = self._pending_setting or self.ctx.settings.get(LAST_POSITION)
        if not raw:
            return None
        try:
            d = json.loads(raw)
            pos = Position(str(d["meeting_id"]), int(d["item_id"]), d.get("document_id"), d.get("page"))
        except (ValueError, KeyError, TypeError):
            return None
        item = self.ctx.repo.item_by_id(pos.item_id)
        if item is None or item["meeting_id"] != pos.meeting_id:
            return None
        if pos.document_id is not None:
            doc = self.ctx.repo.document(pos.document_id)
            if doc is None or doc["item_id"] != pos.item_id:
                return Position(pos.meeting_id, pos.item_id)
            if not doc["is_current"]:  # re-issued since: continue in the current version
                cur = self._repo.current_version(doc["item_id"], doc["doc_key"])
                return Position(pos.meeting_id, pos.item_id, cur, pos.page if cur else None)
        return pos

    # -- the documents of an item, for a reader --------------------------------------------------
    def documents(self, item_id: int) -> list[dict]:
        """The item's current documents with ``has_pdf``, ``state`` and ``last_page`` added."""
        docs = self.ctx.repo.documents(item_id)
        if not docs:
            return []
        has_pdf = self._repo.has_pdf([d["id"] for d in docs])
        for d in docs:
            d["has_pdf"] = has_pdf.get(d["id"], False)
            d["state"] = self.document_state(d["id"])
            d["last_page"] = self.last_page(d["id"])
        return docs

    # -- the PDF pages of a document ---------------------------------------------------------------
    def document_pdf(self, document_id: int) -> DocumentPdf | None:
        """The document's own pages as a PDF (the public copy: secret pages are already replaced), or None
        when the document has no PDF (imported from text)."""
        doc = self.ctx.repo.document(document_id)
        if doc is None:
            return None
        data = self.ctx.source_files.pdf_for_document(document_id)
        if data is None:
            return None
        import pypdfium2 as pdfium

        src = pdfium.PdfDocument(data)
        try:
            n = len(src)
            start = max(1, min(int(doc["page_start"] or 1), n))
            end = max(start, min(int(doc["page_end"] or n), n))
            if start == 1 and end == n:
                return DocumentPdf(bytes(data), 1, n)
            dst = pdfium.PdfDocument.new()
            try:
                dst.import_pages(src, list(range(start - 1, end)))
                buf = io.BytesIO()
                dst.save(buf)
            finally:
                dst.close()
            return DocumentPdf(buf.getvalue(), start, end - start + 1)
        finally:
            src.close()

    # -- storage -----------------------------------------------------------------------------------
    def _row(self, target: str) -> dict | None:
        with self._lock:
            if target in self._pending:
                return dict(self._pending[target])
        return self._repo.row(target)

    def _write(self, target: str, row: dict) -> None:
        with self._lock:
            self._pending[target] = row
        self.flush()

    @property
    def pending(self) -> int:
        """Writes not yet stored (another process held the write lock)."""
        return len(self._pending) + (self._pending_setting is not None)

    def flush(self, *, wait_ms: int = 0) -> bool:
        """Store pending writes; True when nothing is left pending. Waits at most ``wait_ms`` (default: a
        few ms, so that the UI thread never waits for an import to commit)."""
        with self._lock:
            if not self._pending and self._pending_setting is None:
                self._drop_spill()
                return True
            pending, setting = dict(self._pending), self._pending_setting
            try:
                stored = self._writer().store(
                    pending, {LAST_POSITION: setting} if setting is not None else {}, wait_ms=wait_ms
                )
            except sqlite3.Error as exc:
                _log.warning("reading state not stored yet (%s)", type(exc).__name__)
                return False
            if not stored:  # busy: an import holds the write lock; retry later
                return False
            for target, r in pending.items():
                if self._pending.get(target) is r:
                    del self._pending[target]
            if self._pending_setting is setting:
                self._pending_setting = None
            done = not self._pending and self._pending_setting is None
            if done:
                self._drop_spill()
            return done

    # -- pending writes that outlive the process -------------------------------------------------------
    def _spill_path(self):
        return self.ctx.paths.reading_pending

    def _spill(self) -> None:
        """Keep the writes still pending at quit in a file beside the store (ids, hashes and pages only: no
        text), so that the read marks survive; the next start stores them."""
        import os

        path = self._spill_path()
        data = json.dumps({"rows": self._pending, "setting": self._pending_setting}).encode()
        tmp = path.with_name(path.name + ".tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
            _log.info("reading state: %d pending writes kept for the next start", self.pending)
        except OSError as exc:
            _log.error("reading state could not be kept (%s)", type(exc).__name__)

    def _load_spill(self) -> None:
        path = self._spill_path()
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            _log.warning("pending reading state unreadable (%s); ignored", type(exc).__name__)
            return
        self._spilled = True
        try:
            data = json.loads(raw)
        except ValueError as exc:
            _log.warning("pending reading state unreadable (%s); ignored", type(exc).__name__)
            return
        rows = data.get("rows") if isinstance(data, dict) else None
        if isinstance(rows, dict):
            for target, row in rows.items():
                if isinstance(target, str) and isinstance(row, dict):
                    self._pending.setdefault(target, {k: row.get(k) for k in ("read_at", "content_hash", "last_page")})
        if isinstance(data, dict) and isinstance(data.get("setting"), str) and self._pending_setting is None:
            self._pending_setting = data["setting"]

    def _drop_spill(self) -> None:
        if self._spilled:
            self._spill_path().unlink(missing_ok=True)
            self._spilled = False

    def _writer(self) -> ReadingWriter:
        if self._wconn is None:
            self._wconn = ReadingWriter(self.ctx.store.path, _BUSY_MS)  # the store exists and is migrated
        return self._wconn

    def close(self, *, wait_ms: int = 5000) -> bool:
        """At quit: store what is pending, waiting up to ``wait_ms`` for another writer (an import) to
        finish; what still cannot be stored is kept in a file for the next start. True when stored."""
        done = self.flush(wait_ms=wait_ms)
        if not done:
            with self._lock:
                self._spill()
        with self._lock:
            if self._wconn is not None:
                self._wconn.close()
                self._wconn = None
        return done


def _state(current_hash: str | None, rs: dict | None) -> str:
    if not rs or not rs.get("read_at"):
        return UNREAD
    if current_hash and rs.get("content_hash") and rs["content_hash"] != current_hash:
        return CHANGED
    return READ
