import datetime as dt

import pytest

from domain.periods import month_start, week_start, year_start

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        ("2026-11-23", "2026-11-23"),  # a Monday starts its own week
        ("2026-11-29", "2026-11-23"),  # Sunday is the week's last day, not the next one's first
        ("2026-12-31", "2026-12-28"),
        ("2027-01-01", "2026-12-28"),  # the week that holds New Year started in the old year
        ("2027-01-03", "2026-12-28"),
        ("2027-01-04", "2027-01-04"),
        ("2028-02-29", "2028-02-28"),
        ("2028-03-01", "2028-02-28"),  # a week runs across the end of February
    ],
)
def test_a_week_starts_on_the_monday_on_or_before_the_day(day, monday):
    assert week_start(D(day)) == D(monday)


@pytest.mark.parametrize(
    ("day", "first"),
    [("2028-02-29", "2028-02-01"), ("2028-03-01", "2028-03-01"), ("2026-12-31", "2026-12-01")],
)
def test_a_month_starts_on_its_first_day(day, first):
    assert month_start(D(day)) == D(first)


@pytest.mark.parametrize(
    ("day", "first"),
    [("2026-12-31", "2026-01-01"), ("2027-01-01", "2027-01-01"), ("2028-02-29", "2028-01-01")],
)
def test_a_year_is_the_calendar_year_not_the_iso_week_year(day, first):
    assert year_start(D(day)) == D(first)
