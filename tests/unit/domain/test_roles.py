import pytest

from domain.roles import Role, StaffType, parse_roles


@pytest.mark.parametrize(
    "raw",
    [
        "asn;manager",
        "asn,manager",
        "asn|manager",
        " ASN ; Manager ",
        "manager;asn;asn",
        ";asn;;manager;",
        ["asn", " MANAGER "],
    ],
)
def test_roles_are_read_from_a_list_or_a_separated_string_in_any_case(raw):
    assert parse_roles(raw) == {Role.ASN, Role.MANAGER}


@pytest.mark.parametrize("raw", ["", " ; , | ", []])
def test_no_roles_read_as_none(raw):
    assert parse_roles(raw) == frozenset()


@pytest.mark.parametrize("raw", ["asn;pilot", "atasan", ["asn", "root"], "asn manager"])
def test_an_unknown_role_is_refused(raw):
    with pytest.raises(ValueError):
        parse_roles(raw)


def test_the_five_roles_and_two_staff_types():
    assert {role.value for role in Role} == {"asn", "manager", "admin", "partner", "superadmin"}
    assert {staff.value for staff in StaffType} == {"PNS", "PPPK"}
