"""The rewards' scheduled work: redemptions nobody decided give their points and stock back."""

from __future__ import annotations

import datetime as dt

from gamification.rewards.redemptions import expire_holds
from gamification.storage.job_runs import run_once, trigger_time


async def expire_holds_job(hold_days: int, now: dt.datetime | None = None) -> dict | None:
    """Every hour: redemptions nobody decided within ``hold_days`` are released."""
    when = trigger_time(now or dt.datetime.now(dt.timezone.utc), 60)
    return await run_once("expire_holds", when, lambda: expire_holds(dt.timedelta(days=hold_days), when))
