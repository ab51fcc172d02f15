"""Sync from OParl 1.1 (issue 13) against the fixture server (tests/integration/oparl_fixture.py, built from
the spec's schema and examples, not from our publisher): the first sync lists everything page by page,
later syncs ask with ``modified_since`` and fetch only what changed, soft-deleted Files and Meetings
withdraw their documents, ``public: false`` agenda items become locked placeholders, a wrong sha512 imports
nothing, a link to another host is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from botkyrka_nämnd.sync import engine
from botkyrka_nämnd.sync.secret_items import LABEL
from tests.conftest import SEED_000

from .oparl_fixture import OParlServer
from .sync_util import withdrawn_documents

pytestmark = pytest.mark.seeds


@pytest.fixture
def notice(seeds_dir):
    """A short kallelse (the cover, the agenda and item 1's document of seed 000, which does not print the
    kommun: the Body's name supplies it) for the date given; ``revised``: item 4 has another title."""
    head = "\n".join((seeds_dir / SEED_000).read_text(encoding="utf-8").split("\n")[:58])

    def make(date: str, revised: bool = False) -> bytes:
        text = head.replace("2024-09-24", date)
        if revised:
            text = text.replace("Delårsuppföljning 2 2024", "Delårsuppföljning 2 2024, reviderad")
        return text.encode("utf-8")

    return make


def _withdrawn(db, meeting_id: str) -> int:
    return len(withdrawn_documents(db, meeting_id))


def _meetings_list_requests(srv: OParlServer) -> list[str]:
    return [p for p in srv.requests if p.startswith("/oparl/body/0/meetings/")]


def test_first_sync_then_modified_since_fetches_only_the_changed_and_the_new(ctx, notice):
    with OParlServer(page_size=2) as srv:
        for n, date in enumerate(["2024-02-06", "2024-03-05", "2024-04-09", "2024-05-07", "2024-06-04"], 1):
            srv.add(n, date, notice(date))
        engine.add_source(ctx, "oparl", "Botkyrka", f"{srv.base}/")

        (first,) = engine.sync(ctx)
        assert (first.new, first.changed, first.withdrawn, first.failed) == (5, 0, 0, 0), first.errors
        ids = {m["id"] for m in ctx.repo.meetings()}
        assert ids == {
            f"botkyrka-sn-{d}" for d in ["2024-02-06", "2024-03-05", "2024-04-09", "2024-05-07", "2024-06-04"]
        }
        m = ctx.repo.meeting("botkyrka-sn-2024-03-05")
        assert m["committee"] == "Socialnämnden" and m["date"] == "2024-03-05"  # kommun from the Body name: the id
        assert [it["ordinal"] for it in ctx.repo.items("botkyrka-sn-2024-03-05")] == list(range(1, 10))
        assert "reviderad" not in ctx.repo.item("botkyrka-sn-2024-03-05", 4)["title"]
        pages = _meetings_list_requests(srv)
        assert len(pages) == 3 and not any("modified_since" in p for p in pages)  # 5 meetings, 2 a page
        assert len(srv.downloads()) == 5
        cursor = engine.state(ctx).source("Botkyrka")["cursor"]
        assert cursor

        # one meeting's notice changed, one meeting added: only those two are fetched
        srv.requests.clear()
        srv.change(2, notice("2024-03-05", revised=True))
        srv.add(6, "2024-08-27", notice("2024-08-27"), modified=srv.meetings[2]["modified"])
        (second,) = engine.sync(ctx)
        assert (second.new, second.changed, second.withdrawn, second.failed) == (1, 1, 0, 0), second.errors
        pages = _meetings_list_requests(srv)
        assert len(pages) == 1 and "modified_since=" in pages[0]  # the server answered with the two only
        assert sorted(srv.downloads()) == ["/oparl/files/download/2.txt", "/oparl/files/download/6.txt"]
        assert "reviderad" in ctx.repo.item("botkyrka-sn-2024-03-05", 4)["title"]
        assert engine.state(ctx).source("Botkyrka")["cursor"] >= cursor

        srv.requests.clear()
        (third,) = engine.sync(ctx)  # nothing changed since
        assert (third.new, third.changed, third.failed) == (0, 0, 0) and srv.downloads() == []


@pytest.mark.parametrize("file_list", [True, False], ids=["body-file-list", "oparl-1.0-body"])
def test_deleted_objects_withdraw_their_documents(ctx, notice, file_list):
    """A File marked deleted (the meeting kept) and a Meeting marked deleted: their documents are withdrawn,
    never deleted, and the member's note stays. A Body without OParl 1.1's ``file`` list names no Files
    of a deleted Meeting: the source lists again in full."""
    with OParlServer(page_size=2, file_list=file_list) as srv:
        for n, date in enumerate(["2024-02-06", "2024-03-05", "2024-04-09"], 1):
            srv.add(n, date, notice(date))
        engine.add_source(ctx, "oparl", "Botkyrka", f"{srv.base}/")
        (first,) = engine.sync(ctx)
        assert first.new == 3
        item = ctx.repo.item("botkyrka-sn-2024-04-09", 3)
        note = ctx.annotations.add_note(item["id"], "Fråga om lokalen")

        srv.delete_file(1)
        srv.delete_meeting(3)
        srv.requests.clear()
        (second,) = engine.sync(ctx)
        assert (second.withdrawn, second.failed, second.new) == (2, 0, 0), second.errors
        assert srv.downloads() == []
        for mid in ("botkyrka-sn-2024-02-06", "botkyrka-sn-2024-04-09"):
            assert ctx.repo.meeting(mid) is not None and _withdrawn(ctx.paths.store, mid) > 0
        assert _withdrawn(ctx.paths.store, "botkyrka-sn-2024-03-05") == 0
        assert ctx.annotations.get(note["id"])["body"] == "Fråga om lokalen"
        if not file_list:
            assert not any("modified_since" in p for p in _meetings_list_requests(srv)[-2:])  # listed again in full
        (third,) = engine.sync(ctx)
        assert third.withdrawn == 0  # said once


def test_a_non_public_agenda_item_becomes_a_locked_placeholder(ctx, notice):
    with OParlServer() as srv:
        srv.add(1, "2024-02-06", notice("2024-02-06"), secret={4})
        engine.add_source(ctx, "oparl", "Botkyrka", f"{srv.base}/")
        (r,) = engine.sync(ctx)
        assert r.new == 1, r.errors
    locked = ctx.repo.item("botkyrka-sn-2024-02-06", 4)
    assert locked["secret_parts"] > 0
    parts = ctx.secret_parts(locked["id"])
    assert [p["label"] for p in parts] == [LABEL] and all("text" not in p for p in parts)
    assert ctx.repo.item("botkyrka-sn-2024-02-06", 3)["secret_parts"] == 0


def test_a_wrong_sha512_imports_nothing(ctx, notice):
    with OParlServer() as srv:
        srv.add(1, "2024-02-06", notice("2024-02-06"))
        srv.add(2, "2024-03-05", notice("2024-03-05"))
        srv.wrong_checksum.add(1)
        engine.add_source(ctx, "oparl", "Botkyrka", f"{srv.base}/")
        (r,) = engine.sync(ctx)
        assert (r.new, r.failed) == (1, 1)
        assert any("kontrollsumma" in sv for sv, _en in r.errors)
        assert {m["id"] for m in ctx.repo.meetings()} == {"botkyrka-sn-2024-03-05"}
        assert not engine.state(ctx).source("Botkyrka")["cursor"]  # a failed file: the next sync lists all again
        staging = list((Path(ctx.paths.store).parent / "sync-staging").rglob("*"))
        assert not [p for p in staging if p.is_file()]  # nothing partial left to resume from

        srv.wrong_checksum.clear()  # the server fixed: the next sync imports it
        (again,) = engine.sync(ctx)
        assert again.failed == 0 and again.new + again.changed == 1
        assert {m["id"] for m in ctx.repo.meetings()} == {"botkyrka-sn-2024-02-06", "botkyrka-sn-2024-03-05"}


def test_a_link_to_another_host_is_refused(ctx, notice):
    with OParlServer() as srv:
        srv.add(1, "2024-02-06", notice("2024-02-06"))
        srv.file_host = "localhost"  # the same server under another name: only the rule can refuse it
        engine.add_source(ctx, "oparl", "Botkyrka", f"{srv.base}/")
        (r,) = engine.sync(ctx)
        assert (r.new, r.failed) == (0, 1)
        assert "annan webbplats" in r.errors[0][0] and "another site" in r.errors[0][1]
        assert srv.downloads() == [] and ctx.repo.meetings() == []


def test_a_list_page_on_another_host_fails_the_listing(ctx, notice):
    with OParlServer() as srv:
        for n in (1, 2, 3):
            srv.add(n, f"2024-0{n + 1}-06", notice(f"2024-0{n + 1}-06"))
        srv.base = srv.base.replace("127.0.0.1", "localhost")  # every link the server gives now
        engine.add_source(ctx, "oparl", "Botkyrka", f"http://127.0.0.1:{srv.port}/oparl/")
        (r,) = engine.sync(ctx)
        assert r.failed == 1 and "annan webbplats" in r.errors[0][0]
        assert srv.requests == ["/oparl/"] and ctx.repo.meetings() == []
