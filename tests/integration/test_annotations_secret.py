"""Annotations on secret parts live in the vault only and vanish from every view while it is locked."""

from __future__ import annotations

import pytest

from botkyrka_nämnd import paths
from botkyrka_nämnd.errors import NotFound, VaultLocked
from botkyrka_nämnd.services.context import AppContext
from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore

from .annotation_fixtures import (
    MEETING_ID,
    PASSPHRASE,
    SECRET_TEXT,
    build_meeting,
    fill_vault,
    item_id,
    save,
    secret_uid,
)

CANARY = "KANARIE-Östen-7f3a"


@pytest.fixture
def ctx(data_dir):
    c = AppContext(data_dir, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    m = build_meeting()
    save(c, m)
    c.vault.init(PASSPHRASE)
    fill_vault(c, m)
    yield c
    c.close()


def secret_note(ctx, text=f"Följ upp {CANARY}", **kw):
    return ctx.annotations.save_note(item_id(ctx, 3), text, secret_part_uid=secret_uid(ctx), **kw)


def test_secret_note_and_highlight_are_stored_in_the_vault(ctx):
    a = ctx.annotations
    i3, uid = item_id(ctx, 3), secret_uid(ctx)
    n = secret_note(ctx, tags=["jäv"])
    assert n["secret"] and n["secret_part_uid"] == uid and n["is_item_note"] and n["item_number"] == 3
    assert secret_note(ctx, f"Följ upp {CANARY} igen")["id"] == n["id"]  # one note per secret part
    s = SECRET_TEXT.index("föll i badrummet")
    h = a.save_highlight(i3, secret_part_uid=uid, start=s, end=s + len("föll i badrummet"), comment="Fråga om rutiner")
    assert h["secret"] and h["quote"] == "föll i badrummet" and h["prefix"].endswith("Ärlig ")
    extra = a.add_note(i3, "Ytterligare", secret_part_uid=uid)
    assert [x["id"] for x in a.annotations_for_secret_part(uid)] == [n["id"], extra["id"], h["id"]]
    # nothing of it in the public store
    assert ctx.store.conn.execute("SELECT COUNT(*) FROM annotation").fetchone()[0] == 0
    rows = ctx.vault.db.execute("SELECT secret_uid, kind FROM secret_annotation ORDER BY kind").fetchall()
    assert sorted(rows) == [(uid, "highlight"), (uid, "note"), (uid, "note")]


def test_unlocked_views_include_secret_annotations(ctx):
    a = ctx.annotations
    i3 = item_id(ctx, 3)
    a.add_note(i3, "offentlig anteckning", tags=["viktigt"])
    secret_note(ctx, tags=["jäv"])
    assert [x["secret"] for x in a.annotations_for_item(i3)] == [False, True]
    assert [x["secret"] for x in a.notes_for_meeting(MEETING_ID)] == [False, True]
    assert a.notes_for_meeting(MEETING_ID, include_secret=False)[0]["secret"] is False
    assert a.items_with_notes(MEETING_ID)[i3]["count"] == 2
    assert set(a.tags_in_use()) == {"viktigt", "jäv"}
    assert [x["secret"] for x in a.annotations_with_tag("jäv")] == [True]


def test_everything_vanishes_while_locked_and_returns_on_unlock(ctx):
    a = ctx.annotations
    i3, uid = item_id(ctx, 3), secret_uid(ctx)
    n = secret_note(ctx, tags=["jäv"])
    a.add_note(i3, "offentlig", tags=["viktigt"])
    ctx.lock()
    assert [x["secret"] for x in a.annotations_for_item(i3)] == [False]
    assert all(not x["secret"] for x in a.notes_for_meeting(MEETING_ID))
    assert a.items_with_notes(MEETING_ID)[i3]["count"] == 1
    assert a.tags_in_use() == ["viktigt"] and a.annotations_with_tag("jäv") == []
    assert a.annotations_for_secret_part(uid) == [] and a.item_note(i3, secret_part_uid=uid) is None
    for write in (
        lambda: a.save_note(i3, "x", secret_part_uid=uid),
        lambda: a.add_note(i3, "x", secret_part_uid=uid),
        lambda: a.save_highlight(i3, secret_part_uid=uid, start=0, end=5),
        lambda: a.update_annotation(n["id"], body="x"),
        lambda: a.delete_annotation(n["id"]),
    ):
        with pytest.raises(VaultLocked):
            write()
    ctx.unlock(PASSPHRASE)
    assert a.item_note(i3, secret_part_uid=uid)["body"] == n["body"]
    a.delete_annotation(n["id"])
    assert a.annotations_for_secret_part(uid) == []


def test_secret_annotations_need_a_vault(data_dir):
    c = AppContext(data_dir, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    try:
        save(c, build_meeting())
        with pytest.raises(VaultLocked):
            c.annotations.save_note(item_id(c, 3), "x", secret_part_uid=secret_uid(c))
        assert c.annotations.annotations_for_item(item_id(c, 3)) == []
    finally:
        c.close()


def test_a_secret_part_of_another_item_is_refused(ctx):
    with pytest.raises(NotFound):
        ctx.annotations.save_note(item_id(ctx, 2), "x", secret_part_uid=secret_uid(ctx))
    with pytest.raises(NotFound):
        ctx.annotations.save_note(item_id(ctx, 3), "x", secret_part_uid="no-such-part")


def test_no_plaintext_of_a_secret_annotation_on_disk(ctx):
    secret_note(ctx)
    ctx.annotations.add_note(item_id(ctx, 2), "offentlig text")
    ctx.close()
    needle = CANARY.encode()
    files = [p for p in paths.data_dir().rglob("*") if p.is_file()]
    assert any(p.name == "store.db" for p in files) and any("vault" in p.name for p in files)
    for p in files:
        assert needle not in p.read_bytes(), p.name
    assert any(b"offentlig text" in p.read_bytes() for p in files)  # the scan does see plaintext


def test_edit_and_fetch_a_secret_annotation_while_unlocked(ctx):
    a = ctx.annotations
    n = a.add_note(item_id(ctx, 3), "Första", secret_part_uid=secret_uid(ctx))
    u = a.update_annotation(n["id"], body=f"Ändrad {CANARY}", tags=["Jäv"])
    assert (u["body"], u["tags"], u["secret"]) == (f"Ändrad {CANARY}", ["jäv"], True)
    assert a.get(n["uid"]) == u
    ctx.lock()
    with pytest.raises(VaultLocked):
        a.get(n["uid"])


def test_a_lock_racing_a_listing_leaves_only_public_rows(ctx, monkeypatch):
    from botkyrka_nämnd.vault.annotations import SecretAnnotationRepository

    i3 = item_id(ctx, 3)
    secret_note(ctx)
    ctx.annotations.add_note(i3, "offentlig")
    real = SecretAnnotationRepository.for_item

    def racing(self, item_id):
        ctx.lock()  # the idle lock fires (on the UI thread) right between the check and the read
        return real(self, item_id)

    monkeypatch.setattr(SecretAnnotationRepository, "for_item", racing)
    assert [x["body"] for x in ctx.annotations.annotations_for_item(i3)] == ["offentlig"]
    assert not ctx.vault.unlocked


def test_retention_removes_the_annotations_of_shredded_parts(ctx):
    a = ctx.annotations
    uid = secret_uid(ctx)
    secret_note(ctx)
    a.add_note(item_id(ctx, 3), "till", secret_part_uid=uid)
    public = a.add_note(item_id(ctx, 3), "offentlig")
    assert a.delete_for_secret_parts([uid]) == 2
    assert a.annotations_for_secret_part(uid) == []
    assert [x["id"] for x in a.annotations_for_item(item_id(ctx, 3))] == [public["id"]]
    ctx.lock()
    with pytest.raises(VaultLocked):
        a.delete_for_secret_parts([uid])
