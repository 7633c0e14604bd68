"""What tests/unit/domain/test_nip_rules.py leaves out: 29 February, the limits of the dates, spaces, short values."""

import datetime as dt

import pytest

from domain.errors import InvalidInput
from domain.nip import mask_nip, parse_nip

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize("birth", ["19880229", "20000229"])  # leap years, 2000 included
def test_a_birthday_on_29_february_of_a_leap_year_is_real(birth):
    assert parse_nip(f"{birth}2010031002", today=TODAY).birth_date.day == 29


@pytest.mark.parametrize("birth", ["19890229", "19000229"])  # 1900 was no leap year
def test_29_february_of_a_common_year_is_refused(birth):
    with pytest.raises(InvalidInput) as caught:
        parse_nip(f"{birth}2010031002", today=TODAY)
    assert caught.value.code == "nip_birth_date"


def test_a_birth_before_1900_is_refused_and_one_today_is_not():
    with pytest.raises(InvalidInput) as caught:
        parse_nip("189912312010031002", today=TODAY)
    assert caught.value.code == "nip_birth_date"
    assert parse_nip("202611232026112001", today=TODAY).birth_date == TODAY


def test_spaces_that_group_the_digits_are_ignored():
    assert parse_nip(" 19850412 201003 1 002 ", today=TODAY).value == "198504122010031002"


def test_a_woman_and_the_serial_are_read_from_the_last_four_digits():
    nip = parse_nip("199001012015062123", today=TODAY)
    assert (nip.sex, nip.serial, nip.appointed) == (2, 123, (2015, 6))


@pytest.mark.parametrize(("value", "masked"), [("1234567", "*******"), ("12345678", "12345678"), ("", "")])
def test_a_value_too_short_to_mask_is_hidden_whole(value, masked):
    assert mask_nip(value) == masked


def test_a_parsed_nip_masks_itself():
    assert parse_nip("198504122010031002", today=TODAY).masked() == "1985**********1002"
