"""A memo of a conversion, kept apart from SQLAlchemy so that the file readers can load without it."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class Memo(dict[Hashable, Any]):
    """A function's results by argument, so that each distinct value of a column is converted once."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, argument: Hashable) -> Any:
        result = self[argument] = self.function(argument)
        return result
