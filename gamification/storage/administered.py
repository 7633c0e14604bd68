"""The region an admin changes things in, known to exist."""

from __future__ import annotations

from domain.access import Actor
from domain.errors import NotFound
from gamification.storage.tables import Region


async def administered_region(actor: Actor, requested: int | None) -> int | None:
    """``Actor.administered_region``; a region a superadmin names must exist (``404 region_not_found``)
    instead of failing its foreign key when a row is written for it."""
    region_id = actor.administered_region(requested)
    if region_id is not None and not await Region.exists().where(Region.id == region_id):
        raise NotFound("region_not_found")
    return region_id
