"""A fact taken back at its source (a voided xAPI statement, a certificate found false) is reversed
through the ledger, never by editing it: a negative entry in the period it counted in, a negative JP
twin; once, however often it is voided; and a full rebuild writes the same books."""

from __future__ import annotations

import asyncio
import datetime as dt

from domain.rules import FactKind
from gamification.learning.jp_ledger import JpSource, credit_jp, jp_year, withdraw_jp
from gamification.points.facts import record_fact, void_fact
from gamification.points.ledger import award_facts
from gamification.points.scheduled import full_rebuild_job
from gamification.storage.database import unit_of_work
from gamification.storage.job_runs import trigger_time
from gamification.storage.tables import JpCredit, PointsPeriod, XpEntry
from tests import wiring
from tests.awards import WIB, award, boards_ready, this_week_at
from tests.invariants import books_balance, facts_awarded_once


async def workshop(person, at: dt.datetime, key: str) -> int:
    async with unit_of_work():
        fact_id = await record_fact(
            kind=FactKind.WORKSHOP_ATTENDED,
            person_id=person.asn,
            source_key=key,
            label="Lokakarya",
            occurred_at=at,
            local_date=at.astimezone(dt.timezone(dt.timedelta(hours=7))).date(),
            region_id=person.region_id,
            unit_id=person.head_unit,
            xp=60,
        )
        await credit_jp(
            person_id=person.asn,
            source=JpSource.WORKSHOP,
            source_id=fact_id,
            title="Lokakarya",
            competency_type="technical",
            jp_centi=300,
            earned_at=at,
            timezone=WIB,
        )
        await award_facts([fact_id], follow=wiring.follow())
    return fact_id


async def take_back(person, key: str, fact_id: int) -> None:
    async with unit_of_work():
        voided = await void_fact(key, dt.datetime.now(dt.timezone.utc))
        if voided is not None:
            await withdraw_jp(person_id=person.asn, source=JpSource.WORKSHOP, source_id=fact_id)
            await award_facts([voided[1]], follow=wiring.follow())


async def test_a_voided_fact_is_reversed_once_and_the_rebuild_agrees(world):
    p = world.pontianak
    at = this_week_at(WIB, 0, 9)
    await award(p.asn, 25, at)
    fact_id = await workshop(p, at, "acara:1")
    await boards_ready()
    assert (await jp_year(p.asn, at.year)).earned == 3.0

    await asyncio.gather(*(take_back(p, "acara:1", fact_id) for _ in range(3)), return_exceptions=True)
    await take_back(p, "acara:1", fact_id)  # again, later: nothing more

    entries = await XpEntry.select(XpEntry.xp, XpEntry.reversal, XpEntry.week_start).where(XpEntry.fact == fact_id)
    assert sorted((e["xp"], e["reversal"]) for e in entries) == [(-60, True), (60, False)]
    assert len({e["week_start"] for e in entries}) == 1  # taken from the week it counted in
    assert (await jp_year(p.asn, at.year)).earned == 0.0
    assert await JpCredit.count().where(JpCredit.person == p.asn) == 2  # the credit stands beside its twin
    weekly = await PointsPeriod.select(PointsPeriod.xp).where(
        (PointsPeriod.person == p.asn) & (PointsPeriod.period == "week")
    )
    assert [row["xp"] for row in weekly] == [25]
    await facts_awarded_once()
    await books_balance({p.asn: 25})

    before = await XpEntry.count()
    await full_rebuild_job(follow=wiring.follow(), now=trigger_time(dt.datetime.now(dt.timezone.utc), 60))
    assert await XpEntry.count() == before
    await books_balance({p.asn: 25})


async def test_nothing_to_take_back(world):
    async with unit_of_work():
        assert await void_fact("acara:tidak-ada", dt.datetime.now(dt.timezone.utc)) is None
        assert not await withdraw_jp(person_id=world.pontianak.asn, source=JpSource.XAPI, source_id=1)
