"""The rows a decider oversees, as a query condition: one rule for inboxes, team views and lists."""

from __future__ import annotations

from functools import reduce
from operator import or_

from domain.access import Actor
from gamification.storage.tables import Unit


def decider_reach(actor: Actor, region_column, path_column):
    """Every region for a superadmin, their region for an admin, their units (a path prefix; for the head
    of an agency one per top unit of the agency) for a manager; None for anyone who decides nothing."""
    if actor.is_superadmin:
        return region_column.is_not_null()
    if actor.is_admin and actor.region_id is not None:
        return region_column == actor.region_id
    if paths := actor.managed_paths:
        return reduce(or_, (path_column.like(f"{path}%") for path in paths))
    return None


async def agency_top_paths(agency_id: int) -> tuple[str, ...]:
    """The paths of an agency's top units, which together hold every unit of the agency."""
    rows = await Unit.select(Unit.path).where((Unit.agency == agency_id) & Unit.parent.is_null()).order_by(Unit.id)
    return tuple(row["path"] for row in rows)
