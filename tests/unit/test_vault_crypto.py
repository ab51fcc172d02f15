"""Unit tests of the vault's crypto building blocks, payload format and passphrase policy (no files)."""

from __future__ import annotations

import base64
import hashlib
import os

import pytest

from botkyrka_nämnd.errors import VaultError
from botkyrka_nämnd.vault import KdfParams, check_passphrase_policy, crypto, decode_payload, encode_payload
from botkyrka_nämnd.vault.crypto import CryptoError

FAST = KdfParams.fast()


def test_default_kdf_params_meet_the_floor_and_fast_does_not():
    d = KdfParams.default()
    assert (d.m, d.t, d.p) == (262_144, 3, 4)
    assert d.meets_floor() and d.m >= 64 * 1024 and d.t >= 3
    assert not FAST.meets_floor()
    up = d.stepped_up()
    assert (up.m, up.t, up.p) == (d.m, d.t + 1, d.p)


@pytest.mark.parametrize(
    "params",
    [
        KdfParams(m=0, t=1, p=1),
        KdfParams(m=8192, t=0, p=1),
        KdfParams(m=8192, t=1, p=0),
        KdfParams(m=2**40, t=1, p=1),
        KdfParams(m=8192, t=1000, p=1),
        KdfParams(m="8192", t=1, p=1),
    ],
)
def test_invalid_kdf_params_are_rejected(params):
    with pytest.raises(CryptoError):
        params.validate()


def test_kek_depends_on_passphrase_salt_params_and_device_secret():
    salt, s_dev = os.urandom(16), os.urandom(32)
    base = crypto.derive_kek("en lång lösenfras", salt, FAST, s_dev)
    assert len(base) == 32
    assert crypto.derive_kek("en lång lösenfras", salt, FAST, s_dev) == base
    variants = [
        crypto.derive_kek("en lång lösenfrås", salt, FAST, s_dev),
        crypto.derive_kek("en lång lösenfras", os.urandom(16), FAST, s_dev),
        crypto.derive_kek("en lång lösenfras", salt, KdfParams(m=8192, t=2, p=1), s_dev),
        crypto.derive_kek("en lång lösenfras", salt, FAST, os.urandom(32)),
        crypto.derive_kek("en lång lösenfras", salt, FAST, b""),
    ]
    assert all(v != base for v in variants)


def test_wrap_unwrap_and_tampering():
    kek, secret = crypto.random_key(), crypto.random_key()
    nonce, ct = crypto.wrap(kek, secret, b"sek|v1|A")
    assert bytes(secret) not in ct
    assert crypto.unwrap(kek, nonce, ct, b"sek|v1|A") == secret
    with pytest.raises(CryptoError):
        crypto.unwrap(kek, nonce, ct, b"sek|v1|B")  # other AAD (vault id)
    flipped = bytearray(ct)
    flipped[3] ^= 1
    with pytest.raises(CryptoError):
        crypto.unwrap(kek, nonce, bytes(flipped), b"sek|v1|A")
    with pytest.raises(CryptoError):
        crypto.unwrap(crypto.random_key(), nonce, ct, b"sek|v1|A")


def test_zero_overwrites_in_place():
    buf = bytearray(b"\x01" * 32)
    alias = buf
    crypto.zero(buf)
    assert alias is buf and bytes(buf) == bytes(32)
    crypto.zero(None)
    crypto.zero(bytearray())


def test_seal_round_trip_and_format():
    priv, pub = crypto.generate_x25519()
    assert crypto.public_of(priv) == pub
    blob = crypto.seal(b"hemlig text \xc3\xa5", pub)
    assert blob.startswith(b"BNS1") and len(blob) == 4 + 32 + 12 + len(b"hemlig text \xc3\xa5") + 16
    assert b"hemlig" not in blob
    assert crypto.open_sealed(blob, priv) == b"hemlig text \xc3\xa5"
    assert crypto.seal(b"x", pub) != crypto.seal(b"x", pub)  # fresh ephemeral key each time


def test_sealed_blob_rejects_tampering_other_recipient_and_garbage():
    priv, pub = crypto.generate_x25519()
    other_priv, _ = crypto.generate_x25519()
    blob = crypto.seal(b"payload", pub)
    for i in (0, 5, 40, len(blob) - 1):  # magic, ephemeral key, nonce, tag
        bad = bytearray(blob)
        bad[i] ^= 0x01
        with pytest.raises(CryptoError):
            crypto.open_sealed(bytes(bad), priv)
    with pytest.raises(CryptoError):
        crypto.open_sealed(blob, other_priv)
    for junk in (b"", b"BNS1", b"BNS2" + blob[4:], b"\x00" * 100):
        with pytest.raises(CryptoError):
            crypto.open_sealed(junk, priv)


def _payload(**over):
    data = b"%PDF-1.7 hemlig bilaga"
    d = {
        "uid": "botkyrka-sn-2024-09-24/5/1",
        "meeting_id": "botkyrka-sn-2024-09-24",
        "item_position": 5,
        "item_ordinal": 4,
        "kind": "lex_sarah",
        "label": "Rapport enligt lex Sarah",
        "text": "Brukaren Å. föll",
        "report_numbers": ["R1"],
        "page": 3,
        "blob": {
            "sha256": hashlib.sha256(data).hexdigest(),
            "name": "bilaga.pdf",
            "data_b64": base64.b64encode(data).decode(),
        },
    }
    d.update(over)
    return d


def test_payload_round_trip():
    d = _payload()
    back = decode_payload(encode_payload(d))
    assert back == d
    minimal = _payload(blob=None, page=None, report_numbers=())
    del minimal["blob"]
    back = decode_payload(encode_payload(minimal))
    assert back["report_numbers"] == [] and back["page"] is None and "blob" not in back


@pytest.mark.parametrize(
    "over",
    [
        {"uid": ""},
        {"uid": 5},
        {"text": None},
        {"item_position": "5"},
        {"page": True},
        {"report_numbers": [1.5]},
        {"report_numbers": [True]},
        {"report_numbers": "R1"},
        {"blob": {"sha256": "00" * 32, "name": "x", "data_b64": base64.b64encode(b"abc").decode()}},
        {"blob": {"sha256": hashlib.sha256(b"abc").hexdigest(), "name": "x", "data_b64": "!!notbase64"}},
    ],
)
def test_payload_validation(over):
    with pytest.raises(VaultError):
        encode_payload(_payload(**over))


def test_payload_accepts_integer_report_numbers_as_strings():
    back = decode_payload(encode_payload(_payload(report_numbers=[1531, "1545"])))
    assert back["report_numbers"] == ["1531", "1545"]


@pytest.mark.parametrize("raw", [b"", b"not json", b"[]", b'{"v": 2}', b"\xff\xfe", b'{"uid": "a"}'])
def test_decode_payload_rejects_malformed(raw):
    with pytest.raises(VaultError):
        decode_payload(raw)


@pytest.mark.parametrize(
    "ok",
    [
        "korrekt häst batteri häftklammer",
        "lila giraff dansar tango",
        "osthyvel kanot fjällripa",
        "Kanelbulle med 7 russin",
    ],
)
def test_passphrase_policy_accepts(ok):
    check_passphrase_policy(ok)


@pytest.mark.parametrize(
    "bad",
    [
        "aa bb cc dd",
        "ab cd ef gh",
        "123456789012",
        "qwertyuiopåå",
        "tolv tecken!",
        "botkyrka sekretess 2024",
        "sommar sommar sommar sommar",
        "Tjugo2024!Sommar",
    ],
)
def test_passphrase_policy_rejects_guessable_ones_long_enough_to_pass_the_length_rule(bad):
    with pytest.raises(VaultError) as info:
        check_passphrase_policy(bad)
    assert "lätt att gissa" in info.value.sv and "easy to guess" in info.value.en


@pytest.mark.parametrize("bad", ["", "kort", "elva tecken", "   elva tkn    ", "a b c d e f"])
def test_passphrase_policy_rejects_with_swedish_and_english(bad):
    with pytest.raises(VaultError) as info:
        check_passphrase_policy(bad)
    assert "12 tecken" in info.value.sv and "12 characters" in info.value.en
