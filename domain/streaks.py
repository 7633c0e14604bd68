"""Learning streaks in working days of a region's calendar.

A local day with at least one passed module counts. A working day (Monday to Friday, not a
holiday of the region) without one ends the run; a weekend or holiday neither ends it nor is
required, but learning on it still counts. Today is still open: it cannot break a streak yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

MILESTONES = (7, 30, 100)


@dataclass(frozen=True)
class StreakState:
    current: int
    longest: int
    last_day: dt.date | None


def is_working_day(day: dt.date, holidays: Collection[dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def missed_between(earlier: dt.date, later: dt.date, holidays: Collection[dt.date]) -> bool:
    """Is there a working day strictly between the two days?"""
    day = earlier + dt.timedelta(days=1)
    while day < later:
        if is_working_day(day, holidays):
            return True
        day += dt.timedelta(days=1)
    return False


def runs(learning_days: Collection[dt.date], holidays: Collection[dt.date]) -> list[list[dt.date]]:
    result: list[list[dt.date]] = []
    for day in sorted(set(learning_days)):
        if result and not missed_between(result[-1][-1], day, holidays):
            result[-1].append(day)
        else:
            result.append([day])
    return result


def streak_state(learning_days: Collection[dt.date], holidays: Collection[dt.date], today: dt.date) -> StreakState:
    all_runs = runs([day for day in learning_days if day <= today], holidays)
    if not all_runs:
        return StreakState(0, 0, None)
    last = all_runs[-1]
    alive = not missed_between(last[-1], today, holidays)
    return StreakState(len(last) if alive else 0, max(len(run) for run in all_runs), last[-1])


def milestones_reached(run: list[dt.date]) -> list[tuple[int, dt.date]]:
    """Each milestone the run reached, with the day it was reached."""
    return [(days, run[days - 1]) for days in MILESTONES if len(run) >= days]
