"""Errors the store reports to people, with a message fit to show as it is."""


class StoreError(Exception):
    """The store cannot be opened, migrated or written; the message says why in plain words."""
