"""The user's language: Qt Linguist translations, the locale numbers and dates follow, the default.

Every text the window shows goes through `translate(context, text)`, which `pyside6-lupdate` finds
in the source (see the README's "Translations"); the translations live in
`desktop/resources/translations/*.ts`, compiled to the `.qm` files loaded here. A module-level table of
texts marks them with `QT_TRANSLATE_NOOP` and translates them where they are shown, because the
translator is installed after the modules are imported.
"""

from __future__ import annotations

import logging
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.charts import language as chart_language
from desktop.domain.wording import WordedError

log = logging.getLogger(__name__)

TRANSLATIONS = Path(str(files("desktop").joinpath("resources", "translations")))
"""Inside the package, so that an installed wheel finds them as a checkout does."""
CATALOGUE = "apsara_live"
TRANSLATOR_NAME = "apsara-live-translator"
ENGLISH = "en"
LANGUAGES = {ENGLISH: "English", "zh_CN": "简体中文"}  # each in its own words, as a language menu shows them


def translate(context: str, text: str) -> str:
    """`text` in the installed language (itself when there is no translation)."""
    return QCoreApplication.translate(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for translation under `context` in a table of texts; `translate` it where it is shown.

    Qt's own is typed as returning `object`; this one keeps the `str`.
    """
    return text


def said(error: BaseException) -> str:
    """An error's message in the installed language when the layer that raised it worded it so, else as it is."""
    return error.said(translate) if isinstance(error, WordedError) else str(error)


def system_language(system: QLocale | None = None) -> str:
    """The language the system's locale asks for, among those the application has; else English."""
    locale = system or QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"  # the one Chinese translation: Simplified, as Alibaba Cloud's mainland console
    return ENGLISH


def number_locale(language: str, system: QLocale | None = None) -> QLocale:
    """How numbers and dates are written: the system's own conventions if it speaks `language`."""
    locale = system or QLocale.system()
    if system_language(locale) == language and (language != ENGLISH or locale.language() == QLocale.Language.English):
        return locale
    return QLocale("en_US" if language == ENGLISH else language)


class Translation:
    """The application's language: its translators (children of the application), replaced as a whole."""

    def __init__(self) -> None:
        self.language = ENGLISH

    def install(self, language: str, system: QLocale | None = None) -> str:
        """Switch the application to `language`; an unknown one falls back to English. Returns the one in use."""
        if language not in LANGUAGES:
            language = ENGLISH
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("a translation needs the Qt application (QApplication) to exist")
        for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
            app.removeTranslator(old)
            old.setParent(None)
        if language != ENGLISH:
            for folder, name in (
                (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), f"qtbase_{language}"),
                (str(TRANSLATIONS), f"{CATALOGUE}_{language}"),
            ):
                translator = QTranslator(app)
                translator.setObjectName(TRANSLATOR_NAME)
                if translator.load(name, folder):
                    app.installTranslator(translator)
                elif name.startswith(CATALOGUE):
                    log.error("the %s translation is missing from %s: staying in English", language, folder)
                    return self.install(ENGLISH, system)
        QLocale.setDefault(number_locale(language, system))
        chart_language.install(translate)
        self.language = language
        return language
