"""Rules for rewriting bill lines that both the importer and the sync follow."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any


def settlement_recorder(now: datetime) -> Callable[[Mapping[str, Any], dict[str, Any]], None]:
    """An `upsert_batch` adjuster: a bill that was owed and is now paid was settled when first seen paid (O4).

    It needs the stored `settled_at` (pass it in `extra`) and always sets `settled_at` on the change.
    """

    def record(old: Mapping[str, Any], change: dict[str, Any]) -> None:
        newly_paid = old["outstanding"] > 0 and change["outstanding"] == 0 and old["settled_at"] is None
        change["settled_at"] = now if newly_paid else old["settled_at"]

    return record
