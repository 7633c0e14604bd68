import datetime as dt

import pytest

from domain.errors import InvalidInput
from domain.timezones import NATIONAL_TIMEZONE, parse_timezone


def test_the_national_calendar_is_wib():
    assert NATIONAL_TIMEZONE == "Asia/Jakarta"


@pytest.mark.parametrize(("name", "hours"), [("Asia/Jakarta", 7), ("Asia/Makassar", 8), ("Asia/Jayapura", 9)])
def test_wib_wita_and_wit_are_seven_eight_and_nine_hours_ahead_all_year(name, hours):
    zone = parse_timezone(name)
    for month in (1, 7):  # no daylight saving in Indonesia
        assert dt.datetime(2026, month, 1, tzinfo=zone).utcoffset() == dt.timedelta(hours=hours)


@pytest.mark.parametrize("name", ["WIB", "asia/jakarta", "", "Mars/Olympus_Mons"])
def test_a_zone_that_is_not_an_iana_name_is_refused(name):
    with pytest.raises(InvalidInput) as caught:
        parse_timezone(name)
    assert caught.value.code == "timezone_unknown"


def test_an_unknown_zone_is_echoed_back_cut_short():
    with pytest.raises(InvalidInput) as caught:
        parse_timezone("X" * 500)
    assert caught.value.params == {"timezone": "X" * 64}
