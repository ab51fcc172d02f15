"""Key handling of the vault (the hierarchy is in vault.py's docstring): the device secret in the OS
keyring, unwrapping and proving the wrapped keys, and the keyed-digest key derived from the device secret.
Every key lives in a bytearray that the caller zeroes."""

from __future__ import annotations

from collections.abc import Callable

from .. import log
from . import crypto
from . import exceptions as ex
from .backoff import Backoff
from .crypto import CryptoError, zero
from .keyfile import KeyFile, aad_sek, aad_x25519
from .keystore import KeyStore, KeyStoreUnavailable

_log = log.get("vault")


def device_secret(keystore: KeyStore, kf: KeyFile) -> bytearray:
    """The device secret ``S_dev`` from the key store (empty for a passphrase-only vault); refused, with
    nothing changed, when the keyring cannot be used or has lost it."""
    if not kf.device_secret_in_use:
        return bytearray()
    try:
        value = keystore.get(kf.vault_id)
    except KeyStoreUnavailable as exc:
        _log.warning("keyring unreachable (%s); unlock refused, nothing changed", exc.reason)
        raise ex.keyring_unreachable() from None
    if value is None:
        _log.warning("device secret missing from the keyring; unlock refused, no key generated")
        raise ex.keyring_missing_secret()
    return bytearray(value)


def provision_device_secret(keystore: KeyStore, vault_id: str) -> tuple[bytearray, bool]:
    """Create ``S_dev`` in the key store and read it back; ``(b"", False)`` when that fails."""
    secret = crypto.random_key()
    try:
        keystore.set(vault_id, bytes(secret))
        back = keystore.get(vault_id)
    except KeyStoreUnavailable as exc:
        _log.warning("keyring unusable (%s): passphrase-only vault with a stronger KDF", exc.reason)
        zero(secret)
        return bytearray(), False
    if back != bytes(secret):
        _log.warning("keyring did not keep the device secret: passphrase-only vault with a stronger KDF")
        zero(secret)
        return bytearray(), False
    return secret, True


def unwrap_all(kf: KeyFile, kek: bytearray, keystore: KeyStore, backoff: Backoff) -> tuple[bytearray, bytearray]:
    """Unwrap ``K_sek`` and ``X_priv``; a failure of the first counts as a wrong passphrase."""
    try:
        k_sek = crypto.unwrap(kek, kf.wrapped_sek.nonce, kf.wrapped_sek.ct, aad_sek(kf.vault_id))
    except CryptoError:
        delay = backoff.failure()
        changed = kf.device_secret_in_use and kf.keyring_backend != keystore.backend_name
        raise ex.wrong_passphrase(delay, hint_backend_changed=changed) from None
    try:
        x_priv = crypto.unwrap(kek, kf.wrapped_x25519.nonce, kf.wrapped_x25519.ct, aad_x25519(kf.vault_id))
        ok = len(k_sek) == crypto.KEY_LEN and crypto.public_of(x_priv) == kf.x25519_public
    except (CryptoError, ValueError):
        x_priv, ok = None, False
    if not ok:
        zero(k_sek)
        zero(x_priv)
        _log.error("key file inconsistent: the passphrase is right but a wrapped key does not match")
        raise ex.keyfile_damaged()
    return k_sek, x_priv  # type: ignore[return-value]


def verify_wrap(kf: KeyFile, kek: bytearray, k_sek: bytearray, x_priv: bytearray) -> None:
    """Prove that ``kf`` unwraps under ``kek`` to exactly these keys (after writing a new wrap)."""
    k = x = None
    try:
        k = crypto.unwrap(kek, kf.wrapped_sek.nonce, kf.wrapped_sek.ct, aad_sek(kf.vault_id))
        x = crypto.unwrap(kek, kf.wrapped_x25519.nonce, kf.wrapped_x25519.ct, aad_x25519(kf.vault_id))
        if k != k_sek or x != x_priv or crypto.public_of(x) != kf.x25519_public:
            raise CryptoError("mismatch")
    except (CryptoError, ValueError):
        raise ex.keyfile_damaged() from None
    finally:
        zero(k)
        zero(x)


def tag_key(keystore: KeyStore, load_keyfile: Callable[[], KeyFile], purpose: str) -> bytes | None:
    """A key for keyed digests that the public store may hold without becoming an oracle: derived from
    the device secret in the OS keyring (never from anything in the data folder), so a copy of the data
    folder alone cannot test guesses against it. None when the vault has no device secret (no vault, a
    passphrase-only vault, an unreachable keyring): the caller then keeps no digest at all."""
    try:
        kf = load_keyfile()
    except Exception:
        return None
    if not kf.device_secret_in_use:
        return None
    try:
        value = keystore.get(kf.vault_id)
    except KeyStoreUnavailable:
        return None
    if not value:
        return None
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, salt=kf.vault_id.encode(), info=b"botkyrka-namnd " + purpose.encode()).derive(
        bytes(value)
    )
