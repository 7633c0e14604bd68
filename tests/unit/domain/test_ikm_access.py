"""Who may read an IKM: the region's admins, a manager over the unit, the unit's own staff; never another region."""

import pytest

from domain.access import Actor
from domain.errors import Forbidden
from domain.ikm_access import IkmPlace, IkmScope, check_sees_ikm
from domain.roles import Role

# region 1: agency 3 with top unit 5 (/5/) and below it unit 9 (/5/9/); agency 4 with unit 7 (/7/)
UNIT_9 = IkmPlace(IkmScope.UNIT, 9, "Seksi", 1, "Asia/Jakarta", agency_id=3, unit_id=9, unit_path="/5/9/")
SERVICE_OF_9 = IkmPlace(IkmScope.SERVICE, 40, "KTP-el", 1, "Asia/Jakarta", agency_id=3, unit_id=9, unit_path="/5/9/")
UNIT_5 = IkmPlace(IkmScope.UNIT, 5, "Bidang", 1, "Asia/Jakarta", agency_id=3, unit_id=5, unit_path="/5/")
AGENCY_3 = IkmPlace(IkmScope.AGENCY, 3, "Dinas", 1, "Asia/Jakarta", agency_id=3)
REGION_1 = IkmPlace(IkmScope.REGION, 1, "Kota", 1, "Asia/Jakarta")


def actor(roles, region=1, unit=None, path=None, agency=None) -> Actor:
    return Actor(1, frozenset(roles), region, unit, path, agency)


SUPER = actor({Role.SUPERADMIN}, region=None)
ADMIN = actor({Role.ADMIN, Role.ASN}, unit=5, path="/5/", agency=3)
ADMIN_ELSEWHERE = actor({Role.ADMIN}, region=2, unit=50, path="/50/", agency=30)
HEAD = actor({Role.MANAGER, Role.ASN}, unit=5, path="/5/", agency=3)  # heads agency 3
SECTION_MANAGER = actor({Role.MANAGER, Role.ASN}, unit=9, path="/5/9/", agency=3)
OTHER_MANAGER = actor({Role.MANAGER, Role.ASN}, unit=7, path="/7/", agency=4)
STAFF_OF_9 = actor({Role.ASN}, unit=9, path="/5/9/", agency=3)
STAFF_OF_5 = actor({Role.ASN}, unit=5, path="/5/", agency=3)
PARTNER = actor({Role.PARTNER}, region=None)

CASES = [
    # who, place, may see
    (SUPER, REGION_1, True),
    (ADMIN, REGION_1, True),
    (ADMIN, SERVICE_OF_9, True),
    (ADMIN_ELSEWHERE, UNIT_9, False),
    (ADMIN_ELSEWHERE, REGION_1, False),
    (HEAD, AGENCY_3, True),
    (HEAD, UNIT_9, True),
    (HEAD, REGION_1, False),
    (SECTION_MANAGER, UNIT_9, True),
    (SECTION_MANAGER, SERVICE_OF_9, True),
    (SECTION_MANAGER, UNIT_5, False),  # above the manager's unit
    (SECTION_MANAGER, AGENCY_3, False),  # not a top unit
    (OTHER_MANAGER, UNIT_9, False),
    (OTHER_MANAGER, AGENCY_3, False),
    (STAFF_OF_9, UNIT_9, True),
    (STAFF_OF_9, SERVICE_OF_9, True),
    (STAFF_OF_9, UNIT_5, False),
    (STAFF_OF_5, UNIT_9, False),  # staff see their own unit, not the units below it
    (STAFF_OF_5, AGENCY_3, False),
    (PARTNER, UNIT_9, False),
]


@pytest.mark.parametrize(("who", "place", "sees"), CASES)
def test_who_sees_which_ikm(who, place, sees):
    if sees:
        check_sees_ikm(who, place)
    else:
        with pytest.raises(Forbidden) as caught:
            check_sees_ikm(who, place)
        assert caught.value.code == "ikm_out_of_reach"
