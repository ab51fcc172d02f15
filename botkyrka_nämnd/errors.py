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


# What a member reads when a field of the cover cannot be found, and how to supply it (CLI and client).
MISSING_FIELD_TEXT: dict[str, tuple[str, str, str]] = {
    # field: (Swedish, English, CLI option)
    "kommun": ("vilken kommun det gäller", "which kommun it is", '--kommun "KOMMUN"'),
    "body": ("vilken nämnd eller vilket organ som sammanträder", "which nämnd or body meets", '--body "NÄMND"'),
    "date": ("sammanträdets datum", "the date of the meeting", "--date ÅÅÅÅ-MM-DD"),
    "agenda": ("någon ärendelista", "any agenda", "--body, --date och --kommun (filen läses då in som ett dokument)"),
}


class MissingFields(UnknownLayout):
    """The document has text, but a field needed to know which meeting it belongs to was not found.
    ``fields`` names them (``kommun``, ``body``, ``date``, ``agenda``); ``result`` is what was recognised
    (for the import review in the client)."""

    code = "missing_fields"

    def __init__(self, fields: list[str], result=None, name: str | None = None):
        self.fields = list(fields)
        self.result = result
        what_sv = ", ".join(MISSING_FIELD_TEXT[f][0] for f in self.fields if f in MISSING_FIELD_TEXT)
        what_en = ", ".join(MISSING_FIELD_TEXT[f][1] for f in self.fields if f in MISSING_FIELD_TEXT)
        opts = " ".join(MISSING_FIELD_TEXT[f][2] for f in self.fields if f in MISSING_FIELD_TEXT and f != "agenda")
        prefix_sv = f"{name}: " if name else ""
        if set(self.fields) >= {"body", "date", "agenda"}:
            sv = (
                f"{prefix_sv}Texten ser inte ut som en kallelse, dagordning eller ett protokoll: varken nämnd, datum "
                'eller ärendelista hittades. Vill du ändå läsa in den som ett sökbart dokument: import FIL --body "…" '
                '--date ÅÅÅÅ-MM-DD --kommun "…".'
            )
            en = (
                f"{prefix_sv}The text does not look like a kallelse, agenda or protokoll: no body, date or agenda was "
                'found. To import it anyway as a searchable document: import FILE --body "…" --date YYYY-MM-DD '
                '--kommun "…".'
            )
        elif self.fields == ["agenda"]:
            sv = (
                f"{prefix_sv}Ingen ärendelista hittades i texten. Ange nämnd, datum och kommun så läses filen in som ett "
                'sökbart dokument: import FIL --body "…" --date ÅÅÅÅ-MM-DD --kommun "…" (i programmet: fyll i fälten i '
                "granskningen)."
            )
            en = (
                f"{prefix_sv}No agenda was found in the text. Give the body, date and kommun and the file is imported as a "
                'searchable document: import FILE --body "…" --date YYYY-MM-DD --kommun "…" (in the client: fill in '
                "the fields in the review)."
            )
        else:
            sv = (
                f"{prefix_sv}Texten anger inte {what_sv}. Ange det själv: import FIL {opts} (i programmet: fyll i fälten i "
                "granskningen av importen)."
            )
            en = (
                f"{prefix_sv}The text does not say {what_en}. Supply it: import FILE {opts.replace('ÅÅÅÅ-MM-DD', 'YYYY-MM-DD')} "
                "(in the client: fill in the fields in the import review)."
            )
        super().__init__(sv, en)


class MeetingConflict(ImportFailed):
    """The document would change a meeting that it may not be: refused, nothing stored."""

    code = "meeting_conflict"


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


class DiskWriteError(UserError):
    """A write to the disk failed for another reason than a full disk: an I/O error, a file-size limit
    (EFBIG), a failing or removed drive. The transaction was rolled back."""

    code = "disk_write"


class StoreError(UserError):
    code = "store_error"


class DatabaseTooNew(StoreError):
    code = "database_too_new"


class DatabaseMissing(StoreError):
    """store.db is missing or empty although this data folder holds a vault: refused, never recreated empty."""

    code = "database_missing"


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
    retry_after: int  # set by vault.exceptions.wrong_passphrase


class KeyringUnavailable(VaultError):
    code = "keyring_unavailable"


class BackoffActive(VaultError):
    code = "backoff"
    remaining: int  # set by vault.exceptions.backoff
