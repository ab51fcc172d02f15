"""A document's text as stored, shown and annotated: its non-empty sections joined by one blank line.

Highlights are offsets into this text, so the joining rule must be the same wherever a document's text is
built (the parsed model, the store, the annotation service, the reader): this module is its one home."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

SECTION_SEPARATOR = "\n\n"


def join_sections(texts: Iterable[str | None]) -> str:
    """The document text of sections with the texts ``texts`` (empty sections are left out)."""
    return SECTION_SEPARATOR.join(t for t in texts if t)


def section_offsets(texts: Sequence[str | None]) -> list[int | None]:
    """Where each section's text starts in :func:`join_sections` of the same texts (None for an empty one)."""
    out: list[int | None] = []
    pos, first = 0, True
    for t in texts:
        if not t:
            out.append(None)
            continue
        if not first:
            pos += len(SECTION_SEPARATOR)
        first = False
        out.append(pos)
        pos += len(t)
    return out
