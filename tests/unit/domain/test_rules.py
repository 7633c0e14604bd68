import datetime as dt

import pytest

from domain.errors import InvalidInput
from domain.rules import (
    DEFAULT_RULES,
    MAX_RULE_XP,
    FactKind,
    FactValues,
    Formula,
    RuleVersion,
    check_rule,
    codes_for,
    evaluate,
    governing,
)

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("formula", "params", "fact", "xp"),
    [
        (Formula.FACT_XP, {"multiplier_percent": 100}, FactValues(xp=30), 30),
        (Formula.FACT_XP, {"multiplier_percent": 150}, FactValues(xp=30), 45),
        (Formula.FACT_XP, {"multiplier_percent": 33}, FactValues(xp=10), 3),  # rounded down, never up
        (Formula.FACT_XP, {"multiplier_percent": 0}, FactValues(xp=30), 0),
        (Formula.FIXED, {"xp": 40}, FactValues(xp=999), 40),
        (Formula.PERFECT_FIRST_ATTEMPT, {"bonus": 10}, FactValues(score=100, first_attempt=True), 10),
        (Formula.PERFECT_FIRST_ATTEMPT, {"bonus": 10}, FactValues(score=100, first_attempt=False), 0),
        (Formula.PERFECT_FIRST_ATTEMPT, {"bonus": 10}, FactValues(score=99, first_attempt=True), 0),
        (Formula.PERFECT_FIRST_ATTEMPT, {"bonus": 10}, FactValues(score=None, first_attempt=True), 0),
        (Formula.BY_LEVEL, {"7": 50, "30": 200}, FactValues(level="30"), 200),
        (Formula.BY_LEVEL, {"7": 50, "30": 200}, FactValues(level="14"), 0),  # no amount for that level
        (Formula.BY_LEVEL, {"7": 50}, FactValues(level=None), 0),
    ],
)
def test_a_formula_turns_a_fact_into_xp(formula, params, fact, xp):
    assert evaluate(formula, params, fact) == xp


DEFAULTS = {rule.code: rule for rule in DEFAULT_RULES}


def test_streak_milestones_of_7_30_and_100_days_pay_more_as_they_grow():
    rule = DEFAULTS["streak_milestone"]
    paid = [evaluate(rule.formula, rule.params, FactValues(level=days)) for days in ("7", "30", "100")]
    assert paid == sorted(paid) and all(paid)


def test_a_verified_initiative_pays_by_every_impact_level_and_more_the_wider_it_reaches():
    rule = DEFAULTS["initiative_verified"]
    paid = [
        evaluate(rule.formula, rule.params, FactValues(level=level))
        for level in ("unit", "agency", "region", "national")
    ]
    assert paid == sorted(set(paid)) and paid[0] > 0


def test_a_module_pays_its_own_xp_by_default():
    rule = DEFAULTS["module_xp"]
    assert evaluate(rule.formula, rule.params, FactValues(xp=30)) == 30


@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda rule: rule.code)
def test_every_default_rule_passes_the_checks_an_admins_change_does(rule):
    assert check_rule(rule.code, rule.formula.value, rule.params, D("2026-01-01")) == (
        rule.fact_kind,
        rule.formula,
        rule.params,
    )


def test_rules_are_found_by_the_kind_of_fact_they_read():
    assert codes_for(FactKind.MODULE_COMPLETION) == ["module_xp", "perfect_first_attempt"]
    assert codes_for("streak_milestone") == ["streak_milestone"]
    assert {rule.fact_kind for rule in DEFAULT_RULES} == set(FactKind)


@pytest.mark.parametrize(
    ("code", "formula", "params", "effective_from", "error"),
    [
        ("bonus_xp", "fixed", {"xp": 5}, "2026-01-01", "rule_unknown"),
        ("workshop_attended", "double", {"xp": 5}, "2026-01-01", "rule_formula_unknown"),
        ("workshop_attended", "fixed", {}, "2026-01-01", "rule_params"),
        ("workshop_attended", "fixed", {"xp": 5, "bonus": 1}, "2026-01-01", "rule_params"),
        ("module_xp", "fact_xp", {"xp": 100}, "2026-01-01", "rule_params"),
        ("streak_milestone", "by_level", {}, "2026-01-01", "rule_params"),
        ("workshop_attended", "fixed", {"xp": -1}, "2026-01-01", "rule_param_range"),
        ("workshop_attended", "fixed", {"xp": MAX_RULE_XP + 1}, "2026-01-01", "rule_param_range"),
        ("workshop_attended", "fixed", {"xp": True}, "2026-01-01", "rule_param_range"),
        ("workshop_attended", "fixed", {"xp": 1.5}, "2026-01-01", "rule_param_range"),
        ("streak_milestone", "by_level", {"7": "50"}, "2026-01-01", "rule_param_range"),
        ("workshop_attended", "fixed", {"xp": 5}, "1999-12-31", "rule_effective_from_range"),
        ("workshop_attended", "fixed", {"xp": 5}, "2100-01-02", "rule_effective_from_range"),
    ],
)
def test_a_rule_change_that_breaks_a_rule_is_refused(code, formula, params, effective_from, error):
    with pytest.raises(InvalidInput) as caught:
        check_rule(code, formula, params, D(effective_from))
    assert caught.value.code == error


@pytest.mark.parametrize(
    ("params", "effective_from"),
    [({"xp": 0}, "2000-01-01"), ({"xp": MAX_RULE_XP}, "2100-01-01")],
)
def test_a_rule_change_at_the_edges_of_its_ranges_is_accepted(params, effective_from):
    assert check_rule("workshop_attended", "fixed", params, D(effective_from))[2] == params


def test_the_fact_kind_follows_from_the_rules_code_not_from_the_admin():
    assert (
        check_rule("initiative_replicated", "fixed", {"xp": 75}, D("2026-01-01"))[0] is FactKind.INITIATIVE_REPLICATED
    )


# which version governs a fact


def version(id: int, region_id: int | None, effective_from: str, xp: int = 40, code: str = "workshop_attended"):
    return RuleVersion(id, region_id, code, Formula.FIXED, {"xp": xp}, D(effective_from))


NATIONAL_2000 = version(1, None, "2000-01-01")
NATIONAL_2027 = version(2, None, "2027-01-01", xp=60)
PALU_2026 = version(3, 7, "2026-07-01", xp=80)
PALU_2027_FIRST = version(4, 7, "2027-01-01", xp=90)
PALU_2027_FIX = version(5, 7, "2027-01-01", xp=95)  # made later for the same day
BINJAI_2026 = version(6, 8, "2026-03-01", xp=10)
OTHER_RULE = version(7, None, "2026-01-01", code="certificate_verified")
VERSIONS = [PALU_2027_FIX, NATIONAL_2027, OTHER_RULE, PALU_2026, NATIONAL_2000, BINJAI_2026, PALU_2027_FIRST]


@pytest.mark.parametrize(
    ("region_id", "day", "expected"),
    [
        (None, "2026-12-31", NATIONAL_2000),  # a fact without a region
        (None, "2027-01-01", NATIONAL_2027),  # from its first day
        (1, "2026-12-31", NATIONAL_2000),  # a region without its own version
        (1, "2027-01-01", NATIONAL_2027),
        (7, "2026-06-30", NATIONAL_2000),  # before the region's own version takes effect
        (7, "2026-07-01", PALU_2026),
        (7, "2026-12-31", PALU_2026),  # the region's own version outranks the national one
        (7, "2027-01-01", PALU_2027_FIX),  # two versions for one day: the one made last
        (8, "2027-06-01", BINJAI_2026),  # the region's own latest, even when the nation changed since
        (8, "2026-02-28", NATIONAL_2000),
        (None, "1999-12-31", None),  # before any version
    ],
)
def test_a_fact_is_governed_by_its_regions_latest_version_in_effect_else_the_national_one(region_id, day, expected):
    assert governing(VERSIONS, "workshop_attended", region_id, D(day)) == expected


def test_a_rule_without_versions_governs_nothing():
    assert governing(VERSIONS, "initiative_replicated", 7, D("2027-01-01")) is None
