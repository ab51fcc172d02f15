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
    for h in (h_skydd, h_fifth):  # found unchanged: moved silently
        assert got[h["id"]]["document_id"] == doc2["id"] and got[h["id"]]["state"] == "placed"
    assert text2[got[h_skydd["id"]]["start"] : got[h_skydd["id"]]["end"]] == SKYDD
    assert got[h_skydd["id"]]["anchor_state"] == "moved"
    assert got[h_fifth["id"]]["start"] == nth(text2, REPEATED, 5)  # still the fifth of fourteen
    # the edited passage: left on v1 with its quote, the new wording proposed for review
    edited = PERSONAL.replace("i hög", "i mycket hög")
    pers = got[h_pers["id"]]
    assert (pers["state"], pers["document_id"], pers["quote"]) == ("review", doc["id"], PERSONAL)
    assert pers["proposed"] == edited and pers["proposed_document_id"] == doc2["id"]
    accepted = a.accept_proposal(h_pers["id"])  # the member's say
    assert (accepted["state"], accepted["document_id"], accepted["quote"]) == ("placed", doc2["id"], edited)
    assert accepted["original_quote"] == PERSONAL and accepted["body"] == pers["body"]

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


AMOUNT = "Socialnämnden godkänner ansökan om statsbidrag om 755 000 kronor från Socialstyrelsen"
DEADLINE = (
    "Ansökan ska vara Socialstyrelsen tillhanda senast 2024-10-01."  # twice in item 5; the 2nd follows "resultaten,"
)
REWORDED = "Ansökan ska vara inkommen till Socialstyrelsen senast 2024-10-01."


def test_issue_12_reissue_changes_the_amount_and_rewords_a_highlighted_sentence(ctx, seeds_dir, tmp_path):
    """The scenario of issue 12: a re-issue of the 2024-09-24 kallelse changes item 5's proposal from 755 000
    to 810 000 kronor and rewords a highlighted sentence. Neither highlight moves or is rewritten; both are
    listed for review with the new text proposed, and the proposal never starts in another paragraph."""
    raw = (seeds_dir / SEED_000).read_text(encoding="utf-8")
    meeting_id = ctx.importer.import_path(seeds_dir / SEED_000).meeting_id
    item = ctx.repo.item(meeting_id, 5)
    (doc,) = [d for d in ctx.repo.documents(item["id"]) if d["kind"] == "tjansteutlatande"]
    text = ctx.repo.document_text(doc["id"])
    a = ctx.annotations
    h_amount = a.save_highlight(
        item["id"], document_id=doc["id"], start=text.index(AMOUNT), end=text.index(AMOUNT) + len(AMOUNT)
    )
    second = nth(text, DEADLINE, 2)
    assert text[second - 14 : second].strip().endswith("resultaten,")
    h_deadline = a.save_highlight(
        item["id"], document_id=doc["id"], start=second, end=second + len(DEADLINE), comment="Hinner vi?"
    )

    reissue = raw.replace("755 000 kronor", "810 000 kronor")
    i = nth(reissue, DEADLINE, 2)
    reissue = reissue[:i] + REWORDED + reissue[i + len(DEADLINE) :]
    (tmp_path / "v2.txt").write_text(reissue, encoding="utf-8")
    assert ctx.importer.import_path(tmp_path / "v2.txt").status == "updated"

    got = {x["id"]: x for x in a.annotations_for_item(item["id"])}
    amount, deadline = got[h_amount["id"]], got[h_deadline["id"]]
    for before, after in ((h_amount, amount), (h_deadline, deadline)):
        assert after["state"] == "review" and after["quote"] == before["quote"]  # never rewritten
        assert after["document_id"] == doc["id"] and after["start"] == before["start"]  # never moved
    assert amount["proposed"] == AMOUNT.replace("755 000", "810 000")
    assert deadline["proposed"] == REWORDED and not deadline["proposed"].startswith("resultaten")
    assert deadline["body"] == "Hinner vi?"
    assert {x["id"] for x in a.needs_review(meeting_id)} == {h_amount["id"], h_deadline["id"]}
    assert a.items_with_notes(meeting_id)[item["id"]]["needs_review"] == 2
