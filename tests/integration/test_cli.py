"""End to end through the command line (DESIGN.md §7) on the real seed files and a real data dir."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from botkyrka_nämnd.demo import generate_meeting_text
from tests.conftest import SEED_000, SEED_002, SEED_003

PASS = "korrekt häftapparat ljusblå"


def run(data_dir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "botkyrka_nämnd", "--data-dir", str(data_dir), *args]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=_env())
    if check and out.returncode != 0:
        raise AssertionError(f"{args} exited {out.returncode}: {out.stderr}")
    return out


def _env():
    import os

    env = dict(os.environ)
    env.pop("BOTKYRKA_NAMND_DATA_DIR", None)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # headless: passphrase-only vault
    return env


def table_digest(db: Path) -> dict[str, str]:
    import sqlite3

    c = sqlite3.connect(db)
    out = {}
    for (name,) in c.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name != 'import_log'"
    ):
        rows = c.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()
        out[name] = hashlib.sha256(repr(rows).encode()).hexdigest()
    c.close()
    return out


@pytest.fixture(scope="module")
def imported(tmp_path_factory, seeds_dir):
    d = tmp_path_factory.mktemp("cli") / "data"
    out = run(d, "import", "--json", str(seeds_dir / SEED_000), str(seeds_dir / SEED_002), str(seeds_dir / SEED_003))
    return d, json.loads(out.stdout), out


def test_import_json_contract(imported):
    _d, data, _ = imported
    assert data["failed"] == []
    ids = {m["meeting_id"]: m for m in data["imported"]}
    assert set(ids) == {"botkyrka-sn-2024-09-24", "botkyrka-sn-2018-08-28", "botkyrka-sn-2020-05-26"}
    assert all(set(m) == {"meeting_id", "items", "secret_parts"} for m in data["imported"])
    assert ids["botkyrka-sn-2024-09-24"]["items"] == 9
    assert ids["botkyrka-sn-2018-08-28"]["items"] == 13
    assert ids["botkyrka-sn-2020-05-26"]["items"] == 9
    assert ids["botkyrka-sn-2024-09-24"]["secret_parts"] == 0
    assert ids["botkyrka-sn-2020-05-26"]["secret_parts"] >= 1


def test_import_without_vault_says_how_to_set_it_up(imported):
    _, _, out = imported
    assert "vault init" in out.stderr


def test_meetings_json(imported):
    d, _, _ = imported
    rows = json.loads(run(d, "meetings", "--json").stdout)
    assert [r["id"] for r in rows] == ["botkyrka-sn-2024-09-24", "botkyrka-sn-2020-05-26", "botkyrka-sn-2018-08-28"]
    # DESIGN §7 plus the issue-9 additions (kommun, body); the existing fields keep their meaning
    assert all(
        list(r) == ["id", "committee", "date", "time", "place", "chair", "secretary", "item_count", "kommun", "body"]
        for r in rows
    )
    assert all(r["kommun"] == "Botkyrka kommun" and r["body"] == "Socialnämnden" for r in rows)
    m = rows[0]
    assert m["committee"] == "Socialnämnden" and m["date"] == "2024-09-24" and m["time"] == "18:00"
    assert m["chair"] == "Carl Widercrantz (TUP)" and m["secretary"] == "Anneli Sjöberg"
    assert m["place"] == "Xenter, Utbildningsvägen 3 i Tumba, Xenter, sal 226 plan 2"
    m2020 = rows[1]
    assert m2020["time"] is None and m2020["place"] is None and m2020["chair"] is None


def test_agenda_json(imported):
    d, _, _ = imported
    rows = json.loads(run(d, "agenda", "botkyrka-sn-2024-09-24", "--json").stdout)
    assert [r["number"] for r in rows] == list(range(1, 10))
    assert all(
        list(r)
        == [
            "number",
            "title",
            "case_number",
            "kind",
            "row_kind",
            "group",
            "proposal",
            "decision",
            "secret",
            "secret_parts",
        ]
        for r in rows
    )
    assert all(r["decision"] is None and r["row_kind"] == "item" for r in rows)  # no protokoll imported
    assert rows[1]["case_number"] == "SN/2024:00317"  # the agenda's Dnr (the document says 00266)
    assert rows[4]["case_number"] == "SN/2024:00303" and "755 000 kronor" in rows[4]["proposal"]
    assert rows[0]["kind"] == "muntlig_information"
    rows2018 = json.loads(run(d, "agenda", "botkyrka-sn-2018-08-28", "--json").stdout)
    assert [r["number"] for r in rows2018 if r["number"] is not None] == list(range(1, 14))
    assert any(r["kind"] == "justering" and r["number"] is None for r in rows2018)


def test_show_item_text_and_documents(imported):
    d, _, _ = imported
    data = json.loads(run(d, "show", "botkyrka-sn-2024-09-24", "4", "--json").stdout)
    assert data["number"] == 4 and data["case_number"] == "SN/2024:00053"
    assert len(data["documents"]) >= 2  # tjänsteskrivelse + Delårsrapport 2
    assert any(
        "Delårsrapport" in (doc["title"] or "") or "DET HÄR ÄR BOTKYRKA" in doc["text"] for doc in data["documents"]
    )
    text = run(d, "show", "botkyrka-sn-2024-09-24", "5").stdout
    assert "755 000 kronor" in text


def test_secret_part_is_locked_placeholder_and_not_on_disk(imported):
    d, _, _ = imported
    data = json.loads(run(d, "show", "botkyrka-sn-2020-05-26", "9", "--json").stdout)
    assert data["secret_parts"] and all(p["locked"] for p in data["secret_parts"])
    assert all("text" not in p for p in data["secret_parts"])
    dump = json.dumps(data, ensure_ascii=False)
    assert "1531" not in dump and "1646" not in dump
    _grep_data_dir(d, ["Lex Sarah rapport 1531", "1531, 1545, 1610, 1646"])


def _grep_data_dir(d: Path, needles: list[str]) -> None:
    files = [p for p in d.rglob("*") if p.is_file()]
    assert files
    for p in files:
        blob = p.read_bytes()
        for n in needles:
            for enc in ("utf-8", "utf-16-le", "utf-16-be"):
                assert n.encode(enc) not in blob, f"{n!r} ({enc}) found in {p.name}"
                assert n.lower().encode(enc) not in blob, f"{n!r} lowercase ({enc}) found in {p.name}"


def test_reimport_changes_nothing(imported, seeds_dir):
    d, _, _ = imported
    before = table_digest(d / "store.db")
    out = json.loads(run(d, "import", "--json", str(seeds_dir / SEED_000), str(seeds_dir / SEED_003)).stdout)
    assert out["failed"] == [] and len(out["imported"]) == 2
    assert table_digest(d / "store.db") == before


def test_reissued_kallelse_becomes_new_version(tmp_path, seeds_dir):
    d = tmp_path / "data"
    run(d, "import", str(seeds_dir / SEED_000))
    text = (seeds_dir / SEED_000).read_text(encoding="utf-8")
    assert "755 000 kronor" in text
    v2 = tmp_path / "kallelse-v2.txt"
    v2.write_text(text.replace("755 000 kronor", "812 000 kronor"), encoding="utf-8")
    run(d, "import", str(v2))
    data = json.loads(run(d, "show", "botkyrka-sn-2024-09-24", "5", "--json").stdout)
    assert "812 000 kronor" in data["proposal"]
    assert any(doc["version"] == 2 for doc in data["documents"])
    import sqlite3

    c = sqlite3.connect(d / "store.db")
    old = c.execute(
        """SELECT COUNT(*) FROM document d JOIN agenda_item a ON a.id=d.item_id
           WHERE a.meeting_id='botkyrka-sn-2024-09-24' AND a.ordinal=5 AND d.is_current=0"""
    ).fetchone()[0]
    assert old >= 1  # the old version is kept
    unchanged = c.execute(
        """SELECT COUNT(*) FROM document d JOIN agenda_item a ON a.id=d.item_id
           WHERE a.meeting_id='botkyrka-sn-2024-09-24' AND a.ordinal<>5 AND d.version>1"""
    ).fetchone()[0]
    assert unchanged == 0  # only the changed item got new versions
    c.close()


@pytest.mark.slow  # over 5 s (pytest --durations)
def test_vault_fills_secret_part_after_reimport(tmp_path, seeds_dir):
    d = tmp_path / "data"
    pf = tmp_path / "pass.txt"
    pf.write_text(PASS + "\n", encoding="utf-8")
    first = run(d, "import", str(seeds_dir / SEED_003))
    assert "vault init" in first.stderr
    # creating the vault reads the file again (issue 12): its secret part is filled in at once
    made = json.loads(run(d, "vault", "init", "--passphrase-file", str(pf), "--json").stdout)
    assert made["read_again"] == [str((seeds_dir / SEED_003).resolve())] and made["missing"] == []
    status = json.loads(run(d, "vault", "status", "--json").stdout)
    assert status["exists"] is True and status["unlocked"] is False and status["sealed_pending"] == 0
    # another secret-bearing kallelse while locked: sealed to the vault's public key, opened at unlock
    other = tmp_path / "kallelse-mars.txt"
    other.write_text(
        generate_meeting_text("Socialnämnden", "SN", date(2025, 3, 3), seed=3, secret=True), encoding="utf-8"
    )
    run(d, "import", str(other))
    status = json.loads(run(d, "vault", "status", "--json").stdout)
    assert status["sealed_pending"] >= 1
    locked = json.loads(run(d, "show", "botkyrka-sn-2020-05-26", "9", "--json").stdout)
    assert all(p["locked"] for p in locked["secret_parts"])
    unlocked = json.loads(
        run(d, "show", "botkyrka-sn-2020-05-26", "9", "--json", "--unlock", "--passphrase-file", str(pf)).stdout
    )
    texts = [p.get("text", "") for p in unlocked["secret_parts"] if not p["locked"]]
    assert any("1531" in t and "1646" in t for t in texts)
    _grep_data_dir(d, ["Lex Sarah rapport 1531", "1531, 1545, 1610, 1646"])


def test_wrong_passphrase_is_one_clear_line(tmp_path, seeds_dir):
    d = tmp_path / "data"
    pf, bad = tmp_path / "p.txt", tmp_path / "bad.txt"
    pf.write_text(PASS, encoding="utf-8")
    bad.write_text("fel fel fel fel fel", encoding="utf-8")
    run(d, "vault", "init", "--passphrase-file", str(pf))
    out = run(d, "show", "X", "1", "--unlock", "--passphrase-file", str(bad), check=False)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert "lösenfras" in out.stderr.lower()


def test_user_errors_are_one_line_without_traceback(tmp_path):
    d = tmp_path / "data"
    out = run(d, "agenda", "SN-1999-01-01", check=False)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "SN-1999-01-01" in out.stderr


def test_failed_file_keeps_earlier_data(tmp_path, seeds_dir):
    d = tmp_path / "data"
    run(d, "import", str(seeds_dir / SEED_000))
    before = table_digest(d / "store.db")
    bad = tmp_path / "trasig.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\n" + b"\x00\x13" * 500)
    out = run(d, "import", "--json", str(bad), str(seeds_dir / SEED_000), check=False)
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert len(data["failed"]) == 1 and data["failed"][0]["path"] == str(bad) and data["failed"][0]["error"]
    assert len(data["imported"]) == 1
    assert table_digest(d / "store.db") == before


def test_usage_errors_are_one_line_in_swedish_or_english(tmp_path):
    data = tmp_path / "data"
    cases = [
        (["bogus"], "okänt kommando: 'bogus' (välj bland 'import'", "invalid choice: 'bogus'"),
        (["agenda"], "dessa argument saknas: MEETING_ID", "the following arguments are required: MEETING_ID"),
        (["search", "--limit", "x", "q"], "argument --limit: ogiltigt värde (int): 'x'", "invalid int value: 'x'"),
        (["meetings", "--bogus"], "okända argument: --bogus", "unrecognized arguments: --bogus"),
    ]
    for argv, sv, en in cases:
        out = run(data, *argv, check=False)
        assert out.returncode == 2 and out.stdout == ""
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and sv in lines[0] and "--help" in lines[0], out.stderr
        assert "usage:" not in out.stderr
        out_en = run(data, "--lang", "en", *argv, check=False)
        assert out_en.returncode == 2 and en in out_en.stderr and len(out_en.stderr.strip().splitlines()) == 1


def test_demo_names_each_meeting_once(tmp_path):
    out = run(tmp_path / "data", "demo").stdout.strip().splitlines()
    ids = [line.split(":")[0] for line in out]
    assert len(ids) >= 3 and len(ids) == len(set(ids)), out
