"""A folder as a source (the download folder, a USB stick, a synced or shared drive): every kallelse,
handlingar or protokoll file in it and its subfolders (three levels), scanned at start and on each change.

A file's key is its path relative to the folder; its size and modification time tell whether it changed.
Files are read where they are (the importer copies what it keeps). A file still being written fails to
import and is tried again at the next sync, since it is recorded only once imported."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..model import Fetched, Listing, Remote, SourceConfig, SyncError

SUFFIXES = (".pdf", ".txt", ".md", ".html", ".htm")
MAX_DEPTH = 3


class FolderSource:
    def __init__(self, config: SourceConfig):
        self.config = config
        self.root = Path(config.location).expanduser()

    def listing(self, http: Any = None) -> Listing:
        if not self.root.is_dir():
            raise SyncError(
                "Mappen finns inte eller går inte att läsa (är USB-minnet eller nätverksenheten ansluten?).",
                "The folder does not exist or cannot be read (is the USB stick or network drive connected?).",
            )
        remotes: list[Remote] = []
        base_depth = len(self.root.parts)
        for dirpath, dirnames, filenames in os.walk(self.root):
            here = Path(dirpath)
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith(".") and len(here.parts) - base_depth < MAX_DEPTH
            )
            for name in sorted(filenames):
                if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                    continue  # hidden files: partial downloads (.crdownload, ~lock) and the like
                path = here / name
                try:
                    st = path.stat()
                except OSError:
                    continue
                if not path.is_file() or st.st_size == 0:
                    continue
                key = path.relative_to(self.root).as_posix()
                remotes.append(Remote(key, str(path), etag=f"{st.st_size}-{st.st_mtime_ns}", size=st.st_size))
        return Listing(remotes, complete=True)

    def fetch(self, remote: Remote, staging: Path, http: Any, known: dict | None) -> Fetched:
        return Fetched(Path(remote.location), etag=remote.etag)
