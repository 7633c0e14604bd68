"""Events' pure rules: the schedule in the region's zone, the rotating check-in code, the attendance rule."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from domain.errors import Conflict, InvalidInput
from domain.events import (
    CLOCK_SKEW,
    LATE_SUBMISSION,
    STEP_SECONDS,
    Repeat,
    SessionTimes,
    attended_enough,
    check_registration_times,
    check_registration_window,
    check_scan,
    checkin_code,
    checkin_key,
    current_code,
    required_sessions,
    schedule,
    time_step,
)

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
KEY = checkin_key("rahasia-server-" + "x" * 40)
UTC = dt.timezone.utc


def local(timezone: str, *when: int) -> dt.datetime:
    return dt.datetime(*when, tzinfo=ZoneInfo(timezone))


def session(timezone: str, *start: int, hours: int = 2) -> SessionTimes:
    starts_at = local(timezone, *start)
    return SessionTimes(starts_at, starts_at + dt.timedelta(hours=hours))


def wall(sessions: list[SessionTimes], timezone: str) -> list[tuple[int, int, int, int]]:
    return [(s.starts_at.astimezone(ZoneInfo(timezone)).timetuple()[:4]) for s in sessions]


@pytest.mark.parametrize("timezone", [WIB, WITA, WIT])
def test_weekly_sessions_keep_the_local_hour_across_the_year_turn(timezone):
    first = session(timezone, 2026, 12, 24, 8, 0)  # a Thursday, 08:00 local
    sessions = schedule([first], Repeat.WEEKLY, 3, timezone)
    assert wall(sessions, timezone) == [(2026, 12, 24, 8), (2026, 12, 31, 8), (2027, 1, 7, 8)]
    assert all(s.starts_at.tzinfo == UTC and s.ends_at - s.starts_at == dt.timedelta(hours=2) for s in sessions)


@pytest.mark.parametrize("timezone", [WIB, WITA, WIT])
def test_monthly_sessions_fall_on_a_shorter_months_last_day(timezone):
    first = session(timezone, 2026, 12, 31, 0, 30)  # half past midnight local: still 30 Dec in UTC
    sessions = schedule([first], Repeat.MONTHLY, 3, timezone)
    assert wall(sessions, timezone) == [(2026, 12, 31, 0), (2027, 1, 31, 0), (2027, 2, 28, 0)]
    assert sessions[0].starts_at.astimezone(UTC).date() == dt.date(2026, 12, 30)


def test_given_sessions_are_ordered_and_checked():
    late, early = session(WIB, 2027, 1, 5, 9), session(WIB, 2027, 1, 4, 9)
    assert schedule([late, early], Repeat.NONE, 1, WIB) == [
        SessionTimes(early.starts_at.astimezone(UTC), early.ends_at.astimezone(UTC)),
        SessionTimes(late.starts_at.astimezone(UTC), late.ends_at.astimezone(UTC)),
    ]
    bad = [
        ([session(WIB, 2027, 1, 4, 9), session(WIB, 2027, 1, 4, 10)], Repeat.NONE, 1, "event_sessions_overlap"),
        ([early, late], Repeat.WEEKLY, 2, "event_repeat_one_session"),
        ([early], Repeat.NONE, 2, "event_repeat_count"),
        ([early], Repeat.WEEKLY, 53, "event_session_count"),
        ([SessionTimes(early.ends_at, early.starts_at)], Repeat.NONE, 1, "event_session_times"),
        ([session(WIB, 2027, 1, 4, 9, hours=13)], Repeat.NONE, 1, "event_session_times"),
        ([session(WIB, 9999, 12, 31, 9)], Repeat.MONTHLY, 2, "event_session_times"),
        (
            [SessionTimes(dt.datetime(2027, 1, 4, 9), dt.datetime(2027, 1, 4, 10))],
            Repeat.NONE,
            1,
            "event_time_zone_missing",
        ),
    ]
    for sessions, repeat, count, code in bad:
        with pytest.raises(InvalidInput) as refused:
            schedule(sessions, repeat, count, WIB)
        assert refused.value.code == code


def test_the_code_is_six_digits_bound_to_the_session_and_the_step():
    moment = local(WIT, 2027, 1, 1, 0, 0, 10)
    code, valid_until = current_code(KEY, 7, moment)
    assert len(code) == 6 and code.isdigit() and code == checkin_code(KEY, 7, time_step(moment))
    assert valid_until == local(WIT, 2027, 1, 1, 0, 0, 30) and (valid_until - moment).total_seconds() <= STEP_SECONDS
    assert checkin_code(KEY, 8, time_step(moment)) != code or checkin_code(KEY, 8, time_step(moment) + 1) != code
    assert checkin_code(checkin_key("another-secret" + "y" * 40), 7, time_step(moment)) != code


def refused(code: str, scanned_at: dt.datetime, now: dt.datetime, session_id: int = 7) -> str | None:
    times = session(WITA, 2027, 1, 4, 9)  # Monday 09:00-11:00 WITA
    try:
        check_scan(KEY, session_id, times, code, scanned_at, now)
    except InvalidInput as error:
        return error.code
    return None


def test_a_code_is_valid_for_its_step_and_one_step_either_side():
    shown = local(WITA, 2027, 1, 4, 9, 30)
    code = checkin_code(KEY, 7, time_step(shown))
    for seconds in (-30, 0, 29, 59):
        assert refused(code, shown + dt.timedelta(seconds=seconds), shown + dt.timedelta(seconds=60)) is None
    assert refused(code, shown + dt.timedelta(seconds=61), shown + dt.timedelta(seconds=61)) == "checkin_code_expired"
    minutes_ago = checkin_code(KEY, 7, time_step(shown - dt.timedelta(minutes=9)))
    assert refused(minutes_ago, shown, shown) == "checkin_code_expired"  # a slow scan, a photo passed on
    # a code of another moment of the session says nothing of when it was shown (no hint for a guesser)
    for moment in (shown - dt.timedelta(minutes=11), shown - dt.timedelta(hours=1), shown + dt.timedelta(minutes=5)):
        other = checkin_code(KEY, 7, time_step(moment))
        if all(other != checkin_code(KEY, 7, time_step(shown) + d) for d in range(-20, 2)):
            assert refused(other, shown, shown) == "checkin_code_invalid"
    assert refused(code, shown, shown, session_id=8) == "checkin_code_invalid"  # another session's
    assert refused("12345", shown, shown) == "checkin_code_invalid"
    assert refused("１２３４５６", shown, shown) == "checkin_code_invalid"  # full-width digits are not digits here


def test_the_scan_lies_in_the_session_window_not_in_the_future_and_is_sent_within_a_day():
    start, end = local(WITA, 2027, 1, 4, 9), local(WITA, 2027, 1, 4, 11)
    at = lambda moment: checkin_code(KEY, 7, time_step(moment))  # noqa: E731
    early = start - dt.timedelta(minutes=31)
    assert refused(at(early), early, early) == "checkin_outside_session"
    assert refused(at(start - dt.timedelta(minutes=29)), start - dt.timedelta(minutes=29), start) is None
    after = end + dt.timedelta(minutes=31)
    assert refused(at(after), after, after) == "checkin_outside_session"
    future = start + dt.timedelta(minutes=10)
    assert refused(at(future), future, future - CLOCK_SKEW - dt.timedelta(seconds=1)) == "checkin_scanned_in_future"
    offline = start + dt.timedelta(minutes=20)
    assert refused(at(offline), offline, end + LATE_SUBMISSION) is None  # sent the next day
    assert refused(at(offline), offline, end + LATE_SUBMISSION + dt.timedelta(seconds=1)) == "checkin_too_late"


def test_the_attendance_rule():
    assert [required_sessions(total, 80) for total in (1, 2, 3, 4, 5, 10)] == [1, 2, 3, 4, 4, 8]
    assert required_sessions(2, 50) == 1 and required_sessions(3, 1) == 1
    assert attended_enough(4, 5, 80) and not attended_enough(3, 5, 80) and not attended_enough(0, 0, 80)


def test_registration_times_keep_to_the_calendar():
    check_registration_times(None, local(WIB, 2027, 1, 4, 9))
    for opens, closes in [
        (dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))), local(WIB, 2027, 1, 4, 9)),
        (None, dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.timezone(-dt.timedelta(hours=1)))),
    ]:
        with pytest.raises(InvalidInput) as refused_times:
            check_registration_times(opens, closes)
        assert refused_times.value.code == "event_registration_times"
    with pytest.raises(InvalidInput) as naive:
        check_registration_times(dt.datetime(2027, 1, 1), local(WIB, 2027, 1, 4, 9))
    assert naive.value.code == "event_time_zone_missing"


def test_the_registration_window():
    opens, closes = local(WIB, 2027, 1, 1), local(WIB, 2027, 1, 4, 9)
    check_registration_window(opens, closes, opens)
    check_registration_window(None, closes, closes)
    for now in (opens - dt.timedelta(seconds=1), closes + dt.timedelta(seconds=1)):
        with pytest.raises(Conflict):
            check_registration_window(opens, closes, now)
