import pytest

from domain.access import Actor, check_administers, grantable_roles, may_administer, unit_path
from domain.errors import Forbidden, NotFound
from domain.roles import Role


def actor(*roles: Role, region_id=1, path="/1/5/") -> Actor:
    return Actor(person_id=9, roles=frozenset(roles), region_id=region_id, unit_id=5, unit_path=path)


def test_unit_paths_nest():
    assert unit_path(None, 1) == "/1/"
    assert unit_path("/1/", 5) == "/1/5/"


def test_a_manager_reaches_their_unit_and_below_only():
    manager = actor(Role.MANAGER)
    assert manager.manages("/1/5/")
    assert manager.manages("/1/5/9/")
    assert not manager.manages("/1/")
    assert not manager.manages("/1/50/")  # a prefix of digits is not a sub-unit
    assert not actor(Role.ASN).manages("/1/5/9/")


def test_a_region_admin_acts_in_their_region_and_a_superadmin_everywhere():
    assert actor(Role.ADMIN).administers(1)
    assert not actor(Role.ADMIN).administers(2)
    assert not actor(Role.ADMIN).administers(None)
    assert not actor(Role.MANAGER).administers(1)
    assert actor(Role.SUPERADMIN, region_id=None).administers(2)


def test_lists_cover_the_admins_region_and_refuse_another():
    assert actor(Role.ADMIN).listable_region(None) == 1
    assert actor(Role.ADMIN).listable_region(1) == 1
    with pytest.raises(Forbidden):
        actor(Role.ADMIN).listable_region(2)
    assert actor(Role.SUPERADMIN, region_id=None).listable_region(None) is None
    assert actor(Role.SUPERADMIN, region_id=None).listable_region(2) == 2


def test_an_admin_changes_their_own_region_and_only_a_superadmin_the_national_level():
    admin = actor(Role.ADMIN)
    assert (admin.administered_region(None), admin.administered_region(1)) == (1, 1)
    with pytest.raises(Forbidden):
        admin.administered_region(2)
    with pytest.raises(Forbidden):
        actor(Role.ASN).administered_region(None)
    root = actor(Role.SUPERADMIN, region_id=None)
    assert (root.administered_region(None), root.administered_region(2)) == (None, 2)


def test_who_is_on_a_board_and_who_may_see_it():
    asn = Actor(7, frozenset({Role.ASN}), 1, 9, "/1/5/9/")
    assert asn.is_on_board(None, None, None, 3)  # the national board
    assert asn.is_on_board(1, None, None, 3) and not asn.is_on_board(2, None, None, 3)
    assert asn.is_on_board(1, 3, None, 3) and not asn.is_on_board(1, 4, None, 3)
    assert asn.is_on_board(1, 3, "/1/5/", 3) and not asn.is_on_board(1, 3, "/1/5/9/10/", 3)
    assert asn.sees_board(1, 3, "/1/", 3) and not asn.sees_board(1, 3, "/1/6/", 3)
    manager = Actor(8, frozenset({Role.MANAGER}), 1, 5, "/1/5/")
    assert manager.sees_board(1, 3, "/1/5/9/", 3) and not manager.is_on_board(1, 3, "/1/5/9/", 3)
    superadmin = Actor(1, frozenset({Role.SUPERADMIN}), None, None, None)
    assert superadmin.sees_board(2, 4, "/2/", None) and not superadmin.is_on_board(None, None, None, None)


def roles(*names: Role) -> frozenset[Role]:
    return frozenset(names)


def test_a_region_admin_administers_the_people_of_their_region_whose_roles_they_could_grant():
    admin = actor(Role.ADMIN, Role.ASN)
    assert may_administer(admin, roles(Role.ASN), 1)
    assert may_administer(admin, roles(Role.ASN, Role.MANAGER), 1)
    assert may_administer(admin, roles(Role.ASN, Role.ADMIN), 1)  # another admin of the same region: a peer
    assert not may_administer(admin, roles(Role.ASN), 2)  # another region's people, its admin included
    assert not may_administer(admin, roles(Role.ADMIN), 2)
    assert not may_administer(admin, roles(Role.PARTNER), None)


def test_a_person_above_the_region_admin_is_out_of_reach_even_in_their_region():
    admin = actor(Role.ADMIN, Role.ASN)
    assert not may_administer(admin, roles(Role.ASN, Role.SUPERADMIN), 1)
    assert not may_administer(admin, roles(Role.SUPERADMIN), 1)
    assert not may_administer(admin, roles(Role.PARTNER), 1)
    with pytest.raises(Forbidden) as refused:
        check_administers(admin, roles(Role.ASN, Role.SUPERADMIN), 1)
    assert refused.value.code == "person_out_of_reach"
    with pytest.raises(NotFound) as hidden:
        check_administers(admin, roles(Role.ASN, Role.SUPERADMIN), 2)
    assert hidden.value.code == "user_not_found"
    check_administers(admin, roles(Role.ASN, Role.MANAGER), 1)


def test_a_superadmin_administers_everyone_and_a_manager_nobody():
    root = actor(Role.SUPERADMIN, region_id=None, path=None)
    assert may_administer(root, roles(Role.SUPERADMIN), None)
    assert may_administer(root, roles(Role.ASN, Role.SUPERADMIN), 2)
    assert grantable_roles(root) == frozenset(Role)
    manager = actor(Role.MANAGER, Role.ASN)
    assert grantable_roles(manager) == frozenset()
    assert not may_administer(manager, roles(Role.ASN), 1)
    assert grantable_roles(actor(Role.ADMIN)) == roles(Role.ASN, Role.MANAGER, Role.ADMIN)


# the head of an agency: agency 3 has top units 5 and 7 (region 1); agency 4 has top unit 8
HEAD = Actor(2, frozenset({Role.MANAGER, Role.ASN}), 1, 5, "/5/", agency_id=3, agency_paths=("/5/", "/7/"))


def test_the_head_of_an_agency_manages_every_unit_of_it_and_nothing_beyond():
    assert HEAD.heads_agency and HEAD.managed_paths == ("/5/", "/7/")
    assert HEAD.manages("/5/6/") and HEAD.manages("/7/") and HEAD.manages("/7/11/12/")
    assert not HEAD.manages("/8/") and not HEAD.manages("/70/")  # another agency; a prefix of digits
    assert HEAD.sees_board(1, None, "/7/11/", 3) and not HEAD.sees_board(1, None, "/8/", 3)


def test_a_manager_below_the_top_or_without_the_agency_loaded_reaches_their_own_subtree():
    below = Actor(3, frozenset({Role.MANAGER}), 1, 6, "/5/6/", agency_id=3, agency_paths=("/5/", "/7/"))
    assert not below.heads_agency and below.managed_paths == ("/5/6/",) and not below.manages("/5/")
    unloaded = Actor(2, frozenset({Role.MANAGER}), 1, 5, "/5/", agency_id=3)
    assert unloaded.heads_agency and unloaded.managed_paths == ("/5/",) and not unloaded.manages("/7/")
    asn_at_top = Actor(4, frozenset({Role.ASN}), 1, 5, "/5/", agency_id=3, agency_paths=("/5/", "/7/"))
    assert not asn_at_top.heads_agency and asn_at_top.managed_paths == () and not asn_at_top.manages("/5/")
