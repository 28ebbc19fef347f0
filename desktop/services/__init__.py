"""Units of work: one function each (import, sync, payments, refund requests, backup, restore, demo).

Each owns its transaction, says why in one `ServiceError` when nothing was changed, and returns
what it changed (`Changes`), so that every view can tell whether it is stale. The window runs them
on its one writer thread (desktop.controllers.operations); the command line calls them directly.
No Qt here.
"""
