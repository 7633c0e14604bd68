"""The nightly full check evaluates each fact once: after a complete check, what was recorded or written since."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from domain.rules import FactKind
from gamification.points.full_check import last_full_check, learners_to_check
from gamification.points.recalc import recalculate
from gamification.points.streaks import update_streak
from gamification.points.totals_check import IN_FLIGHT
from gamification.storage.database import unit_of_work
from gamification.storage.tables import Badge, Fact, Person, PersonBadge, Streak, XpEntry
from tests import wiring
from tests.awards import WIB
from tests.module_payloads import attempt, published_module

_keys = itertools.count(1)


async def slipped_perfect_fact(world) -> int:
    """A perfect first attempt (5 XP and the bonus) recorded without an award and without a queue row."""
    at = dt.datetime.now(dt.timezone.utc)
    rows = await Fact.insert(
        Fact(
            kind=FactKind.MODULE_COMPLETION.value,
            person=world.pontianak.asn,
            source_key=f"terlewat:{next(_keys)}",
            label="Modul terlewat",
            occurred_at=at,
            local_date=at.astimezone(ZoneInfo(WIB)).date(),
            region=world.pontianak.region_id,
            unit=world.pontianak.head_unit,
            xp=5,
            score=100,
            first_attempt=True,
        )
    ).returning(Fact.id)
    return rows[0]["id"]


async def codes(fact_id: int) -> list[str]:
    return sorted(row["rule_code"] for row in await XpEntry.select(XpEntry.rule_code).where(XpEntry.fact == fact_id))


async def test_after_a_complete_check_the_next_evaluates_what_was_recorded_or_written_since(app, world):
    checked_by_hand, partly_written = await slipped_perfect_fact(world), await slipped_perfect_fact(world)

    first = await recalculate(follow=wiring.follow(), full=True)  # never checked: every fact

    assert (first.facts_evaluated, first.entries_added, first.xp_added) == (2, 4, 30)
    both = ["module_xp", "perfect_first_attempt"]
    assert await codes(checked_by_hand) == await codes(partly_written) == both
    # Everything so far written long before the next check: covered by this one.
    await XpEntry.update({XpEntry.created_at: dt.datetime.now(dt.timezone.utc) - 2 * IN_FLIGHT}, force=True)
    bonus = (XpEntry.rule_code == "perfect_first_attempt") & XpEntry.fact.is_in([checked_by_hand, partly_written])
    await XpEntry.delete().where(bonus)  # both bonuses lost, one fact written to since
    await XpEntry.update({XpEntry.created_at: dt.datetime.now(dt.timezone.utc)}).where(XpEntry.fact == partly_written)
    recorded_since = await slipped_perfect_fact(world)

    second = await recalculate(follow=wiring.follow(), full=True)

    assert second.facts_evaluated == 2  # the fact written to since, and the one recorded since
    assert (second.entries_added, second.xp_added) == (3, 10 + 15)
    assert await codes(partly_written) == await codes(recorded_since) == both
    assert await codes(checked_by_hand) == ["module_xp"]  # a hand edit after its check: the promise is the engine's
    assert (await recalculate(follow=wiring.follow(), full=True)).entries_added == 0


async def test_a_complete_check_finds_what_no_engine_wrote_and_runs_on_sunday_nights(app, world):
    from gamification.points.scheduled import full_rebuild_job

    edited = await slipped_perfect_fact(world)
    await recalculate(follow=wiring.follow(), full=True)
    await XpEntry.update({XpEntry.created_at: dt.datetime.now(dt.timezone.utc) - 2 * IN_FLIGHT}, force=True)
    await XpEntry.delete().where((XpEntry.fact == edited) & (XpEntry.rule_code == "perfect_first_attempt"))
    assert (await recalculate(follow=wiring.follow(), full=True)).entries_added == 0  # the next check: not its to find

    saturday_night = dt.datetime(2026, 12, 5, 19, 0, tzinfo=ZoneInfo(WIB))
    assert (await full_rebuild_job(follow=wiring.follow(), now=saturday_night))["entries_added"] == 0
    sunday_night = dt.datetime(2026, 12, 6, 19, 0, tzinfo=ZoneInfo(WIB))
    assert (await full_rebuild_job(follow=wiring.follow(), now=sunday_night))["entries_added"] == 1
    assert await codes(edited) == ["module_xp", "perfect_first_attempt"]


async def long_before_the_check() -> None:
    """Everything written so far, as if written well before the last check started."""
    earlier = dt.datetime.now(dt.timezone.utc) - 2 * IN_FLIGHT
    for table in (Person, Streak):
        await table.update({table.updated_at: earlier}, force=True)
    await Badge.update({Badge.created_at: earlier, Badge.criteria_changed_at: None}, force=True)


async def test_the_nightly_check_recomputes_streaks_and_badges_only_where_something_could_have_changed(
    client, world, as_
):
    p, admin = world.pontianak, as_(world.pontianak.admin)
    badges = "/api/v1/admin/badges"
    made = await client.post(
        badges,
        json={"code": "pemula", "name": "Pemula", "criteria": {"kind": "completions", "count": 1}},
        headers=admin,
    )
    assert made.status_code == 201, made.text
    first, second = [await published_module(client, admin, title=f"Malam {n}") for n in range(2)]
    for learner in (p.asn, p.asn_child):
        await attempt(client, as_(learner), first)
    await recalculate(follow=wiring.follow(), full=True)
    await long_before_the_check()
    last = await last_full_check()
    assert await learners_to_check(None, last) == []

    await PersonBadge.delete().where(PersonBadge.person == p.asn_child)  # by hand: the complete check's to find
    assert (await recalculate(follow=wiring.follow(), full=True)).badges_awarded == 0
    assert (await recalculate(follow=wiring.follow(), full=True, complete=True)).badges_awarded == 1
    await long_before_the_check()
    last = await last_full_check()

    await attempt(client, as_(p.asn), second)  # a fact recorded
    assert await learners_to_check(None, last) == [p.asn]
    moved = await client.patch(f"/api/v1/admin/users/{p.asn_child}", json={"unit_id": p.head_unit}, headers=admin)
    assert moved.status_code == 200, moved.text
    assert await learners_to_check(None, last) == [p.asn, p.asn_child]
    assert await learners_to_check(world.palu.region_id, last) == []

    await long_before_the_check()
    assert await learners_to_check(None, last) == [p.asn]  # the fact recorded since
    badge_id = (await Badge.select(Badge.id).where(Badge.code == "pemula").first())["id"]
    await client.patch(f"{badges}/{badge_id}", json={"name": "Pemula Sejati"}, headers=admin)
    assert await learners_to_check(None, last) == [p.asn]  # a new name decides no award
    criteria = {"kind": "completions", "count": 2}
    await client.patch(f"{badges}/{badge_id}", json={"criteria": criteria}, headers=admin)
    assert await learners_to_check(None, last) == [p.asn, p.asn_child]  # a badge changed: everyone


async def test_a_streak_is_written_only_where_it_changed(client, world, as_):
    p, admin = world.pontianak, as_(world.pontianak.admin)
    await attempt(client, as_(p.asn), await published_module(client, admin))
    await long_before_the_check()
    written = await Streak.select(Streak.current, Streak.updated_at).where(Streak.person == p.asn).first()

    async with unit_of_work():
        await update_streak(p.asn)

    assert await Streak.select(Streak.current, Streak.updated_at).where(Streak.person == p.asn).first() == written
    assert written["current"] == 1
