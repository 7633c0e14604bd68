import datetime as dt

import pytest

from domain.errors import InvalidInput
from domain.nip import mask_nip, parse_nip

TODAY = dt.date(2026, 11, 23)


def test_a_valid_nip_is_read_into_its_parts():
    nip = parse_nip("198504122010031002", today=TODAY)
    assert nip.birth_date == dt.date(1985, 4, 12)
    assert nip.appointed == (2010, 3)
    assert nip.sex == 1
    assert nip.serial == 2


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("19850412201003100", "nip_format"),  # 17 digits
        ("1985041220100310021", "nip_format"),
        ("19850412201003100a", "nip_format"),
        ("１９８５０４１２２０１００３１００２", "nip_format"),  # full-width digits
        ("198502302010031002", "nip_birth_date"),  # 30 February
        ("198513012010031002", "nip_birth_date"),  # month 13
        ("203001012050011002", "nip_birth_date"),  # born in the future
        ("198504122010131002", "nip_appointment_date"),  # appointment month 13
        ("198504122010001002", "nip_appointment_date"),
        ("198504121980031002", "nip_appointment_before_birth"),
        ("198504122010033002", "nip_sex_digit"),
        ("198504122010030002", "nip_sex_digit"),
    ],
)
def test_an_impossible_nip_is_refused_with_its_reason(raw, code):
    with pytest.raises(InvalidInput) as caught:
        parse_nip(raw, today=TODAY)
    assert caught.value.code == code


def test_appointment_in_the_birth_month_is_allowed_but_not_before():
    parse_nip("198504121985042001", today=TODAY)
    with pytest.raises(InvalidInput):
        parse_nip("198504121985032001", today=TODAY)


def test_masking_keeps_only_the_ends():
    assert mask_nip("198504122010031002") == "1985**********1002"


# BKPSDM admin (issue 19): a PPPK's number carries 21 where the month of appointment would be
def test_a_pppk_number_has_21_in_the_month_field():
    nip = parse_nip("199003152023212004", today=TODAY)
    assert nip.is_pppk and nip.appointed == (2023, 21)
    assert not parse_nip("198504122010031002", today=TODAY).is_pppk
    for month in ("13", "20", "22", "00"):
        with pytest.raises(InvalidInput) as error:
            parse_nip(f"199003152023{month}2004", today=TODAY)
        assert error.value.code == "nip_appointment_date"
    with pytest.raises(InvalidInput) as error:
        parse_nip("199003151989212004", today=TODAY)  # appointed the year before birth
    assert error.value.code == "nip_appointment_before_birth"
    assert parse_nip("199003151990212004", today=TODAY).is_pppk  # the year of birth itself: no month to compare
