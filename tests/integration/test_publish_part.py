"""A part locked on suspicion that the member, after reading it, makes public (issue 10: "a member can
unlock-and-publish a part that was over-locked; a leak cannot be undone"), and locks again.

Real seeds, a real store and vault: the agenda row of seed 000 names a lex Sarah report (locked on
suspicion, "Möjlig sekretessbelagd del"), seed 003's "I sekretessdelen" block is certain and stays locked.
"""

from __future__ import annotations

import pytest

from botkyrka_nämnd.errors import VaultLocked
from botkyrka_nämnd.services.publication import NotPublishable
from tests.clear_text import clear_hits
from tests.conftest import PASSPHRASE_TESTS, SEED_000, SEED_003

PW = PASSPHRASE_TESTS
ROW = "9.\tAnmälningssärenden\tSN/2023:00460"


CTX_VAULT = "locked"  # the shared ctx fixture (tests/conftest.py) with a locked vault


def _unsure_kallelse(seeds_dir, tmp_path, number: str = "1702", name: str = "k.txt"):
    text = (seeds_dir / SEED_000).read_text(encoding="utf-8")
    assert ROW in text
    f = tmp_path / name
    f.write_text(
        text.replace(ROW, f"9.\tAnmälningssärenden, Lex Sarah rapport {number}\tSN/2023:00460"), encoding="utf-8"
    )
    return f


def _part(ctx, meeting_id):
    it = ctx.repo.item(meeting_id, 9)
    parts = ctx.sealed_parts.secret_parts(it["id"])
    assert len(parts) == 1
    return it, parts[0]


def _items(ctx, q: str) -> list[int]:
    """The item numbers the public search finds for ``q`` (the vault locked: public hits only)."""
    return [h.item_number for h in ctx.search.search(q)]


def test_an_over_locked_part_made_public_is_shown_and_searched_while_locked(ctx, seeds_dir, tmp_path):
    f = _unsure_kallelse(seeds_dir, tmp_path)
    mid = ctx.importer.import_path(f).meeting_id
    it, part = _part(ctx, mid)
    assert part["published_text"] is None and _items(ctx, "1702") == []
    # while locked: refused, nothing written
    with pytest.raises(VaultLocked):
        ctx.publish_secret_part(part["uid"])
    assert ctx.sealed_parts.secret_part(part["uid"])["published_text"] is None
    ctx.unlock(PW)
    shown = ctx.secret_parts(it["id"])
    assert shown[0]["publishable"] and "1702" in shown[0]["text"]
    ctx.publish_secret_part(part["uid"])
    ctx.lock()
    locked = ctx.secret_parts(it["id"])
    assert "text" not in locked[0] and "1702" in locked[0]["published_text"]
    assert _items(ctx, "1702") == [9]
    # the same file again: unchanged, still public
    assert ctx.importer.import_path(f).status == "unchanged"
    assert ctx.sealed_parts.secret_part(part["uid"])["published_text"]


def test_a_reissue_with_another_text_locks_the_part_again_and_says_so(ctx, seeds_dir, tmp_path):
    mid = ctx.importer.import_path(_unsure_kallelse(seeds_dir, tmp_path)).meeting_id
    _it, part = _part(ctx, mid)
    ctx.unlock(PW)
    ctx.publish_secret_part(part["uid"])
    ctx.lock()
    out = ctx.importer.import_path(_unsure_kallelse(seeds_dir, tmp_path, "1777", "k2.txt"))
    assert out.status == "updated"
    assert any("låst igen" in sv for sv, _en in out.notices)
    _it, part2 = _part(ctx, mid)
    assert part2["uid"] == part["uid"] and part2["published_text"] is None
    assert _items(ctx, "1777") == [] and _items(ctx, "1702") == []
    ctx.store.checkpoint()
    assert clear_hits(ctx.data_dir, ["1777"]) == []


def test_lock_again_removes_the_text_from_every_file(ctx, seeds_dir, tmp_path):
    mid = ctx.importer.import_path(_unsure_kallelse(seeds_dir, tmp_path)).meeting_id
    it, part = _part(ctx, mid)
    ctx.unlock(PW)
    ctx.publish_secret_part(part["uid"])
    ctx.store.checkpoint()
    assert clear_hits(ctx.data_dir, ["1702"])  # published: in the store in clear, as the member chose
    assert ctx.relock_secret_part(part["uid"]) is True
    ctx.lock()
    assert ctx.sealed_parts.secret_part(part["uid"])["published_text"] is None
    assert _items(ctx, "1702") == []
    assert clear_hits(ctx.data_dir, ["1702"]) == []
    assert ctx.relock_secret_part(part["uid"]) is False  # nothing to do
    ctx.unlock(PW)
    assert "1702" in ctx.secret_parts(it["id"])[0]["text"]  # the vault kept its copy


def test_a_part_the_notice_marks_secret_cannot_be_made_public(ctx, seeds_dir, tmp_path):
    f = tmp_path / "003.txt"
    f.write_text((seeds_dir / SEED_003).read_text(encoding="utf-8"), encoding="utf-8")
    mid = ctx.importer.import_path(f).meeting_id
    certain = [p for p in ctx.sealed_parts.secret_parts_for_meeting(mid) if p["label"] == "Sekretessbelagd del"]
    assert certain  # the lex Sarah block of item 9
    ctx.unlock(PW)
    for p in certain:
        assert not any(x["publishable"] for x in ctx.secret_parts(p["item_id"]) if x["uid"] == p["uid"])
        with pytest.raises(NotPublishable):
            ctx.publish_secret_part(p["uid"])
        assert ctx.sealed_parts.secret_part(p["uid"])["published_text"] is None
