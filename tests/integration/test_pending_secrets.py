"""Secret parts imported before the vault existed are not lost (issue 12): the importer remembers the file
(its path only), and creating the vault reads it again and fills the parts in; files that are gone, or whose
path speaks of sekretess and was never kept, are listed plainly."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from botkyrka_nämnd.demo import generate_meeting_text
from botkyrka_nämnd.services.context import AppContext
from botkyrka_nämnd.services.pending_secrets import message, pending
from tests.conftest import PASSPHRASE_TESTS

from .test_cli import run


def _secret_kallelse(folder, name: str, month: int):
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    text = generate_meeting_text("Socialnämnden", "SN", date(2025, month, 3), seed=month, secret=True)
    p.write_text(text, encoding="utf-8")
    return p


def _states(db) -> list[str]:
    with sqlite3.connect(db) as c:
        return sorted(r[0] for r in c.execute("SELECT content_state FROM secret_part"))


def test_creating_the_vault_reads_the_files_again_and_lists_the_rest(tmp_path):
    data = tmp_path / "data"
    downloads = tmp_path / "Hämtade filer"
    kept = _secret_kallelse(downloads, "kallelse-mars.txt", 3)
    moved = _secret_kallelse(downloads, "kallelse-april.txt", 4)
    unnamed = _secret_kallelse(tmp_path / "lex Sarah-rapporter", "kallelse-maj.txt", 5)
    ctx = AppContext(data)
    try:
        for p in (kept, moved, unnamed):
            out = ctx.importer.import_path(p)
            assert out.secret_parts > 0 and any("valvet" in sv for sv, _en in out.notices)
        assert set(_states(ctx.paths.store)) == {"missing"}
        rows = ctx.sealed_parts.pending_files()
        # the paths only; none for the folder whose name speaks of lex Sarah
        assert [r[1] for r in rows] == [str(kept.resolve()), str(moved.resolve()), None]
        with sqlite3.connect(ctx.paths.store) as c:
            cols = [r[1] for r in c.execute("PRAGMA table_info(pending_secret_file)")]
            assert cols == ["id", "path", "meeting_id", "at"]  # no content, no digest
            assert not any("Sarah" in str(v) for row in c.execute("SELECT * FROM pending_secret_file") for v in row)
    finally:
        ctx.close()
    moved.rename(tmp_path / "elsewhere.txt")

    pf = tmp_path / "pw"
    pf.write_text(PASSPHRASE_TESTS + "\n", encoding="utf-8")
    res = json.loads(run(data, "vault", "init", "--passphrase-file", str(pf), "--json").stdout)
    assert res["created"] and res["read_again"] == [str(kept.resolve())]
    assert res["missing"] == [str(moved.resolve())] and res["unnamed"] == 1
    text = run(data, "vault", "status").stdout
    assert "Valv: finns" in text

    ctx = AppContext(data)
    try:
        assert ctx.sealed_parts.pending_files() == []  # read again, or reported once: nothing left
        states = _states(ctx.paths.store)
        assert "in_vault" in states or "sealed" in states  # the kept file's parts reached the vault
        assert "missing" in states  # the moved and the unnamed file's parts still wait for their files
    finally:
        ctx.close()


def test_the_message_names_what_must_be_imported_by_hand(tmp_path):
    data = tmp_path / "data"
    ctx = AppContext(data)
    try:
        with ctx.store.transaction():
            ctx.sealed_parts.remember_pending_file(str(tmp_path / "borta.pdf"), "m", "2026-01-01T00:00:00+00:00")
            ctx.sealed_parts.remember_pending_file(None, "m", "2026-01-01T00:00:00+00:00")
        p = pending(ctx)
        assert (p.found, p.missing, p.unnamed) == ([], [str(tmp_path / "borta.pdf")], 1)
        sv, en = message(p)
        assert "borta.pdf" in sv and "importera dem igen" in sv and "borta.pdf" in en and "import them again" in en
        assert pending(ctx).empty  # told once
    finally:
        ctx.close()
