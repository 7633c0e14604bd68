import pytest

from domain.errors import InvalidInput
from domain.people import check_person
from domain.roles import Role, StaffType

NIP = "198504122010031002"


def test_an_asn_is_normalised():
    person = check_person("  Siti   Rahayu ", NIP, " Siti@Example.GO.ID ", None, ["asn", "Manager"], 3)
    assert person.name == "Siti Rahayu"
    assert person.email == "siti@example.go.id"
    assert person.staff_type is StaffType.PNS
    assert person.roles == {Role.ASN, Role.MANAGER}


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"roles": ["asn"], "nip": None, "email": "a@b.id"}, "nip_required"),
        ({"roles": ["pilot"]}, "role_unknown"),
        ({"roles": []}, "roles_required"),
        ({"email": "not-an-email"}, "email_format"),
        ({"staff_type": "honorer"}, "staff_type_unknown"),
        ({"unit_id": None}, "unit_required"),
        ({"name": "   "}, "name_required"),
        ({"roles": ["superadmin"], "nip": None, "email": None, "unit_id": None}, "login_required"),
    ],
)
def test_each_broken_rule_has_its_own_code(kwargs, code):
    values = {"name": "Budi", "nip": NIP, "email": None, "staff_type": "PPPK", "roles": ["asn"], "unit_id": 1} | kwargs
    with pytest.raises(InvalidInput) as caught:
        check_person(**values)
    assert caught.value.code == code


def test_a_superadmin_needs_no_unit_nor_nip():
    person = check_person("Root", None, "root@tangkas.id", None, "superadmin", None)
    assert person.unit_id is None and person.staff_type is None
