"""Process hardening at start-up (SECURITY.md §2.5 "Crash / core dumps").

No core dumps (RLIMIT_CORE = 0) and, on Linux, the process is marked non-dumpable (PR_SET_DUMPABLE 0), so
a crash or a ptrace-less memory read by another user process does not spill unlocked secret content; new
files are created 0600 (umask 077).
Best effort: a platform that lacks a call is skipped silently.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def harden_process() -> dict:
    """No core dumps, not dumpable, and files we create readable by the user only (umask 077: store.db, its
    WAL, the log, settings, exports). Called at start by the CLI, the client, the client's import process
    and the PDF text worker."""
    done = {"core_limit": False, "non_dumpable": False, "umask": False}
    try:
        import os

        os.umask(0o077)
        done["umask"] = True
    except (AttributeError, OSError):
        pass
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        done["core_limit"] = True
    except (ImportError, ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0:
                done["non_dumpable"] = True
        except OSError:
            pass
    return done


def is_dumpable() -> bool | None:
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
