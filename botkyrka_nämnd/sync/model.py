"""What a source lists and what a sync did: plain data shared by the sources and the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import UserError

KINDS = ("folder", "web", "oparl")


class SyncError(UserError):
    """A source cannot be read (unreachable, refused by policy, a bad answer). Swedish and English text."""

    code = "sync_failed"


@dataclass(frozen=True)
class SourceConfig:
    name: str
    kind: str  # 'folder' | 'web' | 'oparl'
    location: str  # a folder path, a start URL, an OParl System URL
    pattern: str | None = None  # web: which links to follow (a regular expression on the URL)
    cursor: str | None = None  # OParl: the time of the last complete listing (modified_since)
    login: bool = False  # its token is in the OS keyring

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> SourceConfig:
        return cls(
            row["name"], row["kind"], row["location"], row.get("pattern"), row.get("cursor"), bool(row.get("login"))
        )


@dataclass
class Remote:
    """One file available at a source. ``key`` is its identity there (stable across syncs); ``etag``,
    ``last_modified``, ``size`` and ``checksum`` (e.g. ``sha512:…`` from OParl) tell whether it changed.
    ``hints`` are what the source says of the meeting (kommun, body, date) for fields the file does not print;
    ``secret_items`` the agenda item numbers the source marks as not public."""

    key: str
    location: str
    etag: str | None = None
    last_modified: str | None = None
    size: int | None = None
    checksum: str | None = None
    hints: dict[str, str] = field(default_factory=dict)
    secret_items: list[int] = field(default_factory=list)

    def _speaks_of_secrets(self) -> bool:
        from ..importing.sekretess import looks_secret

        return looks_secret(self.key) or looks_secret(self.location)

    def stored_key(self) -> str:
        """The key as the public store keeps it: a name that speaks of lex Sarah or sekretess is kept only
        as a digest (as the importer keeps no such file name)."""
        if self._speaks_of_secrets():
            import hashlib

            return "h:" + hashlib.sha256(self.key.encode("utf-8")).hexdigest()
        return self.key

    def stored_location(self) -> str:
        return "" if self._speaks_of_secrets() else self.location

    def label(self) -> str:
        """For the progress line: the file's name, unless it speaks of secrets."""
        return "" if self._speaks_of_secrets() else self.key.rsplit("/", 1)[-1]


def imported_before(known: dict[str, Any] | None) -> bool:
    """A file's ``sync_item`` row says it was imported from this source once (failed attempts alone do not:
    the file is still new). A file with a secret part keeps no plain digest, only its stored file."""
    return known is not None and bool(known.get("sha256") or known.get("source_file_id"))


@dataclass
class Listing:
    """What a source holds now. ``complete``: every file is listed (a file not listed is withdrawn);
    otherwise (an incremental OParl list) only ``deleted`` keys are withdrawn. ``cursor`` is kept for the
    next sync once the files were handled."""

    remotes: list[Remote] = field(default_factory=list)
    complete: bool = True
    deleted: list[str] = field(default_factory=list)
    cursor: str | None = None


@dataclass
class Fetched:
    """A file fetched into staging (``path`` None when the source answered "not modified")."""

    path: Any  # pathlib.Path | None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class SourceReport:
    name: str
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    failed: int = 0
    requests: int = 0
    bytes: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (sv, en), no document text
    meetings: list[str] = field(default_factory=list)  # meetings new or changed

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "new": self.new,
            "changed": self.changed,
            "withdrawn": self.withdrawn,
            "failed": self.failed,
            "requests": self.requests,
        }
