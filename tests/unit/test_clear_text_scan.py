"""The clear-text scan the sekretess tests rely on finds what is there, and only that."""

from __future__ import annotations

import base64
import os

from tests.clear_text import clear_hits


def test_the_scan_finds_clear_text_in_every_form(tmp_path):
    (tmp_path / "a.db").write_bytes(b"\x00\x01 Lex Sarah rapport 1531, 1545 \x00")
    (tmp_path / "b.json").write_text('{"reports": [1610], "note": "rapport 1646."}')
    (tmp_path / "c.log").write_bytes("Lex Sarah 1545".encode("utf-16-le"))
    assert clear_hits(tmp_path, ["1531", "1545", "1610", "1646"]) == [
        "a.db: 1531",
        "a.db: 1545",
        "b.json: 1610",
        "b.json: 1646",
        "c.log: 1545",
    ]


def test_chance_hits_in_random_tokens_and_longer_numbers_are_not_leaks(tmp_path):
    key = base64.b64encode(b"\xfa" * 5 + b"xx" + os.urandom(40)).decode()
    (tmp_path / "keys.json").write_text('{"wrapped": "Ab' + "1545".join([key[:20], key[20:]]) + '"}')
    (tmp_path / "uid.txt").write_text("uid 0772c34854f91545ae3a3e2e8f8d71749c2\n")
    (tmp_path / "pdf.bin").write_bytes(b"0000154527 00000 n \n")
    assert clear_hits(tmp_path, ["1545"]) == []
