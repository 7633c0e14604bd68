"""Where a board's scope sits in the organization: its name, region, agency, unit path and time zone."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import NotFound
from domain.leaderboards import Scope, board_timezone
from gamification.storage.tables import Agency, Region, Unit


@dataclass(frozen=True)
class ScopeRef:
    scope: Scope
    scope_id: int | None
    name: str
    region_id: int | None
    agency_id: int | None
    unit_path: str | None
    timezone: str


async def scope_ref(scope: Scope, scope_id: int | None) -> ScopeRef:
    """The scope's place in the organization; 404 when it does not exist."""
    if scope is Scope.NATIONAL:
        return ScopeRef(scope, None, "Nasional", None, None, None, board_timezone(scope, None))
    if scope is Scope.REGION:
        row = await Region.select(Region.id, Region.name, Region.timezone).where(Region.id == scope_id).first()
        found = row and (row["name"], row["id"], None, None, row["timezone"])
    elif scope is Scope.AGENCY:
        row = (
            await Agency.select(Agency.name, Agency.region, Agency.region.timezone).where(Agency.id == scope_id).first()
        )
        found = row and (row["name"], row["region"], scope_id, None, row["region.timezone"])
    else:
        row = (
            await Unit.select(Unit.name, Unit.region, Unit.agency, Unit.path, Unit.region.timezone)
            .where(Unit.id == scope_id)
            .first()
        )
        found = row and (row["name"], row["region"], row["agency"], row["path"], row["region.timezone"])
    if not found:
        raise NotFound("board_scope_not_found")
    name, region_id, agency_id, path, timezone = found
    return ScopeRef(scope, scope_id, name, region_id, agency_id, path, timezone)
