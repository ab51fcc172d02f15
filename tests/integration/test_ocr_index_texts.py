"""Search only indexes: the importer supplies the OCR-repaired texts of an OCR'd kallelse (schema v6:
``agenda_item.heading_index``, ``list_entry.text_index``, ``published_part.text_index``, beside
``section.text_index``). A store written before v6 gets them once, when its search index is first opened
(services/ocr_backfill.py), and finds the same words as a fresh import."""

from __future__ import annotations

import shutil
import sqlite3

from botkyrka_nämnd.services.context import AppContext
from tests.conftest import ROOT, SEED_002

OCR_MEETING = "botkyrka-sn-2018-08-28"  # seed 002, an OCR'd kallelse
ENTRY_RAW = "Ansdkan om antagning i hemvérnet"  # as the OCR printed a delegationsbeslut of that meeting
ENTRY_REPAIRED = "Ansökan om antagning i hemvärnet"


def _entry_hits(ctx, query: str) -> list[tuple[str, int | None]]:
    return [(h.meeting_id, h.item_number) for h in ctx.search.search(query, limit=40) if h.meeting_id == OCR_MEETING]


def _entry_row(db) -> tuple[str, str | None]:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT text, text_index FROM list_entry WHERE text LIKE ?", (ENTRY_RAW + "%",)).fetchone()


def test_the_importer_supplies_the_repaired_texts(tmp_path, seeds_dir):
    ctx = AppContext(tmp_path / "data", check_store=False)
    try:
        ctx.importer.import_path(seeds_dir / SEED_002)
        text, text_index = _entry_row(ctx.paths.store)
        assert text.startswith(ENTRY_RAW) and text_index.startswith(ENTRY_REPAIRED)  # shown as printed
        assert ctx.repo.missing_index_texts() == []  # nothing left for the backfill
        with sqlite3.connect(ctx.paths.store) as c:
            headings = c.execute(
                "SELECT COUNT(*), COUNT(heading_index) FROM agenda_item WHERE meeting_id=? AND title_heading IS NOT NULL",
                (OCR_MEETING,),
            ).fetchone()
        assert headings[0] > 0 and headings[0] == headings[1]
        assert _entry_hits(ctx, "hemvärnet")  # the repaired word
        assert _entry_hits(ctx, "hemvérnet")  # and the text as printed
    finally:
        ctx.close()


def test_a_store_from_before_v6_is_filled_in_once_and_searches_the_same(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(ROOT / "tests" / "fixtures" / "store_v5.db", data / "store.db")
    ctx = AppContext(data, check_store=False)
    try:
        assert len(ctx.repo.missing_index_texts()) >= 24 + 13  # the OCR meeting's entries and row headings
        assert _entry_hits(ctx, "hemvärnet")  # opening the index filled them in and re-indexed the items
        text, text_index = _entry_row(ctx.paths.store)
        assert text.startswith(ENTRY_RAW) and text_index.startswith(ENTRY_REPAIRED)
        assert ctx.repo.missing_index_texts() == []
        with sqlite3.connect(ctx.paths.store) as c:  # digital meetings keep none (their text is the index text)
            assert c.execute(
                """SELECT COUNT(*) FROM list_entry e JOIN agenda_item a ON a.id=e.item_id
                   WHERE a.meeting_id<>? AND e.text_index IS NOT NULL""",
                (OCR_MEETING,),
            ).fetchone() == (0,)
    finally:
        ctx.close()
