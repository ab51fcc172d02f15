"""The annotation dicts :class:`~botkyrka_nämnd.services.annotations.AnnotationService` returns, made from
the rows of its repositories (``storage/annotations.py``, ``vault/annotations.py``), and their order.

A public annotation has an integer ``id``; a secret one (``secret=True``) is known by its ``uid``, which is
also its ``id``. ``start``/``end`` are offsets into ``Repository.document_text`` (or the secret part's text).
"""

from __future__ import annotations

import json


def anchor_fields(r: dict) -> dict:
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


def anchor_review_state(r: dict) -> str:
    """What the member sees of a highlight's anchor: 'placed', 'review' (its passage changed in a new
    version: a proposal waits for their say) or 'orphaned' (not found in the new version)."""
    if r["anchor_state"] != "needs_review":
        return "placed"
    return "review" if r.get("proposed_quote") is not None else "orphaned"


def public_dict(r: dict) -> dict:
    """An annotation from an ``AnnotationRepository`` row (with its item and document columns)."""
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
        **anchor_fields(r),
        "anchor_score": r["anchor_score"],
        "original_quote": r["original_quote"],
        # 'placed', or for review: 'review' (a proposal in the new version, "proposed") or 'orphaned'
        "state": anchor_review_state(r),
        "proposed": r["proposed_quote"] if r["anchor_state"] == "needs_review" else None,
        "proposed_document_id": r["proposed_document_id"] if r["anchor_state"] == "needs_review" else None,
        "proposed_start": r["proposed_start"] if r["anchor_state"] == "needs_review" else None,
        "proposed_end": r["proposed_end"] if r["anchor_state"] == "needs_review" else None,
        # the version it is anchored to is no longer current (left there for review, or kept by the user)
        "on_earlier_version": bool(on_doc and not r["document_is_current"]),
        # it was made on an earlier version and re-anchored onto this one
        "made_on_earlier_version": bool(on_doc and r["origin_document_id"] not in (None, r["document_id"])),
    }


def secret_dict(r: dict, item: dict) -> dict:
    """An annotation from a vault ``secret_annotation`` row and its public agenda item."""
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
        **anchor_fields(r),
        "anchor_score": None,
        "original_quote": None,
        "state": "placed",  # a secret part is not re-issued into versions: nothing to re-anchor
        "proposed": None,
        "proposed_document_id": None,
        "proposed_start": None,
        "proposed_end": None,
        "on_earlier_version": False,
        "made_on_earlier_version": False,
    }


def sort_key(a: dict) -> tuple:
    """Agenda order; in an item: public before secret, item note, notes, highlights in text order."""
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


def has_content(a: dict) -> bool:
    """Not an empty note: a highlight, or a note with text or tags."""
    return a["kind"] == "highlight" or bool(a["body"].strip()) or bool(a["tags"])
