"""Read access to the stored meetings for the window, the command line and the export.

They never reach into the store (``AppContext.repo``) themselves: every read they need is a method here,
and the rules about what may be read (a locked part's placeholder only, current document versions by
default) live in the storage layer and in these methods, not in the callers."""

from __future__ import annotations

from typing import Any


class MeetingsService:
    def __init__(self, ctx: Any):
        self._ctx = ctx

    @property
    def _repo(self) -> Any:
        return self._ctx.repo

    # -- meetings and items ------------------------------------------------------------------------
    def meetings(self) -> list[dict]:
        """Every meeting; ``example`` marks the demo data set's (invented) meetings."""
        examples = self._examples()
        return [{**m, "example": m["id"] in examples} for m in self._repo.meetings()]

    def meeting(self, meeting_id: str) -> dict | None:
        """The meeting (an old meeting id from before store v3 resolves too), with ``example``."""
        m = self._repo.meeting(meeting_id)
        return {**m, "example": m["id"] in self._examples()} if m is not None else None

    def _examples(self) -> set[str]:
        from .demo import example_meetings

        return example_meetings(self._ctx)

    def items(self, meeting_id: str) -> list[dict]:
        return self._repo.items(meeting_id)

    def item(self, meeting_id: str, number: int) -> dict | None:
        return self._repo.item(meeting_id, number)

    def item_by_id(self, item_id: int) -> dict | None:
        return self._repo.item_by_id(item_id)

    def list_entries(self, item_id: int) -> list[dict]:
        return self._repo.list_entries(item_id)

    def placeholders(self, item_id: int) -> list[dict]:
        """The item's locked parts as the public store has them: content-free labels, never their text
        (``AppContext.secret_parts`` adds the text while the vault is unlocked)."""
        return self._ctx.sealed_parts.secret_parts(item_id)

    # -- documents ---------------------------------------------------------------------------------
    def documents(self, item_id: int, *, current_only: bool = True) -> list[dict]:
        return self._repo.documents(item_id, current_only=current_only)

    def document(self, document_id: int) -> dict | None:
        return self._repo.document(document_id)

    def document_versions(self, document_id: int) -> list[dict]:
        """Every stored version of the document (a re-issued kallelse keeps the old ones), newest first."""
        doc = self._repo.document(document_id)
        if doc is None:
            return []
        same = [d for d in self._repo.documents(doc["item_id"], current_only=False) if d["doc_key"] == doc["doc_key"]]
        return sorted(same, key=lambda d: -d["version"])

    def sections(self, document_id: int) -> list[dict]:
        return self._repo.sections(document_id)

    def document_text(self, document_id: int) -> str:
        return self._repo.document_text(document_id)

    # -- the vault's inbox -------------------------------------------------------------------------
    def sealed_pending(self) -> int:
        """Secret parts imported while locked, waiting for the next unlock to move into the vault."""
        return self._ctx.sealed_parts.sealed_count()
