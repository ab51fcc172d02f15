"""KeyringKeyStore over real ``keyring`` backends: which ones are usable, and errors at call time."""

from __future__ import annotations

import os

import keyring
import pytest
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringLocked, PasswordSetError

from botkyrka_nämnd.vault import (
    FailingKeyStore,
    KeyringKeyStore,
    KeyStore,
    KeyStoreUnavailable,
    MemoryKeyStore,
    NullKeyStore,
)
from botkyrka_nämnd.vault.keystore import SERVICE, unusable_reason
from tests.keyrings import DictKeyring, private


@private
class LowPriorityKeyring(DictKeyring):
    priority = 0.5


@private
class PlaintextLookalike(DictKeyring):
    """Stands in for keyrings.alt.file.PlaintextKeyring (not installed here, and must never be)."""

    priority = 5


PlaintextLookalike.__module__ = "keyrings.alt.file"


@private
class LockedKeyring(DictKeyring):
    def get_password(self, service, username):
        raise KeyringLocked("the collection is locked")

    def set_password(self, service, username, password):
        raise KeyringLocked("the collection is locked")


@private
class SetFailsKeyring(DictKeyring):
    def set_password(self, service, username, password):
        raise PasswordSetError("refused")


@private
class BrokenDbusKeyring(DictKeyring):
    def get_password(self, service, username):
        raise RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown")


def test_usable_backend_round_trip_uses_the_service_and_base64():
    backend = DictKeyring()
    ks = KeyringKeyStore(backend)
    assert ks.usable() and isinstance(ks, KeyStore)
    assert ks.backend_name.endswith("DictKeyring")
    value = os.urandom(32)
    assert ks.get("vault-uuid") is None
    ks.set("vault-uuid", value)
    assert ks.get("vault-uuid") == value
    stored = backend.entries[(SERVICE, "vault-uuid")]
    assert value not in stored.encode() and value.hex() not in stored  # base64, not raw or hex


@pytest.mark.parametrize(
    "backend, reason",
    [
        (fail.Keyring(), "no_backend"),
        (null.Keyring(), "null_backend"),
        (PlaintextLookalike(), "plaintext_backend"),
        (LowPriorityKeyring(), "low_priority_backend"),
    ],
)
def test_unusable_backends_are_refused_without_calling_them(backend, reason):
    assert unusable_reason(backend) == reason
    ks = KeyringKeyStore(backend)
    assert not ks.usable()
    with pytest.raises(KeyStoreUnavailable) as info:
        ks.set("u", b"x" * 32)
    assert info.value.reason == reason
    with pytest.raises(KeyStoreUnavailable):
        ks.get("u")
    assert not getattr(backend, "entries", {})  # nothing was written to a plaintext/low-priority store


@pytest.mark.parametrize("backend", [LockedKeyring(), BrokenDbusKeyring()])
def test_errors_at_call_time_make_the_store_unavailable(backend):
    ks = KeyringKeyStore(backend)
    assert ks.usable()  # looks fine until it is used
    with pytest.raises(KeyStoreUnavailable) as info:
        ks.get("u")
    assert info.value.reason.startswith("get_failed:")
    assert "DBus" not in info.value.reason  # only the exception type, never its message


def test_set_failure_is_unavailable():
    with pytest.raises(KeyStoreUnavailable) as info:
        KeyringKeyStore(SetFailsKeyring()).set("u", b"x")
    assert info.value.reason == "set_failed:PasswordSetError"


def test_malformed_entry_is_unavailable_not_garbage_bytes():
    backend = DictKeyring()
    backend.entries[(SERVICE, "u")] = "not base64 ***"
    with pytest.raises(KeyStoreUnavailable):
        KeyringKeyStore(backend).get("u")


def test_chainer_is_usable_only_when_every_member_is(monkeypatch):
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [DictKeyring(), DictKeyring()])
    assert unusable_reason(chainer.ChainerBackend()) is None
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [DictKeyring(), PlaintextLookalike()])
    assert unusable_reason(chainer.ChainerBackend()) == "plaintext_backend"
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    assert unusable_reason(chainer.ChainerBackend()) == "no_backend"


def test_default_backend_follows_keyring_set_keyring():
    previous = keyring.get_keyring()
    try:
        backend = DictKeyring()
        keyring.set_keyring(backend)
        ks = KeyringKeyStore()
        ks.set("u", b"\x01" * 32)
        assert backend.entries[(SERVICE, "u")]
        keyring.set_keyring(fail.Keyring())
        assert not ks.usable() and ks.backend_name == "keyring.backends.fail.Keyring"
    finally:
        keyring.set_keyring(previous)


def test_test_doubles():
    m = MemoryKeyStore()
    m.set("a", b"1")
    assert m.get("a") == b"1" and m.usable()
    n = NullKeyStore()
    n.set("a", b"1")
    assert n.get("a") is None and n.usable()
    f = FailingKeyStore()
    assert not f.usable()
    with pytest.raises(KeyStoreUnavailable):
        f.get("a")
