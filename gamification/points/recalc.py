"""The scheduled recalculation: award what is not yet awarded, and check totals against the ledger.

Incremental: facts in the pending queue (recorded without an award, or set back by a rule change)
are evaluated in batches by the set-based engine (``batch_award``), each batch in its own
transaction that takes its facts off the queue (``pending_queue``), so a run killed half-way
leaves only whole batches behind and the next run takes up the rest, and two runs at once never
award a fact twice. On PostgreSQL a run keeps two batches going side by side (``SIDE_BY_SIDE``).
Its cost follows the pending facts.
Full: every fact is evaluated again in ranges of ids (honouring each rule's effective date) the
first time; after a complete check only the facts recorded since and those with ledger entries
written since (``full_check``). Streaks and badges are brought up to date (everyone's the first time and on
a complete check, then only where something could have changed them), and every total is
compared with the ledger's aggregate (archived periods once, ``totals_check``); any difference is
drift, fixed and reported.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass

from piccolo.query.functions.aggregate import Max, Min

from domain.errors import NotFound
from gamification.points.batch_award import BatchResult, FactRange, QueueHead, award_range
from gamification.points.full_check import (
    last_fact_id,
    last_full_check,
    learners_to_check,
    record_full_check,
    requeue_written_since,
)
from gamification.points.learner_refresh import refresh_learners
from gamification.points.ledger import refresh_totals
from gamification.points.pending_queue import pending_count
from gamification.points.totals_check import drifted_totals, mark_checked
from gamification.points.totals_follower import TotalsFollower
from gamification.storage.database import in_retried_unit_of_work, unit_of_work
from gamification.storage.sql_dialect import dialect
from gamification.storage.tables import Fact, Person, Region

log = logging.getLogger(__name__)
PENDING_BATCH = 5_000
BACKLOG = 100_000  # more pending facts than this are taken person by person: each total written once
PEOPLE_PER_BATCH = 1_000
FULL_RANGE = 100_000  # ids per transaction when every fact is evaluated again
SIDE_BY_SIDE = 2


@dataclass
class RecalcReport:
    full: bool
    facts_evaluated: int = 0
    entries_added: int = 0
    xp_added: int = 0
    badges_awarded: int = 0
    drift_fixed: int = 0  # people whose stored totals differed from the ledger

    def add(self, result: BatchResult) -> None:
        self.facts_evaluated += result.facts
        self.entries_added += result.entries
        self.xp_added += result.xp


async def recalculate(
    *,
    follow: TotalsFollower,
    full: bool = False,
    complete: bool = False,
    region_slug: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RecalcReport:
    """``progress(done, total)`` is called after each batch; ``follow`` hears of every total changed.
    ``complete`` (with ``full``): every fact and every total, whatever earlier checks covered (weekly,
    to find what no engine wrote: an entry or a total edited by hand)."""
    region_id = await _region_id(region_slug)
    report = RecalcReport(full=full)
    if full:
        started, started_at = time.perf_counter(), dt.datetime.now(dt.timezone.utc)
        last, facts_through = await last_full_check(), await last_fact_id()
        if last is None or complete:
            await _evaluate_all(region_id, report, progress, follow)
        else:  # evaluated once already: only the facts recorded since, and those with entries written since
            await requeue_written_since(last["started_at"], region_id)
            await _evaluate_all(region_id, report, progress, follow, after=last["facts_through"])
            await _evaluate_pending(region_id, report, progress, follow)
        awarded = time.perf_counter()
        learners = await learners_to_check(region_id, None if complete else last)
        report.badges_awarded = await refresh_learners(learners, follow)
        badges = time.perf_counter()
        report.drift_fixed = await _fix_drift(region_id, follow, everything=complete)
        if region_id is None:  # every region checked
            await mark_checked(started_at)
            await record_full_check(facts_through, started_at)
        log.info(
            "full recalculation: facts %.1f s, streaks and badges %.1f s, totals against the ledger %.1f s",
            awarded - started,
            badges - awarded,
            time.perf_counter() - badges,
        )
    else:
        await _evaluate_pending(region_id, report, progress, follow)
    return report


async def _evaluate_pending(region_id: int | None, report: RecalcReport, progress, follow) -> None:
    total = await pending_count(region_id)
    if total > BACKLOG:
        await _evaluate_by_person(region_id, report, progress, total, follow)

    def from_the_queue(shard: tuple[int, int] | None):
        async def next_batch() -> bool:  # what is left, or arrived meanwhile; none: what is left is another batch's
            result = await _award(QueueHead(PENDING_BATCH, shard), True, region_id, follow)
            report.add(result)
            if result.facts and progress:
                progress(min(report.facts_evaluated, total), total)
            return bool(result.facts)

        return next_batch

    # Each task takes the facts of its own people: batches side by side that shared a person would wait
    # for each other's commit on that person's totals, one after the other again.
    tasks = _tasks()
    await _side_by_side(*(from_the_queue((k, tasks) if tasks > 1 else None) for k in range(tasks)))


async def _evaluate_by_person(region_id: int | None, report: RecalcReport, progress, total, follow) -> None:
    people = Person.select(Min(Person.id, alias="first"), Max(Person.id, alias="last"))
    bounds = (await people.where(Person.region == region_id) if region_id is not None else await people)[0]
    if bounds["first"] is None:
        return
    ranges = _ranges("person", bounds["first"], bounds["last"], PEOPLE_PER_BATCH)
    await _side_by_side(
        _range_by_range(
            ranges, True, region_id, follow, report, lambda: min(report.facts_evaluated, total), total, progress
        )
    )


async def _evaluate_all(region_id: int | None, report: RecalcReport, progress, follow, after: int = 0) -> None:
    """Every fact (of the region), or those with ids above ``after``, in ranges of ids."""
    in_region = [Fact.region == region_id] if region_id is not None else []
    in_region.append(Fact.id > after)
    bounds = (await Fact.select(Min(Fact.id, alias="first"), Max(Fact.id, alias="last")).where(*in_region))[0]
    if bounds["first"] is None:
        return
    total = await Fact.count().where(*in_region)
    ranges = _ranges("id", bounds["first"], bounds["last"], FULL_RANGE)
    await _side_by_side(
        _range_by_range(ranges, False, region_id, follow, report, lambda: report.facts_evaluated, total, progress)
    )


def _ranges(column: str, first: int, last: int, size: int) -> Iterator[FactRange]:
    for start in range(first, last + 1, size):
        yield FactRange(column, start, min(start + size - 1, last))


def _range_by_range(ranges: Iterator[FactRange], pending_only, region_id, follow, report, done, total, progress):
    """One batch per call, on the next range not yet taken (the iterator is shared); False when none is left."""

    async def next_range() -> bool:
        facts = next(ranges, None)
        if facts is None:
            return False
        report.add(await _award(facts, pending_only, region_id, follow))
        if progress:
            progress(done(), total)
        return True

    return next_range


def _tasks() -> int:
    return SIDE_BY_SIDE if dialect().postgres else 1


async def _side_by_side(*batches: Callable[[], Awaitable[bool]]) -> None:
    """Each of ``batches`` called again and again until it answers False, in a task of its own; one batch
    given, in ``SIDE_BY_SIDE`` tasks on PostgreSQL (one on SQLite, which has one writer): one batch's
    statements run on one core while the other's run on the other, or its boards are written. Batches
    take disjoint facts (ranges, or the queue's head skipping what another holds) and lock totals in the
    order of the person (``totals_growth``). After a failure no task starts another batch, the batch
    under way beside it ends as it would have (nothing is cancelled half-way), and the first error is
    raised."""
    failures: list[Exception] = []

    async def one_after_another(batch: Callable[[], Awaitable[bool]]) -> None:
        while not failures:
            try:
                if not await batch():
                    return
            except Exception as error:
                failures.append(error)

    if len(batches) == 1:
        batches = batches * _tasks()
    await asyncio.gather(*(one_after_another(batch) for batch in batches))
    if failures:
        raise failures[0]


async def _award(
    facts: FactRange | QueueHead, pending_only: bool, region_id: int | None, follow: TotalsFollower
) -> BatchResult:
    """One batch in its own transaction; the rules are read in it (``award_range``). Done again whole when an
    attempt awarding one of these facts at the same moment won the unique key, or another batch took the same
    people's new totals in another order."""
    return await in_retried_unit_of_work(
        lambda: award_range(None, facts, follow=follow, pending_only=pending_only, region_id=region_id)
    )


async def _fix_drift(region_id: int | None, follow: TotalsFollower, everything: bool) -> int:
    """Recompute, from the ledger and under the person's lock, every total found to differ from it."""
    drifted = await drifted_totals(region_id, everything=everything, parts=SIDE_BY_SIDE)
    for person_id, periods in sorted(drifted.items()):
        async with unit_of_work():
            await refresh_totals(person_id, {p for p in periods if p[0] != "all"}, follow=follow)
    return len(drifted)


async def _region_id(slug: str | None) -> int | None:
    if slug is None:
        return None
    row = await Region.select(Region.id).where(Region.slug == slug).first()
    if row is None:
        raise NotFound("region_not_found")
    return row["id"]
