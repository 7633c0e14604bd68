"""Praise and its monthly slot, with no I/O."""

import datetime as dt

import pytest

from domain.errors import Conflict, InvalidInput
from domain.moderation import CommentDecision, CommentStatus, check_release_of_flagged, next_status
from domain.praise import is_praise, slot_level, slot_within
from domain.rules import FactValues, Formula, check_rule, evaluate


@pytest.mark.parametrize(
    ("served_by", "u6", "u7", "praise"),
    [(7, 3, 3, True), (7, 4, 4, True), (7, 2, 4, False), (7, 4, 2, False), (None, 4, 4, False)],
)
def test_praise_names_an_asn_and_scores_their_own_elements_well(served_by, u6, u7, praise):
    assert is_praise(served_by, u6, u7) is praise


def test_a_slot_is_the_month_and_its_number():
    assert slot_level(dt.date(2026, 1, 31), 3) == "2026-01#3"


@pytest.mark.parametrize(
    ("level", "within"),
    [
        ("2026-12#1", True),
        ("2026-12#5", True),
        ("2026-12#6", False),
        ("2026-12#05", False),  # not a slot this engine writes: never paid
        ("2026-12#0", False),
        ("2026-12#", False),
        ("2026-1#1", False),
        ("unit", False),
        (None, False),
    ],
)
def test_the_cap_pays_the_first_slots_of_a_month(level, within):
    assert slot_within(level, 5) is within
    xp = evaluate(Formula.CAPPED_PER_MONTH, {"xp": 25, "per_month": 5}, FactValues(level=level))
    assert xp == (25 if within else 0)


def test_a_voided_praise_pays_nothing():
    assert (
        evaluate(Formula.CAPPED_PER_MONTH, {"xp": 25, "per_month": 5}, FactValues(level="2026-12#1", voided=True)) == 0
    )


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"xp": 25}, "rule_params"),
        ({"xp": 25, "per_month": 0}, "rule_per_month_range"),
        ({"xp": 25, "per_month": 101}, "rule_per_month_range"),
        ({"xp": -1, "per_month": 5}, "rule_param_range"),
        ({"xp": 25, "per_month": True}, "rule_param_range"),
    ],
)
def test_a_capped_rule_checks_its_params(params, code):
    with pytest.raises(InvalidInput) as raised:
        check_rule("citizen_praise", "capped_per_month", params, dt.date(2026, 1, 1))
    assert raised.value.code == code


def test_only_praise_is_capped_by_its_slot():
    with pytest.raises(InvalidInput) as raised:
        check_rule("certificate_verified", "capped_per_month", {"xp": 5, "per_month": 2}, dt.date(2026, 1, 1))
    assert raised.value.code == "rule_formula_needs_slots"
    assert check_rule("citizen_praise", "capped_per_month", {"xp": 5, "per_month": 2}, dt.date(2026, 1, 1))[2] == {
        "xp": 5,
        "per_month": 2,
    }


@pytest.mark.parametrize(
    ("current", "decision", "after"),
    [
        (CommentStatus.PENDING, CommentDecision.RELEASE, CommentStatus.RELEASED),
        (CommentStatus.PENDING, CommentDecision.HIDE, CommentStatus.HIDDEN),
        (CommentStatus.RELEASED, CommentDecision.HIDE, CommentStatus.HIDDEN),
        (CommentStatus.RELEASED, CommentDecision.RELEASE, None),
        (CommentStatus.HIDDEN, CommentDecision.HIDE, None),
    ],
)
def test_moderation_moves(current, decision, after):
    assert next_status(current, decision) is after


def test_a_hidden_comment_stays_hidden():
    with pytest.raises(Conflict) as raised:
        next_status(CommentStatus.HIDDEN, CommentDecision.RELEASE)
    assert raised.value.code == "survey_comment_decided"


def test_a_flagged_comment_is_released_only_when_confirmed():
    with pytest.raises(InvalidInput):
        check_release_of_flagged(True, CommentDecision.RELEASE, confirmed=False)
    check_release_of_flagged(True, CommentDecision.RELEASE, confirmed=True)
    check_release_of_flagged(True, CommentDecision.HIDE, confirmed=False)
    check_release_of_flagged(False, CommentDecision.RELEASE, confirmed=False)
