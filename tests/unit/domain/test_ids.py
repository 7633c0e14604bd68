import pytest

from domain.ids import MAX_ID, is_ascii_number, parse_id


@pytest.mark.parametrize(("text", "expected"), [("1", 1), ("42", 42), ("007", 7), (str(MAX_ID), MAX_ID)])
def test_plain_ascii_numbers_within_the_column_are_ids(text, expected):
    assert parse_id(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "0",
        str(MAX_ID + 1),
        "99999999999",
        "9" * 40,
        "²",  # a digit to isdigit, not a number to int
        "٣",  # Arabic-Indic three: int() reads it as 3
        "１２",  # full-width digits
        " 3",
        "3 ",
        "+3",
        "-3",
        "3_0",
        "3.0",
        "x\x00",
    ],
)
def test_anything_else_is_no_id(text):
    assert parse_id(text) is None


def test_a_wider_column_can_be_named():
    assert parse_id("99999999999", maximum=2**63 - 1) == 99999999999
    assert is_ascii_number("0") and not is_ascii_number("٣")
