import datetime as dt

import pytest

from domain.errors import InvalidInput
from domain.site_codes import GRACE_AFTER_MIDNIGHT, check_site_code, code_of_today, site_code

SECRET = "a" * 64
WIB = "Asia/Jakarta"


def at_wib(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def refused(given: str, now: dt.datetime, secret: str = SECRET) -> str:
    with pytest.raises(InvalidInput) as caught:
        check_site_code(secret, given, now, WIB)
    return caught.value.code


def test_the_code_is_six_digits_that_change_with_the_local_day_and_differ_between_points():
    today, tomorrow = site_code(SECRET, dt.date(2026, 12, 7)), site_code(SECRET, dt.date(2026, 12, 8))
    assert len(today) == 6 and today.isdigit()
    assert today != tomorrow
    assert site_code("b" * 64, dt.date(2026, 12, 7)) != today
    code, day, until = code_of_today(SECRET, at_wib(7, 23, 59), WIB)
    assert (code, day) == (today, dt.date(2026, 12, 7))
    assert until == dt.datetime(2026, 12, 7, 17, 0, tzinfo=dt.timezone.utc)  # midnight WIB


def test_todays_code_is_taken_all_day():
    code = site_code(SECRET, dt.date(2026, 12, 7))
    for hour in (0, 8, 23):
        check_site_code(SECRET, code, at_wib(7, hour, 59), WIB)
    check_site_code(SECRET, f" {code} ", at_wib(7, 9), WIB)


def test_yesterdays_code_only_within_the_grace_after_midnight():
    yesterday = site_code(SECRET, dt.date(2026, 12, 6))
    check_site_code(SECRET, yesterday, at_wib(7, 0, 10), WIB)
    minutes = int(GRACE_AFTER_MIDNIGHT.total_seconds() // 60)
    assert refused(yesterday, at_wib(7, 0, minutes)) == "site_code_invalid"
    assert refused(yesterday, at_wib(7, 9)) == "site_code_invalid"
    assert refused(site_code(SECRET, dt.date(2026, 12, 5)), at_wib(7, 0, 5)) == "site_code_invalid"


def test_tomorrows_another_points_and_malformed_codes_are_refused():
    now = at_wib(7, 10)
    assert refused(site_code(SECRET, dt.date(2026, 12, 8)), now) == "site_code_invalid"
    assert refused(site_code("b" * 64, dt.date(2026, 12, 7)), now) == "site_code_invalid"
    for bad in ["12345", "1234567", "12345a", "１２３４５６", "٣٣٣٣٣٣", "99999999999999999999"]:
        assert refused(bad, now) == "site_code_invalid"
    assert refused("", now) == "site_code_required"
    assert refused("   ", now) == "site_code_required"
