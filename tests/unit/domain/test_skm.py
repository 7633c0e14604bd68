"""The IKM of PermenPANRB 14/2017, by hand: NRR per element, the index, its grade, the sample, the periods."""

import datetime as dt
from decimal import Decimal

import pytest

from domain.errors import InvalidInput
from domain.skm import (
    ELEMENTS,
    KREJCIE_MORGAN,
    SurveyPeriod,
    grade_of,
    ikm_of,
    minimum_sample,
    parse_at,
    period_population,
    previous_window,
    shown_number,
    survey_window,
)

# Four answers, U1..U9 each:
#   4 4 4 4 4 4 4 4 4
#   3 3 3 3 3 3 3 3 3
#   4 4 3 3 4 4 4 3 3
#   3 4 3 4 3 4 4 3 2
# Element totals 14 15 13 14 14 15 15 13 12, so NRR 3.5 3.75 3.25 3.5 3.5 3.75 3.75 3.25 3.0 (sum 31.25);
# IKM = 31.25 / 9 × 25 = 86.8055… → 86.81, grade B (Baik). The regulation's printed weight 0,111 would give 86.72.
HAND = {"U1": 14, "U2": 15, "U3": 13, "U4": 14, "U5": 14, "U6": 15, "U7": 15, "U8": 13, "U9": 12}


def spread(total: int, answers: int) -> dict[str, int]:
    """Element totals adding up to ``total`` for ``answers`` answers, each between 1 and 4 per answer."""
    base, extra = divmod(total, 9)
    totals = {e.code: base + (1 if n < extra else 0) for n, e in enumerate(ELEMENTS)}
    assert all(answers <= t <= 4 * answers for t in totals.values())
    return totals


def test_the_hand_computed_example():
    score = ikm_of(4, HAND)
    assert score.answers == 4
    assert score.ikm == Decimal("86.81")
    assert (score.grade.letter, score.grade.label) == ("B", "Baik")
    nrr = {e.code: e.nrr for e in score.elements}
    assert nrr == {
        "U1": Decimal("3.5000"),
        "U2": Decimal("3.7500"),
        "U3": Decimal("3.2500"),
        "U4": Decimal("3.5000"),
        "U5": Decimal("3.5000"),
        "U6": Decimal("3.7500"),
        "U7": Decimal("3.7500"),
        "U8": Decimal("3.2500"),
        "U9": Decimal("3.0000"),
    }
    converted = {e.code: (e.converted, e.grade) for e in score.elements}
    assert converted["U2"] == (Decimal("93.75"), "A")
    assert converted["U1"] == (Decimal("87.50"), "B")
    assert converted["U9"] == (Decimal("75.00"), "C")


def test_the_nine_elements_of_the_regulation_in_order():
    assert [e.code for e in ELEMENTS] == [f"U{n}" for n in range(1, 10)]
    assert ELEMENTS[6].name == "Perilaku Pelaksana"
    assert ELEMENTS[7].name == "Penanganan Pengaduan, Saran dan Masukan"


@pytest.mark.parametrize(
    ("shown", "letter"),
    [
        ("100.00", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25.00", "D"),
    ],
)
def test_grade_boundaries(shown, letter):
    assert grade_of(Decimal(shown)).letter == letter


def test_the_grade_is_read_from_the_index_as_shown():
    # 25 × 1367 / (9 × 43) = 88.3075…: shown 88.31, an A
    above = ikm_of(43, spread(1367, 43))
    assert (above.ikm, above.grade.letter) == (Decimal("88.31"), "A")
    # 25 × 604 / (9 × 19) = 88.3040…: shown 88.30, a B
    below = ikm_of(19, spread(604, 19))
    assert (below.ikm, below.grade.letter) == (Decimal("88.30"), "B")


def test_all_fours_and_all_ones_are_the_ends_of_the_scale():
    best = ikm_of(3, {e.code: 12 for e in ELEMENTS})
    worst = ikm_of(3, {e.code: 3 for e in ELEMENTS})
    assert (best.ikm, best.grade.letter) == (Decimal("100.00"), "A")
    assert (worst.ikm, worst.grade.letter) == (Decimal("25.00"), "D")


def test_no_answers_no_index():
    score = ikm_of(0, {})
    assert (score.ikm, score.grade) == (None, None)
    assert [e.nrr for e in score.elements] == [None] * 9


def test_the_sample_table_is_krejcie_and_morgan():
    # every row is the formula s = χ²NP(1-P) / (d²(N-1) + χ²P(1-P)), χ² = 3.841, P = 0.5, d = 0.05, rounded
    for population, sample in KREJCIE_MORGAN:
        exact = 3.841 * population * 0.25 / (0.0025 * (population - 1) + 3.841 * 0.25)
        assert round(exact) == sample, population


@pytest.mark.parametrize(
    ("population", "sample"),
    [(None, None), (0, 0), (7, 7), (10, 10), (11, 14), (100, 80), (101, 86), (1000, 278), (75_001, 384), (10**8, 384)],
)
def test_minimum_sample(population, sample):
    assert minimum_sample(population) == sample


def test_a_period_population_is_its_share_of_the_year_rounded_up():
    assert period_population(1200, SurveyPeriod.MONTH) == 100
    assert period_population(1201, SurveyPeriod.MONTH) == 101
    assert period_population(1201, SurveyPeriod.QUARTER) == 301
    assert period_population(1201, SurveyPeriod.YEAR) == 1201
    assert period_population(None, SurveyPeriod.YEAR) is None


def test_periods_on_local_dates():
    day = dt.date(2026, 12, 7)
    month = survey_window(SurveyPeriod.MONTH, day)
    quarter = survey_window(SurveyPeriod.QUARTER, day)
    year = survey_window(SurveyPeriod.YEAR, day)
    assert (month.key, month.start, month.end) == ("2026-12", dt.date(2026, 12, 1), dt.date(2027, 1, 1))
    assert (quarter.key, quarter.start, quarter.last_day) == ("2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert (year.key, year.end) == ("2026", dt.date(2027, 1, 1))
    assert previous_window(quarter).key == "2026-Q3"
    assert previous_window(survey_window(SurveyPeriod.MONTH, dt.date(2027, 1, 1))).key == "2026-12"


@pytest.mark.parametrize(
    ("text", "period", "day"),
    [
        ("2026-12", SurveyPeriod.MONTH, dt.date(2026, 12, 1)),
        ("2026-Q4", SurveyPeriod.QUARTER, dt.date(2026, 10, 1)),
        ("2026-11", SurveyPeriod.QUARTER, dt.date(2026, 11, 1)),
        ("2026", SurveyPeriod.YEAR, dt.date(2026, 1, 1)),
        ("2026-05", SurveyPeriod.YEAR, dt.date(2026, 5, 1)),
    ],
)
def test_the_period_asked_for(text, period, day):
    assert parse_at(text, period) == day


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2026", SurveyPeriod.MONTH),
        ("2026-Q4", SurveyPeriod.MONTH),
        ("2026-13", SurveyPeriod.MONTH),
        ("2026-Q5", SurveyPeriod.QUARTER),
        ("1999-01", SurveyPeriod.MONTH),
        ("2026-1", SurveyPeriod.MONTH),
        ("２０２６-12", SurveyPeriod.MONTH),
        ("", SurveyPeriod.YEAR),
    ],
)
def test_a_malformed_period_is_refused(text, period):
    with pytest.raises(InvalidInput):
        parse_at(text, period)


def test_numbers_are_shown_the_indonesian_way():
    assert shown_number(Decimal("87.5")) == "87,50"
