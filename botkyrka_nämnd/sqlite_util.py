"""SQLite plumbing shared by the public store (``storage/``) and the vault (``vault/``), which may not
import each other (the layers contract in pyproject.toml).

- :func:`classify` tells what a low-level error means for the user (full disk, damaged file, failed write)
  from SQLite's result code (``sqlite_errorcode``/``sqlite_errorname``, set on every error the engine
  raises, by ``sqlite3`` and ``sqlcipher3`` alike) and from ``errno``, never from message text. Each
  database maps the kind onto its own Swedish/English message.
- :class:`SQLiteDatabase` is the common base of ``Store`` and ``Vault``: one connection in autocommit
  mode, explicit ``with db.transaction():`` units (BEGIN IMMEDIATE ... COMMIT, nested use joins the outer
  one), numbered migrations, checkpoint.
- :func:`split_statements` splits a schema script for the migrations.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import logging
import sqlite3
import threading
from collections.abc import Callable, Generator, Iterator, Mapping
from typing import Any, Protocol

import sqlite_utils


class Fault(enum.Enum):
    """What a failed database operation means for the user."""

    DISK_FULL = "disk_full"  # nothing was written
    CORRUPT = "corrupt"  # the file is damaged or not a database of ours
    WRITE_FAILED = "write_failed"  # an I/O error while writing: nothing was written
    SYNC_FAILED = "sync_failed"  # an fsync failed: the change may or may not be on the disk


# SQLite primary result codes (https://sqlite.org/rescode.html); the same numbers in sqlite3 and sqlcipher3
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_IOERR = 10
SQLITE_NOTADB = 26
# extended I/O codes of reading are not write failures: they stay unexpected errors (logged with traceback)
_READ_IOERR = {"SQLITE_IOERR_READ", "SQLITE_IOERR_SHORT_READ"}
_SYNC_IOERR = {"SQLITE_IOERR_FSYNC", "SQLITE_IOERR_DIR_FSYNC"}
# Errors made by the Python driver itself (not by the engine) carry no result code; for those only, the
# engine's fixed message text for the same conditions is recognised.
_TEXT_FALLBACK = {
    "database or disk is full": Fault.DISK_FULL,
    "disk is full": Fault.DISK_FULL,
    "database disk image is malformed": Fault.CORRUPT,
    "file is not a database": Fault.CORRUPT,
    "disk i/o error": Fault.WRITE_FAILED,
}


def classify(exc: BaseException) -> Fault | None:
    """The :class:`Fault` behind ``exc``, or None for an error that is not about the disk or the file
    (a bug, a constraint, a locked database: those stay what they are)."""
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return Fault.DISK_FULL
        if exc.errno in (errno.EFBIG, errno.EIO):
            return Fault.WRITE_FAILED
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        if type(exc).__name__ not in ("OperationalError", "DatabaseError"):
            return None
        text = str(exc).lower()
        return next((fault for key, fault in _TEXT_FALLBACK.items() if key in text), None)
    primary = int(code) & 0xFF
    if primary == SQLITE_FULL:
        return Fault.DISK_FULL
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return Fault.CORRUPT
    if primary == SQLITE_IOERR:
        name = str(getattr(exc, "sqlite_errorname", "") or "")
        if name in _READ_IOERR:
            return None
        return Fault.SYNC_FAILED if name in _SYNC_IOERR else Fault.WRITE_FAILED
    return None


class Connection(Protocol):
    """The part of a DB-API connection (``sqlite3`` or ``sqlcipher3``) the base uses."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...


Migration = Callable[[Any], None]


def run_migrations(
    conn: Connection,
    steps: Mapping[int, Migration],
    current: int,
    latest: int,
    *,
    what: str,
    log: logging.Logger,
    errors: type[BaseException] = sqlite3.Error,
) -> None:
    """Bring ``conn`` from schema ``current`` to ``latest``: each step and its ``user_version`` bump in one
    transaction, so a failure (a kill, a full disk) leaves the file at the last complete version."""
    for target in range(current + 1, latest + 1):
        log.info("migrating %s to schema %d", what, target)
        conn.execute("BEGIN IMMEDIATE")
        try:
            steps[target](conn)
            conn.execute(f"PRAGMA user_version={int(target)}")
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(errors):
                conn.execute("ROLLBACK")
            raise


class GuardedDatabase(sqlite_utils.Database):
    """sqlite-utils over a connection that several threads share (the window's and the background ones):
    ``query`` wraps each read in a savepoint, and two of those interleaved on one connection fail ("no such
    savepoint"). Here each query runs whole under the database's lock and then yields its rows."""

    def __init__(self, conn: Any, *, guard: threading.RLock) -> None:
        super().__init__(conn)
        self._guard = guard

    def query(self, sql: str, params: Any = None) -> Generator[dict[Any, Any], None, None]:
        with self._guard:
            rows = list(super().query(sql, params))
        yield from rows


class SQLiteDatabase:
    """Base of the store and the vault: transactions and checkpoints on one autocommit connection.

    Subclasses supply :meth:`_connection` (the open connection, or an error when there is none, e.g. a
    locked vault), :meth:`_translate` (a low-level error as the user error of this database) and
    ``_driver_error`` (the driver's base exception class)."""

    _driver_error: type[BaseException] = sqlite3.Error

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._depth = 0

    def guard(self) -> threading.RLock:
        """The connection's lock, to hold around a read outside a transaction: one connection is shared by
        the window's thread and the background ones, and sqlite-utils' read savepoints must not interleave."""
        return self._lock

    def _connection(self) -> Any:
        raise NotImplementedError

    def _translate(self, exc: BaseException) -> BaseException:
        return exc

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        """One unit of work (BEGIN IMMEDIATE ... COMMIT). Nested use joins the outer transaction; an error
        rolls the whole unit back and is raised as this database's user error when it is one."""
        with self._lock:
            conn = self._connection()
            if self._depth:
                self._depth += 1
                try:
                    yield conn
                finally:
                    self._depth -= 1
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except self._driver_error as exc:
                raise self._translate(exc) from None
            self._depth = 1
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(self._driver_error):
                    conn.execute("ROLLBACK")
                mapped = self._translate(exc)
                if mapped is not exc:
                    raise mapped from None
                raise
            finally:
                self._depth = 0

    def checkpoint(self) -> None:
        """Fold the WAL into the database file (best effort)."""
        with contextlib.suppress(self._driver_error):
            self._connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")


def split_statements(script: str) -> list[str]:
    """Split a schema script into complete statements (comments may contain ';')."""
    parts, buf = [], []
    for line in script.splitlines():
        buf.append(line)
        chunk = "\n".join(buf)
        if chunk.strip() and sqlite3.complete_statement(chunk):
            parts.append(chunk)
            buf = []
    return parts
