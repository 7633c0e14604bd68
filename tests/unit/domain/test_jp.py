import pytest

from domain.errors import InvalidInput
from domain.jp import MAX_JP, MINUTES_PER_JP, YEARLY_TARGET_JP, jp_value, parse_jp


def test_one_jp_is_45_minutes_and_the_yearly_right_is_20_jp():
    assert (MINUTES_PER_JP, YEARLY_TARGET_JP) == (45, 20)


def test_every_hundredth_of_a_jp_up_to_the_maximum_is_read_exactly():
    # binary floats such as 0.29 or 1.15 are not exact; the hundredths must still be
    for centi in range(MAX_JP * 100 + 1):
        assert parse_jp(centi / 100) == centi


@pytest.mark.parametrize(("jp", "centi"), [(0.25, 25), (0.5, 50), (1.15, 115), (0.29, 29), (2, 200), (40.0, 4000)])
def test_jp_is_kept_in_hundredths(jp, centi):
    assert parse_jp(jp) == centi
    assert jp_value(centi) == jp


@pytest.mark.parametrize(
    ("jp", "code"),
    [
        (0.125, "module_jp_precision"),
        (2.675, "module_jp_precision"),
        (0.001, "module_jp_precision"),
        (-0.01, "module_jp_range"),
        (40.01, "module_jp_range"),
        (100, "module_jp_range"),
    ],
)
def test_more_than_two_decimals_or_out_of_range_is_refused(jp, code):
    with pytest.raises(InvalidInput) as caught:
        parse_jp(jp)
    assert caught.value.code == code


def test_quarters_of_a_jp_add_up_to_the_yearly_target_exactly():
    assert sum(parse_jp(0.25) for _ in range(80)) == YEARLY_TARGET_JP * 100
    assert sum(parse_jp(0.1) for _ in range(10)) == 100
