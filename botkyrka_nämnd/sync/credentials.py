"""A source's token (a source that serves secret documents behind authentication): kept in the OS keyring,
never in the store or a settings file, and sent only to the source's own host, as ``Authorization:
Bearer``. Documents with secret parts that arrive this way are sealed for the vault by the importer, as
any locked import is."""

from __future__ import annotations

from typing import Any

from .model import SyncError

PREFIX = "sync-source:"


def _keystore(ctx: Any) -> Any:
    return ctx.vault.keystore


def _unavailable() -> SyncError:
    return SyncError(
        "Nyckelringen går inte att nå, så källans inloggning kan inte sparas eller läsas. Lås upp nyckelringen "
        "(eller installera en) och försök igen.",
        "The keyring cannot be reached, so the source's login cannot be saved or read. Unlock the keyring "
        "(or install one) and try again.",
    )


def set_token(ctx: Any, source: str, token: str) -> None:
    import re

    from ..vault.keystore import KeyStoreUnavailable

    token = token.strip()
    if not re.fullmatch(r"[A-Za-z0-9\-._~+/]+=*", token):  # RFC 6750's token68: what a Bearer header can carry
        raise SyncError(
            "Token får bara innehålla bokstäverna a–z, siffror och - . _ ~ + / =.",
            "The token may only hold the letters a-z, digits and - . _ ~ + / =.",
        )
    try:
        _keystore(ctx).set(PREFIX + source, token.encode("utf-8"))
    except KeyStoreUnavailable:
        raise _unavailable() from None
    from ..storage.sync_state import SyncState

    with ctx.store.transaction():
        SyncState(ctx.store.db).set_login(source, True)  # a flag only: the token is in the keyring


def token(ctx: Any, source: str) -> str | None:
    from ..vault.keystore import KeyStoreUnavailable

    try:
        value = _keystore(ctx).get(PREFIX + source)
    except KeyStoreUnavailable:
        raise _unavailable() from None
    return value.decode("utf-8") if value else None


def forget(ctx: Any, source: str) -> None:
    """Remove the token (the source was removed). A keyring out of reach leaves it; nothing else knows it."""
    from ..vault.keystore import KeyStoreUnavailable

    ks = _keystore(ctx)
    delete = getattr(ks, "delete", None)
    try:
        if callable(delete):
            delete(PREFIX + source)
        elif ks.get(PREFIX + source):
            ks.set(PREFIX + source, b"")
    except KeyStoreUnavailable:
        pass
