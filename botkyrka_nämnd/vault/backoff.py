"""The wrong-passphrase back-off: 1, 2, 4 ... 256, then 300 s between attempts. It survives the process
(each CLI call is a new one) in a small file beside keys.json that holds the count of wrong attempts and
until when (wall clock) the next one waits: no passphrase material. ``unlock`` never sleeps: during the
back-off it is refused with the remaining seconds."""

from __future__ import annotations

import contextlib
import json
import math
import os
import time
from collections.abc import Callable
from pathlib import Path

from .. import log
from . import exceptions as ex

_log = log.get("vault")

MAX_BACKOFF_S = 300  # 1, 2, 4 ... 256, then 300 s between attempts


class Backoff:
    """``path``: where the state is kept (called when needed, so it follows the vault's folder);
    ``clock``: the monotonic clock (tests pass a fake one)."""

    def __init__(self, path: Callable[[], Path], clock: Callable[[], float]) -> None:
        self._path_of = path
        self._clock = clock
        self._failures = 0
        self._blocked_until = 0.0
        self._loaded = False

    @property
    def _path(self) -> Path:
        return self._path_of()

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        try:
            d = json.loads(self._path.read_text(encoding="utf-8"))
            failures, until = int(d.get("failures", 0)), float(d.get("until", 0.0))
        except (OSError, ValueError, TypeError, AttributeError):
            return
        self._failures = max(self._failures, min(failures, 64))
        remaining = min(until - time.time(), float(MAX_BACKOFF_S))
        if remaining > 0:
            self._blocked_until = max(self._blocked_until, self._clock() + remaining)

    def _save(self) -> None:
        try:
            if self._failures == 0:
                with contextlib.suppress(FileNotFoundError):
                    self._path.unlink()
                return
            until = time.time() + max(0.0, self._blocked_until - self._clock())
            tmp = self._path.with_name(self._path.name + ".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"failures": self._failures, "until": until}, fh)
            os.replace(tmp, self._path)
        except OSError:  # best effort: a read-only folder keeps the in-process back-off
            pass

    def remaining(self) -> float:
        self._load()
        return max(0.0, self._blocked_until - self._clock())

    def check(self) -> None:
        """Raise BackoffActive while the back-off runs."""
        remaining = self.remaining()
        if remaining > 0:
            raise ex.backoff(max(1, math.ceil(remaining)))

    def failure(self) -> int:
        """Count a wrong passphrase; returns the seconds until the next attempt."""
        self._load()
        self._failures += 1
        delay: int = min(2 ** (self._failures - 1), MAX_BACKOFF_S)  # int ** int is typed Any
        self._blocked_until = self._clock() + delay
        self._save()
        _log.warning("wrong passphrase (attempt %d); back-off %d s", self._failures, delay)
        return delay

    def reset(self) -> None:
        """The right passphrase: no back-off any more."""
        self._failures, self._blocked_until = 0, 0.0
        self._save()
