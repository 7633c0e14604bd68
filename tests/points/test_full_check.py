"""The nightly full check evaluates each fact once: after a complete check, what was recorded or written since."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from domain.rules import FactKind
from gamification.points.recalc import recalculate
from gamification.points.totals_check import IN_FLIGHT
from gamification.storage.tables import Fact, XpEntry
from tests import wiring
from tests.awards import WIB

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
