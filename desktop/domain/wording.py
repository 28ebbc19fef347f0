"""Sentences for people, written below the controllers and said in the user's language above them.

The store and the importers have no Qt, yet what they refuse is shown in the window in the
user's language. So they word it as a `Wording`: the English text with `{name}` fields, the
values apart, and the Linguist context its translation is filed under. `str()` gives the English
(the command line and the logs); a controller's `said(translate)` gives the translation.
`pyside6-lupdate` finds every text marked with `QT_TRANSLATE_NOOP`, as in Qt's own code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Translate = Callable[[str, str], str]


@dataclass(frozen=True)
class Wording:
    """A sentence to show: its English text with `{name}` fields, their values, its Linguist context."""

    context: str
    text: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def format(self, **values: Any) -> Wording:
        """The same sentence with (more) values for its fields."""
        return Wording(self.context, self.text, {**self.values, **values})

    def said(self, translate: Translate) -> str:
        """The sentence in the language `translate` gives; values that are sentences are translated too."""
        values = {name: _said(value, translate) for name, value in self.values.items()}
        return translate(self.context, self.text).format(**values)

    def __str__(self) -> str:
        return self.said(_english)


def QT_TRANSLATE_NOOP(context: str, text: str) -> Wording:  # the name pyside6-lupdate looks for
    """Mark `text` for translation under `context`; it is translated where it is shown."""
    return Wording(context, text)


class WordedError(Exception):
    """An error whose message is a `Wording` (or plain text, shown as it is, such as a system's own)."""

    def __init__(self, message: Wording | str) -> None:
        self.wording = message
        super().__init__(str(message))

    def said(self, translate: Translate) -> str:
        return str(_said(self.wording, translate))


def _said(value: Any, translate: Translate) -> Any:
    return value.said(translate) if isinstance(value, Wording | WordedError) else value


def _english(_context: str, text: str) -> str:
    return text
