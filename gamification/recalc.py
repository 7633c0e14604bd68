"""The scheduled recalculation: award what is not yet awarded, and check totals against the ledger.

Incremental: facts still pending (recorded without an award, or set back by a rule change) are
evaluated in batches, each batch in its own transaction together with the mark that it is done,
so a run killed half-way leaves only whole batches behind and the next run takes up the rest.
Full: every fact is set pending and evaluated again (honouring each rule's effective date),
streaks and badges are brought up to date, and every total is compared with the ledger's
aggregate; any difference is drift, fixed and reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from piccolo.query.functions.aggregate import Max, Sum

from domain.errors import NotFound
from gamification.badges import award_badges
from gamification.database import unit_of_work
from gamification.db_errors import is_unique_violation
from gamification.ledger import PERIODS, as_datetime, award_facts, refresh_totals, rule_versions
from gamification.streaks import update_streak
from gamification.tables import Completion, Fact, Person, PointsPeriod, PointsTotal, Region, XpEntry

BATCH = 500
MAX_BATCH_TRIES = 3


@dataclass
class RecalcReport:
    full: bool
    facts_evaluated: int = 0
    entries_added: int = 0
    xp_added: int = 0
    badges_awarded: int = 0
    drift_fixed: int = 0  # people whose stored totals differed from the ledger


async def recalculate(
    *, full: bool = False, region_slug: str | None = None, progress: Callable[[int, int], None] | None = None
) -> RecalcReport:
    """``progress(done, total)`` is called after each batch."""
    region_id = await _region_id(region_slug)
    in_region = (Fact.region == region_id) if region_id is not None else None
    report = RecalcReport(full=full)
    if full:
        mark = Fact.update({Fact.evaluated_at: None}, force=True)
        await (mark.where(in_region) if in_region is not None else mark)
    pending = Fact.count().where(Fact.evaluated_at.is_null())
    total = await (pending.where(in_region) if in_region is not None else pending)
    versions = await rule_versions()
    while True:
        query = Fact.select(Fact.id).where(Fact.evaluated_at.is_null()).order_by(Fact.id).limit(BATCH)
        ids = await (query.where(in_region) if in_region is not None else query).output(as_list=True)
        if not ids:
            break
        awards = await _evaluate_batch(ids, versions)
        report.facts_evaluated += len(ids)
        report.entries_added += len(awards)
        report.xp_added += sum(award.xp for award in awards)
        if progress:
            progress(report.facts_evaluated, total)
    if full:
        report.badges_awarded = await _streaks_and_badges(region_id)
        report.drift_fixed = await _fix_drift(region_id)
    return report


async def _evaluate_batch(ids: list[int], versions) -> list:
    for tries_left in reversed(range(MAX_BATCH_TRIES)):
        try:
            async with unit_of_work():
                return await award_facts(ids, versions)
        except Exception as error:
            # an attempt awarding one of these facts at the same moment won the unique key: look again
            if not is_unique_violation(error) or not tries_left:
                raise
    return []


async def _streaks_and_badges(region_id: int | None) -> int:
    query = Completion.select(Completion.person).distinct()
    if region_id is not None:
        query = query.where(Completion.person.region == region_id)
    awarded = 0
    for person_id in await query.output(as_list=True):
        async with unit_of_work():
            milestones = await update_streak(person_id)
            await award_facts(milestones)
            awarded += len(await award_badges(person_id))
    return awarded


async def _fix_drift(region_id: int | None) -> int:
    people = Person.select(Person.id)
    if region_id is not None:
        people = people.where(Person.region == region_id)
    person_ids = set(await people.output(as_list=True))
    expected = await _ledger_totals(person_ids)
    stored = {
        (row["person"], "all", None): (row["xp"], row["reached_at"])
        for row in await PointsTotal.select(PointsTotal.person, PointsTotal.xp, PointsTotal.reached_at)
        if row["person"] in person_ids
    }
    for row in await PointsPeriod.select(
        PointsPeriod.person, PointsPeriod.period, PointsPeriod.period_start, PointsPeriod.xp, PointsPeriod.reached_at
    ):
        if row["person"] in person_ids:
            stored[(row["person"], row["period"], row["period_start"])] = (row["xp"], row["reached_at"])
    drifted: dict[int, set] = defaultdict(set)
    for key in expected.keys() | stored.keys():
        if expected.get(key, (0, None)) != stored.get(key, (0, None)):
            person_id, period, start = key
            drifted[person_id].add((period, start))
    for person_id, periods in drifted.items():
        async with unit_of_work():
            await refresh_totals(person_id, {p for p in periods if p[0] != "all"})
    return len(drifted)


async def _ledger_totals(person_ids: set[int]) -> dict:
    totals = {}
    rows = await XpEntry.select(
        XpEntry.person, Sum(XpEntry.xp, alias="xp"), Max(XpEntry.occurred_at, alias="at")
    ).group_by(XpEntry.person)
    for row in rows:
        if row["person"] in person_ids:
            totals[(row["person"], "all", None)] = (int(row["xp"]), as_datetime(row["at"]))
    for period, column in PERIODS.items():
        rows = await XpEntry.select(
            XpEntry.person, column.as_alias("start"), Sum(XpEntry.xp, alias="xp"), Max(XpEntry.occurred_at, alias="at")
        ).group_by(XpEntry.person, column)
        for row in rows:
            if row["person"] in person_ids:
                totals[(row["person"], period, row["start"])] = (int(row["xp"]), as_datetime(row["at"]))
    return totals


async def _region_id(slug: str | None) -> int | None:
    if slug is None:
        return None
    row = await Region.select(Region.id).where(Region.slug == slug).first()
    if row is None:
        raise NotFound("region_not_found")
    return row["id"]
