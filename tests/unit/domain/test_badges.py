import pytest

from domain.badges import CompletionFact, Criterion, LearnerNumbers, check_criteria, evidence
from domain.errors import InvalidInput


@pytest.mark.parametrize(
    "criteria",
    [
        {"kind": "completions", "count": 3},
        {"kind": "completions", "count": 3, "topic": "keamanan-siber"},
        {"kind": "completions", "count": 1, "competency_type": "manajerial"},
        {"kind": "jp_year", "jp": 20},
        {"kind": "streak", "days": 30},
        {"kind": "initiatives", "count": 1},
        {"kind": "perfect_first_attempt"},
        {"kind": "board_top", "scope": "unit", "period": "week", "top": 3},
        {"kind": "streak", "days": 10_000},
    ],
)
def test_well_formed_criteria_are_kept_as_they_are(criteria):
    assert check_criteria(criteria) == criteria


@pytest.mark.parametrize(
    ("criteria", "code"),
    [
        ({}, "badge_criterion_unknown"),
        ({"kind": "xp"}, "badge_criterion_unknown"),
        ({"kind": "streak", "count": 7}, "badge_criterion_params"),  # a streak counts days
        ({"kind": "perfect_first_attempt", "count": 1}, "badge_criterion_params"),
        ({"kind": "jp_year", "jp": 0}, "badge_criterion_params"),
        ({"kind": "completions", "count": 10_001}, "badge_criterion_params"),
        ({"kind": "completions", "count": "3"}, "badge_criterion_params"),
        ({"kind": "completions", "count": 1, "topic": "Keamanan Siber"}, "module_topic_format"),
        ({"kind": "completions", "count": 1, "competency_type": "teknologi"}, "module_competency_type_unknown"),
        ({"kind": "board_top", "scope": "unit", "period": "week"}, "badge_criterion_params"),  # top N needs N
        ({"kind": "board_top", "scope": "unit", "period": "all", "top": 3}, "board_period_unknown"),  # no close
        ({"kind": "board_top", "scope": "city", "period": "week", "top": 3}, "board_scope_unknown"),
        ({"kind": "board_top", "period": "week", "top": 3}, "board_scope_unknown"),
    ],
)
def test_malformed_criteria_are_refused_with_their_reason(criteria, code):
    with pytest.raises(InvalidInput) as caught:
        check_criteria(criteria)
    assert caught.value.code == code


@pytest.mark.parametrize("kind", ["completions", "jp_year", "streak", "initiatives"])
def test_a_counting_criterion_without_its_number_is_refused(kind):
    with pytest.raises(InvalidInput):
        check_criteria({"kind": kind})


def test_a_boolean_is_not_a_count():
    with pytest.raises(InvalidInput):
        check_criteria({"kind": "streak", "days": True})


def test_a_topic_ending_in_a_newline_is_refused():
    with pytest.raises(InvalidInput):
        check_criteria({"kind": "completions", "count": 1, "topic": "keamanan-siber\n"})


def fact(id: int, *topics: str, competency_type: str = "teknis", perfect_first: bool = False) -> CompletionFact:
    return CompletionFact(id, frozenset(topics), competency_type, perfect_first)


LEARNER = LearnerNumbers(
    completions=[
        fact(1, "keamanan-siber", "literasi-digital"),
        fact(2, "analitik-data", competency_type="manajerial", perfect_first=True),
        fact(3, "keamanan-siber"),
        fact(4, "soft-skills", competency_type="sosial_kultural", perfect_first=True),
    ],
    jp_year_centi=2000,
    longest_streak=29,
    initiatives=2,
)


@pytest.mark.parametrize(
    ("criteria", "why"),
    [
        ({"kind": "completions", "count": 4}, {"completions": [1, 2, 3, 4]}),
        ({"kind": "completions", "count": 2}, {"completions": [1, 2]}),  # the first that earned it
        ({"kind": "completions", "count": 5}, None),
        ({"kind": "completions", "count": 2, "topic": "keamanan-siber"}, {"completions": [1, 3]}),
        ({"kind": "completions", "count": 3, "topic": "keamanan-siber"}, None),
        ({"kind": "completions", "count": 1, "competency_type": "manajerial"}, {"completions": [2]}),
        ({"kind": "completions", "count": 1, "topic": "analitik-data", "competency_type": "teknis"}, None),
        ({"kind": "jp_year", "jp": 20}, {"jp": 20.0}),  # exactly the yearly target
        ({"kind": "jp_year", "jp": 21}, None),
        ({"kind": "streak", "days": 29}, {"streak": 29}),
        ({"kind": "streak", "days": 30}, None),
        ({"kind": "initiatives", "count": 2}, {"initiatives": 2}),
        ({"kind": "initiatives", "count": 3}, None),
        ({"kind": "perfect_first_attempt"}, {"completions": [2]}),
        ({"kind": "board_top", "scope": "unit", "period": "week", "top": 3}, None),  # only at period close
    ],
)
def test_a_badge_is_earned_when_the_numbers_meet_its_criteria_with_the_facts_that_earned_it(criteria, why):
    assert evidence(criteria, LEARNER) == why


def test_a_newcomer_has_earned_nothing():
    newcomer = LearnerNumbers()
    for criteria in [
        {"kind": "completions", "count": 1},
        {"kind": "jp_year", "jp": 1},
        {"kind": "perfect_first_attempt"},
    ]:
        assert evidence(criteria, newcomer) is None


def test_jp_short_of_the_target_by_a_hundredth_earns_nothing():
    assert evidence({"kind": "jp_year", "jp": 20}, LearnerNumbers(jp_year_centi=1999)) is None


def test_every_criterion_kind_can_be_declared():
    declared = {
        Criterion.COMPLETIONS: {"count": 1},
        Criterion.JP_YEAR: {"jp": 1},
        Criterion.STREAK: {"days": 1},
        Criterion.INITIATIVES: {"count": 1},
        Criterion.PERFECT_FIRST_ATTEMPT: {},
        Criterion.BOARD_TOP: {"scope": "national", "period": "year", "top": 1},
        Criterion.UNIT_SERVICE: {"element": "IKM", "min": 88.31, "period": "quarter"},  # satisfaction
    }
    assert set(declared) == set(Criterion)
    for kind, params in declared.items():
        assert check_criteria({"kind": kind.value, **params})["kind"] == kind.value
