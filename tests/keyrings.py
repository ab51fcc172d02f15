"""Real ``keyring`` backends for tests, kept out of keyring's global registry so that they never become
anyone's default backend."""

from __future__ import annotations

from keyring.backend import KeyringBackend


def private(cls):
    KeyringBackend._classes.discard(cls)
    return cls


@private
class DictKeyring(KeyringBackend):
    """An in-memory keyring backend (a usable backend with a normal priority)."""

    priority = 5

    def __init__(self):
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        self.entries.pop((service, username), None)
