"""The vault with real files in a temporary data dir: lifecycle, content, sealing, passphrase change."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat

import pytest
import sqlcipher3

from botkyrka_nämnd.errors import VaultError, VaultLocked, VaultMissing, WrongPassphrase
from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore, Vault, VaultCorrupt, encode_payload

PW = "korrekt häst batteri häftklammer"
PW2 = "en helt annan lång lösenfras"
FAST = KdfParams.fast()


@pytest.fixture
def vault(make):
    v = make()
    v.init(PW)
    yield v
    v.lock()


def _secret(v, uid="M1/3/1", meeting="botkyrka-sn-2024-09-24", pos=3, text="Brukaren föll i trappan", **kw):
    v.put_secret(
        uid,
        meeting_id=meeting,
        item_position=pos,
        item_ordinal=pos - 1,
        kind="lex_sarah",
        label="Rapport enligt lex Sarah",
        text=text,
        report_numbers=kw.pop("report_numbers", ["L1"]),
        **kw,
    )


def test_init_unlock_lock_round_trip(make, data_dir):
    v = make()
    assert not v.exists() and not v.unlocked
    v.init(PW)
    assert v.exists() and v.unlocked
    _secret(v)
    v.lock()
    assert not v.unlocked
    assert sorted(p.name for p in data_dir.iterdir()) == ["keys.json", "vault.db"]

    again = make()  # a fresh object, as after a restart
    assert again.exists() and not again.unlocked
    again.unlock(PW)
    got = again.get_secret("M1/3/1")
    assert got["text"] == "Brukaren föll i trappan" and got["report_numbers"] == ["L1"]
    assert got["meeting_id"] == "botkyrka-sn-2024-09-24" and got["item_position"] == 3 and got["item_ordinal"] == 2
    again.unlock(PW)  # already unlocked: no-op
    again.lock()
    again.lock()  # idempotent


def test_passphrase_is_unicode_normalised(make):
    v = make()
    nfd = "lösenfras med å och ä".replace("ö", "o\u0308").replace("å", "a\u030a")
    v.init(nfd)
    v.lock()
    v.unlock("lösenfras med å och ä")  # NFC typed elsewhere opens the same vault
    assert v.unlocked


def test_files_are_private(vault, data_dir):
    _secret(vault)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    names = {p.name for p in data_dir.iterdir()}
    assert {"keys.json", "vault.db", "vault.db-wal"} <= names
    for p in data_dir.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p.name


def test_loose_permissions_are_tightened_at_unlock(vault, make, data_dir):
    vault.lock()
    (data_dir / ".keys.json.12345.tmp").write_text("{}")  # left by a crash during an atomic write
    (data_dir / "keys.json").chmod(0o644)
    (data_dir / "vault.db").chmod(0o644)
    v = make()
    v.unlock(PW)
    assert stat.S_IMODE((data_dir / "keys.json").stat().st_mode) == 0o600
    assert stat.S_IMODE((data_dir / "vault.db").stat().st_mode) == 0o600
    assert not (data_dir / ".keys.json.12345.tmp").exists()
    v.lock()


def test_put_secret_upserts_and_keeps_created_at(vault):
    _secret(vault, text="v1")
    first = vault.get_secret("M1/3/1")
    _secret(vault, text="v2", report_numbers=["A", "B"], page=7)
    second = vault.get_secret("M1/3/1")
    assert second["text"] == "v2" and second["report_numbers"] == ["A", "B"] and second["page"] == 7
    assert second["created_at"] == first["created_at"]
    assert vault.get_secret("nope") is None


def test_secrets_for_meeting_in_agenda_order(vault):
    _secret(vault, uid="b", pos=5)
    _secret(vault, uid="a", pos=2)
    _secret(vault, uid="c", pos=5)
    _secret(vault, uid="other", meeting="botkyrka-sn-2025-01-01", pos=1)
    assert [s["uid"] for s in vault.secrets_for_meeting("botkyrka-sn-2024-09-24")] == ["a", "b", "c"]
    assert vault.secrets_for_meeting("SN-1999-01-01") == []


def test_blobs_and_delete_secret(vault):
    data = b"%PDF-1.7\n" + os.urandom(5000)
    sha = hashlib.sha256(data).hexdigest()
    vault.put_blob(sha, "bilaga 3.pdf", data)
    vault.put_blob(sha.upper(), "bilaga 3.pdf", data)  # idempotent, case-insensitive hash
    assert vault.get_blob(sha) == data
    assert vault.get_blob("00" * 32) is None
    with pytest.raises(ValueError):
        vault.put_blob("00" * 32, "x", data)
    _secret(vault, uid="s1", blob_sha256=sha)
    _secret(vault, uid="s2", blob_sha256=sha)
    assert vault.delete_secret("s1") and vault.get_blob(sha) == data  # still used by s2
    assert vault.delete_secret("s2") and vault.get_blob(sha) is None
    assert not vault.delete_secret("s2")


def test_transaction_rolls_back_and_nests(vault):
    with pytest.raises(RuntimeError), vault.transaction():
        _secret(vault, uid="x")
        with vault.transaction():  # nested joins the outer one
            _secret(vault, uid="y")
        raise RuntimeError("boom")
    assert vault.get_secret("x") is None and vault.get_secret("y") is None
    with vault.transaction():
        _secret(vault, uid="x")
        assert vault.conn.in_transaction
    assert not vault.conn.in_transaction and vault.get_secret("x")


def test_other_packages_can_add_tables_and_fts_through_db(vault, make):
    with vault.transaction():
        vault.db["secret_note"].insert({"id": 1, "uid": "M1/3/1", "body": "min anteckning om placeringen"}, pk="id")
    vault.db["secret_note"].enable_fts(["body"], create_triggers=True)
    assert [r["id"] for r in vault.db["secret_note"].search("placeringen")] == [1]
    vault.lock()
    v = make()
    v.unlock(PW)
    assert v.db["secret_note"].get(1)["body"].startswith("min anteckning")
    v.lock()


def _annotation_schema(v):
    return v.conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name='secret_annotation' ORDER BY name"
    ).fetchall()


def test_a_new_vault_has_the_annotation_tables_of_schema_2(vault):
    from botkyrka_nämnd.vault import schema

    assert schema.LATEST == 2 and vault.conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert [(t, n) for t, n, _ in _annotation_schema(vault)] == [
        ("table", "secret_annotation"),
        ("index", "secret_annotation_item"),
        ("index", "secret_annotation_note"),
        ("index", "sqlite_autoindex_secret_annotation_1"),  # of the TEXT primary key
    ]


@pytest.mark.parametrize("made_by_the_service", [False, True])
def test_a_v1_vault_migrates_to_2_with_its_annotations(vault, make, made_by_the_service):
    """v1 vaults: without the annotation tables, or with them as the annotation service used to create
    them on first use (same statements) and holding a note: both migrate, nothing lost."""
    from botkyrka_nämnd.vault import schema

    reference = _annotation_schema(vault)
    with vault.transaction() as conn:
        conn.execute("DROP TABLE secret_annotation")
        if made_by_the_service:
            for stmt in schema.SCHEMA_V2:
                conn.execute(stmt)
            conn.execute(
                "INSERT INTO secret_annotation(uid, secret_uid, item_id, kind, is_item_note, body, created_at,"
                " modified_at) VALUES ('a1', 'M1/3/1', 7, 'note', 1, 'min anteckning', 't', 't')"
            )
        conn.execute("PRAGMA user_version=1")
    vault.lock()
    v = make()
    v.unlock(PW)
    assert v.conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert _annotation_schema(v) == reference
    bodies = [r[0] for r in v.conn.execute("SELECT body FROM secret_annotation").fetchall()]
    assert bodies == (["min anteckning"] if made_by_the_service else [])
    v.lock()


def test_locked_vault_refuses_every_access(vault):
    _secret(vault)
    vault.lock()
    for call in (
        lambda: vault.db,
        lambda: vault.conn,
        lambda: vault.get_secret("M1/3/1"),
        lambda: vault.secrets_for_meeting("botkyrka-sn-2024-09-24"),
        lambda: _secret(vault),
        lambda: vault.put_blob(hashlib.sha256(b"a").hexdigest(), "a", b"a"),
        lambda: vault.get_blob("00"),
        lambda: vault.open_sealed(b"BNS1"),
        lambda: vault.absorb([]),
        lambda: vault.transaction().__enter__(),
    ):
        with pytest.raises(VaultLocked) as info:
            call()
        assert "låst" in info.value.sv


def test_lock_zeroes_keys_closes_connection_and_notifies(vault):
    calls = []
    vault.add_lock_listener(lambda: calls.append("cleared"))
    vault.add_lock_listener(lambda: 1 / 0)  # a broken listener does not stop the lock
    vault.add_lock_listener(lambda: calls.append("second"))
    _secret(vault)
    key, xkey, conn, db = vault._k_sek, vault._x_priv, vault.conn, vault.db
    assert any(key) and len(key) == 32 and any(xkey)
    vault.lock()
    assert bytes(key) == bytes(32) and bytes(xkey) == bytes(32)
    assert vault._k_sek is None and vault._x_priv is None
    with pytest.raises(sqlcipher3.ProgrammingError):
        conn.execute("SELECT count(*) FROM secret")
    with pytest.raises(sqlcipher3.ProgrammingError):
        _ = db["secret"].count
    assert calls == ["cleared", "second"] and not vault.unlocked


def test_seal_while_locked_then_absorb_after_unlock(vault, make, data_dir):
    vault.lock()
    pdf = b"%PDF-1.4 hemlig bilaga"
    payload = {
        "uid": "botkyrka-sn-2024-09-24/5/1",
        "meeting_id": "botkyrka-sn-2024-09-24",
        "item_position": 5,
        "item_ordinal": 4,
        "kind": "individarende",
        "label": "Individärende",
        "text": "Sekretessbelagd text",
        "report_numbers": ["R7"],
        "page": 2,
        "blob": {
            "sha256": hashlib.sha256(pdf).hexdigest(),
            "name": "bilaga.pdf",
            "data_b64": base64.b64encode(pdf).decode(),
        },
    }
    importer = make()  # another object, never unlocked (the import service)
    sealed = importer.seal(encode_payload(payload))
    assert sealed.startswith(b"BNS1") and b"Sekretessbelagd" not in sealed
    second = importer.seal(encode_payload({**payload, "uid": "u2", "blob": None, "text": "andra"}))
    other_vault = Vault(data_dir.parent / "other", MemoryKeyStore(), kdf=FAST)
    other_vault.init(PW)
    foreign = other_vault.seal(encode_payload({**payload, "uid": "u3", "blob": None}))
    other_vault.lock()

    v = make()
    v.unlock(PW)
    assert v.open_sealed(second).startswith(b"{")
    absorbed = v.absorb(
        [
            ("botkyrka-sn-2024-09-24/5/1", sealed),
            ("u2", second),
            ("u3", foreign),
            ("wrong-uid", second),
            ("u5", b"garbage"),
        ]
    )
    assert absorbed == ["botkyrka-sn-2024-09-24/5/1", "u2"]
    got = v.get_secret("botkyrka-sn-2024-09-24/5/1")
    assert got["text"] == "Sekretessbelagd text" and got["blob_sha256"] == payload["blob"]["sha256"]
    assert v.get_blob(payload["blob"]["sha256"]) == pdf
    assert v.get_secret("u2")["text"] == "andra" and v.get_secret("u2")["blob_sha256"] is None
    assert v.absorb([("botkyrka-sn-2024-09-24/5/1", sealed)]) == ["botkyrka-sn-2024-09-24/5/1"]  # idempotent
    tampered = bytearray(sealed)
    tampered[-5] ^= 1
    with pytest.raises(VaultError) as info:
        v.open_sealed(bytes(tampered))
    assert "förseglad" in info.value.sv
    v.lock()


def test_seal_without_a_vault_says_how_to_create_one(make):
    with pytest.raises(VaultMissing) as info:
        make().seal(b"x")
    assert "botkyrka-namnd vault init" in info.value.sv and "botkyrka-namnd vault init" in info.value.en
    with pytest.raises(VaultMissing):
        make().unlock(PW)


def test_change_passphrase_locked_and_unlocked(vault, make, data_dir):
    _secret(vault)
    before = json.loads((data_dir / "keys.json").read_text())
    vault.change_passphrase(PW, PW2)  # while unlocked: stays usable
    assert vault.get_secret("M1/3/1")
    vault.lock()
    after = json.loads((data_dir / "keys.json").read_text())
    assert after["kdf"]["salt"] != before["kdf"]["salt"] and after["wrapped"] != before["wrapped"]
    assert after["x25519_public"] == before["x25519_public"] and after["vault_id"] == before["vault_id"]
    v = make()
    with pytest.raises(WrongPassphrase):
        v.unlock(PW)
    (data_dir / ".vault-backoff.json").unlink()  # as if the 1 s back-off had passed
    v2 = make()
    v2.unlock(PW2)
    assert v2.get_secret("M1/3/1")["text"] == "Brukaren föll i trappan"
    v2.lock()
    make().change_passphrase(PW2, PW)  # while locked
    make().unlock(PW)


def test_change_passphrase_refusals_leave_keys_json_unchanged(vault, make, data_dir):
    vault.lock()
    raw = (data_dir / "keys.json").read_bytes()
    v = make()
    with pytest.raises(WrongPassphrase):
        v.change_passphrase("fel fel fel fel fel", PW2)
    (data_dir / ".vault-backoff.json").unlink()  # as if the 1 s back-off had passed
    with pytest.raises(VaultError) as info:
        make().change_passphrase(PW, "kort")
    assert "12 tecken" in info.value.sv
    assert (data_dir / "keys.json").read_bytes() == raw
    assert sorted(p.name for p in data_dir.iterdir()) == ["keys.json", "vault.db"]


def test_change_passphrase_never_lowers_the_kdf_cost(make, data_dir):
    strong = KdfParams(m=16_384, t=2, p=2)
    make(kdf=strong).init(PW)
    make(kdf=FAST).change_passphrase(PW, PW2)  # a program configured lower must not weaken the vault
    kdf = json.loads((data_dir / "keys.json").read_text())["kdf"]
    assert (kdf["m"], kdf["t"], kdf["p"]) == (16_384, 2, 2)
    make(kdf=KdfParams(m=16_384, t=3, p=2)).change_passphrase(PW2, PW)  # raising works
    assert json.loads((data_dir / "keys.json").read_text())["kdf"]["t"] == 3
    make().unlock(PW)


def test_init_refuses_over_an_existing_vault(vault, make, data_dir):
    _secret(vault)
    vault.lock()
    snapshot = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    for pw in (PW, PW2):
        with pytest.raises(VaultError) as info:
            make().init(pw)
        assert "skrivs aldrig över" in info.value.sv
    assert {p.name: p.read_bytes() for p in data_dir.iterdir()} == snapshot
    (data_dir / "keys.json").unlink()  # a database without its key file is still never overwritten
    with pytest.raises(VaultError) as info:
        make().init(PW)
    assert "keys.json" in info.value.sv
    assert (data_dir / "vault.db").read_bytes() == snapshot["vault.db"]


def test_init_removes_leftover_of_a_crashed_init(make, data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "vault.db.new").write_bytes(b"half-written database from a crash before keys.json")
    v = make()
    v.init(PW)
    names = {p.name for p in data_dir.iterdir()}
    assert "vault.db.new" not in names and {"keys.json", "vault.db"} <= names
    v.lock()


def test_unlock_completes_an_init_interrupted_after_keys_json(vault, make, data_dir):
    _secret(vault)
    vault.lock()
    os.replace(data_dir / "vault.db", data_dir / "vault.db.new")  # as if killed before the rename
    v = make()
    v.unlock(PW)
    assert v.get_secret("M1/3/1") and (data_dir / "vault.db").exists() and not (data_dir / "vault.db.new").exists()
    v.lock()


def test_missing_database_is_never_recreated(vault, make, data_dir):
    vault.lock()
    (data_dir / "vault.db").unlink()
    with pytest.raises(VaultCorrupt) as info:
        make().unlock(PW)
    assert "vault.db" in info.value.sv
    assert sorted(p.name for p in data_dir.iterdir()) == ["keys.json"]


def test_integrity_check_of_a_healthy_vault(vault):
    _secret(vault)
    assert vault.integrity_check() == []


def test_status_fields(vault, make):
    st = vault.status()
    assert st["exists"] and st["unlocked"] and st["keyring"] == "ok" and st["device_secret"] is True
    assert st["kdf"] == {"m": FAST.m, "t": FAST.t, "p": FAST.p} and st["kdf_meets_floor"] is False
    vault.lock()
    st = make().status()
    assert not st["unlocked"] and st["keyring"] == "ok" and st["backoff_remaining"] == 0
    assert not any(isinstance(v, (bytes, bytearray)) for v in st.values())
