"""Learning streaks in working days of a region's calendar.

A local day with at least one passed module counts. A working day (Monday to Friday, not a
holiday of the region) without one ends the run; a weekend or holiday neither ends it nor is
required, but learning on it still counts. Today is still open: it cannot break a streak yet.

A streak freeze (a reward) covers one missed working day from the day it was given: a gap in a run
whose missed working days all have a freeze to cover them does not end the run. Freezes go to gaps
in order and only where they save the run, so the days they cover follow from the learning days,
the holidays and the freezes alone, and are computed again rather than stored.
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


def frozen_days(
    learning_days: Collection[dt.date], holidays: Collection[dt.date], freezes: Collection[dt.date], today: dt.date
) -> set[dt.date]:
    """The missed working days that freezes (each given on a day) cover, up to yesterday."""
    waiting = sorted(freezes)
    covered: set[dt.date] = set()
    days = sorted(day for day in set(learning_days) if day <= today)
    if not days:
        return covered  # no run yet: the freezes wait
    for earlier, later in zip(days, [*days[1:], today], strict=True):
        missed = _missed_days(earlier, later, holidays)
        if not missed or len(missed) > len(waiting):
            continue
        usable = [freeze for freeze in waiting if freeze <= missed[0]]  # given before the gap began
        if len(usable) >= len(missed):
            for freeze in usable[: len(missed)]:
                waiting.remove(freeze)
            covered.update(missed)
    return covered


def _missed_days(earlier: dt.date, later: dt.date, holidays: Collection[dt.date]) -> list[dt.date]:
    days, day = [], earlier + dt.timedelta(days=1)
    while day < later:
        if is_working_day(day, holidays):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


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
