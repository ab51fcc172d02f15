"""Where the device secret ``S_dev`` lives: a small protocol over the OS keyring.

The keyring only ever holds ``S_dev`` (32 random bytes that bind the vault to this device). It never holds
anything that opens the vault on its own: the passphrase is always needed too.

A key store is either *usable* (get/set work) or raises :class:`KeyStoreUnavailable`. Following the
decision table in SECURITY.md §2.3, :class:`KeyringKeyStore` treats as unusable: ``fail.Keyring`` /
``NoKeyringError`` (no backend, no D-Bus), ``null.Keyring``, anything from ``keyrings.alt`` (it stores
secrets as plaintext or under a fixed password), any backend with priority < 1, a chainer containing
such a backend, and every error raised by the backend at call time (``KeyringLocked``, a dismissed
prompt, a D-Bus failure): unusable *for this session*.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, Protocol, runtime_checkable

SERVICE = "se.botkyrka.namnd.vault"


class KeyStoreUnavailable(Exception):
    """The key store cannot be used now. ``reason`` is a short, secret-free code for logs and status."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@runtime_checkable
class KeyStore(Protocol):
    """Storage for small device-bound secrets, addressed by name (the vault uuid)."""

    @property
    def backend_name(self) -> str: ...

    def usable(self) -> bool:
        """True when get/set are expected to work (no prompt, no write)."""
        ...

    def get(self, name: str) -> bytes | None:
        """The stored value, ``None`` when there is none; raises KeyStoreUnavailable when unusable."""
        ...

    def set(self, name: str, value: bytes) -> None:
        """Store ``value``; raises KeyStoreUnavailable when unusable."""
        ...


def _backend_id(kr: object) -> str:
    cls = type(kr)
    return f"{cls.__module__}.{cls.__qualname__}"


def _priority(kr: Any) -> float | None:
    try:
        return float(type(kr).priority)  # a classproperty; may raise when the backend is not viable
    except Exception:
        return None


def unusable_reason(kr: object) -> str | None:
    """Why a keyring backend must not hold ``S_dev``, or ``None`` when it may."""
    from keyring.backends import chainer, fail, null

    module = type(kr).__module__
    if isinstance(kr, fail.Keyring):
        return "no_backend"
    if isinstance(kr, null.Keyring):
        return "null_backend"
    if module.startswith("keyrings.alt"):
        return "plaintext_backend"
    if isinstance(kr, chainer.ChainerBackend):
        members = list(kr.backends)
        if not members:
            return "no_backend"
        for member in members:
            reason = unusable_reason(member)
            if reason:
                return reason
        return None
    priority = _priority(kr)
    if priority is None:
        return "backend_not_viable"
    if priority < 1:
        return "low_priority_backend"
    return None


class KeyringKeyStore:
    """``S_dev`` in the OS keyring (service ``se.botkyrka.namnd.vault``, user = vault uuid), base64.

    ``backend`` pins a keyring backend instance (tests, or a caller that picked one); by default the
    currently configured backend (``keyring.get_keyring()``, which honours ``keyring.set_keyring``) is
    used and re-evaluated on every call, so a keyring unlocked later in the session is picked up.
    """

    def __init__(self, backend: object | None = None, *, service: str = SERVICE):
        self._backend = backend
        self.service = service

    def _kr(self) -> object:
        if self._backend is not None:
            return self._backend
        import keyring

        try:
            return keyring.get_keyring()
        except Exception as exc:  # broken configuration file, import error of a plugin ...
            raise KeyStoreUnavailable(f"backend_error:{type(exc).__name__}") from None

    @property
    def backend_name(self) -> str:
        try:
            return _backend_id(self._kr())
        except KeyStoreUnavailable:
            return "unavailable"

    def usable(self) -> bool:
        try:
            return unusable_reason(self._kr()) is None
        except KeyStoreUnavailable:
            return False

    def _checked(self) -> Any:
        kr = self._kr()
        reason = unusable_reason(kr)
        if reason:
            raise KeyStoreUnavailable(reason)
        return kr

    def get(self, name: str) -> bytes | None:
        kr = self._checked()
        try:
            value = kr.get_password(self.service, name)
        except Exception as exc:  # KeyringLocked, InitError, D-Bus errors, dismissed prompts
            raise KeyStoreUnavailable(f"get_failed:{type(exc).__name__}") from None
        if value is None:
            return None
        try:
            return base64.b64decode(value.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError, AttributeError):
            raise KeyStoreUnavailable("malformed_entry") from None

    def set(self, name: str, value: bytes) -> None:
        kr = self._checked()
        try:
            kr.set_password(self.service, name, base64.b64encode(bytes(value)).decode("ascii"))
        except Exception as exc:  # PasswordSetError, KeyringLocked, D-Bus errors
            raise KeyStoreUnavailable(f"set_failed:{type(exc).__name__}") from None


class MemoryKeyStore:
    """An in-process key store (tests; also a stand-in for a working OS keyring)."""

    backend_name = "memory"

    def __init__(self, values: dict[str, bytes] | None = None):
        self.values: dict[str, bytes] = dict(values or {})

    def usable(self) -> bool:
        return True

    def get(self, name: str) -> bytes | None:
        return self.values.get(name)

    def set(self, name: str, value: bytes) -> None:
        self.values[name] = bytes(value)


class FailingKeyStore:
    """A key store that cannot be used at all (like ``fail.Keyring`` or a locked keyring)."""

    backend_name = "failing"

    def __init__(self, reason: str = "no_backend"):
        self.reason = reason

    def usable(self) -> bool:
        return False

    def get(self, name: str) -> bytes | None:
        raise KeyStoreUnavailable(self.reason)

    def set(self, name: str, value: bytes) -> None:
        raise KeyStoreUnavailable(self.reason)


class NullKeyStore:
    """A key store that claims to work but forgets everything (an emptied or replaced keyring)."""

    backend_name = "null"

    def usable(self) -> bool:
        return True

    def get(self, name: str) -> bytes | None:
        return None

    def set(self, name: str, value: bytes) -> None:
        return None
