"""Anchoring highlights to a document's text and re-anchoring them onto a new version (issue 6): the
re-anchoring policy of :class:`~botkyrka_nämnd.services.annotations.AnnotationService`.

A highlight remembers its quote, some context and its page (``domain.anchoring``), not only an offset.
:func:`reanchor_after_import` moves each highlight of a superseded document version onto its successor
when its quote is found there unchanged. Re-anchoring never lies: a highlight whose passage changed stays
on the version it was made on with ``anchor_state='needs_review'``, its stored quote untouched, and the best
match in the new version (within sentence and paragraph bounds) is kept beside it as a *proposal*
(``proposed_*``) for the member to accept, move or refuse; with no match it is orphaned (no proposal).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .. import log
from ..domain.anchoring import PreparedText, TextQuote, locate, normalize, selector_for, trim_span, within_bounds
from ..domain.doctext import join_sections, section_offsets
from ..storage.annotations import AnnotationRepository
from ..storage.db import now_iso
from ..storage.repository import Repository
from .annotation_rules import AnnotationError

_log = log.get("annotations")


@dataclass
class ReanchorReport:
    placed: int = 0  # the quote found unchanged: same or new place
    fuzzy: int = 0  # the passage changed: left on the old version with a proposal, for review
    needs_review: int = 0  # not found: left on the old version, orphaned


class Layout:
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


def layout_of(repo: Repository, document_id: int) -> Layout:
    return Layout(repo.sections(document_id))


def anchor_in(text: str, start, end, quote, page, layout: Layout | None) -> dict:
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


def reanchor_after_import(
    repo: Repository,
    rows_repo: AnnotationRepository,
    new_document_ids: Iterable[int],
    superseded_document_ids: Iterable[int],
    index: Callable[[list[int]], None],
) -> ReanchorReport:
    """Move the highlights of each superseded document version onto its successor (same item and
    ``doc_key``). Called by the importer inside the import transaction, right after ``save_meeting``.

    The quote found unchanged -> 'ok' (same offsets) or 'moved'; found only as an edited passage ->
    'needs_review' with a proposal on the new version (the quote is not rewritten); not found, or the
    document is gone from the re-issue -> 'needs_review' without one. Highlights already waiting for
    review on an older version of the same document get another chance on the new one."""
    report = ReanchorReport()
    superseded = [int(i) for i in superseded_document_ids]
    if not superseded:
        return report
    new_by_key = {}
    for nid in new_document_ids:
        d = repo.document(int(nid))
        if d is not None:
            new_by_key[(d["item_id"], d["doc_key"])] = d
    touched: list[int] = []
    now = now_iso()
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
            new_layout = layout_of(repo, new["id"]) if new is not None else None
            old_layouts: dict[int, Layout] = {}
            for row in rows:
                if row["document_id"] not in old_layouts:
                    old_layouts[row["document_id"]] = layout_of(repo, row["document_id"])
                state = _reanchor_row(rows_repo, row, old_layouts[row["document_id"]], new, new_layout, now)
                touched.append(row["id"])
                if state == "proposed":
                    report.fuzzy += 1
                elif state == "needs_review":
                    report.needs_review += 1
                else:
                    report.placed += 1
        index(touched)
    if touched:
        _log.info(
            "re-anchored %d highlights: %d exact, %d fuzzy, %d need review",
            len(touched),
            report.placed,
            report.fuzzy,
            report.needs_review,
        )
    return report


def _reanchor_row(
    rows_repo: AnnotationRepository, row: dict, old_layout: Layout, new: dict | None, layout: Layout | None, now: str
) -> str:
    found = None
    if new is not None and layout is not None and row["quote"]:
        hint = row["char_start"] if row["char_start"] is not None else layout.offset_of_page(row["page"])
        found = locate(layout.prepared, TextQuote(row["quote"], row["prefix"] or "", row["suffix"] or ""), hint=hint)
    if found is None or new is None or layout is None:  # found only when both are there
        rows_repo.mark_needs_review(row["id"], now)
        return "needs_review"
    sel = selector_for(layout.text, found.start, found.end)
    other_copy = found.method == "exact" and _another_occurrence(row, sel, old_layout, layout)
    if other_copy:  # the copy the member marked may have been edited: propose that, else the other copy
        hint = row["char_start"] if row["char_start"] is not None else layout.offset_of_page(row["page"])
        edited = locate(
            layout.prepared, TextQuote(row["quote"], row["prefix"] or "", row["suffix"] or ""), hint=hint, exact=False
        )
        if edited is not None and (edited.end <= found.start or edited.start >= found.end):
            found = edited
    if found.method == "fuzzy" or other_copy:
        # the passage changed (or only another copy of the same words is left): propose, never move or
        # rewrite without the member
        s, e = within_bounds(layout.text, found.start, found.end, row["quote"])
        rows_repo.mark_needs_review(
            row["id"], now, proposal=(new["id"], s, e, " ".join(layout.text[s:e].split())), score=found.score
        )
        return "proposed"
    if found.start == row["char_start"] and sel.quote == row["quote"]:
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
    rows_repo.update(
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
            "proposed_document_id": None,
            "proposed_start": None,
            "proposed_end": None,
            "proposed_quote": None,
            "original_quote": original,
            "reanchored_at": now,
        },
    )
    return state


def _another_occurrence(row: dict, sel: TextQuote, old_layout: Layout, layout: Layout) -> bool:
    """The quote is found unchanged, but the old version had it more often than the new one and neither
    side's context matches: the copy the member marked is gone and another copy of the same sentence is
    left (item 5 of the 2024-09-24 kallelse says "Ansökan ska vara Socialstyrelsen tillhanda senast
    2024-10-01." twice). That is a proposal, not a silent move."""
    quote = normalize(row["quote"] or "").strip()
    if not quote or layout.prepared.text.count(quote) >= old_layout.prepared.text.count(quote):
        return False
    from rapidfuzz import fuzz

    def same(old: str | None, new: str) -> bool:
        return bool(old) and fuzz.ratio(normalize(old or ""), normalize(new)) >= 80

    return not (same(row["prefix"], sel.prefix) or same(row["suffix"], sel.suffix))
