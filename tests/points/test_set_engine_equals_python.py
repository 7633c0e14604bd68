"""The set-based engine (the recalculation's) and the per-fact engine (a request's) write the same ledger.

Random facts of every kind over two years in two regions (two time zones), random rule versions
(national and regional, several on one day, some before any fact), evaluated once under the
first versions and again after more arrive (corrections, some negative). Both engines must give
the same entries, period starts and totals.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest

from domain.rule_intervals import lay_out
from domain.rules import DEFAULT_RULES, FactKind, Formula, RuleVersion
from gamification.points import totals_check
from gamification.points.batch_award import FactRange, award_range
from gamification.points.ledger import award_facts, rule_versions
from gamification.points.totals_check import drifted_totals
from gamification.storage.database import unit_of_work
from gamification.storage.tables import Fact, PointRule, PointsPeriod, PointsTotal, XpEntry
from tests import wiring

ZONES = {"pontianak": "Asia/Jakarta", "palu": "Asia/Makassar"}
FIRST_RULE_DAY = dt.date(2025, 1, 1)
RULE_DAY_OFFSETS = [0, 0, 40, 200, 365, 500, 800]
LEVELS = ["7", "30", "100", "unit", "agency", "region", "national", "other", "2025-03#2", "2025-03#40"]


def random_params(rng: random.Random, formula: Formula) -> dict[str, int]:
    if formula is Formula.FACT_XP:
        return {"multiplier_percent": rng.choice([0, 50, 100, 150, 333])}
    if formula is Formula.FIXED:
        return {"xp": rng.randint(0, 300)}
    if formula is Formula.PERFECT_FIRST_ATTEMPT:
        return {"bonus": rng.randint(0, 50)}
    if formula is Formula.CAPPED_PER_MONTH:
        return {"xp": rng.randint(0, 300), "per_month": rng.randint(1, 12)}
    return {level: rng.randint(0, 900) for level in rng.sample(LEVELS, rng.randint(1, 4))}


async def add_rules(rng: random.Random, regions: list[int], count: int) -> None:
    for _ in range(count):
        spec = rng.choice(DEFAULT_RULES)
        formula = rng.choice(list(Formula)) if rng.random() < 0.3 else spec.formula
        await PointRule.insert(
            PointRule(
                region=rng.choice([None, None, *regions]),
                code=spec.code,
                fact_kind=spec.fact_kind.value,
                formula=formula.value,
                params=random_params(rng, formula),
                effective_from=FIRST_RULE_DAY + dt.timedelta(days=rng.choice(RULE_DAY_OFFSETS)),
            )
        )


async def add_facts(rng: random.Random, world, count: int) -> None:
    regions = [world.pontianak, world.palu]
    facts = []
    for n in range(count):
        region = rng.choice(regions)
        zone = ZONES["pontianak" if region is world.pontianak else "palu"]
        person = rng.choice([region.asn, region.asn_child, region.manager])
        if rng.random() < 0.4:  # on, or a day either side of, a day a rule may change
            day = FIRST_RULE_DAY + dt.timedelta(days=rng.choice(RULE_DAY_OFFSETS) + rng.choice([-1, 0, 1]))
            local = dt.datetime.combine(day, dt.time(rng.choice([0, 6, 23]), 30), ZoneInfo(zone))
            at = local.astimezone(dt.timezone.utc)
        else:
            at = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(
                minutes=rng.randint(0, 2 * 365 * 24 * 60)
            )
        spec = rng.choice(DEFAULT_RULES)
        facts.append(
            Fact(
                kind=spec.fact_kind.value,
                person=person,
                source_key=f"acak:{n}",
                label="acak",
                occurred_at=at,
                local_date=at.astimezone(ZoneInfo(zone)).date(),
                region=None if rng.random() < 0.05 else region.region_id,
                unit=region.head_unit,
                xp=rng.randint(0, 120),
                score=rng.choice([None, 60, 99, 100, 100]),
                first_attempt=rng.random() < 0.5,
                level=praise_slot(rng, n) if spec.fact_kind is FactKind.CITIZEN_PRAISE else rng.choice([None, *LEVELS]),
            )
        )
    await Fact.insert(*facts)


def praise_slot(rng: random.Random, n: int) -> str:
    """A praise's slot, unique per fact (as the index on praise slots wants), some within a cap, some not,
    some not a slot at all."""
    slot = f"{2025 + n % 2}-{n // 2 % 12 + 1:02d}#{n // 24 + 1}"  # slots 1 to 7
    return rng.choice([slot, slot, slot, f"2025-01#0{n}", f"x{n}", f"2025-0{n % 9}+{n}"])


async def books() -> tuple:
    entries = sorted(
        tuple(row.values())
        for row in await XpEntry.select(
            XpEntry.person,
            XpEntry.fact,
            XpEntry.rule,
            XpEntry.rule_code,
            XpEntry.xp,
            XpEntry.occurred_at,
            XpEntry.local_date,
            XpEntry.week_start,
            XpEntry.month_start,
            XpEntry.year_start,
            XpEntry.nweek_start,
            XpEntry.nmonth_start,
            XpEntry.nyear_start,
            XpEntry.region,
            XpEntry.unit,
        )
    )
    totals = sorted(
        tuple(row.values())
        for row in await PointsTotal.select(
            PointsTotal.person, PointsTotal.xp, PointsTotal.reached_at, PointsTotal.entries, PointsTotal.region
        )
    )
    periods = sorted(
        tuple(row.values())
        for row in await PointsPeriod.select(
            PointsPeriod.person,
            PointsPeriod.period,
            PointsPeriod.period_start,
            PointsPeriod.xp,
            PointsPeriod.reached_at,
            PointsPeriod.entries,
        )
    )
    return entries, totals, periods


async def per_fact(ids: list[int], versions: list[RuleVersion]) -> None:
    async with unit_of_work():
        await award_facts(ids, follow=wiring.follow(), versions=versions)


async def as_a_set(ids: list[int], versions: list[RuleVersion], by: str = "id") -> None:
    async with unit_of_work():
        facts = FactRange(by, 0, 10**9)  # every fact, taken by id or by person
        await award_range(lay_out(versions), facts, follow=wiring.follow(), pending_only=False)


async def void(ids: list[int], voided: bool) -> None:
    at = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc) if voided else None
    await Fact.update({Fact.voided_at: at}).where(Fact.id.is_in(ids))


async def forget_the_awards() -> None:
    for table in (XpEntry, PointsPeriod, PointsTotal):
        await table.delete(force=True)


@pytest.mark.parametrize("seed", range(12))
async def test_both_engines_write_the_same_books(world, seed):
    by = "id" if seed % 2 else "person"
    rng = random.Random(seed)
    regions = [world.pontianak.region_id, world.palu.region_id]
    await add_rules(rng, regions, rng.randint(2, 10))
    first_versions = await rule_versions()
    await add_rules(rng, regions, rng.randint(1, 8))
    all_versions = await rule_versions()
    await add_facts(rng, world, 150)
    ids = await Fact.select(Fact.id).output(as_list=True)

    voided = rng.sample(ids, len(ids) // 10)  # taken back at their source between the two passes

    await per_fact(ids, first_versions)
    await void(voided, True)
    await per_fact(ids, all_versions)
    expected = await books()
    assert expected[0], "the rules awarded nothing: a weak example"
    assert any(entry[4] < 0 for entry in expected[0]), "nothing was taken back: a weak example"
    assert any(entry[3] == "citizen_praise" and entry[4] > 0 for entry in expected[0]), "no praise paid: weak"
    assert await drifted_totals(None) == {}

    await forget_the_awards()
    await void(voided, False)
    await as_a_set(ids, first_versions, by)
    await void(voided, True)
    await as_a_set(ids, all_versions, by)
    assert await books() == expected
    assert await drifted_totals(None) == {}

    await as_a_set(ids, all_versions)  # nothing left to do
    assert await books() == expected


# the people checked in ranges of a few ids, three side by side (PostgreSQL)
@pytest.mark.parametrize("parts, people_per_check", [(1, totals_check.PEOPLE_PER_CHECK), (3, 2)])
async def test_a_total_that_differs_from_the_ledger_is_found(world, monkeypatch, parts, people_per_check):
    monkeypatch.setattr(totals_check, "PEOPLE_PER_CHECK", people_per_check)
    await add_facts(random.Random(1), world, 40)
    ids = await Fact.select(Fact.id).output(as_list=True)
    await as_a_set(ids, await rule_versions())
    people = sorted(await PointsTotal.select(PointsTotal.person).output(as_list=True))
    await PointsTotal.update({PointsTotal.xp: PointsTotal.xp + 1}, force=True)  # everyone's: no range left out
    week = await PointsPeriod.select().where(PointsPeriod.period == "nweek").first()
    await PointsPeriod.delete().where(PointsPeriod.id == week["id"])
    # a row of a period the engine keeps none of, written by hand: no total to mend, not reported
    await PointsPeriod.insert(PointsPeriod(person=people[0], period="hari", period_start=week["period_start"], xp=5))

    drifted = await drifted_totals(None, parts=parts)

    assert len(people) > 5 and all(("all", None) in drifted[person] for person in people)
    assert ("nweek", week["period_start"]) in drifted[week["person"]]
    assert sum(len(found) for found in drifted.values()) == len(people) + 1


async def test_level_names_with_quotes_and_braces_reach_the_database_intact(world):
    """By-level parameters are an admin's words; the set engine writes them into its statement as literals."""
    p = world.pontianak
    odd_level = "it's {x} 100%"
    await PointRule.insert(
        PointRule(
            region=p.region_id,
            code="initiative_verified",
            fact_kind="initiative_verified",
            formula=Formula.BY_LEVEL.value,
            params={odd_level: 77, "unit": 5},
            effective_from=FIRST_RULE_DAY,
        )
    )
    at = dt.datetime(2025, 3, 3, 3, tzinfo=dt.timezone.utc)
    await Fact.insert(
        *[
            Fact(
                kind="initiative_verified",
                person=p.asn,
                source_key=f"aneh:{n}",
                occurred_at=at,
                local_date=at.date(),
                region=p.region_id,
                unit=p.head_unit,
                level=level,
            )
            for n, level in enumerate([odd_level, "unit", "{}"])
        ]
    )
    ids = await Fact.select(Fact.id).output(as_list=True)
    await as_a_set(ids, await rule_versions())
    assert sorted(await XpEntry.select(XpEntry.xp).output(as_list=True)) == [5, 77]
