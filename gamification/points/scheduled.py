"""The points engine's scheduled work: the recalculation every few minutes and at night, and each
region's day closing at its own midnight (streaks end where yesterday was a missed working day)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Awaitable, Callable
from zoneinfo import ZoneInfo

from domain.timezones import NATIONAL_TIMEZONE
from gamification.points.learner_refresh import refresh_streaks
from gamification.points.recalc import recalculate
from gamification.points.totals_follower import TotalsFollower
from gamification.storage.job_runs import run_once, trigger_time
from gamification.storage.tables import Person, Region, Streak

DEFAULT_EVERY_SECONDS = 300
# The leaderboards' check against the ledger, called with True for the thorough one at night; handed in: the
# boards stand above the points.
BoardCheck = Callable[[bool], Awaitable[dict]]


async def recalc_job(
    *,
    follow: TotalsFollower,
    check_boards: BoardCheck | None = None,
    now: dt.datetime | None = None,
    every_seconds: int = DEFAULT_EVERY_SECONDS,
) -> dict | None:
    when = trigger_time(now or dt.datetime.now(dt.timezone.utc), seconds=every_seconds)
    return await run_once("recalc", when, lambda: _recalculate(follow, check_boards, full=False))


COMPLETE_CHECK_WEEKDAY = 6  # Sunday night (WIB): the full check covers everything, not only what changed


async def full_rebuild_job(
    *, follow: TotalsFollower, check_boards: BoardCheck | None = None, now: dt.datetime | None = None
) -> dict | None:
    now = now or dt.datetime.now(dt.timezone.utc)
    complete = now.astimezone(ZoneInfo(NATIONAL_TIMEZONE)).weekday() == COMPLETE_CHECK_WEEKDAY
    return await run_once(
        "recalc_full", trigger_time(now, 60), lambda: _recalculate(follow, check_boards, full=True, complete=complete)
    )


async def _recalculate(
    follow: TotalsFollower, check_boards: BoardCheck | None, full: bool, complete: bool = False
) -> dict:
    """The recalculation, then the boards checked against the ledger and repaired."""
    counts = dataclasses.asdict(await recalculate(follow=follow, full=full, complete=complete))
    if check_boards is not None:
        counts["boards"] = await check_boards(full)
    return counts


async def close_days_job(now: dt.datetime | None = None) -> dict:
    """Every hour: each time zone a region uses whose local midnight has just passed closes its day.
    Any zone a region may be given counts (Asia/Pontianak as much as Asia/Jakarta), not a fixed list."""
    now = now or dt.datetime.now(dt.timezone.utc)
    zones = await Region.select(Region.timezone).distinct().output(as_list=True)
    closed = {}
    for zone in sorted(zones):
        if now.astimezone(ZoneInfo(zone)).hour == 0:
            closed[zone] = await close_day_job(zone, now)
    return closed


async def close_day_job(timezone: str, now: dt.datetime | None = None) -> dict | None:
    """At local midnight: streaks of the region's people end where yesterday was a missed working day."""
    local = (now or dt.datetime.now(dt.timezone.utc)).astimezone(ZoneInfo(timezone))
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)

    async def close() -> dict:
        regions = await Region.select(Region.id).where(Region.timezone == timezone).output(as_list=True)
        if not regions:
            return {"people": 0}
        people = await (
            Streak.select(Streak.person)
            .where(
                Streak.current > 0, Streak.person.is_in(Person.select(Person.id).where(Person.region.is_in(regions)))
            )
            .output(as_list=True)
        )
        return {"people": await refresh_streaks(people, now=midnight)}

    return await run_once(f"close_day:{timezone}", midnight, close)
