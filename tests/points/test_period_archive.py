"""Period totals of closed periods move to their archive; late facts, past boards and the full check follow them."""

from __future__ import annotations

import datetime as dt

from domain.leaderboards import Period, Scope, window_at
from gamification.boards.sql_store import SqlBoards
from gamification.boards.store import Board
from gamification.points.period_archive import archive_boundaries, archive_closed_periods
from gamification.points.recalc import recalculate
from gamification.points.totals_check import IN_FLIGHT
from gamification.storage.tables import PointsPeriod, PointsPeriodClosed, XpEntry
from tests import wiring
from tests.awards import WIB, award
from tests.invariants import totals_agree_with_ledger
from tests.pending_facts import import_facts, imported_completion


def weeks_ago(weeks: int) -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc) - dt.timedelta(weeks=weeks)


async def week_row(table, person: int, at: dt.datetime) -> dict | None:
    start = window_at(Period.WEEK, WIB, at).start
    return (
        await table.select(table.xp, table.entries)
        .where((table.person == person) & (table.period == "week") & (table.period_start == start))
        .first()
    )


async def late_import(person: int, region, xp: int, at: dt.datetime) -> None:
    await import_facts(imported_completion(region, WIB, person, at, f"impor-terlambat:{person}:{xp}", xp))


async def test_closed_periods_move_to_the_archive_and_late_totals_follow_them(app, world):
    person, old, recent = world.pontianak.asn, weeks_ago(6), weeks_ago(0)
    await award(person, 10, old)
    await award(person, 5, recent)

    moved = await archive_closed_periods(dt.datetime.now(dt.timezone.utc))

    assert moved > 0
    boundaries = archive_boundaries(dt.datetime.now(dt.timezone.utc))
    for row in await PointsPeriod.select(PointsPeriod.period, PointsPeriod.period_start):
        assert row["period_start"] >= boundaries[row["period"]]  # only current and just-closed periods stay
    assert await week_row(PointsPeriodClosed, person, old) == {"xp": 10, "entries": 1}
    assert await week_row(PointsPeriod, person, recent) == {"xp": 5, "entries": 1}
    assert await archive_closed_periods(dt.datetime.now(dt.timezone.utc)) == 0  # nothing new to move

    await award(person, 7, old + dt.timedelta(minutes=1))  # an offline sync of the archived week, awarded at once
    await late_import(person, world.pontianak, 3, old + dt.timedelta(minutes=2))  # an import, by the recalculation
    await recalculate(follow=wiring.follow())

    assert await week_row(PointsPeriodClosed, person, old) == {"xp": 20, "entries": 3}
    assert await week_row(PointsPeriod, person, old) is None
    await totals_agree_with_ledger()  # and no key in both tables
    past_week = Board(Scope.REGION, world.pontianak.region_id, window_at(Period.WEEK, WIB, old))
    top = await SqlBoards().top(past_week, 10)
    assert [(s.person_id, s.xp) for s in top] == [(person, 20)]  # a past board reads the archive
    assert (await SqlBoards().placing(past_week, person)).rank == 1
    assert (await recalculate(follow=wiring.follow(), full=True)).drift_fixed == 0


async def test_the_full_check_repairs_a_drifted_archived_total(app, world):
    person, old = world.pontianak.asn, weeks_ago(6)
    await award(person, 10, old)
    await archive_closed_periods(dt.datetime.now(dt.timezone.utc))
    start = window_at(Period.WEEK, WIB, old).start
    drifted = (PointsPeriodClosed.person == person) & (PointsPeriodClosed.period_start == start)
    await PointsPeriodClosed.update({PointsPeriodClosed.xp: 99}).where(drifted & (PointsPeriodClosed.period == "week"))
    await PointsPeriodClosed.delete().where(drifted & (PointsPeriodClosed.period == "nweek"))  # a lost row

    report = await recalculate(follow=wiring.follow(), full=True)

    assert report.drift_fixed == 1
    assert await week_row(PointsPeriodClosed, person, old) == {"xp": 10, "entries": 1}
    await totals_agree_with_ledger()


async def test_once_checked_an_archived_period_is_checked_again_only_when_corrected(app, world):
    person, old, recent = world.pontianak.asn, weeks_ago(6), weeks_ago(0)
    await award(person, 10, old)
    await award(person, 5, recent)
    await archive_closed_periods(dt.datetime.now(dt.timezone.utc))
    written_long_ago = dt.datetime.now(dt.timezone.utc) - 2 * IN_FLIGHT
    await XpEntry.update({XpEntry.created_at: written_long_ago}, force=True)
    assert (await recalculate(follow=wiring.follow(), full=True)).drift_fixed == 0  # checks everything, once
    start = window_at(Period.WEEK, WIB, old).start
    archived_week = (
        (PointsPeriodClosed.person == person)
        & (PointsPeriodClosed.period == "week")
        & (PointsPeriodClosed.period_start == start)
    )
    await PointsPeriodClosed.update({PointsPeriodClosed.xp: 99}).where(archived_week)

    assert (await recalculate(follow=wiring.follow(), full=True)).drift_fixed == 0  # checked before, not corrected

    await award(person, 7, old + dt.timedelta(minutes=1))  # a late fact corrects that week: checked again
    current_week = (PointsPeriod.person == person) & (PointsPeriod.period == "week")
    await PointsPeriod.update({PointsPeriod.xp: 1}).where(current_week)  # the current periods: every time
    this_year = (PointsPeriod.person == person) & (PointsPeriod.period == "nyear")
    await PointsPeriod.update({PointsPeriod.xp: 2}).where(this_year)  # a year: against its months
    report = await recalculate(follow=wiring.follow(), full=True)

    assert report.drift_fixed == 1
    assert await week_row(PointsPeriodClosed, person, old) == {"xp": 17, "entries": 2}
    assert await week_row(PointsPeriod, person, recent) == {"xp": 5, "entries": 1}
    await totals_agree_with_ledger()
