"""The public store: sqlite-utils over SQLite (WAL, synchronous=FULL), schema migrations, repositories."""

from .db import Store, open_store

__all__ = ["Store", "open_store"]
