"""SQLite plumbing shared by the public store (``storage/``) and the vault (``vault/``), which may not
import each other (the layers contract in pyproject.toml)."""

from __future__ import annotations

import sqlite3


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
