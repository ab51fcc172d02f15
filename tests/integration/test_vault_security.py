"""Security and robustness of the vault (SECURITY.md §3: S1, S3, S11, S13, S14, S15, R6, R7, R10).

Real files in a temporary data dir, the fast KDF profile (except the default-parameter test), in-memory
or failing key stores, and a fake monotonic clock for the back-off.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import secrets
import sqlite3
import tempfile
import traceback
from pathlib import Path

import pytest
from keyring.errors import KeyringLocked

from botkyrka_nämnd.errors import (
    BackoffActive,
    DatabaseCorrupt,
    DatabaseTooNew,
    KeyringUnavailable,
    VaultError,
    WrongPassphrase,
)
from botkyrka_nämnd.vault import (
    FailingKeyStore,
    KdfParams,
    KeyringKeyStore,
    MemoryKeyStore,
    NullKeyStore,
    Vault,
    VaultCorrupt,
    VaultTooNew,
    encode_payload,
)
from botkyrka_nämnd.vault import keyfile as keyfile_mod
from tests.keyrings import DictKeyring, private

PW = "korrekt häst batteri häftklammer"
PW2 = "en helt annan lång lösenfras"
FAST = KdfParams.fast()
HEX64 = re.compile(r"[0-9a-fA-F]{64}")


@private
class LockedKeyring(DictKeyring):
    def get_password(self, service, username):
        raise KeyringLocked("locked")


@private
class PlaintextLookalike(DictKeyring):
    """Stands in for keyrings.alt's PlaintextKeyring (not installed, and must never be)."""


PlaintextLookalike.__module__ = "keyrings.alt.file"


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


BACKOFF_FILE = ".vault-backoff.json"  # the persisted count of wrong attempts: the one file a failure may write


def snapshot(d: Path) -> dict[str, str]:
    """The vault's files (the back-off record aside, which is written on purpose by a wrong attempt)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(d.iterdir())
        if p.is_file() and p.name != BACKOFF_FILE
    }


def key_forms(raw: bytes) -> list[bytes]:
    """Every way a key could leak into a file: raw, hex (both cases), base64."""
    raw = bytes(raw)
    return [raw, raw.hex().encode(), raw.hex().upper().encode(), base64.b64encode(raw)]


def text_forms(text: str) -> list[bytes]:
    forms = []
    for t in {text, text.lower(), text.upper()}:
        forms += [t.encode("utf-8"), t.encode("utf-16-le")]
    return forms


def hits(d: Path, needles: list[bytes]) -> list[str]:
    found = []
    for p in sorted(d.rglob("*")):
        if p.is_file():
            data = p.read_bytes()
            found += [f"{p.name}:{n[:12]!r}" for n in needles if n and n in data]
    return found


@pytest.fixture
def locked_vault(make):
    v = make()
    v.init(PW)
    with v.transaction():
        for i in range(40):  # several pages, so that page corruption can be placed
            v.put_secret(
                f"uid-{i}",
                meeting_id="botkyrka-sn-2024-09-24",
                item_position=i,
                item_ordinal=i,
                kind="lex_sarah",
                label=f"Del {i}",
                text=f"Sekretessbelagd text nummer {i} " * 30,
            )
    v.lock()
    return v


def sealed_part(v: Vault, uid: str, text: str) -> bytes:
    """A secret part sealed to the vault as the importer seals one (no unlock needed); ``text`` is its label
    and its text."""
    payload = {"uid": uid, "meeting_id": "M", "item_position": 1, "item_ordinal": 1, "kind": "k"}
    return v.seal(encode_payload({**payload, "label": text, "text": text}))


# -- S1: at-rest canary sweep ---------------------------------------------------------------------------


def test_canary_sweep_finds_nothing_in_any_file(make, ks, data_dir):
    canary = f"KANARIE-{secrets.token_hex(6)}"
    token = canary.split("-")[1]
    tmp_before = set(os.listdir(tempfile.gettempdir()))
    v = make()
    v.init(PW)
    pdf = b"%PDF-1.7 " + f"bilaga om {canary}".encode() + os.urandom(3000)
    sha = hashlib.sha256(pdf).hexdigest()
    v.put_blob(sha, f"{canary}.pdf", pdf)
    v.put_secret(
        "u1",
        meeting_id="botkyrka-sn-2024-09-24",
        item_position=3,
        item_ordinal=2,
        kind="lex_sarah",
        label=f"Lex Sarah {canary}",
        text=f"Brukaren {canary} föll. {canary.lower()}",
        report_numbers=[canary],
        blob_sha256=sha,
    )
    with v.transaction():  # a secret FTS index and an annotation, as search/ and notes will add them
        v.db["secret_note"].insert({"id": 1, "body": f"anteckning {canary}"}, pk="id")
    v.db["secret_note"].enable_fts(["body"], create_triggers=True)
    assert [r["id"] for r in v.db["secret_note"].search(token)] == [1]
    sealed = sealed_part(make(), "u2", canary)  # sealed by a vault object never unlocked (the importer)
    assert v.absorb([("u2", sealed)]) == ["u2"]
    keys = [bytes(v._k_sek), bytes(v._x_priv)] + list(ks.values.values())
    needles = text_forms(canary) + text_forms(token) + text_forms(PW) + [k for key in keys for k in key_forms(key)]

    assert (data_dir / "vault.db-wal").exists()
    assert hits(data_dir, needles) == []  # while unlocked, with the WAL holding recent pages
    v.lock()
    assert hits(data_dir, needles) == []  # after lock and close
    for name in ("vault.db", "vault.db-wal"):
        p = data_dir / name
        if p.exists():
            assert not p.read_bytes()[:16].startswith(b"SQLite format 3")
    new_tmp = set(os.listdir(tempfile.gettempdir())) - tmp_before
    for name in new_tmp:  # whatever appeared in the temp dir meanwhile (other processes too) has no canary
        p = Path(tempfile.gettempdir()) / name
        if p.is_file() and p.stat().st_size < 50_000_000:
            assert not any(n in p.read_bytes() for n in text_forms(canary))


def test_no_plaintext_key_anywhere_without_a_keyring(make, data_dir):
    store = FailingKeyStore()
    v = make(keystore=store)
    v.init(PW)
    v.put_secret("u", meeting_id="M", item_position=1, item_ordinal=1, kind="k", label="l", text="t")
    needles = key_forms(v._k_sek) + key_forms(v._x_priv)
    v.lock()
    assert hits(data_dir, needles) == []
    doc = json.loads((data_dir / "keys.json").read_text())
    assert set(doc) == {
        "format",
        "version",
        "vault_id",
        "created_at",
        "kdf",
        "device_secret",
        "x25519_public",
        "wrapped",
    }
    assert doc["device_secret"]["in_use"] is False


# -- S13: wrong passphrase, back-off, tampering, KDF parameters ------------------------------------------


def test_wrong_passphrase_backoff_sequence_and_files_unchanged(make, data_dir):
    clock = FakeClock()
    v = make(clock=clock)
    v.init(PW)
    v.lock()
    before = snapshot(data_dir)
    waits = []
    for attempt in range(5):
        with pytest.raises(WrongPassphrase) as info:
            v.unlock(f"fel lösenfras nummer {attempt}")
        assert "Fel lösenfras" in info.value.sv and "Wrong passphrase" in info.value.en
        waits.append(info.value.retry_after)
        with pytest.raises(BackoffActive) as busy:  # even the right passphrase must wait
            v.unlock(PW)
        assert busy.value.remaining == info.value.retry_after
        assert f"{busy.value.remaining} s" in busy.value.sv
        clock.advance(info.value.retry_after - 0.5)
        with pytest.raises(BackoffActive) as busy:
            v.unlock(PW)
        assert busy.value.remaining == 1  # 0.5 s left, rounded up
        clock.advance(0.5)
    assert waits == [1, 2, 4, 8, 16]
    assert v.status()["backoff_remaining"] == 0
    assert snapshot(data_dir) == before
    v.unlock(PW)  # the correct passphrase still works, and resets the back-off
    assert v.unlocked
    v.lock()
    with pytest.raises(WrongPassphrase) as info:
        v.unlock("fel igen men lång nog")
    assert info.value.retry_after == 1


def test_backoff_is_capped(make):
    clock = FakeClock()
    v = make(clock=clock)
    v.init(PW)
    v.lock()
    for _ in range(12):
        with pytest.raises(WrongPassphrase) as info:
            v.unlock("fel fel fel fel")
        clock.advance(info.value.retry_after)
    assert info.value.retry_after == 300


def _edit(path: Path, fn) -> None:
    doc = json.loads(path.read_text())
    fn(doc)
    path.write_text(json.dumps(doc))


def _flip_b64(value: str, index: int = 3) -> str:
    raw = bytearray(base64.b64decode(value))
    raw[index] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


def _other_pub() -> str:
    from botkyrka_nämnd.vault import crypto

    return base64.b64encode(crypto.generate_x25519()[1]).decode()


def _other_id(vault_id: str) -> str:
    return vault_id[:-1] + ("0" if vault_id[-1] != "0" else "1")


TAMPERING = {
    "wrapped_key": (lambda d: d["wrapped"]["sek"].update(ct=_flip_b64(d["wrapped"]["sek"]["ct"])), WrongPassphrase),
    "wrapped_nonce": (
        lambda d: d["wrapped"]["sek"].update(nonce=_flip_b64(d["wrapped"]["sek"]["nonce"], 0)),
        WrongPassphrase,
    ),
    # the vault id names the keyring entry too: with a device secret in use, the lookup fails first
    "vault_id": (lambda d: d.update(vault_id=_other_id(d["vault_id"])), KeyringUnavailable),
    "kdf_salt": (lambda d: d["kdf"].update(salt=_flip_b64(d["kdf"]["salt"])), WrongPassphrase),
    "kdf_params": (lambda d: d["kdf"].update(t=d["kdf"]["t"] + 1), WrongPassphrase),
    "device_flag": (lambda d: d["device_secret"].update(in_use=False), WrongPassphrase),
    "wrapped_x25519": (
        lambda d: d["wrapped"]["x25519"].update(ct=_flip_b64(d["wrapped"]["x25519"]["ct"])),
        VaultCorrupt,
    ),
    "public_key": (lambda d: d.update(x25519_public=_other_pub()), VaultCorrupt),
    "huge_memory": (lambda d: d["kdf"].update(m=2**40), VaultCorrupt),
    "short_salt": (lambda d: d["kdf"].update(salt=base64.b64encode(b"abc").decode()), VaultCorrupt),
    "missing_wrap": (lambda d: d.pop("wrapped"), VaultCorrupt),
    "wrong_format": (lambda d: d.update(format="something-else"), VaultCorrupt),
    "newer_version": (lambda d: d.update(version=2), VaultTooNew),
}


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_tampered_keys_json_gives_a_clean_error(name, locked_vault, make, data_dir):
    change, expected = TAMPERING[name]
    _edit(data_dir / "keys.json", change)
    before = snapshot(data_dir)
    v = make()
    with pytest.raises(expected) as info:
        v.unlock(PW)
    exc = info.value
    assert exc.sv and exc.en and exc.sv != exc.en
    if expected is WrongPassphrase:
        assert exc.sv.startswith("Fel lösenfras.") and "nyckelfilen (keys.json) vara skadad" in exc.sv
    if expected is VaultTooNew:
        assert "nyare version" in exc.sv and isinstance(exc, DatabaseTooNew)
    rendered = "".join(traceback.format_exception(exc))
    assert exc.__suppress_context__ or exc.__context__ is None  # no chained low-level traceback
    assert PW not in rendered and not HEX64.search(rendered)
    assert snapshot(data_dir) == before and not v.unlocked


def test_tampered_aad_of_a_passphrase_only_vault(make, data_dir):
    v = make(keystore=FailingKeyStore())
    v.init(PW)
    v.lock()
    _edit(data_dir / "keys.json", lambda d: d.update(vault_id=_other_id(d["vault_id"])))
    with pytest.raises(WrongPassphrase) as info:
        make(keystore=FailingKeyStore()).unlock(PW)
    assert info.value.sv.startswith("Fel lösenfras.") and "nyckelfilen (keys.json) vara skadad" in info.value.sv


def test_truncated_keys_json_is_a_clean_error(locked_vault, make, data_dir):
    p = data_dir / "keys.json"
    p.write_bytes(p.read_bytes()[:100])
    with pytest.raises(VaultCorrupt) as info:
        make().unlock(PW)
    assert "keys.json" in info.value.sv
    with pytest.raises(VaultCorrupt):
        make().seal(b"x")  # sealing to a damaged key file is refused too
    assert make().status()["error"] == "vault_corrupt"


def test_default_kdf_parameters_are_stored_and_meet_the_floor(data_dir):
    v = Vault(data_dir, MemoryKeyStore())  # production parameters: about 0.6 s here
    v.init(PW)
    v.lock()
    kdf = json.loads((data_dir / "keys.json").read_text())["kdf"]
    assert kdf["alg"] == "argon2id" and kdf["m"] >= 64 * 1024 and kdf["t"] >= 3 and kdf["p"] >= 1
    assert len(base64.b64decode(kdf["salt"])) == 16
    assert v.status()["kdf_meets_floor"] is True


# -- R6 / R7 / R10: damaged, replaced or future database ----------------------------------------------


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset % len(data)] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("offset", [5, 4096 + 200, 4096 * 3 + 1000, -100])
def test_flipped_byte_is_detected_and_the_file_is_not_touched(offset, locked_vault, make, data_dir):
    _flip(data_dir / "vault.db", offset)
    before = snapshot(data_dir)
    with pytest.raises(VaultCorrupt) as info:
        make().unlock(PW)
    assert isinstance(info.value, DatabaseCorrupt) and "har inte ändrats" in info.value.sv
    assert snapshot(data_dir) == before  # same files, same hashes: no new, empty or plaintext database
    with pytest.raises(VaultError):
        make().init(PW)  # and nothing offers to start over on top of it
    assert snapshot(data_dir) == before


def test_database_of_another_vault_or_plaintext_is_refused(locked_vault, make, data_dir, tmp_path):
    other = Vault(tmp_path / "other", MemoryKeyStore(), kdf=FAST)
    other.init(PW)
    other.lock()
    replacements = [(tmp_path / "other" / "vault.db").read_bytes()]
    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as c:
        c.execute("CREATE TABLE secret(uid TEXT)")
    replacements.append(plain.read_bytes())
    replacements.append(b"")  # an emptied file
    for content in replacements:
        (data_dir / "vault.db").write_bytes(content)
        before = snapshot(data_dir)
        with pytest.raises(VaultCorrupt):
            make().unlock(PW)
        assert snapshot(data_dir) == before


def test_database_from_the_future_is_refused(make, data_dir):
    v = make()
    v.init(PW)
    v.conn.execute("PRAGMA user_version=99")
    v.lock()
    before = snapshot(data_dir)
    with pytest.raises(VaultTooNew) as info:
        make().unlock(PW)
    assert "nyare version" in info.value.sv and "99" in info.value.sv
    assert snapshot(data_dir) == before


# -- S14: key store matrix ------------------------------------------------------------------------------


def test_memory_keystore_holds_only_the_device_secret(make, ks, data_dir):
    v = make()
    v.init(PW)
    assert list(ks.values) == [v.vault_id] and len(ks.values[v.vault_id]) == 32
    assert bytes(v._k_sek) not in ks.values.values()
    v.lock()
    assert make().status()["keyring"] == "ok"


@pytest.mark.parametrize("store", [FailingKeyStore(), NullKeyStore()], ids=["failing", "null"])
def test_unusable_keystore_at_init_means_passphrase_only_with_stronger_kdf(store, make, data_dir):
    v = make(keystore=store)
    v.init(PW)
    v.lock()
    st = make(keystore=store).status()
    assert st["keyring"] == "unavailable" and st["device_secret"] is False
    assert st["kdf"]["t"] == FAST.t + 1
    again = make(keystore=store)
    again.unlock(PW)
    assert again.unlocked
    again.lock()
    # passphrase-only vaults do not depend on the keyring at all later
    make(keystore=MemoryKeyStore()).unlock(PW)


@pytest.mark.parametrize(
    "store, status",
    [
        (MemoryKeyStore(), "missing_secret"),
        (NullKeyStore(), "missing_secret"),
        (FailingKeyStore("KeyringLocked"), "unreachable"),
    ],
    ids=["emptied", "null", "locked"],
)
def test_device_secret_gone_is_an_error_not_a_first_run(store, status, make, data_dir):
    v = make()
    v.init(PW)
    v.put_secret("u", meeting_id="M", item_position=1, item_ordinal=1, kind="k", label="l", text="t")
    v.lock()
    before = snapshot(data_dir)
    other = make(keystore=store)
    assert other.status()["keyring"] == status
    with pytest.raises(KeyringUnavailable) as info:
        other.unlock(PW)
    assert "nyckelring" in info.value.sv and "keyring" in info.value.en
    with pytest.raises(VaultError):
        other.init(PW)  # no fresh vault over the old one
    assert snapshot(data_dir) == before
    assert getattr(store, "values", {}) == {}  # no new key generated into the key store
    assert other.status()["backoff_remaining"] == 0  # not counted as a wrong passphrase


def test_keyring_with_a_different_secret_is_a_wrong_passphrase_with_a_hint(make, data_dir):
    v = make()
    v.init(PW)
    vault_id = v.vault_id
    v.lock()
    before = snapshot(data_dir)

    class OtherBackend(MemoryKeyStore):
        backend_name = "some.other.Keyring"

    with pytest.raises(WrongPassphrase) as info:
        make(keystore=OtherBackend({vault_id: os.urandom(32)})).unlock(PW)
    assert "Nyckelringen har bytts" in info.value.sv
    (data_dir / BACKOFF_FILE).unlink()  # as if the 1 s wait had passed
    with pytest.raises(WrongPassphrase) as info:
        make(keystore=MemoryKeyStore({vault_id: os.urandom(32)})).unlock(PW)
    assert "Nyckelringen har bytts" not in info.value.sv
    assert snapshot(data_dir) == before


def test_real_keyring_backends_through_keyringkeystore(make, data_dir):
    from keyring.backends import fail, null

    backend = DictKeyring()
    v = make(keystore=KeyringKeyStore(backend))
    v.init(PW)
    assert v.status()["device_secret"] is True and len(backend.entries) == 1
    v.lock()
    make(keystore=KeyringKeyStore(backend)).unlock(PW)
    for bad in (null.Keyring(), fail.Keyring(), LockedKeyring(), PlaintextLookalike()):
        with pytest.raises(KeyringUnavailable):
            make(keystore=KeyringKeyStore(bad)).unlock(PW)


def test_plaintext_keyring_is_refused_for_new_vaults(make, data_dir):
    backend = PlaintextLookalike()
    v = make(keystore=KeyringKeyStore(backend))
    assert v.status()["keyring"] == "unavailable"
    v.init(PW)
    assert backend.entries == {} and v.status()["device_secret"] is False
    v.lock()


# -- S15: key-storage migration keeps a working wrap at every step ---------------------------------------


def test_failed_keyfile_replace_keeps_the_old_wrap(locked_vault, make, data_dir, monkeypatch):
    before = snapshot(data_dir)

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(keyfile_mod.os, "replace", boom)
    with pytest.raises(OSError):
        make().change_passphrase(PW, PW2)
    monkeypatch.undo()
    assert snapshot(data_dir) == before  # no temporary file left, keys.json untouched
    make().unlock(PW)


def test_change_is_not_written_when_the_database_does_not_open(locked_vault, make, data_dir):
    _flip(data_dir / "vault.db", 5)  # header damaged: the proof step must fail
    before = snapshot(data_dir)
    with pytest.raises(VaultCorrupt):
        make().change_passphrase(PW, PW2)
    assert snapshot(data_dir) == before


# -- S11: logs and stderr -------------------------------------------------------------------------------


@pytest.fixture
def sqlcipher_logs_to_stderr():
    """Make SQLCipher log WARN and above to stderr (the default of many builds; this wheel's default
    target is none), so the test sees whether the vault silences it (cipher_log_level=NONE)."""
    import sqlcipher3

    c = sqlcipher3.connect(":memory:")
    c.execute("PRAGMA cipher_log = stderr")
    c.execute("PRAGMA cipher_log_level = WARN")
    yield
    c.execute("PRAGMA cipher_log = OFF")
    c.close()


def test_logs_and_stderr_hold_no_secrets(make, ks, data_dir, caplog, capfd, sqlcipher_logs_to_stderr):
    caplog.set_level(logging.DEBUG)
    clock = FakeClock()
    canary = f"KANARIE-{secrets.token_hex(6)}"
    v = make(clock=clock)
    v.init(PW)
    key_hex = [bytes(v._k_sek).hex(), bytes(v._x_priv).hex()] + [s.hex() for s in ks.values.values()]
    v.put_secret("u", meeting_id="M", item_position=1, item_ordinal=1, kind="k", label=canary, text=canary)
    sealed = sealed_part(v, "u2", canary)
    v.lock()
    errors = []
    with pytest.raises(WrongPassphrase) as e:
        v.unlock(PW2)
    errors.append(e.value)
    with pytest.raises(BackoffActive) as e:
        v.unlock(PW)
    errors.append(e.value)
    clock.advance(5)
    v.unlock(PW)
    v.absorb([("u2", sealed), ("u3", b"garbage")])
    v.change_passphrase(PW, PW2)
    v.lock()
    with pytest.raises(KeyringUnavailable) as e:
        make(keystore=MemoryKeyStore()).unlock(PW2)
    errors.append(e.value)
    _flip(data_dir / "vault.db", 4096 * 2 + 7)
    with pytest.raises(VaultCorrupt) as e:
        make().unlock(PW2)
    errors.append(e.value)
    _flip(data_dir / "vault.db", 3)
    with pytest.raises(VaultCorrupt) as e:
        make().unlock(PW2)
    errors.append(e.value)

    out, err = capfd.readouterr()
    texts = [caplog.text, out, err] + ["".join(traceback.format_exception(x)) for x in errors]
    assert "wrong passphrase" in caplog.text and "vault unlocked" in caplog.text  # logging did happen
    for text in texts:
        for secret in [PW, PW2, canary, canary.lower()] + key_hex:
            assert secret not in text
        assert not HEX64.search(text)
        assert "ERROR CORE" not in text
