"""Scheduled work that runs once per trigger, whichever process fires it first.

Every process may run a scheduler (inside each ``tangkas serve`` worker, or ``tangkas scheduler``
on its own). Triggers are cron times, so every process fires the same trigger at the same
moment; the first to insert the trigger's ``job_run`` row (unique on job and time) runs it and
the others skip. The database is the lock whether or not Redis is configured, and the row is the
record of the run: start, end, outcome and counts.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable

from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.metrics import JOB_DURATION, JOB_RUNS
from gamification.storage.tables import JobRun

log = logging.getLogger(__name__)
HOLDER = f"{socket.gethostname()}:{os.getpid()}"
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
            JOB_RUNS.labels(job, "skipped").inc()
            return None
        raise
    run_id = inserted[0]["id"]
    log.info("job %s for %s: running here", job, scheduled_for.isoformat())
    await _close_abandoned(job, scheduled_for)
    started = time.perf_counter()
    try:
        counts = await work()
    except Exception as error:
        await _finish(run_id, "failed", {}, f"{type(error).__name__}: {error}"[:2000])
        _count(job, "failed", started)
        log.exception("job %s for %s failed", job, scheduled_for.isoformat())
        raise
    await _finish(run_id, "ok", counts, None)
    _count(job, "ok", started)
    return counts


def _count(job: str, outcome: str, started: float) -> None:
    JOB_RUNS.labels(job, outcome).inc()
    JOB_DURATION.labels(job).observe(time.perf_counter() - started)


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
