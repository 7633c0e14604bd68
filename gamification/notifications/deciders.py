"""Telling the deciders that a request waits for them: the managers whose scope holds the unit (the
agency's head among them) and the region's admins, never a person who asked. Called inside the unit of
work that records the request, so a replayed request (which records nothing) tells nobody again."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from domain.access import Actor, ancestor_paths
from domain.roles import Role, parse_roles
from gamification.notifications.inbox import notify
from gamification.storage.reach import agency_top_paths
from gamification.storage.tables import Notification, Person, Unit


async def deciders_of(region_id: int, unit_id: int) -> set[int]:
    """The active people who decide on a request made in this unit."""
    return {actor.person_id for actor in await decider_actors(region_id, unit_id, with_reach=False)}


async def decider_actors(region_id: int, unit_id: int, with_reach: bool = True) -> list[Actor]:
    """The deciders of this unit as actors; ``with_reach``, a head of the agency's reaches the whole agency
    (one more read)."""
    unit = await Unit.select(Unit.path, Unit.agency).where(Unit.id == unit_id).first()
    if unit is None:
        return []
    above = ancestor_paths(unit["path"])
    rows = await Person.select(Person.id, Person.roles, Person.unit, Person.unit.path, Person.unit.agency).where(
        (Person.region == region_id)
        & (Person.active == True)  # noqa: E712
        & (Person.roles.like("%manager%") | Person.roles.like("%admin%"))
    )
    deciders, agency_paths = [], None
    for row in sorted(rows, key=lambda row: row["id"]):
        roles, path = parse_roles(row["roles"]), row["unit.path"]
        actor = Actor(row["id"], roles, region_id, row["unit"], path, row["unit.agency"])
        heads = actor.heads_agency and actor.agency_id == unit["agency"]
        if heads and with_reach:  # every head found is of this unit's agency: its top units are read once
            agency_paths = agency_paths or await agency_top_paths(unit["agency"])
            actor = replace(actor, agency_paths=agency_paths)
        if Role.ADMIN in roles or (Role.MANAGER in roles and (path in above or heads)):
            deciders.append(actor)
    return deciders


async def recently_told(people: set[int], kind: str, since: dt.datetime) -> set[int]:
    """Those of ``people`` who got a notification of this kind at ``since`` or later."""
    if not people:
        return set()
    rows = await Notification.select(Notification.person).where(
        Notification.person.is_in(sorted(people)) & (Notification.kind == kind) & (Notification.created_at >= since)
    )
    return {row["person"] for row in rows}


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
