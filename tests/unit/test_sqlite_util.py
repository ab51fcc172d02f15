"""The SQLite plumbing shared by the store and the vault: errors told by SQLite's result code (the same for
sqlite3 and sqlcipher3), migrations one transaction per step, nested transactions."""

from __future__ import annotations

import errno
import logging
import sqlite3

import pytest
import sqlcipher3

from botkyrka_nämnd.sqlite_util import Fault, SQLiteDatabase, classify, run_migrations

DRIVERS = [sqlite3, sqlcipher3]


def _full_error(driver, tmp_path):
    conn = driver.connect(str(tmp_path / f"full-{driver.__name__}.db"))
    conn.execute("CREATE TABLE t(x)")
    conn.execute("PRAGMA max_page_count=3")  # the engine's own SQLITE_FULL, like a disk with no room
    with pytest.raises(driver.OperationalError) as info:
        for _ in range(100):
            conn.execute("INSERT INTO t VALUES (randomblob(4000))")
    conn.close()
    return info.value


@pytest.mark.parametrize("driver", DRIVERS, ids=lambda d: d.__name__)
def test_a_full_database_is_told_by_its_result_code(driver, tmp_path):
    exc = _full_error(driver, tmp_path)
    assert exc.sqlite_errorcode == 13
    assert classify(exc) is Fault.DISK_FULL
    exc.args = ("some other wording of a later SQLite",)  # the code decides, not the text
    assert classify(exc) is Fault.DISK_FULL


@pytest.mark.parametrize("driver", DRIVERS, ids=lambda d: d.__name__)
def test_a_file_that_is_not_a_database_is_corrupt(driver, tmp_path):
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not a database file at all" * 200)
    conn = driver.connect(str(path))
    with pytest.raises(driver.DatabaseError) as info:
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()
    assert info.value.sqlite_errorcode == 26
    assert classify(info.value) is Fault.CORRUPT


@pytest.mark.parametrize("driver", DRIVERS, ids=lambda d: d.__name__)
def test_errors_of_the_program_are_not_disk_faults(driver):
    conn = driver.connect(":memory:")
    conn.execute("CREATE TABLE t(x UNIQUE)")
    conn.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(driver.IntegrityError) as dup:
        conn.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(driver.OperationalError) as missing:
        conn.execute("SELECT * FROM no_such_table")
    assert classify(dup.value) is None and classify(missing.value) is None


def test_io_errors_by_extended_code():
    def ioerr(name: str) -> sqlite3.OperationalError:
        exc = sqlite3.OperationalError("disk I/O error")
        exc.sqlite_errorcode = getattr(sqlite3, name)
        exc.sqlite_errorname = name
        return exc

    assert classify(ioerr("SQLITE_IOERR_WRITE")) is Fault.WRITE_FAILED
    assert classify(ioerr("SQLITE_IOERR_FSYNC")) is Fault.SYNC_FAILED
    assert classify(ioerr("SQLITE_IOERR_READ")) is None  # reading: an unexpected error, not a failed write
    assert classify(OSError(errno.ENOSPC, "No space left on device")) is Fault.DISK_FULL
    assert classify(OSError(errno.EIO, "Input/output error")) is Fault.WRITE_FAILED
    assert classify(OSError(errno.ENOENT, "No such file")) is None
    assert classify(ValueError("database or disk is full")) is None  # not a database error at all


def test_a_failed_migration_step_leaves_the_last_complete_version(tmp_path):
    conn = sqlite3.connect(str(tmp_path / "m.db"), isolation_level=None)

    def step1(c):
        c.execute("CREATE TABLE a(x)")

    def step2(c):
        c.execute("CREATE TABLE b(x)")
        raise RuntimeError("killed half-way")

    with pytest.raises(RuntimeError):
        run_migrations(conn, {1: step1, 2: step2}, 0, 2, what="test", log=logging.getLogger("t"))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"a"}


class _Db(SQLiteDatabase):
    def __init__(self, conn):
        super().__init__()
        self.conn = conn

    def _connection(self):
        return self.conn

    def _translate(self, exc):
        return RuntimeError("translated") if classify(exc) is Fault.DISK_FULL else exc


def test_nested_transactions_join_and_a_failure_rolls_all_back(tmp_path):
    conn = sqlite3.connect(str(tmp_path / "t.db"), isolation_level=None)
    conn.execute("CREATE TABLE t(x)")
    db = _Db(conn)
    with pytest.raises(KeyError), db.transaction():
        conn.execute("INSERT INTO t VALUES (1)")
        with db.transaction():
            conn.execute("INSERT INTO t VALUES (2)")
        raise KeyError("after the inner unit")
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0
    with db.transaction(), db.transaction():
        conn.execute("INSERT INTO t VALUES (3)")
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1
    conn.execute("PRAGMA max_page_count=" + str(conn.execute("PRAGMA page_count").fetchone()[0]))
    with pytest.raises(RuntimeError, match="translated"), db.transaction():
        for _ in range(50):
            conn.execute("INSERT INTO t VALUES (randomblob(4000))")
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1


def _interleaved(make_db) -> list[BaseException]:
    """Another thread's transaction let in right after a query's savepoint began (what the scheduler does now
    and then on a connection the window and a background thread share)."""
    import threading

    raw = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    raw.execute("CREATE TABLE t(x)")
    base = _Db(raw)
    errors: list[BaseException] = []
    writers: list[threading.Thread] = []

    def write() -> None:
        try:
            with base.transaction():
                raw.execute("INSERT INTO t VALUES (1)")
        except BaseException as exc:  # collected for the assert
            errors.append(exc)

    class Interleaving:  # the shared connection, with the other thread's turn right after SAVEPOINT
        def execute(self, sql, *args):
            cur = raw.execute(sql, *args)
            if sql.startswith('SAVEPOINT "sqlite_utils_query"') and not writers:
                t = threading.Thread(target=write)
                writers.append(t)
                t.start()
                t.join(0.3)  # a guarded query holds the lock: the writer waits for it
            return cur

        def __getattr__(self, name):
            return getattr(raw, name)

    db = make_db(Interleaving(), base.guard())
    try:
        list(db.query("SELECT x FROM t"))
    except BaseException as exc:
        errors.append(exc)
    for t in writers:
        t.join()
    assert writers, "the query ran in a savepoint"
    return errors


def test_a_query_and_another_threads_transaction_do_not_interleave():
    """sqlite-utils runs each query in a savepoint; another thread's transaction in between breaks it
    ("no such savepoint", seen in the vault under load). The guarded database runs the query under the
    database's lock, so the transaction waits for it."""
    import sqlite_utils

    from botkyrka_nämnd.sqlite_util import GuardedDatabase

    assert _interleaved(lambda conn, guard: GuardedDatabase(conn, guard=guard)) == []
    assert _interleaved(lambda conn, guard: sqlite_utils.Database(conn))  # plain sqlite-utils: an error
