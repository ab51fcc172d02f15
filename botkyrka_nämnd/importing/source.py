"""Reading one input file safely: identify it, cap its size, decode it, extract PDF text.

The file name is untrusted and only ever *displayed* (``display_name``); the type is decided by the bytes,
never by the extension. PDF text comes from the sandboxed worker in :mod:`.pdftext`.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import FileTooLarge, ImportFailed, UnsupportedFile

PDF_MAX_BYTES = 200 * 2**20
TEXT_MAX_BYTES = 20 * 2**20
# lines of text a document may have (a 151-page kallelse has ~10,000; 250,000 is ~5,000 pages): parsing costs
# ~20 µs a line, so 5 million one-word lines would hold an import for minutes and take gigabytes
MAX_LINES = 250_000
DISPLAY_NAME_MAX = 120
_MAGIC_WINDOW = 1024

# control (Cc), format (Cf: bidi overrides, zero-width), surrogates, private use, unassigned
_DROP_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
_WIN_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)
_SWEDISH = set("åäöÅÄÖ")


@dataclass
class SourceText:
    text: str
    line_pages: list[int] | None  # 1-based page of each line of ``text`` (PDF only)
    file_type: Literal["pdf", "text"]
    pages: int | None
    sha256: str  # of ``data``
    size: int
    display_name: str
    data: bytes = field(repr=False)
    artifacts: list[tuple[int, str]] = field(default_factory=list)  # (line, removed page header/footer)
    line_x: list[list[float] | None] | None = None  # PDF: x of each tab-separated cell of each line
    line_y: list[float | None] | None = None  # PDF: baseline of each line (points, upwards)
    page_sizes: list[tuple[float, float]] | None = None  # PDF: (width, height) of each page, in points

    @property
    def line_count(self) -> int:
        return self.text.count("\n") + 1 if self.text else 0


def display_name(name: str | os.PathLike) -> str:
    """A file name made safe for display: never a path, no control/bidi characters, NFC, <= 120 chars."""
    s = re.split(r"[/\\]", os.fspath(name))[-1]  # no directory part, whatever the separator
    s = "".join(
        " " if ch in "\t\r\n" else ch for ch in s if unicodedata.category(ch) not in _DROP_CATEGORIES or ch in "\t\r\n"
    )
    # NFC after the drop: a dropped format character between a letter and its mark would leave them apart
    s = unicodedata.normalize("NFC", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^(?:[A-Za-z]:\s*)+(?=.)", "", s).strip()  # Windows drive prefixes such as C:x.pdf or C:D:x.pdf
    s = s.rstrip(". ")  # Windows drops trailing dots and spaces
    if s in ("", ".", ".."):
        s = "namnlös fil"
    if _WIN_RESERVED.match(s):
        s = "_" + s
    if len(s) > DISPLAY_NAME_MAX:
        stem, dot, ext = s.rpartition(".")
        if dot and 0 < len(ext) <= 8:
            s = stem[: DISPLAY_NAME_MAX - len(ext) - 2] + "…." + ext
        else:
            s = s[: DISPLAY_NAME_MAX - 1] + "…"
    return s


def sniff(head: bytes) -> Literal["pdf", "unknown"]:
    return "pdf" if b"%PDF-" in head[:_MAGIC_WINDOW] else "unknown"


def _too_large(name: str, kind: str, cap: int) -> FileTooLarge:
    mb = cap // 2**20
    sv_kind = "PDF-filer" if kind == "pdf" else "textfiler"
    en_kind = "PDF files" if kind == "pdf" else "text files"
    return FileTooLarge(
        f"Filen {name} är för stor: högst {mb} MB tillåts för {sv_kind}.",
        f"The file {name} is too large: at most {mb} MB is allowed for {en_kind}.",
    )


def _too_many_lines(name: str, lines: int) -> FileTooLarge:
    return FileTooLarge(
        f"Filen {name} har för många rader ({lines:,} – högst {MAX_LINES:,}) för att vara en kallelse. Dela upp "
        "den i mindre filer.".replace(",", " "),
        f"The file {name} has too many lines ({lines:,}, at most {MAX_LINES:,}) to be a kallelse. Split it into "
        "smaller files.",
    )


def _check_lines(name: str, text: str) -> None:
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise _too_many_lines(name, lines)


def _unsupported(name: str) -> UnsupportedFile:
    return UnsupportedFile(
        f"Filen {name} kan inte importeras: det är varken en PDF eller en textfil (okänd teckenkodning / binärfil).",
        f"The file {name} cannot be imported: it is neither a PDF nor a text file (unknown encoding / binary file).",
    )


def _control_ratio(s: str) -> float:
    bad = sum(1 for ch in s if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) < 0xA0)
    return bad / max(len(s), 1)


def decode_text(data: bytes, name: str = "filen") -> str:
    """UTF-8 (BOM optional) strictly; else cp1252 if it reads as Swedish text; else UnsupportedFile."""
    if b"\x00" in data:
        raise _unsupported(name)  # UTF-16 or binary: not a text export we know
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:  # bytes undefined in cp1252 (0x81, 0x8d, ...)
            raise _unsupported(name) from None
        if not (_SWEDISH & set(text)) or _control_ratio(text) > 0.001:
            raise _unsupported(name) from None
    if _control_ratio(text) > 0.01:
        raise _unsupported(name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _read_capped(path: Path, cap: int, name: str, kind: str) -> bytes:
    """Read at most ``cap`` bytes; a file that turns out larger than its stat said is still refused."""
    with open(path, "rb") as f:
        data = f.read(cap + 1)
    if len(data) > cap:
        raise _too_large(name, kind, cap)
    return data


def load_source(
    path: str | os.PathLike, *, cancel: threading.Event | None = None, timeout: float | None = None
) -> SourceText:
    """Read and identify ``path``; return its text. Raises ``errors.ImportFailed`` subclasses."""
    path = Path(path)
    name = display_name(path.name)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ImportFailed(f"Filen {name} finns inte.", f"The file {name} does not exist.") from None
    except OSError as e:
        raise ImportFailed(
            f"Filen {name} kunde inte läsas: {e.strerror}.", f"The file {name} could not be read: {e.strerror}."
        ) from None
    if not stat.S_ISREG(st.st_mode):
        raise ImportFailed(f"{name} är ingen vanlig fil.", f"{name} is not a regular file.")
    if st.st_size > PDF_MAX_BYTES:
        raise _too_large(name, "pdf", PDF_MAX_BYTES)
    try:
        with open(path, "rb") as f:
            head = f.read(_MAGIC_WINDOW)
        kind = "pdf" if sniff(head) == "pdf" else "text"
        if kind == "text" and st.st_size > TEXT_MAX_BYTES:
            raise _too_large(name, "text", TEXT_MAX_BYTES)
        data = _read_capped(path, PDF_MAX_BYTES if kind == "pdf" else TEXT_MAX_BYTES, name, kind)
    except OSError as e:
        raise ImportFailed(
            f"Filen {name} kunde inte läsas: {e.strerror}.", f"The file {name} could not be read: {e.strerror}."
        ) from None
    return load_bytes(data, name, cancel=cancel, timeout=timeout)


def load_bytes(
    data: bytes, name: str, *, cancel: threading.Event | None = None, timeout: float | None = None
) -> SourceText:
    """Like :func:`load_source` for bytes already in memory (e.g. a download); ``name`` is sanitised."""
    name = display_name(name)
    if not data:
        raise ImportFailed(f"Filen {name} är tom (0 byte).", f"The file {name} is empty (0 bytes).")
    digest = hashlib.sha256(data).hexdigest()
    if sniff(data) == "pdf":
        if len(data) > PDF_MAX_BYTES:
            raise _too_large(name, "pdf", PDF_MAX_BYTES)
        from .pdftext import TIMEOUT, extract_pdf_text

        res = extract_pdf_text(data, name=name, cancel=cancel, timeout=timeout or TIMEOUT)
        _check_lines(name, res.text)
        return SourceText(
            res.text,
            res.line_pages,
            "pdf",
            res.page_count,
            digest,
            len(data),
            name,
            data,
            res.artifacts,
            res.line_x,
            res.line_y,
            res.page_sizes,
        )
    if len(data) > TEXT_MAX_BYTES:
        raise _too_large(name, "text", TEXT_MAX_BYTES)
    if data.count(b"\n") >= MAX_LINES:  # before decoding: a flood of lines costs nothing more
        raise _too_many_lines(name, data.count(b"\n") + 1)
    text = decode_text(data, name)
    _check_lines(name, text)
    if not text.strip():
        raise ImportFailed(
            f"Filen {name} är tom (innehåller bara blanktecken).", f"The file {name} is empty (whitespace only)."
        )
    return SourceText(text, None, "text", None, digest, len(data), name, data, [])
