"""Translations of the desktop client.

Source strings in the code are English (``self.tr("...")``); Swedish is the first language of the program
and its catalogue is complete (a test fails on an unfinished or missing Swedish string). The compiled
catalogues ``botkyrka_namnd_<lang>.qm`` live next to this file and are generated from
``translations/*.ts`` by ``python -m botkyrka_nämnd.ui.i18n.build``.

Qt's own strings (buttons of standard dialogs, context menus) come from ``qtbase_<lang>.qm`` in Qt's
translations folder and are installed first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ... import log

_log = log.get("ui")

QM_DIR = Path(__file__).resolve().parent
CATALOGUE = "botkyrka_namnd"
LANGUAGES = ("sv", "en")
DEFAULT = "sv"

_installed: list[QTranslator] = []
_current = DEFAULT


def system_language() -> str:
    """The system's UI language if we have it; Swedish otherwise (also for the C locale)."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
        if code == "c":
            break
    return DEFAULT


def resolve(setting: str | None) -> str:
    return setting if setting in LANGUAGES else system_language()


def current() -> str:
    return _current


def install(app: QCoreApplication, language: str | None = None) -> str:
    """Install Qt's and our translators for ``language`` ('sv', 'en' or None/'system'). Returns the
    language in use. Replaces translators installed earlier (switching language at run time)."""
    global _current
    lang = resolve(language)
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if lang != "en" and qt.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    ours = QTranslator(app)
    if ours.load(str(QM_DIR / f"{CATALOGUE}_{lang}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    elif lang != "en":
        _log.warning("translation catalogue for %s not found", lang)
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Swedish if lang == "sv" else QLocale.Language.English,
            QLocale.Country.Sweden if lang == "sv" else QLocale.Country.UnitedKingdom,
        )
    )
    _current = lang
    return lang
