"""ReadingService: read / unread / changed since read, last page, "continue where I stopped", the PDF page
range of a document, and writes that wait for nobody (no Qt here)."""

from __future__ import annotations

import sqlite3

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from botkyrka_nämnd.domain.casenumber import parse_case_number
from botkyrka_nämnd.domain.model import AgendaItem, Document, Meeting, Section
from botkyrka_nämnd.services.context import AppContext
from botkyrka_nämnd.services.reading import CHANGED, READ, UNREAD, ReadingService
from botkyrka_nämnd.storage.db import now_iso


def _pdf(pages: int) -> bytes:
    import io

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for n in range(1, pages + 1):
        c.drawString(72, 760, f"Sida {n}")
        c.showPage()
    c.save()
    return buf.getvalue()


def _meeting(proposal: str = "Nämnden godkänner rapporten.", bilaga_text: str = "Bilagans text.") -> Meeting:
    items = [
        AgendaItem(
            ordinal=1,
            title="Delårsrapport",
            kind="beslutsarende",
            agenda_case_number=parse_case_number("SN/2024:00303"),
            proposal=proposal,
            documents=[
                Document(
                    kind="tjansteskrivelse",
                    title="Delårsrapport",
                    page_start=2,
                    page_end=3,
                    sections=[
                        Section(
                            kind="forslag_till_beslut",
                            text_raw=proposal,
                            text_clean=proposal,
                            heading="Förslag till beslut",
                            page=2,
                        )
                    ],
                ),
                Document(
                    kind="bilaga",
                    title="Rapport",
                    bilaga_label="Bilaga 1",
                    page_start=4,
                    page_end=6,
                    sections=[Section(kind="body", text_raw=bilaga_text, text_clean=bilaga_text, page=4)],
                ),
            ],
        ),
        AgendaItem(ordinal=2, title="Information", kind="information"),
    ]
    return Meeting(
        date="2024-09-24",
        committee="Socialnämnden",
        committee_short="SN",
        municipality="Botkyrka kommun",
        time="18:00",
        items=items,
    )


@pytest.fixture
def ctx(data_dir):
    c = AppContext(data_dir)
    yield c
    c.close()


def _save(ctx, meeting: Meeting, pdf: bytes | None = None) -> None:
    with ctx.store.transaction():
        sf = None
        if pdf is not None:
            import hashlib

            sf = (
                ctx.store.db["source_file"]
                .insert(
                    {
                        "sha256": hashlib.sha256(pdf + meeting.items[0].proposal.encode()).hexdigest(),
                        "display_name": "k.pdf",
                        "file_type": "pdf",
                        "size": len(pdf),
                        "pages": 6,
                        "meeting_id": meeting.id,
                        "has_secret": 0,
                        "blob": pdf,
                        "public_pdf": None,
                        "imported_at": now_iso(),
                    }
                )
                .last_pk
            )
        ctx.repo.save_meeting(meeting, sf)


def _ids(ctx):
    items = ctx.repo.items("botkyrka-sn-2024-09-24")
    first = items[0]["id"]
    docs = ctx.repo.documents(first)
    return first, items[1]["id"], docs[0]["id"], docs[1]["id"]


def test_item_read_and_changed_since_read(ctx):
    _save(ctx, _meeting(), _pdf(6))
    r = ReadingService(ctx)
    item1, item2, _, _ = _ids(ctx)
    assert r.item_state(item1) == UNREAD
    r.mark_item_read(item1)
    assert r.item_state(item1) == READ
    assert r.item_states("botkyrka-sn-2024-09-24") == {item1: READ, item2: UNREAD}
    counts = r.meeting_counts()["botkyrka-sn-2024-09-24"]
    assert (counts.total, counts.unread, counts.changed) == (2, 1, 0)
    # a re-issued kallelse changes item 1's proposal: it is "changed since read", item 2 stays unread
    _save(ctx, _meeting(proposal="Nämnden godkänner den reviderade rapporten."))
    assert r.item_state(item1) == CHANGED
    assert r.meeting_counts()["botkyrka-sn-2024-09-24"].changed == 1
    r.mark_item_read(item1)
    assert r.item_state(item1) == READ
    r.mark_item_unread(item1)
    assert r.item_state(item1) == UNREAD


def test_state_survives_a_new_service(ctx):
    _save(ctx, _meeting(), _pdf(6))
    item1, _, _, bilaga = _ids(ctx)
    r = ReadingService(ctx)
    r.mark_item_read(item1)
    r.set_last_page(bilaga, 3)
    r.close()
    again = ReadingService(ctx)
    assert again.item_state(item1) == READ
    assert again.last_page(bilaga) == 3
    assert again.document_state(bilaga) == READ


def test_reissued_document_is_changed_and_keeps_the_page(ctx):
    _save(ctx, _meeting(), _pdf(6))
    item1, _, _, bilaga = _ids(ctx)
    r = ReadingService(ctx)
    r.mark_document_read(bilaga, 2)
    _save(ctx, _meeting(bilaga_text="Bilagans nya text."))
    new_docs = ctx.repo.documents(item1)
    new_bilaga = next(d["id"] for d in new_docs if d["kind"] == "bilaga")
    assert new_bilaga != bilaga
    assert r.document_state(new_bilaga) == CHANGED
    assert r.last_page(new_bilaga) == 2  # continue where the old version was left
    r.mark_document_read(new_bilaga)
    assert r.document_state(new_bilaga) == READ


def test_continue_where_i_stopped(ctx):
    _save(ctx, _meeting(), _pdf(6))
    item1, item2, _, bilaga = _ids(ctx)
    r = ReadingService(ctx)
    assert r.last_position() is None
    r.remember("botkyrka-sn-2024-09-24", item2)
    assert r.last_position().item_id == item2
    r.remember("botkyrka-sn-2024-09-24", item1, bilaga, 3)
    pos = ReadingService(ctx).last_position()
    assert (pos.meeting_id, pos.item_id, pos.document_id, pos.page) == ("botkyrka-sn-2024-09-24", item1, bilaga, 3)
    # the document was re-issued since: continue in its current version
    _save(ctx, _meeting(bilaga_text="Ny version."))
    pos = r.last_position()
    assert pos.document_id != bilaga and ctx.repo.document(pos.document_id)["is_current"] == 1
    # a stale position (meeting gone) is ignored
    ctx.settings.set("reading.last_position", '{"meeting_id": "SN-1999-01-01", "item_id": 99999}')
    assert ReadingService(ctx).last_position() is None


def test_document_pdf_holds_only_its_page_range(ctx):
    _save(ctx, _meeting(), _pdf(6))
    item1, _, ts, bilaga = _ids(ctx)
    r = ReadingService(ctx)
    pdf = r.document_pdf(bilaga)
    assert (pdf.first_page, pdf.page_count) == (4, 3)
    doc = pdfium.PdfDocument(pdf.data)
    try:
        assert len(doc) == 3
        assert doc[0].get_textpage().get_text_range().strip() == "Sida 4"
        assert doc[2].get_textpage().get_text_range().strip() == "Sida 6"
    finally:
        doc.close()
    docs = r.documents(item1)
    assert [d["has_pdf"] for d in docs] == [True, True]
    assert r.document_pdf(ts).page_count == 2


def test_document_without_pdf(ctx):
    _save(ctx, _meeting())  # imported from text: no source file
    item1, _, ts, _ = _ids(ctx)
    r = ReadingService(ctx)
    assert r.document_pdf(ts) is None
    assert [d["has_pdf"] for d in r.documents(item1)] == [False, False]


def test_writes_never_wait_for_another_writer(ctx):
    """While another connection (an import in the worker process) holds the write lock, marks are kept
    pending and visible, and stored by a later flush."""
    _save(ctx, _meeting(), _pdf(6))
    item1, item2, _, bilaga = _ids(ctx)
    r = ReadingService(ctx)
    other = sqlite3.connect(str(ctx.store.path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        r.mark_item_read(item1)
        r.set_last_page(bilaga, 2)
        assert r.pending == 2
        assert r.item_state(item1) == READ  # the pending mark is visible
        assert r.item_states("botkyrka-sn-2024-09-24")[item1] == READ
        assert r.last_page(bilaga) == 2
        assert r.flush() is False
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert r.flush() is True
    assert r.pending == 0
    fresh = ReadingService(ctx)
    assert fresh.item_state(item1) == READ and fresh.last_page(bilaga) == 2
    assert fresh.item_state(item2) == UNREAD
