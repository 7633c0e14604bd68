"""What tests/unit/domain/test_access_scopes.py leaves out: who decides on someone's request, and who sees a region."""

import pytest

from domain.access import Actor, unit_path
from domain.errors import Forbidden
from domain.roles import Role

MANAGER = Actor(20, frozenset({Role.ASN, Role.MANAGER}), 1, 5, "/1/5/")
ADMIN = Actor(30, frozenset({Role.ADMIN}), 1, 1, "/1/")
SUPERADMIN = Actor(40, frozenset({Role.SUPERADMIN}), None, None, None)
ASN = Actor(10, frozenset({Role.ASN}), 1, 9, "/1/5/9/")


@pytest.mark.parametrize(
    ("who", "region_id", "path"),
    [
        (MANAGER, 1, "/1/5/"),
        (MANAGER, 1, "/1/5/9/"),
        (ADMIN, 1, "/1/7/"),
        (SUPERADMIN, 2, "/3/"),
    ],
)
def test_a_manager_above_the_unit_or_an_admin_of_its_region_decides(who, region_id, path):
    who.check_decides_for(region_id, path, {ASN.person_id})


@pytest.mark.parametrize(
    ("who", "region_id", "path"),
    [
        (MANAGER, 1, "/1/"),  # the unit above their own
        (MANAGER, 1, "/1/6/"),
        (MANAGER, 1, None),
        (ADMIN, 2, "/2/4/"),
        (ASN, 1, "/1/5/9/"),  # a colleague in the same unit is no decider
    ],
)
def test_a_decision_out_of_scope_is_refused(who, region_id, path):
    with pytest.raises(Forbidden) as caught:
        who.check_decides_for(region_id, path, {ASN.person_id + 1000})
    assert caught.value.code == "decision_out_of_scope"


@pytest.mark.parametrize("who", [MANAGER, ADMIN, SUPERADMIN])
def test_nobody_decides_on_their_own_request_not_even_a_superadmin(who):
    with pytest.raises(Forbidden) as caught:
        who.check_decides_for(1, "/1/5/", {ASN.person_id, who.person_id})
    assert caught.value.code == "self_decision"


def test_a_person_sees_their_own_region_and_a_superadmin_every_region():
    assert ASN.sees_region(1) and not ASN.sees_region(2) and not ASN.sees_region(None)
    assert SUPERADMIN.sees_region(2) and SUPERADMIN.sees_region(None)


def test_a_person_without_a_region_is_on_no_board():
    partner = Actor(50, frozenset({Role.PARTNER}), None, None, None)
    assert not partner.is_on_board(None, None, None, None)


def test_a_manager_without_a_unit_manages_nothing():
    assert not Actor(21, frozenset({Role.MANAGER}), 1, None, None).manages("/1/")


def test_a_unit_path_holds_every_ancestor():
    assert unit_path(unit_path(unit_path(None, 1), 5), 9) == "/1/5/9/"
