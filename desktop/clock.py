"""The application's one "now": the system's clock, or a moment set for tests, demos and screenshots.

The window, the command line and the demo generator all take their "now" from `application_clock()`,
so that a test (or a screenshot of the demo) can run the whole application at a chosen moment by
setting `APSARA_LIVE_NOW` to an ISO-8601 moment with its offset. Such a clock stands still.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

Clock = Callable[[], datetime]

CLOCK_VARIABLE = "APSARA_LIVE_NOW"


def system_clock() -> datetime:
    return datetime.now(UTC)


def stopped_clock(moment: datetime) -> Clock:
    """A clock that always reads `moment` (aware)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a clock's moment needs its offset: {moment.isoformat()}")
    return lambda: moment


def application_clock(environment: Mapping[str, str] = os.environ) -> Clock:
    """The system's clock, unless `APSARA_LIVE_NOW` stops it at a moment."""
    text = environment.get(CLOCK_VARIABLE, "").strip()
    if not text:
        return system_clock
    try:
        return stopped_clock(datetime.fromisoformat(text))
    except ValueError as exc:
        raise ValueError(f"{CLOCK_VARIABLE}: not an ISO-8601 moment with its offset: {text!r} ({exc})") from None


def now() -> datetime:
    """The application clock's reading, for code that asks once (a command of the command line)."""
    return application_clock()()
