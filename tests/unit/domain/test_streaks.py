"""What tests/unit/domain/test_streak_days.py leaves out: working days, the year turn, days not yet come, every milestone."""

import datetime as dt

import pytest

from domain.streaks import MILESTONES, StreakState, is_working_day, milestones_reached, missed_between, streak_state

D = dt.date.fromisoformat
NEW_YEAR = {D("2027-01-01")}


@pytest.mark.parametrize(
    ("day", "holidays", "working"),
    [
        ("2026-12-31", set(), True),  # Thursday
        ("2027-01-01", set(), True),  # Friday: only a holiday calendar makes it a day off
        ("2027-01-01", NEW_YEAR, False),
        ("2027-01-02", set(), False),  # Saturday
        ("2027-01-03", set(), False),  # Sunday
    ],
)
def test_a_working_day_is_monday_to_friday_minus_the_regions_holidays(day, holidays, working):
    assert is_working_day(D(day), holidays) is working


@pytest.mark.parametrize(
    ("earlier", "later", "holidays", "missed"),
    [
        ("2026-12-31", "2027-01-01", set(), False),  # next day
        ("2026-12-31", "2027-01-04", NEW_YEAR, False),  # Thursday to Monday over a holiday and a weekend
        ("2026-12-31", "2027-01-04", set(), True),  # Friday was a working day
        ("2027-01-01", "2027-01-05", set(), True),  # Monday was skipped
        ("2026-12-31", "2026-12-31", set(), False),
    ],
)
def test_a_day_is_missed_only_when_a_working_day_lies_strictly_between(earlier, later, holidays, missed):
    assert missed_between(D(earlier), D(later), holidays) is missed


def test_a_streak_runs_across_the_year_turn_over_new_years_day():
    learned = [D("2026-12-28"), D("2026-12-29"), D("2026-12-30"), D("2026-12-31"), D("2027-01-04")]
    assert streak_state(learned, NEW_YEAR, today=D("2027-01-04")) == StreakState(5, 5, D("2027-01-04"))
    assert streak_state(learned, set(), today=D("2027-01-04")).current == 1


def test_learning_dated_after_today_is_not_counted_yet():
    learned = [D("2026-11-23"), D("2026-11-24"), D("2026-11-25")]
    assert streak_state(learned, set(), today=D("2026-11-24")) == StreakState(2, 2, D("2026-11-24"))


def test_nobody_who_never_learned_has_a_streak():
    assert streak_state([], set(), today=D("2026-11-24")) == StreakState(0, 0, None)


def test_the_longest_streak_outlives_the_current_one():
    learned = [D("2026-11-16"), D("2026-11-17"), D("2026-11-18"), D("2026-11-20")]  # Thursday missed
    assert streak_state(learned, set(), today=D("2026-11-20")) == StreakState(1, 3, D("2026-11-20"))


def test_a_streak_stays_alive_over_the_weekend_until_monday_ends():
    friday = [D("2026-11-20")]
    assert streak_state(friday, set(), today=D("2026-11-23")).current == 1  # Monday not over yet
    assert streak_state(friday, set(), today=D("2026-11-24")).current == 0


def test_the_milestones_are_7_30_and_100_learning_days_each_dated_when_reached():
    assert MILESTONES == (7, 30, 100)
    run = [D("2026-01-01") + dt.timedelta(days=n) for n in range(100)]
    assert milestones_reached(run) == [(7, run[6]), (30, run[29]), (100, run[99])]
    assert milestones_reached(run[:6]) == []
    assert milestones_reached(run[:99]) == [(7, run[6]), (30, run[29])]
