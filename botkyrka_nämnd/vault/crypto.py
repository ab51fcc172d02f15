"""Cryptographic building blocks of the vault (no I/O, no state).

- :class:`KdfParams` and :func:`derive_kek`: ``KEK = HKDF-SHA256(Argon2id(passphrase, salt) || S_dev)``.
- :func:`wrap` / :func:`unwrap`: AES-256-GCM key wrapping with a caller-chosen AAD.
- :func:`seal` / :func:`open_sealed`: anonymous public-key sealing (X25519 + HKDF + AES-256-GCM) so that
  secret parts arriving while the vault is locked never need the passphrase and are never stored in clear.
- :func:`zero`: best-effort wiping of a ``bytearray`` in place.

Key material is handed around as ``bytearray`` so it can be wiped; Python still makes short-lived
immutable copies (``bytes(...)``, the hex string for ``PRAGMA key``), which cannot be wiped. That is the
documented limit of a Python process (SECURITY.md §2.1, "not defended").
"""

from __future__ import annotations

import ctypes
import os
from dataclasses import asdict, dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_LEN = 32
SALT_LEN = 16
NONCE_LEN = 12
KEK_INFO = b"botkyrka-vault-kek-v1"
SEAL_MAGIC = b"BNS1"
SEAL_INFO = b"botkyrka-seal-v1|"
_PUB_LEN = 32


class CryptoError(Exception):
    """Authentication failed or the input is malformed. Carries no secret data; callers map it onto a
    user error with a Swedish/English message."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters. ``m`` is memory in KiB, ``t`` iterations, ``p`` lanes.

    Default m=256 MiB, t=3, p=4 (SECURITY.md §2.3; 0.6 s measured on the reference server). The floor is
    m=64 MiB, t=3 (RFC 9106 second recommendation). :meth:`fast` exists for tests only and is chosen by
    passing it to ``Vault(kdf=...)``; no environment variable selects it.
    """

    m: int = 262_144
    t: int = 3
    p: int = 4

    FLOOR_M = 65_536
    FLOOR_T = 3
    # Sanity limits for values read from keys.json, so a tampered file cannot ask for 1 TB of RAM.
    MAX_M = 4 * 1024 * 1024
    MAX_T = 64
    MAX_P = 64

    @classmethod
    def default(cls) -> KdfParams:
        return cls()

    @classmethod
    def fast(cls) -> KdfParams:
        """Cheap parameters for tests (about 10 ms). Never use them for a real vault."""
        return cls(m=8_192, t=1, p=1)

    def stepped_up(self) -> KdfParams:
        """One step more expensive, used when no device secret is available (passphrase only).

        The step is one more iteration, which raises the cost by a third (t=3 -> 4: 0.62 s -> 0.76 s
        here) without raising the memory a laptop must be able to give."""
        return KdfParams(m=self.m, t=self.t + 1, p=self.p)

    def meets_floor(self) -> bool:
        return self.m >= self.FLOOR_M and self.t >= self.FLOOR_T

    def validate(self) -> KdfParams:
        ok = (
            all(isinstance(v, int) and not isinstance(v, bool) for v in (self.m, self.t, self.p))
            and 1 <= self.p <= self.MAX_P
            and 1 <= self.t <= self.MAX_T
            and 8 * self.p <= self.m <= self.MAX_M
        )
        if not ok:
            raise CryptoError("invalid kdf parameters")
        return self

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def random_key() -> bytearray:
    return bytearray(os.urandom(KEY_LEN))


def zero(buf: bytearray | None) -> None:
    """Overwrite ``buf`` with zeros in place (no reallocation)."""
    if not buf:
        return
    view = (ctypes.c_char * len(buf)).from_buffer(buf)
    ctypes.memset(ctypes.addressof(view), 0, len(buf))
    del view


def derive_kek(passphrase: str, salt: bytes, params: KdfParams, device_secret: bytes | bytearray) -> bytearray:
    """``HKDF-SHA256(ikm = Argon2id(passphrase, salt) || S_dev, info=KEK_INFO)``; ``S_dev`` may be empty."""
    params.validate()
    stretched = bytearray(
        hash_secret_raw(passphrase.encode("utf-8"), bytes(salt), params.t, params.m, params.p, KEY_LEN, Type.ID)
    )
    ikm = stretched + bytes(device_secret)
    try:
        kek = HKDF(algorithm=hashes.SHA256(), length=KEY_LEN, salt=None, info=KEK_INFO).derive(bytes(ikm))
        return bytearray(kek)
    finally:
        zero(stretched)
        zero(ikm)


def wrap(kek: bytearray, secret: bytearray, aad: bytes) -> tuple[bytes, bytes]:
    """Encrypt ``secret`` under ``kek``; returns ``(nonce, ciphertext||tag)``."""
    nonce = os.urandom(NONCE_LEN)
    return nonce, AESGCM(bytes(kek)).encrypt(nonce, bytes(secret), aad)


def unwrap(kek: bytearray, nonce: bytes, ct: bytes, aad: bytes) -> bytearray:
    try:
        return bytearray(AESGCM(bytes(kek)).decrypt(nonce, ct, aad))
    except (InvalidTag, ValueError):
        raise CryptoError("authentication failed") from None


# -- X25519 sealing -----------------------------------------------------------------------------------


def generate_x25519() -> tuple[bytearray, bytes]:
    """A fresh key pair: ``(private_raw, public_raw)``."""
    priv = X25519PrivateKey.generate()
    raw = bytearray(priv.private_bytes_raw())
    return raw, priv.public_key().public_bytes_raw()


def public_of(private_raw: bytearray) -> bytes:
    """The X25519 public key of a raw private key."""
    return X25519PrivateKey.from_private_bytes(bytes(private_raw)).public_key().public_bytes_raw()


def _seal_key(shared: bytes, eph_pub: bytes, recipient_pub: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_LEN, salt=None, info=SEAL_INFO + eph_pub + recipient_pub).derive(
        shared
    )


def seal(payload: bytes, recipient_pub: bytes) -> bytes:
    """``b"BNS1" || eph_pub(32) || nonce(12) || AES-GCM(ct||tag)``; the header is the AAD."""
    recipient = X25519PublicKey.from_public_bytes(recipient_pub)
    eph = X25519PrivateKey.generate()
    eph_pub = eph.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    key = _seal_key(eph.exchange(recipient), eph_pub, recipient_pub)
    nonce = os.urandom(NONCE_LEN)
    header = SEAL_MAGIC + eph_pub
    return header + nonce + AESGCM(key).encrypt(nonce, bytes(payload), header)


def open_sealed(blob: bytes, private_raw: bytearray) -> bytes:
    blob = bytes(blob)
    head = len(SEAL_MAGIC) + _PUB_LEN
    if len(blob) < head + NONCE_LEN + 16 or not blob.startswith(SEAL_MAGIC):
        raise CryptoError("not a sealed payload")
    eph_pub = blob[len(SEAL_MAGIC) : head]
    nonce = blob[head : head + NONCE_LEN]
    try:
        priv = X25519PrivateKey.from_private_bytes(bytes(private_raw))
        recipient_pub = priv.public_key().public_bytes_raw()
        key = _seal_key(priv.exchange(X25519PublicKey.from_public_bytes(eph_pub)), eph_pub, recipient_pub)
        return AESGCM(key).decrypt(nonce, blob[head + NONCE_LEN :], blob[:head])
    except (InvalidTag, ValueError):
        raise CryptoError("sealed payload did not authenticate") from None
