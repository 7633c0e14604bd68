"""What tests/unit/domain/test_people_rules.py leaves out: e-mail forms, long names, staff types, roles written back."""

import pytest

from domain.errors import InvalidInput
from domain.people import MAX_NAME_LENGTH, check_person, normalise_email, normalise_name, roles_text
from domain.roles import Role, StaffType

NIP = "198504122010031002"


@pytest.mark.parametrize(
    ("raw", "email"),
    [
        (" Budi.Santoso@Pontianak.GO.ID ", "budi.santoso@pontianak.go.id"),
        ("a+tag@mail-server.example.id", "a+tag@mail-server.example.id"),
        (None, None),
        ("   ", None),
    ],
)
def test_an_email_is_trimmed_and_lower_cased_and_a_blank_one_is_none(raw, email):
    assert normalise_email(raw) == email


@pytest.mark.parametrize(
    "raw",
    [
        "budi",
        "budi@localhost",
        "budi@-pontianak.go.id",
        "bu di@x.id",
        "budi@x..id",
        "x" * 65 + "@x.id",
        "a@" + "b" * 250 + ".id",
    ],
)
def test_an_email_that_cannot_be_an_address_is_refused(raw):
    with pytest.raises(InvalidInput) as caught:
        normalise_email(raw)
    assert caught.value.code == "email_format"


def test_a_name_of_up_to_160_characters_is_kept_and_a_longer_one_refused():
    assert normalise_name(f"  {'x' * MAX_NAME_LENGTH} ") == "x" * MAX_NAME_LENGTH
    with pytest.raises(InvalidInput) as caught:
        normalise_name("x" * (MAX_NAME_LENGTH + 1))
    assert caught.value.code == "name_too_long"


@pytest.mark.parametrize(("raw", "staff"), [("pppk", StaffType.PPPK), (" PNS ", StaffType.PNS), ("", StaffType.PNS)])
def test_the_staff_type_is_read_in_any_case_and_a_nip_without_one_means_pns(raw, staff):
    assert check_person("Budi", NIP, None, raw, "asn", 1).staff_type is staff


def test_a_partner_needs_no_unit_but_a_manager_does():
    assert check_person("Universitas Tanjungpura", None, "mitra@untan.ac.id", None, "partner", None).unit_id is None
    with pytest.raises(InvalidInput) as caught:
        check_person("Budi", None, "budi@x.id", None, "manager", None)
    assert caught.value.code == "unit_required"


def test_roles_are_written_back_sorted_and_read_again_the_same():
    roles = frozenset({Role.MANAGER, Role.ASN, Role.ADMIN})
    assert roles_text(roles) == "admin;asn;manager"
    assert check_person("Budi", NIP, None, None, roles_text(roles), 1).roles == roles


# BKPSDM admin (issue 19)
def test_a_pppk_number_makes_the_staff_type_pppk_and_contradicts_pns():
    pppk = "199003152023212004"
    assert check_person("Sari", pppk, None, "", "asn", 1).staff_type is StaffType.PPPK
    assert check_person("Sari", pppk, None, "pppk", "asn", 1).staff_type is StaffType.PPPK
    with pytest.raises(InvalidInput) as error:
        check_person("Sari", pppk, None, "PNS", "asn", 1)
    assert error.value.code == "nip_pppk_staff_type"
