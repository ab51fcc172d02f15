"""Annotations: the member's notes, highlights, tags and planned positions (issue 6).

Kinds of annotation
  * **note** on an agenda item. Every item has at most one *item note* (``is_item_note``), the text of the
    notes editor, saved by :meth:`AnnotationService.save_note` on every autosave; :meth:`add_note` adds
    further notes (the CLI's ``note add``).
  * **highlight** of a passage of one of the item's documents (tjänsteskrivelse, bilaga page) with an
    optional comment (``body``).
  * **tags**: a small suggested set (:data:`SUGGESTED_TAGS`) plus free tags.
  * a **planned position** per item (för / emot / avvakta / yrkande), in ``item_position``.

Anchoring: a highlight remembers its quote, some context and its page (``domain.anchoring``), not only an
offset. When a re-issued kallelse brings a new version of a document, :meth:`reanchor_after_import` moves
each highlight onto the new version (exact, then fuzzy match); what cannot be placed stays on the version
it was made on with ``anchor_state='needs_review'`` ("behöver granskas"); see ``reanchoring.py``. Nothing is
deleted by an update; only :meth:`delete_annotation` (an explicit user action) deletes.

Secret parts: annotations whose target is a secret part live only in the vault (table
``secret_annotation`` in the encrypted vault database, vault schema v2). While the vault is locked they are
absent from every listing, count and tag list, and writing one raises
:class:`~botkyrka_nämnd.errors.VaultLocked`. They are never exported.

The SQL is in the repositories (``storage/annotations.py``, ``vault/annotations.py``); this service holds the
rules (``annotation_rules.py``), anchoring, and one write path for both homes of an annotation (``_Side``).

Durability: every save is one transaction; the method returns after COMMIT (WAL, synchronous=FULL), so a
returned value means "saved". The search index is updated inside the same transaction (``source='note'``).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import log
from ..domain.model import POSITIONS
from ..errors import NotFound, VaultLocked
from ..storage.annotations import AnnotationRepository
from ..storage.db import now_iso
from .annotation_dicts import has_content, public_dict, secret_dict, sort_key
from .annotation_rules import (
    ANCHOR_STATES,
    MAX_BODY,
    MAX_TAG,
    MAX_TAGS,
    SUGGESTED_TAGS,
    AnnotationError,
    check_body,
    check_color,
    normalize_position,
    normalize_tags,
    sv_sort_key,
)
from .reanchoring import Layout, ReanchorReport, anchor_in, layout_of, reanchor_after_import

if TYPE_CHECKING:
    from ..vault.annotations import SecretAnnotationRepository

_log = log.get("annotations")


@dataclass
class _Side:
    """Where an annotation lives, for the write paths the public store and the vault share: the repository
    (:class:`~botkyrka_nämnd.storage.annotations.AnnotationRepository` or its vault twin
    :class:`~botkyrka_nämnd.vault.annotations.SecretAnnotationRepository`), the search-index hook and the
    reader of one annotation dict; ``note_owner`` is the column whose value has at most one item note."""

    repo: Any
    index: Callable[..., None]
    one: Callable[[Any], dict]
    note_owner: str


class AnnotationService:
    def __init__(self, ctx):
        self.ctx = ctx

    @property
    def public_repo(self) -> AnnotationRepository:
        """The public store's annotation repository."""
        return AnnotationRepository(self.ctx.store)

    def _public(self) -> _Side:
        return _Side(self.public_repo, self._index_public, self._public_one, "item_id")

    def _secret(self) -> _Side:
        repo = self._writable_vault()
        return _Side(repo, self._index_secret, lambda uid: self._secret_one(repo, uid), "secret_uid")

    # ================================================================================ vault access
    def _open_vault(self) -> SecretAnnotationRepository | None:
        """The vault's annotation repository when the vault is unlocked, else None."""
        v = self.ctx.vault_if_open
        if v is None:
            return None
        from ..vault.annotations import SecretAnnotationRepository

        return SecretAnnotationRepository(v)

    def _read_secret(self, fn, default):
        """``fn(repository)`` when the vault is unlocked, else ``default`` (also when it locks meanwhile, e.g.
        the idle lock firing on another thread: a listing then simply has no secret rows)."""
        try:
            repo = self._open_vault()
            return default if repo is None else fn(repo)
        except VaultLocked:
            return default

    def _writable_vault(self) -> SecretAnnotationRepository:
        repo = self._open_vault()
        if repo is None:
            raise VaultLocked(
                "Sekretessvalvet är låst: anteckningar på sekretessbelagda delar kan inte sparas. Lås upp det med din lösenfras.",
                "The sekretess vault is locked: annotations on secret parts cannot be saved. Unlock it with your passphrase.",
            )
        return repo

    # ================================================================================ index hooks
    def _index_public(self, ids: Iterable[int], *, removed: bool = False) -> None:
        self._notify(lambda: self.ctx.search_index, [int(i) for i in ids], removed)

    def _index_secret(self, uids: Iterable[str], *, removed: bool = False) -> None:
        self._notify(lambda: self.ctx.secret_index, list(uids), removed)

    @staticmethod
    def _notify(get_index, keys: list, removed: bool) -> None:
        if not keys:
            return
        index = get_index()
        name = "remove_annotations" if removed else "reindex_annotations"
        if index is not None and hasattr(index, name):
            getattr(index, name)(keys)

    # ================================================================================ lookups
    def _item(self, item_id: int) -> dict:
        item = self.ctx.repo.item_by_id(int(item_id)) if item_id is not None else None
        if item is None:
            raise NotFound(f"Ärendet ({item_id}) finns inte.", f"Agenda item {item_id} not found.")
        return item

    def _document_of_item(self, item_id: int, document_id: int) -> dict:
        doc = self.ctx.repo.document(int(document_id))
        if doc is None or doc["item_id"] != item_id:
            raise NotFound("Handlingen finns inte i detta ärende.", "The document does not belong to this agenda item.")
        return doc

    def _secret_part_of_item(self, item_id: int, secret_uid: str) -> dict:
        if self.public_repo.item_of_secret_part(secret_uid) != item_id:
            raise NotFound(
                "Sekretessdelen finns inte i detta ärende.", "The secret part does not belong to this agenda item."
            )
        return {"uid": secret_uid, "item_id": item_id}

    def _layout(self, document_id: int) -> Layout:
        return layout_of(self.ctx.repo, document_id)

    def _resolve(self, ann_id) -> tuple[str, int | str]:
        """('public', id) or ('secret', uid). Public ids are integers; secret annotations are known by uid."""
        if isinstance(ann_id, bool):
            raise NotFound("Anteckningen finns inte.", "Annotation not found.")
        if isinstance(ann_id, int) or (isinstance(ann_id, str) and ann_id.isdigit() and len(ann_id) < 19):
            found = self.public_repo.exists(int(ann_id))
            if found is None:
                raise NotFound("Anteckningen finns inte.", "Annotation not found.")
            return "public", found
        if isinstance(ann_id, str):
            found = self.public_repo.id_for_uid(ann_id)
            if found is not None:
                return "public", found
            if not self._writable_vault().exists(ann_id):
                raise NotFound("Anteckningen finns inte.", "Annotation not found.")
            return "secret", ann_id
        raise NotFound("Anteckningen finns inte.", "Annotation not found.")

    # ================================================================================ reading rows
    def _public_rows(self, rows: list[dict]) -> list[dict]:
        return [public_dict(r) for r in rows]

    def _public_one(self, ann_id: int) -> dict:
        row = self.public_repo.get(ann_id)
        if row is None:
            raise NotFound("Anteckningen finns inte.", "Annotation not found.")
        return public_dict(row)

    def _secret_rows(self, rows: list[dict]) -> list[dict]:
        items: dict[int, dict | None] = {}
        out = []
        for r in rows:
            if r["item_id"] not in items:
                items[r["item_id"]] = self.ctx.repo.item_by_id(r["item_id"])
            item = items[r["item_id"]]
            if item is None:  # the public item is gone; the note stays in the vault but has nowhere to show
                continue
            out.append(secret_dict(r, item))
        return out

    def _secret_one(self, repo: SecretAnnotationRepository, uid: str) -> dict:
        row = repo.get(uid)
        rows = self._secret_rows([row] if row is not None else [])
        if not rows:
            raise NotFound("Anteckningen finns inte.", "Annotation not found.")
        return rows[0]

    # ================================================================================ writing (shared)
    def _save_item_note(self, side: _Side, owner: dict, text: str, new_tags: list[str] | None) -> dict:
        """Create or update THE note of ``owner`` (``{"item_id"}`` in the store, ``{"secret_uid", "item_id"}``
        in the vault); unchanged text and tags write nothing."""
        repo = side.repo
        with repo.transaction():
            row = repo.item_note(owner[side.note_owner])
            now = now_iso()
            if row is None:
                key = repo.insert(
                    {
                        "uid": uuid.uuid4().hex,
                        **owner,
                        "kind": "note",
                        "is_item_note": 1,
                        "body": text,
                        "tags": json.dumps(new_tags or [], ensure_ascii=False),
                        "anchor_state": "ok",
                        "created_at": now,
                        "modified_at": now,
                    }
                )
            else:
                key, body, old_tags = row
                tags_json = old_tags if new_tags is None else json.dumps(new_tags, ensure_ascii=False)
                if body == text and old_tags == tags_json:
                    return side.one(key)
                repo.update(key, {"body": text, "tags": tags_json, "modified_at": now})
            side.index([key])
        return side.one(key)

    def _insert(self, side: _Side, fields: dict) -> dict:
        """Insert one further note or a highlight (``fields``: owner, kind, body, tags list, anchor ...)."""
        with side.repo.transaction():
            now = now_iso()
            key = side.repo.insert(
                {
                    "uid": uuid.uuid4().hex,
                    "is_item_note": 0,
                    "anchor_state": "ok",
                    "created_at": now,
                    "modified_at": now,
                    **fields,
                    "tags": json.dumps(fields.get("tags") or [], ensure_ascii=False),
                }
            )
            side.index([key])
        return side.one(key)

    def _owner(self, item: dict, secret_part_uid: str | None) -> tuple[_Side, dict]:
        """The side an annotation of ``item`` (or of one of its secret parts) goes to, and its owner columns."""
        if secret_part_uid is None:
            return self._public(), {"item_id": item["id"], "document_id": None}
        self._secret_part_of_item(item["id"], secret_part_uid)
        return self._secret(), {"secret_uid": secret_part_uid, "item_id": item["id"]}

    # ================================================================================ notes
    def save_note(
        self, item_id: int, text: str, *, tags: Iterable[str] | None = None, secret_part_uid: str | None = None
    ) -> dict:
        """Create or update THE note of an item (or of one of its secret parts): the autosave target of the
        notes editor. ``tags=None`` keeps the note's tags. Returns after COMMIT."""
        item = self._item(item_id)
        text = check_body(text)
        new_tags = None if tags is None else normalize_tags(tags)
        side, owner = self._owner(item, secret_part_uid)
        return self._save_item_note(side, owner, text, new_tags)

    def item_note(self, item_id: int, *, secret_part_uid: str | None = None) -> dict | None:
        """THE note of an item (or of a secret part, None while locked), or None."""
        if secret_part_uid is not None:
            rows = self._read_secret(lambda r: self._secret_rows(r.item_notes(secret_part_uid)), [])
        else:
            rows = self._public_rows(self.public_repo.item_notes(int(item_id)))
        return rows[0] if rows else None

    def add_note(
        self, item_id: int, text: str, tags: Iterable[str] | None = None, *, secret_part_uid: str | None = None
    ) -> dict:
        """Add one more note to an item (the CLI's ``note add``). Returns after COMMIT."""
        item = self._item(item_id)
        text = check_body(text)
        if not text.strip():
            raise AnnotationError("Anteckningen är tom.", "The note is empty.")
        new_tags = normalize_tags(tags)
        side, owner = self._owner(item, secret_part_uid)
        return self._insert(side, {**owner, "kind": "note", "body": text, "tags": new_tags})

    # ================================================================================ highlights
    def save_highlight(
        self,
        item_id: int,
        *,
        document_id: int | None = None,
        secret_part_uid: str | None = None,
        start: int | None = None,
        end: int | None = None,
        quote: str | None = None,
        page: int | None = None,
        comment: str = "",
        tags: Iterable[str] | None = None,
        color: str | None = None,
    ) -> dict:
        """Highlight a passage of a document of the item (or of a secret part, stored in the vault).

        Give either ``start``/``end`` (offsets into ``Repository.document_text``, as the text view has them)
        or the selected ``quote`` with its ``page`` (a selection in the PDF view): the quote is then looked
        up in the document's text near that page. Returns after COMMIT."""
        item = self._item(item_id)
        comment = check_body(comment)
        new_tags = normalize_tags(tags)
        color = check_color(color)
        if (document_id is None) == (secret_part_uid is None):
            raise AnnotationError(
                "Ange antingen en handling eller en sekretessdel.", "Give either a document or a secret part."
            )
        if secret_part_uid is not None:
            side, owner = self._owner(item, secret_part_uid)
            secret = side.repo.vault.get_secret(secret_part_uid) or {}
            anchor = anchor_in(secret.get("text") or "", start, end, quote, page, None)
            if anchor["page"] is None:
                anchor["page"] = secret.get("page")
        else:
            assert document_id is not None  # exactly one of document_id / secret_part_uid, checked above
            doc = self._document_of_item(item["id"], document_id)
            layout = self._layout(doc["id"])
            anchor = anchor_in(layout.text, start, end, quote, page, layout)
            side, owner = (
                self._public(),
                {"item_id": item["id"], "document_id": doc["id"], "origin_document_id": doc["id"]},
            )
        return self._insert(
            side, {**owner, "kind": "highlight", **anchor, "body": comment, "tags": new_tags, "color": color}
        )

    def highlight_quote(
        self, item_id: int, quote: str, *, comment: str = "", tags: Iterable[str] | None = None
    ) -> dict:
        """Highlight the passage ``quote`` where it stands word for word in one of the item's current
        documents (the main document first, then the bilagor in order); the CLI's ``highlight add``."""
        from ..domain.anchoring import TextQuote, locate
        from ..domain.model import MAIN_KINDS

        if not quote or not quote.strip():
            raise AnnotationError("Ange textstycket som ska markeras.", "Give the passage to highlight.")
        docs = sorted(self.ctx.repo.documents(int(item_id)), key=lambda d: d["kind"] not in MAIN_KINDS)
        for d in docs:
            layout = self._layout(d["id"])
            found = locate(layout.prepared, TextQuote(quote))
            if found is not None and found.method == "exact":
                return self.save_highlight(
                    int(item_id), document_id=d["id"], start=found.start, end=found.end, comment=comment, tags=tags
                )
        raise AnnotationError(
            "Textstycket finns inte ordagrant i ärendets handlingar.",
            "The passage is not found word for word in the item's documents.",
        )

    # ================================================================================ edit / delete
    def update_annotation(
        self, ann_id, *, body: str | None = None, tags: Iterable[str] | None = None, color: str | None = None
    ) -> dict:
        """Change a note's text / a highlight's comment, its tags or colour. Returns after COMMIT."""
        where, key = self._resolve(ann_id)
        changes: dict = {}
        if body is not None:
            changes["body"] = check_body(body)
        if tags is not None:
            changes["tags"] = json.dumps(normalize_tags(tags), ensure_ascii=False)
        if color is not None:
            changes["color"] = check_color(color)
        side = self._secret() if where == "secret" else self._public()
        if changes:
            with side.repo.transaction():
                side.repo.update(key, {**changes, "modified_at": now_iso()})
                side.index([key])
        return side.one(key)

    def delete_annotation(self, ann_id) -> None:
        """Delete one annotation: an explicit user action only (nothing else in the program deletes)."""
        where, key = self._resolve(ann_id)
        side = self._secret() if where == "secret" else self._public()
        with side.repo.transaction():
            side.repo.delete(key)
            side.index([key], removed=True)
        if where == "public":
            _log.info("annotation deleted by the user")

    def get(self, ann_id) -> dict:
        """One annotation by id (public) or uid (public or secret; secret ones need the vault unlocked)."""
        where, key = self._resolve(ann_id)
        return (self._secret() if where == "secret" else self._public()).one(key)

    def delete_for_secret_parts(self, secret_part_uids: Iterable[str]) -> int:
        """Delete the annotations on secret parts that are being removed from the vault (retention /
        gallring): called by the retention job in the same vault transaction as ``Vault.delete_secret``,
        so no note on a shredded part stays behind. Needs the vault unlocked; returns the number deleted."""
        uids = list(secret_part_uids)
        if not uids:
            return 0
        repo = self._writable_vault()
        with repo.transaction():
            gone = repo.delete_for_secret_parts(uids)
            self._index_secret(gone, removed=True)
        return len(gone)

    # ================================================================================ positions
    def set_position(self, item_id: int, position: str | None) -> dict:
        """Set (or with None clear) the planned position: 'för'/'for', 'emot', 'avvakta', 'yrkande'."""
        item = self._item(item_id)
        code = normalize_position(position)
        repo = self.public_repo
        with repo.transaction():
            repo.set_position(item["id"], code, now_iso())
        return {"item_id": item["id"], "position": code, "label": POSITIONS.get(code) if code else None}

    def position(self, item_id: int) -> str | None:
        return self.public_repo.position(int(item_id))

    def positions_for_meeting(self, meeting_id: str) -> dict[int, str]:
        """item id -> the member's planned position, for every item of the meeting that has one."""
        return self.public_repo.positions_for_meeting(meeting_id)

    # ================================================================================ listings
    def annotations_for_item(self, item_id: int) -> list[dict]:
        """All annotations of an item, every document version, with anchor info; secret ones only while
        the vault is unlocked. Public ones first (item note, notes, highlights in text order), then the secret
        parts' in the same order."""
        out = self._public_rows(self.public_repo.for_item(int(item_id)))
        out += self._read_secret(lambda r: self._secret_rows(r.for_item(int(item_id))), [])
        return sorted(out, key=sort_key)

    def annotations_for_document(self, document_id: int) -> list[dict]:
        """The highlights anchored to one document version (what the reader paints)."""
        rows = self._public_rows(self.public_repo.for_document(int(document_id)))
        return sorted(rows, key=lambda a: (a["start"] if a["start"] is not None else -1, a["id"]))

    def annotations_for_secret_part(self, secret_part_uid: str) -> list[dict]:
        """Annotations on one secret part; empty while the vault is locked."""
        rows = self._read_secret(lambda r: self._secret_rows(r.for_secret_part(secret_part_uid)), [])
        return sorted(rows, key=sort_key)

    def _meeting_annotations(self, meeting_id: str, *, include_secret: bool) -> list[dict]:
        out = self._public_rows(self.public_repo.for_meeting(meeting_id))
        if include_secret:
            ids = self.public_repo.item_ids_of_meeting(meeting_id)
            if ids:
                out += self._read_secret(lambda r: self._secret_rows(r.for_items(ids)), [])
        return out

    def notes_for_meeting(self, meeting_id: str, *, include_secret: bool = True) -> list[dict]:
        """Notes and highlights of a meeting in agenda order (empty notes left out); secret ones only while
        the vault is unlocked and ``include_secret``."""
        rows = [a for a in self._meeting_annotations(meeting_id, include_secret=include_secret) if has_content(a)]
        return sorted(rows, key=sort_key)

    def items_with_notes(self, meeting_id: str) -> dict[int, dict]:
        """For the agenda: ``{item_id: {"count", "position", "tags", "needs_review"}}`` for every item that has
        a non-empty annotation or a planned position."""
        out: dict[int, dict] = {}

        def entry(item_id: int) -> dict:
            return out.setdefault(item_id, {"count": 0, "position": None, "tags": [], "needs_review": 0})

        for a in self._meeting_annotations(meeting_id, include_secret=True):
            if not has_content(a):
                continue
            e = entry(a["item_id"])
            e["count"] += 1
            e["needs_review"] += a["anchor_state"] == "needs_review"
            for t in a["tags"]:
                if t not in e["tags"]:
                    e["tags"].append(t)
        for item_id, pos in self.public_repo.positions_for_meeting(meeting_id).items():
            entry(item_id)["position"] = pos
        return out

    def needs_review(self, meeting_id: str | None = None) -> list[dict]:
        """Highlights that could not be placed on a new version ("behöver granskas")."""
        rows = self._public_rows(self.public_repo.needing_review(meeting_id))
        return sorted(rows, key=lambda a: (a["meeting_id"], sort_key(a)))

    def _all_tags(self) -> list[list[str]]:
        return self.public_repo.tag_lists() + self._read_secret(lambda r: r.tag_lists(), [])

    def tags_in_use(self) -> list[str]:
        """Tags used on at least one annotation, most used first (secret annotations' only while unlocked)."""
        counts: dict[str, int] = {}
        for tags in self._all_tags():
            for t in tags:
                counts[t] = counts.get(t, 0) + 1
        return sorted(counts, key=lambda t: (-counts[t], sv_sort_key(t)))

    def tag_choices(self) -> list[str]:
        """The suggested tags followed by the other tags in use: what a tag picker offers."""
        return list(SUGGESTED_TAGS) + [t for t in self.tags_in_use() if t not in SUGGESTED_TAGS]

    def annotations_with_tag(self, tag: str) -> list[dict]:
        """All annotations carrying ``tag``, newest meeting first, then agenda order."""
        t = " ".join(str(tag).split()).lower()
        rows = self._public_rows(self.public_repo.with_tag(t))
        rows += self._read_secret(lambda r: self._secret_rows(r.with_tag(t)), [])
        dates = self.public_repo.meeting_dates()
        rows.sort(key=sort_key)
        rows.sort(key=lambda a: dates.get(a["meeting_id"], ""), reverse=True)
        return rows

    # ================================================================================ re-anchoring
    def reanchor_after_import(
        self, new_document_ids: Iterable[int], superseded_document_ids: Iterable[int]
    ) -> ReanchorReport:
        """Move the highlights of each superseded document version onto its successor (same item and
        ``doc_key``); see :func:`.reanchoring.reanchor_after_import`. Called by the importer inside the
        import transaction, right after ``save_meeting``."""
        return reanchor_after_import(
            self.ctx.repo, self.public_repo, new_document_ids, superseded_document_ids, self._index_public
        )

    def place_manually(self, ann_id, document_id: int, start: int, end: int) -> dict:
        """Resolve a "behöver granskas" highlight: the user marks where the passage is now."""
        where, key = self._resolve(ann_id)
        if where != "public":
            raise AnnotationError("Markeringen kan inte flyttas.", "This highlight cannot be moved.")
        assert isinstance(key, int)  # _resolve gives public annotations by their integer id
        row = self._public_one(key)
        if row["kind"] != "highlight":
            raise AnnotationError("Bara markeringar kan placeras.", "Only highlights can be placed.")
        doc = self._document_of_item(row["item_id"], document_id)
        layout = self._layout(doc["id"])
        anchor = anchor_in(layout.text, start, end, None, None, layout)
        repo = self.public_repo
        with repo.transaction():
            repo.update(
                key,
                {
                    **anchor,
                    "document_id": doc["id"],
                    "anchor_state": "ok",
                    "anchor_score": None,
                    "original_quote": row["original_quote"]
                    or (row["quote"] if row["quote"] != anchor["quote"] else None),
                    "reanchored_at": now_iso(),
                    "modified_at": now_iso(),
                    **_NO_PROPOSAL,
                },
            )
            self._index_public([key])
        return self._public_one(key)

    def accept_proposal(self, ann_id) -> dict:
        """Resolve a "behöver granskas" highlight by accepting the proposed passage in the new version: the
        highlight moves there and its quote becomes the new text (the member's say); the first wording is
        kept in ``original_quote``."""
        where, key = self._resolve(ann_id)
        row = self._public_one(key) if where == "public" and isinstance(key, int) else None
        if row is None or row["state"] != "review" or row["proposed_document_id"] is None:
            raise AnnotationError(
                "Markeringen har inget förslag att godta.", "This highlight has no proposed passage to accept."
            )
        return self.place_manually(key, row["proposed_document_id"], row["proposed_start"], row["proposed_end"])

    def dismiss_review(self, ann_id) -> dict:
        """Resolve a "behöver granskas" highlight by keeping it on the version it was made on."""
        where, key = self._resolve(ann_id)
        if where != "public":
            raise AnnotationError("Markeringen kan inte ändras.", "This highlight cannot be changed.")
        assert isinstance(key, int)  # _resolve gives public annotations by their integer id
        repo = self.public_repo
        with repo.transaction():
            repo.dismiss_review(key, now_iso())
        return self._public_one(key)


_NO_PROPOSAL = {"proposed_document_id": None, "proposed_start": None, "proposed_end": None, "proposed_quote": None}


__all__ = [
    "ANCHOR_STATES",
    "MAX_BODY",
    "MAX_TAG",
    "MAX_TAGS",
    "POSITIONS",
    "SUGGESTED_TAGS",
    "AnnotationError",
    "AnnotationService",
    "ReanchorReport",
    "normalize_position",
    "normalize_tags",
    "sv_sort_key",
]
