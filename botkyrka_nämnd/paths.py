"""All file-system locations, resolved in one place.

Order: explicit ``--data-dir`` (``set_data_dir``), then ``BOTKYRKA_NAMND_DATA_DIR``, then the platform's
user data dir (platformdirs). Everything the program writes lives below the data dir, created 0700.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "BOTKYRKA_NAMND_DATA_DIR"
_override: Path | None = None


def set_data_dir(path: str | os.PathLike | None) -> None:
    global _override
    _override = Path(path).expanduser().resolve() if path else None


def _ensure(p: Path) -> Path:
    old = os.umask(0o077)
    try:
        p.mkdir(parents=True, exist_ok=True, mode=0o700)
    finally:
        os.umask(old)
    try:
        if (p.stat().st_mode & 0o777) != 0o700:
            p.chmod(0o700)
    except OSError:  # pragma: no cover - exotic file systems
        pass
    return p


def data_dir() -> Path:
    if _override is not None:
        return _ensure(_override)
    env = os.environ.get(ENV_VAR)
    if env:
        return _ensure(Path(env).expanduser().resolve())
    return _ensure(Path(platformdirs.user_data_dir("botkyrka-namnd", appauthor=False)))


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
