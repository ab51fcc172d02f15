"""Bad input at the file level (SECURITY.md §3 B1, B3, B4, B7): every case ends in a clear Swedish and
English message from the errors.ImportFailed family, or is handled correctly, never a traceback or a hang.

These go through ``load_source`` with real worker processes; the import service's own handling of the same
files (nothing stored, earlier data intact) is tested in test_import_badinput.py.
"""

from __future__ import annotations

import os
import random

import pytest

from botkyrka_nämnd.errors import (
    EncryptedPdf,
    ExtractionFailed,
    FileTooLarge,
    ImportFailed,
    NoTextLayer,
    UnsupportedFile,
    UserError,
)
from botkyrka_nämnd.importing.pdf import extractor
from botkyrka_nämnd.importing.source import load_source
from tests.pdfutil import SAMPLE_TEXT, encrypted_pdf, flate_bomb, garbage, sample_pdf, scanned_pdf, truncated_pdf


@pytest.fixture(scope="module", autouse=True)
def _shared_workers():
    yield
    extractor.shutdown()


def _message_ok(err: UserError, name: str) -> None:
    assert err.sv and err.en and err.sv != err.en
    assert name in err.sv and name in err.en
    assert "Traceback" not in err.sv and "Error" not in err.sv


def test_empty_pdf_named_file(tmp_path):
    p = tmp_path / "tom.pdf"
    p.write_bytes(b"")
    with pytest.raises(ImportFailed) as ei:
        load_source(p)
    assert type(ei.value) is ImportFailed and "är tom" in ei.value.sv
    _message_ok(ei.value, "tom.pdf")


def test_binary_garbage_named_pdf(tmp_path):
    p = tmp_path / "skräp.pdf"
    p.write_bytes(garbage(256 * 1024))
    with pytest.raises(UnsupportedFile) as ei:
        load_source(p)
    _message_ok(ei.value, "skräp.pdf")


def test_garbage_after_a_pdf_header(tmp_path):
    p = tmp_path / "trasig.pdf"
    p.write_bytes(b"%PDF-1.7\n" + garbage(100_000) + b"\n%%EOF\n")
    with pytest.raises(ExtractionFailed) as ei:
        load_source(p)
    _message_ok(ei.value, "trasig.pdf")


def test_truncated_pdf(tmp_path):
    p = tmp_path / "halv.pdf"
    p.write_bytes(truncated_pdf())
    with pytest.raises(ExtractionFailed) as ei:
        load_source(p)
    assert "avkortad" in ei.value.sv and "truncated" in ei.value.en
    _message_ok(ei.value, "halv.pdf")


def test_truncated_pdf_that_pdfium_could_open_is_not_accepted(tmp_path):
    """Cut just before the end marker: PDFium may rebuild such a file, but the text would be partial."""
    data = sample_pdf(SAMPLE_TEXT * 3)
    p = tmp_path / "nästan.pdf"
    p.write_bytes(data[: data.rindex(b"%%EOF")])
    with pytest.raises(ExtractionFailed):
        load_source(p)


def test_encrypted_pdf(tmp_path):
    p = tmp_path / "lösenord.pdf"
    p.write_bytes(encrypted_pdf())
    with pytest.raises(EncryptedPdf) as ei:
        load_source(p)
    assert "lösenordsskyddad" in ei.value.sv and "password" in ei.value.en
    _message_ok(ei.value, "lösenord.pdf")


def test_scanned_pdf_without_text_layer(tmp_path):
    p = tmp_path / "inskannad.pdf"
    p.write_bytes(scanned_pdf())
    with pytest.raises(NoTextLayer) as ei:
        load_source(p)
    assert "saknar textlager" in ei.value.sv and "text layer" in ei.value.en
    _message_ok(ei.value, "inskannad.pdf")


def test_decompression_bomb_is_stopped_by_the_worker_limits(tmp_path):
    """A 1.6 MB file that inflates to 1.6 GB (SECURITY.md B2): the worker hits RLIMIT_AS and dies; this
    process gets a clear error and keeps running."""
    p = tmp_path / "bomb.pdf"
    p.write_bytes(flate_bomb(1600))
    assert p.stat().st_size < 3 * 2**20
    with pytest.raises(ExtractionFailed) as ei:
        load_source(p)
    assert "minne" in ei.value.sv or "skadad" in ei.value.sv
    _message_ok(ei.value, "bomb.pdf")
    assert "Kallelse till möte" in load_source(_write(tmp_path / "ok.pdf", sample_pdf())).text  # and recovers


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_pdf_with_junk_before_header_is_read(tmp_path):
    """Identification is by magic bytes within the first KB, as readers do."""
    p = tmp_path / "kallelse.bin"
    p.write_bytes(b"\x00" * 300 + sample_pdf())
    src = load_source(p)
    assert src.file_type == "pdf" and "Kallelse till möte för socialnämnden 2024" in src.text


def test_cp1252_text_file(tmp_path):
    text = SAMPLE_TEXT.replace("–", "-")
    p = tmp_path / "kallelse-ansi.txt"
    p.write_bytes(text.encode("cp1252"))
    src = load_source(p)
    assert src.file_type == "text" and src.text == text
    for word in ("möte", "socialnämnden", "Hågelby", "Ärenden", "våldsutsatta", "träffas"):
        assert word in src.text


def test_50_mb_text_file_is_refused(tmp_path):
    p = tmp_path / "stor.txt"
    line = "Socialnämnden sammanträder i Tumba och behandlar ärenden om försörjningsstöd.\n".encode()
    with open(p, "wb") as f:
        while f.tell() < 50 * 2**20:
            f.write(line * 2000)
    with pytest.raises(FileTooLarge) as ei:
        load_source(p)
    _message_ok(ei.value, "stor.txt")


def test_50_mb_sparse_pdf_fails_cleanly(tmp_path):
    """Under the PDF cap, so it is read and handed to the worker, which cannot parse it."""
    p = tmp_path / "gles.pdf"
    with open(p, "wb") as f:
        f.write(b"%PDF-1.7\n")
        f.seek(50 * 2**20)
        f.write(b"\n%%EOF\n")
    with pytest.raises(ExtractionFailed) as ei:
        load_source(p, timeout=60)
    _message_ok(ei.value, "gles.pdf")


def test_50_mb_random_file_is_refused(tmp_path):
    p = tmp_path / "slump.dat"
    rng = random.Random(3)
    with open(p, "wb") as f:
        for _ in range(50):
            f.write(rng.randbytes(2**20))
    with pytest.raises(FileTooLarge):  # not a PDF, so the 20 MB text cap applies
        load_source(p)


@pytest.mark.parametrize(
    "name, shown",
    [
        ("../../x.pdf", "x.pdf"),
        ("..\\..\\x.pdf", "x.pdf"),
        ("a\u202efdp.exe", "afdp.exe"),
        ("CON.pdf", "_CON.pdf"),
    ],
)
def test_hostile_names_are_display_only(tmp_path, name, shown):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    if "/" in name:  # a real path with '..' components
        target = nested / ".." / ".." / "x.pdf"
        (tmp_path / "x.pdf").write_bytes(sample_pdf())
        path = str(nested) + "/" + name
    else:
        target = nested / name
        target.write_bytes(sample_pdf())
        path = target
    before = sorted(os.listdir(tmp_path))
    src = load_source(path)
    assert src.display_name == shown
    assert "Kallelse till möte" in src.text
    assert sorted(os.listdir(tmp_path)) == before  # nothing written anywhere


def test_error_messages_name_the_sanitised_file(tmp_path):
    p = tmp_path / "evil\u202e.pdf"
    p.write_bytes(b"")
    with pytest.raises(ImportFailed) as ei:
        load_source(p)
    assert "\u202e" not in ei.value.sv and "evil.pdf" in ei.value.sv


def test_every_failure_is_a_user_error(tmp_path):
    """The documented family only: no bare exceptions escape load_source for any of the bad kinds."""
    kinds = {
        "a.pdf": truncated_pdf(),
        "b.pdf": encrypted_pdf(),
        "c.pdf": scanned_pdf(1),
        "d.pdf": garbage(5000, seed=9),
        "e.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        "f.pdf": b"%PDF-",
    }
    for name, data in kinds.items():
        p = tmp_path / name
        p.write_bytes(data)
        with pytest.raises(ImportFailed):
            load_source(p)
