"""The importer's OCR repair for texts the search index needs repaired but that are shown as printed: an
agenda row's heading, a list entry, a part the member made public.

New imports get them from the parser (``heading_index``, ``list_entry.text_index``). Stores written before
schema v6 hold OCR'd meetings without them: :func:`backfill` fills them in once (the first time the search
index is opened after the migration) and has the items re-indexed, so search never repairs text itself."""

from __future__ import annotations

from typing import Any

from .. import log

_log = log.get("services")


def repair(text: str) -> str:
    """The importer's OCR repair of one text (lines and line structure kept)."""
    from ..importing.ocr.text import repair_text

    return repair_text(text, ocr=True) if text else text


def backfill(ctx: Any) -> list[int]:
    """Fill the missing index texts of OCR'd meetings; returns the items whose texts were filled."""
    repo = ctx.repo
    rows = repo.missing_index_texts()
    if not rows:
        return []
    changed: set[int] = set()
    with ctx.store.transaction():
        for kind, row_id, item_id, text in rows:
            repo.set_index_text(kind, row_id, repair(text))
            changed.add(item_id)
    _log.info("OCR index texts filled for %d items stored before schema v6", len(changed))
    return sorted(changed)
