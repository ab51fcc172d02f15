"""The client's settings: declared once with types and defaults, stored with QSettings (IniFormat) at
``paths.settings_path()``. Nothing secret is ever stored here (no search history, no titles)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from .. import paths

IDLE_MINUTES_RANGE = (1, 15)  # SECURITY.md §2.4 R-LOCK-1
TEXT_SCALES = (90, 100, 110, 125, 150, 175, 200)  # percent of the normal size, for the whole interface
READING_PT = 11  # the reading text's size in points at 100 %


def scale_from_points(pt: int) -> int:
    """The text size step nearest to an old stored reading size in points (11 pt was 100 %)."""
    return min(TEXT_SCALES, key=lambda s: (abs(s - pt * 100 / READING_PT), s))


DEFAULTS = {
    "ui/language": "system",  # 'system' | 'sv' | 'en'
    "ui/text_scale": 100,  # percent, the whole interface (TEXT_SCALES)
    "ui/font_size": READING_PT,  # before the text scale: points of the reading text (read, never written)
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
    def text_scale(self) -> int:
        """The text size of the whole interface in percent, one of TEXT_SCALES. A settings file from before
        (only ``ui/font_size``, the reading text in points) gives the step nearest to that size."""
        if not self.q.contains("ui/text_scale") and self.q.contains("ui/font_size"):
            return scale_from_points(self._get("ui/font_size"))
        v = self._get("ui/text_scale")
        return v if v in TEXT_SCALES else min(TEXT_SCALES, key=lambda s: (abs(s - v), s))

    @text_scale.setter
    def text_scale(self, v: int) -> None:
        self._set("ui/text_scale", int(v))

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
