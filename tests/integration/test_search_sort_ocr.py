"""Search order (relevance or newest meeting first, service and CLI), OCR snippets (the repaired text only,
marked as machine-repaired) and the words of an opened hit, on the seed kallelser 000 (2024, digital),
002 (2018, OCR-damaged) and 003 (2020, digital)."""

from __future__ import annotations

import json
import re

import pytest

from botkyrka_nämnd.search.analysis import stem
from botkyrka_nämnd.search.snippet import Snippet
from botkyrka_nämnd.services.context import AppContext
from botkyrka_nämnd.services.search import SearchError
from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore
from tests.conftest import SEED_000, SEED_002, SEED_003

from .test_cli import run

pytestmark = pytest.mark.seeds

OCR_MEETING = "botkyrka-sn-2018-08-28"
WORD = re.compile(r"[^\W\d_]+")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, seeds_dir):
    root = tmp_path_factory.mktemp("sortocr") / "data"
    c = AppContext(root, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    for name in (SEED_000, SEED_002, SEED_003):
        c.importer.import_path(seeds_dir / name)
    yield c, root
    c.close()


def test_sort_by_date_gives_the_same_hits_newest_meeting_first(seeded):
    ctx, _ = seeded
    by_rank = ctx.search.search("socialnämnden budget", limit=50)
    by_date = ctx.search.search("socialnämnden budget", limit=50, sort="date")
    dates = [h.meeting_date for h in by_date]
    assert len(set(dates)) == 3  # all three meetings
    assert dates == sorted(dates, reverse=True)
    assert [h.meeting_date for h in by_rank] != dates  # relevance mixes the meetings
    assert {(h.item_id, h.source) for h in by_rank} == {(h.item_id, h.source) for h in by_date}
    # within a meeting the best hit stays first
    for mid in {h.meeting_id for h in by_date}:
        assert [h.item_id for h in by_date if h.meeting_id == mid] == [
            h.item_id for h in by_rank if h.meeting_id == mid
        ]
    with pytest.raises(SearchError):
        ctx.search.search("budget", sort="newest")


def test_cli_sort(seeded):
    _, root = seeded
    default = json.loads(run(root, "search", "socialnämnden budget", "--limit", "30", "--json").stdout)
    relevance = json.loads(
        run(root, "search", "socialnämnden budget", "--limit", "30", "--sort", "relevance", "--json").stdout
    )
    by_date = json.loads(
        run(root, "search", "socialnämnden budget", "--limit", "30", "--sort", "date", "--json").stdout
    )
    assert default == relevance
    meetings = [h["meeting_id"] for h in by_date]
    assert meetings == sorted(meetings, reverse=True)  # ids end in the date: newest first
    assert meetings != [h["meeting_id"] for h in default]
    bad = run(root, "search", "budget", "--sort", "newest", check=False)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr


def test_ocr_snippets_show_the_repaired_text_only(seeded):
    ctx, root = seeded
    hit = next(h for h in ctx.search.search("hemsjukvård", limit=20) if h.meeting_id == OCR_MEETING)
    assert hit.repaired and set(hit.to_json()) == {
        "meeting_id",
        "item_number",
        "item_title",
        "source",
        "snippet",
        "score",
    }
    text = hit.snippet_text.lower()
    # the agenda title (repaired) and the document heading (printed "hemsjukvard inte infors") were both shown
    assert "hemsjukvård" in text and "hemsjukvard" not in text and "infors" not in text
    ocr_hits = [h for h in ctx.search.search("socialnämnden budget", limit=50) if h.meeting_id == OCR_MEETING]
    assert len(ocr_hits) >= 4
    for h in ocr_hits:
        assert h.repaired
        marked = {h.snippet_text[a:b].lower() for a, b in h.highlights}
        assert marked and all(stem(w).startswith(("socialnämnd", "budget")) or "budget" in w for w in marked), marked
        # no OCR misreads of the marked words: 002 has no å/ä/ö at all, its misreads are é, "dm", "6" ...
        words = WORD.findall(h.snippet_text.lower())
        assert not [w for w in words if w.startswith("socialn") and w[7:9] != "äm"], h.snippet_text
        assert "é" not in h.snippet_text and re.search("[åäö]", h.snippet_text)
    # the clean files are not marked
    assert not any(
        h.repaired for h in ctx.search.search("socialnämnden budget", limit=50) if h.meeting_id != OCR_MEETING
    )
    out = run(root, "search", "hemsjukvård", "--limit", "3").stdout
    assert "(maskinellt rättad text)" in out and "hemsjukvard" not in out


def test_opened_hit_marks_every_query_word_and_finds_the_passage(seeded):
    ctx, _ = seeded
    query = "våld i nära relation"
    hit = next(
        h
        for h in ctx.search.search(query, limit=30, sources=["attachment"])
        if h.meeting_id == "botkyrka-sn-2024-09-24"
    )
    marks = ctx.search.document_marks(query, hit.document_id, hit.section_id, Snippet(hit.snippet_text, hit.highlights))
    text = ctx.repo.document_text(hit.document_id)
    words = {text[a:b].lower() for a, b in marks.ranges}
    for q in ("våld", "nära", "relation"):
        assert any(stem(w) == stem(q) for w in words), (q, words)
    assert "relationer" in words  # an inflected form
    # every occurrence of the query's exact words is marked, not only the first
    starts = {a for a, _ in marks.ranges}
    for m in re.finditer(r"(?i)\b(våld|relation)\b", text):
        assert m.start() in starts
    # the passage is the snippet's: the snippet's first marked word stands there
    a, b = hit.highlights[0]
    assert marks.passage is not None
    assert text[marks.passage : marks.passage + (b - a)] == hit.snippet_text[a:b]
    nearby = " ".join(text[marks.passage : marks.passage + 400].split())
    assert " ".join(hit.snippet_text[a:].split()[:6]).rstrip(" …") in nearby
