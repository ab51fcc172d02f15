"""The sekretess vault: an encrypted SQLCipher database for secret parts, unlocked with a passphrase
plus a device secret from the OS keyring, and a sealing box for parts that arrive while it is locked.

Public API::

    from botkyrka_nämnd.vault import Vault, KeyStore, KeyringKeyStore, MemoryKeyStore, KdfParams
    vault = Vault()                       # data dir from botkyrka_nämnd.paths, OS keyring, default KDF
    vault.init(passphrase)                # once; refuses over an existing vault; leaves it unlocked
    blob = vault.seal(encode_payload({...}))   # while locked: import/sync
    vault.unlock(passphrase); vault.absorb([(uid, blob)]); vault.lock()

See ``vault.py`` for the key hierarchy and SECURITY.md §2.3-2.4 for the design.
"""

from .crypto import KdfParams
from .exceptions import VaultCorrupt, VaultTooNew
from .keystore import FailingKeyStore, KeyringKeyStore, KeyStore, KeyStoreUnavailable, MemoryKeyStore, NullKeyStore
from .passphrase import check_passphrase_policy
from .payload import decode_payload, encode_payload
from .vault import Vault

__all__ = [
    "FailingKeyStore",
    "KdfParams",
    "KeyStore",
    "KeyStoreUnavailable",
    "KeyringKeyStore",
    "MemoryKeyStore",
    "NullKeyStore",
    "Vault",
    "VaultCorrupt",
    "VaultTooNew",
    "check_passphrase_policy",
    "decode_payload",
    "encode_payload",
]
