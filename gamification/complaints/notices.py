"""Who hears of a complaint: the managers of its unit, else of the nearest unit above it that has one, else
the region's admins. Written in the transaction of what they hear of."""

from __future__ import annotations

from domain.roles import Role, parse_roles
from gamification.notifications.inbox import notify
from gamification.storage.tables import Person, Unit


async def unit_managers(unit_id: int, region_id: int) -> list[int]:
    """The nearest managers up the unit's path (its own first); none anywhere: the region's admins."""
    unit = await Unit.select(Unit.path).where(Unit.id == unit_id).first()
    chain = [int(part) for part in (unit["path"] if unit else "").strip("/").split("/") if part]
    candidates = (
        await Person.select(Person.id, Person.unit, Person.roles)
        .where(Person.active.eq(True) & Person.unit.is_in(chain or [unit_id]) & Person.roles.like("%manager%"))
        .order_by(Person.id)
    )
    for unit_on_path in reversed(chain):
        found = [p["id"] for p in candidates if p["unit"] == unit_on_path and Role.MANAGER in _roles(p["roles"])]
        if found:
            return found
    admins = (
        await Person.select(Person.id, Person.roles)
        .where(Person.active.eq(True) & (Person.region == region_id) & Person.roles.like("%admin%"))
        .order_by(Person.id)
    )
    return [p["id"] for p in admins if Role.ADMIN in _roles(p["roles"])]


def _roles(raw: str) -> frozenset[Role]:
    try:
        return parse_roles(raw)
    except ValueError:
        return frozenset()


async def tell_managers(row: dict, kind: str, title: str, body: str) -> list[int]:
    """Call inside the unit of work of the event; the people told."""
    people = await unit_managers(row["unit"], row["region"])
    for person_id in people:
        await notify(person_id, kind, title, body, complaint=row["id"], unit=row["unit"])
    return people
