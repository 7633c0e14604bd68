"""Pinned moments for tests that depend on the date: the turns of weeks, months and years.

Each moment is the next such turn after the real now, so that what Redis expires by the clock (board
keys expire a week after their period) still lies in Redis's future.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from zoneinfo import ZoneInfo

from domain.leaderboards import Period, next_period_start, period_start

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
ZONES = (WIB, WITA, WIT)


def next_turn(period: Period, timezone: str, after: dt.datetime | None = None) -> dt.datetime:
    """The first moment of the next week, month or year on the calendar of ``timezone``, in UTC."""
    after = after or dt.datetime.now(dt.timezone.utc)
    today = after.astimezone(ZoneInfo(timezone)).date()
    start = next_period_start(period, period_start(period, today))
    return dt.datetime.combine(start, dt.time(), tzinfo=ZoneInfo(timezone)).astimezone(dt.timezone.utc)


def parse_pin(text: str) -> dt.datetime:
    """``week@Asia/Jakarta+30`` (the next turn and seconds after it) or an ISO instant."""
    if "@" not in text:
        return dt.datetime.fromisoformat(text).astimezone(dt.timezone.utc)
    period, rest = text.split("@", 1)
    zone, _, seconds = rest.partition("+")
    return next_turn(Period(period), zone) + dt.timedelta(seconds=int(seconds or 0))


def start_ticking(travel) -> None:
    """Start a ticking ``time_machine.travel`` now: its clock only starts ticking when first read, so a
    process that imports for a second before reading it would lag behind the others by as much."""
    travel.start()
    time.time()


SHIFT_VARIABLE = "TANGKAS_TEST_CLOCK_SHIFT_SECONDS"  # set by a pinned run for the processes it starts


def python_command(*args: str) -> list[str]:
    """``python *args`` on the test session's clock: shifted like it when the run is pinned."""
    if os.environ.get(SHIFT_VARIABLE):
        return [sys.executable, "-m", "tests.shifted", *args]
    return [sys.executable, *args]
