"""The error taxonomy.

``UserError`` (and subclasses) are *known* conditions: bad input, wrong passphrase, locked keyring, disk
full, a database from a newer version. They carry a Swedish message (shown first) and an English one, and
are shown as one line on the CLI or in a plain dialog in the UI, never with a traceback. Anything else is a
bug: logged with its traceback and shown in the crash dialog.
"""

from __future__ import annotations


class UserError(Exception):
    """A known, explainable failure. ``sv`` is the Swedish text, ``en`` the English one."""

    code = "error"

    def __init__(self, sv: str, en: str | None = None):
        super().__init__(sv)
        self.sv = sv
        self.en = en or sv

    def message(self, lang: str = "sv") -> str:
        return self.en if lang.startswith("en") else self.sv

    def __str__(self) -> str:
        return f"{self.sv} ({self.en})" if self.en and self.en != self.sv else self.sv


class ImportFailed(UserError):
    code = "import_failed"


class UnsupportedFile(ImportFailed):
    code = "unsupported_file"


class UnknownLayout(ImportFailed):
    code = "unknown_layout"


class EncryptedPdf(ImportFailed):
    code = "encrypted_pdf"


class NoTextLayer(ImportFailed):
    code = "no_text_layer"


class FileTooLarge(ImportFailed):
    code = "file_too_large"


class ExtractionFailed(ImportFailed):
    code = "extraction_failed"


class DiskFull(UserError):
    code = "disk_full"


class StoreError(UserError):
    code = "store_error"


class DatabaseTooNew(StoreError):
    code = "database_too_new"


class DatabaseCorrupt(StoreError):
    code = "database_corrupt"


class NotFound(UserError):
    code = "not_found"


class VaultError(UserError):
    code = "vault_error"


class VaultLocked(VaultError):
    code = "vault_locked"


class VaultMissing(VaultError):
    code = "vault_missing"


class WrongPassphrase(VaultError):
    code = "wrong_passphrase"


class KeyringUnavailable(VaultError):
    code = "keyring_unavailable"


class BackoffActive(VaultError):
    code = "backoff"
