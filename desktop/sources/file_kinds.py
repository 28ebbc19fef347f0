"""The kinds of file the importer reads, as `import --kind` spells them; light, for the argument parser."""

from __future__ import annotations

from enum import StrEnum


class FileKind(StrEnum):
    BILLING = "billing"
    ORDERS = "orders"
    LICENSES = "licenses"
    RESOURCE_PLANS = "resource-plans"
    USAGE = "usage"
