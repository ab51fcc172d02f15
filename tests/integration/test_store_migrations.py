"""Store migrations from committed fixtures of every past schema version (SECURITY.md R8, R9).

``tests/fixtures/store_v1.db`` … ``store_v7.db`` were written by the program as it was at those versions
(see tests/fixtures/README.md): seeds 000, 002 and 003 imported, notes and a highlight made. Each is copied
into the test's data folder and opened with the current code.

- R8: it migrates to ``LATEST``; every row of every table survives (row counts, note bodies, and a checksum
  of each table's old columns with the renamed meeting/committee ids mapped through their aliases); a
  pre-migration backup exists, opens and holds the old store unchanged; opening again changes nothing;
  search works; the old meeting ids resolve.
- R9: the migration runs in a child process that is SIGKILLed at random points (stratified over the whole
  open, and again over the migration transactions themselves). After each kill the store passes
  ``integrity_check`` and is *exactly* the old store or exactly a completed migration step (schema and
  per-table checksums equal to the reference of its ``user_version``: never mixed), and a normal open then
  completes the migration. The child only *reports* where it got to (it wraps the migration functions and
  ``Store.backup`` with markers on stdout); the product code has no test hook.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from botkyrka_nämnd import cli
from botkyrka_nämnd.services.context import AppContext
from botkyrka_nämnd.storage import migrations
from botkyrka_nämnd.storage.db import Store
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_VERSIONS = {
    "store_v1.db": 1,
    "store_v2.db": 2,
    "store_v3.db": 3,
    "store_v4.db": 4,
    "store_v5.db": 5,
    "store_v6.db": 6,
    "store_v7.db": 7,
    "store_v8.db": 8,
}
OLD_IDS = ["SN-2024-09-24", "SN-2018-08-28", "SN-2020-05-26"]  # v1, v2; v3 made them readable:
NEW_IDS = [f"botkyrka-sn-{old[3:]}" for old in OLD_IDS]
COUNTED = [
    "committee",
    "meeting",
    "agenda_item",
    "document",
    "section",
    "list_entry",
    "case_mention",
    "secret_part",
    "source_file",
    "page_artifact",
    "annotation",
    "import_log",
]
SECRET_FORMS = ["Lex Sarah rapport 1531", "1531, 1545, 1610, 1646", "1531", "1545", "1610", "1646"]
KILL_ROUNDS = int(os.environ.get("BOTKYRKA_MIGRATION_KILL_ROUNDS", "22"))  # per fixture


# -- reading a store with plain sqlite3 --------------------------------------------------------------------
def _ro(path: Path) -> sqlite3.Connection:
    """Read-only. A committed fixture (WAL mode, checkpointed) is opened immutable, so that reading it leaves
    no -wal/-shm files beside it in the checkout."""
    if path.parent == FIXTURES:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def tables(conn) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
    ]


def shape(conn) -> list[tuple]:
    """The whole schema: every table, index, trigger and view with its SQL."""
    return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()


def digest(conn) -> dict[str, str]:
    """One checksum per table (virtual tables' shadow tables included), independent of row order."""
    out = {}
    for t in tables(conn):
        rows = sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{t}"'))
        out[t] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return out


def counts(conn) -> dict[str, int]:
    return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in COUNTED}


def notes(conn) -> list[tuple]:
    return sorted(conn.execute("SELECT uid, kind, body, tags, quote, char_start, char_end FROM annotation").fetchall())


def columns(conn, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def content_of_old_columns(old, new, alias: dict[str, str], committee: dict[str, str]) -> dict[str, tuple]:
    """Per table of the old store: a checksum of its rows in the old columns, read from both stores, with the
    ids the v3 migration renames mapped (meeting ids through meeting_alias, committee ids to the new ones) and
    the locked parts' labels it makes content-free.
    Search tables are derived data owned by search/ (rebuilt there) and left out."""
    out = {}
    for t in tables(old):
        if t.startswith("search_"):
            continue
        cols = columns(old, t)

        def mapped(conn, t=t, cols=cols, do_map=False):
            rows = []
            for r in conn.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{t}"'):
                r = list(r)
                if do_map:
                    for i, c in enumerate(cols):
                        if c == "meeting_id" or (t == "meeting" and c == "id"):
                            r[i] = alias.get(r[i], r[i])
                        elif (t == "meeting" and c == "committee_id") or (t == "committee" and c == "id"):
                            r[i] = committee.get(r[i], r[i])
                        elif (
                            t == "secret_part"
                            and c == "label"
                            and r[cols.index("kind")] in ("lex_sarah", "sekretessdel")
                        ):
                            r[i] = "Sekretessbelagd del"  # v3 makes locked labels content-free (no report count)
                rows.append(repr(r))
            return hashlib.sha256("\n".join(sorted(rows)).encode()).hexdigest()

        out[t] = (mapped(old, do_map=True), mapped(new))
    return out


def copy_fixture(name: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / "store.db"
    shutil.copyfile(FIXTURES / name, dest)
    dest.chmod(0o600)
    return dest


# -- references: the old store, and each migration step done without interruption -------------------------
_REFS: dict[str, dict] = {}


def reference(name: str, tmp_root: Path) -> dict:
    """{version: (shape, digest)} for the fixture itself and after each migration step by the real Store."""
    if name in _REFS:
        return _REFS[name]
    old = FIXTURE_VERSIONS[name]
    c = _ro(FIXTURES / name)
    refs = {old: (shape(c), digest(c))}
    c.close()
    for v in range(old + 1, migrations.LATEST + 1):
        p = copy_fixture(name, tmp_root / f"ref-{name}-{v}")
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(migrations, "LATEST", v)  # the real Store, stopping after step v
            Store(p).close()
        c = sqlite3.connect(p)
        assert c.execute("PRAGMA user_version").fetchone()[0] == v
        refs[v] = (shape(c), digest(c))
        c.close()
    _REFS[name] = refs
    return refs


def _has_table(conn, name):
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


# =============================================================================================== fixtures
@pytest.mark.parametrize("name", sorted(FIXTURE_VERSIONS))
def test_fixture_is_an_old_store_with_data_and_no_secret_text(name):
    raw = (FIXTURES / name).read_bytes()
    assert raw.startswith(b"SQLite format 3\x00")
    for form in SECRET_FORMS:
        for enc in ("utf-8", "utf-16-le"):
            assert form.encode(enc) not in raw, f"{form!r} ({enc}) in {name}"
    c = _ro(FIXTURES / name)
    try:
        assert c.execute("PRAGMA user_version").fetchone()[0] == FIXTURE_VERSIONS[name] < migrations.LATEST
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n = counts(c)
        assert n["meeting"] == 3 and n["agenda_item"] > 30 and n["document"] > 50 and n["annotation"] >= 3
        ids = OLD_IDS if FIXTURE_VERSIONS[name] < 3 else NEW_IDS
        assert sorted(r[0] for r in c.execute("SELECT id FROM meeting")) == sorted(ids)
        assert c.execute("SELECT COUNT(*) FROM secret_part").fetchone()[0] >= 1  # seed 003's part: a placeholder
        assert _has_table(c, "meeting_alias") == (FIXTURE_VERSIONS[name] >= 3)
    finally:
        c.close()


# ==================================================================================================== R8
@pytest.mark.parametrize("name", sorted(FIXTURE_VERSIONS))
def test_fixture_migrates_to_latest_keeping_every_row(name, data_dir):
    old_version = FIXTURE_VERSIONS[name]
    c = _ro(FIXTURES / name)
    before_counts, before_notes, before_digest = counts(c), notes(c), digest(c)
    c.close()
    copy_fixture(name, data_dir)

    ctx = AppContext(data_dir)
    try:
        assert ctx.store.schema_version == migrations.LATEST
        conn = ctx.store.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert counts(conn) == before_counts
        assert notes(conn) == before_notes  # note bodies, tags and highlight anchors byte for byte
        alias = ctx.repo.meeting_aliases()
        committee = {short: cid for cid, short in conn.execute("SELECT id, short FROM committee")}
        old = _ro(FIXTURES / name)
        try:
            for table, (want, got) in content_of_old_columns(old, conn, alias, committee).items():
                assert got == want, f"{table}: content changed by the migration"
        finally:
            old.close()
        # the notes through the service, on the renamed meeting
        got = {(a["kind"], a["body"]) for a in ctx.annotations.notes_for_meeting("botkyrka-sn-2024-09-24")}
        want = {(k, b) for _u, k, b, _t, _q, _s, _e in before_notes}
        assert got and got <= want
        migrated_digest = {t: h for t, h in digest(conn).items() if not t.startswith("search_")}
    finally:
        ctx.close()

    # the pre-migration backup: exactly the old store
    backups = sorted((data_dir / "backups").glob(f"store-pre-migration-v{old_version}-*.db"))
    assert len(backups) == 1
    b = _ro(backups[0])
    try:
        assert b.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert b.execute("PRAGMA user_version").fetchone()[0] == old_version
        assert digest(b) == before_digest
    finally:
        b.close()
    assert oct(backups[0].stat().st_mode & 0o777) == "0o600"

    # opening again: nothing to migrate, nothing changed, no second backup
    listing = sorted(p.name for p in (data_dir / "backups").iterdir())
    ctx = AppContext(data_dir)
    try:
        assert ctx.store.schema_version == migrations.LATEST
        assert {t: h for t, h in digest(ctx.store.conn).items() if not t.startswith("search_")} == migrated_digest
    finally:
        ctx.close()
    assert sorted(p.name for p in (data_dir / "backups").iterdir()) == listing


@pytest.mark.parametrize("name", sorted(n for n, v in FIXTURE_VERSIONS.items() if v < 3))
def test_migrated_locked_parts_say_only_that_they_exist(name, data_dir):
    """The v1 and v2 stores labelled seed 003's part "Lex Sarah-rapporter (4)": the count of reports, in clear."""
    with sqlite3.connect(FIXTURES / name) as old:
        assert ("Lex Sarah-rapporter (4)",) in old.execute("SELECT label FROM secret_part").fetchall()
    copy_fixture(name, data_dir)
    ctx = AppContext(data_dir)
    try:
        labels = [r[0] for r in ctx.store.conn.execute("SELECT label FROM secret_part WHERE kind='lex_sarah'")]
        assert labels == ["Sekretessbelagd del"]
        assert not any(ch.isdigit() for r in ctx.store.conn.execute("SELECT label FROM secret_part") for ch in r[0])
    finally:
        ctx.close()


@pytest.mark.parametrize("name", sorted(FIXTURE_VERSIONS))
def test_migrated_store_searches_and_resolves_old_meeting_ids(name, data_dir, capsys):
    copy_fixture(name, data_dir)
    ctx = AppContext(data_dir)
    try:
        new_ids = set(NEW_IDS)
        renamed = FIXTURE_VERSIONS[name] < 3  # a v3 store was written with the readable ids: no aliases
        assert ctx.repo.meeting_aliases() == ({old: f"botkyrka-sn-{old[3:]}" for old in OLD_IDS} if renamed else {})
        for old, new in zip(OLD_IDS, NEW_IDS):
            m = ctx.repo.meeting(old if renamed else new)
            assert m is not None and m["id"] == new and m["kommun"] == "Botkyrka kommun"
        if renamed:
            assert ctx.repo.item("SN-2024-09-24", 2)["id"] == ctx.repo.item("botkyrka-sn-2024-09-24", 2)["id"]

        hits = ctx.search.search("placering")
        assert hits, "no search hits on the migrated store"
        assert {h.meeting_id for h in hits} <= new_ids
        assert len({h.meeting_id for h in hits}) >= 2
        note_hits = ctx.search.search("placeringar", sources=["note"])
        assert note_hits and all(h.source == "note" for h in note_hits)
        titles = [it["title"] for it in ctx.repo.items("botkyrka-sn-2024-09-24") if it["ordinal"] is not None]
    finally:
        ctx.close()
    # scripts and links with an old id keep working on the CLI too
    capsys.readouterr()
    mid = "SN-2024-09-24" if FIXTURE_VERSIONS[name] < 3 else "botkyrka-sn-2024-09-24"
    assert cli.main(["--data-dir", str(data_dir), "--json", "agenda", mid]) == 0
    assert [row["title"] for row in json.loads(capsys.readouterr().out)] == titles


# ==================================================================================================== R9
CHILD = r"""
import sys, time
from pathlib import Path
from botkyrka_nämnd.storage import db, migrations

def mark(what):
    sys.stdout.write(f"{what} {time.monotonic():.6f}\n")
    sys.stdout.flush()

_backup = db.Store.backup
def backup(self, label):
    mark("backup")
    p = _backup(self, label)
    mark("after-backup")
    return p
db.Store.backup = backup
for n, f in list(migrations.MIGRATIONS.items()):
    def step(conn, f=f, n=n):
        mark(f"migrate-{n}")
        f(conn)
        mark(f"commit-{n}")   # the user_version bump and COMMIT follow
    migrations.MIGRATIONS[n] = step

mark("ready")
store = db.Store(Path(sys.argv[1]))
mark("close")                 # the WAL checkpoint
store.close()
mark("closed")
"""


def _child(path: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _marks(text: str) -> list[tuple[str, float]]:
    out = []
    for line in text.splitlines():
        what, _, t = line.partition(" ")
        out.append((what, float(t)))
    return out


def _pilot(path: Path) -> dict[str, float]:
    """Offsets (s) of each marker after 'ready' in an uninterrupted run."""
    p = _child(path)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 0, err
    m = _marks(out)
    t0 = dict(m)["ready"]
    return {what: t - t0 for what, t in m}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FIXTURE_VERSIONS))
def test_migration_killed_at_random_points_is_old_or_new_never_mixed(name, tmp_path, record_property, capsys):
    old_version = FIXTURE_VERSIONS[name]
    refs = reference(name, tmp_path)
    pilot = _pilot(copy_fixture(name, tmp_path / "pilot"))
    whole = pilot["closed"] * 1.05
    mig_from, mig_to = pilot[f"migrate-{old_version + 1}"], pilot["close"]
    rng = random.Random(f"{name}-{os.getpid()}-{time.time_ns()}")
    # half the kills spread over the whole open (stratified, increasing), half inside the migration steps
    half = KILL_ROUNDS // 2
    delays = [whole * (i + rng.random()) / half for i in range(half)]
    delays += [
        mig_from + (mig_to - mig_from) * (i + rng.random()) / (KILL_ROUNDS - half) for i in range(KILL_ROUNDS - half)
    ]

    c = _ro(FIXTURES / name)
    want_counts, want_notes = counts(c), notes(c)
    c.close()
    phases: Counter[str] = Counter()
    versions: Counter[int] = Counter()
    damaged_backups = 0
    survived = 0
    for r, delay in enumerate(delays):
        folder = tmp_path / f"round-{r:02d}"
        path = copy_fixture(name, folder)
        p = _child(path)
        first = p.stdout.readline()
        assert first.startswith("ready"), first + p.stderr.read()
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        rest, _err = p.communicate(timeout=60)
        reached = _marks(first + rest)[-1][0]
        was_killed = p.returncode == -signal.SIGKILL
        phases[reached if was_killed else "finished"] += 1

        # the store as the next start finds it, read with plain sqlite3 (committed WAL frames only)
        c = sqlite3.connect(path)
        try:
            assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"round {r} ({reached})"
            v = c.execute("PRAGMA user_version").fetchone()[0]
            assert v in refs, f"round {r}: user_version {v}"
            versions[v] += 1
            assert _has_table(c, "meeting_alias") == (v >= 3)
            assert ("is_item_note" in columns(c, "annotation")) == (v >= 2)
            assert shape(c) == refs[v][0], f"round {r} ({reached}): schema is not that of version {v}"
            assert digest(c) == refs[v][1], f"round {r} ({reached}): content is not that of version {v}"
        finally:
            c.close()

        # a normal open completes the migration (to the reference's schema, every row and note still there)
        s = Store(path)
        try:
            assert s.schema_version == migrations.LATEST
            assert shape(s.conn) == refs[migrations.LATEST][0]
            assert counts(s.conn) == want_counts and notes(s.conn) == want_notes
        finally:
            s.close()
        # a complete pre-migration backup of the old store exists; a backup cut short by the kill is counted
        good = False
        for b in (folder / "backups").glob("store-pre-migration-*.db"):
            bc = sqlite3.connect(b)
            try:
                ok = bc.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                bv = bc.execute("PRAGMA user_version").fetchone()[0]
                if ok and bv == old_version and not good and digest(bc) == refs[old_version][1]:
                    good = True
                elif bv not in refs or not ok:
                    damaged_backups += 1
            finally:
                bc.close()
        assert good, f"round {r} ({reached}): no complete backup of the v{old_version} store"
        survived += 1
        shutil.rmtree(folder)

    killed = sum(n for ph, n in phases.items() if ph != "finished")
    summary = (
        f"{name}: {survived}/{len(delays)} rounds survived, {killed} of them SIGKILLed (the rest had exited first) "
        f"(v{old_version}->v{migrations.LATEST}); "
        f"killed in: {dict(sorted(phases.items()))}; user_version found after it: {dict(sorted(versions.items()))}; "
        f"empty/damaged backup files left by a kill: {damaged_backups}; "
        f"pilot: migration {1000 * (mig_to - mig_from):.1f} ms of {1000 * pilot['closed']:.1f} ms"
    )
    record_property("kill_rounds", summary)
    with capsys.disabled():
        print("\n" + summary)
    assert survived == len(delays)
    # the kills did land inside the migration transactions, not only before or after them
    assert sum(n for ph, n in phases.items() if ph.startswith(("migrate-", "commit-"))) >= 3, phases
