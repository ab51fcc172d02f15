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
it was made on with ``anchor_state='needs_review'`` ("behöver granskas"). Nothing is deleted by an update;
only :meth:`delete_annotation` (an explicit user action) deletes.

Secret parts: annotations whose target is a secret part live only in the vault (table
``secret_annotation`` in the encrypted vault database). While the vault is locked they are absent from
every listing, count and tag list, and writing one raises :class:`~botkyrka_nämnd.errors.VaultLocked`.
They are never exported.

Durability: every save is one transaction; the method returns after COMMIT (WAL, synchronous=FULL), so a
returned value means "saved". The search index is updated inside the same transaction (``source='note'``).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import log
from ..domain.anchoring import PreparedText, TextQuote, locate, selector_for, trim_span
from ..domain.doctext import join_sections, section_offsets
from ..domain.model import POSITIONS
from ..errors import NotFound, UserError, VaultLocked
from ..storage.annotations import AnnotationRepository
from ..storage.db import now_iso

if TYPE_CHECKING:
    from ..vault.annotations import SecretAnnotationRepository

_log = log.get("annotations")

SUGGESTED_TAGS = ("yrkande", "fråga", "jäv", "att läsa", "viktigt")
_POSITION_ALIASES = {
    "för": "for",
    "for": "for",
    "emot": "emot",
    "mot": "emot",
    "avvakta": "avvakta",
    "yrkande": "yrkande",
}
ANCHOR_STATES = ("ok", "moved", "fuzzy", "needs_review")
MAX_BODY = 1_000_000
MAX_TAG = 40
MAX_TAGS = 30
_COLOR = re.compile(r"^(#[0-9a-fA-F]{6}|[a-zåäö]{1,20})$")


class AnnotationError(UserError):
    """Invalid annotation input (empty note, bad position, a passage outside the text, ...)."""

    code = "annotation_invalid"


@dataclass
class ReanchorReport:
    placed: int = 0  # exact, same or new place
    fuzzy: int = 0  # placed on slightly edited text
    needs_review: int = 0  # left on the old version


def normalize_tags(tags: Iterable[str] | None) -> list[str]:
    """Trimmed, lower-cased, whitespace collapsed, duplicates dropped (order kept)."""
    out: list[str] = []
    for t in tags or ():
        if not isinstance(t, str):
            raise AnnotationError("En tagg måste vara text.", "A tag must be text.")
        t = " ".join(t.split()).lower()
        if not t:
            continue
        if len(t) > MAX_TAG:
            raise AnnotationError(
                f"En tagg får vara högst {MAX_TAG} tecken.", f"A tag may be at most {MAX_TAG} characters."
            )
        if t not in out:
            out.append(t)
    if len(out) > MAX_TAGS:
        raise AnnotationError(f"Högst {MAX_TAGS} taggar per anteckning.", f"At most {MAX_TAGS} tags per annotation.")
    return out


_SV_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def sv_sort_key(text: str) -> str:
    """Swedish alphabetical order (… x y z å ä ö) for short lower-case strings such as tags."""
    return text.lower().translate(_SV_ORDER)


def normalize_position(position: str | None) -> str | None:
    if position is None or position == "":
        return None
    code = _POSITION_ALIASES.get(str(position).strip().lower())
    if code is None:
        raise AnnotationError(
            "Hållningen måste vara för, emot, avvakta eller yrkande.",
            "The position must be för, emot, avvakta or yrkande.",
        )
    return code


def _check_body(text) -> str:
    if not isinstance(text, str):
        raise AnnotationError("Anteckningen måste vara text.", "The note must be text.")
    if len(text) > MAX_BODY:
        raise AnnotationError(
            "Anteckningen är för lång (högst en miljon tecken).",
            "The note is too long (at most one million characters).",
        )
    return text


def _check_color(color: str | None) -> str | None:
    if color is None or color == "":
        return None
    if not isinstance(color, str) or not _COLOR.match(color):
        raise AnnotationError("Okänd färg.", "Unknown colour.")
    return color


class _Layout:
    """A document's text as the reader shows it (``Repository.document_text``) with the page of each
    section, to turn offsets into pages and pages into offsets."""

    def __init__(self, sections: list[dict]):
        texts = [s["text_clean"] for s in sections]
        self.text = join_sections(texts)
        spans = [
            (pos, pos + len(t), s["page"])
            for s, t, pos in zip(sections, texts, section_offsets(texts))
            if pos is not None
        ]
        self.spans = spans
        self._prepared: PreparedText | None = None

    @property
    def prepared(self) -> PreparedText:
        """The text prepared for many :func:`locate` calls (built once)."""
        if self._prepared is None:
            self._prepared = PreparedText(self.text)
        return self._prepared

    def section_page(self, offset: int | None) -> int | None:
        if offset is None:
            return None
        page = None
        for start, _end, p in self.spans:
            if start > offset:
                break
            page = p
        return page

    def offset_of_page(self, page: int | None) -> int | None:
        if page is None:
            return None
        for start, _end, p in self.spans:
            if p is not None and p >= page:
                return start
        return None

    @property
    def pages(self) -> tuple[int | None, int | None]:
        ps = [p for _, _, p in self.spans if p is not None]
        return (min(ps), max(ps)) if ps else (None, None)


@dataclass
class _Side:
    """Where an annotation lives, for the write paths the public store and the vault share: the repository
    (:class:`~botkyrka_nämnd.storage.annotations.AnnotationRepository` or its vault twin
    :class:`~botkyrka_nämnd.vault.annotations.SecretAnnotationRepository`), the search-index hook and the
    reader of one annotation dict."""

    repo: Any
    index: Callable[..., None]
    one: Callable[[Any], dict]


class AnnotationService:
    def __init__(self, ctx):
        self.ctx = ctx

    @property
    def rows(self) -> AnnotationRepository:
        """The public store's annotation repository."""
        return AnnotationRepository(self.ctx.store)

    def _public(self) -> _Side:
        return _Side(self.rows, self._index_public, self._public_one)

    def _secret(self) -> _Side:
        repo = self._writable_vault()
        return _Side(repo, self._index_secret, lambda uid: self._secret_one(repo, uid))

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
        if self.rows.item_of_secret_part(secret_uid) != item_id:
            raise NotFound(
                "Sekretessdelen finns inte i detta ärende.", "The secret part does not belong to this agenda item."
            )
        return {"uid": secret_uid, "item_id": item_id}

    def _layout(self, document_id: int) -> _Layout:
        return _Layout(self.ctx.repo.sections(document_id))

    def _resolve(self, ann_id) -> tuple[str, int | str]:
        """('public', id) or ('secret', uid). Public ids are integers; secret annotations are known by uid."""
        if isinstance(ann_id, bool):
            raise NotFound("Anteckningen finns inte.", "Annotation not found.")
        if isinstance(ann_id, int) or (isinstance(ann_id, str) and ann_id.isdigit() and len(ann_id) < 19):
            found = self.rows.exists(int(ann_id))
            if found is None:
                raise NotFound("Anteckningen finns inte.", "Annotation not found.")
            return "public", found
        if isinstance(ann_id, str):
            found = self.rows.id_for_uid(ann_id)
            if found is not None:
                return "public", found
            if not self._writable_vault().exists(ann_id):
                raise NotFound("Anteckningen finns inte.", "Annotation not found.")
            return "secret", ann_id
        raise NotFound("Anteckningen finns inte.", "Annotation not found.")

    # ================================================================================ reading rows
    def _public_rows(self, rows: list[dict]) -> list[dict]:
        return [self._public_dict(r) for r in rows]

    def _public_one(self, ann_id: int) -> dict:
        row = self.rows.get(ann_id)
        if row is None:
            raise NotFound("Anteckningen finns inte.", "Annotation not found.")
        return self._public_dict(row)

    @staticmethod
    def _public_dict(r: dict) -> dict:
        on_doc = r["document_id"] is not None
        return {
            "id": r["id"],
            "uid": r["uid"],
            "secret": False,
            "kind": r["kind"],
            "is_item_note": bool(r["is_item_note"]),
            "meeting_id": r["meeting_id"],
            "item_id": r["item_id"],
            "item_number": r["item_number"],
            "item_title": r["item_title"],
            "item_position": r["item_position"],
            "document_id": r["document_id"],
            "document_title": r["document_title"],
            "document_kind": r["document_kind"],
            "bilaga_label": r["bilaga_label"],
            "document_version": r["document_version"],
            "secret_part_uid": None,
            **_anchor_fields(r),
            "anchor_score": r["anchor_score"],
            "original_quote": r["original_quote"],
            # the version it is anchored to is no longer current (left there for review, or kept by the user)
            "on_earlier_version": bool(on_doc and not r["document_is_current"]),
            # it was made on an earlier version and re-anchored onto this one
            "made_on_earlier_version": bool(on_doc and r["origin_document_id"] not in (None, r["document_id"])),
        }

    def _secret_rows(self, rows: list[dict]) -> list[dict]:
        items: dict[int, dict | None] = {}
        out = []
        for r in rows:
            if r["item_id"] not in items:
                items[r["item_id"]] = self.ctx.repo.item_by_id(r["item_id"])
            item = items[r["item_id"]]
            if item is None:  # the public item is gone; the note stays in the vault but has nowhere to show
                continue
            out.append(self._secret_dict(r, item))
        return out

    @staticmethod
    def _secret_dict(r: dict, item: dict) -> dict:
        return {
            "id": r["uid"],
            "uid": r["uid"],
            "secret": True,
            "kind": r["kind"],
            "is_item_note": bool(r["is_item_note"]),
            "meeting_id": item["meeting_id"],
            "item_id": r["item_id"],
            "item_number": item["ordinal"],
            "item_title": item["title"],
            "item_position": item["position"],
            "document_id": None,
            "document_title": None,
            "document_kind": None,
            "bilaga_label": None,
            "document_version": None,
            "secret_part_uid": r["secret_uid"],
            **_anchor_fields(r),
            "anchor_score": None,
            "original_quote": None,
            "on_earlier_version": False,
            "made_on_earlier_version": False,
        }

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
            row = repo.item_note(owner["secret_uid"] if "secret_uid" in owner else owner["item_id"])
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
        text = _check_body(text)
        new_tags = None if tags is None else normalize_tags(tags)
        side, owner = self._owner(item, secret_part_uid)
        return self._save_item_note(side, owner, text, new_tags)

    def item_note(self, item_id: int, *, secret_part_uid: str | None = None) -> dict | None:
        """THE note of an item (or of a secret part, None while locked), or None."""
        if secret_part_uid is not None:
            rows = self._read_secret(lambda r: self._secret_rows(r.item_notes(secret_part_uid)), [])
        else:
            rows = self._public_rows(self.rows.item_notes(int(item_id)))
        return rows[0] if rows else None

    def add_note(
        self, item_id: int, text: str, tags: Iterable[str] | None = None, *, secret_part_uid: str | None = None
    ) -> dict:
        """Add one more note to an item (the CLI's ``note add``). Returns after COMMIT."""
        item = self._item(item_id)
        text = _check_body(text)
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
        comment = _check_body(comment)
        new_tags = normalize_tags(tags)
        color = _check_color(color)
        if (document_id is None) == (secret_part_uid is None):
            raise AnnotationError(
                "Ange antingen en handling eller en sekretessdel.", "Give either a document or a secret part."
            )
        if secret_part_uid is not None:
            side, owner = self._owner(item, secret_part_uid)
            secret = side.repo.vault.get_secret(secret_part_uid) or {}
            anchor = self._anchor_in(secret.get("text") or "", start, end, quote, page, None)
            if anchor["page"] is None:
                anchor["page"] = secret.get("page")
        else:
            doc = self._document_of_item(item["id"], document_id)
            layout = self._layout(doc["id"])
            anchor = self._anchor_in(layout.text, start, end, quote, page, layout)
            side, owner = (
                self._public(),
                {"item_id": item["id"], "document_id": doc["id"], "origin_document_id": doc["id"]},
            )
        return self._insert(
            side, {**owner, "kind": "highlight", **anchor, "body": comment, "tags": new_tags, "color": color}
        )

    @staticmethod
    def _anchor_in(text: str, start, end, quote, page, layout: _Layout | None) -> dict:
        """The stored anchor columns (quote, prefix, suffix, char_start, char_end, page)."""
        if start is not None and end is not None:
            if not (isinstance(start, int) and isinstance(end, int)) or not (0 <= start < end <= len(text)):
                raise AnnotationError("Markeringen ligger utanför texten.", "The selection lies outside the text.")
            s, e = trim_span(text, start, end)
            if s >= e:
                raise AnnotationError("Markeringen är tom.", "The selection is empty.")
        elif quote is not None and quote.strip():
            hint = layout.offset_of_page(page) if layout is not None else None
            found = locate(text, TextQuote(quote), hint=hint)
            if found is None:
                # a PDF selection whose text differs from ours: keep the quote and page; re-anchoring uses them
                return {
                    "quote": " ".join(quote.split()),
                    "prefix": "",
                    "suffix": "",
                    "char_start": None,
                    "char_end": None,
                    "page": page,
                }
            s, e = found.start, found.end
        else:
            raise AnnotationError("Markera ett textstycke.", "Select a passage of text.")
        sel = selector_for(text, s, e)
        if page is None and layout is not None:
            page = layout.section_page(s)
        return {
            "quote": sel.quote,
            "prefix": sel.prefix,
            "suffix": sel.suffix,
            "char_start": s,
            "char_end": e,
            "page": page,
        }

    # ================================================================================ edit / delete
    def update_annotation(
        self, ann_id, *, body: str | None = None, tags: Iterable[str] | None = None, color: str | None = None
    ) -> dict:
        """Change a note's text / a highlight's comment, its tags or colour. Returns after COMMIT."""
        where, key = self._resolve(ann_id)
        changes: dict = {}
        if body is not None:
            changes["body"] = _check_body(body)
        if tags is not None:
            changes["tags"] = json.dumps(normalize_tags(tags), ensure_ascii=False)
        if color is not None:
            changes["color"] = _check_color(color)
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
        rows = self.rows
        with rows.transaction():
            rows.set_position(item["id"], code, now_iso())
        return {"item_id": item["id"], "position": code, "label": POSITIONS.get(code) if code else None}

    def position(self, item_id: int) -> str | None:
        return self.rows.position(int(item_id))

    def positions_for_meeting(self, meeting_id: str) -> dict[int, str]:
        """item id -> the member's planned position, for every item of the meeting that has one."""
        return self.rows.positions_for_meeting(meeting_id)

    # ================================================================================ listings
    @staticmethod
    def _sort_key(a: dict):
        order = 0 if a["is_item_note"] else (1 if a["kind"] == "note" else 2)
        ident = (0, a["id"], "") if isinstance(a["id"], int) else (1, 0, a["id"])
        return (
            a["item_position"] if a["item_position"] is not None else 1 << 30,
            a["secret"],
            order,
            a["document_id"] or 0,
            a["start"] if a["start"] is not None else -1,
            a["created_at"],
            ident,
        )

    def annotations_for_item(self, item_id: int) -> list[dict]:
        """All annotations of an item, every document version, with anchor info; secret ones only while
        the vault is unlocked. Public ones first (item note, notes, highlights in text order), then the secret
        parts' in the same order."""
        out = self._public_rows(self.rows.for_item(int(item_id)))
        out += self._read_secret(lambda r: self._secret_rows(r.for_item(int(item_id))), [])
        return sorted(out, key=self._sort_key)

    def annotations_for_document(self, document_id: int) -> list[dict]:
        """The highlights anchored to one document version (what the reader paints)."""
        rows = self._public_rows(self.rows.for_document(int(document_id)))
        return sorted(rows, key=lambda a: (a["start"] if a["start"] is not None else -1, a["id"]))

    def annotations_for_secret_part(self, secret_part_uid: str) -> list[dict]:
        """Annotations on one secret part; empty while the vault is locked."""
        rows = self._read_secret(lambda r: self._secret_rows(r.for_secret_part(secret_part_uid)), [])
        return sorted(rows, key=self._sort_key)

    def _meeting_annotations(self, meeting_id: str, *, include_secret: bool) -> list[dict]:
        out = self._public_rows(self.rows.for_meeting(meeting_id))
        if include_secret:
            ids = self.rows.item_ids_of_meeting(meeting_id)
            if ids:
                out += self._read_secret(lambda r: self._secret_rows(r.for_items(ids)), [])
        return out

    @staticmethod
    def _has_content(a: dict) -> bool:
        return a["kind"] == "highlight" or bool(a["body"].strip()) or bool(a["tags"])

    def notes_for_meeting(self, meeting_id: str, *, include_secret: bool = True) -> list[dict]:
        """Notes and highlights of a meeting in agenda order (empty notes left out); secret ones only while
        the vault is unlocked and ``include_secret``."""
        rows = [a for a in self._meeting_annotations(meeting_id, include_secret=include_secret) if self._has_content(a)]
        return sorted(rows, key=self._sort_key)

    def items_with_notes(self, meeting_id: str) -> dict[int, dict]:
        """For the agenda: ``{item_id: {"count", "position", "tags", "needs_review"}}`` for every item that has
        a non-empty annotation or a planned position."""
        out: dict[int, dict] = {}

        def entry(item_id: int) -> dict:
            return out.setdefault(item_id, {"count": 0, "position": None, "tags": [], "needs_review": 0})

        for a in self._meeting_annotations(meeting_id, include_secret=True):
            if not self._has_content(a):
                continue
            e = entry(a["item_id"])
            e["count"] += 1
            e["needs_review"] += a["anchor_state"] == "needs_review"
            for t in a["tags"]:
                if t not in e["tags"]:
                    e["tags"].append(t)
        for item_id, pos in self.rows.positions_for_meeting(meeting_id).items():
            entry(item_id)["position"] = pos
        return out

    def needs_review(self, meeting_id: str | None = None) -> list[dict]:
        """Highlights that could not be placed on a new version ("behöver granskas")."""
        rows = self._public_rows(self.rows.needing_review(meeting_id))
        return sorted(rows, key=lambda a: (a["meeting_id"], self._sort_key(a)))

    def _all_tags(self) -> list[list[str]]:
        return self.rows.tag_lists() + self._read_secret(lambda r: r.tag_lists(), [])

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
        rows = self._public_rows(self.rows.with_tag(t))
        rows += self._read_secret(lambda r: self._secret_rows(r.with_tag(t)), [])
        dates = self.rows.meeting_dates()
        rows.sort(key=self._sort_key)
        rows.sort(key=lambda a: dates.get(a["meeting_id"], ""), reverse=True)
        return rows

    # ================================================================================ re-anchoring
    def reanchor_after_import(
        self, new_document_ids: Iterable[int], superseded_document_ids: Iterable[int]
    ) -> ReanchorReport:
        """Move the highlights of each superseded document version onto its successor (same item and
        ``doc_key``). Called by the importer inside the import transaction, right after ``save_meeting``.

        Placed exactly -> 'ok' (same offsets) or 'moved'; placed on edited text -> 'fuzzy' (the quote now
        shows the new wording, the first wording is kept in ``original_quote``); not found, or the document
        is gone from the re-issue -> 'needs_review', left on the old version. Highlights already waiting for
        review on an older version of the same document get another chance on the new one."""
        report = ReanchorReport()
        superseded = [int(i) for i in superseded_document_ids]
        if not superseded:
            return report
        repo = self.ctx.repo
        new_by_key = {}
        for nid in new_document_ids:
            d = repo.document(int(nid))
            if d is not None:
                new_by_key[(d["item_id"], d["doc_key"])] = d
        touched: list[int] = []
        now = now_iso()
        rows_repo = self.rows
        with rows_repo.transaction():
            for sid in superseded:
                old = repo.document(sid)
                if old is None:
                    continue
                key = (old["item_id"], old["doc_key"])
                new = new_by_key.get(key) or rows_repo.current_document(*key)
                rows = rows_repo.on_document(sid)
                if new is not None:
                    rows += rows_repo.waiting_for_review(old["item_id"], old["doc_key"], sid)
                if not rows:
                    continue
                new_layout = self._layout(new["id"]) if new is not None else None
                old_layouts: dict[int, _Layout] = {}
                for row in rows:
                    if row["document_id"] not in old_layouts:
                        old_layouts[row["document_id"]] = self._layout(row["document_id"])
                    state = self._reanchor_row(row, old_layouts[row["document_id"]], new, new_layout, now)
                    touched.append(row["id"])
                    if state == "fuzzy":
                        report.fuzzy += 1
                    elif state == "needs_review":
                        report.needs_review += 1
                    else:
                        report.placed += 1
            self._index_public(touched)
        if touched:
            _log.info(
                "re-anchored %d highlights: %d exact, %d fuzzy, %d need review",
                len(touched),
                report.placed,
                report.fuzzy,
                report.needs_review,
            )
        return report

    def _reanchor_row(self, row: dict, old_layout: _Layout, new: dict | None, layout: _Layout | None, now: str) -> str:
        found = None
        if new is not None and layout is not None and row["quote"]:
            hint = row["char_start"] if row["char_start"] is not None else layout.offset_of_page(row["page"])
            found = locate(
                layout.prepared, TextQuote(row["quote"], row["prefix"] or "", row["suffix"] or ""), hint=hint
            )
        if found is None:
            self.rows.mark_needs_review(row["id"], now)
            return "needs_review"
        sel = selector_for(layout.text, found.start, found.end)
        if found.method == "fuzzy":
            state = "fuzzy"
        elif found.start == row["char_start"] and sel.quote == row["quote"]:
            state = "ok"
        else:
            state = "moved"
        page = layout.section_page(found.start)
        old_section_page = old_layout.section_page(row["char_start"]) if row["char_start"] is not None else None
        if page is not None and row["page"] is not None and old_section_page is not None:
            # keep how far into its section the passage was (a section may run over several pages)
            first, last = layout.pages
            shifted = page + (row["page"] - old_section_page)
            if first is not None and first <= shifted <= (new["page_end"] or last):
                page = shifted
        original = row["original_quote"]
        if sel.quote != row["quote"] and original is None:
            original = row["quote"]
        self.rows.update(
            row["id"],
            {
                "document_id": new["id"],
                "quote": sel.quote,
                "prefix": sel.prefix,
                "suffix": sel.suffix,
                "char_start": found.start,
                "char_end": found.end,
                "page": page,
                "anchor_state": state,
                "anchor_score": found.score,
                "original_quote": original,
                "reanchored_at": now,
            },
        )
        return state

    def place_manually(self, ann_id, document_id: int, start: int, end: int) -> dict:
        """Resolve a "behöver granskas" highlight: the user marks where the passage is now."""
        where, key = self._resolve(ann_id)
        if where != "public":
            raise AnnotationError("Markeringen kan inte flyttas.", "This highlight cannot be moved.")
        row = self._public_one(key)
        if row["kind"] != "highlight":
            raise AnnotationError("Bara markeringar kan placeras.", "Only highlights can be placed.")
        doc = self._document_of_item(row["item_id"], document_id)
        layout = self._layout(doc["id"])
        anchor = self._anchor_in(layout.text, start, end, None, None, layout)
        rows = self.rows
        with rows.transaction():
            rows.update(
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
                },
            )
            self._index_public([key])
        return self._public_one(key)

    def dismiss_review(self, ann_id) -> dict:
        """Resolve a "behöver granskas" highlight by keeping it on the version it was made on."""
        where, key = self._resolve(ann_id)
        if where != "public":
            raise AnnotationError("Markeringen kan inte ändras.", "This highlight cannot be changed.")
        rows = self.rows
        with rows.transaction():
            rows.dismiss_review(key, now_iso())
        return self._public_one(key)


__all__ = [
    "ANCHOR_STATES",
    "POSITIONS",
    "SUGGESTED_TAGS",
    "AnnotationError",
    "AnnotationService",
    "ReanchorReport",
    "normalize_position",
    "normalize_tags",
]


def _anchor_fields(r: dict) -> dict:
    """The fields a public ``annotation`` row and a vault ``secret_annotation`` row share."""
    return {
        "quote": r["quote"],
        "prefix": r["prefix"],
        "suffix": r["suffix"],
        "start": r["char_start"],
        "end": r["char_end"],
        "page": r["page"],
        "body": r["body"],
        "tags": json.loads(r["tags"] or "[]"),
        "color": r["color"],
        "anchor_state": r["anchor_state"],
        "created_at": r["created_at"],
        "modified_at": r["modified_at"],
    }
