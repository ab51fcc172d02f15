"""Notes and highlight comments are searchable (source 'note') through the real search index; notes on
secret parts only while the vault is unlocked."""

from __future__ import annotations

import pytest

from botkyrka_nämnd.services.context import AppContext
from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore

from .annotation_fixtures import (
    MEETING_ID,
    PASSAGE,
    PASSPHRASE,
    build_meeting,
    document_id,
    fill_vault,
    item_id,
    save,
    secret_uid,
)

pytest.importorskip("botkyrka_nämnd.search.index")


@pytest.fixture
def ctx(data_dir):
    c = AppContext(data_dir, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    m = build_meeting()
    save(c, m)
    c.search_index.rebuild()
    c.vault.init(PASSPHRASE)
    fill_vault(c, m)
    yield c
    c.close()


def note_hits(ctx, query, **kw):
    return [(h.meeting_id, h.item_number) for h in ctx.search.search(query, sources=["note"], **kw)]


def test_notes_and_highlight_comments_are_found_and_follow_edits(ctx):
    a = ctx.annotations
    n = a.save_note(item_id(ctx, 2), "Yrka återremiss om kostnaderna")
    d = document_id(ctx, 2)
    s = ctx.repo.document_text(d).index(PASSAGE)
    h = a.save_highlight(item_id(ctx, 2), document_id=d, start=s, end=s + len(PASSAGE), comment="Fråga om tolkstöd")
    assert note_hits(ctx, "återremiss") == [(MEETING_ID, 2)]
    assert note_hits(ctx, "tolkstöd") == [(MEETING_ID, 2)]
    a.save_note(item_id(ctx, 2), "Yrka bifall")
    assert note_hits(ctx, "återremiss") == [] and note_hits(ctx, "bifall") == [(MEETING_ID, 2)]
    a.delete_annotation(h["id"])
    assert note_hits(ctx, "tolkstöd") == []
    assert n["id"] == a.item_note(item_id(ctx, 2))["id"]


def test_secret_notes_are_searchable_only_while_unlocked(ctx):
    ctx.annotations.save_note(item_id(ctx, 3), "Kontakta IVO om avvikelsen", secret_part_uid=secret_uid(ctx))
    assert note_hits(ctx, "IVO", include_secret=True) == [(MEETING_ID, 3)]
    assert note_hits(ctx, "IVO") == []  # a public search never shows it
    ctx.lock()
    assert note_hits(ctx, "IVO", include_secret=True) == []
    ctx.unlock(PASSPHRASE)
    assert note_hits(ctx, "IVO", include_secret=True) == [(MEETING_ID, 3)]
