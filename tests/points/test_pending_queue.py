"""The recalculation's pending queue: each queued fact awarded once, whoever races for it, whatever fails."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from domain.leaderboards import current_starts
from domain.rules import FactKind
from gamification.points import batch_award
from gamification.points import recalc as recalc_module
from gamification.points.pending_queue import requeue_facts
from gamification.points.recalc import recalculate
from gamification.points.totals_follower import WrittenTotals
from gamification.storage.database import unit_of_work
from gamification.storage.tables import Fact, PendingFact, PointRule, XpEntry
from tests import wiring
from tests.awards import WIB, WITA, boards_ready
from tests.invariants import books_balance, facts_awarded_once
from tests.module_payloads import attempt, published_module
from tests.pending_facts import import_completions, import_facts, imported_completion, pending

FACTS = 240


async def imported(world, count: int = FACTS) -> dict[int, int]:
    """``count`` queued completions over six people in two regions this week; the XP each should get."""
    people = [
        (region, zone, person)
        for region, zone in ((world.pontianak, WIB), (world.palu, WITA))
        for person in (region.asn, region.asn_child, region.manager)
    ]
    return await import_completions(people, count, xp_cycle=9)


def batches_held_open(monkeypatch, seconds: float) -> None:
    """Each batch keeps its transaction (and the facts it took) a moment before committing."""
    award_range = recalc_module.award_range

    async def held(*args, **kwargs):
        result = await award_range(*args, **kwargs)
        await asyncio.sleep(seconds)
        return result

    monkeypatch.setattr(recalc_module, "award_range", held)
    monkeypatch.setattr(recalc_module, "PENDING_BATCH", 20)


async def test_two_recalculations_at_once_take_each_queued_fact_once(app, world, settings, monkeypatch):
    await boards_ready()
    expected = await imported(world)
    batches_held_open(monkeypatch, 0.05)

    reports = await asyncio.gather(recalculate(follow=wiring.follow()), recalculate(follow=wiring.follow()))

    assert sum(report.facts_evaluated for report in reports) == FACTS  # no fact taken by both
    assert sum(report.entries_added for report in reports) == FACTS
    if settings.database_url.startswith("postgresql"):
        assert all(report.facts_evaluated for report in reports)  # side by side: each skipped what the other held
    assert await pending() == 0
    await facts_awarded_once()
    await books_balance(expected)


async def test_one_recalculation_runs_two_batches_side_by_side_on_postgresql(app, world, settings, monkeypatch):
    await boards_ready()
    expected = await imported(world)
    award_range = recalc_module.award_range
    open_now = most_open = 0
    shards = set()

    async def counted(*args, **kwargs):
        nonlocal open_now, most_open
        shards.add(args[1].shard)
        open_now += 1
        most_open = max(most_open, open_now)
        try:
            result = await award_range(*args, **kwargs)
            await asyncio.sleep(0.05)  # the transaction held a moment, as a batch's statements would
            return result
        finally:
            open_now -= 1

    monkeypatch.setattr(recalc_module, "award_range", counted)
    monkeypatch.setattr(recalc_module, "PENDING_BATCH", 20)

    report = await recalculate(follow=wiring.follow())

    postgres = settings.database_url.startswith("postgresql")
    assert most_open == (2 if postgres else 1)  # SQLite: one writer
    assert shards == ({(0, 2), (1, 2)} if postgres else {None})  # side by side, each batch of its own people
    assert report.facts_evaluated == FACTS and report.entries_added == FACTS
    assert await pending() == 0
    await facts_awarded_once()
    await books_balance(expected)


async def test_a_batch_that_fails_leaves_its_facts_queued_and_the_next_run_awards_them(
    app, world, settings, monkeypatch
):
    await boards_ready()
    expected = await imported(world, 60)
    monkeypatch.setattr(recalc_module, "PENDING_BATCH", 20)
    grow_totals = batch_award.grow_totals
    calls = 0

    async def fails_on_the_second_batch(entries, **options):
        nonlocal calls
        calls += 1
        mine = calls  # batches side by side: another may have called meanwhile
        written = await grow_totals(entries, **options)
        if mine == 2:
            raise RuntimeError("the process dies inside a batch")
        return written

    monkeypatch.setattr(batch_award, "grow_totals", fails_on_the_second_batch)
    with pytest.raises(RuntimeError):
        await recalculate(follow=wiring.follow())
    # The failed batch rolled back whole, claim and all; on PostgreSQL the batch beside it ended as it
    # would have, and none was started after the failure.
    left = await pending()
    assert left in (20, 40) if settings.database_url.startswith("postgresql") else left == 40
    monkeypatch.setattr(batch_award, "grow_totals", grow_totals)

    assert (await recalculate(follow=wiring.follow())).facts_evaluated == left
    await facts_awarded_once()
    await books_balance(expected)


async def test_an_award_at_once_leaves_nothing_queued(client, world, as_):
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    await attempt(client, learner, await published_module(client, admin, title="Modul", xp=30))
    assert await Fact.count() >= 1
    assert await pending() == 0
    assert (await recalculate(follow=wiring.follow())).facts_evaluated == 0


async def test_a_rule_change_requeues_its_facts_and_the_recalculation_follows_the_new_rule(client, world, as_):
    admin = as_(world.pontianak.admin)
    await attempt(client, as_(world.pontianak.asn), await published_module(client, admin, title="Modul", xp=30))
    change = {"code": "module_xp", "formula": "fact_xp", "params": {"multiplier_percent": 200}}
    answer = await client.post("/api/v1/admin/rules", json={**change, "effective_from": "2020-01-01"}, headers=admin)
    assert answer.status_code == 201, answer.text
    assert await pending() == 1

    await recalculate(follow=wiring.follow())

    assert await pending() == 0
    assert sorted(row["xp"] for row in await XpEntry.select(XpEntry.xp).where(XpEntry.rule_code == "module_xp")) == [
        30,
        30,
    ]


@pytest.mark.postgres
async def test_facts_a_rule_change_holds_are_left_for_after_it_commits(app, world):
    """A rule change requeues facts already queued; until it commits, a recalculation must not take them
    (it would award them under the old rule and take them off the queue for good)."""
    await boards_ready()
    expected = await imported(world, 30)
    requeued, commit = asyncio.Event(), asyncio.Event()

    async def rule_change() -> None:
        async with unit_of_work():
            await PointRule.insert(
                PointRule(
                    code="module_xp",
                    fact_kind=FactKind.MODULE_COMPLETION.value,
                    formula="fact_xp",
                    params={"multiplier_percent": 200},
                    effective_from=dt.date(2020, 1, 1),
                )
            )
            await requeue_facts(FactKind.MODULE_COMPLETION.value, dt.date(2020, 1, 1), None)
            requeued.set()
            await commit.wait()

    changing = asyncio.create_task(rule_change())
    await requeued.wait()
    try:
        taken_meanwhile = (await recalculate(follow=wiring.follow())).facts_evaluated
    finally:
        commit.set()
        await changing
    assert taken_meanwhile == 0

    await recalculate(follow=wiring.follow())
    await books_balance({person: 2 * xp for person, xp in expected.items()})


async def test_a_recalculation_of_one_region_takes_only_its_queued_facts(app, world, monkeypatch):
    await boards_ready()
    expected = await imported(world, 60)
    monkeypatch.setattr(recalc_module, "PENDING_BATCH", 7)

    report = await recalculate(follow=wiring.follow(), region_slug="palu")

    assert report.facts_evaluated == 30 and await pending() == 30  # the other half is Pontianak's, still queued
    await recalculate(follow=wiring.follow())
    await facts_awarded_once()
    await books_balance(expected)


async def test_a_complete_check_of_one_region_evaluates_and_takes_only_its_facts(app, world, monkeypatch):
    await boards_ready()
    expected = await imported(world, 60)
    monkeypatch.setattr(recalc_module, "FULL_RANGE", 7)  # ranges of ids holding facts of both regions

    report = await recalculate(follow=wiring.follow(), full=True, complete=True, region_slug="palu")

    assert report.facts_evaluated == 30 and await pending() == 30  # Pontianak's facts are still queued
    assert report.entries_added > 0
    await recalculate(follow=wiring.follow())
    await facts_awarded_once()
    await books_balance(expected)


async def test_a_batch_of_one_shard_takes_only_the_facts_of_its_people(app, world):
    await boards_ready()
    await imported(world, 60)

    async with unit_of_work():
        result = await batch_award.award_range(
            None, batch_award.QueueHead(1000, (1, 2)), follow=wiring.follow(), pending_only=True
        )

    awarded = set(await XpEntry.select(XpEntry.person).output(as_list=True))
    queued = set(
        await Fact.select(Fact.person)
        .where(Fact.id.is_in(await PendingFact.select(PendingFact.fact).output(as_list=True)))
        .output(as_list=True)
    )
    assert result.facts > 0 and awarded and all(person % 2 == 1 for person in awarded)
    assert queued and all(person % 2 == 0 for person in queued)  # the other shard's, still queued


class Heard:
    """A follower of the totals that keeps what a batch told it."""

    def __init__(self) -> None:
        self.written: list[WrittenTotals] = []

    def totals_changed(self, person_id: int) -> None:
        raise AssertionError("a batch tells its rows as written")

    def totals_written(self, written: WrittenTotals) -> None:
        raise AssertionError("a batch tells its rows as written")

    def batch_written(self, written: list[WrittenTotals]) -> None:
        self.written += written


async def test_a_batch_tells_the_boards_its_people_rows_of_the_current_periods_as_written(app, world):
    pontianak = world.pontianak
    now = dt.datetime.now(dt.timezone.utc)
    earlier = now - dt.timedelta(days=400)  # a year before the current one: no current period holds it
    # now: a pinned clock may have just turned a period
    await import_facts(
        *(
            imported_completion(pontianak, WIB, pontianak.asn, at, f"tertulis:{n}", 10)
            for n, at in enumerate([earlier, now])
        )
    )
    heard = Heard()

    await recalculate(follow=heard)

    [written] = heard.written
    assert (written.person_id, written.region_id, written.timezone) == (pontianak.asn, pontianak.region_id, WIB)
    by_period = {row["period"]: row for row in written.rows}
    assert by_period["all"]["xp"] == 20 and by_period["all"]["entries"] == 2  # the all-time total: both facts
    current = current_starts([WIB], now)
    assert set(by_period) == {"all", *current} and len(written.rows) == 7  # no row of the earlier year's periods
    assert all(row["period_start"] in current[row["period"]] and row["xp"] == 10 for row in written.rows[1:])
