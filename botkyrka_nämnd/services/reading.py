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

_log = log.get("reading")

UNREAD, READ, CHANGED = "unread", "read", "changed"
LAST_POSITION = "reading.last_position"
SPILL_FILE = "reading-pending.json"  # writes still pending at quit (another process held the write lock)
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
        self._wconn: sqlite3.Connection | None = None
        self._pending: dict[str, dict] = {}  # target -> full row to upsert
        self._pending_setting: str | None = None
        self._lock = threading.RLock()
        self._spilled = False  # a file of writes left pending by an earlier run exists
        self._load_spill()

    # -- item state --------------------------------------------------------------------------------
    def item_state(self, item_id: int) -> str:
        row = self.ctx.store.conn.execute("SELECT content_hash FROM agenda_item WHERE id=?", (item_id,)).fetchone()
        if row is None:
            return UNREAD
        return _state(row[0], self._row(item_target(item_id)))

    def item_states(self, meeting_id: str) -> dict[int, str]:
        rows = self.ctx.store.conn.execute(
            """SELECT a.id, a.content_hash, r.read_at, r.content_hash FROM agenda_item a
               LEFT JOIN read_state r ON r.target = 'item:' || a.id WHERE a.meeting_id=?""",
            (meeting_id,),
        ).fetchall()
        out = {}
        for item_id, current, read_at, read_hash in rows:
            rs = self._pending.get(item_target(item_id)) or (
                {"read_at": read_at, "content_hash": read_hash} if read_at else None
            )
            out[item_id] = _state(current, rs)
        return out

    def meeting_counts(self) -> dict[str, MeetingCounts]:
        """Per meeting: numbered items, how many are unread and how many changed since read."""
        rows = self.ctx.store.conn.execute(
            """SELECT a.meeting_id, a.id, a.content_hash, r.read_at, r.content_hash FROM agenda_item a
               LEFT JOIN read_state r ON r.target = 'item:' || a.id WHERE a.ordinal IS NOT NULL"""
        ).fetchall()
        acc: dict[str, list[int]] = {}
        for meeting_id, item_id, current, read_at, read_hash in rows:
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
        row = self.ctx.store.conn.execute("SELECT content_hash FROM agenda_item WHERE id=?", (item_id,)).fetchone()
        if row is None:
            return
        old = self._row(item_target(item_id)) or {}
        self._write(
            item_target(item_id), {"read_at": now_iso(), "content_hash": row[0], "last_page": old.get("last_page")}
        )

    def mark_item_unread(self, item_id: int) -> None:
        self._write(item_target(item_id), {"read_at": None, "content_hash": None, "last_page": None})

    # -- document state ----------------------------------------------------------------------------
    def document_state(self, document_id: int) -> str:
        row = self.ctx.store.conn.execute("SELECT content_hash FROM document WHERE id=?", (document_id,)).fetchone()
        if row is None:
            return UNREAD
        own = self._row(document_target(document_id))
        if own and own.get("read_at"):
            return _state(row[0], own)
        return CHANGED if self._earlier_version_read(document_id) else UNREAD

    def mark_document_read(self, document_id: int, page: int | None = None) -> None:
        row = self.ctx.store.conn.execute("SELECT content_hash FROM document WHERE id=?", (document_id,)).fetchone()
        if row is None:
            return
        old = self._row(document_target(document_id)) or {}
        self._write(
            document_target(document_id),
            {
                "read_at": now_iso(),
                "content_hash": row[0],
                "last_page": page if page is not None else old.get("last_page"),
            },
        )

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
        h = self.ctx.store.conn.execute("SELECT content_hash FROM document WHERE id=?", (document_id,)).fetchone()
        self._write(
            document_target(document_id),
            {
                "read_at": old.get("read_at") or now_iso(),
                "content_hash": old.get("content_hash") or (h[0] if h else None),
                "last_page": int(page),
            },
        )

    def _earlier_versions(self, document_id: int) -> list[int]:
        rows = self.ctx.store.conn.execute(
            """SELECT o.id FROM document d JOIN document o ON o.item_id=d.item_id AND o.doc_key=d.doc_key AND o.version < d.version
               WHERE d.id=? ORDER BY o.version DESC""",
            (document_id,),
        ).fetchall()
        return [r[0] for r in rows]

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
        raw = self._pending_setting or self.ctx.store.get_setting(LAST_POSITION)
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
                cur = self.ctx.store.conn.execute(
                    "SELECT id FROM document WHERE item_id=? AND doc_key=? AND is_current=1",
                    (doc["item_id"], doc["doc_key"]),
                ).fetchone()
                return Position(pos.meeting_id, pos.item_id, cur[0] if cur else None, pos.page if cur else None)
        return pos

    # -- the documents of an item, for a reader --------------------------------------------------
    def documents(self, item_id: int) -> list[dict]:
        """The item's current documents with ``has_pdf``, ``state`` and ``last_page`` added."""
        docs = self.ctx.repo.documents(item_id)
        if not docs:
            return []
        ids = [d["id"] for d in docs]
        marks = ",".join("?" * len(ids))
        has_pdf = {
            r[0]: bool(r[1])
            for r in self.ctx.store.conn.execute(
                f"""SELECT d.id, f.file_type='pdf' AND (f.public_pdf IS NOT NULL OR (f.blob IS NOT NULL AND f.has_secret=0))
                    FROM document d LEFT JOIN source_file f ON f.id=d.source_file_id WHERE d.id IN ({marks})""",
                ids,
            )
        }
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
        data = self.ctx.repo.pdf_for_document(document_id)
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
        row = self.ctx.store.conn.execute(
            "SELECT read_at, content_hash, last_page FROM read_state WHERE target=?", (target,)
        ).fetchone()
        if row is None:
            return None
        return {"read_at": row[0], "content_hash": row[1], "last_page": row[2]}

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
            conn = self._writer()
            try:
                if wait_ms:
                    conn.execute(f"PRAGMA busy_timeout={int(wait_ms)}")
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:  # busy: an import holds the write lock; retry later
                return False
            finally:
                if wait_ms:
                    conn.execute(f"PRAGMA busy_timeout={_BUSY_MS}")
            try:
                for target, r in pending.items():
                    conn.execute(
                        """INSERT INTO read_state(target, read_at, content_hash, last_page) VALUES (?, ?, ?, ?)
                           ON CONFLICT(target) DO UPDATE SET read_at=excluded.read_at, content_hash=excluded.content_hash,
                           last_page=excluded.last_page""",
                        (target, r.get("read_at"), r.get("content_hash"), r.get("last_page")),
                    )
                if setting is not None:
                    conn.execute(
                        "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                        (LAST_POSITION, setting),
                    )
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                conn.execute("ROLLBACK")
                _log.warning("reading state not stored yet (%s)", type(exc).__name__)
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
        from pathlib import Path

        return Path(self.ctx.data_dir) / SPILL_FILE

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

    def _writer(self) -> sqlite3.Connection:
        if self._wconn is None:
            _ = self.ctx.store  # make sure the store exists and is migrated
            from .. import paths

            path = getattr(self.ctx.store, "path", None) or paths.store_path()
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=_BUSY_MS / 1000)
            conn.execute(f"PRAGMA busy_timeout={_BUSY_MS}")
            self._wconn = conn
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
