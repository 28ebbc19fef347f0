"""Errors the store reports to people, with a message fit to show as it is."""

from desktop.domain.wording import WordedError


class StoreError(WordedError):
    """The store cannot be opened, migrated or written; the message says why in plain words (`Wording`)."""
