"""AnnotationService: notes, highlights, tags, positions, listings and the search-index hooks."""

from __future__ import annotations

import sqlite3

import pytest

from botkyrka_nämnd.errors import NotFound
from botkyrka_nämnd.services.annotations import SUGGESTED_TAGS, AnnotationError
from botkyrka_nämnd.services.context import AppContext
from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore

from .annotation_fixtures import MEETING_ID, PASSAGE, build_meeting, document_id, item_id, save


@pytest.fixture
def ctx(data_dir):
    c = AppContext(data_dir, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    save(c, build_meeting())
    yield c
    c.close()


class RecordingIndex:
    """Stands in for search.index.SearchIndex: records the hook calls and whether a transaction was open."""

    def __init__(self, conn, fail: bool = False):
        self.conn = conn
        self.fail = fail
        self.calls: list[tuple[str, list, bool]] = []

    def reindex_annotations(self, ids):
        self.calls.append(("reindex", list(ids), self.conn.in_transaction))
        if self.fail:
            raise RuntimeError("index broken")

    def remove_annotations(self, ids):
        self.calls.append(("remove", list(ids), self.conn.in_transaction))


@pytest.fixture
def index(ctx):
    idx = RecordingIndex(ctx.store.conn)
    ctx._search_index = idx
    return idx


def highlight_passage(ctx, **kw):
    d = document_id(ctx, 2)
    text = ctx.repo.document_text(d)
    s = text.index(PASSAGE)
    return ctx.annotations.save_highlight(item_id(ctx, 2), document_id=d, start=s, end=s + len(PASSAGE), **kw)


# ------------------------------------------------------------------------------------------ notes
def test_save_note_keeps_one_item_note_and_returns_the_committed_row(ctx):
    a = ctx.annotations
    i2 = item_id(ctx, 2)
    first = a.save_note(i2, "Yrka")
    for text in ("Yrka åter", "Yrka återremiss", "Yrka återremiss.\n\nFråga om kostnaderna för HVB."):
        last = a.save_note(i2, text)
    assert last["id"] == first["id"] and last["is_item_note"] and last["kind"] == "note"
    rows = ctx.store.conn.execute("SELECT body FROM annotation WHERE item_id=? AND is_item_note=1", (i2,)).fetchall()
    assert rows == [("Yrka återremiss.\n\nFråga om kostnaderna för HVB.",)]
    assert a.item_note(i2)["body"] == last["body"]
    assert a.item_note(item_id(ctx, 4)) is None


def test_item_note_is_unique_per_item_in_the_schema(ctx):
    i2 = item_id(ctx, 2)
    ctx.annotations.save_note(i2, "a")
    with pytest.raises(sqlite3.IntegrityError):
        with ctx.store.transaction():
            ctx.store.db["annotation"].insert(
                {
                    "uid": "x",
                    "item_id": i2,
                    "kind": "note",
                    "is_item_note": 1,
                    "body": "b",
                    "created_at": "t",
                    "modified_at": "t",
                }
            )


def test_save_note_keeps_tags_unless_given(ctx):
    a = ctx.annotations
    i2 = item_id(ctx, 2)
    a.save_note(i2, "text", tags=["Viktigt", " att  läsa "])
    assert a.save_note(i2, "text 2")["tags"] == ["viktigt", "att läsa"]
    assert a.save_note(i2, "text 2", tags=[])["tags"] == []


def test_add_note_adds_further_notes_beside_the_item_note(ctx):
    a = ctx.annotations
    i2 = item_id(ctx, 2)
    a.save_note(i2, "huvudanteckning")
    n1 = a.add_note(i2, "Fråga: varför ökar kostnaderna?", tags=["fråga"])
    n2 = a.add_note(i2, "Jäv? Kolla med sekreteraren.", tags=["jäv", "JÄV"])
    assert not n1["is_item_note"] and n2["tags"] == ["jäv"]
    bodies = [x["body"] for x in a.annotations_for_item(i2)]
    assert bodies == ["huvudanteckning", "Fråga: varför ökar kostnaderna?", "Jäv? Kolla med sekreteraren."]


@pytest.mark.parametrize(
    "call",
    [
        lambda a, i: a.add_note(i, "   "),
        lambda a, i: a.add_note(i, "x" * 1_000_001),
        lambda a, i: a.add_note(i, "x", tags=["t" * 41]),
        lambda a, i: a.add_note(i, "x", tags=[3]),
        lambda a, i: a.save_note(i, None),
        lambda a, i: a.set_position(i, "kanske"),
        lambda a, i: a.save_highlight(i, quote="x"),
    ],
)
def test_bad_input_is_a_user_error_and_saves_nothing(ctx, call):
    i2 = item_id(ctx, 2)
    with pytest.raises(AnnotationError) as exc:
        call(ctx.annotations, i2)
    assert exc.value.sv and exc.value.en and exc.value.sv != exc.value.en
    assert ctx.store.conn.execute("SELECT COUNT(*) FROM annotation").fetchone()[0] == 0


def test_unknown_item_or_annotation_is_not_found(ctx):
    with pytest.raises(NotFound):
        ctx.annotations.add_note(99999, "x")
    with pytest.raises(NotFound):
        ctx.annotations.update_annotation(12345, body="x")
    with pytest.raises(NotFound):
        ctx.annotations.delete_annotation(12345)


# ------------------------------------------------------------------------------------------ highlights
def test_highlight_by_offsets_stores_quote_context_and_page(ctx):
    h = highlight_passage(ctx, comment="Fråga om orsaken", tags=["fråga"], color="#ffd54f")
    assert h["kind"] == "highlight" and h["quote"] == PASSAGE
    assert h["page"] == 6 and h["bilaga_label"] == "Bilaga 1" and h["document_version"] == 1
    text = ctx.repo.document_text(h["document_id"])
    assert text[h["start"] : h["end"]] == PASSAGE
    assert text[: h["start"]].endswith(h["prefix"]) and text[h["end"] :].startswith(h["suffix"])
    assert len(h["prefix"]) == len(h["suffix"]) == 32
    assert h["body"] == "Fråga om orsaken" and h["anchor_state"] == "ok" and not h["made_on_earlier_version"]


def test_highlight_from_a_pdf_selection_finds_the_quote_near_its_page(ctx):
    d = document_id(ctx, 2)
    selected = PASSAGE.replace(" har ökat med ", " har ökat\nmed ")  # as the PDF view gives it: broken lines
    h = ctx.annotations.save_highlight(item_id(ctx, 2), document_id=d, quote=selected, page=6)
    text = ctx.repo.document_text(d)
    assert (h["start"], h["end"]) == (text.index(PASSAGE), text.index(PASSAGE) + len(PASSAGE))
    assert h["quote"] == PASSAGE and h["page"] == 6


def test_highlight_whose_quote_is_not_in_our_text_keeps_quote_and_page(ctx):
    d = document_id(ctx, 2)
    h = ctx.annotations.save_highlight(item_id(ctx, 2), document_id=d, quote="Tabell  3: Kostnad per\ndygn", page=7)
    assert h["quote"] == "Tabell 3: Kostnad per dygn" and h["page"] == 7 and h["start"] is None


def test_highlight_offsets_outside_the_text_or_another_items_document_are_refused(ctx):
    d = document_id(ctx, 2)
    n = len(ctx.repo.document_text(d))
    with pytest.raises(AnnotationError):
        ctx.annotations.save_highlight(item_id(ctx, 2), document_id=d, start=n - 3, end=n + 10)
    with pytest.raises(AnnotationError):
        ctx.annotations.save_highlight(item_id(ctx, 2), document_id=d, start=5, end=5)
    with pytest.raises(NotFound):
        ctx.annotations.save_highlight(item_id(ctx, 4), document_id=d, start=0, end=10)
    with pytest.raises(AnnotationError):
        ctx.annotations.save_highlight(item_id(ctx, 2), document_id=d, start=0, end=10, color="url(javascript:)")


def test_annotations_for_document_are_in_text_order(ctx):
    d = document_id(ctx, 2)
    text = ctx.repo.document_text(d)
    later = ctx.annotations.save_highlight(
        item_id(ctx, 2),
        document_id=d,
        start=text.index("Sammanfattningsvis"),
        end=text.index("Sammanfattningsvis") + 18,
    )
    earlier = highlight_passage(ctx)
    ctx.annotations.add_note(item_id(ctx, 2), "not on the document")
    assert [h["id"] for h in ctx.annotations.annotations_for_document(d)] == [earlier["id"], later["id"]]


# ------------------------------------------------------------------------------------------ edit / delete
def test_update_and_delete_by_id_or_uid(ctx):
    a = ctx.annotations
    h = highlight_passage(ctx)
    u = a.update_annotation(h["id"], body="Kommentar", tags=["Viktigt"])
    assert u["body"] == "Kommentar" and u["tags"] == ["viktigt"] and u["quote"] == PASSAGE
    assert a.update_annotation(h["uid"], color="gul")["color"] == "gul"
    a.delete_annotation(h["uid"])
    assert a.annotations_for_item(item_id(ctx, 2)) == []
    with pytest.raises(NotFound):
        a.delete_annotation(h["id"])


# ------------------------------------------------------------------------------------------ positions
def test_positions_accept_swedish_words_and_clear(ctx):
    a = ctx.annotations
    i2 = item_id(ctx, 2)
    assert a.set_position(i2, "För") == {"item_id": i2, "position": "for", "label": "För"}
    assert a.set_position(i2, "yrkande")["label"] == "Yrkande"
    assert a.position(i2) == "yrkande"
    assert a.set_position(i2, None)["position"] is None
    assert a.position(i2) is None


# ------------------------------------------------------------------------------------------ listings
def test_items_with_notes_for_the_agenda(ctx):
    a = ctx.annotations
    i1, i2, i4 = item_id(ctx, 1), item_id(ctx, 2), item_id(ctx, 4)
    a.save_note(i2, "Yrka återremiss", tags=["yrkande"])
    highlight_passage(ctx, tags=["fråga", "yrkande"])
    a.set_position(i2, "emot")
    a.set_position(i4, "avvakta")
    a.save_note(i1, "")  # an emptied note does not count
    got = a.items_with_notes(MEETING_ID)
    assert got == {
        i2: {"count": 2, "position": "emot", "tags": ["yrkande", "fråga"], "needs_review": 0},
        i4: {"count": 0, "position": "avvakta", "tags": [], "needs_review": 0},
    }


def test_notes_for_meeting_in_agenda_order_with_the_cli_keys(ctx):
    a = ctx.annotations
    a.add_note(item_id(ctx, 4), "Underskott 4,2 miljoner", tags=["att läsa"])
    a.add_note(item_id(ctx, 1), "Delegationslistan: fråga om § 12")
    highlight_passage(ctx, comment="Varför?")
    a.save_note(item_id(ctx, 2), "")  # empty: left out
    notes = a.notes_for_meeting(MEETING_ID)
    assert [(n["item_number"], n["kind"]) for n in notes] == [(1, "note"), (2, "highlight"), (4, "note")]
    assert notes[0]["item_title"] == "Anmälan av delegationsbeslut"
    assert notes[2]["tags"] == ["att läsa"] and notes[1]["body"] == "Varför?"
    assert a.notes_for_meeting("SN-1999-01-01") == []


def test_tags_in_use_and_annotations_with_tag(ctx):
    a = ctx.annotations
    a.add_note(item_id(ctx, 4), "a", tags=["öppenvård", "viktigt"])
    a.add_note(item_id(ctx, 1), "b", tags=["viktigt", "ärende"])
    highlight_passage(ctx, tags=["Viktigt", "arvode"])
    assert a.tags_in_use() == ["viktigt", "arvode", "ärende", "öppenvård"]  # most used, then Swedish order
    assert [x["item_number"] for x in a.annotations_with_tag("VIKTIGT")] == [1, 2, 4]
    assert a.annotations_with_tag("saknas") == []
    choices = a.tag_choices()
    assert (
        choices[: len(SUGGESTED_TAGS)] == list(SUGGESTED_TAGS) and choices.count("viktigt") == 1 and "arvode" in choices
    )


# ------------------------------------------------------------------------------------------ search hooks
def test_every_change_calls_the_index_inside_the_transaction(ctx, index):
    a = ctx.annotations
    n = a.save_note(item_id(ctx, 2), "text")
    a.save_note(item_id(ctx, 2), "text")  # unchanged: no write, no re-index
    h = highlight_passage(ctx)
    a.update_annotation(h["id"], body="kommentar")
    a.delete_annotation(n["id"])
    assert index.calls == [
        ("reindex", [n["id"]], True),
        ("reindex", [h["id"]], True),
        ("reindex", [h["id"]], True),
        ("remove", [n["id"]], True),
    ]


def test_a_failing_index_rolls_the_save_back(ctx):
    ctx._search_index = RecordingIndex(ctx.store.conn, fail=True)
    with pytest.raises(RuntimeError):
        ctx.annotations.add_note(item_id(ctx, 2), "inte sparad")
    assert ctx.store.conn.execute("SELECT COUNT(*) FROM annotation").fetchone()[0] == 0


def test_annotations_survive_reopening_the_store(ctx, data_dir):
    ctx.annotations.save_note(item_id(ctx, 2), "Åsa: yrka bifall")
    highlight_passage(ctx, tags=["fråga"])
    ctx.annotations.set_position(item_id(ctx, 2), "för")
    ctx.close()
    again = AppContext(data_dir)
    try:
        got = again.annotations.annotations_for_item(item_id(again, 2))
        assert [(x["kind"], x["body"], x["tags"]) for x in got] == [
            ("note", "Åsa: yrka bifall", []),
            ("highlight", "", ["fråga"]),
        ]
        assert again.annotations.position(item_id(again, 2)) == "for"
    finally:
        again.close()
