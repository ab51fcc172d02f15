"""How much of the store is checked when it is opened (issue 15).

A full ``PRAGMA quick_check`` reads every page: 1 s and more on a store of 2,000 meetings, far too much
for each command line call. So:

- ``full``: the whole check (``botkyrka-namnd check``, the smoke test, the window's background check);
- ``cheap`` (the command line): the root page of every table and index is read (a destroyed b-tree header
  or a file that is not a database is found at once), and the full check runs instead when the last
  program that opened this store did not close it (a crash, a kill, a power loss);
- ``none``: the caller checks later (the window, on a background thread).

A program that opens the store leaves ``.store-open-<pid>-<n>`` beside it until it closes it; a marker whose
process is gone means that program did not close the store."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from pathlib import Path

from .. import log

_log = log.get("storage")

FULL, CHEAP, NONE = "full", "cheap", "none"
_PREFIX = ".store-open-"


def level(check: bool | str) -> str:
    if check is True:
        return FULL
    if check is False:
        return NONE
    if check not in (FULL, CHEAP, NONE):
        raise ValueError(f"unknown check level {check!r}")
    return str(check)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
            return True
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def unclean_shutdown(folder: Path) -> bool:
    """True when a program opened the store here and ended without closing it; its markers are removed."""
    found = False
    for marker in folder.glob(_PREFIX + "*"):
        try:
            pid = int(marker.name[len(_PREFIX) :].split("-", 1)[0])
        except ValueError:
            continue
        if not _alive(pid):
            found = True
            with contextlib.suppress(OSError):
                marker.unlink()
    return found


def mark_open(folder: Path, owner: object) -> Path | None:
    marker = folder / f"{_PREFIX}{os.getpid()}-{id(owner)}"
    try:
        marker.touch(mode=0o600)
    except OSError:  # a read-only folder: no marker, no full check on the next start either
        return None
    return marker


def mark_closed(marker: Path | None) -> None:
    if marker is not None:
        with contextlib.suppress(OSError):
            marker.unlink()


def cheap_check(conn: sqlite3.Connection) -> list[str]:
    """The root page of every table and index, read: the names of those that cannot be read."""
    bad = []
    rows = conn.execute(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master WHERE type IN ('table', 'index')"
    ).fetchall()
    for kind, name, table, ddl in rows:
        if kind == "table" and name.startswith("sqlite_"):
            continue
        quoted = '"' + str(name).replace('"', '""') + '"'
        on = '"' + str(table).replace('"', '""') + '"'
        # NOT INDEXED: the table's own b-tree (not a covering index); INDEXED BY: that index's b-tree
        if kind == "table" and ddl.upper().startswith("CREATE VIRTUAL"):
            continue  # a full-text index: its own (shadow) tables are read as tables
        if kind == "table":
            sql = f"SELECT * FROM {quoted} NOT INDEXED LIMIT 1"
        else:
            sql = f"SELECT 1 FROM {on} INDEXED BY {quoted} LIMIT 1"
        try:
            conn.execute(sql).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such index" in str(exc) or "cannot use index" in str(exc) or "no query solution" in str(exc):
                continue  # a partial or expression index that cannot drive a bare scan
            bad.append(name)
        except sqlite3.DatabaseError:
            bad.append(name)
    return bad
