"""Unit badges for good service: a badge whose criteria are ``unit_service`` is earned by a unit whose own
service points' answers in a month, quarter or year reach a least element NRR or IKM (``domain.badges``).

The scores of every unit of a set of regions come from one grouped aggregate (``GROUP BY unit``). A preview
says who would earn a badge, or criteria not saved yet, for a period, and awards nothing; the scheduled job
(``scheduled.py``) awards the period that has just ended, once per (unit, badge, period) by the unique index.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from piccolo.query.functions.aggregate import Count

from domain.access import Actor
from domain.badges import Criterion, check_criteria, unit_service_evidence
from domain.errors import InvalidInput, NotFound
from domain.ikm_access import IkmScope, check_sees_ikm
from domain.skm import IkmScore, SurveyPeriod, SurveyWindow, parse_at, previous_window, survey_window
from domain.timezones import NATIONAL_TIMEZONE
from gamification.notifications.inbox import notify
from gamification.satisfaction.ikm import SUMS, find_place, in_window, score_of
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.json_column import loaded
from gamification.storage.tables import Badge, Person, Region, SurveyAnswer, Unit, UnitBadge

log = logging.getLogger(__name__)
AWARD_GRACE = dt.timedelta(days=7)  # a period is awarded by the daily runs of the week after it ends


@dataclass(frozen=True)
class UnitEarner:
    unit_id: int
    unit: str
    agency: str
    answers: int
    value: float  # the element's NRR or the IKM, as shown
    ikm: float


@dataclass(frozen=True)
class UnitBadgePreview:
    badge: str | None  # the code, when an existing badge was previewed
    criteria: dict
    period_key: str
    period_start: dt.date
    period_end: dt.date
    units_with_answers: int
    earners: list[UnitEarner]


@dataclass(frozen=True)
class UnitBadgeView:
    code: str
    name: str
    description: str
    period_key: str
    awarded_at: dt.datetime
    reason: dict


class UnitBadges:
    async def preview(
        self, actor: Actor, *, code: str | None, criteria: dict | None, at: str | None, region_id: int | None
    ) -> UnitBadgePreview:
        """Which units of the admin's region (a superadmin: all, or one) would earn a badge for a period (default:
        the last one ended); nothing is awarded."""
        if (code is None) == (criteria is None):
            raise InvalidInput("unit_badge_preview_input")
        region = actor.listable_region(region_id)
        if code is not None:
            criteria = await _unit_badge_criteria(actor, code)
        else:
            criteria = check_criteria(criteria)
            if criteria["kind"] != Criterion.UNIT_SERVICE.value:
                raise InvalidInput("badge_not_unit_service")
        period = SurveyPeriod(criteria["period"])
        timezone = await _timezone(region)
        today = dt.datetime.now(dt.timezone.utc).astimezone(ZoneInfo(timezone)).date()
        window = survey_window(period, parse_at(at, period)) if at else previous_window(survey_window(period, today))
        if region is None and not actor.is_superadmin:
            scores = {}  # an admin without a region reaches no region, not every one
        else:
            scores = await unit_scores(None if region is None else [region], window)
        earners = []
        for unit_id, (name, agency, score) in scores.items():
            reason = unit_service_evidence(criteria, score)
            if reason is not None:
                earners.append(UnitEarner(unit_id, name, agency, score.answers, reason["value"], reason["ikm"]))
        earners.sort(key=lambda e: (-e.value, -e.answers, e.unit.casefold(), e.unit_id))
        return UnitBadgePreview(code, criteria, window.key, window.start, window.last_day, len(scores), earners)

    async def of_unit(self, actor: Actor, unit_id: int) -> list[UnitBadgeView]:
        """A unit's badges, newest first, for whoever may see its IKM."""
        check_sees_ikm(actor, await find_place(IkmScope.UNIT, unit_id))
        return await unit_badges(unit_id)


async def unit_badges(unit_id: int) -> list[UnitBadgeView]:
    rows = (
        await UnitBadge.select(
            UnitBadge.badge.code,
            UnitBadge.badge.name,
            UnitBadge.badge.description,
            UnitBadge.period_key,
            UnitBadge.awarded_at,
            UnitBadge.reason,
        )
        .where(UnitBadge.unit == unit_id)
        .order_by(UnitBadge.id, ascending=False)
    )
    return [
        UnitBadgeView(
            r["badge.code"],
            r["badge.name"],
            r["badge.description"],
            r["period_key"],
            r["awarded_at"],
            loaded(r["reason"]),
        )
        for r in rows
    ]


async def _unit_badge_criteria(actor: Actor, code: str) -> dict:
    row = await Badge.select(Badge.region, Badge.criteria).where(Badge.code == code).first()
    if row is None or not (row["region"] is None or actor.sees_region(row["region"])):
        raise NotFound("badge_not_found")
    criteria = loaded(row["criteria"])
    if criteria.get("kind") != Criterion.UNIT_SERVICE.value:
        raise InvalidInput("badge_not_unit_service")
    return criteria


async def _timezone(region_id: int | None) -> str:
    if region_id is None:
        return NATIONAL_TIMEZONE
    row = await Region.select(Region.timezone).where(Region.id == region_id).first()
    if row is None:
        raise NotFound("region_not_found")
    return row["timezone"]


async def unit_scores(regions: list[int] | None, window: SurveyWindow) -> dict[int, tuple[str, str, IkmScore]]:
    """Each unit with answers in the window (its own service points only, not the units below): one grouped
    aggregate, then the units' names."""
    query = SurveyAnswer.select(SurveyAnswer.unit, Count(SurveyAnswer.id, alias="n"), *SUMS).where(in_window(window))
    if regions is not None:
        query = query.where(SurveyAnswer.region.is_in(regions or [0]))
    rows = {row["unit"]: row for row in await query.group_by(SurveyAnswer.unit)}
    if not rows:
        return {}
    names = {
        u["id"]: (u["name"], u["agency.name"])
        for u in await Unit.select(Unit.id, Unit.name, Unit.agency.name).where(Unit.id.is_in(list(rows)))
    }
    return {unit: (*names[unit], score_of(row)) for unit, row in rows.items() if unit in names}


async def award_ended_periods(now: dt.datetime) -> dict:
    """Every active unit badge, for the period that ended within the last week on each region's calendar: the units
    that earned it get it once (rerunning awards nothing more) and their managers a notice."""
    badges = [
        (row, loaded(row["criteria"]))
        for row in await Badge.select(Badge.id, Badge.code, Badge.name, Badge.region, Badge.criteria).where(
            Badge.active == True  # noqa: E712
        )
    ]
    badges = [(row, criteria) for row, criteria in badges if criteria.get("kind") == Criterion.UNIT_SERVICE.value]
    counts = {"badges": len(badges), "awarded": 0}
    if not badges:
        return counts
    zones: dict[str, list[int]] = defaultdict(list)
    for region in await Region.select(Region.id, Region.timezone):
        zones[region["timezone"]].append(region["id"])
    for timezone, regions in zones.items():
        today = now.astimezone(ZoneInfo(timezone)).date()
        scores: dict[str, dict] = {}
        for badge, criteria in badges:
            window = previous_window(survey_window(SurveyPeriod(criteria["period"]), today))
            if today - window.end >= AWARD_GRACE:
                continue
            if window.key not in scores:
                scores[window.key] = await _scores_with_region(regions, window)
            for unit_id, (region_id, score) in scores[window.key].items():
                if badge["region"] not in (None, region_id):
                    continue
                reason = unit_service_evidence(criteria, score)
                if reason is not None and await _award(unit_id, badge, window.key, reason):
                    counts["awarded"] += 1
    return counts


async def _scores_with_region(regions: list[int], window: SurveyWindow) -> dict[int, tuple[int, IkmScore]]:
    scored = await unit_scores(regions, window)
    if not scored:
        return {}
    region_of = {
        u["id"]: u["region"] for u in await Unit.select(Unit.id, Unit.region).where(Unit.id.is_in(list(scored)))
    }
    return {unit: (region_of[unit], score) for unit, (_, _, score) in scored.items()}


async def _award(unit_id: int, badge: dict, period_key: str, reason: dict) -> bool:
    """The badge to the unit for the period unless it holds it; True when awarded now."""
    held = (UnitBadge.unit == unit_id) & (UnitBadge.badge == badge["id"]) & (UnitBadge.period_key == period_key)
    try:
        async with unit_of_work():
            if await UnitBadge.exists().where(held):
                return False
            await UnitBadge.insert(UnitBadge(unit=unit_id, badge=badge["id"], period_key=period_key, reason=reason))
            for manager in await _managers(unit_id):
                await notify(
                    manager,
                    "unit_badge",
                    f"Unit Anda meraih lencana: {badge['name']}",
                    f"Dari penilaian masyarakat periode {period_key}.",
                    code=badge["code"],
                    period_key=period_key,
                    unit=unit_id,
                )
    except Exception as error:
        if is_unique_violation(error):  # another run got there first
            return False
        raise
    return True


async def _managers(unit_id: int) -> list[int]:
    rows = await Person.select(Person.id, Person.roles).where(Person.unit == unit_id, Person.active == True)  # noqa: E712
    return [row["id"] for row in rows if "manager" in (row["roles"] or "").split(";")]
