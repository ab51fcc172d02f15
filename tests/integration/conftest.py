"""Fixtures of the vault tests (test_vault.py, test_vault_security.py): a key store and a factory of
:class:`~botkyrka_nämnd.vault.Vault` objects on the test's data dir."""

from __future__ import annotations

import pytest

from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore, Vault

FAST = KdfParams.fast()


@pytest.fixture
def ks():
    """The in-memory key store the test's vaults share (the device secret lands in ``ks.values``)."""
    return MemoryKeyStore()


@pytest.fixture
def make(data_dir, ks):
    """``make(**kw)``: a new Vault object (not unlocked) on the test's data dir, with the fast KDF and ``ks``
    unless ``kdf`` or ``keystore`` is given (the other keywords go to ``Vault``)."""

    def _make(**kw):
        kw.setdefault("kdf", FAST)
        return Vault(data_dir, kw.pop("keystore", ks), **kw)

    return _make
