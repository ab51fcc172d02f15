"""The kinds of source a sync reads. Each has ``listing(http) -> Listing`` (what the source holds now) and
``fetch(remote, staging, http, known) -> Fetched`` (one file into the staging folder, or "not modified")."""

from __future__ import annotations

from typing import Any, Protocol

from ..model import Fetched, Listing, Remote, SourceConfig, SyncError


class Source(Protocol):
    config: SourceConfig

    def listing(self, http: Any) -> Listing: ...

    def fetch(self, remote: Remote, staging: Any, http: Any, known: dict | None) -> Fetched: ...


def make_source(config: SourceConfig) -> Source:
    if config.kind == "folder":
        from .folder import FolderSource

        return FolderSource(config)
    if config.kind == "web":
        from .web import WebSource

        return WebSource(config)
    if config.kind == "oparl":
        from .oparl import OParlSource

        return OParlSource(config)
    raise SyncError(f"Okänd typ av källa: {config.kind}.", f"Unknown kind of source: {config.kind}.")
