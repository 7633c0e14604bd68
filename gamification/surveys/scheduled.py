"""The citizens' voice's scheduled work: contacts past their erase time are blanked (UU PDP)."""

from __future__ import annotations

import datetime as dt

from gamification.storage.job_runs import run_once, trigger_time
from gamification.surveys.erasure import erase_contacts


async def erase_contacts_job(now: dt.datetime | None = None) -> dict | None:
    """Every hour: contacts on survey answers and complaints whose erase time has passed by now (not by the
    trigger's time: personal data goes as soon as it may; blanking twice changes nothing)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return await run_once("erase_contacts", trigger_time(now, 60), lambda: erase_contacts(now))
