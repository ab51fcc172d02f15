"""End to end on a real kallelse: import seed 000, highlight passages in the 80 kB bilaga of item 4
(Delårsuppföljning 2), then import edited re-issues of the same file through the real importer and parser
(the edited copies are written to tmp_path; the seed itself is never copied into the project)."""

from __future__ import annotations

import pytest

from botkyrka_nämnd.services.context import AppContext
from tests.conftest import SEED_000

pytestmark = pytest.mark.seeds

SKYDD = "Att delta i organiserade fritidsaktiviteter är en skyddsfaktor för barn och har samband bland annat med god hälsa och bättre skolresultat."
REPEATED = "Bedömningen är att målet kommer att uppnås."  # 14 times in the bilaga
PERSONAL = "Bedömningen är att nämnden bidrar till området i hög utsträckning samtidigt som det finns förbättringsområden vad gäller personalomsättningen."
INSERTED = "Tillägg efter justering: uppgifterna om fritidspengen har kompletterats med utfallet för augusti."


@pytest.fixture
def ctx(data_dir):
    c = AppContext(data_dir)
    yield c
    c.close()


def bilaga(ctx, meeting_id):
    item = ctx.repo.item(meeting_id, 4)
    (doc,) = [d for d in ctx.repo.documents(item["id"]) if d["kind"] == "bilaga"]
    return item["id"], doc, ctx.repo.document_text(doc["id"])


def nth(text: str, needle: str, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = text.index(needle, pos + 1)
    return pos


def test_reissued_seed_reanchors_highlights(ctx, seeds_dir, tmp_path):
    raw = (seeds_dir / SEED_000).read_text(encoding="utf-8")
    assert raw.count(SKYDD) == 1 and raw.count(PERSONAL) == 1
    meeting_id = ctx.importer.import_path(seeds_dir / SEED_000).meeting_id
    item_id, doc, text = bilaga(ctx, meeting_id)
    assert text.count(REPEATED) == 14
    a = ctx.annotations

    def mark(quote, start):
        return a.save_highlight(
            item_id, document_id=doc["id"], start=start, end=start + len(quote), comment=f"om {quote[:20]}"
        )

    h_skydd = mark(SKYDD, text.index(SKYDD))
    h_fifth = mark(REPEATED, nth(text, REPEATED, 5))
    h_pers = mark(PERSONAL, text.index(PERSONAL))

    # v2: a paragraph inserted before the passages, one passage slightly edited
    v2 = raw.replace(SKYDD, INSERTED + "\n" + SKYDD, 1)
    v2 = v2.replace("i hög utsträckning samtidigt", "i mycket hög utsträckning samtidigt", 1)
    (tmp_path / "v2.txt").write_text(v2, encoding="utf-8")
    out = ctx.importer.import_path(tmp_path / "v2.txt")
    assert out.meeting_id == meeting_id and out.status == "updated" and out.superseded_documents >= 1
    _, doc2, text2 = bilaga(ctx, meeting_id)
    assert doc2["version"] == 2
    got = {x["id"]: x for x in a.annotations_for_item(item_id)}
    for h in (h_skydd, h_fifth, h_pers):
        assert got[h["id"]]["document_id"] == doc2["id"]
    assert text2[got[h_skydd["id"]]["start"] : got[h_skydd["id"]]["end"]] == SKYDD
    assert got[h_skydd["id"]]["anchor_state"] == "moved"
    assert got[h_fifth["id"]]["start"] == nth(text2, REPEATED, 5)  # still the fifth of fourteen
    edited = PERSONAL.replace("i hög", "i mycket hög")
    assert got[h_pers["id"]]["anchor_state"] == "fuzzy" and got[h_pers["id"]]["quote"] == edited
    assert got[h_pers["id"]]["original_quote"] == PERSONAL

    # v3: the first passage is removed: it stays on v2 for review, nothing is lost
    v3 = v2.replace(INSERTED + "\n" + SKYDD, INSERTED, 1)
    (tmp_path / "v3.txt").write_text(v3, encoding="utf-8")
    ctx.importer.import_path(tmp_path / "v3.txt")
    _, doc3, _ = bilaga(ctx, meeting_id)
    got = {x["id"]: x for x in a.annotations_for_item(item_id)}
    assert len(got) == 3
    assert got[h_skydd["id"]]["anchor_state"] == "needs_review" and got[h_skydd["id"]]["document_id"] == doc2["id"]
    assert got[h_fifth["id"]]["document_id"] == doc3["id"] and got[h_pers["id"]]["document_id"] == doc3["id"]
    assert [x["id"] for x in a.needs_review(meeting_id)] == [h_skydd["id"]]
