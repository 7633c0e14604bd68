import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from domain.errors import InvalidInput
from domain.leaderboards import (
    MAX_LIMIT,
    Period,
    PeriodWindow,
    Scope,
    Standing,
    board_timezone,
    check_limit,
    competition_ranks,
    next_period_start,
    parse_period,
    parse_scope,
    period_start,
    previous_window,
    totals_code,
    window_at,
    window_of,
)

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
D = dt.date.fromisoformat


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.timezone.utc)


# periods on the calendar of a zone


# Sunday 2026-11-22 at 15:00, 16:00 and 17:00 UTC are Monday 00:00 in WIT, WITA and WIB in turn
@pytest.mark.parametrize(
    ("now", "zone", "start"),
    [
        (utc(2026, 11, 22, 16, 59, 59), WIB, "2026-11-16"),
        (utc(2026, 11, 22, 17, 0), WIB, "2026-11-23"),
        (utc(2026, 11, 22, 15, 59, 59), WITA, "2026-11-16"),
        (utc(2026, 11, 22, 16, 0), WITA, "2026-11-23"),
        (utc(2026, 11, 22, 14, 59, 59), WIT, "2026-11-16"),
        (utc(2026, 11, 22, 15, 0), WIT, "2026-11-23"),
    ],
)
def test_a_week_starts_on_monday_at_midnight_in_the_regions_time_zone(now, zone, start):
    assert window_at(Period.WEEK, zone, now).start == D(start)


@pytest.mark.parametrize(
    ("now", "zone", "year"),
    [
        (utc(2026, 12, 31, 15, 30), WIB, 2026),  # 22:30 on New Year's Eve in Medan
        (utc(2026, 12, 31, 15, 30), WITA, 2026),  # 23:30 in Palu
        (utc(2026, 12, 31, 15, 30), WIT, 2027),  # already 00:30 on New Year's Day in Jayapura
        (utc(2026, 12, 31, 16, 59, 59), WIB, 2026),
        (utc(2026, 12, 31, 17, 0), WIB, 2027),
    ],
)
def test_the_year_turns_at_local_midnight_of_each_zone(now, zone, year):
    assert window_at(Period.YEAR, zone, now).start == dt.date(year, 1, 1)
    assert window_at(Period.MONTH, zone, now).start == (dt.date(2026, 12, 1) if year == 2026 else dt.date(2027, 1, 1))


def test_29_february_belongs_to_february_until_local_midnight():
    moment = utc(2028, 2, 29, 16, 30)  # 23:30 WIB, but 00:30 on 1 March in WITA
    assert window_at(Period.MONTH, WIB, moment).key == "2028-02"
    assert window_at(Period.MONTH, WITA, moment).key == "2028-03"
    assert window_at(Period.WEEK, WIB, moment).start == window_at(Period.WEEK, WITA, moment).start == D("2028-02-28")


def test_all_time_has_no_start_no_end_and_one_key():
    window = window_at(Period.ALL, WIB, utc(2026, 11, 23))
    assert (window.start, window.starts_at, window.ends_at, window.key) == (None, None, None, "all")
    assert period_start(Period.ALL, D("2026-11-23")) is None
    with pytest.raises(ValueError):
        next_period_start(Period.ALL, D("2026-11-23"))


@pytest.mark.parametrize(
    ("period", "start", "key"),
    [
        (Period.WEEK, "2026-12-28", "2026-W53"),  # 2026 has 53 ISO weeks; this one holds 1 January 2027
        (Period.WEEK, "2027-01-04", "2027-W01"),
        (Period.WEEK, "2025-12-29", "2026-W01"),  # holds 31 December 2025: keyed by its ISO year
        (Period.WEEK, "2020-12-28", "2020-W53"),
        (Period.WEEK, "2026-03-02", "2026-W10"),
        (Period.MONTH, "2028-02-01", "2028-02"),
        (Period.MONTH, "2026-12-01", "2026-12"),
        (Period.YEAR, "2027-01-01", "2027"),
    ],
)
def test_a_period_is_keyed_by_its_iso_week_month_or_year(period, start, key):
    assert window_of(period, WIB, D(start)).key == key


def test_31_december_2026_and_1_january_2027_share_week_53_but_not_the_year():
    old, new = utc(2026, 12, 31, 5), utc(2027, 1, 1, 5)
    assert window_at(Period.WEEK, WIB, old) == window_at(Period.WEEK, WIB, new)
    assert window_at(Period.WEEK, WIB, new).key == "2026-W53"
    assert (window_at(Period.YEAR, WIB, old).key, window_at(Period.YEAR, WIB, new).key) == ("2026", "2027")


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        (Period.WEEK, "2026-12-28", "2027-01-04"),
        (Period.MONTH, "2028-02-01", "2028-03-01"),  # 29 days
        (Period.MONTH, "2027-02-01", "2027-03-01"),  # 28 days
        (Period.MONTH, "2026-01-01", "2026-02-01"),
        (Period.MONTH, "2026-12-01", "2027-01-01"),
        (Period.YEAR, "2028-01-01", "2029-01-01"),
    ],
)
def test_a_period_ends_where_the_next_one_starts(period, start, end):
    assert next_period_start(period, D(start)) == D(end)


@pytest.mark.parametrize(("zone", "hours"), [(WIB, 7), (WITA, 8), (WIT, 9)])
def test_a_window_runs_from_local_midnight_to_the_next_local_midnight(zone, hours):
    window = window_of(Period.WEEK, zone, D("2026-12-28"))
    assert window.starts_at == dt.datetime(2026, 12, 28, tzinfo=ZoneInfo(zone))
    assert window.ends_at == utc(2027, 1, 4) - dt.timedelta(hours=hours)
    assert window.ends_at - window.starts_at == dt.timedelta(days=7)


@pytest.mark.parametrize("period", [Period.WEEK, Period.MONTH, Period.YEAR])
@pytest.mark.parametrize("zone", [WIB, WITA, WIT])
@pytest.mark.parametrize(
    "now",
    [
        utc(2026, 12, 31, 14, 59, 59),
        utc(2026, 12, 31, 15, 0),
        utc(2026, 12, 31, 16, 0),
        utc(2026, 12, 31, 17, 0),
        utc(2028, 2, 29, 16, 0),
        utc(2028, 2, 29, 23, 59, 59),
    ],
)
def test_the_window_at_a_moment_holds_that_moment(period, zone, now):
    window = window_at(period, zone, now)
    assert window.starts_at <= now < window.ends_at


@pytest.mark.parametrize(
    ("period", "start", "before"),
    [
        (Period.WEEK, "2027-01-04", "2026-12-28"),
        (Period.WEEK, "2026-01-05", "2025-12-29"),
        (Period.MONTH, "2028-03-01", "2028-02-01"),
        (Period.MONTH, "2027-01-01", "2026-12-01"),
        (Period.YEAR, "2027-01-01", "2026-01-01"),
    ],
)
def test_the_previous_window_is_the_period_just_before(period, start, before):
    previous = previous_window(window_of(period, WITA, D(start)))
    assert previous == PeriodWindow(period, D(before), WITA)
    assert previous.ends_at == window_of(period, WITA, D(start)).starts_at


def test_all_time_has_no_previous_window():
    assert previous_window(PeriodWindow(Period.ALL, None, WIB)) is None


@pytest.mark.parametrize(
    ("period", "start"),
    [
        (Period.WEEK, "2026-11-24"),  # a Tuesday
        (Period.MONTH, "2026-11-02"),
        (Period.YEAR, "2026-02-01"),
        (Period.ALL, "2026-01-01"),
        (Period.WEEK, "1999-12-27"),  # a Monday, before the earliest period a board keeps
        (Period.WEEK, "2100-01-04"),  # a Monday after the latest
        (Period.YEAR, "2101-01-01"),
    ],
)
def test_a_date_that_starts_no_such_period_or_lies_out_of_range_is_refused(period, start):
    with pytest.raises(InvalidInput) as caught:
        window_of(period, WIB, D(start))
    assert caught.value.code == "board_period_start_invalid"


@pytest.mark.parametrize(("period", "start"), [(Period.YEAR, "2000-01-01"), (Period.YEAR, "2100-01-01")])
def test_the_range_of_past_periods_includes_both_ends(period, start):
    assert window_of(period, WIB, D(start)).start == D(start)


# which calendar a board keeps


@pytest.mark.parametrize(
    ("scope", "region_zone", "zone"),
    [
        (Scope.NATIONAL, WIT, WIB),
        (Scope.REGION, WIT, WIT),
        (Scope.AGENCY, WITA, WITA),
        (Scope.UNIT, WITA, WITA),
        (Scope.UNIT, None, WIB),
    ],
)
def test_a_board_keeps_its_regions_calendar_and_the_national_board_keeps_wib(scope, region_zone, zone):
    assert board_timezone(scope, region_zone) == zone


@pytest.mark.parametrize(
    ("scope", "period", "code"),
    [
        (Scope.NATIONAL, Period.WEEK, "nweek"),
        (Scope.NATIONAL, Period.YEAR, "nyear"),
        (Scope.REGION, Period.WEEK, "week"),
        (Scope.UNIT, Period.MONTH, "month"),
    ],
)
def test_national_totals_are_stored_apart_from_the_regional_calendar(scope, period, code):
    assert totals_code(scope, period) == code


# order and ranks

T = dt.datetime(2026, 11, 23, 8, tzinfo=dt.timezone.utc)


def test_more_xp_comes_first_then_whoever_reached_it_first_then_the_lower_id():
    board = [
        Standing.of(5, 100, T + dt.timedelta(minutes=1)),
        Standing.of(9, 100, T),
        Standing.of(3, 100, T + dt.timedelta(minutes=1)),
        Standing.of(1, 50, T - dt.timedelta(days=1)),
        Standing.of(2, 200, T + dt.timedelta(days=1)),
    ]
    assert [s.person_id for s in sorted(board)] == [2, 9, 3, 5, 1]
    assert [s.xp for s in sorted(board)] == [200, 100, 100, 100, 50]


def test_an_offline_completion_counts_from_when_it_happened_whatever_its_zone():
    synced_late = Standing.of(4, 100, dt.datetime(2026, 11, 23, 14, tzinfo=ZoneInfo(WIT)))  # 05:00 UTC
    online = Standing.of(1, 100, dt.datetime(2026, 11, 23, 13, tzinfo=ZoneInfo(WIB)))  # 06:00 UTC
    assert sorted([online, synced_late])[0] is synced_late


@pytest.mark.parametrize(
    ("first_position", "first_rank", "xps", "ranks"),
    [
        (0, 1, [100, 90, 90, 80], [1, 2, 2, 4]),
        (0, 1, [50, 50, 50], [1, 1, 1]),  # a tie at the top shares rank 1
        (0, 1, [0, 0], [1, 1]),
        (10, 9, [70, 70, 60], [9, 9, 13]),  # a page that starts inside a tie from the page above
        (3, 4, [5], [4]),
        (0, 1, [], []),
    ],
)
def test_rank_is_one_plus_the_number_of_people_with_strictly_more_xp(first_position, first_rank, xps, ranks):
    assert competition_ranks(first_position, first_rank, xps) == ranks


def test_ranks_of_a_page_agree_with_ranks_of_the_whole_board():
    board = [90, 80, 80, 80, 70, 70, 60, 50, 50, 10]
    whole = competition_ranks(0, 1, board)
    assert whole == [1 + sum(other > xp for other in board) for xp in board]
    for start in range(len(board)):
        assert competition_ranks(start, whole[start], board[start : start + 3]) == whole[start : start + 3]


# what a board request may ask for


@pytest.mark.parametrize("limit", [1, MAX_LIMIT])
def test_a_limit_within_range_is_kept(limit):
    assert check_limit(limit) == limit


@pytest.mark.parametrize("limit", [0, -1, MAX_LIMIT + 1])
def test_a_limit_out_of_range_is_refused(limit):
    with pytest.raises(InvalidInput) as caught:
        check_limit(limit)
    assert (caught.value.code, caught.value.params) == ("board_limit_out_of_range", {"max": MAX_LIMIT})


def test_a_radius_is_checked_against_its_own_maximum_and_code():
    assert check_limit(25, 25, "board_radius_out_of_range") == 25
    with pytest.raises(InvalidInput) as caught:
        check_limit(26, 25, "board_radius_out_of_range")
    assert caught.value.code == "board_radius_out_of_range"


@pytest.mark.parametrize(
    ("parse", "raw", "code"),
    [
        (parse_scope, "city", "board_scope_unknown"),
        (parse_period, "day", "board_period_unknown"),
        (parse_period, "WEEK", "board_period_unknown"),
    ],
)
def test_an_unknown_scope_or_period_is_refused(parse, raw, code):
    with pytest.raises(InvalidInput) as caught:
        parse(raw)
    assert caught.value.code == code


def test_scopes_and_periods_are_read_by_their_names():
    assert parse_scope("agency") is Scope.AGENCY
    assert parse_period("all") is Period.ALL
