"""The leaderboards' scheduled work: every hour, the weeks, months and years that ended are closed,
and the totals of periods over for a while move to the archive (``points.period_archive``)."""

from __future__ import annotations

import datetime as dt

from gamification.boards.period_close import close_periods
from gamification.points.national_periods import calendars_in_use
from gamification.points.period_archive import archive_closed_periods
from gamification.storage.job_runs import run_once, trigger_time


async def close_periods_job(now: dt.datetime | None = None) -> dict | None:
    """Each calendar in use (every region's time zone, and WIB for the national board) closes the
    periods that ended, so each closes within the hour after its local midnight, whatever the zone."""
    when = trigger_time(now or dt.datetime.now(dt.timezone.utc), 60)

    async def close_all() -> dict:
        closed = {zone: await close_periods(zone, when) for zone in await calendars_in_use()}
        await archive_closed_periods(when)
        return closed

    return await run_once("close_periods", when, close_all)
