"""Named loggers and a rotating, redacting file log.

Loggers: ``botkyrka.<subsystem>`` (import, storage, search, vault, ui, qt, cli). Log records carry ids,
counts and error codes, never document text, titles of secret parts, passphrases or keys; the
:class:`RedactFilter` is a second line of defence that masks key-shaped hex/base64 strings.
"""

from __future__ import annotations

import logging
import logging.handlers
import re

_configured = False
ROOT = "botkyrka"

_KEYLIKE = re.compile(r"(?<![0-9A-Za-z])(?:[0-9a-fA-F]{32,}|[A-Za-z0-9+/]{40,}={0,2})(?![0-9A-Za-z])")


def get(name: str) -> logging.Logger:
    return logging.getLogger(f"{ROOT}.{name}")


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            msg = record.getMessage()
        except Exception:  # pragma: no cover
            return True
        red = _KEYLIKE.sub("[redacted]", msg)
        if red != msg:
            record.msg, record.args = red, None
        return True


def setup(log_dir=None, level: int = logging.INFO) -> None:
    """Configure the rotating file log once (idempotent)."""
    global _configured
    if _configured:
        return
    from . import paths

    d = log_dir or paths.log_dir()
    handler = logging.handlers.RotatingFileHandler(
        d / "botkyrka-namnd.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactFilter())
    root = logging.getLogger(ROOT)
    root.setLevel(level)
    root.addHandler(handler)
    root.propagate = True
    _configured = True


def reset_for_tests() -> None:
    global _configured
    root = logging.getLogger(ROOT)
    for h in list(root.handlers):
        root.removeHandler(h)
        h.close()
    _configured = False
