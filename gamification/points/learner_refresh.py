"""Learners' streaks, streak milestones and badges brought up to date in chunks: each chunk read in a
handful of statements and written in one transaction (the full check over every learner, the midnight
close), where person by person it took a dozen statements and a transaction each.

The chunk computes with the per-person code's own readers and writers (``update_streaks``,
``award_facts``, ``award_badges_to``), so the two give the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

from gamification.points.badges import award_badges_to
from gamification.points.ledger import award_facts
from gamification.points.streaks import lock_learners, region_today, update_streaks
from gamification.points.totals_follower import TotalsFollower
from gamification.storage.database import in_retried_unit_of_work
from gamification.storage.tables import Completion

CHUNK = 500
MILESTONES_PER_AWARD = 1_000  # a milestone's one entry binds 17 values: within SQLite's 32,766


async def refresh_learners(
    person_ids: list[int], follow: TotalsFollower, now: dt.datetime | None = None, chunk: int = CHUNK
) -> int:
    """Streaks, milestone facts (awarded) and badges of these people; returns how many badges were awarded."""

    async def refresh(people: list[int]) -> int:
        milestones = await update_streaks(people, now)
        for start in range(0, len(milestones), MILESTONES_PER_AWARD):  # each insert within the parameters' limit
            await award_facts(milestones[start : start + MILESTONES_PER_AWARD], follow=follow, queued=True)
        return sum(len(earned) for earned in (await award_badges_to(people)).values())

    return await _in_chunks(person_ids, chunk, refresh)


async def refresh_streaks(person_ids: list[int], now: dt.datetime | None = None, chunk: int = CHUNK) -> int:
    """Streaks only; new milestone facts wait in the recalculation's queue. Returns how many people."""

    async def refresh(people: list[int]) -> int:
        await update_streaks(people, now)
        return len(people)

    return await _in_chunks(person_ids, chunk, refresh)


REFRESH_REACH = dt.timedelta(days=14)  # wider than any run of weekends and holidays around one day


async def refresh_streaks_around(region_id: int, day: dt.date, now: dt.datetime | None = None) -> int:
    """A holiday added or removed on ``day`` joins or splits the runs that pass it: the streaks of the
    region's people who learned near it are computed again at once, not at the next local midnight.
    Returns how many people were looked at."""
    today = await region_today(region_id, now)
    if day > today:
        return 0  # no run reaches a day still to come
    people = (
        await Completion.select(Completion.person)
        .where(
            Completion.region == region_id,
            Completion.local_date >= day - REFRESH_REACH,
            Completion.local_date <= day + REFRESH_REACH,
        )
        .distinct()
        .output(as_list=True)
    )
    return await refresh_streaks(people, now)


async def _in_chunks(person_ids: list[int], chunk: int, work: Callable[[list[int]], Awaitable[int]]) -> int:
    people, done = sorted(set(person_ids)), 0
    for start in range(0, len(people), chunk):
        done += await _in_one_transaction(people[start : start + chunk], work)
    return done


async def _in_one_transaction(people: list[int], work: Callable[[list[int]], Awaitable[int]]) -> int:
    """Done again whole when an attempt recorded one of these milestones at the same moment (its source key), or
    a writer took these people's rows in another order."""

    async def locked_then_worked() -> int:
        await lock_learners(people)
        return await work(people)

    return await in_retried_unit_of_work(locked_then_worked)
