"""The words on a chart, in the window's language; the command line keeps English.

The charts know no Qt: the window installs Qt's translator here (`install`), and the chart
modules call `translate(context, text)` so that `pyside6-lupdate` finds their texts.
"""

from __future__ import annotations

from collections.abc import Callable

Translator = Callable[[str, str], str]


def _english(_context: str, text: str) -> str:
    return text


_translator: Translator = _english


def install(translator: Translator) -> None:
    """Route chart texts through `translator` (the window's language) from now on."""
    global _translator
    _translator = translator


def translate(context: str, text: str) -> str:
    """`text` in the installed language."""
    return _translator(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name pyside6-lupdate looks for
    """Marks a text for translation where a table of texts is defined; `translate` it where shown."""
    return text
