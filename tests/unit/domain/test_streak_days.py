import datetime as dt

from domain.attempts import local_date
from domain.streaks import milestones_reached, runs, streak_state

MON = dt.date(2026, 11, 16)  # a Monday


def day(offset: int) -> dt.date:
    return MON + dt.timedelta(days=offset)


def test_a_weekend_neither_breaks_a_streak_nor_is_required_but_learning_on_it_counts():
    weekdays = [day(0), day(1), day(2), day(3), day(4), day(7)]  # Mon–Fri, then next Monday
    assert streak_state(weekdays, set(), today=day(7)).current == 6
    assert streak_state([*weekdays, day(5)], set(), today=day(7)).current == 7  # Saturday counts too


def test_a_missed_working_day_resets_the_streak_but_today_is_still_open():
    learned = [day(0), day(1), day(2)]  # Mon–Wed
    assert streak_state(learned, set(), today=day(3)).current == 3  # Thursday not over yet
    after_miss = streak_state(learned, set(), today=day(4))  # Thursday was missed
    assert (after_miss.current, after_miss.longest) == (0, 3)
    assert streak_state([*learned, day(4)], set(), today=day(4)).current == 1


def test_a_holiday_of_the_region_does_not_break_the_streak():
    learned = [day(0), day(1), day(3)]  # Wednesday is a holiday
    assert streak_state(learned, set(), today=day(3)).current == 1
    assert streak_state(learned, {day(2)}, today=day(3)).current == 3


def test_a_late_offline_sync_that_fills_a_gap_joins_the_runs():
    before = [day(0), day(1), day(3), day(4)]
    assert [len(run) for run in runs(before, set())] == [2, 2]
    assert [len(run) for run in runs([*before, day(2)], set())] == [5]


def test_midnight_is_the_regions():
    # 23:30 WIB Friday is 00:30 WITA Saturday: for a Palu learner that is weekend learning
    moment = dt.datetime(2026, 11, 20, 16, 30, tzinfo=dt.timezone.utc)
    assert local_date(moment, "Asia/Jakarta") == day(4)
    assert local_date(moment, "Asia/Makassar") == day(5)
    palu_days = [day(0), day(1), day(2), day(3), local_date(moment, "Asia/Makassar")]
    palu = streak_state(palu_days, set(), today=day(7))
    assert (palu.current, palu.longest) == (1, 4)  # Friday in Palu was missed; Saturday starts again
    jakarta_days = [*palu_days[:4], local_date(moment, "Asia/Jakarta")]
    assert streak_state(jakarta_days, set(), today=day(7)).current == 5


def test_milestones_are_reached_on_the_nth_learning_day():
    run = [day(n) for n in range(0, 12) if day(n).weekday() < 5]
    assert milestones_reached(run) == [(7, day(8))]
