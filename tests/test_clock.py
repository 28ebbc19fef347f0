"""The application's one clock: tests (and screenshots) run the whole application at a moment they choose."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from desktop.cli import main
from desktop.clock import CLOCK_VARIABLE, application_clock, stopped_clock, system_clock
from tests.conftest import DEMO_AT


def test_without_the_variable_the_clock_is_the_system_s() -> None:
    clock = application_clock({})
    assert clock is system_clock
    assert abs(clock() - datetime.now(UTC)) < timedelta(minutes=1)


def test_the_variable_stops_the_clock_at_its_moment() -> None:
    clock = application_clock({CLOCK_VARIABLE: "2026-11-26T12:00:00+08:00"})
    assert clock() == clock() == DEMO_AT


@pytest.mark.parametrize("text", ["2026-11-26T12:00:00", "yesterday"])
def test_a_moment_without_its_offset_or_not_a_moment_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=CLOCK_VARIABLE):
        application_clock({CLOCK_VARIABLE: text})
    with pytest.raises(ValueError, match="offset"):
        stopped_clock(datetime(2026, 11, 26, 12, 0))  # noqa: DTZ001 - the naive moment is the point


def test_the_command_line_takes_its_now_from_the_clock(
    demo_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo is in its grace period at its own moment; a week later the same store is suspended."""
    assert main(["--db", demo_url, "overview", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["state"] == "grace"
    monkeypatch.setenv(CLOCK_VARIABLE, (DEMO_AT + timedelta(days=7)).isoformat())
    assert main(["--db", demo_url, "overview", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["state"] == "suspended"


def test_a_clock_that_cannot_be_read_is_one_line(
    demo_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CLOCK_VARIABLE, "soon")
    assert main(["--db", demo_url, "overview"]) == 2
    assert capsys.readouterr().err.startswith(f"error: {CLOCK_VARIABLE}: not an ISO-8601 moment")
