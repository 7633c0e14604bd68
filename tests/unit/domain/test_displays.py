import pytest

from domain.access import Actor
from domain.displays import (
    LAST_PERIOD_NAMES,
    MAX_NAME,
    PERIOD_NAMES,
    SCOPE_NAMES,
    check_display_name,
    check_may_create_display,
    shown_name,
    ticker_text,
)
from domain.errors import Forbidden, InvalidInput
from domain.leaderboards import Period, Scope
from domain.roles import Role


def actor(*roles: Role, region_id: int | None = 1, path: str | None = "/1/5/") -> Actor:
    return Actor(person_id=9, roles=frozenset(roles), region_id=region_id, unit_id=5, unit_path=path)


def test_a_display_name_is_trimmed_and_inner_spaces_collapsed():
    assert check_display_name("  Lobi   Dinas\tKominfo ") == "Lobi Dinas Kominfo"
    assert check_display_name("x" * MAX_NAME) == "x" * MAX_NAME


@pytest.mark.parametrize("name", ["", "   ", "x" * (MAX_NAME + 1)])
def test_a_blank_or_too_long_display_name_is_refused(name):
    with pytest.raises(InvalidInput) as caught:
        check_display_name(name)
    assert caught.value.code == "display_name_length"


@pytest.mark.parametrize(
    ("who", "scope", "region_id", "unit_path"),
    [
        (actor(Role.SUPERADMIN, region_id=None, path=None), Scope.REGION, 2, None),
        (actor(Role.ADMIN), Scope.REGION, 1, None),
        (actor(Role.ADMIN), Scope.UNIT, 1, "/7/"),
        (actor(Role.ADMIN), Scope.NATIONAL, None, None),  # the national board, in their own lobby
        (actor(Role.MANAGER), Scope.UNIT, 1, "/1/5/"),
        (actor(Role.MANAGER), Scope.UNIT, 1, "/1/5/9/"),
    ],
)
def test_an_admin_puts_up_boards_of_their_region_and_a_manager_of_units_in_their_scope(
    who, scope, region_id, unit_path
):
    check_may_create_display(who, scope, region_id, unit_path)


@pytest.mark.parametrize(
    ("who", "scope", "region_id", "unit_path"),
    [
        (actor(Role.ADMIN), Scope.REGION, 2, None),  # another region
        (actor(Role.ADMIN), Scope.UNIT, 2, "/8/"),
        (actor(Role.MANAGER), Scope.UNIT, 1, "/1/"),  # above their unit
        (actor(Role.MANAGER), Scope.UNIT, 1, "/1/50/"),  # a sibling whose id starts alike
        (actor(Role.MANAGER), Scope.AGENCY, 1, None),  # a manager puts up unit boards only
        (actor(Role.MANAGER), Scope.REGION, 1, None),
        (actor(Role.ASN), Scope.UNIT, 1, "/1/5/"),
        (actor(Role.PARTNER), Scope.NATIONAL, None, None),
    ],
)
def test_a_board_out_of_reach_may_not_be_put_on_a_display(who, scope, region_id, unit_path):
    with pytest.raises(Forbidden) as caught:
        check_may_create_display(who, scope, region_id, unit_path)
    assert caught.value.code == "display_out_of_reach"


HEAD = Actor(9, frozenset({Role.MANAGER, Role.ASN}), 1, 5, "/5/", agency_id=3, agency_paths=("/5/", "/7/"))


def test_the_head_of_an_agency_puts_up_their_agencys_board_and_the_units_of_it():
    check_may_create_display(HEAD, Scope.AGENCY, 1, None, agency_id=3)
    check_may_create_display(HEAD, Scope.UNIT, 1, "/7/8/", agency_id=3)  # another top unit's branch


@pytest.mark.parametrize(
    ("who", "agency_id"),
    [
        (HEAD, 4),  # another agency
        (HEAD, None),
        (Actor(9, frozenset({Role.MANAGER}), 1, 6, "/5/6/", agency_id=3), 3),  # a manager below the top
        (Actor(9, frozenset({Role.ASN}), 1, 5, "/5/", agency_id=3), 3),  # on the top unit, managing nothing
    ],
)
def test_only_the_head_of_an_agency_puts_up_its_board(who, agency_id):
    with pytest.raises(Forbidden) as caught:
        check_may_create_display(who, Scope.AGENCY, 1, None, agency_id=agency_id)
    assert caught.value.code == "display_out_of_reach"


@pytest.mark.parametrize(
    ("name", "hidden", "unit", "shown"),
    [
        ("Siti Rahayu", False, "Bidang TIK", "Siti Rahayu"),
        ("Siti Rahayu", True, "Bidang TIK", "ASN (Bidang TIK)"),
        ("Siti Rahayu", True, None, "ASN"),
        ("Siti Rahayu", True, "", "ASN"),
    ],
)
def test_a_person_who_hid_their_name_is_shown_as_asn_of_their_unit(name, hidden, unit, shown):
    assert shown_name(name, hidden, unit) == shown


@pytest.mark.parametrize(
    ("kind", "label", "level", "text"),
    [
        ("module_completion", "Literasi Data", None, "Budi menyelesaikan modul “Literasi Data”"),
        ("streak_milestone", "", "30", "Budi belajar 30 hari kerja berturut-turut"),
        ("badge", "Pelopor Digital", None, "Budi meraih lencana “Pelopor Digital”"),
        ("initiative_verified", "Inovasi terverifikasi", None, "Budi: Inovasi terverifikasi"),
    ],
)
def test_the_ticker_words_each_kind_of_news(kind, label, level, text):
    assert ticker_text(kind, "Budi", label, level) == text


def test_every_period_and_scope_has_a_name_on_screen_and_last_periods_champions_exclude_all_time():
    assert set(PERIOD_NAMES) == set(Period)
    assert set(SCOPE_NAMES) == set(Scope)
    assert set(LAST_PERIOD_NAMES) == set(Period) - {Period.ALL}
