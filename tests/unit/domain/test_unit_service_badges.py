"""Unit badges for good service: their criteria as data, and whether a unit's period earns one. No I/O."""

from decimal import Decimal

import pytest

from domain.badges import LearnerNumbers, check_criteria, evidence, unit_service_evidence
from domain.errors import InvalidInput
from domain.skm import ELEMENTS, ikm_of

HAND = {"U1": 14, "U2": 15, "U3": 13, "U4": 14, "U5": 14, "U6": 15, "U7": 15, "U8": 13, "U9": 12}  # IKM 86.81


@pytest.mark.parametrize(
    "criteria",
    [
        {"kind": "unit_service", "element": "U7", "min": 3.5, "period": "quarter", "min_answers": 30},
        {"kind": "unit_service", "element": "IKM", "min": 88.31, "period": "month"},
        {"kind": "unit_service", "element": "U1", "min": 4, "period": "year", "min_answers": 1},
        {"kind": "unit_service", "element": "IKM", "min": 25, "period": "year"},
    ],
)
def test_well_formed_unit_criteria_are_kept(criteria):
    assert check_criteria(criteria) == criteria


@pytest.mark.parametrize(
    ("criteria", "code"),
    [
        ({"kind": "unit_service", "element": "U10", "min": 3, "period": "month"}, "badge_criterion_element"),
        ({"kind": "unit_service", "element": "u7", "min": 3, "period": "month"}, "badge_criterion_element"),
        ({"kind": "unit_service", "element": "U7", "min": 4.01, "period": "month"}, "badge_criterion_min"),
        ({"kind": "unit_service", "element": "U7", "min": 0.5, "period": "month"}, "badge_criterion_min"),
        ({"kind": "unit_service", "element": "IKM", "min": 3.5, "period": "month"}, "badge_criterion_min"),
        ({"kind": "unit_service", "element": "IKM", "min": 100.5, "period": "month"}, "badge_criterion_min"),
        ({"kind": "unit_service", "element": "IKM", "min": 88.123456, "period": "month"}, "badge_criterion_min"),
        ({"kind": "unit_service", "element": "IKM", "min": float("nan"), "period": "month"}, "badge_criterion_min"),
        ({"kind": "unit_service", "element": "IKM", "min": float("inf"), "period": "month"}, "badge_criterion_min"),
        ({"kind": "unit_service", "element": "IKM", "min": "88", "period": "month"}, "badge_criterion_min"),
        ({"kind": "unit_service", "element": "IKM", "min": True, "period": "month"}, "badge_criterion_min"),
        ({"kind": "unit_service", "element": "IKM", "min": 88, "period": "week"}, "ikm_period_unknown"),
        ({"kind": "unit_service", "element": "IKM", "min": 88}, "badge_criterion_params"),
        ({"kind": "unit_service", "element": "IKM", "min": 88, "period": "year", "top": 3}, "badge_criterion_params"),
        (
            {"kind": "unit_service", "element": "IKM", "min": 88, "period": "year", "min_answers": 0},
            "badge_criterion_params",
        ),
        (
            {"kind": "unit_service", "element": "IKM", "min": 88, "period": "year", "min_answers": 2.0},
            "badge_criterion_params",
        ),
    ],
)
def test_malformed_unit_criteria_are_refused(criteria, code):
    with pytest.raises(InvalidInput) as caught:
        check_criteria(criteria)
    assert caught.value.code == code


def test_a_unit_earns_it_at_the_threshold_as_shown():
    score = ikm_of(4, HAND)
    ikm = {"kind": "unit_service", "element": "IKM", "period": "quarter"}
    assert unit_service_evidence(ikm | {"min": 86.81}, score) == {
        "element": "IKM",
        "value": 86.81,
        "answers": 4,
        "ikm": 86.81,
    }
    assert unit_service_evidence(ikm | {"min": 86.82}, score) is None
    u7 = {"kind": "unit_service", "element": "U7", "period": "quarter"}
    assert unit_service_evidence(u7 | {"min": 3.75}, score)["value"] == 3.75
    assert unit_service_evidence(u7 | {"min": 3.7501}, score) is None
    assert unit_service_evidence(u7 | {"min": 3.5, "min_answers": 5}, score) is None  # too few answers


def test_a_unit_without_answers_earns_nothing():
    criteria = {"kind": "unit_service", "element": "IKM", "min": 25, "period": "month"}
    assert unit_service_evidence(criteria, ikm_of(0, {})) is None


def test_a_person_never_earns_a_unit_badge():
    criteria = {"kind": "unit_service", "element": "IKM", "min": 25, "period": "month"}
    assert evidence(criteria, LearnerNumbers(jp_year_centi=10_000, longest_streak=100)) is None


def test_every_element_can_be_a_criterion():
    for element in ELEMENTS:
        criteria = {
            "kind": "unit_service",
            "element": element.code,
            "min": Decimal("3.5").__float__(),
            "period": "month",
        }
        assert check_criteria(criteria)["element"] == element.code
