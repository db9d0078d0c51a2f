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
# Qt's catalogues for the widgets the app uses (QFileDialog, QMessageBox, QDialogButtonBox...).
QT_MODULES = ("qtbase",)


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
    data = catalogue(lang)  # English too: its plural forms ("1 draft", "3 drafts")
    if data is None:
        log.warning("no translation catalogue for %s; showing English", lang)
        return lang
    ours = QTranslator(app)
    if ours.load(data):
        app.installTranslator(ours)
        _installed.append(ours)
        _data.append(data)
    if lang == "en":
        return lang  # Qt's own strings are English already
    # Qt's own strings (standard buttons, file and message dialogs). qt_<lang>.qm is only a
    # meta-catalogue naming the module catalogues, which QTranslator.load refuses from here:
    # load the modules the app's dialogs use, each one that this Qt installation ships.
    for module in QT_MODULES:
        qt = QTranslator(app)
        if qt.load(QLocale(lang), module, "_", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
        else:
            log.info("Qt catalogue %s_%s not found; its dialogs stay English", module, lang)
    return lang
