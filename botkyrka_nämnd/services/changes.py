"""What changed in a re-issued kallelse: per item and document, a word-level diff between the version the
member read and the current one (issue 12).

A re-issue stores a new version of each changed document and keeps the old ones (``document.version``,
``is_current``). :func:`changes` compares, for every document with more than one version, the latest
version the member read (the reading state; when they read none, the version before the current one) with
the current version:

- paragraphs are compared first: a paragraph found unchanged elsewhere in the other version was moved, and
  a move is not a change;
- the paragraphs that differ are compared word by word (``difflib``), so a changed amount shows as
  ``755 000`` -> ``810 000`` and not as two whole paragraphs;
- each hunk is ``{"old", "new"}`` (one side empty for an insertion or a deletion), with a little context
  around it in ``before``/``after`` and ``emphasis``: the changed words that are numbers, dates or names,
  for the views to make stand out.

Qt-free; the CLI's ``changes`` command and the window's changes view show the same list.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..domain.anchoring import normalize

CONTEXT_WORDS = 6
# a word, or an amount printed with digit groups ("755 000", "1 250 000,50") as one word
_WORD = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?=[\s.,;:)]|$)|\S+")
_EMPHASIS = re.compile(r"\d|^[A-ZÅÄÖ][a-zåäö]+")


@dataclass
class Hunk:
    old: str
    new: str
    before: str = ""
    after: str = ""
    words: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # the old and the new words

    @property
    def emphasis(self) -> list[str]:
        """Changed words that are numbers, dates or names (they stand out in the views)."""
        old, new = self.words
        return [w for w in (*new, *old) if (w not in old or w not in new) and _EMPHASIS.search(w)]

    def to_json(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "before": self.before, "after": self.after}


@dataclass
class DocumentChange:
    item_id: int
    item_number: int | None
    item_title: str
    document_id: int
    document: str  # the document's title (with its bilaga label)
    from_version: int
    to_version: int
    from_document_id: int
    read: bool  # from_version is the version the member read (else: the one before the current)
    hunks: list[Hunk] = field(default_factory=list)

    def text_lines(self) -> list[str]:
        """The change as the CLI prints it (Swedish)."""
        since = "den du läste" if self.read else "den förra"
        lines = [
            f"Ärende {self.item_number}: {self.document} (version {self.from_version} → {self.to_version}, "
            f"jämfört med {since})"
        ]
        for h in self.hunks:
            if h.old and h.new:
                lines.append(f"    ändrat: ”{h.old}” → ”{h.new}”")
            else:
                lines.append(f"    nytt: ”{h.new}”" if h.new else f"    borttaget: ”{h.old}”")
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "item_number": self.item_number,
            "item_title": self.item_title,
            "document": self.document,
            "document_id": self.document_id,
            "from_version": self.from_version,
            "to_version": self.to_version,
            "from_read_version": self.read,
            "hunks": [h.to_json() for h in self.hunks],
        }


def _paragraphs(text: str) -> list[str]:
    return [p for p in (normalize(x).strip() for x in text.split("\n")) if p]


def diff_texts(old: str, new: str) -> list[Hunk]:
    """The word-level hunks between two versions of a document's text; moved paragraphs are no change."""
    a, b = _paragraphs(old), _paragraphs(new)
    in_a, in_b = set(a), set(b)
    hunks: list[Hunk] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        gone = [p for p in a[i1:i2] if p not in in_b]  # a paragraph also in the new version was moved
        came = [p for p in b[j1:j2] if p not in in_a]
        if gone or came:
            hunks += _word_hunks(" ".join(gone), " ".join(came))
    return hunks


def _word_hunks(old: str, new: str) -> list[Hunk]:
    wa, wb = _WORD.findall(old), _WORD.findall(new)
    out: list[Hunk] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(wb[max(0, j1 - CONTEXT_WORDS) : j1]) if wb else " ".join(wa[max(0, i1 - CONTEXT_WORDS) : i1])
        after = " ".join(wb[j2 : j2 + CONTEXT_WORDS]) if wb else " ".join(wa[i2 : i2 + CONTEXT_WORDS])
        out.append(Hunk(" ".join(wa[i1:i2]), " ".join(wb[j1:j2]), before, after, (tuple(wa[i1:i2]), tuple(wb[j1:j2]))))
    return out


def changes(
    ctx: Any, meeting_id: str, item_number: int | None = None, *, was_read: Callable[[int], bool] | None = None
) -> list[DocumentChange]:
    """Every changed document of the meeting (or of one item), in agenda order. ``was_read(document_id)``
    tells whether the member read a version (default: the stored reading state; the window passes its
    reading service, which also knows the marks not stored yet)."""
    meetings = ctx.meetings
    if was_read is None:

        def was_read(document_id: int) -> bool:
            row = ctx.reading_state.row(f"document:{int(document_id)}")
            return bool(row and row.get("read_at"))

    out: list[DocumentChange] = []
    items = meetings.items(meeting_id)
    if item_number is not None:
        items = [it for it in items if it["ordinal"] == item_number]
    for it in items:
        versions: dict[str, list[dict[str, Any]]] = {}
        for d in meetings.documents(it["id"], current_only=False):
            versions.setdefault(d["doc_key"], []).append(d)
        for docs in versions.values():
            docs.sort(key=lambda d: d["version"])
            current = next((d for d in reversed(docs) if d["is_current"]), None)
            earlier = [d for d in docs if current is not None and d["version"] < current["version"]]
            if current is None or not earlier:
                continue
            read = [d for d in earlier if was_read(d["id"])]
            base = read[-1] if read else earlier[-1]
            hunks = diff_texts(meetings.document_text(base["id"]), meetings.document_text(current["id"]))
            if not hunks:
                continue
            title = " – ".join(x for x in (current.get("bilaga_label"), current["title"]) if x)
            out.append(
                DocumentChange(
                    it["id"],
                    it["ordinal"],
                    it["title"],
                    current["id"],
                    title,
                    base["version"],
                    current["version"],
                    base["id"],
                    bool(read),
                    hunks,
                )
            )
    return out
