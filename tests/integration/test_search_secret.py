"""The secret index lives inside the encrypted vault and is reachable only while it is unlocked; the
CLI contract of ``search`` (DESIGN.md §7) including ``--unlock``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from botkyrka_nämnd.domain import AgendaItem, Document, Meeting, Section
from botkyrka_nämnd.search.index import SecretIndex
from botkyrka_nämnd.services.context import AppContext
from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore
from tests.conftest import SEED_000, SEED_002, SEED_003

PW = "ett långt och hemligt lösenord"
SECRET = "Rapport 1: Brukaren Östen Ärlig föll i badrummet på Tallbacken; personalen larmade sent."


@pytest.fixture
def ctx(data_dir):
    c = AppContext(data_dir, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    body = Section(
        kind="body", text_raw="Anmälan av lex Sarah-rapporter.", text_clean="Anmälan av lex Sarah-rapporter."
    )
    m = Meeting(
        date="2024-09-24",
        committee="Socialnämnden",
        committee_short="SN",
        municipality="Botkyrka kommun",
        items=[
            AgendaItem(
                ordinal=3,
                title="Lex Sarah-rapporter",
                kind="anmalningsarenden",
                documents=[Document(kind="tjansteskrivelse", title="Lex Sarah", sections=[body])],
            )
        ],
    )
    with c.store.transaction():
        res = c.repo.save_meeting(m, None)
        c.search_index.reindex_items(res.changed_item_ids)
    c.vault.init(PW)
    c.vault.put_secret(
        "uid-1",
        meeting_id="botkyrka-sn-2024-09-24",
        item_position=0,
        item_ordinal=3,
        kind="lex_sarah",
        label="1 lex Sarah-rapport",
        text=SECRET,
    )
    yield c
    c.close()


def secret_hits(ctx, q):
    return [(h.item_number, h.secret_uid) for h in ctx.search.search(q, include_secret=True) if h.secret]


def test_secret_index_lives_in_the_vault_only(ctx):
    idx = ctx.secret_index
    assert isinstance(idx, SecretIndex) and idx.row_count() == 1  # picked up the part on first use
    assert secret_hits(ctx, "Tallbacken") == [(3, "uid-1")]
    assert ctx.store.conn.execute("SELECT COUNT(*) FROM search_text WHERE text LIKE '%Tallbacken%'").fetchone()[0] == 0
    assert ctx.store.conn.execute("SELECT COUNT(*) FROM search_term WHERE term='tallbacken'").fetchone()[0] == 0
    ctx.lock()
    ctx.store.checkpoint()
    for f in Path(ctx.data_dir).rglob("*"):
        if f.is_file():
            assert b"Tallbacken" not in f.read_bytes() and "Tallbacken".encode("utf-16-le") not in f.read_bytes(), f


def test_locked_vault_gives_nothing(ctx):
    ctx.lock()
    assert ctx.secret_index is None
    assert ctx.search.search("Tallbacken", include_secret=True) == []
    hits = ctx.search.search("lex Sarah", include_secret=True)
    assert [h.secret for h in hits] == [False]


def test_secret_hits_are_marked_and_ranked_with_the_public_ones(ctx):
    hits = ctx.search.search("lex Sarah", include_secret=True)
    assert [(h.item_number, h.secret) for h in hits] == [(3, False), (3, True)]
    j = hits[1].to_json()
    assert j["secret"] is True and j["source"] == "item" and "[Sarah]" in j["snippet"] and j["score"] > 0
    assert "secret" not in hits[0].to_json()
    assert ctx.search.search("lex Sarah", include_secret=True, sources=["attachment"]) == []


def test_deleted_secret_leaves_nothing_in_the_index(ctx):
    ctx.secret_index.reindex_secrets(["uid-1"])
    ctx.vault.delete_secret("uid-1")  # e.g. retention: no index hook was called
    assert secret_hits(ctx, "Tallbacken") == []
    rows = ctx.vault.db.conn.execute("SELECT COUNT(*) FROM search_row").fetchone()[0]
    assert rows == 0


def test_secret_index_rebuild_and_integrity(ctx):
    idx = ctx.secret_index
    assert idx.integrity_check()
    ctx.vault.put_secret(
        "uid-2",
        meeting_id="botkyrka-sn-2024-09-24",
        item_position=0,
        item_ordinal=3,
        kind="lex_sarah",
        label="x",
        text="Ett andra ärende om hemtjänst.",
    )
    idx.reindex_secrets(["uid-2"])
    assert secret_hits(ctx, "hemtjänst") == [(3, "uid-2")]
    assert idx.rebuild() == 2 and idx.integrity_check()


# ------------------------------------------------------------------------------------------ CLI
def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("BOTKYRKA_NAMND_DATA_DIR", None)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # headless: passphrase-only vault
    out = subprocess.run(
        [sys.executable, "-m", "botkyrka_nämnd", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    return out


@pytest.fixture(scope="module")
def cli_data(tmp_path_factory, seeds_dir):
    d = tmp_path_factory.mktemp("search-cli") / "data"
    pf = d.parent / "pass.txt"
    pf.write_text(PW, encoding="utf-8")
    run(d, "vault", "init", "--passphrase-file", str(pf))
    run(d, "import", str(seeds_dir / SEED_000), str(seeds_dir / SEED_002), str(seeds_dir / SEED_003))
    return d, pf


def test_cli_search_json_contract(cli_data):
    d, pf = cli_data
    data = json.loads(run(d, "search", "lex Sarah", "--json", "--limit", "10").stdout)
    assert data and all(
        list(h) == ["meeting_id", "item_number", "item_title", "source", "snippet", "score"] for h in data
    )
    assert {h["source"] for h in data} <= {"item", "attachment", "note"}
    assert ("botkyrka-sn-2020-05-26", 9) not in {(h["meeting_id"], h["item_number"]) for h in data}
    assert json.loads(run(d, "search", "1531", "--json").stdout) == []

    unlocked = json.loads(run(d, "search", "lex Sarah", "--json", "--unlock", "--passphrase-file", str(pf)).stdout)
    secret = [h for h in unlocked if h.get("secret")]
    assert [(h["meeting_id"], h["item_number"]) for h in secret] == [("botkyrka-sn-2020-05-26", 9)]
    assert list(secret[0]) == ["meeting_id", "item_number", "item_title", "source", "snippet", "score", "secret"]
    assert len(unlocked) == len(data) + 1


@pytest.mark.slow  # over 5 s (pytest --durations)
def test_cli_search_text_filters_and_reindex(cli_data):
    d, _ = cli_data
    out = run(d, "search", "Vårljus").stdout
    assert out.startswith("botkyrka-sn-2018-08-28 ärende 1:") and "[" in out
    assert "Inga träffar." in run(d, "search", '"(((').stdout
    data = json.loads(run(d, "search", "placering", "--json", "--source", "attachment", "--from", "2020").stdout)
    assert data and all(h["source"] == "attachment" and h["meeting_id"] >= "SN-2020" for h in data)
    before = run(d, "search", "hemsjukvård", "--json").stdout
    rebuilt = json.loads(run(d, "reindex", "--json").stdout)
    assert rebuilt["rebuilt"] is True and rebuilt["rows"] > 300
    assert run(d, "search", "hemsjukvård", "--json").stdout == before
