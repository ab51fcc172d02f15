"""Re-anchoring when a re-issued kallelse brings a new version of a document (issue 6, SECURITY.md R13).

Re-issues go through ``Repository.save_meeting`` with a changed Document inside one transaction, followed
by the hook the importer calls (``annotation_fixtures.save``); one test drives ``ImportService`` itself.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from botkyrka_nämnd.importing.kallelse import ParseResult

from .annotation_fixtures import (
    MEETING_ID,
    PASSAGE,
    bilaga_sections,
    build_meeting,
    document_id,
    item_id,
    reissued,
    save,
)

INSERTED = "Tillägg i den nya versionen: uppgifterna för juni har rättats efter en kontroll mot ekonomisystemet."


@pytest.fixture
def meeting(ctx):
    m = build_meeting()
    save(ctx, m)
    return m


def highlight(ctx, quote=PASSAGE, **kw):
    d = document_id(ctx, 2)
    text = ctx.repo.document_text(d)
    s = text.index(quote)
    return ctx.annotations.save_highlight(item_id(ctx, 2), document_id=d, start=s, end=s + len(quote), **kw)


def bilaga_versions(ctx):
    return [
        (d["version"], d["is_current"])
        for d in ctx.repo.documents(item_id(ctx, 2), current_only=False)
        if d["kind"] == "bilaga"
    ]


def count(ctx):
    return ctx.store.conn.execute("SELECT COUNT(*) FROM annotation").fetchone()[0]


def test_unchanged_reimport_changes_nothing(ctx, meeting):
    h = highlight(ctx, comment="Fråga om orsaken")
    res = save(ctx, build_meeting())
    assert res.new_document_ids == [] and res.superseded_document_ids == []
    after = ctx.annotations.annotations_for_item(item_id(ctx, 2))
    assert after == [h]


def test_new_version_with_the_same_text_keeps_the_anchor_in_place(ctx, meeting):
    h = highlight(ctx)
    m2 = reissued(meeting)
    m2.item(2).documents[1].title = "Placeringsrapport januari–juni 2024 (rättad)"  # new version, same text
    res = save(ctx, m2)
    assert res.superseded_document_ids == [h["document_id"]]
    (a,) = ctx.annotations.annotations_for_item(item_id(ctx, 2))
    assert a["document_id"] == res.new_document_ids[0] and a["document_version"] == 2
    assert (a["start"], a["end"], a["page"], a["anchor_state"]) == (h["start"], h["end"], 6, "ok")
    assert a["made_on_earlier_version"] and not a["on_earlier_version"]


def test_paragraph_inserted_before_the_passage(ctx, meeting):
    h = highlight(ctx, comment="Fråga om orsaken", tags=["fråga"])
    save(ctx, reissued(meeting, bilaga=bilaga_sections(inserted=INSERTED)))
    (a,) = ctx.annotations.annotations_for_item(item_id(ctx, 2))
    text = ctx.repo.document_text(a["document_id"])
    assert a["anchor_state"] == "moved" and a["document_version"] == 2
    assert a["start"] == h["start"] + len(INSERTED) + 2
    assert text[a["start"] : a["end"]] == PASSAGE == a["quote"] and a["original_quote"] is None
    assert a["page"] == 6 and a["body"] == "Fråga om orsaken" and a["tags"] == ["fråga"]
    assert bilaga_versions(ctx) == [(1, 0), (2, 1)]
    assert ctx.annotations.needs_review(MEETING_ID) == []


def test_passage_edited_slightly_is_proposed_never_moved(ctx, meeting):
    h = highlight(ctx)
    edited = PASSAGE.replace("12 miljoner", "12,4 miljoner").replace("främst för", "främst bland")
    save(ctx, reissued(meeting, bilaga=bilaga_sections(passage=edited)))
    (a,) = ctx.annotations.annotations_for_item(item_id(ctx, 2))
    # stays where it was made, its quote untouched, listed for review with the new wording beside it
    assert (a["state"], a["document_id"], a["quote"], a["start"]) == ("review", h["document_id"], PASSAGE, h["start"])
    assert a["on_earlier_version"] and 80 <= a["anchor_score"] < 100
    assert a["proposed"] == edited and [x["id"] for x in ctx.annotations.needs_review(MEETING_ID)] == [a["id"]]
    new_text = ctx.repo.document_text(a["proposed_document_id"])
    assert new_text[a["proposed_start"] : a["proposed_end"]] == edited
    accepted = ctx.annotations.accept_proposal(a["id"])
    assert (accepted["state"], accepted["quote"], accepted["original_quote"]) == ("placed", edited, PASSAGE)
    assert accepted["document_version"] == 2 and accepted["made_on_earlier_version"] and accepted["page"] == 6
    assert ctx.annotations.needs_review() == []


def test_passage_removed_stays_on_the_old_version_for_review(ctx, meeting):
    h = highlight(ctx, comment="Viktig fråga")
    save(ctx, reissued(meeting, bilaga=bilaga_sections(passage=None)))
    (a,) = ctx.annotations.annotations_for_item(item_id(ctx, 2))
    assert a["anchor_state"] == "needs_review"
    assert a["document_id"] == h["document_id"] and a["document_version"] == 1 and a["on_earlier_version"]
    assert (a["quote"], a["start"], a["page"], a["body"]) == (PASSAGE, h["start"], 6, "Viktig fråga")
    assert [x["id"] for x in ctx.annotations.needs_review(MEETING_ID)] == [a["id"]]
    assert [x["id"] for x in ctx.annotations.needs_review()] == [a["id"]]
    assert ctx.annotations.items_with_notes(MEETING_ID)[item_id(ctx, 2)]["needs_review"] == 1
    # the old version and its text are still in the store
    assert ctx.repo.document_text(h["document_id"]).count(PASSAGE) == 1


def test_r13_republished_bilaga_keeps_every_annotation(ctx, meeting):
    """Version 1 has 5 annotations; the server publishes v2 (and v3): both versions are stored, all 5
    annotations stay, the count never decreases."""
    i2 = item_id(ctx, 2)
    highlight(ctx)
    highlight(ctx, quote="Under perioden placerades 48 barn och unga utanför hemmet")
    highlight(ctx, quote="Sammanfattningsvis följer förvaltningen utvecklingen månadsvis")
    ctx.annotations.save_note(i2, "Min anteckning")
    ctx.annotations.add_note(i2, "En till", tags=["fråga"])
    before = {a["uid"]: a for a in ctx.annotations.annotations_for_item(i2)}
    assert count(ctx) == 5
    v2 = bilaga_sections(passage=None, inserted=INSERTED)
    save(ctx, reissued(meeting, bilaga=v2))
    assert count(ctx) == 5 and bilaga_versions(ctx) == [(1, 0), (2, 1)]
    v3 = list(v2)
    v3[2].text_clean = v3[2].text_raw = "Förvaltningen återkommer i december."
    save(ctx, reissued(meeting, bilaga=v3))
    assert count(ctx) == 5 and bilaga_versions(ctx) == [(1, 0), (2, 0), (3, 1)]
    after = {a["uid"]: a for a in ctx.annotations.annotations_for_item(i2)}
    assert after.keys() == before.keys()
    states = sorted(
        (a["quote"] or "", a["anchor_state"], a["document_version"]) for a in after.values() if a["kind"] == "highlight"
    )
    assert states == [
        (PASSAGE, "needs_review", 1),
        ("Sammanfattningsvis följer förvaltningen utvecklingen månadsvis", "needs_review", 2),
        ("Under perioden placerades 48 barn och unga utanför hemmet", "ok", 3),
    ]
    assert all(after[u]["body"] == before[u]["body"] for u in before)


def test_needs_review_gets_another_chance_on_the_next_version(ctx, meeting):
    highlight(ctx)
    save(ctx, reissued(meeting, bilaga=bilaga_sections(passage=None)))
    assert ctx.annotations.needs_review(MEETING_ID)
    save(ctx, reissued(meeting, bilaga=bilaga_sections(inserted=INSERTED)))  # v3 brings the passage back
    (a,) = ctx.annotations.annotations_for_item(item_id(ctx, 2))
    assert a["document_version"] == 3 and a["anchor_state"] == "moved" and a["quote"] == PASSAGE
    assert ctx.annotations.needs_review() == []


def test_a_document_dropped_from_the_reissue_leaves_its_highlights_for_review(ctx, meeting):
    h = highlight(ctx)
    m2 = reissued(meeting)
    del m2.item(2).documents[1]
    save(ctx, m2)
    (a,) = ctx.annotations.annotations_for_item(item_id(ctx, 2))
    assert a["anchor_state"] == "needs_review" and a["document_id"] == h["document_id"] and a["on_earlier_version"]


def test_passage_moved_to_another_page_gets_the_new_page(ctx, meeting):
    highlight(ctx)
    sections = bilaga_sections(passage=None)
    sections[2].text_clean = sections[2].text_raw = sections[2].text_clean + "\n" + PASSAGE
    save(ctx, reissued(meeting, bilaga=sections))
    (a,) = ctx.annotations.annotations_for_item(item_id(ctx, 2))
    assert a["anchor_state"] == "moved" and a["page"] == 7


def test_manual_placement_and_dismissal_resolve_the_review(ctx, meeting):
    h1 = highlight(ctx)
    h2 = highlight(ctx, quote="Sammanfattningsvis följer förvaltningen")
    sections = bilaga_sections(passage="Kostnaderna ökade kraftigt.")
    sections[2].text_clean = sections[2].text_raw = "Förvaltningen återkommer i december."
    save(ctx, reissued(meeting, bilaga=sections))
    assert {a["id"] for a in ctx.annotations.needs_review()} == {h1["id"], h2["id"]}
    new_doc = document_id(ctx, 2)
    text = ctx.repo.document_text(new_doc)
    s = text.index("Kostnaderna ökade kraftigt.")
    placed = ctx.annotations.place_manually(h1["id"], new_doc, s, s + len("Kostnaderna ökade kraftigt."))
    assert placed["anchor_state"] == "ok" and placed["document_id"] == new_doc and placed["original_quote"] == PASSAGE
    kept = ctx.annotations.dismiss_review(h2["id"])
    assert kept["anchor_state"] == "ok" and kept["on_earlier_version"] and kept["document_version"] == 1
    assert ctx.annotations.needs_review() == []


def test_import_service_calls_the_reanchor_hook(ctx, monkeypatch, tmp_path):
    """The real ImportService path: load_source and parse_document are replaced by stand-ins that hand
    over our Meeting; the save, the hook and the transaction are the importer's own."""
    meetings = [build_meeting(), reissued(build_meeting(), bilaga=bilaga_sections(inserted=INSERTED))]

    def load_source(path, cancel=None):
        data = Path(path).read_bytes()
        import hashlib

        return types.SimpleNamespace(
            sha256=hashlib.sha256(data).hexdigest(),
            text=data.decode(),
            line_pages=None,
            file_type="text",
            data=data,
            size=len(data),
            pages=None,
            display_name=Path(path).name,
            artifacts=[],
        )

    def parse_document(text, line_pages=None, line_x=None, line_y=None, hints=None):
        return ParseResult(meetings[int(text.strip())])

    monkeypatch.setitem(sys.modules, "botkyrka_nämnd.importing.source", types.SimpleNamespace(load_source=load_source))
    monkeypatch.setitem(
        sys.modules, "botkyrka_nämnd.importing.kallelse", types.SimpleNamespace(parse_document=parse_document)
    )
    f1, f2 = tmp_path / "v1.txt", tmp_path / "v2.txt"
    f1.write_text("0")
    f2.write_text("1")
    assert ctx.importer.import_path(f1).status == "imported"
    h = highlight(ctx)
    out = ctx.importer.import_path(f2)
    assert out.status == "updated" and out.superseded_documents == 1
    (a,) = ctx.annotations.annotations_for_item(item_id(ctx, 2))
    assert a["document_version"] == 2 and a["anchor_state"] == "moved" and a["start"] == h["start"] + len(INSERTED) + 2


def test_a_reworded_sentence_is_proposed_within_its_paragraph(ctx, meeting):
    h = highlight(ctx)
    reworded = (
        "Kostnaderna för placeringar i HVB-hem blev 12 miljoner kronor högre än året innan, "
        "framför allt för ungdomar 16–17 år."
    )
    save(ctx, reissued(meeting, bilaga=bilaga_sections(passage=reworded)))
    (a,) = ctx.annotations.annotations_for_item(item_id(ctx, 2))
    assert (a["state"], a["quote"], a["document_id"]) == ("review", PASSAGE, h["document_id"])
    assert a["proposed"] == reworded  # not the tail of the paragraph before ("... 29 i HVB.")


def test_a_passage_split_across_two_paragraphs_is_proposed_in_one(ctx, meeting):
    h = highlight(ctx)
    first, second = PASSAGE.split(", främst")
    split = f"{first}.\n\nÖkningen gäller främst{second}"
    save(ctx, reissued(meeting, bilaga=bilaga_sections(passage=split)))
    (a,) = ctx.annotations.annotations_for_item(item_id(ctx, 2))
    assert (a["state"], a["quote"], a["start"]) == ("review", PASSAGE, h["start"])
    assert "\n" not in a["proposed"] and a["proposed"] in split.split("\n\n")[0] + "."
    text = ctx.repo.document_text(a["proposed_document_id"])
    assert "\n" not in text[a["proposed_start"] : a["proposed_end"]]


def test_a_deleted_passage_is_orphaned_with_no_proposal(ctx, meeting):
    h = highlight(ctx, comment="Viktig fråga")
    save(ctx, reissued(meeting, bilaga=bilaga_sections(passage=None)))
    (a,) = ctx.annotations.annotations_for_item(item_id(ctx, 2))
    assert (a["state"], a["proposed"], a["quote"], a["body"]) == ("orphaned", None, PASSAGE, "Viktig fråga")
    assert a["document_id"] == h["document_id"]
    with pytest.raises(Exception, match="inget förslag"):
        ctx.annotations.accept_proposal(a["id"])
    kept = ctx.annotations.dismiss_review(a["id"])  # keep it on the old version
    assert kept["state"] == "placed" and kept["on_earlier_version"]
