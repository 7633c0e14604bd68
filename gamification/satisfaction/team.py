"""The citizens' view of a manager's team: the IKM of their unit (an admin: their region) this month and this
quarter, and the unit's badges; the manager's desk shows it beside the team's progress."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import Actor
from domain.ikm_access import IkmScope
from domain.skm import SurveyPeriod
from gamification.satisfaction.ikm import IkmReport, find_place, scope_report, window_of
from gamification.satisfaction.unit_badges import UnitBadgeView, unit_badges


@dataclass(frozen=True)
class TeamService:
    month: IkmReport
    quarter: IkmReport
    unit_badges: list[UnitBadgeView]  # the unit's own; none for a region


async def team_service(actor: Actor) -> TeamService | None:
    """A manager's unit (with the units below it), an admin's region; None for a caller with neither."""
    if actor.is_admin and actor.region_id is not None:
        place = await find_place(IkmScope.REGION, actor.region_id)
    elif actor.unit_id is not None and not actor.is_admin:
        place = await find_place(IkmScope.UNIT, actor.unit_id)
    else:
        return None
    month = await scope_report(place, window_of(place, SurveyPeriod.MONTH, None))
    quarter = await scope_report(place, window_of(place, SurveyPeriod.QUARTER, None))
    badges = await unit_badges(place.id) if place.scope is IkmScope.UNIT else []
    return TeamService(month, quarter, badges)
