"""The meeting aggregate's repository: reads (:mod:`.meetings`), identity (:mod:`.matching`) and the merge
of an import (:mod:`.merge`) over one store connection. The other aggregates have their own repositories:
secret-part placeholders (:mod:`.sealed_parts`), imported files and the import log (:mod:`.source_files`),
reading state (:mod:`.reading`), settings (:mod:`.settings`) and annotations (:mod:`.annotations`)."""

from __future__ import annotations

import sqlite_utils

from .matching import MeetingMatch, title_similarity
from .meetings import MeetingReads
from .merge import MeetingWriter, SavedPart, SaveResult, document_hash, item_hash
from .sealed_parts import SealedParts


class Repository(MeetingReads, MeetingWriter):
    def __init__(self, db: sqlite_utils.Database, sealed: SealedParts | None = None):
        self.db = db
        self.conn = db.conn
        self.sealed = sealed if sealed is not None else SealedParts(db)


__all__ = ["MeetingMatch", "Repository", "SaveResult", "SavedPart", "document_hash", "item_hash", "title_similarity"]
