"""The composition root of the core: one object that the CLI and the UI hold.

It opens the public store lazily, owns the vault, and exposes the use-case services. No Qt here.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .. import log, paths
from ..storage.db import Store, open_store
from ..storage.reading import ReadingRepository
from ..storage.repository import Repository
from ..storage.sealed_parts import SealedParts
from ..storage.settings import SettingsRepository
from ..storage.source_files import SourceFiles

if TYPE_CHECKING:
    from ..search.index import SearchIndex
    from ..vault import Vault
    from .annotations import AnnotationService
    from .meetings import MeetingsService
    from .search import SearchService

_log = log.get("services")


class AppContext:
    def __init__(
        self,
        data_dir: paths.Paths | Path | str | None = None,
        *,
        keystore=None,
        kdf=None,
        clock=None,
        check_store: bool | str = True,
    ):
        """``check_store=False`` skips the blocking ``quick_check`` when the store is opened; the caller
        then runs ``store.verify()`` itself (the desktop client does, on a background thread)."""
        self.paths = data_dir if isinstance(data_dir, paths.Paths) else paths.Paths.resolve(data_dir)
        self.data_dir = self.paths.data_dir
        self._store: Store | None = None
        self._repos: dict[str, object] = {}
        self._meetings: MeetingsService | None = None
        self._vault: Vault | None = None
        self._check_store = check_store
        self._keystore = keystore
        self._kdf = kdf
        self._clock = clock
        self._search_index: SearchIndex | None = None
        self._search: SearchService | None = None
        self._annotations: AnnotationService | None = None
        self._lock = threading.RLock()

    # -- core objects ------------------------------------------------------------------------------
    @property
    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = open_store(self.paths.store, check=self._check_store)
            return self._store

    def open(self) -> None:
        """Open (and, unless ``check_store=False``, check and migrate) the store now, on this thread, so a
        damaged or too new store is reported before anything else happens."""
        _ = self.store

    def verify_store(self) -> None:
        """The store's full read-only check (``Store.verify``), for a background thread; DatabaseCorrupt
        when damaged."""
        self.store.verify()

    # the store's repositories, one per aggregate (storage/); services use them, the UI and the CLI never do
    @property
    def repo(self) -> Repository:
        """The meeting aggregate: meetings, agenda items, documents, sections; the import's merge."""
        return self._repository("meetings", lambda s: Repository(s.db, self.sealed_parts))

    @property
    def sealed_parts(self) -> SealedParts:
        return self._repository("sealed_parts", lambda s: SealedParts(s.db))

    @property
    def source_files(self) -> SourceFiles:
        return self._repository("source_files", lambda s: SourceFiles(s.db))

    @property
    def reading_state(self) -> ReadingRepository:
        return self._repository("reading_state", ReadingRepository)

    @property
    def settings(self) -> SettingsRepository:
        return self._repository("settings", SettingsRepository)

    def _repository(self, name, make):
        with self._lock:
            if name not in self._repos:
                self._repos[name] = make(self.store)
            return self._repos[name]

    @property
    def meetings(self):
        """Read access for the UI, the CLI and the export (:class:`.meetings.MeetingsService`)."""
        from .meetings import MeetingsService

        if self._meetings is None:
            self._meetings = MeetingsService(self)
        return self._meetings

    @property
    def vault(self):
        with self._lock:
            if self._vault is None:
                from ..vault import Vault

                kwargs = {}
                if self._kdf is not None:
                    kwargs["kdf"] = self._kdf
                if self._clock is not None:
                    kwargs["clock"] = self._clock
                self._vault = Vault(self.data_dir, self._keystore, **kwargs)
                if not self._vault.exists():
                    # a vault may be about to be created: the store first, so a vault is never alone in a
                    # folder (then a store missing beside a vault is damage, refused by the store)
                    _ = self.store
            return self._vault

    @property
    def vault_if_open(self):
        """The vault when it is unlocked in this process, else None (never touches the keyring)."""
        v = self._vault
        return v if v is not None and v.unlocked else None

    @property
    def search_index(self):
        """The public search index (None while the search package is not available)."""
        if self._search_index is None:
            try:
                from ..search.index import SearchIndex
            except ImportError:
                return None
            index = SearchIndex(self.store)
            from .ocr_backfill import backfill

            filled = backfill(self)  # an OCR'd meeting stored before schema v6: its repaired index texts
            if filled:
                index.reindex_items(filled)
            self._search_index = index
        return self._search_index

    # -- services ----------------------------------------------------------------------------------
    @property
    def importer(self):
        from .importer import ImportService

        return ImportService(self)

    @property
    def search(self):
        if self._search is None:
            from .search import SearchService

            self._search = SearchService(self)
        return self._search

    @property
    def annotations(self):
        if self._annotations is None:
            from .annotations import AnnotationService

            self._annotations = AnnotationService(self)
        return self._annotations

    # -- vault use cases ---------------------------------------------------------------------------
    def unlock(self, passphrase: str) -> int:
        """Unlock the vault and move secret content sealed while it was locked into it. Returns the
        number of parts moved."""
        self.vault.unlock(passphrase)
        n = self.absorb_sealed()
        self._apply_meeting_aliases()
        return n

    def _apply_meeting_aliases(self) -> None:
        """Secret parts stored before the store's meeting ids became readable (schema v3) follow the rename."""
        moved = self.vault.rename_meetings(self.repo.meeting_aliases())
        if moved:
            index = self.secret_index
            if index is not None:
                index.reindex_secrets(moved)
            _log.info("moved %d secret parts to their meetings' new ids", len(moved))

    def absorb_sealed(self) -> int:
        rows = self.sealed_parts.sealed_rows()
        if not rows:
            return 0
        done = self.vault.absorb([(uid, bytes(blob)) for uid, blob in rows])
        if done:
            with self.store.transaction():
                for uid in done:
                    self.sealed_parts.absorbed(uid)
            index = self.secret_index
            if index is not None:
                index.reindex_secrets(done)
        _log.info("absorbed %d sealed parts into the vault", len(done))
        return len(done)

    @property
    def secret_index(self):
        """The search index inside the vault (None while locked or unavailable)."""
        if self.vault_if_open is None:
            return None
        try:
            from ..search.index import SecretIndex
        except ImportError:
            return None
        return SecretIndex(self.vault)

    def secret_parts(self, item_id: int) -> list[dict]:
        """Placeholders of an item's secret parts (a label that says only that a locked part exists); with the
        vault unlocked each carries its ``text`` and the vault's own, descriptive label."""
        from .publication import is_publishable

        parts = self.sealed_parts.secret_parts(item_id)
        for p in parts:
            p["publishable"] = is_publishable(p)
        if self.vault.unlocked:
            for p in parts:
                row = self.vault.get_secret(p["uid"])
                if row is not None:
                    p["text"] = row["text"]
                    p["label"] = row.get("label") or p["label"]
                    p["report_numbers"] = row.get("report_numbers")
        return parts

    def publish_secret_part(self, uid: str) -> dict:
        """The member judged a part locked on suspicion not secret (see :mod:`.publication`)."""
        from .publication import publish

        return publish(self, uid)

    def relock_secret_part(self, uid: str) -> bool:
        from .publication import relock

        return relock(self, uid)

    def lock(self) -> None:
        if self._vault is not None:
            self._vault.lock()

    def close(self) -> None:
        self.lock()
        if self._store is not None:
            self._store.close()
            self._store = None
            self._repos.clear()
            self._search_index = None
