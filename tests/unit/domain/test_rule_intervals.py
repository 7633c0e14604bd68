import datetime as dt

import pytest

from domain.rule_intervals import FAR_FUTURE, NO_OWN_VERSION, RuleInterval, lay_out
from domain.rules import FactKind, Formula, RuleVersion, governing

D = dt.date.fromisoformat


def version(id: int, region_id: int | None, effective_from: str, code: str = "workshop_attended", **params: int):
    formula = {"workshop_attended": Formula.FIXED, "module_xp": Formula.FACT_XP, "streak_milestone": Formula.BY_LEVEL}[
        code
    ]
    return RuleVersion(id, region_id, code, formula, params or {"xp": 40}, D(effective_from))


def spans(intervals: list[RuleInterval]) -> list[tuple[int, str, str, int]]:
    return [(i.region_id, i.valid_from.isoformat(), i.valid_until.isoformat(), i.version.id) for i in intervals]


def test_national_versions_follow_each_other_without_gaps_or_overlaps():
    layout = lay_out([version(2, None, "2027-01-01"), version(1, None, "2000-01-01")])
    assert spans(layout.intervals) == [
        (NO_OWN_VERSION, "2000-01-01", "2027-01-01", 1),
        (NO_OWN_VERSION, "2027-01-01", FAR_FUTURE.isoformat(), 2),
    ]
    assert layout.own == []
    assert {i.fact_kind for i in layout.intervals} == {FactKind.WORKSHOP_ATTENDED}


def test_of_two_versions_for_one_day_the_one_made_last_governs():
    layout = lay_out([version(1, None, "2000-01-01"), version(3, None, "2026-07-01"), version(2, None, "2026-07-01")])
    assert spans(layout.intervals)[1:] == [(NO_OWN_VERSION, "2026-07-01", FAR_FUTURE.isoformat(), 3)]


def test_a_region_with_its_own_version_keeps_the_national_one_until_its_own_takes_effect():
    layout = lay_out(
        [
            version(1, None, "2000-01-01"),
            version(2, None, "2027-01-01"),
            version(3, 7, "2026-07-01"),
            version(4, 7, "2027-03-01"),
        ]
    )
    assert layout.own == [("workshop_attended", 7)]
    assert [s for s in spans(layout.intervals) if s[0] == 7] == [
        (7, "2000-01-01", "2026-07-01", 1),
        (7, "2026-07-01", "2027-03-01", 3),  # the nation's 2027 change does not reach a region with its own
        (7, "2027-03-01", FAR_FUTURE.isoformat(), 4),
    ]


def test_a_national_change_after_the_regions_first_own_version_is_not_laid_out_for_the_region():
    layout = lay_out([version(1, None, "2000-01-01"), version(2, None, "2026-01-01"), version(3, 7, "2025-01-01")])
    assert [s for s in spans(layout.intervals) if s[0] == 7] == [
        (7, "2000-01-01", "2025-01-01", 1),
        (7, "2025-01-01", FAR_FUTURE.isoformat(), 3),
    ]


def test_a_code_that_is_no_rule_is_left_out():
    layout = lay_out(
        [version(1, None, "2000-01-01"), RuleVersion(9, None, "retired", Formula.FIXED, {"xp": 1}, D("2000-01-01"))]
    )
    assert {i.code for i in layout.intervals} == {"workshop_attended"}


VERSIONS = [
    version(1, None, "2000-01-01"),
    version(2, None, "2026-12-28"),
    version(3, None, "2027-01-01"),
    version(4, 7, "2026-12-31"),
    version(5, 7, "2027-01-01"),
    version(6, 7, "2027-01-01"),
    version(7, 8, "2027-01-04"),
    version(8, 8, "2026-12-31"),
    version(10, None, "2000-01-01", code="module_xp", multiplier_percent=100),
    version(11, 8, "2027-01-02", code="module_xp", multiplier_percent=150),
]
DAYS = [D("2026-12-25") + dt.timedelta(days=n) for n in range(14)]  # across the year turn


@pytest.mark.parametrize("code", ["workshop_attended", "module_xp"])
@pytest.mark.parametrize("region_id", [None, 1, 7, 8])
def test_the_laid_out_intervals_pick_the_version_that_governs_every_day(code, region_id):
    layout = lay_out(VERSIONS)
    key = region_id if (code, region_id) in layout.own else NO_OWN_VERSION
    for day in DAYS:
        covering = [
            i for i in layout.intervals if i.code == code and i.region_id == key and i.valid_from <= day < i.valid_until
        ]
        assert [i.version for i in covering] == [governing(VERSIONS, code, region_id, day)], day


def test_the_amount_a_formula_reads_and_the_levels_of_by_level_versions():
    layout = lay_out(
        [
            version(1, None, "2000-01-01"),
            version(2, None, "2000-01-01", code="module_xp", multiplier_percent=120),
            version(3, None, "2000-01-01", code="streak_milestone", **{"7": 50, "30": 200}),
        ]
    )
    by_code = {i.code: i for i in layout.intervals}
    assert [layout.amount(by_code[c]) for c in ("workshop_attended", "module_xp", "streak_milestone")] == [40, 120, 0]
    assert layout.levels() == [(3, "7", 50), (3, "30", 200)]


def test_a_regional_version_without_a_national_one_governs_its_region_alone():
    layout = lay_out([version(4, 7, "2026-12-31")])
    assert spans(layout.intervals) == [(7, "2026-12-31", FAR_FUTURE.isoformat(), 4)]
    assert governing([version(4, 7, "2026-12-31")], "workshop_attended", 1, D("2027-01-01")) is None
