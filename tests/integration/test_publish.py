"""``publish`` (issue 13): the real seeds as a static OParl 1.1 site, served by a plain static web server on
127.0.0.1 and read back by the OParl source: the first sync imports the meetings, a re-publish after one
changed and one new file fetches only those two, a removed file becomes a soft-deleted object and its
documents are withdrawn (with and without a note; nothing deleted). No secret text of seed 003 reaches
the site; lists paginate as static files; refused files are reported."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from botkyrka_nämnd.sync import engine
from botkyrka_nämnd.sync.publish import REDACTED_LINE, publish
from tests.conftest import SEED_000, SEED_002, SEED_003
from tests.fixtures.make_store_fixtures import SECRET_FORMS

from .sync_util import withdrawn_documents

pytestmark = pytest.mark.seeds

M2024, M2018, M2020 = "botkyrka-sn-2024-09-24", "botkyrka-sn-2018-08-28", "botkyrka-sn-2020-05-26"


class StaticSite:
    """A static web server for SITE (it ignores query strings, as any static server does), logging paths."""

    def __init__(self, root: Path):
        self.root = root
        self.requests: list[str] = []
        log = self.requests

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                log.append(self.path)
                super().do_GET()

        root.mkdir(parents=True, exist_ok=True)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> StaticSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def downloads(self) -> list[str]:
        return [p for p in self.requests if p.startswith("/files/")]


def _folder(tmp_path: Path, seeds_dir: Path, *names: str) -> Path:
    inbox = tmp_path / "kallelser"
    inbox.mkdir()
    for n in names:
        shutil.copy(seeds_dir / n, inbox / f"kallelse-{n[:3]}.txt")
    return inbox


def _objects(node):
    if isinstance(node, dict):
        if "id" in node and "type" in node:
            yield node
        for v in node.values():
            yield from _objects(v)
    elif isinstance(node, list):
        for v in node:
            yield from _objects(v)


def _withdrawn(db, meeting_id: str) -> int:
    return len(withdrawn_documents(db, meeting_id))


def test_the_seeds_publish_as_a_static_site_without_secret_text(seeds_dir, tmp_path):
    inbox = _folder(tmp_path, seeds_dir, SEED_000, SEED_002, SEED_003)
    site = tmp_path / "site"
    base = "http://127.0.0.1:8765/oparl"
    result = publish(inbox, site, base)
    assert json.loads(json.dumps(result)) == result  # JSON-able for the CLI
    assert (result["meetings"], result["files"], result["deleted"], result["refused"]) == (3, 3, 0, [])
    assert result["redacted"] == ["kallelse-003.txt"]

    system = json.loads((site / "system.json").read_text("utf-8"))
    assert system["id"] == f"{base}/system.json" and system["type"] == "https://schema.oparl.org/1.1/System"
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    # every object (embedded ones too) is served at its id; every id is under the base URL
    for path in site.rglob("*.json"):
        for obj in _objects(json.loads(path.read_text("utf-8"))):
            assert obj["id"].startswith(base + "/") and (site / obj["id"][len(base) + 1 :]).is_file(), obj["id"]
            assert obj["created"] and obj["modified"]

    # no secret text anywhere in the site: not in a JSON file, not in a published copy
    for path in site.rglob("*"):
        if path.is_file():
            text = path.read_text("utf-8").replace(base, "")
            text = re.sub(r"[0-9a-f]{32,}", "", text)  # digests are hex: a short number may occur in one
            found = [s for s in SECRET_FORMS if s in text]
            assert not found, (path.name, found)

    files = {p.name: p.read_bytes() for p in (site / "files").iterdir()}
    assert len(files) == 3
    for name, data in files.items():  # named by digest, never by the original name
        assert name.rsplit(".", 1)[0] == hashlib.sha256(data).hexdigest()
    redacted = [d for d in files.values() if REDACTED_LINE.encode() in d]
    assert len(redacted) == 1 and b"I sekretessdelen" not in redacted[0]
    raw = (seeds_dir / SEED_000).read_bytes()
    assert raw in files.values()  # a file without secret parts is published as it is

    m2020 = json.loads((site / "meeting" / f"{M2020}.json").read_text("utf-8"))
    public = {it["number"]: it["public"] for it in m2020["agendaItem"]}
    assert public == {str(n): n not in (5, 9) for n in range(1, 10)}  # the items with locked parts
    item9 = next(it for it in m2020["agendaItem"] if it["number"] == "9")
    assert set(item9) == {"id", "type", "meeting", "number", "order", "name", "public", "created", "modified"}
    f = m2020["auxiliaryFile"][0]  # handlingar without a cover: an auxiliary file of the meeting
    copy = site / f["downloadUrl"][len(base) + 1 :]
    assert f["sha512Checksum"] == hashlib.sha512(copy.read_bytes()).hexdigest() and f["size"] == copy.stat().st_size
    assert f["fileName"] == f"{M2020}-bilaga-{f['fileName'].split('-bilaga-')[1]}" and "003_" not in json.dumps(f)
    m2024 = json.loads((site / "meeting" / f"{M2024}.json").read_text("utf-8"))
    assert m2024["start"] == "2024-09-24T18:00:00+02:00" and m2024["invitation"]["mimeType"] == "text/plain"
    assert m2024["location"]["description"].startswith("Xenter, Utbildningsvägen 3")
    assert "kallelse-000" not in (site / "publish-state.json").read_text("utf-8")


@pytest.mark.slow
def test_publish_then_sync_first_incremental_and_withdrawn(ctx, seeds_dir, tmp_path):
    inbox = _folder(tmp_path, seeds_dir, SEED_000, SEED_002, SEED_003)
    with StaticSite(tmp_path / "site") as srv:
        publish(inbox, srv.root, srv.url)
        engine.add_source(ctx, "oparl", "Botkyrka", f"{srv.url}/system.json")

        (first,) = engine.sync(ctx)
        assert (first.new, first.changed, first.withdrawn, first.failed) == (3, 0, 0, 0), first.errors
        assert {m["id"] for m in ctx.repo.meetings()} == {M2024, M2018, M2020}
        assert [it["ordinal"] for it in ctx.repo.items(M2024)] == list(range(1, 10))
        assert ctx.repo.meeting(M2020)["date"] == "2020-05-26"
        locked = ctx.repo.item(M2020, 9)
        assert locked["secret_parts"] > 0  # public: false in the site: a locked placeholder
        assert len(srv.downloads()) == 3

        srv.requests.clear()
        (again,) = engine.sync(ctx)  # nothing changed: the lists are read, no file is
        assert (again.new, again.changed, again.failed) == (0, 0, 0) and srv.downloads() == []
        assert any("modified_since=" in p for p in srv.requests)  # asked, and ignored by the static server

        # one changed file and one new one: only those two are fetched
        raw = (seeds_dir / SEED_000).read_text(encoding="utf-8")
        (inbox / "kallelse-000.txt").write_text(raw.replace("755 000 kronor", "810 000 kronor"), encoding="utf-8")
        (inbox / "kallelse-ny.txt").write_text(raw.replace("Tid: 2024-09-24", "Tid: 2024-10-15"), encoding="utf-8")
        assert publish(inbox, srv.root, srv.url)["meetings"] == 4
        srv.requests.clear()
        (second,) = engine.sync(ctx)
        assert (second.new, second.changed, second.withdrawn, second.failed) == (1, 1, 0, 0), second.errors
        assert len(srv.downloads()) == 2
        assert "botkyrka-sn-2024-10-15" in {m["id"] for m in ctx.repo.meetings()}

        # two files removed: soft-deleted in the site, withdrawn in the store, one with a note, nothing deleted
        item = ctx.repo.item(M2018, 5)
        note = ctx.annotations.add_note(item["id"], "Fråga om hemsjukvården")
        (inbox / "kallelse-002.txt").unlink()
        (inbox / "kallelse-ny.txt").unlink()
        out = publish(inbox, srv.root, srv.url)
        assert out["meetings"] == 2 and out["deleted"] > 0
        srv.requests.clear()
        (gone,) = engine.sync(ctx)
        assert (gone.withdrawn, gone.failed, gone.new) == (2, 0, 0), gone.errors
        assert srv.downloads() == []
        for mid in (M2018, "botkyrka-sn-2024-10-15"):
            assert ctx.repo.meeting(mid) is not None and _withdrawn(ctx.paths.store, mid) > 0
        assert _withdrawn(ctx.paths.store, M2024) == 0
        assert ctx.annotations.get(note["id"])["body"] == "Fråga om hemsjukvården"
        (quiet,) = engine.sync(ctx)
        assert quiet.withdrawn == 0  # the deleted objects stay in the static lists: said once


def test_static_lists_paginate_and_keep_deleted_objects(seeds_dir, tmp_path):
    inbox = _folder(tmp_path, seeds_dir, SEED_000, SEED_002)
    site = tmp_path / "site"
    base = "https://oparl.example.se"
    publish(inbox, site, base, page_size=1)
    page1 = json.loads((site / "body" / "botkyrka" / "meetings.json").read_text("utf-8"))
    assert page1["links"]["next"] == f"{base}/body/botkyrka/meetings-2.json"
    page2 = json.loads((site / "body" / "botkyrka" / "meetings-2.json").read_text("utf-8"))
    assert "next" not in page2["links"] and page2["pagination"]["totalPages"] == 2
    first = {o["id"]: o["modified"] for p in (page1, page2) for o in p["data"]}

    again = publish(inbox, site, base, page_size=1)
    assert again["deleted"] == 0
    page1 = json.loads((site / "body" / "botkyrka" / "meetings.json").read_text("utf-8"))
    page2 = json.loads((site / "body" / "botkyrka" / "meetings-2.json").read_text("utf-8"))
    assert {o["id"]: o["modified"] for p in (page1, page2) for o in p["data"]} == first  # unchanged: same time

    copies = set((site / "files").iterdir())
    (inbox / "kallelse-002.txt").unlink()
    out = publish(inbox, site, base, page_size=5)
    assert out["meetings"] == 1 and out["deleted"] > 0
    assert not (site / "body" / "botkyrka" / "meetings-2.json").exists()  # no page left from the longer list
    listed = json.loads((site / "body" / "botkyrka" / "meetings.json").read_text("utf-8"))["data"]
    dead = [o for o in listed if o.get("deleted")]
    assert len(listed) == 2 and len(dead) == 1 and dead[0]["id"] == f"{base}/meeting/{M2018}.json"
    assert set(dead[0]) == {"id", "type", "created", "modified", "deleted"}
    assert dead[0]["modified"] > first[dead[0]["id"]]
    files = json.loads((site / "body" / "botkyrka" / "files.json").read_text("utf-8"))["data"]
    assert [o["id"] for o in files if o.get("deleted")] == [f"{base}/file/{M2018}-kallelse.json"]
    assert len(set((site / "files").iterdir())) == len(copies) - 1  # the removed file's bytes are gone


def test_files_that_cannot_be_published_are_refused_with_a_reason(seeds_dir, tmp_path):
    inbox = tmp_path / "kallelser"
    inbox.mkdir()
    shutil.copy(seeds_dir / SEED_000, inbox / "lex sarah-rapporter.txt")  # a name that speaks of sekretess
    (inbox / "anteckningar.txt").write_text("Att göra: köpa kaffe till mötet.", encoding="utf-8")
    out = publish(inbox, tmp_path / "site", "http://127.0.0.1:9/")
    assert out["meetings"] == 0 and sorted(r["file"] for r in out["refused"]) == [
        "anteckningar.txt",
        "lex sarah-rapporter.txt",
    ]
    assert all(r["sv"] and r["en"] and r["sv"] != r["en"] for r in out["refused"])
    assert not (tmp_path / "site" / "files").exists()
    with pytest.raises(Exception, match="https"):
        publish(inbox, tmp_path / "site2", "http://oparl.example.se/")  # plain http only for loopback


def test_cli_publish_then_sync_from_the_site(tmp_path, seeds_dir):
    from .test_cli import run

    folder = tmp_path / "kallelser"
    folder.mkdir()
    shutil.copy(seeds_dir / SEED_000, folder / "kallelse-2024.txt")
    site = tmp_path / "site"
    with StaticSite(site) as server:
        out = run(tmp_path / "unused", "publish", str(folder), "--out", str(site), "--base-url", server.url, "--json")
        res = json.loads(out.stdout)
        assert res["meetings"] == 1 and res["files"] == 1 and res["refused"] == []
        assert (site / "system.json").is_file()
        data = tmp_path / "data"
        run(data, "sources", "add", "oparl", "Botkyrka", f"{server.url}/system.json")
        first = json.loads(run(data, "sync", "--json").stdout)["sources"][0]
        assert (first["name"], first["new"], first["failed"]) == ("Botkyrka", 1, 0) and first["requests"] >= 3
        again = json.loads(run(data, "sync", "--json").stdout)["sources"][0]
        assert (again["new"], again["changed"]) == (0, 0)
        assert json.loads(run(data, "meetings", "--json").stdout)[0]["id"] == M2024
    bad = run(
        tmp_path / "unused", "publish", str(folder), "--out", str(site), "--base-url", "http://example.org", check=False
    )
    assert bad.returncode == 1 and "https://" in bad.stderr
