"""Which language the app speaks: 中文 or English, following the system unless chosen.

Compiled catalogues (``resources/i18n/proofkit_<lang>.qm``) are read through
importlib.resources, so they load the same from a checkout, a wheel or a frozen build.
English is the source language: its catalogue only exists to mark it complete.
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

SUPPORTED = ("zh_CN", "en")


def resolve_language(choice: str, system_locale: QLocale | None = None) -> str:
    """"system" -> zh_CN for any Chinese locale, else en; an explicit choice is kept."""
    if choice in SUPPORTED:
        return choice
    loc = system_locale or QLocale.system()
    if loc.language() == QLocale.Chinese:
        return "zh_CN"
    for name in loc.uiLanguages():
        if name.lower().startswith("zh"):
            return "zh_CN"
    return "en"


def catalogue(lang: str) -> bytes | None:
    try:
        return (resources.files("proofkit.resources") / "i18n" / f"proofkit_{lang}.qm").read_bytes()
    except (FileNotFoundError, OSError):
        return None


_installed: list[QTranslator] = []
_data: list[bytes] = []  # QTranslator reads from our buffer: keep it alive


def install(app: QCoreApplication, choice: str) -> str:
    """Install the translators for ``choice`` (replacing earlier ones); return the language."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    _data.clear()
    lang = resolve_language(choice)
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China) if lang == "zh_CN"
                       else QLocale(QLocale.English, QLocale.UnitedStates))
    if lang == "en":
        return lang
    data = catalogue(lang)
    if data is None:
        log.warning("no translation catalogue for %s; showing English", lang)
        return lang
    ours = QTranslator(app)
    if ours.load(data):
        app.installTranslator(ours)
        _installed.append(ours)
        _data.append(data)
    # Qt's own strings (standard buttons, file dialogs), when the Qt installation ships them.
    qt = QTranslator(app)
    if qt.load(QLocale(lang), "qt", "_", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return lang
