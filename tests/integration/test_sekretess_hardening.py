"""Issue 10: secret text never in clear, whatever the file; re-issues that remove and restore a document;
changed secret content in a re-issue; the races and the small leaks. One test (or more) per defect found by
the adversarial review, on the real seeds through the real importer, store and vault files.

Every check that "nothing leaked" reads the bytes of every file in the data folder (store.db, its WAL, the
log, backups), not only what the API returns.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from botkyrka_nämnd.errors import BackoffActive, VaultError, WrongPassphrase
from botkyrka_nämnd.importing.pdfbuild import build_pdf
from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore, Vault
from tests.clear_text import clear_hits
from tests.conftest import PASSPHRASE_TESTS, SEED_000, SEED_003

PW = PASSPHRASE_TESTS
BLOCK_003 = "Lex Sarah rapport 1531, 1545, 1610, 1646"
NUMBERS_003 = ["1531", "1545", "1610", "1646"]


CTX_VAULT = "locked"  # the shared ctx fixture (tests/conftest.py) with a locked vault


def seed_text(seeds_dir: Path, name: str) -> str:
    return (seeds_dir / name).read_text(encoding="utf-8")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def item(ctx, meeting_id: str, number: int) -> dict:
    return ctx.repo.item(meeting_id, number)


# ------------------------------------------------------------------------------------ re-issues (High)
def _drop_lines(text: str, first: int, last: int) -> str:
    lines = text.split("\n")
    return "\n".join(lines[: first - 1] + lines[last:])


def test_a_bilaga_removed_in_version_2_and_restored_in_version_3_imports(ctx, seeds_dir, tmp_path):
    """Was: IntegrityError UNIQUE(item_id, doc_key, version), exit 3, and the file could never be imported."""
    text = seed_text(seeds_dir, SEED_000)
    v1 = write(tmp_path / "v1.txt", text)
    assert ctx.importer.import_path(v1).status == "imported"
    it4 = item(ctx, "botkyrka-sn-2024-09-24", 4)
    docs = {d["kind"]: d for d in ctx.repo.documents(it4["id"])}
    bilaga = docs["bilaga"]
    assert bilaga["line_start"] and bilaga["line_end"]
    v2 = write(tmp_path / "v2.txt", _drop_lines(text, bilaga["line_start"], bilaga["line_end"]))
    assert ctx.importer.import_path(v2).status == "updated"
    assert [d["kind"] for d in ctx.repo.documents(it4["id"])] == ["tjansteskrivelse"]
    v3 = write(tmp_path / "v3.txt", text + "\n")
    assert ctx.importer.import_path(v3).status == "updated"
    assert [d["kind"] for d in ctx.repo.documents(it4["id"])] == ["tjansteskrivelse", "bilaga"]
    rows = ctx.store.conn.execute(
        "SELECT doc_key, version, is_current FROM document WHERE item_id=? ORDER BY doc_key, version", (it4["id"],)
    ).fetchall()
    keys = [(k, v) for k, v, _c in rows]
    assert len(keys) == len(set(keys))  # no version number used twice
    for key in {k for k, _v, _c in rows}:
        versions = [(v, c) for k, v, c in rows if k == key]
        assert sum(c for _v, c in versions) == 1 and max(versions)[1] == 1  # the newest is the current one
    # an already imported file again (version 2) is recognised and rewrites nothing: no silent step back
    assert ctx.importer.import_path(v2).status == "unchanged"
    assert [d["kind"] for d in ctx.repo.documents(it4["id"])] == ["tjansteskrivelse", "bilaga"]
    # the cycle once more with new files: removed (4), restored (5)
    v4 = write(tmp_path / "v4.txt", _drop_lines(text, bilaga["line_start"], bilaga["line_end"]) + "\n\n")
    assert ctx.importer.import_path(v4).status == "updated"
    v5 = write(tmp_path / "v5.txt", text + "\n\n\n")
    assert ctx.importer.import_path(v5).status == "updated"
    assert [d["kind"] for d in ctx.repo.documents(it4["id"])] == ["tjansteskrivelse", "bilaga"]
    versions = [
        r[0]
        for r in ctx.store.conn.execute(
            "SELECT version FROM document WHERE item_id=? AND kind='bilaga' ORDER BY version", (it4["id"],)
        )
    ]
    assert len(versions) == len(set(versions)) >= 2


def _with_block(text: str, block: str) -> str:
    assert BLOCK_003 in text
    return text.replace(BLOCK_003, block)


def _vault_parts(ctx, meeting_id: str, number: int) -> list[dict]:
    return ctx.secret_parts(item(ctx, meeting_id, number)["id"])


@pytest.mark.parametrize("locked_during_reissue", [True, False])
def test_changed_secret_content_of_a_reissue_reaches_the_vault(ctx, seeds_dir, tmp_path, locked_during_reissue):
    """Was: version 2 adds a report number, the vault keeps the old four, re-importing says 'oförändrad'."""
    text = seed_text(seeds_dir, SEED_003)
    meeting = "botkyrka-sn-2020-05-26"
    assert ctx.importer.import_path(write(tmp_path / "v1.txt", text)).status == "imported"
    if not locked_during_reissue:
        ctx.unlock(PW)
    v2 = write(tmp_path / "v2.txt", _with_block(text, BLOCK_003 + ", 1702"))
    assert ctx.importer.import_path(v2).status == "updated"
    if locked_during_reissue:
        ctx.unlock(PW)
    parts = [p for p in _vault_parts(ctx, meeting, 9) if p.get("text")]
    assert len(parts) == 1 and "1702" in parts[0]["text"] and "1702" in parts[0]["report_numbers"]
    assert parts[0]["label"] == "Lex Sarah-rapporter (5)"  # the vault's label, shown only while unlocked
    # a third version removes one: the vault follows again, and an identical import changes nothing
    v3 = write(tmp_path / "v3.txt", _with_block(text, "Lex Sarah rapport 1531, 1610, 1646, 1702"))
    assert ctx.importer.import_path(v3).status == "updated"
    [p] = [p for p in _vault_parts(ctx, meeting, 9) if p.get("text")]
    assert "1545" not in p["text"] and p["report_numbers"] == ["1531", "1610", "1646", "1702"]
    assert ctx.importer.import_path(v3).status == "unchanged"
    ctx.lock()
    ctx.store.checkpoint()
    assert clear_hits(ctx.data_dir, [*NUMBERS_003, "1702"]) == []
    locked = _vault_parts(ctx, meeting, 9)
    assert locked and all("text" not in p for p in locked)
    assert all(p["label"] == "Sekretessbelagd del" for p in locked)  # no count of reports while locked


# ------------------------------------------------------------------- secret text in page margins (High)
SECRET_HEADER = "Sekretess OSL 26:1 - Lex Sarah rapport 1531, 1545"


def test_secret_text_in_repeated_pdf_headers_is_never_stored(ctx, seeds_dir, tmp_path):
    """Was: stored in clear in page_artifact and in the public redacted PDF copy."""
    text = "\n".join(seed_text(seeds_dir, SEED_000).split("\n")[:400])
    pdf = tmp_path / "kallelse.pdf"
    pdf.write_bytes(build_pdf(text, header=SECRET_HEADER))
    out = ctx.importer.import_path(pdf)
    assert out.status == "imported" and out.items >= 5
    f = ctx.store.conn.execute("SELECT id, has_secret, public_pdf IS NULL, blob IS NULL FROM source_file").fetchone()
    assert f[1] == 1 and f[2] == 1 and f[3] == 1  # treated as secret-bearing: no PDF copy kept in the store
    arts = [r[0] for r in ctx.store.conn.execute("SELECT text FROM page_artifact")]
    assert not any("1531" in a or "Sarah" in a for a in arts)
    doc = ctx.repo.documents(item(ctx, out.meeting_id, 1)["id"])[0]
    assert ctx.source_files.pdf_for_document(doc["id"]) is None
    ctx.store.checkpoint()
    assert clear_hits(ctx.data_dir, ["1531", "1545", "Lex Sarah rapport"]) == []


def test_a_public_pdf_keeps_its_public_headers_and_copy(ctx, seeds_dir, tmp_path):
    """The other side: headers that say nothing secret are kept (as before), the PDF copy is shown."""
    text = "\n".join(seed_text(seeds_dir, SEED_000).split("\n")[:400])
    pdf = tmp_path / "kallelse.pdf"
    pdf.write_bytes(build_pdf(text, header="Botkyrka kommun · Socialnämnden · 2024-09-24"))
    out = ctx.importer.import_path(pdf)
    f = ctx.store.conn.execute("SELECT has_secret, blob IS NULL, public_pdf IS NOT NULL FROM source_file").fetchone()
    assert f == (0, 1, 1)  # the rebuilt copy, never the original bytes
    doc = ctx.repo.documents(item(ctx, out.meeting_id, 1)["id"])[0]
    assert ctx.source_files.pdf_for_document(doc["id"])[:5] == b"%PDF-"


def test_a_public_pdf_is_stored_as_a_rebuilt_copy_without_metadata_or_revisions(ctx, seeds_dir, tmp_path):
    """Was: a PDF with no detected secret was stored whole, /Info entries and appended objects verbatim."""
    text = "\n".join(seed_text(seeds_dir, SEED_000).split("\n")[:400])
    canary = "KANARIE-META-8842"
    data = (
        build_pdf(text, title=f"Utkast {canary}")
        + f"\n99 0 obj\n({canary} tidigare revision)\nendobj\n%%EOF\n".encode()
    )
    assert data.count(canary.encode()) >= 2
    pdf = write_bytes(tmp_path / "kallelse.pdf", data)
    out = ctx.importer.import_path(pdf)
    assert out.status == "imported"
    doc = ctx.repo.documents(item(ctx, out.meeting_id, 1)["id"])[0]
    shown = ctx.source_files.pdf_for_document(doc["id"])
    assert shown[:5] == b"%PDF-" and canary.encode() not in shown
    import pypdfium2 as pdfium

    assert len(pdfium.PdfDocument(shown)) == len(pdfium.PdfDocument(data))  # every page is still there
    ctx.store.checkpoint()
    assert clear_hits(ctx.data_dir, [canary]) == []
    assert ctx.importer.import_path(pdf).status == "unchanged"  # recognised by the original's digest


# ------------------------------------------------------------------------- file names, digests (Medium)
def test_the_name_of_a_secret_bearing_file_is_not_kept(ctx, seeds_dir, tmp_path):
    """Was: 'Lex Sarah rapport 1610, 1646.txt' kept in clear in source_file and import_log."""
    f = write(tmp_path / "Lex Sarah rapport 1610, 1646.txt", seed_text(seeds_dir, SEED_003))
    out = ctx.importer.import_path(f)
    assert out.status == "imported"
    names = [r[0] for r in ctx.store.conn.execute("SELECT display_name FROM source_file")]
    names += [
        r[0] for r in ctx.store.conn.execute("SELECT display_name FROM import_log WHERE display_name IS NOT NULL")
    ]
    assert names and all("Sarah" not in n and "1610" not in n for n in names)
    assert all(n == "fil med sekretessdel.txt" for n in names)
    ctx.store.checkpoint()
    assert clear_hits(ctx.data_dir, ["Lex Sarah rapport 1610", "1610, 1646", *NUMBERS_003]) == []


def test_a_file_whose_name_alone_is_secret_is_treated_as_secret_bearing(ctx, seeds_dir, tmp_path):
    f = write(tmp_path / "Lex Sarah 2291.txt", seed_text(seeds_dir, SEED_000))  # a public text, a secret name
    ctx.importer.import_path(f)
    row = ctx.store.conn.execute("SELECT display_name, has_secret FROM source_file").fetchone()
    assert row == ("fil med sekretessdel.txt", 1)
    ctx.store.checkpoint()
    assert clear_hits(ctx.data_dir, ["2291"]) == []


def test_no_plain_digest_size_or_line_count_of_a_secret_bearing_file(ctx, seeds_dir, tmp_path):
    """Was: SHA-256, size and line count kept: with the rest of the file known, the numbers fell in 29 s."""
    raw = seed_text(seeds_dir, SEED_003)
    f = write(tmp_path / "kallelse.txt", raw)
    ctx.importer.import_path(f)
    sha, size, lines = ctx.store.conn.execute("SELECT sha256, size, line_count FROM source_file").fetchone()
    data = f.read_bytes()
    plain = {hashlib.sha256(data).hexdigest(), hashlib.sha256(raw.encode()).hexdigest()}
    assert sha not in plain and sha.startswith(("k:", "p:")) and size == 0 and lines is None
    assert all(
        r[0] not in plain for r in ctx.store.conn.execute("SELECT sha256 FROM import_log WHERE sha256 IS NOT NULL")
    )
    # idempotent re-import still works (the same file is recognised without the plain digest)
    assert ctx.importer.import_path(f).status == "unchanged"
    ctx.store.checkpoint()
    blob = b"".join(p.read_bytes() for p in ctx.data_dir.rglob("*") if p.is_file())
    assert all(d.encode() not in blob for d in plain)


def test_a_public_file_keeps_its_digest(ctx, seeds_dir, tmp_path):
    f = write(tmp_path / "kallelse.txt", seed_text(seeds_dir, SEED_000))
    ctx.importer.import_path(f)
    sha, has_secret = ctx.store.conn.execute("SELECT sha256, has_secret FROM source_file").fetchone()
    assert has_secret == 0 and sha == hashlib.sha256(f.read_bytes()).hexdigest()


# ------------------------------------------------------------------------------- detector (Medium)
VARIANTS = {
    "soft hyphen": "Lex\u00adSarah rapport 1531, 1545, 1610, 1646",
    "zero-width space": "Lex Sa\u200brah rapport 1531, 1545, 1610, 1646",
    "Cyrillic a": "Lex S\u0430rah rapport 1531, 1545, 1610, 1646",
    "heading, numbers below": "Lex Sarah\n1531, 1545, 1610, 1646",
    "one number per line": "Lex Sarah-rapporter\n1531\n1545\n1610\n1646",
    "bulleted": "Lex Sarah-rapporter:\n- 1531\n- 1545\n- 1610\n- 1646",
    "-anmälan": "Lex Sarah-anmälan 1531, 1545, 1610, 1646",
    "lex Maria": "Lex Maria-anmälan 1531, 1545, 1610, 1646",
    "-utredning": "Lex Sarah-utredning 1531 och 1545, 1610 samt 1646",
    "capitals": "LEX SARAH RAPPORT 1531, 1545, 1610, 1646",
    "nr and och": "Lex Sarah rapport nr 1531, 1545, 1610 och 1646",
    "NBSP": "Lex\u00a0Sarah\u00a0rapport 1531, 1545, 1610, 1646",
    "full-width digits": "Lex Sarah rapport \uff11\uff15\uff13\uff11, 1545, 1610, 1646",
    "case numbers": "Lex Sarah SN 2020/1531, SN 2020/1545, SN 2020/1610, SN 2020/1646",
    "in a sentence": "Anmälan till IVO enligt lex Sarah, 1531, 1545, 1610, 1646",
    "name split over lines": "Lex\nSarah rapport 1531, 1545, 1610, 1646",
    "zero-width joiner in digits": "Lex Sarah rapport 15\u200d31, 15\u200b45, 1610, 1646",
    "report list without the name": "Rapporter 1531, 1545, 1610, 1646",
}
UNSURE = {"case numbers", "in a sentence", "name split over lines", "report list without the name"}


def _flat(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", re.sub("[\u00ad\u200b-\u200f\u2060\ufeff]", "", text))


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_detector_variants_are_locked_and_never_searchable(ctx, seeds_dir, tmp_path, name):
    """Was: a soft hyphen or ZWSP inside 'Lex Sarah', a heading with the numbers below, '-anmälan', … were
    public, and a locked search returned the numbers. The explicit marker is removed: the block alone."""
    text = seed_text(seeds_dir, SEED_003).replace("I sekretessdelen \n", "\n")
    f = write(tmp_path / "kallelse.txt", _with_block(text, VARIANTS[name]))
    out = ctx.importer.import_path(f)
    it9 = item(ctx, out.meeting_id, 9)
    parts = ctx.sealed_parts.secret_parts(it9["id"])
    assert parts, "the block was not locked"
    unsure = name in UNSURE
    label = "Möjlig sekretessbelagd del – låst för säkerhets skull" if unsure else "Sekretessbelagd del"
    assert [p["label"] for p in parts] == [label]  # says only that a locked part exists (and if unsure)
    assert ("locked_unsure" in (it9["warnings"] or [])) == unsure
    public = " ".join(r[0] or "" for r in ctx.store.conn.execute("SELECT text_clean FROM section"))
    public += " ".join(r[0] or "" for r in ctx.store.conn.execute("SELECT title FROM document"))
    for n in NUMBERS_003:
        assert n not in _flat(public)
        assert ctx.search.search(n) == []  # a locked search finds nothing
    ctx.store.checkpoint()
    assert clear_hits(ctx.data_dir, NUMBERS_003) == []
    ctx.unlock(PW)  # and the member can read it after unlocking
    texts = " ".join(p.get("text") or "" for p in ctx.secret_parts(it9["id"]))
    assert "1646" in _flat(texts)


@pytest.mark.parametrize(
    "line",
    [
        "Andel lex Sarah åtgärder som genomförs inom beslutad tid\t\t42 %\t\t100 %\t66 %",
        "Under perioden har det kommit in 33 lex Sarah-rapporter och 12 utredningar har avslutats.",
        "Nämnden informeras om lex Sarah enligt 14 kap. 2 § SoL (2001:453).",
    ],
)
def test_public_text_about_lex_sarah_in_a_list_item_stays_public(ctx, seeds_dir, tmp_path, line):
    text = seed_text(seeds_dir, SEED_003).replace("I sekretessdelen \n", "\n")
    out = ctx.importer.import_path(write(tmp_path / "k.txt", _with_block(text, line)))
    it9 = item(ctx, out.meeting_id, 9)
    assert ctx.sealed_parts.secret_parts(it9["id"]) == []
    words = line.split()[2]
    assert any(
        words in (r[0] or "")
        for r in ctx.store.conn.execute(
            "SELECT s.text_clean FROM section s JOIN document d ON d.id=s.document_id WHERE d.item_id=?", (it9["id"],)
        )
    )


# ------------------------------------------------------------------------------------ races (Medium)
def test_two_vault_inits_at_once_one_wins_and_nothing_is_replaced(data_dir):
    """Was: both reported success and the first vault (with its acknowledged secret) was replaced."""
    ks = MemoryKeyStore()
    results: dict[str, object] = {}
    barrier = threading.Barrier(2)

    def init(name: str, pw: str) -> None:
        v = Vault(data_dir, ks, kdf=KdfParams.fast())
        barrier.wait()
        try:
            v.init(pw)
            v.put_secret(
                "uid-" + name,
                meeting_id="m",
                item_position=1,
                item_ordinal=1,
                kind="lex_sarah",
                label="x",
                text=f"hemligt av {name}",
            )
            v.lock()
            results[name] = "ok"
        except VaultError as exc:
            results[name] = exc

    threads = [
        threading.Thread(target=init, args=(n, pw))
        for n, pw in (("a", "korrekt häst batteri häftklammer"), ("b", "lila giraff dansar tango"))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    winners = [n for n, r in results.items() if r == "ok"]
    losers = [r for r in results.values() if r != "ok"]
    assert len(winners) == 1 and len(losers) == 1
    assert "finns redan" in losers[0].sv
    pw = {"a": "korrekt häst batteri häftklammer", "b": "lila giraff dansar tango"}[winners[0]]
    v = Vault(data_dir, ks, kdf=KdfParams.fast())
    v.unlock(pw)
    assert v.get_secret("uid-" + winners[0])["text"] == f"hemligt av {winners[0]}"
    v.lock()
    assert not list(data_dir.glob(".*lock*")) and not list(data_dir.glob(".keys.json.*"))


def _cli(data_dir: Path, *args: str, stdin: str | None = None, env_extra: dict | None = None):
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")  # headless: passphrase only
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "botkyrka_nämnd", "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


# --------------------------------------------------------------------------------------------- Low
def test_wrong_passphrase_back_off_survives_the_process(tmp_path):
    """Was: each CLI process started the back-off afresh. Now it is kept beside the vault."""
    d = tmp_path / "data"
    ks = MemoryKeyStore()
    v = Vault(d, ks, kdf=KdfParams.fast())
    v.init(PW)
    v.lock()
    with pytest.raises(WrongPassphrase):
        Vault(d, ks, kdf=KdfParams.fast()).unlock("fel lösenfras helt och hållet")
    with pytest.raises(BackoffActive):  # a new process (a new object): still waiting, even for the right one
        Vault(d, ks, kdf=KdfParams.fast()).unlock(PW)
    saved = json.loads((d / ".vault-backoff.json").read_text())
    assert set(saved) == {"failures", "until"} and saved["failures"] == 1
    assert stat.S_IMODE((d / ".vault-backoff.json").stat().st_mode) == 0o600


def test_weak_passphrases_are_refused(data_dir):
    v = Vault(data_dir, MemoryKeyStore(), kdf=KdfParams.fast())
    for weak in ("aa bb cc dd", "123456789012", "botkyrka sekretess 2024"):
        with pytest.raises(VaultError):
            v.init(weak)
    assert not v.exists()


def test_a_missing_or_empty_store_beside_a_vault_is_refused(ctx, seeds_dir, tmp_path):
    """Was: silently recreated empty next to the existing vault."""
    from botkyrka_nämnd.errors import DatabaseMissing
    from botkyrka_nämnd.storage.db import Store

    ctx.importer.import_path(write(tmp_path / "k.txt", seed_text(seeds_dir, SEED_000)))
    ctx.close()
    store = ctx.data_dir / "store.db"
    for suffix in ("-wal", "-shm"):
        Path(str(store) + suffix).unlink(missing_ok=True)
    store.write_bytes(b"")  # 0 bytes
    with pytest.raises(DatabaseMissing) as info:
        Store(store)
    assert "saknas eller är tom" in info.value.sv and store.stat().st_size == 0
    store.unlink()
    with pytest.raises(DatabaseMissing):
        Store(store)
    assert not store.exists()  # nothing recreated
    assert (ctx.data_dir / "keys.json").exists()


def test_files_are_created_readable_by_the_user_only(seeds_dir, tmp_path):
    """Was: store.db, WAL, log and settings 0644. The CLI (as the client and its import child) sets umask 077."""
    d = tmp_path / "cli-data"
    out = _cli(d, "import", str(seeds_dir / SEED_000))
    assert out.returncode == 0, out.stderr
    files = [p for p in d.rglob("*") if p.is_file()]
    assert any(p.name == "store.db" for p in files) and any(p.suffix == ".log" for p in files)
    for p in files:
        assert stat.S_IMODE(p.stat().st_mode) & 0o077 == 0, f"{p.name} is {oct(p.stat().st_mode)}"
    for p in [d, *[q for q in d.rglob("*") if q.is_dir()]]:
        assert stat.S_IMODE(p.stat().st_mode) == 0o700, p


def test_an_existing_shared_folder_is_not_chmodded_but_warned_about(seeds_dir, tmp_path):
    """Was: --data-dir on an existing shared folder silently chmod'ed it 0700."""
    shared = tmp_path / "delad"
    shared.mkdir()
    shared.chmod(0o755)
    out = _cli(shared, "meetings")
    assert out.returncode == 0, out.stderr
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert "kan läsas av andra" in out.stderr
    assert stat.S_IMODE((shared / "store.db").stat().st_mode) == 0o600


def test_a_newline_in_a_failing_file_name_cannot_forge_stderr_lines(tmp_path):
    bad = tmp_path / "x.pdf\nbotkyrka-namnd: allt importerat utan fel.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    out = _cli(tmp_path / "d", "import", str(bad))
    assert out.returncode == 1
    lines = out.stderr.strip().split("\n")
    assert len([ln for ln in lines if ln.strip()]) == 1, out.stderr
    assert "\\u000a" in out.stderr


def test_search_and_note_text_can_come_on_stdin_instead_of_argv(seeds_dir, tmp_path):
    d = tmp_path / "d"
    assert _cli(d, "import", str(seeds_dir / SEED_000)).returncode == 0
    out = _cli(d, "note", "add", "botkyrka-sn-2024-09-24", "4", "-", "--json", stdin="Fråga om kvällsöppet i Alby\n")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["body"] == "Fråga om kvällsöppet i Alby"
    note_file = tmp_path / "note.txt"
    note_file.write_text("Yrkande: återremiss", encoding="utf-8")
    assert _cli(d, "note", "add", "botkyrka-sn-2024-09-24", "5", "--text-file", str(note_file)).returncode == 0
    out = _cli(d, "search", "-", "--json", stdin="kvällsöppet")
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout)
    assert any(h["source"] == "note" and h["item_number"] == 4 for h in hits)
    out = _cli(d, "search", "--query-file", str(note_file), "--json")
    assert out.returncode == 0 and any(h["item_number"] == 5 for h in json.loads(out.stdout))
    out = _cli(d, "search", "-", stdin="")
    assert out.returncode == 1 and "Tom sökfråga" in out.stderr


def test_five_million_short_lines_are_refused_at_once(ctx, seeds_dir, tmp_path, monkeypatch):
    """Was: 5 M short lines in a 10 MB text took 138 s and 923 MB outside the sandbox. Now refused by their
    count before any parsing (the parser is never reached)."""
    from botkyrka_nämnd.errors import FileTooLarge
    from botkyrka_nämnd.importing import kallelse

    ctx.importer.import_path(write(tmp_path / "k.txt", seed_text(seeds_dir, SEED_000)))
    before = ctx.store.conn.execute("SELECT COUNT(*) FROM section").fetchone()[0]
    flood = write_bytes(tmp_path / "flood.txt", b"Kallelse\nTid: 2024-09-24\n" + b"a\n" * 5_000_000)

    def never(*a, **k):
        raise AssertionError("the parser was reached")

    monkeypatch.setattr(kallelse, "parse_document", never)
    monkeypatch.setattr(kallelse, "parse", never, raising=False)
    res = ctx.importer.import_paths([flood])
    assert not res.imported and isinstance(res.failed[0].error, FileTooLarge)
    assert "för många rader" in res.failed[0].error.sv
    assert ctx.store.conn.execute("SELECT COUNT(*) FROM section").fetchone()[0] == before
    for lines in (b"\r" * 300_000, b"\r\n" * 300_000):  # other line ends count too
        res = ctx.importer.import_paths(
            [write_bytes(tmp_path / "cr.txt", b"Kallelse\n" + lines.replace(b"\r", b"x\r"))]
        )
        assert res.failed and isinstance(res.failed[0].error, FileTooLarge)


@pytest.mark.parametrize("as_pdf", [False, True])
def test_report_numbers_on_the_agenda_itself_are_locked(ctx, seeds_dir, tmp_path, as_pdf):
    """A crafted kallelse whose agenda row names the reports: the agenda is public, the numbers are not."""
    text = seed_text(seeds_dir, SEED_000).replace(
        "9.\tAnmälningssärenden\tSN/2023:00460", "9.\tAnmälningssärenden, Lex Sarah rapport 1531, 1545\tSN/2023:00460"
    )
    if as_pdf:
        f = write_bytes(tmp_path / "k.pdf", build_pdf(text, header="Botkyrka kommun · Socialnämnden"))
    else:
        f = write(tmp_path / "k.txt", text)
    out = ctx.importer.import_path(f)
    it9 = item(ctx, out.meeting_id, 9)
    assert it9["title"].startswith("Anmälningssärenden") and "1531" not in it9["title"]
    assert "locked_unsure" in it9["warnings"] and ctx.sealed_parts.secret_parts(it9["id"])
    ctx.store.checkpoint()
    assert clear_hits(ctx.data_dir, ["1531", "1545"]) == []
    ctx.unlock(PW)
    assert any("1531" in (p.get("text") or "") for p in ctx.secret_parts(it9["id"]))


@pytest.mark.parametrize("as_pdf", [False, True])
def test_a_report_line_outside_every_item_makes_the_file_secret_bearing(ctx, seeds_dir, tmp_path, as_pdf):
    """Found by the fuzzer (tests/fuzz): a lex Sarah report line that the parser puts in no item (here between
    the cover and the first document) was kept in clear in the stored text file, and a PDF's page with it in
    the public copy. Now the file counts as secret-bearing: no bytes, name or plain digest are kept, and the
    page is replaced in the public PDF copy. The items themselves import as before."""
    lines = seed_text(seeds_dir, SEED_000).split("\n")
    k = next(i for i, ln in enumerate(lines) if ln.startswith("S, MP och L träffas")) + 1
    lines[k:k] = ["Lex Sarah-rapporter:", "1702", "1777"]
    text = "\n".join(lines)
    if as_pdf:
        f = write_bytes(tmp_path / "k.pdf", build_pdf(text, header="Botkyrka kommun · Socialnämnden"))
    else:
        f = write(tmp_path / "k.txt", text)
    out = ctx.importer.import_path(f)
    assert out.status == "imported"
    assert len(ctx.repo.items(out.meeting_id)) == 9  # as the seed without the line
    src = ctx.store.db.execute("select display_name, size, blob, has_secret from source_file").fetchall()
    assert src and all(r[1] == 0 and r[2] is None and r[3] == 1 and r[0] != f.name for r in src)
    ctx.store.checkpoint()
    assert clear_hits(ctx.data_dir, ["1702", "1777"]) == []
    # the file is still known: importing it again changes nothing
    assert ctx.importer.import_path(f).status == "unchanged"


def test_a_secret_part_a_reissue_removes_is_withdrawn_not_current(ctx, seeds_dir, tmp_path):
    """Version 2 without the lex Sarah block: the part is no longer the item's (not counted, not searched,
    shown as removed), but neither it nor the member's note on it is lost; version 3 with a block again makes
    it current with the new text."""
    text = seed_text(seeds_dir, SEED_000).rstrip("\n")  # its last line is the end of item 9's list
    v1 = write(tmp_path / "v1.txt", text + "\n" + BLOCK_003 + "\n")
    v2 = write(tmp_path / "v2.txt", text + "\n")
    v3 = write(tmp_path / "v3.txt", text + "\nLex Sarah rapport 1702\n")
    mid = ctx.importer.import_path(v1).meeting_id
    ctx.unlock(PW)
    it9 = item(ctx, mid, 9)
    uid = next(p["uid"] for p in ctx.sealed_parts.secret_parts(it9["id"]) if p["kind"] == "lex_sarah")
    ctx.annotations.save_note(it9["id"], "Min fråga om rapporterna", secret_part_uid=uid)
    assert [h.item_number for h in ctx.search.search("1646", include_secret=True)] == [9]
    out = ctx.importer.import_path(v2)
    assert out.status == "updated" and any("finns inte med" in sv for sv, _en in out.notices)
    part = next(p for p in ctx.secret_parts(it9["id"]) if p["uid"] == uid)
    assert part["withdrawn_at"] and "1646" in part["text"]  # kept, marked
    assert item(ctx, mid, 9)["secret_parts"] == 0
    assert ctx.search.search("1646", include_secret=True) == []
    assert ctx.annotations.item_note(it9["id"], secret_part_uid=uid)["body"] == "Min fråga om rapporterna"
    ctx.lock()
    ctx.store.checkpoint()
    assert clear_hits(ctx.data_dir, NUMBERS_003) == []
    ctx.importer.import_path(v3)
    ctx.unlock(PW)
    part = next(p for p in ctx.secret_parts(it9["id"]) if p["uid"] == uid)
    assert part["withdrawn_at"] is None and "1702" in part["text"] and "1646" not in part["text"]
