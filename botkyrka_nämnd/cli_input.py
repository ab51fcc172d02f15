"""The command line's input and output helpers: texts given as an argument, on stdin or in a file (argv is
visible to every user of the machine), the passphrase (a file or a terminal prompt, never an argument),
and one-line, terminal-safe error text."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from .errors import UserError

_ESCAPE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def _terminal_safe(text: str) -> str:
    """Text for one stderr line: newlines, escapes and bidi/format characters (a file name may hold any of
    them) shown as \\uXXXX, so no name can forge another line or repaint the terminal."""
    import unicodedata

    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in _ESCAPE_CATEGORIES else ch for ch in str(text))


def _text_input(value: str | None, file: str | None, *, what_sv: str, what_en: str) -> str:
    """A text given as an argument, as '-' (stdin) or in a file: argv is visible to every user of the
    machine (ps), so the text of a note or a search can come on stdin or in a file instead."""
    if value is not None and file is not None:
        raise UserError(
            f"Ange {what_sv} antingen som argument eller med fil, inte båda.",
            f"Give the {what_en} either as an argument or in a file, not both.",
        )
    source = file if file is not None else value
    if source is None:
        raise UserError(
            f"Ange {what_sv} (eller '-' för att läsa den från stdin).",
            f"Give the {what_en} (or '-' to read it from stdin).",
        )
    if file is None and value != "-":
        return source  # the value (file is None)
    try:
        if source == "-":
            data = sys.stdin.buffer.read(1_000_001) if sys.stdin is not None else b""
        else:
            with open(source, "rb") as fh:
                data = fh.read(1_000_001)
    except OSError:
        raise UserError(f"Kunde inte läsa {what_sv}.", f"Could not read the {what_en}.") from None
    if len(data) > 1_000_000:
        raise UserError(f"För lång {what_sv} (högst 1 MB).", f"The {what_en} is too long (at most 1 MB).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{what_sv.capitalize()} är inte UTF-8.", f"The {what_en} is not UTF-8.") from None
    text = text.rstrip("\r\n")
    if not text.strip():
        raise UserError(f"Tom {what_sv}.", f"The {what_en} is empty.")
    return text


def _read_passphrase(args, *, confirm: bool = False) -> str:
    pf = getattr(args, "passphrase_file", None)
    if pf:
        try:
            text = Path(pf).read_text(encoding="utf-8")
        except OSError:
            raise UserError("Kunde inte läsa lösenfrasfilen.", "Could not read the passphrase file.") from None
        return text.rstrip("\r\n")
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError(
            "Lösenfras behövs: ange --passphrase-file FIL eller kör i en terminal.",
            "A passphrase is needed: give --passphrase-file FILE or run in a terminal.",
        )
    first = getpass.getpass("Lösenfras: ")
    if confirm and getpass.getpass("Upprepa lösenfrasen: ") != first:
        raise UserError("Lösenfraserna var olika.", "The passphrases did not match.")
    return first
