"""The full check's chunked refresh of streaks, milestones and badges writes what the per-person path writes."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import sqlite3
from zoneinfo import ZoneInfo

import pytest

from domain.rules import FactKind
from gamification.points.badges import award_badges
from gamification.points.learner_refresh import refresh_learners
from gamification.points.ledger import award_facts
from gamification.points.streaks import update_streak
from gamification.storage.database import unit_of_work
from gamification.storage.tables import (
    Attempt,
    Badge,
    Completion,
    Fact,
    Holiday,
    JpCredit,
    ModuleVersion,
    Notification,
    PendingFact,
    PersonBadge,
    PointsTotal,
    Streak,
    StreakFreeze,
    XpEntry,
)
from tests import wiring
from tests.factories import add_person
from tests.faults.postgres import until_done_or_waiting_for_a_lock
from tests.module_payloads import attempt, published_module
from tests.statements import counted

MODULES = 36
TOPICS = ["keuangan", "digital", "pelayanan"]


class RolledBack(Exception):
    pass


async def per_person(people: list[int]) -> int:
    """The loop the full check ran before the chunks, each person in their own unit of work."""
    awarded = 0
    for person_id in people:
        async with unit_of_work():
            await award_facts(await update_streak(person_id), follow=wiring.follow(), queued=True)
            awarded += len(await award_badges(person_id))
    return awarded


async def written(people: list[int]) -> dict:
    """Everything the refresh may write, without ids and times of writing."""
    mine = Streak.person.is_in(people)
    facts = {
        r["id"]: r
        for r in await Fact.select(
            Fact.id, Fact.person, Fact.source_key, Fact.level, Fact.local_date, Fact.occurred_at, Fact.region, Fact.unit
        ).where(Fact.person.is_in(people), Fact.kind == FactKind.STREAK_MILESTONE.value)
    }
    pending = set(await PendingFact.select(PendingFact.fact).output(as_list=True))
    return {
        "streaks": sorted(
            tuple(r.values())
            for r in await Streak.select(Streak.person, Streak.current, Streak.longest, Streak.last_day).where(mine)
        ),
        "milestones": sorted((*(v for k, v in f.items() if k != "id"), f["id"] in pending) for f in facts.values()),
        "ledger": sorted(
            (facts[r["fact"]]["source_key"], r["rule_code"], r["xp"])
            for r in await XpEntry.select(XpEntry.fact, XpEntry.rule_code, XpEntry.xp).where(
                XpEntry.fact.is_in(sorted(facts) or [0])
            )
        ),
        "totals": sorted(
            tuple(r.values())
            for r in await PointsTotal.select(PointsTotal.person, PointsTotal.xp, PointsTotal.entries).where(
                PointsTotal.person.is_in(people)
            )
        ),
        "badges": sorted(
            (r["person"], r["badge.code"], str(r["reason"]))
            for r in await PersonBadge.select(PersonBadge.person, PersonBadge.badge.code, PersonBadge.reason).where(
                PersonBadge.person.is_in(people)
            )
        ),
        "notices": sorted(
            (r["person"], r["kind"], r["title"])
            for r in await Notification.select(Notification.person, Notification.kind, Notification.title).where(
                Notification.person.is_in(people)
            )
        ),
    }


async def varied_learners(client, world, as_, rng: random.Random) -> tuple[list[int], list[tuple]]:
    """Learners in two time zones and none, learning on most days of ten weeks (weekends too, some days twice)
    with gaps; returns them and the completions held back to be synced late."""
    admin = as_(world.pontianak.admin)
    modules = []
    for n in range(MODULES):
        module = await published_module(client, admin, title=f"Modul runtun {n}")
        version = await ModuleVersion.select(ModuleVersion.id).where(ModuleVersion.module == module["id"]).first()
        modules.append((module["id"], version["id"]))
    today = dt.datetime.now(dt.timezone.utc).date()
    for region in (world.pontianak.region_id, world.palu.region_id):
        weekdays = [today - dt.timedelta(days=n) for n in range(3, 60) if (today - dt.timedelta(days=n)).weekday() < 5]
        await Holiday.insert(*[Holiday(region=region, day=d, name="Libur uji") for d in rng.sample(weekdays, 4)])
    places = [
        (world.pontianak.region_id, world.pontianak.head_unit, "Asia/Jakarta"),
        (world.palu.region_id, world.palu.child_unit, "Asia/Makassar"),
        (None, None, "Asia/Jakarta"),
    ]
    people, late = [], []
    for n in range(17):
        region, unit, zone = places[n % 3]
        person = await add_person(f"Pelajar {n}", unit, region, "asn")
        people.append(person)
        keen = rng.choice([0.55, 0.8, 0.95, 1.0])
        days = [today - dt.timedelta(days=k) for k in range(70, -1, -1) if rng.random() < keen]
        if n % 4 == 0:  # a long unbroken run: weekends off, every working day learned
            days = [
                today - dt.timedelta(days=k) for k in range(45, -1, -1) if (today - dt.timedelta(days=k)).weekday() < 5
            ]
        days = days[-MODULES:]
        for index, day in enumerate(days):
            at = dt.datetime.combine(day, dt.time(rng.randint(6, 21), rng.randint(0, 59)), ZoneInfo(zone))
            row = (person, region, unit, modules[index], at.astimezone(dt.timezone.utc), day, rng)
            if rng.random() < 0.08:
                late.append(row)
            else:
                await completion(*row)
        if n % 5 == 1:
            await StreakFreeze.insert(
                *[
                    StreakFreeze(person=person, given_on=today - dt.timedelta(days=rng.randint(10, 60)))
                    for _ in range(2)
                ]
            )
        if n % 3 == 2:
            await JpCredit.insert(
                JpCredit(
                    person=person,
                    source_kind="module",
                    source_id=n,
                    title="Diklat",
                    competency_type="teknis",
                    jp_centi=rng.choice([300, 900]),
                    earned_at=dt.datetime.now(dt.timezone.utc),
                    year=dt.datetime.now(ZoneInfo(zone)).year,
                )
            )
        if n % 4 == 3:
            await Fact.insert(
                Fact(
                    kind=FactKind.INITIATIVE_VERIFIED.value,
                    person=person,
                    source_key=f"inisiatif:uji:{n}",
                    label="Inisiatif",
                    occurred_at=dt.datetime.now(dt.timezone.utc),
                    local_date=today,
                    region=region,
                    unit=unit,
                )
            )
    return people, late


async def completion(person, region, unit, module, at, day, rng) -> None:
    module_id, version_id = module
    first = rng.random() < 0.7
    attempt = await Attempt.insert(
        Attempt(
            person=person,
            module=module_id,
            module_version=version_id,
            client_id=f"uji-{person}-{module_id}",
            answers={},
            score=100 if first else 80,
            correct_count=5,
            question_count=5,
            passed=True,
            credited=True,
            started_at=at,
            finished_at=at,
        )
    ).returning(Attempt.id)
    await Completion.insert(
        Completion(
            person=person,
            module=module_id,
            module_version=version_id,
            attempt=attempt[0]["id"],
            region=region,
            unit=unit,
            competency_type="teknis",
            topics=";".join(rng.sample(TOPICS, rng.randint(1, 2))),
            xp=10,
            jp_centi=100,
            score=100 if first else 80,
            first_attempt=first,
            completed_at=at,
            local_date=day,
        )
    )


async def more_badges(world) -> None:
    await Badge.insert(
        Badge(code="runtun-lima", name="Runtun Lima", criteria={"kind": "streak", "days": 5}),
        Badge(code="runtun-tujuh", name="Runtun Tujuh", criteria={"kind": "streak", "days": 7}),
        Badge(code="digital-8", name="Digital", criteria={"kind": "completions", "count": 8, "topic": "digital"}),
        Badge(code="jp-lima", name="JP Lima", criteria={"kind": "jp_year", "jp": 5}),
        Badge(code="penggagas", name="Penggagas", criteria={"kind": "initiatives", "count": 1}),
        Badge(code="sempurna", name="Sempurna", criteria={"kind": "perfect_first_attempt"}),
        Badge(
            code="palu-20", name="Palu 20", region=world.palu.region_id, criteria={"kind": "completions", "count": 20}
        ),
    )


async def test_the_chunked_refresh_writes_what_the_per_person_path_writes(client, world, as_, monkeypatch):
    rng = random.Random(7)
    people, late = await varied_learners(client, world, as_, rng)
    await more_badges(world)
    # A check before: streaks stored, some milestones and badges reached; then completions synced late fill
    # gaps, streaks are made stale, a badge is added, a freeze given.
    await per_person(people[::2])
    for row in late:
        await completion(*row)
    await Streak.update({Streak.current: 1, Streak.longest: 2}).where(Streak.person.is_in(people[::4]))
    await Badge.insert(Badge(code="runtun-tiga", name="Runtun Tiga", criteria={"kind": "streak", "days": 3}))
    await StreakFreeze.insert(StreakFreeze(person=people[3], given_on=dt.date.today() - dt.timedelta(days=40)))

    try:
        async with unit_of_work():  # the per-person path, rolled back once its writes are read
            expected_awarded = await per_person(people)
            expected = await written(people)
            raise RolledBack
    except RolledBack:
        pass
    assert await written(people) != expected  # there was work to do

    with counted(monkeypatch) as statements:
        awarded = await refresh_learners(people, wiring.follow(), chunk=4)  # chunk boundaries inside the runs

    assert awarded == expected_awarded > 0
    assert await written(people) == expected
    assert expected["milestones"] and expected["ledger"] and expected["badges"]
    assert statements.count < 20 * len(people) // 4 + 2 * len(expected["milestones"]) + 2 * len(expected["badges"])
    assert await refresh_learners(people, wiring.follow(), chunk=5) == 0  # nothing left to do
    assert await written(people) == expected


async def test_a_chunk_locks_its_streak_rows_on_postgres_and_reads_in_few_statements(world, monkeypatch):
    people = [world.pontianak.asn, world.palu.asn]
    await Streak.insert(*[Streak(person=p, current=0, longest=0) for p in people])
    with counted(monkeypatch) as statements:
        await refresh_learners(people, wiring.follow())
    postgres = Streak._meta.db.engine_type == "postgres"
    assert any("FOR UPDATE" in sql for sql in statements.sent) == postgres
    assert statements.count <= 12, str(statements)


async def test_a_chunk_that_met_a_unique_key_is_done_again_whole(world, monkeypatch):
    """An attempt recorded one of the chunk's milestones meanwhile: the chunk rolls back and is done again."""
    from gamification.points import learner_refresh

    people, tries = [world.pontianak.asn, world.palu.asn], []
    update_streaks = learner_refresh.update_streaks

    async def losing_once(person_ids, now=None):
        facts = await update_streaks(person_ids, now)
        tries.append(person_ids)
        if len(tries) == 1:
            raise sqlite3.IntegrityError("UNIQUE constraint failed: fact.source_key")
        return facts

    monkeypatch.setattr(learner_refresh, "update_streaks", losing_once)
    await refresh_learners(people, wiring.follow())

    assert tries == [people, people]
    assert await Streak.count().where(Streak.person.is_in(people)) == 2


@pytest.mark.postgres
async def test_an_attempt_stepping_a_streak_while_its_chunk_is_open_steps_from_the_chunks_streak(
    client, world, as_, monkeypatch
):
    """The chunk has read a learner's days and not yet written their streak when an attempt of theirs
    steps it: the step waits for the chunk to commit, rather than the chunk writing over it a streak
    computed without the attempt's day."""
    from gamification.points import streaks

    admin, learner, person = as_(world.pontianak.admin), as_(world.pontianak.asn), world.pontianak.asn
    first, second = [await published_module(client, admin, title=f"Modul {n}") for n in range(2)]
    await attempt(client, learner, first, ago=dt.timedelta(days=1))  # yesterday: no working day between
    read, go_on = asyncio.Event(), asyncio.Event()
    streak_inputs = streaks.streak_inputs

    async def read_then_wait(person_ids, now=None):
        inputs = await streak_inputs(person_ids, now)
        read.set()
        await go_on.wait()
        return inputs

    monkeypatch.setattr(streaks, "streak_inputs", read_then_wait)
    chunk = asyncio.create_task(refresh_learners([person], wiring.follow()))
    await asyncio.wait_for(read.wait(), 30)
    stepping = asyncio.create_task(attempt(client, learner, second))

    await until_done_or_waiting_for_a_lock(stepping, "the attempt to commit or to wait for the chunk")
    go_on.set()
    await asyncio.gather(chunk, stepping)
    row = await Streak.select(Streak.current, Streak.longest).where(Streak.person == person).first()
    assert (row["current"], row["longest"]) == (2, 2)


async def test_no_one_to_refresh_reads_and_writes_nothing(world, monkeypatch):
    from gamification.points.badges import award_badges_to
    from gamification.points.streaks import update_streaks

    with counted(monkeypatch) as statements:
        async with unit_of_work():
            assert (await update_streaks([]), await award_badges_to([])) == ([], {})
        assert await refresh_learners([], wiring.follow()) == 0
    assert [sql for sql in statements.sent if not sql.startswith(("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"))] == []
