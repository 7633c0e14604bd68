import pytest

from domain.errors import InvalidInput
from domain.levels import DEFAULT_LEVELS, Level, check_levels, level_for


@pytest.mark.parametrize(
    ("xp", "level"),
    [
        (0, Level(1, "Pemula", 0)),
        (99, Level(1, "Pemula", 0)),
        (100, Level(2, "Pembelajar", 100)),  # reaching a threshold is enough
        (299, Level(2, "Pembelajar", 100)),
        (300, Level(3, "Penggerak", 300)),
        (700, Level(4, "Inovator", 700)),
        (1499, Level(4, "Inovator", 700)),
        (1500, Level(5, "Teladan", 1500)),
        (3000, Level(6, "Maestro Digital", 3000)),
        (10**9, Level(6, "Maestro Digital", 3000)),  # the top level has no ceiling
    ],
)
def test_a_level_is_the_highest_threshold_reached(xp, level):
    assert level_for(xp, DEFAULT_LEVELS) == level


def test_the_default_levels_are_valid_and_start_at_zero():
    assert check_levels(DEFAULT_LEVELS) == DEFAULT_LEVELS


def test_a_custom_ladder_is_read_the_same_way():
    ladder = check_levels([(0, "Perunggu"), (10, "Perak"), (11, "Emas")])
    assert [level_for(xp, ladder).name for xp in (9, 10, 11, 12)] == ["Perunggu", "Perak", "Emas", "Emas"]


def test_names_are_trimmed_and_inner_spaces_collapsed():
    assert check_levels([(0, "  Pemula "), (100, "Maestro \t  Digital")]) == [(0, "Pemula"), (100, "Maestro Digital")]


@pytest.mark.parametrize(
    ("levels", "code"),
    [
        ([(0, "Pemula")], "levels_count"),  # a ladder needs a second rung
        ([], "levels_count"),
        ([(n * 10, f"L{n}") for n in range(31)], "levels_count"),
        ([(10, "Pemula"), (100, "Pembelajar")], "levels_thresholds"),  # the first is for everyone
        ([(0, "Pemula"), (100, "Pembelajar"), (100, "Penggerak")], "levels_thresholds"),  # a tie
        ([(0, "Pemula"), (300, "Pembelajar"), (100, "Penggerak")], "levels_thresholds"),
        ([(0, "Pemula"), (100, "   ")], "levels_name"),
        ([(0, "Pemula"), (100, "x" * 41)], "levels_name"),
    ],
)
def test_a_ladder_that_breaks_a_rule_is_refused(levels, code):
    with pytest.raises(InvalidInput) as caught:
        check_levels(levels)
    assert caught.value.code == code


def test_thirty_rungs_and_forty_character_names_are_allowed():
    ladder = [(n * 10, "x" * 40) for n in range(30)]
    assert check_levels(ladder) == ladder
