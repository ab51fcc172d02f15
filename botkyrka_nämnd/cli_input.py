"""The command line's input and output helpers: texts given as an argument, on stdin or in a file (argv is
visible to every user of the machine), the passphrase (a file or a terminal prompt, never an argument),
and one-line, terminal-safe error text."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import NoReturn

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


# ------------------------------------------------------------------------------------------ usage errors
# argparse's own messages (Python 3.11-3.13), in Swedish: a usage error is one line, in the member's language
_ARGPARSE_SV = [
    (r"the following arguments are required: (.*)", r"dessa argument saknas: \1"),
    (r"unrecognized arguments: (.*)", r"okända argument: \1"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"ogiltigt val: \1 (välj bland \2)"),
    (r"expected one argument", "ett värde behövs"),
    (r"expected at least one argument", "minst ett värde behövs"),
    (r"expected (\d+) arguments?", r"\1 värden behövs"),
    (r"invalid (\w+) value: (.*)", r"ogiltigt värde (\1): \2"),
    (r"not allowed with argument (.*)", r"kan inte kombineras med \1"),
    (r"ambiguous option: (.*) could match (.*)", r"tvetydigt alternativ: \1 kan betyda \2"),
    (r"one of the arguments (.*) is required", r"ett av argumenten \1 behövs"),
    (r"ignored explicit argument (.*)", r"värdet \1 används inte"),
]


def usage_error_text(message: str, lang: str) -> str:
    """argparse's ``message`` as one line in ``lang`` ('sv' or 'en')."""
    import re

    text = " ".join(message.split())
    if lang == "en":
        return text
    m = re.match(r"argument (\S+?): (.*)", text)
    prefix, rest = (f"argument {m.group(1)}: ", m.group(2)) if m else ("", text)
    if prefix == "argument KOMMANDO: " and rest.startswith("invalid choice"):
        prefix, rest = "okänt kommando: ", rest.replace("invalid choice: ", "", 1)
        rest = re.sub(r" \(choose from (.*)\)", r" (välj bland \1)", rest)
        return prefix + rest
    for pattern, repl in _ARGPARSE_SV:
        if re.fullmatch(pattern, rest):
            return prefix + re.sub(pattern, repl, rest)
    return text


def _lang_in(argv: list[str]) -> str:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return "sv"


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, in Swedish (English with ``--lang en``), with a
    pointer to ``--help`` instead of argparse's English usage block."""

    def error(self, message: str) -> NoReturn:
        lang = _lang_in(sys.argv[1:])
        text = usage_error_text(message, lang)
        hint = f"see {self.prog} --help" if lang == "en" else f"se {self.prog} --help"
        self.exit(2, _terminal_safe(f"{self.prog}: {text} ({hint})") + "\n")
