"""Positions in a rendered reader view <-> offsets in a document's text.

The HTML renderer (``item_html``) records every paragraph of document text it emits as a ``Span`` (the
paragraph as shown plus the document offset of each character). After ``setHtml`` the rich-text engine
has one block per paragraph; :meth:`TextAnchors.build` pairs the spans with those blocks in order (by
their text, skipping headings, tables of lists and secret boxes in between), so

- a selection in the view becomes ``(document_id, start, end)`` in ``Repository.document_text``, which
  is what ``AnnotationService.save_highlight`` takes;
- a stored highlight ``(document_id, start, end)`` becomes the view ranges to paint.

A paragraph whose block cannot be found (the engine showed it differently) is simply not mapped: a
selection there cannot be highlighted and no highlight is painted in it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from PySide6.QtGui import QTextDocument

from .item_html import Span

LOOKAHEAD = 200  # blocks searched for a span's paragraph before giving up on that span


@dataclass
class Anchor:
    """A selection as document offsets (``end`` exclusive) and the text the member selected."""

    document_id: int
    start: int
    end: int
    quote: str


@dataclass
class _Placed:
    position: int  # of the block in the QTextDocument
    span: Span

    @property
    def length(self) -> int:
        return len(self.span.text)


class TextAnchors:
    def __init__(self, placed: list[_Placed] | None = None):
        self.placed = placed or []

    @classmethod
    def build(cls, doc: QTextDocument, spans: list[Span]) -> TextAnchors:
        blocks = []
        b = doc.begin()
        while b.isValid():
            blocks.append((b.position(), b.text()))
            b = b.next()
        placed: list[_Placed] = []
        k = 0
        for span in spans:
            for j in range(k, min(len(blocks), k + LOOKAHEAD)):
                if blocks[j][1] == span.text:
                    placed.append(_Placed(blocks[j][0], span))
                    k = j + 1
                    break
        return cls(placed)

    @property
    def mapped(self) -> int:
        return len(self.placed)

    def documents(self) -> set[int]:
        return {p.span.document_id for p in self.placed}

    # -- view -> document --------------------------------------------------------------------------
    def anchor(self, start: int, end: int, selected_text: str = "") -> Anchor | None:
        """The document range of the view range ``[start, end)``; None when it touches no document text.
        A selection over several documents keeps the part in the first one."""
        if end <= start:
            return None
        hits = [p for p in self.placed if p.position < end and p.position + p.length > start]
        if not hits:
            return None
        doc_id = hits[0].span.document_id
        hits = [p for p in hits if p.span.document_id == doc_id]
        first, last = hits[0], hits[-1]
        i0 = max(0, start - first.position)
        i1 = min(last.length, end - last.position)
        if i1 <= 0:
            return None
        s = first.span.offsets[i0]
        e = last.span.offsets[i1 - 1] + 1
        if e <= s:
            return None
        return Anchor(doc_id, s, e, " ".join(selected_text.split()))

    # -- document -> view --------------------------------------------------------------------------
    def ranges(self, document_id: int, start: int, end: int) -> list[tuple[int, int]]:
        """View ranges ``(position, length)`` showing document offsets ``[start, end)``."""
        out = []
        for p in self.placed:
            if p.span.document_id != document_id:
                continue
            offs = p.span.offsets
            if not offs or offs[-1] < start or offs[0] >= end:
                continue
            i0, i1 = bisect_left(offs, start), bisect_left(offs, end)
            if i1 > i0:
                out.append((p.position + i0, i1 - i0))
        return out
