"""Vault-specific user errors and their Swedish/English messages.

All are :class:`~botkyrka_nämnd.errors.VaultError` subclasses, so ``except VaultError`` catches them;
the two database ones also subclass the store's ``DatabaseCorrupt`` / ``DatabaseTooNew`` so the UI's
recovery dialog for "damaged / too new database" handles the vault the same way. No message contains a
path, a passphrase or key material.
"""

from __future__ import annotations

from ..errors import (
    BackoffActive,
    DatabaseCorrupt,
    DatabaseTooNew,
    KeyringUnavailable,
    VaultError,
    VaultLocked,
    VaultMissing,
    WrongPassphrase,
)


class VaultCorrupt(VaultError, DatabaseCorrupt):
    """vault.db (or keys.json) is damaged or does not belong to the key; nothing was changed."""

    code = "vault_corrupt"


class VaultTooNew(VaultError, DatabaseTooNew):
    """keys.json or vault.db was written by a newer program version; refused, nothing was changed."""

    code = "vault_too_new"


def locked() -> VaultLocked:
    return VaultLocked(
        "Sekretessvalvet är låst. Lås upp det med din lösenfras.",
        "The sekretess vault is locked. Unlock it with your passphrase.",
    )


def missing() -> VaultMissing:
    return VaultMissing(
        "Det finns inget sekretessvalv ännu. Skapa ett med `botkyrka-namnd vault init`.",
        "There is no sekretess vault yet. Create one with `botkyrka-namnd vault init`.",
    )


def already_exists() -> VaultError:
    return VaultError(
        "Det finns redan ett sekretessvalv här; det skrivs aldrig över.",
        "A sekretess vault already exists here; it is never overwritten.",
    )


def orphan_database() -> VaultError:
    return VaultError(
        "Valvets databasfil (vault.db) finns men nyckelfilen (keys.json) saknas. Inget har ändrats. "
        "Återställ keys.json från en säkerhetskopia, eller flytta undan vault.db för att skapa ett nytt valv.",
        "The vault database (vault.db) exists but its key file (keys.json) is missing. Nothing was changed. "
        "Restore keys.json from a backup, or move vault.db away to create a new vault.",
    )


def database_missing() -> VaultCorrupt:
    return VaultCorrupt(
        "Valvets databasfil (vault.db) saknas fast nyckelfilen finns. Ingen ny tom databas skapas; "
        "återställ filen från en säkerhetskopia.",
        "The vault database (vault.db) is missing although the key file exists. No new empty database is "
        "created; restore the file from a backup.",
    )


def weak_passphrase() -> VaultError:
    return VaultError(
        "Lösenfrasen är för kort: använd minst 12 tecken eller fyra ord.",
        "The passphrase is too short: use at least 12 characters or four words.",
    )


def guessable_passphrase() -> VaultError:
    return VaultError(
        "Lösenfrasen är för lätt att gissa: använd minst fyra ord som inte hör ihop "
        "(t.ex. ”korrekt häst batteri häftklammer”), inte namn, årtal, sifferserier eller samma ord "
        "flera gånger.",
        "The passphrase is too easy to guess: use at least four unrelated words (e.g. “correct horse "
        "battery staple”), not names, years, digit runs or the same word repeated.",
    )


def wrong_passphrase(retry_after: int, hint_backend_changed: bool = False) -> WrongPassphrase:
    sv = "Fel lösenfras."
    en = "Wrong passphrase."
    if hint_backend_changed:
        sv += " Nyckelringen har bytts sedan valvet skapades; enhetsnyckeln kan vara en annan."
        en += " The keyring has changed since the vault was created; the device secret may differ."
    sv += f" Nästa försök om {retry_after} s."
    en += f" Next attempt in {retry_after} s."
    # a key file changed on disk fails the same way (the encryption cannot tell the two apart): said last
    sv += " Är du säker på lösenfrasen kan nyckelfilen (keys.json) vara skadad."
    en += " If you are sure of the passphrase, the key file (keys.json) may be damaged."
    exc = WrongPassphrase(sv, en)
    exc.retry_after = retry_after
    return exc


def backoff(seconds: int) -> BackoffActive:
    exc = BackoffActive(
        f"För många felaktiga försök. Vänta {seconds} s och försök igen.",
        f"Too many wrong attempts. Wait {seconds} s and try again.",
    )
    exc.remaining = seconds
    return exc


def keyring_missing_secret() -> KeyringUnavailable:
    return KeyringUnavailable(
        "Valvets enhetsnyckel finns inte i systemets nyckelring (nyckelringen har bytts, tömts eller är "
        "låst). Valvet har inte ändrats och ingen ny nyckel har skapats. Lås upp eller återställ "
        "nyckelringen och försök igen.",
        "The vault's device secret is not in the system keyring (the keyring was changed, emptied or is "
        "locked). The vault was not changed and no new key was created. Unlock or restore the keyring and "
        "try again.",
    )


def keyring_unreachable() -> KeyringUnavailable:
    return KeyringUnavailable(
        "Systemets nyckelring går inte att nå just nu (låst, avbruten eller saknas). Valvet behöver både "
        "lösenfrasen och enhetsnyckeln i nyckelringen. Inget har ändrats.",
        "The system keyring cannot be reached right now (locked, dismissed or missing). The vault needs both "
        "the passphrase and the device secret in the keyring. Nothing was changed.",
    )


def keyfile_damaged() -> VaultCorrupt:
    return VaultCorrupt(
        "Nyckelfilen (keys.json) är skadad eller ofullständig. Den har inte ändrats.",
        "The key file (keys.json) is damaged or incomplete. It was not changed.",
    )


def keyfile_too_new(found: int, known: int) -> VaultTooNew:
    return VaultTooNew(
        f"Nyckelfilen är skapad av en nyare version av programmet (format {found}, detta program kan {known}). "
        "Uppdatera programmet; filen har inte ändrats.",
        f"The key file was created by a newer version of the program (format {found}, this program knows "
        f"{known}). Update the program; the file was not changed.",
    )


def database_corrupt() -> VaultCorrupt:
    return VaultCorrupt(
        "Valvets databas går inte att läsa med nyckeln (skadad eller utbytt fil). Filen har inte ändrats; "
        "återställ den från en säkerhetskopia eller hämta sekretessdelarna på nytt.",
        "The vault database cannot be read with its key (damaged or replaced file). The file was not "
        "changed; restore it from a backup or download the secret parts again.",
    )


def database_too_new(found: int, known: int) -> VaultTooNew:
    return VaultTooNew(
        f"Valvets databas är skapad av en nyare version av programmet (schema {found}, detta program kan "
        f"{known}). Uppdatera programmet; filen har inte ändrats.",
        f"The vault database was created by a newer version of the program (schema {found}, this program "
        f"knows {known}). Update the program; the file was not changed.",
    )


def sealed_invalid() -> VaultError:
    return VaultError(
        "En förseglad sekretessdel kunde inte öppnas (skadad, eller förseglad för ett annat valv).",
        "A sealed secret part could not be opened (damaged, or sealed for another vault).",
    )


def payload_invalid() -> VaultError:
    return VaultError("En sekretessdel har ett ogiltigt format.", "A secret part has an invalid format.")
