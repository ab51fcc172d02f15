"""All file-system locations, resolved in one place.

Order: explicit ``--data-dir`` (``set_data_dir``), then ``BOTKYRKA_NAMND_DATA_DIR``, then the platform's
user data dir (platformdirs). Everything the program writes lives below the data dir, created 0700.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

ENV_VAR = "BOTKYRKA_NAMND_DATA_DIR"
_override: Path | None = None


def set_data_dir(path: str | os.PathLike | None) -> None:
    global _override
    _override = Path(path).expanduser().resolve() if path else None


_shared_warned: set[Path] = set()


def _ensure(p: Path) -> Path:
    """``p`` as a folder. One we create is 0700; one that already exists is never changed (it may be a shared
    folder the user chose): when others can read it, :func:`shared_folder_warning` says so. The files we
    write there are 0600 whatever the folder's mode."""
    if not p.is_dir():
        old = os.umask(0o077)
        try:
            p.mkdir(parents=True, exist_ok=True, mode=0o700)
        finally:
            os.umask(old)
        return p
    try:
        if os.name == "posix" and (p.stat().st_mode & 0o077) and p not in _shared_warned:
            _shared_warned.add(p)
    except OSError:  # pragma: no cover - exotic file systems
        pass
    return p


def shared_folder_warning() -> tuple[str, str] | None:
    """(sv, en) when the data folder already existed and others may list or read it; None otherwise."""
    d = data_dir()
    if d not in _shared_warned:
        return None
    mode = d.stat().st_mode & 0o777
    return (
        f"Varning: datamappen {d} kan läsas av andra användare (rättigheter {mode:o}). Programmet ändrar inte en "
        "mapp det inte skapat; dess egna filer är ändå bara läsbara för dig. Välj helst en egen mapp.",
        f"Warning: the data folder {d} can be read by other users (mode {mode:o}). The program does not change a "
        "folder it did not create; its own files are still readable by you only. Prefer a folder of your own.",
    )


def data_dir() -> Path:
    if _override is not None:
        return _ensure(_override)
    env = os.environ.get(ENV_VAR)
    if env:
        return _ensure(Path(env).expanduser().resolve())
    return _ensure(Path(platformdirs.user_data_dir("botkyrka-namnd", appauthor=False)))


@dataclass(frozen=True)
class Paths:
    """The files of one data folder. ``AppContext`` takes one of these explicitly, so two contexts (a
    test's, an import child's) never share a location through a global; the functions of this module resolve
    the process's default folder for logging, the UI's settings and the CLI."""

    data_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> Paths:
        """``data_dir`` when given (created 0700 if new), else the process's folder (:func:`data_dir`)."""
        if data_dir is None:
            return cls(globals()["data_dir"]())
        return cls(_ensure(Path(data_dir).expanduser().resolve()))

    @property
    def store(self) -> Path:
        return self.data_dir / "store.db"

    @property
    def vault(self) -> Path:
        return self.data_dir / "vault.db"

    @property
    def keys(self) -> Path:
        return self.data_dir / "keys.json"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def reading_pending(self) -> Path:
        """Read marks that could not be stored at quit (services/reading.py)."""
        return self.data_dir / "reading-pending.json"


def store_path() -> Path:
    return data_dir() / "store.db"


def vault_path() -> Path:
    return data_dir() / "vault.db"


def keys_path() -> Path:
    return data_dir() / "keys.json"


def log_dir() -> Path:
    return _ensure(data_dir() / "logs")


def backup_dir() -> Path:
    return _ensure(data_dir() / "backups")


def settings_path() -> Path:
    return data_dir() / "settings.ini"
