"""``keys.json``: non-secret metadata and wrapped keys only.

Example (values shortened)::

    {"format": "botkyrka-vault-keys", "version": 1, "vault_id": "3f1c...", "created_at": "2026-...",
     "kdf": {"alg": "argon2id", "m": 262144, "t": 3, "p": 4, "salt": "<b64>"},
     "device_secret": {"in_use": true, "backend": "keyring.backends.SecretService.Keyring",
                       "service": "se.botkyrka.namnd.vault"},
     "x25519_public": "<b64>",
     "wrapped": {"sek": {"nonce": "<b64>", "ct": "<b64>"}, "x25519": {"nonce": "<b64>", "ct": "<b64>"}}}

The file is written atomically (temporary file in the same directory, fsync, ``os.replace``, fsync of
the directory), mode 0600. A file with a higher ``version`` is refused, never rewritten.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .crypto import KEY_LEN, NONCE_LEN, SALT_LEN, CryptoError, KdfParams
from .exceptions import keyfile_damaged, keyfile_too_new

FORMAT = "botkyrka-vault-keys"
VERSION = 1


def aad_sek(vault_id: str) -> bytes:
    return f"sek|v1|{vault_id}".encode()


def aad_x25519(vault_id: str) -> bytes:
    return f"x25519|v1|{vault_id}".encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def _unb64(text: object, length: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not a string")
    raw = base64.b64decode(text.encode("ascii"), validate=True)
    if length is not None and len(raw) != length:
        raise ValueError("wrong length")
    return raw


@dataclass(frozen=True)
class Wrapped:
    nonce: bytes
    ct: bytes

    def to_json(self) -> dict[str, Any]:
        return {"nonce": _b64(self.nonce), "ct": _b64(self.ct)}

    @classmethod
    def from_json(cls, obj: object) -> Wrapped:
        if not isinstance(obj, dict):
            raise ValueError("wrapped key")
        ct = _unb64(obj.get("ct"))
        if len(ct) < 16:
            raise ValueError("ciphertext too short")
        return cls(_unb64(obj.get("nonce"), NONCE_LEN), ct)


@dataclass(frozen=True)
class KeyFile:
    vault_id: str
    created_at: str
    kdf: KdfParams
    salt: bytes
    device_secret_in_use: bool
    keyring_backend: str
    keyring_service: str
    x25519_public: bytes
    wrapped_sek: Wrapped
    wrapped_x25519: Wrapped
    extra: dict[str, Any] = field(default_factory=dict)  # unknown keys of the same version, kept on rewrite

    def to_json(self) -> dict[str, Any]:
        doc = dict(self.extra)
        doc.update(
            {
                "format": FORMAT,
                "version": VERSION,
                "vault_id": self.vault_id,
                "created_at": self.created_at,
                "kdf": {"alg": "argon2id", **self.kdf.as_dict(), "salt": _b64(self.salt)},
                "device_secret": {
                    "in_use": self.device_secret_in_use,
                    "backend": self.keyring_backend,
                    "service": self.keyring_service,
                },
                "x25519_public": _b64(self.x25519_public),
                "wrapped": {"sek": self.wrapped_sek.to_json(), "x25519": self.wrapped_x25519.to_json()},
            }
        )
        return doc

    @classmethod
    def from_json(cls, doc: object) -> KeyFile:
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise keyfile_damaged()
        version = doc.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise keyfile_damaged()
        if version > VERSION:
            raise keyfile_too_new(version, VERSION)
        try:
            kdf_doc = doc["kdf"]
            if kdf_doc.get("alg") != "argon2id":
                raise ValueError("kdf")
            kdf = KdfParams(m=kdf_doc["m"], t=kdf_doc["t"], p=kdf_doc["p"]).validate()
            dev = doc["device_secret"]
            in_use = dev["in_use"]
            if not isinstance(in_use, bool):
                raise ValueError("in_use")
            vault_id = doc["vault_id"]
            if not isinstance(vault_id, str) or not vault_id:
                raise ValueError("vault_id")
            known = {"format", "version", "vault_id", "created_at", "kdf", "device_secret", "x25519_public", "wrapped"}
            return cls(
                vault_id=vault_id,
                created_at=str(doc.get("created_at", "")),
                kdf=kdf,
                salt=_unb64(kdf_doc["salt"], SALT_LEN),
                device_secret_in_use=in_use,
                keyring_backend=str(dev.get("backend", "")),
                keyring_service=str(dev.get("service", "")),
                x25519_public=_unb64(doc["x25519_public"], KEY_LEN),
                wrapped_sek=Wrapped.from_json(doc["wrapped"]["sek"]),
                wrapped_x25519=Wrapped.from_json(doc["wrapped"]["x25519"]),
                extra={k: v for k, v in doc.items() if k not in known},
            )
        except (KeyError, TypeError, ValueError, AttributeError, binascii.Error, CryptoError):
            raise keyfile_damaged() from None


def load(path: Path) -> KeyFile:
    try:
        raw = Path(path).read_bytes()
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise keyfile_damaged() from None
    return KeyFile.from_json(doc)


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_new_file(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write ``data`` to ``path`` (0600), fsync'ed, created with O_EXCL when ``exclusive``."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _encode(keyfile: KeyFile) -> bytes:
    return (json.dumps(keyfile.to_json(), indent=2, sort_keys=True) + "\n").encode("utf-8")


def create(path: Path, keyfile: KeyFile) -> None:
    """Write a *new* ``path`` (0600); FileExistsError when one exists (never replaces a vault's keys)."""
    path = Path(path)
    data = _encode(keyfile)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        _write_new_file(tmp, data)
        try:
            os.link(tmp, path)  # atomic, and fails when the name exists
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: an exclusive create instead
            _write_new_file(path, data, exclusive=True)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    _fsync_dir(path.parent)


def save(path: Path, keyfile: KeyFile) -> None:
    """Atomically replace ``path`` with ``keyfile`` (0600)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        _write_new_file(tmp, _encode(keyfile))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
    _fsync_dir(path.parent)
