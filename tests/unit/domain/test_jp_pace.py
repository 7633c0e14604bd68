import datetime as dt
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from domain.errors import InvalidInput
from domain.jp_pace import JpStatus, UnitSort, jp_pace, jp_status, parse_unit_sort

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"


def at(timezone: str, *when: int) -> dt.datetime:
    return dt.datetime(*when, tzinfo=ZoneInfo(timezone)).astimezone(dt.timezone.utc)


@pytest.mark.parametrize("timezone", [WIB, WITA, WIT])
def test_at_the_first_moment_of_the_local_year_nothing_is_due(timezone):
    pace = jp_pace(at(timezone, 2026, 1, 1, 0, 0), timezone)
    assert (pace.year, pace.elapsed, pace.due_centi) == (2026, 0, 0)
    assert jp_status(0, pace) is JpStatus.ON_TRACK


@pytest.mark.parametrize("timezone", [WIB, WITA, WIT])
def test_a_second_before_the_local_year_ends_almost_all_twenty_jp_are_due(timezone):
    pace = jp_pace(at(timezone, 2026, 12, 31, 23, 59, 59), timezone)
    assert pace.year == 2026 and pace.due_centi == 2000 and pace.elapsed < 1
    assert jp_status(1999, pace) is JpStatus.BEHIND and jp_status(2000, pace) is JpStatus.MET


def test_the_same_instant_is_a_new_year_in_jayapura_and_the_old_one_in_jakarta():
    instant = at(WIT, 2027, 1, 1, 1, 0)  # 01:00 WIT is 23:00 WIB on 31 December
    assert jp_pace(instant, WIT).year == 2027 and jp_pace(instant, WIT).due_centi == 1
    assert jp_pace(instant, WITA).year == 2027
    assert jp_pace(instant, WIB).year == 2026 and jp_pace(instant, WIB).due_centi == 2000


def test_a_leap_year_has_366_days_and_29_february_counts():
    pace = jp_pace(at(WIB, 2028, 2, 29, 0, 0), WIB)
    assert pace.elapsed == Fraction(31 + 28, 366)
    after = jp_pace(at(WIB, 2028, 3, 1, 0, 0), WIB)
    assert after.elapsed == Fraction(60, 366)
    assert pace.due_centi == 323 and after.due_centi == 328  # ceil(2000 × 59/366), ceil(2000 × 60/366)


def test_mid_year_half_is_due_and_the_status_follows_it():
    pace = jp_pace(at(WITA, 2026, 7, 2, 12, 0), WITA)  # 182.5 of 365 days
    assert pace.elapsed == Fraction(1, 2) and pace.due_centi == 1000 and pace.elapsed_share == 0.5
    assert [jp_status(centi, pace) for centi in (0, 999, 1000, 1999, 2000, 4000)] == [
        JpStatus.BEHIND,
        JpStatus.BEHIND,
        JpStatus.ON_TRACK,
        JpStatus.ON_TRACK,
        JpStatus.MET,
        JpStatus.MET,
    ]


def test_the_due_jp_are_rounded_up_to_a_hundredth_so_a_fraction_short_is_behind():
    pace = jp_pace(at(WIB, 2026, 1, 2, 0, 0), WIB)  # 1/365 of the year: 5.479… hundredths due
    assert pace.due_centi == 6
    assert jp_status(5, pace) is JpStatus.BEHIND and jp_status(6, pace) is JpStatus.ON_TRACK


def test_the_unit_list_sorts_by_compliance_or_name_only():
    assert parse_unit_sort("compliance") is UnitSort.COMPLIANCE and parse_unit_sort("name") is UnitSort.NAME
    with pytest.raises(InvalidInput) as refused:
        parse_unit_sort("jp")
    assert refused.value.code == "unit_sort_unknown"
