"""Disk full and write errors during import and note saving, on real file systems (SECURITY.md R4, R5).

R4 runs on a real, small tmpfs, so ``write()`` itself fails with ENOSPC (test_import_badinput.py has the
in-process simulation with ``max_page_count``). The file system is made, in this order, with
``mount -t tmpfs`` (root with CAP_SYS_ADMIN), else inside ``unshare --user --map-root-user --mount`` (an
unprivileged user namespace); where neither works the test is skipped and says why.
``BOTKYRKA_TEST_SMALLFS=mount|unshare`` forces one way (to test the other one where both work).
The scenario runs as a child process on that file system (``python test_disk_errors.py scenario DIR``),
drives the real CLI and reports what it saw as JSON; the test asserts on it.

R5 injects write errors with ``RLIMIT_FSIZE`` (SIGXFSZ ignored, so writes past the limit fail with
EFBIG): they must be reported as a clear user error, not as an unexpected error (exit 3), and leave
nothing behind.

There is no sync (publication feed) in the program yet, so only import and note saving are covered.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("BOTKYRKA_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
SEED_000 = "000_3a75fed938480f1a.txt"
SEED_002 = "002_7cc99368761cbc3a.txt"
SEED_003 = "003_a361098a97ab5e08.txt"
FIXTURE_V2 = ROOT / "tests" / "fixtures" / "store_v2.db"
MEETING_000 = "botkyrka-sn-2024-09-24"
MEETING_002 = "botkyrka-sn-2018-08-28"
MEETING_003 = "botkyrka-sn-2020-05-26"
FS_SIZE = "32m"
HEADROOM = 256 * 1024  # left free for an import: the -shm, a log line, a few WAL pages; not a whole meeting
CORE = ("meeting", "agenda_item", "document", "section", "annotation")


def _env() -> dict:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "PYTHONPATH": str(ROOT)}
    env.pop("BOTKYRKA_NAMND_DATA_DIR", None)
    return env


def cli(data: Path, *args: str, cwd: Path | None = None, preexec=None) -> dict:
    p = subprocess.run(
        [sys.executable, "-m", "botkyrka_nämnd", "--data-dir", str(data), *args],
        check=False,
        env=_env(),
        capture_output=True,
        text=True,
        cwd=cwd or data.parent,
        timeout=300,
        preexec_fn=preexec,
    )
    return {"rc": p.returncode, "out": p.stdout, "err": p.stderr}


def checksums(db: Path) -> dict[str, str]:
    """One checksum per table (order-independent). import_log is left out: logging a failed import is best effort."""
    c = sqlite3.connect(db)
    try:
        out = {}
        for (t,) in c.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name != 'import_log' ORDER BY name"
        ):
            rows = sorted(repr(r) for r in c.execute(f'SELECT * FROM "{t}"'))
            out[t] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        return out
    finally:
        c.close()


def state(db: Path) -> dict:
    c = sqlite3.connect(db)
    try:
        return {
            "integrity": c.execute("PRAGMA integrity_check").fetchone()[0],
            "foreign_keys": c.execute("PRAGMA foreign_key_check").fetchall(),
            "meetings": sorted(r[0] for r in c.execute("SELECT id FROM meeting")),
            "version": c.execute("PRAGMA user_version").fetchone()[0],
            "notes": sorted(r[0] for r in c.execute("SELECT body FROM annotation")),
            # rows that point at nothing (not declared as foreign keys)
            "orphans": c.execute(
                """SELECT (SELECT COUNT(*) FROM source_file WHERE meeting_id IS NOT NULL AND meeting_id NOT IN (SELECT id FROM meeting))
                        + (SELECT COUNT(*) FROM sealed_secret WHERE meeting_id NOT IN (SELECT id FROM meeting))
                        + (SELECT COUNT(*) FROM meeting WHERE source_file_id IS NOT NULL AND source_file_id NOT IN (SELECT id FROM source_file))"""
            ).fetchone()[0],
            "source_files": c.execute("SELECT COUNT(*) FROM source_file").fetchone()[0],
        }
    finally:
        c.close()


def free_bytes(path: Path) -> int:
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize


def fill(fs: Path, leave: int) -> Path:
    """Grow the filler file until only ``leave`` bytes are free (0: until the file system refuses)."""
    filler = fs / "filler"
    chunk = b"\0" * (1 << 20)
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        while True:
            want = free_bytes(fs) - leave
            if want <= 0 and leave:
                break
            try:
                os.write(fd, chunk[: max(4096, min(len(chunk), want))])
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                if len(chunk) == 1:
                    break
                chunk = chunk[: max(1, len(chunk) // 16)]  # the last pages: smaller writes until none fits
    finally:
        os.close(fd)
    return filler


# =========================================================================== the scenario (child process)
def scenario(fs: Path) -> dict:
    """Everything on the small file system ``fs``. Returns what was observed."""
    rep: dict = {"fs_size": os.statvfs(fs).f_blocks * os.statvfs(fs).f_frsize}
    data = fs / "data"
    db = data / "store.db"
    rep["setup"] = [
        cli(data, "import", str(SEEDS / SEED_000)),
        cli(data, "note", "add", MEETING_000, "2", "Anteckning innan disken blev full."),
    ]
    rep["before"] = {"checksums": checksums(db), "state": state(db)}

    # -- R4: imports with the disk nearly full ---------------------------------------------------------------
    filler = fill(fs, HEADROOM)
    rep["free_when_full"] = free_bytes(fs)
    rep["full_imports"] = [cli(data, "import", str(SEEDS / SEED_003)), cli(data, "import", str(SEEDS / SEED_002))]
    rep["full_meetings_cli"] = cli(data, "--json", "meetings")
    rep["after_full"] = {"checksums": checksums(db), "state": state(db)}

    # -- a note saved with the disk completely full --------------------------------------------------------
    sys.path.insert(0, str(ROOT))
    from botkyrka_nämnd.errors import UserError
    from botkyrka_nämnd.services.context import AppContext

    ctx = AppContext(data)
    item_id = ctx.repo.item(MEETING_000, 2)["id"]
    before_notes = [(a["kind"], a["body"]) for a in ctx.annotations.annotations_for_item(item_id)]
    fill(fs, 0)
    rep["free_when_completely_full"] = free_bytes(fs)
    rep["note_full"] = {}
    for how in ("add_note", "save_note"):
        try:
            getattr(ctx.annotations, how)(item_id, f"Ny anteckning ({how}) när disken är full.")
            rep["note_full"][how] = {"raised": None}
        except UserError as exc:
            rep["note_full"][how] = {"raised": type(exc).__name__, "code": exc.code, "sv": exc.sv, "en": exc.en}
        except Exception as exc:
            rep["note_full"][how] = {"raised": type(exc).__name__, "unexpected": repr(exc)}
    rep["notes_after_full_note"] = {
        "before": before_notes,
        "after": [(a["kind"], a["body"]) for a in ctx.annotations.annotations_for_item(item_id)],
    }
    ctx.close()
    # the CLI on a completely full disk: even the -shm cannot be created (SQLite says "disk I/O error" then)
    rep["full_cli_runs"] = [
        cli(data, "note", "add", MEETING_000, "2", "Anteckning från CLI när disken är full."),
        cli(data, "import", str(SEEDS / SEED_003)),
    ]
    rep["after_full_note"] = {"checksums": checksums(db), "state": state(db)}

    # -- space freed: the same imports and the note now work ----------------------------------------------
    filler.unlink()
    rep["freed_imports"] = [
        cli(data, "import", str(SEEDS / SEED_003)),
        cli(data, "import", str(SEEDS / SEED_002)),
        cli(data, "note", "add", MEETING_000, "2", "Anteckning efter att utrymme frigjorts."),
    ]
    rep["after_freed"] = {"checksums": checksums(db), "state": state(db)}

    # -- a migration (with its pre-migration backup) on a full disk ----------------------------------------
    if FIXTURE_V2.exists():
        mig = fs / "old"
        mig.mkdir(mode=0o700)
        shutil.copyfile(FIXTURE_V2, mig / "store.db")
        (mig / "store.db").chmod(0o600)
        sha = hashlib.sha256((mig / "store.db").read_bytes()).hexdigest()
        filler = fill(fs, HEADROOM)
        rep["migration_full"] = cli(mig, "meetings")
        rep["migration_full_state"] = {
            "sha_unchanged": hashlib.sha256((mig / "store.db").read_bytes()).hexdigest() == sha,
            "state": state(mig / "store.db"),
            "backups": sorted(p.name for p in (mig / "backups").iterdir()) if (mig / "backups").exists() else [],
        }
        filler.unlink()
        rep["migration_freed"] = cli(mig, "--json", "meetings")
        rep["migration_freed_state"] = state(mig / "store.db")
    return rep


def _scenario_main(argv: list[str]) -> int:
    try:
        rep = scenario(Path(argv[0]))
    except Exception:
        print(json.dumps({"scenario_error": traceback.format_exc()}))
        return 2
    print(json.dumps(rep, ensure_ascii=False))
    return 0


# ============================================================================== making the small file system
def _try(cmd: list[str]) -> tuple[bool, str]:
    try:
        p = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"{cmd[0]}: {exc}"
    return p.returncode == 0, (p.stderr or p.stdout).strip()


def run_on_small_fs(mnt: Path) -> tuple[str, dict]:
    """Run the scenario on a small tmpfs at ``mnt``. Returns (mechanism, report); skips when none works."""
    mode = os.environ.get("BOTKYRKA_TEST_SMALLFS", "auto")
    mnt.mkdir(parents=True, exist_ok=True)
    script = [sys.executable, str(Path(__file__).resolve()), "scenario", str(mnt)]
    why = [] if mode in ("auto", "mount", "unshare") else [f"BOTKYRKA_TEST_SMALLFS={mode}"]
    if mode in ("auto", "mount"):
        ok, msg = (
            _try(["mount", "-t", "tmpfs", "-o", f"size={FS_SIZE},mode=0700", "tmpfs", str(mnt)])
            if shutil.which("mount")
            else (False, "no mount command")
        )
        if ok:
            try:
                p = subprocess.run(
                    script, check=False, capture_output=True, text=True, env=_env(), cwd=mnt, timeout=600
                )
            finally:
                _try(["umount", str(mnt)])
            return "tmpfs (mount)", _report(p)
        why.append(f"mount -t tmpfs: {msg or 'failed'}")
    if mode in ("auto", "unshare"):
        unshare = shutil.which("unshare")
        mount_sh = 'mount -t tmpfs -o "size=$1,mode=0700" tmpfs "$2" || exit 97; shift 2; exec "$@"'
        if unshare is None:
            why.append("no unshare command")
        else:
            ok, msg = _try(
                [unshare, "--user", "--map-root-user", "--mount", "sh", "-c", mount_sh, "sh", "1m", str(mnt), "true"]
            )
            if ok:
                p = subprocess.run(
                    [
                        unshare,
                        "--user",
                        "--map-root-user",
                        "--mount",
                        "sh",
                        "-c",
                        mount_sh,
                        "sh",
                        FS_SIZE,
                        str(mnt),
                        *script,
                    ],
                    check=False,
                    capture_output=True,
                    text=True,
                    env=_env(),
                    cwd=mnt.parent,
                    timeout=600,
                )
                return "tmpfs (unshare --user --mount)", _report(p)
            why.append(f"unshare --user --map-root-user --mount: {msg or 'failed'}")
    pytest.skip(
        "no small file system can be made here (" + "; ".join(why) + "): the disk-full import is covered "
        "only by the simulation in test_import_badinput.py"
    )


def _report(p: subprocess.CompletedProcess) -> dict:
    try:
        rep = json.loads(p.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise AssertionError(f"scenario failed (rc {p.returncode}):\n{p.stdout}\n{p.stderr}") from None
    assert "scenario_error" not in rep, rep.get("scenario_error")
    return rep


def _is_clear_disk_full(run: dict) -> bool:
    return run["rc"] == 1 and ("Disken är full" in run["err"] or "disk is full" in run["err"])


# ========================================================================================================= R4
@pytest.mark.slow
def test_disk_full_during_import_and_note_on_a_real_small_filesystem(tmp_path, seeds_dir, record_property):
    how, rep = run_on_small_fs(tmp_path / "smallfs")
    record_property("smallfs", how)
    print(f"small file system: {how}, {rep['fs_size'] // 1024} KiB; free when full: {rep['free_when_full']} bytes")
    assert all(r["rc"] == 0 for r in rep["setup"]), rep["setup"]
    before = rep["before"]
    assert before["state"]["meetings"] == [MEETING_000] and before["state"]["integrity"] == "ok"

    # the imports fail with "Disken är full", one line, no traceback
    assert rep["free_when_full"] <= HEADROOM + 4096
    for run in rep["full_imports"]:
        assert _is_clear_disk_full(run), run
        assert "Traceback" not in run["err"] and "oväntat fel" not in run["err"]
    # no partial meeting; the store intact; every earlier row unchanged
    after = rep["after_full"]
    assert rep["full_meetings_cli"]["rc"] == 0
    assert [m["id"] for m in json.loads(rep["full_meetings_cli"]["out"])] == [MEETING_000]
    assert after["state"]["meetings"] == [MEETING_000]
    assert (
        after["state"]["integrity"] == "ok" and after["state"]["foreign_keys"] == [] and after["state"]["orphans"] == 0
    )
    assert after["state"]["source_files"] == before["state"]["source_files"]
    for t in CORE:
        assert after["checksums"][t] == before["checksums"][t], t
    assert after["checksums"] == before["checksums"]  # every table (search index included), not only the core

    # a note saved on a completely full disk: DiskFull, and the earlier note is still there
    assert rep["free_when_completely_full"] < 4096 * 4
    for how_saved, res in rep["note_full"].items():
        assert res["raised"] == "DiskFull", (how_saved, res)
        assert "Disken är full" in res["sv"] and "disk is full" in res["en"]
    notes = rep["notes_after_full_note"]
    assert notes["after"] == notes["before"] and ["note", "Anteckning innan disken blev full."] in notes["before"]
    for run in rep["full_cli_runs"]:
        assert _is_clear_disk_full(run), run
    assert rep["after_full_note"]["checksums"] == before["checksums"]
    assert rep["after_full_note"]["state"]["integrity"] == "ok"

    # space freed: the same imports and a new note succeed
    for run in rep["freed_imports"]:
        assert run["rc"] == 0, run
    freed = rep["after_freed"]["state"]
    assert freed["meetings"] == sorted([MEETING_000, MEETING_002, MEETING_003])
    assert freed["integrity"] == "ok" and freed["foreign_keys"] == [] and freed["orphans"] == 0
    assert freed["notes"] == sorted(["Anteckning innan disken blev full.", "Anteckning efter att utrymme frigjorts."])

    # a migration whose pre-migration backup does not fit: refused clearly, the old store untouched
    if "migration_full" in rep:
        assert _is_clear_disk_full(rep["migration_full"]), rep["migration_full"]
        st = rep["migration_full_state"]
        assert st["sha_unchanged"] and st["state"]["version"] == 2 and st["state"]["integrity"] == "ok"
        assert rep["migration_freed"]["rc"] == 0, rep["migration_freed"]
        assert rep["migration_freed_state"]["version"] >= 3 and rep["migration_freed_state"]["integrity"] == "ok"
        assert len(json.loads(rep["migration_freed"]["out"])) == 3
        if st["backups"]:
            print(f"left by the refused migration in backups/: {st['backups']}")


# ========================================================================================================= R5
def _fsize_limit(limit: int):
    def apply():
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.fixture(scope="module")
def _template_store(tmp_path_factory, seeds_dir):
    data = tmp_path_factory.mktemp("template") / "d"
    assert cli(data, "import", str(seeds_dir / SEED_000))["rc"] == 0
    assert cli(data, "note", "add", MEETING_000, "2", "Anteckning före skrivfelet.")["rc"] == 0
    return data


@pytest.fixture
def store_with_meeting(_template_store, tmp_path):
    """A data folder with seed 000 imported and a note (a copy of one made once per module by the CLI)."""
    data = tmp_path / "d"
    shutil.copytree(_template_store, data)
    return data


@pytest.mark.slow
def test_write_error_during_import_is_a_clear_error_and_leaves_nothing(store_with_meeting, seeds_dir):
    data = store_with_meeting
    db = data / "store.db"
    before, before_state = checksums(db), state(db)
    # In WAL mode an import writes only the -wal file (empty when the store is opened), never store.db (only
    # checkpoints do): a limit below what the import needs in the WAL makes its writes fail with EFBIG. It is
    # above the -shm (32 KiB) and the log, so opening works.
    limit = 256 * 1024
    assert os.path.getsize(db) > limit
    run = cli(data, "import", str(seeds_dir / SEED_003), preexec=_fsize_limit(limit))
    assert run["rc"] == 1, run  # a user error, not 3 (oväntat fel)
    assert "Kunde inte skriva till disken" in run["err"] and "Could not write to the disk" in run["err"], run
    assert "oväntat fel" not in run["err"] and "Traceback" not in run["err"]
    run_en = cli(data, "--lang", "en", "import", str(seeds_dir / SEED_002), preexec=_fsize_limit(limit))
    assert run_en["rc"] == 1 and "Could not write to the disk" in run_en["err"], run_en
    assert "Kunde inte" not in run_en["err"] and "unexpected" not in run_en["err"].lower()
    after = state(db)
    assert after["integrity"] == "ok" and after["foreign_keys"] == [] and after["orphans"] == 0
    assert after["meetings"] == [MEETING_000] and after["source_files"] == before_state["source_files"]
    assert checksums(db) == before
    assert "import failed: disk_write" in (data / "logs" / "botkyrka-namnd.log").read_text(encoding="utf-8")
    # without the limit the same import works
    assert cli(data, "import", str(seeds_dir / SEED_003))["rc"] == 0
    assert state(db)["meetings"] == sorted([MEETING_000, MEETING_003])


@pytest.mark.slow
def test_write_error_in_the_checkpoint_after_commit_loses_nothing(store_with_meeting, seeds_dir):
    """A limit just above the store's size: the import fits in the WAL and commits; the checkpoint at close then
    fails (EFBIG on store.db, best effort). The committed import stays in the WAL and nothing is lost."""
    data = store_with_meeting
    db = data / "store.db"
    before = checksums(db)
    limit = os.path.getsize(db) + 16 * 4096
    run = cli(data, "import", str(seeds_dir / SEED_003), preexec=_fsize_limit(limit))
    assert run["rc"] == 0, run
    wal = data / "store.db-wal"
    assert wal.exists() and wal.stat().st_size > 0  # the checkpoint could not move it into store.db
    after = state(db)  # a plain reader sees the committed import through the WAL
    assert after["integrity"] == "ok" and after["meetings"] == sorted([MEETING_000, MEETING_003])
    got = checksums(db)
    assert got["committee"] == before["committee"] and got["annotation"] == before["annotation"]
    # the next normal run checkpoints it
    assert cli(data, "meetings")["rc"] == 0
    assert not wal.exists() or wal.stat().st_size == 0
    assert state(db)["integrity"] == "ok" and state(db)["meetings"] == sorted([MEETING_000, MEETING_003])


def test_write_errors_map_onto_a_user_error(tmp_path, monkeypatch):
    from botkyrka_nämnd.errors import DiskFull, DiskWriteError
    from botkyrka_nämnd.storage import db as storage_db
    from botkyrka_nämnd.storage.db import translate_error

    for e in (OSError(errno.EFBIG, "File too large"), OSError(errno.EIO, "Input/output error")):
        assert isinstance(translate_error(e), DiskWriteError)
    assert isinstance(translate_error(OSError(errno.ENOSPC, "No space left on device")), DiskFull)
    err = sqlite3.OperationalError("disk I/O error")
    mapped = translate_error(err)
    assert isinstance(mapped, DiskWriteError) and mapped.code == "disk_write"
    assert "inget sparades" in mapped.sv and "nothing was saved" in mapped.en
    assert isinstance(translate_error(sqlite3.OperationalError("database or disk is full")), DiskFull)
    other = sqlite3.OperationalError("no such table: x")
    assert translate_error(other) is other
    # an I/O error on a disk with no space left is told as a full disk (ENOSPC on the -shm file, say)
    assert isinstance(
        translate_error(sqlite3.OperationalError("disk I/O error"), tmp_path / "store.db"), DiskWriteError
    )
    monkeypatch.setattr(storage_db.shutil, "disk_usage", lambda p: shutil._ntuple_diskusage(100, 100, 0))
    assert isinstance(translate_error(sqlite3.OperationalError("disk I/O error"), tmp_path / "store.db"), DiskFull)
    assert isinstance(translate_error(OSError(errno.EFBIG, "File too large"), tmp_path / "store.db"), DiskFull)


if __name__ == "__main__" and len(sys.argv) > 2 and sys.argv[1] == "scenario":
    sys.exit(_scenario_main(sys.argv[2:]))
