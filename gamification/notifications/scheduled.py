"""Push notifications' scheduled work: the outbox drained every minute, once per trigger across processes."""

from __future__ import annotations

import datetime as dt

from gamification.notifications.outbox import PushOutbox
from gamification.storage.job_runs import run_once, trigger_time


async def push_job(outbox: PushOutbox, now: dt.datetime | None = None) -> dict | None:
    """Every minute: notifications due go to their people's phones (``PushOutbox.drain``)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return await run_once("push_notifications", trigger_time(now, 1), lambda: outbox.drain(now))
