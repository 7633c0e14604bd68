"""Streak freezes: one missed working day each, from the day given, only where they save a run."""

import datetime as dt

from domain.streaks import frozen_days, streak_state

D = dt.date.fromisoformat
# Monday 2026-11-30 to Friday 2026-12-04, then Monday 2026-12-07 to Friday 2026-12-11
WEEK = [D("2026-11-30") + dt.timedelta(days=n) for n in range(5)]
NEXT = [D("2026-12-07") + dt.timedelta(days=n) for n in range(5)]


def state(learning, freezes, today, holidays=()):
    covered = frozen_days(learning, holidays, freezes, today)
    return streak_state(learning, set(holidays) | covered, today), covered


def test_a_freeze_covers_one_missed_working_day_and_the_run_goes_on():
    learning = [WEEK[0], WEEK[1], WEEK[3], WEEK[4]]  # Wednesday missed
    assert state(learning, [], NEXT[0])[0].longest == 2
    kept, covered = state(learning, [WEEK[0]], NEXT[0])
    assert (kept.current, kept.longest, covered) == (4, 4, {WEEK[2]})


def test_a_freeze_given_after_the_miss_does_not_reach_back():
    learning = [WEEK[0], WEEK[1], WEEK[3], WEEK[4]]
    assert state(learning, [WEEK[3]], NEXT[0])[0].longest == 2


def test_two_missed_days_with_one_freeze_break_the_run_and_keep_the_freeze_for_later():
    learning = [WEEK[0], WEEK[3], WEEK[4], NEXT[0], NEXT[2]]  # Tue+Wed missed, then next Tuesday missed
    kept, covered = state(learning, [WEEK[0]], NEXT[3])
    assert covered == {NEXT[1]}  # not spent on the gap it could not save
    assert (kept.current, kept.longest) == (4, 4)  # Thu, Fri, Mon, (Tue frozen), Wed


def test_a_freeze_keeps_a_streak_alive_over_yesterday_and_is_spent_once():
    learning = [WEEK[0], WEEK[1], WEEK[2]]
    alive, covered = state(learning, [WEEK[0]], WEEK[4])  # Thursday missed, Friday still open
    assert (alive.current, covered) == (3, {WEEK[3]})
    gone, _ = state(learning, [WEEK[0]], NEXT[0])  # Friday missed too: one freeze is not two days
    assert gone.current == 0


def test_two_freezes_cover_two_gaps_in_order():
    learning = [WEEK[0], WEEK[2], WEEK[4], NEXT[0]]  # Tuesday and Thursday missed
    kept, covered = state(learning, [WEEK[0], WEEK[0]], NEXT[1])
    assert (kept.current, covered) == (4, {WEEK[1], WEEK[3]})


def test_holidays_and_weekends_need_no_freeze():
    learning = [WEEK[3], NEXT[1]]  # Thursday, then Tuesday; Friday and Monday are holidays
    kept, covered = state(learning, [WEEK[0]], NEXT[2], holidays={WEEK[4], NEXT[0]})
    assert (kept.current, covered) == (2, set())


def test_freezes_wait_for_a_first_run():
    assert frozen_days([], set(), [WEEK[0]], NEXT[0]) == set()
    assert state([NEXT[0]], [WEEK[0]], NEXT[1])[0].current == 1
