"""Use cases that the CLI and the UI call (no Qt)."""

from .context import AppContext

__all__ = ["AppContext"]
