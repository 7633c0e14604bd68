"""Scheduled jobs (APScheduler): the recalculation every few minutes (``TANGKAS_RECALC_EVERY_SECONDS``),
the full rebuild at night, each region's day closing at its own local midnight, and every hour the
leaderboard periods that have ended closed.

Every process may run a scheduler (inside each ``tangkas serve`` worker, or ``tangkas scheduler``
on its own). Triggers are cron times, so every process fires the same trigger at the same
moment; the first to insert the trigger's ``job_run`` row (unique on job and time) runs it and
the others skip. The database is the lock whether or not Redis is configured, and the row is the
record of the run: start, end, outcome and counts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from gamification.boards.period_close import close_periods
from gamification.boards.sync import calendars_in_use, installed
from gamification.points.recalc import recalculate
from gamification.points.streaks import update_streak
from gamification.rewards.redemptions import expire_holds
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.settings import Settings
from gamification.storage.tables import JobRun, Person, Region, Streak

log = logging.getLogger(__name__)
HOLDER = f"{socket.gethostname()}:{os.getpid()}"
FULL_REBUILD_AT = "02:00"  # WIB
TIMEZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
STALE_AFTER = dt.timedelta(hours=1)  # far longer than any run takes


async def run_once(job: str, scheduled_for: dt.datetime, work: Callable[[], Awaitable[dict]]) -> dict | None:
    """Run ``work`` unless another process already took this trigger; None when skipped."""
    try:
        async with unit_of_work():
            inserted = await JobRun.insert(
                JobRun(job=job, scheduled_for=scheduled_for, holder=HOLDER, counts={})
            ).returning(JobRun.id)
    except Exception as error:
        if is_unique_violation(error):
            log.info("job %s for %s: taken by another process", job, scheduled_for.isoformat())
            return None
        raise
    run_id = inserted[0]["id"]
    log.info("job %s for %s: running here", job, scheduled_for.isoformat())
    await _close_abandoned(job, scheduled_for)
    try:
        counts = await work()
    except Exception as error:
        await _finish(run_id, "failed", {}, f"{type(error).__name__}: {error}"[:2000])
        log.exception("job %s for %s failed", job, scheduled_for.isoformat())
        raise
    await _finish(run_id, "ok", counts, None)
    return counts


async def _finish(run_id: int, outcome: str, counts: dict, error: str | None) -> None:
    await JobRun.update(
        {
            JobRun.finished_at: dt.datetime.now(dt.timezone.utc),
            JobRun.outcome: outcome,
            JobRun.counts: counts,
            JobRun.error: error,
        }
    ).where(JobRun.id == run_id)


async def _close_abandoned(job: str, now: dt.datetime) -> None:
    """Earlier runs of this job still "running" long after they started lost their process (killed,
    or unable to record their end); the record says so instead of showing them running for ever.

    A dead run never holds up the triggers after it (each has its own row), and the work it left
    is taken up by the next run: the recalculation commits each batch with its "done" mark. Should
    a run outlive ``STALE_AFTER`` after all, its own end overwrites the mark.
    """
    await JobRun.update(
        {
            JobRun.outcome: "abandoned",
            JobRun.finished_at: dt.datetime.now(dt.timezone.utc),
            JobRun.error: "no end recorded: the process stopped, or lost its database, during the run",
        }
    ).where((JobRun.job == job) & (JobRun.outcome == "running") & (JobRun.started_at < now - STALE_AFTER))


def trigger_time(now: dt.datetime, minutes: int = 0, seconds: int = 0) -> dt.datetime:
    """The cron moment a firing belongs to, on a grid of ``minutes`` and ``seconds`` that restarts on
    every hour (as ``every`` fires): processes a little apart agree on it."""
    step = minutes * 60 + seconds
    now = now.astimezone(dt.timezone.utc).replace(microsecond=0)
    return now - dt.timedelta(seconds=(now.minute * 60 + now.second) % step)


def every(seconds: int) -> CronTrigger:
    """A cron trigger every ``seconds`` (see ``config.fits_the_hour``); 300 is ``*/5`` minutes."""
    if seconds < 60:
        return CronTrigger(second=f"*/{seconds}")
    minutes = seconds // 60
    return CronTrigger(minute=f"*/{minutes}" if minutes < 60 else 0)


async def recalc_job(now: dt.datetime | None = None, every_seconds: int = Settings.recalc_every_seconds) -> dict | None:
    when = trigger_time(now or dt.datetime.now(dt.timezone.utc), seconds=every_seconds)
    return await run_once("recalc", when, lambda: _recalculate_and_check_boards(full=False))


async def full_rebuild_job(now: dt.datetime | None = None) -> dict | None:
    when = trigger_time(now or dt.datetime.now(dt.timezone.utc), 60)
    return await run_once("recalc_full", when, lambda: _recalculate_and_check_boards(full=True))


async def _recalculate_and_check_boards(full: bool) -> dict:
    """The recalculation, then the Redis boards checked against SQL (thoroughly at night) and repaired."""
    counts = dataclasses.asdict(await recalculate(full=full))
    sync = installed()
    if sync is not None:
        counts["boards"] = await sync.check(thorough=full)
    return counts


async def close_periods_job(now: dt.datetime | None = None) -> dict | None:
    """Every hour: each calendar in use (every region's time zone, and WIB for the national board)
    closes the weeks, months and years that ended, so each closes within the hour after its local
    midnight, whatever the zone."""
    when = trigger_time(now or dt.datetime.now(dt.timezone.utc), 60)

    async def close_all() -> dict:
        return {zone: await close_periods(zone, when) for zone in await calendars_in_use()}

    return await run_once("close_periods", when, close_all)


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
        for person_id in people:
            async with unit_of_work():
                await update_streak(person_id, now=midnight)
        return {"people": len(people)}

    return await run_once(f"close_day:{timezone}", midnight, close)


async def expire_holds_job(hold_days: int, now: dt.datetime | None = None) -> dict | None:
    """Every hour: redemptions nobody decided within ``hold_days`` give their points and stock back."""
    when = trigger_time(now or dt.datetime.now(dt.timezone.utc), 60)
    return await run_once("expire_holds", when, lambda: expire_holds(dt.timedelta(days=hold_days), when))


def build_scheduler(settings: Settings | None = None) -> AsyncIOScheduler:
    settings = settings or Settings.from_env()
    scheduler = AsyncIOScheduler(timezone="UTC", job_defaults={"coalesce": True, "max_instances": 1})
    scheduler.add_job(expire_holds_job, CronTrigger(minute=30), args=[settings.redemption_hold_days], id="expire_holds")
    scheduler.add_job(
        recalc_job,
        every(settings.recalc_every_seconds),
        kwargs={"every_seconds": settings.recalc_every_seconds},
        id="recalc",
    )
    hour, minute = FULL_REBUILD_AT.split(":")
    scheduler.add_job(
        full_rebuild_job, CronTrigger(hour=int(hour), minute=int(minute), timezone="Asia/Jakarta"), id="recalc_full"
    )
    scheduler.add_job(close_periods_job, CronTrigger(minute=0), id="close_periods")
    for timezone in TIMEZONES:
        scheduler.add_job(
            close_day_job, CronTrigger(hour=0, minute=0, timezone=timezone), args=[timezone], id=f"close_day:{timezone}"
        )

    return scheduler
