"""Sync from a folder (issue 13): the real seeds copied into a folder are imported by the first sync, an
unchanged folder costs nothing, a re-issued file becomes a new version, a removed file withdraws its
documents (nothing deleted, the member's note stays); the CLI's ``sources`` and ``sync``."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from botkyrka_nämnd.sync import engine
from botkyrka_nämnd.sync.model import SyncError
from tests.conftest import SEED_000, SEED_003

from .sync_util import withdrawn_documents
from .test_cli import run

pytestmark = pytest.mark.seeds

M2024 = "botkyrka-sn-2024-09-24"
M2020 = "botkyrka-sn-2020-05-26"


def _withdrawn(db, meeting_id: str) -> list[int]:
    return withdrawn_documents(db, meeting_id)


def test_a_folder_syncs_new_changed_and_withdrawn_files(ctx, seeds_dir, tmp_path):
    inbox = tmp_path / "Hämtade filer"
    (inbox / "2020").mkdir(parents=True)
    shutil.copy(seeds_dir / SEED_000, inbox / "kallelse-sn-2024-09-24.txt")
    shutil.copy(seeds_dir / SEED_003, inbox / "2020" / "kallelse.txt")
    (inbox / ".kallelse.pdf.crdownload").write_bytes(b"%PDF-1.7 half")  # a download in progress: hidden
    engine.add_source(ctx, "folder", "Nedladdningar", str(inbox))

    (first,) = engine.sync(ctx)
    assert (first.new, first.changed, first.withdrawn, first.failed) == (2, 0, 0, 0)
    assert {m["id"] for m in ctx.repo.meetings()} == {M2024, M2020}
    assert sorted(first.meetings) == sorted([M2024, M2020])
    assert ctx.search.search("statsbidrag våldsutsatta")  # imported through the normal importer: indexed

    (again,) = engine.sync(ctx)  # nothing changed: nothing read
    assert (again.new, again.changed, again.unchanged, again.requests) == (0, 0, 2, 0)

    # a re-issue of 2024-09-24 in place of the old file: a new version of the changed document
    raw = (seeds_dir / SEED_000).read_text(encoding="utf-8")
    (inbox / "kallelse-sn-2024-09-24.txt").write_text(raw.replace("755 000 kronor", "810 000 kronor"), encoding="utf-8")
    (changed,) = engine.sync(ctx)
    assert (changed.new, changed.changed, changed.withdrawn) == (0, 1, 0)
    item5 = ctx.repo.item(M2024, 5)
    assert {d["version"] for d in ctx.repo.documents(item5["id"], current_only=False)} >= {1, 2}

    # 2020's file removed from the folder: its documents are withdrawn, not deleted; the note stays
    item = ctx.repo.items(M2020)[2]
    note = ctx.annotations.add_note(item["id"], "Fråga om boendet")
    (inbox / "2020" / "kallelse.txt").unlink()
    (gone,) = engine.sync(ctx)
    assert gone.withdrawn == 1
    assert ctx.repo.meeting(M2020) is not None and _withdrawn(ctx.paths.store, M2020)
    assert not _withdrawn(ctx.paths.store, M2024)
    assert ctx.annotations.get(note["id"])["body"] == "Fråga om boendet"
    (quiet,) = engine.sync(ctx)
    assert quiet.withdrawn == 0  # said once

    # the file comes back: no longer withdrawn
    shutil.copy(seeds_dir / SEED_003, inbox / "2020" / "kallelse.txt")
    engine.sync(ctx)
    assert not _withdrawn(ctx.paths.store, M2020)


def test_sources_are_checked_when_added(ctx, tmp_path):
    with pytest.raises(SyncError):
        engine.add_source(ctx, "folder", "Saknas", str(tmp_path / "finns-inte"))
    with pytest.raises(SyncError) as err:
        engine.add_source(ctx, "web", "Kommunen", "http://example.org/kallelser")
    assert "https://" in err.value.sv
    engine.add_source(ctx, "web", "Lokal", "http://127.0.0.1:8080/kallelser")  # loopback: plain http is fine
    with pytest.raises(SyncError):
        engine.add_source(ctx, "oparl", "Lokal", "https://oparl.example.org/system.json")  # the name is taken
    with pytest.raises(SyncError):
        engine.add_source(ctx, "web", "Mönster", "https://example.org/", pattern="([")
    with pytest.raises(SyncError):
        engine.add_source(ctx, "web", "../../etc", "https://example.org/")


def test_a_missing_folder_is_reported_and_nothing_is_withdrawn(ctx, seeds_dir, tmp_path):
    stick = tmp_path / "USB"
    stick.mkdir()
    shutil.copy(seeds_dir / SEED_000, stick / "kallelse.txt")
    engine.add_source(ctx, "folder", "USB-minne", str(stick))
    engine.sync(ctx)
    shutil.rmtree(stick)  # the stick is pulled out
    (r,) = engine.sync(ctx)
    assert r.failed == 1 and r.withdrawn == 0 and "USB" in r.errors[0][0]
    assert not _withdrawn(ctx.paths.store, M2024)
    assert engine.sources(ctx)[0]["last_status"] == "failed"


def test_cli_sources_and_sync(tmp_path, seeds_dir):
    data = tmp_path / "data"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(seeds_dir / SEED_000, inbox / "k.txt")
    added = json.loads(run(data, "sources", "add", "folder", "Inkorg", str(inbox), "--json").stdout)
    assert added["kind"] == "folder" and added["location"] == str(inbox.resolve())
    listed = json.loads(run(data, "sources", "list", "--json").stdout)
    assert [s["name"] for s in listed] == ["Inkorg"]
    out = json.loads(run(data, "sync", "--json").stdout)
    assert out == {"sources": [{"name": "Inkorg", "new": 1, "changed": 0, "withdrawn": 0, "failed": 0, "requests": 0}]}
    text = run(data, "sync").stdout
    assert "Inkorg: 0 nya, 0 ändrade" in text
    bad = run(data, "sync", "--source", "Finns inte", check=False)
    assert bad.returncode == 1 and "Finns inte" in bad.stderr
    run(data, "sources", "remove", "Inkorg")
    assert json.loads(run(data, "sources", "list", "--json").stdout) == []
    assert json.loads(run(data, "meetings", "--json").stdout)[0]["id"] == M2024  # the meeting stays


def test_a_file_name_that_speaks_of_lex_sarah_is_not_kept(ctx, seeds_dir, tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "Lex Sarah").mkdir(parents=True)
    shutil.copy(seeds_dir / SEED_003, inbox / "Lex Sarah" / "lex-sarah-rapport-1531.txt")
    engine.add_source(ctx, "folder", "Inkorg", str(inbox))
    (r,) = engine.sync(ctx)
    assert r.new == 1
    with sqlite3.connect(ctx.paths.store) as c:
        rows = c.execute("SELECT * FROM sync_item").fetchall()
    assert len(rows) == 1 and not any("sarah" in str(v).lower() or "1531" in str(v) for v in rows[0])
    assert rows[0][1].startswith("h:")  # the key as a digest
    (again,) = engine.sync(ctx)  # the digest is a stable key: nothing new, nothing withdrawn
    assert (again.new, again.withdrawn) == (0, 0)
