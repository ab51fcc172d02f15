"""The vault passphrase: Unicode normalisation (the same passphrase typed on another keyboard or system
opens the vault) and the strength policy a new passphrase must meet."""

from __future__ import annotations

import unicodedata

from . import exceptions as ex


def normalise(passphrase: str) -> str:
    if not isinstance(passphrase, str):
        raise TypeError("passphrase must be a str")
    return unicodedata.normalize("NFC", passphrase)


# words a guesser tries first for this program (zxcvbn knows English, not these)
_GUESSABLE = [
    "botkyrka",
    "kommun",
    "socialnämnden",
    "nämnden",
    "nämnd",
    "sekretess",
    "valv",
    "valvet",
    "lösenord",
    "lösenfras",
    "hemligt",
    "hemlig",
    "politiker",
    "ledamot",
    "ersättare",
    "tumba",
    "fittja",
    "alby",
    "norsborg",
    "tullinge",
    "hallunda",
    "sommar",
    "vinter",
    "hej",
    "test",
    "qwerty",
    "abc",
    "password",
]
MIN_GUESSES_LOG10 = 14.0  # ~10^14 guesses: months of Argon2id(256 MiB) on a GPU rig, even without the keyring


def check_passphrase_policy(passphrase: str) -> None:
    """At least 12 characters or four words, and hard to guess: a strength estimate (zxcvbn, with the
    words this program's users would try first) of at least 10^14 guesses. "aa bb cc dd", "123456789012",
    "botkyrka sekretess 2024" are refused."""
    text = normalise(passphrase).strip()
    words = [w for w in text.split() if len(w) >= 2]
    if len(text) < 12 and len(words) < 4:
        raise ex.weak_passphrase()
    if len({w.lower() for w in words}) < len(words) / 2 + 0.5 and len(words) >= 2:
        raise ex.guessable_passphrase()  # the same word over and over
    try:
        from zxcvbn import zxcvbn
    except ImportError:  # pragma: no cover - a dependency; the length rule above still holds
        return
    if zxcvbn(text[:100], user_inputs=_GUESSABLE)["guesses_log10"] < MIN_GUESSES_LOG10:
        raise ex.guessable_passphrase()
