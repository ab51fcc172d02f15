"""The client's settings: declared once with types and defaults, stored with QSettings (IniFormat) at
``paths.settings_path()``. Nothing secret is ever stored here (no search history, no titles)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from .. import paths

IDLE_MINUTES_RANGE = (1, 15)  # SECURITY.md §2.4 R-LOCK-1
FONT_SIZES = (9, 10, 11, 12, 13, 14, 16, 18, 20)

DEFAULTS = {
    "ui/language": "system",  # 'system' | 'sv' | 'en'
    "ui/font_size": 11,  # points, reading text
    "ui/theme": "system",  # 'system' | 'light' | 'dark'
    "lock/idle_minutes": 5,
    "lock/on_minimise": True,
    "search/sort": "relevance",  # 'relevance' | 'date': the search page's order
}


class Settings:
    def __init__(self, path=None):
        self.q = QSettings(str(path or paths.settings_path()), QSettings.Format.IniFormat)

    def _get(self, key: str):
        default = DEFAULTS[key]
        value: Any = self.q.value(key, default)  # whatever the INI file holds: checked below
        try:
            if isinstance(default, bool):
                return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
            if isinstance(default, int):
                return int(value)
        except (TypeError, ValueError):
            return default
        return value

    def _set(self, key: str, value) -> None:
        self.q.setValue(key, value)
        self.q.sync()

    @property
    def language(self) -> str:
        v = str(self._get("ui/language"))
        return v if v in ("system", "sv", "en") else "system"

    @language.setter
    def language(self, v: str) -> None:
        self._set("ui/language", v)

    @property
    def font_size(self) -> int:
        return max(FONT_SIZES[0], min(FONT_SIZES[-1], self._get("ui/font_size")))

    @font_size.setter
    def font_size(self, v: int) -> None:
        self._set("ui/font_size", int(v))

    @property
    def theme(self) -> str:
        v = str(self._get("ui/theme"))
        return v if v in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, v: str) -> None:
        self._set("ui/theme", v)

    @property
    def search_sort(self) -> str:
        v = str(self._get("search/sort"))
        return v if v in ("relevance", "date") else "relevance"

    @search_sort.setter
    def search_sort(self, v: str) -> None:
        self._set("search/sort", v)

    @property
    def idle_minutes(self) -> int:
        lo, hi = IDLE_MINUTES_RANGE
        return max(lo, min(hi, self._get("lock/idle_minutes")))

    @idle_minutes.setter
    def idle_minutes(self, v: int) -> None:
        self._set("lock/idle_minutes", int(v))

    @property
    def lock_on_minimise(self) -> bool:
        return self._get("lock/on_minimise")

    # window state -------------------------------------------------------------------------------
    def window_state(self, name: str) -> QByteArray | None:
        v = self.q.value(f"window/{name}")
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    def set_window_state(self, name: str, value: QByteArray) -> None:
        self.q.setValue(f"window/{name}", value)

    def sync(self) -> None:
        self.q.sync()
