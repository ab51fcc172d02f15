"""Reading input files safely (importing/source.py): identification, caps, decoding, display names.

These run without the PDF worker: PDFs are covered in tests/integration/.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata

import pytest

from botkyrka_nämnd.errors import FileTooLarge, ImportFailed, UnsupportedFile
from botkyrka_nämnd.importing import source
from botkyrka_nämnd.importing.source import decode_text, display_name, load_bytes, load_source, sniff

KALLELSE = (
    "Kallelse till möte för socialnämnden 2024\n\nTid: 2024-09-24, Kl: 18:00\n\n"
    "Sekreterare: Maria Hedlund\n\n\tÄrenden\t\n1.\tFörvaltningschefen informerar – muntlig information\tSN/2024:00005"
)


# --- display names (never a path) -----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("../../x.pdf", "x.pdf"),
        ("..\\..\\x.pdf", "x.pdf"),
        ("/etc/passwd", "passwd"),
        ("C:\\Windows\\x.pdf", "x.pdf"),
        ("\\\\srv\\share\\kallelse.pdf", "kallelse.pdf"),
        ("C:kallelse.pdf", "kallelse.pdf"),
        ("a\u202efdp.exe", "afdp.exe"),  # RIGHT-TO-LEFT OVERRIDE removed: it would show as "aexe.pdf"
        ("kal\x00lelse.pdf", "kallelse.pdf"),
        ("kallelse.pdf. . ", "kallelse.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("aux", "_aux"),
        ("..", "namnlös fil"),
        ("", "namnlös fil"),
        ("SN 2024:00317 kallelse.pdf", "SN 2024:00317 kallelse.pdf"),  # a colon inside a name is kept
        ("tab\there.txt", "tab here.txt"),
    ],
)
def test_display_name_is_sanitised(raw, expected):
    assert display_name(raw) == expected


def test_display_name_is_nfc_and_capped():
    nfd = unicodedata.normalize("NFD", "Socialnämnden å.pdf")
    assert nfd != "Socialnämnden å.pdf"
    assert display_name(nfd) == "Socialnämnden å.pdf"
    long = "k" * 300 + ".pdf"
    shown = display_name(long)
    assert len(shown) <= source.DISPLAY_NAME_MAX and shown.endswith(".pdf") and "…" in shown
    assert len(display_name("x" * 300)) == source.DISPLAY_NAME_MAX


def test_display_name_of_path_object(tmp_path):
    assert display_name(tmp_path / "sub" / "kallelse.txt") == "kallelse.txt"


# --- identification ----------------------------------------------------------------------------------


def test_sniff_uses_magic_bytes_not_extension():
    assert sniff(b"%PDF-1.7\n") == "pdf"
    assert sniff(b"\xef\xbb\xbf junk before the header " + b"x" * 500 + b"%PDF-1.4") == "pdf"
    assert sniff(b"x" * 1100 + b"%PDF-1.4") == "unknown"  # beyond the 1024-byte window
    assert sniff("Kallelse.pdf är ett filnamn".encode()) == "unknown"


def test_text_named_pdf_is_read_as_text(tmp_path):
    p = tmp_path / "kallelse.pdf"
    p.write_text(KALLELSE, encoding="utf-8")
    src = load_source(p)
    assert src.file_type == "text" and src.text == KALLELSE and src.line_pages is None and src.pages is None


# --- text decoding -----------------------------------------------------------------------------------


def test_utf8_with_and_without_bom(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(KALLELSE.encode("utf-8"))
    b.write_bytes(b"\xef\xbb\xbf" + KALLELSE.encode("utf-8"))
    assert load_source(a).text == load_source(b).text == KALLELSE


def test_crlf_is_normalised_and_last_line_kept(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(KALLELSE.replace("\n", "\r\n").encode("utf-8"))
    src = load_source(p)
    assert src.text == KALLELSE
    assert src.text.endswith("SN/2024:00005")  # no newline at the end, and the line is not lost
    assert src.line_count == KALLELSE.count("\n") + 1


def test_nfd_text_is_normalised_to_nfc(tmp_path):
    p = tmp_path / "nfd.txt"
    p.write_bytes(unicodedata.normalize("NFD", KALLELSE).encode("utf-8"))
    assert load_source(p).text == KALLELSE


def test_cp1252_swedish_text_is_decoded(tmp_path):
    text = KALLELSE.replace("–", "-")
    p = tmp_path / "ansi.txt"
    p.write_bytes(text.encode("cp1252"))
    src = load_source(p)
    assert src.text == text
    assert "Förvaltningschefen" in src.text and "möte för socialnämnden" in src.text and "Ärenden" in src.text


def test_latin1_without_swedish_letters_is_refused():
    data = "Caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade".encode("latin-1")
    with pytest.raises(UnsupportedFile) as ei:
        decode_text(data, "meny.txt")
    assert "meny.txt" in ei.value.sv and "teckenkodning" in ei.value.sv and "encoding" in ei.value.en


def test_utf16_is_refused_clearly():
    with pytest.raises(UnsupportedFile):
        decode_text(KALLELSE.encode("utf-16"), "utf16.txt")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_binary_garbage_is_refused(tmp_path, seed):
    import random

    p = tmp_path / f"garbage{seed}.bin"
    p.write_bytes(random.Random(seed).randbytes(20_000))
    with pytest.raises(UnsupportedFile) as ei:
        load_source(p)
    assert f"garbage{seed}.bin" in ei.value.sv and ei.value.sv != ei.value.en


def test_control_characters_without_nul_are_refused():
    data = ("Socialnämnden " + "\x01\x02\x03\x04" * 50).encode("utf-8")
    with pytest.raises(UnsupportedFile):
        decode_text(data, "ctrl.txt")


# --- empty and too large -----------------------------------------------------------------------------


def test_empty_file(tmp_path):
    p = tmp_path / "tom.txt"
    p.write_bytes(b"")
    with pytest.raises(ImportFailed) as ei:
        load_source(p)
    assert ei.value.sv.startswith("Filen tom.txt är tom") and "empty" in ei.value.en


def test_whitespace_only_file(tmp_path):
    p = tmp_path / "blank.txt"
    p.write_bytes(b" \n\n\t \n")
    with pytest.raises(ImportFailed) as ei:
        load_source(p)
    assert "tom" in ei.value.sv


def test_text_over_cap_refused_before_reading(tmp_path, monkeypatch):
    p = tmp_path / "stor.txt"
    with open(p, "wb") as f:  # sparse: 50 MB on paper, nothing written
        f.truncate(50 * 2**20)

    def no_read(*a, **k):  # the size check must come before reading the body
        raise AssertionError("read the body of an oversized file")

    monkeypatch.setattr(source, "_read_capped", no_read)
    with pytest.raises(FileTooLarge) as ei:
        load_source(p)
    assert "stor.txt" in ei.value.sv and "20 MB" in ei.value.sv and "20 MB" in ei.value.en


def test_any_file_over_pdf_cap_refused_from_stat(tmp_path):
    p = tmp_path / "jätte.pdf"
    with open(p, "wb") as f:
        f.write(b"%PDF-1.7\n")
        f.truncate(source.PDF_MAX_BYTES + 1)
    with pytest.raises(FileTooLarge) as ei:
        load_source(p)
    assert "200 MB" in ei.value.sv


def test_file_growing_after_stat_is_still_capped(tmp_path, monkeypatch):
    """The bytes actually read are counted too (a file that grows between stat and read)."""
    p = tmp_path / "växer.txt"
    p.write_bytes(b"x" * 100)
    monkeypatch.setattr(source, "TEXT_MAX_BYTES", 1000)
    real_open = open

    class Growing:
        def __init__(self, *a, **k):
            self.f = real_open(*a, **k)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def read(self, n=-1):
            return b"x" * (n if n and n > 0 else 5000)

    monkeypatch.setattr(source, "open", Growing, raising=False)
    with pytest.raises(FileTooLarge):
        load_source(p)


def test_load_bytes_caps_and_names():
    with pytest.raises(FileTooLarge):
        load_bytes(b"a" * (source.TEXT_MAX_BYTES + 1), "../x.txt")
    src = load_bytes(KALLELSE.encode(), "../../../etc/kallelse.txt")
    assert src.display_name == "kallelse.txt"


# --- the SourceText record ---------------------------------------------------------------------------


def test_source_text_fields(tmp_path):
    data = KALLELSE.encode("utf-8")
    p = tmp_path / "k.txt"
    p.write_bytes(data)
    src = load_source(str(p))
    assert src.sha256 == hashlib.sha256(data).hexdigest()
    assert src.size == len(data) and src.data == data
    assert src.display_name == "k.txt" and src.artifacts == []


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ImportFailed) as ei:
        load_source(tmp_path / "finns-inte.pdf")
    assert "finns inte" in ei.value.sv and "does not exist" in ei.value.en
    with pytest.raises(ImportFailed) as ei:
        load_source(tmp_path)
    assert "vanlig fil" in ei.value.sv


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_is_not_read(tmp_path):
    p = tmp_path / "rör"
    os.mkfifo(p)
    with pytest.raises(ImportFailed):
        load_source(p)  # would block forever if it were opened for reading
