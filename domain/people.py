"""What makes a person record valid, before any storage is touched."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.errors import InvalidInput
from domain.nip import parse_nip
from domain.roles import Role, StaffType, parse_roles
from domain.text import check_shown_text

EMAIL_PATTERN = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+$")
ROLES_WITHOUT_UNIT = frozenset({Role.PARTNER, Role.SUPERADMIN})
MAX_NAME_LENGTH = 160


@dataclass(frozen=True)
class PersonFields:
    name: str
    nip: str | None
    email: str | None
    staff_type: StaffType | None
    roles: frozenset[Role]
    unit_id: int | None


def normalise_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("name_required")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput("name_too_long", max=MAX_NAME_LENGTH)
    return check_shown_text(name)


def normalise_email(email: str | None) -> str | None:
    if email is None or not email.strip():
        return None
    email = email.strip().lower()
    if len(email) > 254 or not EMAIL_PATTERN.fullmatch(email):
        raise InvalidInput("email_format")
    return email


def normalise_roles(roles: str | list[str]) -> frozenset[Role]:
    try:
        parsed = parse_roles(roles)
    except ValueError:
        raise InvalidInput("role_unknown") from None
    if not parsed:
        raise InvalidInput("roles_required")
    return parsed


def check_person(
    name: str,
    nip: str | None,
    email: str | None,
    staff_type: str | None,
    roles: str | list[str],
    unit_id: int | None,
) -> PersonFields:
    """Validate and normalise a person; every rule breaks with its own code."""
    parsed_roles = normalise_roles(roles)
    parsed_nip = parse_nip(nip) if nip and nip.strip() else None
    nip_value = parsed_nip.value if parsed_nip else None
    email_value = normalise_email(email)
    if nip_value is None and email_value is None:
        raise InvalidInput("login_required")
    if Role.ASN in parsed_roles and nip_value is None:
        raise InvalidInput("nip_required")
    try:
        staff = StaffType(staff_type.strip().upper()) if staff_type and staff_type.strip() else None
    except ValueError:
        raise InvalidInput("staff_type_unknown") from None
    if parsed_nip is not None and parsed_nip.is_pppk:
        if staff is StaffType.PNS:
            raise InvalidInput("nip_pppk_staff_type")  # the number says PPPK, the row says PNS
        staff = StaffType.PPPK
    if staff is None and nip_value is not None:
        staff = StaffType.PNS
    if unit_id is None and not parsed_roles <= ROLES_WITHOUT_UNIT:
        raise InvalidInput("unit_required")
    return PersonFields(normalise_name(name), nip_value, email_value, staff, parsed_roles, unit_id)


def roles_text(roles: frozenset[Role]) -> str:
    return ";".join(sorted(roles))
