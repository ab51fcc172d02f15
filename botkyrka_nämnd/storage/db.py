"""Opening the public store: pragmas, integrity check, migrations, backups.

WAL, synchronous=FULL, foreign keys on, temp_store=MEMORY. The connection runs in autocommit mode and
every unit of work is an explicit ``with store.transaction():`` (BEGIN IMMEDIATE ... COMMIT), so one
imported document or one saved annotation is one transaction.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from .. import log
from ..errors import DatabaseCorrupt, DatabaseMissing, DatabaseTooNew, DiskFull, DiskWriteError, UserError
from ..sqlite_util import Fault, GuardedDatabase, SQLiteDatabase, classify, run_migrations
from . import integrity, migrations

_log = log.get("storage")


def now_iso() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=5.0)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")
    conn.execute("PRAGMA temp_store=MEMORY")
    return conn


_DISK_FULL_SV = "Disken är full: inget sparades. Frigör utrymme och försök igen."
_DISK_FULL_EN = "The disk is full: nothing was saved. Free some space and try again."
_NEARLY_FULL = 1 << 20  # bytes free below which a failed write is taken for a full disk


def translate_error(exc: BaseException, path: Path | None = None) -> BaseException:
    """Map low-level storage errors onto user errors with a Swedish/English message. ``path`` (the database)
    lets an I/O error on a disk with (nearly) no space left be told as a full disk: SQLite reports ENOSPC
    as "disk is full" only on the database and journal files, and as an I/O error when e.g. the -shm file
    cannot be created."""
    mapped = _translate(exc)
    if isinstance(mapped, DiskWriteError) and path is not None:
        try:
            if shutil.disk_usage(Path(path).parent).free < _NEARLY_FULL:
                return DiskFull(_DISK_FULL_SV, _DISK_FULL_EN)
        except OSError:
            pass
    return mapped


def _translate(exc: BaseException) -> BaseException:
    fault = classify(exc)
    if fault is Fault.DISK_FULL:
        return DiskFull(_DISK_FULL_SV, _DISK_FULL_EN)
    if fault is Fault.CORRUPT:
        return DatabaseCorrupt(
            "Databasen är skadad. Den har inte ändrats; återställ från en säkerhetskopia.",
            "The database is damaged. It was not changed; restore it from a backup.",
        )
    if fault is Fault.SYNC_FAILED:  # the data may or may not have reached the disk
        return DiskWriteError(
            "Kunde inte skriva till disken (in- eller utmatningsfel): det är osäkert om ändringen sparades. "
            "Kontrollera disken och försök igen.",
            "Could not write to the disk (I/O error): the change may not have been saved. Check the disk and "
            "try again.",
        )
    if fault is Fault.WRITE_FAILED:
        return DiskWriteError(_WRITE_SV, _WRITE_EN)
    return exc


_WRITE_SV = (
    "Kunde inte skriva till disken (in- eller utmatningsfel): inget sparades. Kontrollera disken, "
    "lagringsplatsen och ledigt utrymme och försök igen."
)
_WRITE_EN = (
    "Could not write to the disk (I/O error): nothing was saved. Check the disk, the storage location and "
    "the free space and try again."
)


class Store(SQLiteDatabase):
    """The public store (``store.db``)."""

    def __init__(self, path: Path, *, check: bool | str = True):
        """``check``: True / 'full', 'cheap' or False / 'none' (``storage.integrity``)."""
        super().__init__()
        self.path = Path(path)
        self._marker: Path | None = None
        existed = self.path.exists() and self.path.stat().st_size > 0
        if not existed and (self.path.parent / "keys.json").exists():
            # A vault lives here, so this folder had a store: a missing or 0-byte store.db is damage (a
            # failed copy, a sync tool, a slip), and an empty new store would hide it. Refuse; change nothing.
            _log.error(
                "store.db is %s next to an existing vault: refused", "empty" if self.path.exists() else "missing"
            )
            raise DatabaseMissing(
                "Databasen (store.db) saknas eller är tom, men valvet finns kvar i samma mapp. Inget har ändrats. "
                "Återställ store.db från en säkerhetskopia (mappen backups), eller flytta hela datamappen åt sidan "
                "för att börja om.",
                "The database (store.db) is missing or empty, but the vault is still in the same folder. Nothing "
                "was changed. Restore store.db from a backup (the backups folder), or move the whole data folder "
                "aside to start over.",
            )
        try:
            self.conn = _connect(self.path)
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise translate_error(exc, self.path) from None
        if version > migrations.LATEST:
            self.conn.close()
            raise DatabaseTooNew(
                f"Databasen är skapad av en nyare version av programmet (schema {version}, detta program kan {migrations.LATEST}). Uppdatera programmet; filen har inte ändrats.",
                f"The database was created by a newer version of the program (schema {version}, this program knows {migrations.LATEST}). Update the program; the file was not changed.",
            )
        how = integrity.level(check)
        crashed = existed and integrity.unclean_shutdown(self.path.parent)
        if existed and (how == integrity.FULL or (how == integrity.CHEAP and crashed)):
            if crashed:
                _log.info("the store was not closed last time: full check")
            self.quick_check()
        elif existed and how == integrity.CHEAP:
            bad = integrity.cheap_check(self.conn)
            if bad:
                self.conn.close()
                _log.error("cheap check failed: %d tables or indexes unreadable", len(bad))
                raise _damaged()
        self._marker = integrity.mark_open(self.path.parent, self)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        if version < migrations.LATEST:
            if existed and version > 0:
                self.backup(f"pre-migration-v{version}")
            self._migrate(version)
        self.db = GuardedDatabase(self.conn, guard=self._lock)

    # -- integrity ---------------------------------------------------------------------------------
    def quick_check(self) -> None:
        try:
            rows = self.conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as exc:
            raise translate_error(exc) from None
        if rows != [("ok",)]:
            _log.error("quick_check failed: %d problems", len(rows))
            raise _damaged()

    def verify(self) -> None:
        """``PRAGMA quick_check`` on a separate read connection, so it can run on a background thread while
        the program is already usable (1.3 s for a 940 MB store of 2,000 meetings). Raises
        DatabaseCorrupt like :meth:`quick_check`; never changes the file."""
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5.0)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as exc:
            raise translate_error(exc) from None
        finally:
            conn.close()
        if rows != [("ok",)]:
            _log.error("quick_check failed: %d problems", len(rows))
            raise _damaged()

    # -- migrations --------------------------------------------------------------------------------
    def _migrate(self, current: int) -> None:
        run_migrations(self.conn, migrations.MIGRATIONS, current, migrations.LATEST, what="store", log=_log)

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # -- transactions (SQLiteDatabase.transaction) ------------------------------------------------
    def _connection(self) -> sqlite3.Connection:
        return self.conn

    def _translate(self, exc: BaseException) -> BaseException:
        return translate_error(exc, self.path)

    @contextlib.contextmanager
    def secure_delete(self) -> Iterator[None]:
        """Within the block, deleted content is overwritten with zeros on disk (``PRAGMA secure_delete``)."""
        self.conn.execute("PRAGMA secure_delete=ON")
        try:
            yield
        finally:
            self.conn.execute("PRAGMA secure_delete=OFF")

    # -- backups -----------------------------------------------------------------------------------
    def backup(self, label: str) -> Path:
        dest_dir = self.path.parent / "backups"
        dest_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = dest_dir / f"store-{label}-{stamp}.db"
        # written under a temporary name and renamed when complete: a kill or a full disk half-way never
        # leaves a file that looks like a good backup
        tmp = dest_dir / f".{dest.name}.{os.getpid()}.partial"
        try:
            target = sqlite3.connect(str(tmp))
            try:
                self.conn.backup(target)
            finally:
                target.close()
            tmp.chmod(0o600)
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, dest)
        except BaseException:
            for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            raise
        _log.info("backup written (%s)", label)
        return dest

    def close(self) -> None:
        self.checkpoint()
        self.conn.close()
        integrity.mark_closed(self._marker)
        self._marker = None


def _damaged() -> DatabaseCorrupt:
    return DatabaseCorrupt(
        "Databasen är skadad. Den har inte ändrats; återställ från en säkerhetskopia.",
        "The database is damaged. It was not changed; restore it from a backup.",
    )


def open_store(path: Path | None = None, *, check: bool | str = True) -> Store:
    from .. import paths

    path = path or paths.store_path()
    try:
        return Store(path, check=check)
    except (sqlite3.DatabaseError, OSError) as exc:
        mapped = translate_error(exc, path)
        if isinstance(mapped, UserError):  # damaged, too new, or no room/no write for the pre-migration backup
            raise mapped from None
        raise
