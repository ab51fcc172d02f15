"""Read marks survive quit even when another process holds the store's write lock (issue 11: "a busy
reading-state flush at quit returns False and the read marks are lost").

A real store file; a second sqlite3 connection plays the import process holding ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest

from botkyrka_nämnd.paths import Paths
from botkyrka_nämnd.services.context import AppContext
from botkyrka_nämnd.services.reading import ReadingService
from tests.conftest import SEED_000


@pytest.fixture
def store_with_meeting(data_dir, seeds_dir, tmp_path):
    f = tmp_path / "k.txt"
    f.write_text((seeds_dir / SEED_000).read_text(encoding="utf-8"), encoding="utf-8")
    ctx = AppContext(data_dir)
    mid = ctx.importer.import_path(f).meeting_id
    ids = [it["id"] for it in ctx.repo.items(mid)][:3]
    ctx.close()
    return data_dir, mid, ids


def _hold_write_lock(data_dir) -> sqlite3.Connection:
    other = sqlite3.connect(str(data_dir / "store.db"), isolation_level=None, timeout=5, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def _stored(data_dir, item_id) -> bool:
    c = sqlite3.connect(str(data_dir / "store.db"))
    try:
        row = c.execute("SELECT read_at FROM read_state WHERE target=?", (f"item:{item_id}",)).fetchone()
        return bool(row and row[0])
    finally:
        c.close()


def test_quit_waits_for_a_short_import_commit(store_with_meeting):
    data_dir, _mid, ids = store_with_meeting
    ctx = AppContext(data_dir)
    reading = ReadingService(ctx)
    other = _hold_write_lock(data_dir)
    reading.mark_item_read(ids[0])
    assert reading.pending == 1  # the write lock is taken: kept in memory
    threading.Timer(0.4, lambda: other.execute("COMMIT")).start()
    assert reading.close() is True
    other.close()
    ctx.close()
    assert _stored(data_dir, ids[0])
    assert not Paths(data_dir).reading_pending.exists()


def test_read_marks_pending_at_quit_are_kept_for_the_next_start(store_with_meeting):
    data_dir, mid, ids = store_with_meeting
    ctx = AppContext(data_dir)
    reading = ReadingService(ctx)
    other = _hold_write_lock(data_dir)
    reading.mark_item_read(ids[0])
    reading.mark_item_read(ids[1])
    reading.remember(mid, ids[1])
    assert reading.close(wait_ms=100) is False  # still locked after the wait
    other.execute("ROLLBACK")
    other.close()
    ctx.close()
    spill = Paths(data_dir).reading_pending
    assert spill.exists() and oct(spill.stat().st_mode & 0o777) == "0o600"
    kept = json.loads(spill.read_text())
    assert sorted(kept["rows"]) == sorted(f"item:{i}" for i in ids[:2]) and kept["setting"]
    assert not _stored(data_dir, ids[0])

    # the next start: the marks are there at once, and stored on the first flush
    ctx = AppContext(data_dir)
    reading = ReadingService(ctx)
    try:
        assert reading.item_state(ids[0]) == "read" and reading.item_state(ids[1]) == "read"
        assert reading.item_state(ids[2]) == "unread"
        assert reading.last_position().item_id == ids[1]
        assert reading.flush() is True
        assert _stored(data_dir, ids[0]) and _stored(data_dir, ids[1])
        assert not spill.exists()
    finally:
        reading.close()
        ctx.close()


def test_a_damaged_pending_file_is_ignored(store_with_meeting):
    data_dir, _mid, ids = store_with_meeting
    Paths(data_dir).reading_pending.write_bytes(b'{"rows": {"item:1": ')
    ctx = AppContext(data_dir)
    reading = ReadingService(ctx)
    try:
        assert reading.pending == 0
        reading.mark_item_read(ids[0])
        assert reading.flush() is True and not Paths(data_dir).reading_pending.exists()
    finally:
        reading.close()
        ctx.close()
