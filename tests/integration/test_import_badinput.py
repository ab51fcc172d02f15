"""Bad input through the real import service: each case gives a clear Swedish/English message, stores
nothing partial and leaves earlier data untouched (SECURITY.md B1-B4, B7, R4)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from botkyrka_nämnd.errors import DiskFull, UserError
from botkyrka_nämnd.services.context import AppContext
from tests.conftest import SEED_000, SEED_003


def digest(ctx: AppContext) -> dict[str, str]:
    out = {}
    c = ctx.store.conn
    for (name,) in c.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name != 'import_log'"
    ):
        if name.startswith("search_") or "fts" in name:
            continue
        out[name] = hashlib.sha256(
            repr(c.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()).encode()
        ).hexdigest()
    return out


@pytest.fixture
def ctx_with_meeting(tmp_path, seeds_dir):
    ctx = AppContext(tmp_path / "data")
    ctx.importer.import_path(seeds_dir / SEED_000)
    yield ctx
    ctx.close()


def _pdf_bytes(text: str) -> bytes:
    from botkyrka_nämnd.importing.pdfbuild import build_pdf

    return build_pdf(text)


def make_bad(kind: str, tmp: Path, seeds_dir: Path) -> Path:
    if kind == "empty":
        p = tmp / "tom.pdf"
        p.write_bytes(b"")
    elif kind == "garbage":
        p = tmp / "skräp.pdf"
        p.write_bytes(bytes(range(256)) * 400)
    elif kind == "truncated_pdf":
        data = _pdf_bytes((seeds_dir / SEED_003).read_text(encoding="utf-8"))
        p = tmp / "halvt-nedladdad.pdf"
        p.write_bytes(data[: len(data) // 2])
    elif kind == "encrypted_pdf":
        from tests.pdfutil import encrypted_pdf

        p = tmp / "lösenord.pdf"
        p.write_bytes(encrypted_pdf())
    elif kind == "scanned_pdf":
        from tests.pdfutil import scanned_pdf

        p = tmp / "inskannad.pdf"
        p.write_bytes(scanned_pdf())
    elif kind == "unknown_layout":
        p = tmp / "inköpslista.txt"
        p.write_text(
            "Inköpslista\n\nMjölk, smör, ägg och bröd.\nKom ihåg att ringa mormor på söndag.\n" * 30, encoding="utf-8"
        )
    elif kind == "huge":
        p = tmp / "stor.txt"
        with p.open("wb") as f:
            line = "Socialnämnden sammanträder i Tumba och behandlar ärenden om försörjningsstöd.\n".encode()
            while f.tell() < 50 * 1024 * 1024:
                f.write(line * 1000)
    else:
        raise AssertionError(kind)
    return p


BAD = ["empty", "garbage", "truncated_pdf", "encrypted_pdf", "scanned_pdf", "unknown_layout", "huge"]


@pytest.mark.parametrize("kind", BAD)
def test_bad_file_is_refused_cleanly(kind, ctx_with_meeting, tmp_path, seeds_dir):
    ctx = ctx_with_meeting
    bad = make_bad(kind, tmp_path, seeds_dir)
    before = digest(ctx)
    res = ctx.importer.import_paths([bad])
    assert res.imported == [] and len(res.failed) == 1
    err = res.failed[0].error
    assert isinstance(err, UserError)
    assert err.sv and err.en and err.sv != err.en  # a Swedish and an English message
    assert "Traceback" not in err.sv
    assert digest(ctx) == before
    assert ctx.store.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_cp1252_kallelse_imports_with_swedish_letters(tmp_path, seeds_dir):
    text = (seeds_dir / SEED_000).read_text(encoding="utf-8")
    p = tmp_path / "kallelse-cp1252.txt"
    p.write_bytes(text.replace("–", "-").replace("\u2019", "'").encode("cp1252", errors="replace"))
    ctx = AppContext(tmp_path / "data")
    out = ctx.importer.import_path(p)
    assert out.meeting_id == "botkyrka-sn-2024-09-24" and out.items == 9
    m = ctx.repo.meeting("botkyrka-sn-2024-09-24")
    assert m["secretary"] == "Anneli Sjöberg" and "Utbildningsvägen" in m["place"]
    ctx.close()


def test_file_name_with_dotdot_is_display_only(tmp_path, seeds_dir):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    target = nested / "kallelse.txt"
    target.write_bytes((seeds_dir / SEED_000).read_bytes())  # (a file with a secret part gets a neutral name)
    sneaky = str(nested / ".." / "b" / "kallelse.txt")
    ctx = AppContext(tmp_path / "data")
    out = ctx.importer.import_path(sneaky)
    assert out.meeting_id == "botkyrka-sn-2024-09-24"
    names = [r[0] for r in ctx.store.conn.execute("SELECT display_name FROM source_file")]
    assert names == ["kallelse.txt"]
    # nothing was written outside the data dir
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "data"]
    ctx.close()


def test_disk_full_reports_and_keeps_earlier_data(ctx_with_meeting, seeds_dir):
    ctx = ctx_with_meeting
    before = digest(ctx)
    pages = ctx.store.conn.execute("PRAGMA page_count").fetchone()[0]
    ctx.store.conn.execute(f"PRAGMA max_page_count={pages + 2}")  # the database cannot grow: SQLITE_FULL
    res = ctx.importer.import_paths([seeds_dir / SEED_003])
    assert res.imported == [] and isinstance(res.failed[0].error, DiskFull)
    assert "Disken är full" in res.failed[0].error.sv
    assert digest(ctx) == before
    ctx.store.conn.execute("PRAGMA max_page_count=1073741823")  # space freed: the same import now works
    out = ctx.importer.import_path(seeds_dir / SEED_003)
    assert out.meeting_id == "botkyrka-sn-2020-05-26"
    assert sqlite3.connect(ctx.store.path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
