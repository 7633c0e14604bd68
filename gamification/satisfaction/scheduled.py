"""The satisfaction feature's scheduled work: unit badges for the month, quarter or year that has just ended."""

from __future__ import annotations

import datetime as dt

from gamification.satisfaction.unit_badges import award_ended_periods
from gamification.storage.job_runs import run_once, trigger_time


async def award_unit_badges_job(now: dt.datetime | None = None) -> dict | None:
    """Once a day: the units that earned a unit badge in a period ended within the last week get it, once."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return await run_once("award_unit_badges", trigger_time(now, 60), lambda: award_ended_periods(now))
