import pytest

from domain.access import Actor
from domain.errors import Conflict, Forbidden, InvalidInput
from domain.initiatives import (
    EDITABLE,
    MAX_TEAM,
    REVIEW,
    SHOWCASE,
    VERIFY,
    Category,
    Impact,
    Status,
    check_fields,
    check_may_verify,
    check_move,
    check_team,
    parse_choice,
    parse_impact,
)
from domain.roles import Role

S = Status
# every move the scheme allows, and who makes it (SPEC section 4)
TEAM_MOVES = {
    (S.DRAFT, S.SUBMITTED),
    (S.NEEDS_REVISION, S.SUBMITTED),
    (S.APPROVED, S.IMPLEMENTED),
    (S.RETURNED, S.IMPLEMENTED),
}
DECIDER_MOVES = {
    (S.SUBMITTED, S.APPROVED),
    (S.SUBMITTED, S.REJECTED),
    (S.SUBMITTED, S.NEEDS_REVISION),
    (S.IMPLEMENTED, S.VERIFIED),
    (S.IMPLEMENTED, S.RETURNED),
}
ALL_MOVES = [(current, target) for current in Status for target in Status]


@pytest.mark.parametrize(("current", "target"), sorted(TEAM_MOVES))
def test_the_team_submits_and_reports_implementation(current, target):
    check_move(current, target, by_team=True)


@pytest.mark.parametrize(("current", "target"), sorted(DECIDER_MOVES))
def test_a_decider_reviews_and_verifies(current, target):
    check_move(current, target, by_team=False)


@pytest.mark.parametrize(("current", "target"), [m for m in ALL_MOVES if m not in TEAM_MOVES])
def test_the_team_makes_no_other_move(current, target):
    with pytest.raises(Conflict) as caught:
        check_move(current, target, by_team=True)
    assert caught.value.params == {"status": current.value}


@pytest.mark.parametrize(("current", "target"), [m for m in ALL_MOVES if m not in DECIDER_MOVES])
def test_a_decider_makes_no_other_move(current, target):
    with pytest.raises(Conflict) as caught:
        check_move(current, target, by_team=False)
    assert caught.value.code == "initiative_wrong_state"


@pytest.mark.parametrize("final", [S.REJECTED, S.VERIFIED])
def test_rejected_and_verified_are_final(final):
    for target in Status:
        for by_team in (True, False):
            with pytest.raises(Conflict):
                check_move(final, target, by_team)


def test_only_drafts_and_initiatives_sent_back_may_be_edited_and_only_implemented_ones_are_shown_off():
    assert set(EDITABLE) == {S.DRAFT, S.NEEDS_REVISION}
    assert set(SHOWCASE) == {S.IMPLEMENTED, S.VERIFIED}


@pytest.mark.parametrize(
    ("raw", "choices", "status"),
    [
        ("approve", REVIEW, S.APPROVED),
        ("reject", REVIEW, S.REJECTED),
        ("revise", REVIEW, S.NEEDS_REVISION),
        ("verify", VERIFY, S.VERIFIED),
        ("return", VERIFY, S.RETURNED),
    ],
)
def test_a_decision_names_the_state_it_leads_to(raw, choices, status):
    assert parse_choice(raw, choices) is status


@pytest.mark.parametrize(
    ("raw", "choices"), [("verify", REVIEW), ("approve", VERIFY), ("Approve", REVIEW), ("", REVIEW)]
)
def test_a_decision_of_the_wrong_step_is_refused(raw, choices):
    with pytest.raises(InvalidInput) as caught:
        parse_choice(raw, choices)
    assert (caught.value.code, caught.value.params) == ("decision_unknown", {"allowed": ", ".join(choices)})


# what an initiative says

PROBLEM = "Antrean KTP-el mengular setiap pagi"
SOLUTION = "Nomor antrean daring lewat WhatsApp"


def test_an_initiatives_text_is_trimmed():
    fields = check_fields("  Antrean   daring ", f"  {PROBLEM}\n", f"{SOLUTION} ", "service_digitisation")
    assert (fields.title, fields.problem, fields.solution) == ("Antrean daring", PROBLEM, SOLUTION)
    assert fields.category is Category.SERVICE_DIGITISATION


@pytest.mark.parametrize(
    ("title", "problem", "solution", "category", "code"),
    [
        ("ab", PROBLEM, SOLUTION, "data", "initiative_title_length"),
        ("  ab  ", PROBLEM, SOLUTION, "data", "initiative_title_length"),  # counted once trimmed
        ("x" * 161, PROBLEM, SOLUTION, "data", "initiative_title_length"),
        ("Antrean", "pendek   ", SOLUTION, "data", "initiative_text_length"),
        ("Antrean", PROBLEM, "x" * 4001, "data", "initiative_text_length"),
        ("Antrean", PROBLEM, SOLUTION, "blockchain", "initiative_category_unknown"),
        ("Antrean", PROBLEM, SOLUTION, "DATA", "initiative_category_unknown"),
    ],
)
def test_an_initiative_that_breaks_a_rule_is_refused(title, problem, solution, category, code):
    with pytest.raises(InvalidInput) as caught:
        check_fields(title, problem, solution, category)
    assert caught.value.code == code


def test_the_shortest_and_longest_texts_are_allowed():
    fields = check_fields("a b", "x" * 10, "x" * 4000, "other")
    assert (fields.title, len(fields.problem), len(fields.solution)) == ("a b", 10, 4000)


@pytest.mark.parametrize("team", [[], [1], list(range(1, MAX_TEAM + 1))])
def test_a_team_of_up_to_twenty_distinct_people_is_kept(team):
    assert check_team(team) == team


@pytest.mark.parametrize("team", [list(range(MAX_TEAM + 1)), [4, 5, 4]])
def test_a_team_too_large_or_naming_someone_twice_is_refused(team):
    with pytest.raises(InvalidInput) as caught:
        check_team(team)
    assert caught.value.code == "initiative_team_size"


@pytest.mark.parametrize("raw", [None, "", "province", "UNIT"])
def test_an_unknown_impact_is_refused(raw):
    with pytest.raises(InvalidInput) as caught:
        parse_impact(raw)
    assert caught.value.code == "initiative_impact_unknown"


def test_impacts_are_the_four_levels_of_government():
    assert [parse_impact(raw) for raw in ("unit", "agency", "region", "national")] == list(Impact)


# who verifies an impact above the unit; the initiative is of agency 3 in region 1

HEAD_OF_AGENCY = Actor(2, frozenset({Role.MANAGER}), 1, 5, "/5/")  # manages a top unit of agency 3
MANAGER_BELOW = Actor(3, frozenset({Role.MANAGER}), 1, 6, "/5/6/")
ADMIN = Actor(4, frozenset({Role.ADMIN}), 1, None, None)
OTHER_ADMIN = Actor(5, frozenset({Role.ADMIN}), 2, None, None)
SUPERADMIN = Actor(6, frozenset({Role.SUPERADMIN}), None, None, None)
ASN_AT_TOP = Actor(7, frozenset({Role.ASN}), 1, 5, "/5/")

VERIFIERS = [
    (Impact.UNIT, MANAGER_BELOW, 3, True),  # the unit's decider was checked already
    (Impact.AGENCY, HEAD_OF_AGENCY, 3, True),
    (Impact.AGENCY, HEAD_OF_AGENCY, 8, False),  # heads another agency
    (Impact.AGENCY, MANAGER_BELOW, 3, False),  # not at the top of the agency
    (Impact.AGENCY, ASN_AT_TOP, 3, False),  # at the top but no manager
    (Impact.AGENCY, ADMIN, None, True),
    (Impact.AGENCY, OTHER_ADMIN, None, False),
    (Impact.REGION, ADMIN, None, True),
    (Impact.REGION, HEAD_OF_AGENCY, 3, False),
    (Impact.REGION, OTHER_ADMIN, None, False),
    (Impact.REGION, SUPERADMIN, None, True),
    (Impact.NATIONAL, SUPERADMIN, None, True),
    (Impact.NATIONAL, ADMIN, None, False),
]


@pytest.mark.parametrize(("impact", "who", "own_agency", "allowed"), VERIFIERS)
def test_impact_above_the_unit_is_verified_by_a_decider_at_that_level(impact, who, own_agency, allowed):
    if allowed:
        check_may_verify(who, impact, region_id=1, agency_id=3, own_agency=own_agency)
    else:
        with pytest.raises(Forbidden) as caught:
            check_may_verify(who, impact, region_id=1, agency_id=3, own_agency=own_agency)
        assert caught.value.params == {"impact": impact.value}
