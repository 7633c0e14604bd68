"""Who a person is in Tangkas, and what kind of civil servant."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ASN = "asn"
    MANAGER = "manager"  # scope: their unit and every unit below it
    ADMIN = "admin"  # scope: their region
    PARTNER = "partner"
    SUPERADMIN = "superadmin"


# Roles above a region: a region admin neither grants them nor reaches the people who hold them.
ROLES_ONLY_SUPERADMIN_GRANTS = frozenset({Role.PARTNER, Role.SUPERADMIN})


class StaffType(StrEnum):
    PNS = "PNS"
    PPPK = "PPPK"


def parse_roles(raw: str | list[str]) -> frozenset[Role]:
    """Roles from a list or a ``;``/``,``/``|`` separated string; raises ValueError on an unknown one."""
    items = raw if isinstance(raw, list) else raw.replace("|", ";").replace(",", ";").split(";")
    return frozenset(Role(item.strip().lower()) for item in items if item.strip())


# Accounts that run Tangkas or author for it rather than serve in a unit: the team views leave out anyone
# holding one of these roles, even beside `asn` (the demo's "admin;asn" BKPSDM admin is not on a team).
OPERATOR_ROLES = frozenset({Role.ADMIN, Role.PARTNER, Role.SUPERADMIN})


def counts_as_staff(roles: frozenset[Role]) -> bool:
    """Whether a person is on a manager's team view: staff holding no operator role."""
    return not roles & OPERATOR_ROLES
