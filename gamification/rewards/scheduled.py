"""The rewards' scheduled work: redemptions nobody decided give their points and stock back; the deciders'
daily digest."""

from __future__ import annotations

import datetime as dt
from functools import partial
from zoneinfo import ZoneInfo

from domain.decision_digest import DIGEST_HOUR
from gamification.rewards.digest import send_digests
from gamification.rewards.redemptions import expire_holds
from gamification.storage.job_runs import run_once, trigger_time
from gamification.storage.tables import Region


async def expire_holds_job(hold_days: int, now: dt.datetime | None = None) -> dict | None:
    """Every hour: redemptions nobody decided within ``hold_days`` are released."""
    when = trigger_time(now or dt.datetime.now(dt.timezone.utc), 60)
    return await run_once("expire_holds", when, lambda: expire_holds(dt.timedelta(days=hold_days), when))


async def decision_digest_job(now: dt.datetime | None = None) -> dict:
    """Every hour: the deciders of each time zone whose clock has just reached ``DIGEST_HOUR`` get their
    digest, once per zone and day (the trigger is that local hour)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    zones = await Region.select(Region.timezone).distinct().output(as_list=True)
    sent = {}
    for zone in sorted(zones):
        local = now.astimezone(ZoneInfo(zone))
        if local.hour == DIGEST_HOUR:
            at = local.replace(minute=0, second=0, microsecond=0)
            sent[zone] = await run_once(f"decision_digest:{zone}", at, partial(_digest_zone, zone, at.date()))
    return sent


async def _digest_zone(zone: str, day: dt.date) -> dict:
    regions = await Region.select(Region.id).where(Region.timezone == zone).output(as_list=True)
    return await send_digests(regions, day)
