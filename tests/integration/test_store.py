"""The public store: pragmas, migrations from 0, refusal of a newer database, corruption detection,
backup before migrating, transaction rollback."""

import hashlib
import sqlite3

import pytest

from botkyrka_nämnd.errors import DatabaseCorrupt, DatabaseTooNew
from botkyrka_nämnd.storage import migrations
from botkyrka_nämnd.storage.db import Store
from botkyrka_nämnd.storage.settings import SettingsRepository


def sha(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_new_store_pragmas_and_schema(tmp_path):
    s = Store(tmp_path / "store.db")
    c = s.conn
    assert s.schema_version == migrations.LATEST
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert c.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"meeting", "agenda_item", "document", "section", "secret_part", "annotation"} <= set(s.db.table_names())
    s.close()


def test_refuses_database_from_newer_version(tmp_path):
    p = tmp_path / "store.db"
    Store(p).close()
    c = sqlite3.connect(p)
    c.execute(f"PRAGMA user_version={migrations.LATEST + 1}")
    c.close()
    before = sha(p)
    with pytest.raises(DatabaseTooNew) as ei:
        Store(p)
    assert "nyare version" in ei.value.sv and "newer version" in ei.value.en
    assert sha(p) == before


def test_detects_corruption_and_leaves_file_alone(tmp_path):
    p = _damaged_store(tmp_path)
    before = sha(p)
    with pytest.raises(DatabaseCorrupt):
        Store(p)
    assert sha(p) == before


def test_garbage_file_is_not_replaced(tmp_path):
    p = tmp_path / "store.db"
    p.write_bytes(b"this is not a database at all" * 100)
    before = sha(p)
    with pytest.raises(DatabaseCorrupt):
        Store(p)
    assert sha(p) == before


def test_backup_before_migration_and_atomic_migration(tmp_path, monkeypatch):
    p = tmp_path / "store.db"
    s = Store(p)
    SettingsRepository(s).set("kept", "yes")
    s.close()

    def upgrade_broken(conn):
        conn.execute("CREATE TABLE new_table(x)")
        raise RuntimeError("killed half-way")

    monkeypatch.setitem(migrations.MIGRATIONS, migrations.LATEST + 1, upgrade_broken)
    monkeypatch.setattr(migrations, "LATEST", migrations.LATEST + 1)
    with pytest.raises(RuntimeError):
        Store(p)
    backups = list((tmp_path / "backups").glob("store-pre-migration-*.db"))
    assert len(backups) == 1
    b = sqlite3.connect(backups[0])
    assert b.execute("SELECT value FROM setting WHERE key='kept'").fetchone()[0] == "yes"
    b.close()
    c = sqlite3.connect(p)
    assert c.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST - 1  # still the old version
    assert c.execute("SELECT name FROM sqlite_master WHERE name='new_table'").fetchone() is None
    c.close()


def test_transaction_rolls_back_everything(tmp_path):
    s = Store(tmp_path / "store.db")
    with pytest.raises(ValueError), s.transaction():
        s.db["setting"].insert({"key": "a", "value": "1"})
        with s.transaction():  # nested joins the outer one
            s.db["setting"].insert({"key": "b", "value": "2"})
        raise ValueError("boom")
    assert s.db["setting"].count == 0
    s.close()


def test_verify_on_a_separate_connection_detects_damage(tmp_path):
    p = tmp_path / "store.db"
    s = Store(p)
    with s.transaction():
        for i in range(300):
            s.db["setting"].insert({"key": f"k{i}", "value": "x" * 200})
    s.verify()  # a healthy store passes, while this connection stays open
    root = s.conn.execute("SELECT rootpage FROM sqlite_master WHERE name='setting'").fetchone()[0]
    page = s.conn.execute("PRAGMA page_size").fetchone()[0]
    s.close()
    late = Store(p, check=False)  # opened without the blocking check, verified afterwards
    data = bytearray(p.read_bytes())
    data[(root - 1) * page : (root - 1) * page + 8] = b"\x00" * 8
    p.write_bytes(bytes(data))
    before = sha(p)
    with pytest.raises(DatabaseCorrupt):
        late.verify()
    assert sha(p) == before


def _damaged_store(tmp_path):
    p = tmp_path / "store.db"
    s = Store(p)
    with s.transaction():
        for i in range(300):
            s.db["setting"].insert({"key": f"k{i}", "value": "x" * 200})
    root = s.conn.execute("SELECT rootpage FROM sqlite_master WHERE name='setting'").fetchone()[0]
    page = s.conn.execute("PRAGMA page_size").fetchone()[0]
    s.close()
    data = bytearray(p.read_bytes())
    off = (root - 1) * page
    data[off : off + 8] = b"\x00" * 8  # destroy the b-tree page header of the table's root page
    p.write_bytes(bytes(data))
    return p


def test_the_cheap_check_finds_a_destroyed_table_without_reading_every_page(tmp_path, monkeypatch):
    p = _damaged_store(tmp_path)
    before = sha(p)
    ran = []
    monkeypatch.setattr(Store, "quick_check", lambda self: ran.append(1))
    with pytest.raises(DatabaseCorrupt):
        Store(p, check="cheap")
    assert ran == [] and sha(p) == before
    healthy = tmp_path / "ok" / "store.db"
    healthy.parent.mkdir()
    Store(healthy).close()
    Store(healthy, check="cheap").close()
    assert ran == [] and not list(healthy.parent.glob(".store-open-*"))  # closed: no marker left


def test_after_an_unclean_shutdown_the_cheap_check_is_the_full_one(tmp_path, monkeypatch):
    p = tmp_path / "store.db"
    Store(p).close()
    (tmp_path / ".store-open-999999999-1").touch()  # a program that ended without closing the store
    ran = []
    monkeypatch.setattr(Store, "quick_check", lambda self: ran.append(1))
    s = Store(p, check="cheap")
    assert ran == [1] and not (tmp_path / ".store-open-999999999-1").exists()
    assert len(list(tmp_path.glob(".store-open-*"))) == 1  # this one's own, while it is open
    s.close()
    Store(p, check="cheap").close()
    assert ran == [1]  # closed cleanly: the next start is cheap again


def test_cli_check_reads_the_whole_store(tmp_path, seeds_dir):
    import json

    from tests.conftest import SEED_000

    from .test_cli import run

    data = tmp_path / "data"
    run(data, "import", str(seeds_dir / SEED_000))
    assert json.loads(run(data, "check", "--json").stdout) == {"store": "ok", "search_index": "ok"}
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    _damaged_store(damaged)
    out = run(damaged, "check", check=False)
    assert out.returncode == 1 and "skadad" in out.stderr
    out = run(damaged, "meetings", check=False)  # the cheap check of every command finds it too
    assert out.returncode == 1 and "skadad" in out.stderr
