"""Telling the deciders that a request waits for them: the managers whose scope holds the unit (the
agency's head among them) and the region's admins, never a person who asked. Called inside the unit of
work that records the request, so a replayed request (which records nothing) tells nobody again."""

from __future__ import annotations

from domain.access import ancestor_paths, is_top_unit_path
from domain.roles import Role, parse_roles
from gamification.notifications.inbox import notify
from gamification.storage.tables import Person, Unit


async def deciders_of(region_id: int, unit_id: int) -> set[int]:
    """The active people who decide on a request made in this unit."""
    unit = await Unit.select(Unit.path, Unit.agency).where(Unit.id == unit_id).first()
    if unit is None:
        return set()
    above = ancestor_paths(unit["path"])
    rows = await Person.select(Person.id, Person.roles, Person.unit.path, Person.unit.agency).where(
        (Person.region == region_id)
        & (Person.active == True)  # noqa: E712
        & (Person.roles.like("%manager%") | Person.roles.like("%admin%"))
    )
    deciders = set()
    for row in rows:
        roles, path = parse_roles(row["roles"]), row["unit.path"]
        heads = is_top_unit_path(path) and row["unit.agency"] == unit["agency"]
        if Role.ADMIN in roles or (Role.MANAGER in roles and (path in above or heads)):
            deciders.add(row["id"])
    return deciders


async def notify_deciders(
    region_id: int | None, unit_id: int | None, requesters: set[int], kind: str, title: str, body: str = "", **data
) -> int:
    """One inbox row per decider of the unit who is not among ``requesters``; how many were written."""
    if region_id is None or unit_id is None:
        return 0
    told = sorted(await deciders_of(region_id, unit_id) - requesters)
    for person_id in told:
        await notify(person_id, kind, title, body, **data)
    return len(told)
