"""The admin's staff list as CSV, in the import's own columns: what is exported can be imported back."""

from __future__ import annotations

import csv
import io

from domain.access import Actor, grantable_roles
from domain.errors import InvalidInput
from domain.roles import Role, parse_roles
from domain.spreadsheet import spreadsheet_cell
from gamification.organization.user_import import unit_name_key
from gamification.storage.administered import administered_region
from gamification.storage.tables import Person, Unit

EXPORT_COLUMNS = ("name", "nip", "email", "staff_type", "unit", "roles")


async def users_csv(actor: Actor, region_id: int | None) -> str:
    """Active people of one region whom the caller administers, one row each in the import's format.

    The unit is written by its name where the name is unique in the region (so the file imports
    into another region with the same units), by its number otherwise; roles are ``|``-separated
    so the cell needs no quotes with either delimiter.
    """
    region_id = await administered_region(actor, region_id)
    if region_id is None:
        raise InvalidInput("region_required")
    units = await Unit.select(Unit.id, Unit.name).where(Unit.region == region_id)
    counts: dict[str, int] = {}
    for unit in units:
        counts[unit_name_key(unit["name"])] = counts.get(unit_name_key(unit["name"]), 0) + 1
    written = {u["id"]: u["name"] if counts[unit_name_key(u["name"])] == 1 else str(u["id"]) for u in units}
    people = (
        await Person.select(Person.name, Person.nip, Person.email, Person.staff_type, Person.unit, Person.roles)
        .where((Person.region == region_id) & (Person.active == True) & Person.unit.is_not_null())  # noqa: E712
        .order_by(Person.id)
    )
    reachable = grantable_roles(actor)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for p in people:
        roles = parse_roles(p["roles"])
        if not roles <= reachable or not (p["nip"] or p["email"]):  # out of reach, or anonymised
            continue
        writer.writerow(
            [
                spreadsheet_cell(p["name"]),
                p["nip"] or "",
                p["email"] or "",
                p["staff_type"] or "",
                spreadsheet_cell(written[p["unit"]]),
                "|".join(sorted(roles, key=list(Role).index)),
            ]
        )
    return out.getvalue()
