"""Credit for praise: a released answer praising the ASN it names pays XP once, within a monthly cap
counted in the person's region's zone, through the points engine (and back when hidden)."""

from __future__ import annotations

import asyncio
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from domain.leaderboards import Period
from gamification.organization.structure import OrganizationService
from gamification.points.recalc import recalculate
from gamification.storage.tables import Fact, XpEntry
from tests import wiring
from tests.clock import WIB, WIT, WITA, next_turn
from tests.factories import build_region
from tests.surveys.moderation_helpers import add_answer, add_service_point, decide, xp_of

RULES = "/api/v1/admin/rules"


async def praises(region, count: int, served_by: int, timezone: str = WIB) -> list[int]:
    point = await add_service_point(region.region_id, region.head_unit)
    return [
        await add_answer(point, region.region_id, region.head_unit, served_by=served_by, timezone=timezone)
        for _ in range(count)
    ]


async def slots(person_id: int) -> list[str]:
    rows = await Fact.select(Fact.level).where(Fact.person == person_id, Fact.kind == "citizen_praise")
    return sorted(row["level"] for row in rows)


async def test_praise_pays_the_named_asn_once_and_only_when_it_is_praise(client, world, as_):
    p = world.pontianak
    point = await add_service_point(p.region_id, p.head_unit)
    praise = await add_answer(point, p.region_id, p.head_unit, served_by=p.asn, u6=3, u7=3)
    lukewarm = await add_answer(point, p.region_id, p.head_unit, served_by=p.asn, u6=4, u7=2)
    nobody = await add_answer(point, p.region_id, p.head_unit)
    for answer_id in (praise, praise, lukewarm, nobody):
        assert (await decide(client, as_(p.manager), answer_id, "release")).status_code == 200
    assert await xp_of(p.asn) == 25
    facts = await Fact.select().where(Fact.kind == "citizen_praise")
    assert [(f["source_key"], f["person"], f["region"], f["unit"]) for f in facts] == [
        (f"praise:{praise}", p.asn, p.region_id, p.head_unit)
    ]
    today = dt.datetime.now(ZoneInfo(WIB)).date()
    assert facts[0]["local_date"] == today and facts[0]["level"] == f"{today:%Y-%m}#1"
    history = (await client.get("/api/v1/me/points", headers=as_(p.asn))).json()
    assert "Pujian warga" in str(history)


async def test_seven_praises_in_a_month_pay_the_first_five(client, world, as_):
    p = world.pontianak
    answers = await praises(p, 7, p.asn)
    for answer_id in answers:
        assert (await decide(client, as_(p.manager), answer_id, "release")).status_code == 200
    assert await xp_of(p.asn) == 5 * 25
    month = dt.datetime.now(ZoneInfo(WIB)).strftime("%Y-%m")
    assert await slots(p.asn) == sorted(f"{month}#{n}" for n in range(1, 8))

    # a hidden praise keeps its slot: the sixth does not move up into the cap
    await decide(client, as_(p.admin), answers[0], "hide")
    assert await xp_of(p.asn) == 4 * 25
    assert len(await slots(p.asn)) == 7


async def test_racing_releases_never_share_a_slot_nor_pass_the_cap(client, world, as_):
    p = world.pontianak
    answers = await praises(p, 7, p.asn)
    deciders = [p.manager, p.admin]
    results = await asyncio.gather(
        *[decide(client, as_(deciders[n % 2]), answer_id, "release") for n, answer_id in enumerate(answers)],
        *[decide(client, as_(p.admin), answer_id, "release") for answer_id in answers[:3]],  # and resent
    )
    assert {r.status_code for r in results} == {200}
    assert await xp_of(p.asn) == 5 * 25
    assert len(set(await slots(p.asn))) == 7
    report = await recalculate(follow=wiring.follow(), full=True)  # the set engine agrees, nothing drifted
    assert (report.entries_added, report.drift_fixed) == (0, 0)


@pytest.mark.parametrize("timezone", [WIB, WITA, WIT])
async def test_the_month_of_the_cap_turns_at_the_regions_midnight(client, world, as_, time_machine, timezone):
    region = await build_region(OrganizationService(), f"Kota {timezone}", f"kota-{timezone[5:].lower()}", timezone)
    turn = next_turn(Period.MONTH, timezone)
    answers = await praises(region, 7, region.asn, timezone)
    time_machine.move_to(turn - dt.timedelta(minutes=10), tick=True)
    for answer_id in answers[:6]:
        await decide(client, as_(region.manager), answer_id, "release")
    assert await xp_of(region.asn) == 5 * 25  # the sixth of the month pays nothing

    time_machine.move_to(turn + dt.timedelta(minutes=10), tick=True)  # the same UTC day, perhaps; not here
    await decide(client, as_(region.manager), answers[6], "release")
    assert await xp_of(region.asn) == 6 * 25
    before, after = (turn - dt.timedelta(days=1)).astimezone(ZoneInfo(timezone)), turn.astimezone(ZoneInfo(timezone))
    assert await slots(region.asn) == sorted([*(f"{before:%Y-%m}#{n}" for n in range(1, 7)), f"{after:%Y-%m}#1"])
    latest = await XpEntry.select().where(XpEntry.person == region.asn).order_by(XpEntry.id, ascending=False).first()
    assert latest["month_start"] == after.date()


async def test_the_cap_is_a_rule_previewed_and_changed_as_data(client, world, as_):
    p = world.pontianak
    for answer_id in await praises(p, 7, p.asn):
        await decide(client, as_(p.manager), answer_id, "release")
    start = dt.datetime.now(ZoneInfo(WIB)).date().replace(day=1)
    change = {"code": "citizen_praise", "formula": "capped_per_month", "params": {"xp": 30, "per_month": 6}}
    change["effective_from"] = start.isoformat()

    preview = await client.post(f"{RULES}/preview", json=change, headers=as_(p.admin))
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert (body["facts"], body["people"], body["xp_gained"], body["xp_lost"]) == (7, 1, 6 * 30 - 5 * 25, 0)
    assert await xp_of(p.asn) == 5 * 25  # a preview writes nothing

    for params, code in (({"xp": 30, "per_month": 0}, "rule_per_month_range"), ({"xp": 30}, "rule_params")):
        refused = await client.post(f"{RULES}/preview", json=change | {"params": params}, headers=as_(p.admin))
        assert (refused.status_code, refused.json()["code"]) == (422, code)

    assert (await client.post(RULES, json=change, headers=as_(p.admin))).status_code == 201
    await recalculate(follow=wiring.follow())
    assert await xp_of(p.asn) == 6 * 30


async def test_a_slot_taken_meanwhile_is_skipped_for_the_next(client, world, as_):
    """What a racing release does to another: the slot this one counted is taken, so it takes the next."""
    p = world.pontianak
    now = dt.datetime.now(dt.timezone.utc)
    month = now.astimezone(ZoneInfo(WIB)).strftime("%Y-%m")
    await Fact.insert(
        Fact(
            kind="citizen_praise",
            person=p.asn,
            source_key="praise:lain",
            occurred_at=now,
            local_date=now.astimezone(ZoneInfo(WIB)).date(),
            region=p.region_id,
            unit=p.head_unit,
            level=f"{month}#2",  # one praise counted, but holding slot 2
        )
    )
    [answer_id] = await praises(p, 1, p.asn)
    assert (await decide(client, as_(p.manager), answer_id, "release")).status_code == 200
    assert await slots(p.asn) == [f"{month}#2", f"{month}#3"]
    assert await Fact.count().where(Fact.source_key == f"praise:{answer_id}") == 1
