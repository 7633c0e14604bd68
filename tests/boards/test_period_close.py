import datetime as dt
import os
import subprocess

import pytest
from redis.asyncio import Redis

from domain.leaderboards import Period, Scope
from gamification.boards.period_close import close_periods
from gamification.boards.redis_store import keys
from gamification.boards.scheduled import close_periods_job
from gamification.points.scheduled import recalc_job
from gamification.storage.json_column import loaded
from gamification.storage.tables import Badge, BoardSnapshot, JobRun, PeriodClose, PersonBadge
from tests import wiring
from tests.awards import WIB, WITA, award, boards_ready, current_board, this_week_at
from tests.clock import python_command
from tests.factories import add_person


async def top_three_badge() -> int:
    criteria = {"kind": "board_top", "scope": "unit", "period": "week", "top": 3}
    row = await Badge.insert(Badge(code="tiga-besar", name="Tiga Besar Pekan Ini", criteria=criteria)).returning(
        Badge.id
    )
    return row[0]["id"]


async def badges() -> list[tuple[int, str, int]]:
    rows = await PersonBadge.select(PersonBadge.person, PersonBadge.period_key, PersonBadge.reason)
    return sorted((r["person"], r["period_key"], loaded(r["reason"])["rank"]) for r in rows)


async def test_a_week_closes_at_local_midnight_freezing_its_top_and_awarding_period_badges_once(app, world):
    p, palu = world.pontianak, world.palu
    badge = await top_three_badge()
    a, b, c, d = [await add_person(f"Pegawai {n}", p.child_unit, p.region_id) for n in range(4)]
    last_monday = this_week_at(WIB, 0, 9) - dt.timedelta(days=7)
    for person, xp, minutes in [(a, 50, 0), (b, 40, 1), (c, 40, 2), (d, 30, 3)]:
        await award(person, xp, last_monday + dt.timedelta(minutes=minutes))
    await award(p.asn, 90, this_week_at(WIB, 0, 9))  # this week: not in the closed one
    palu_person = await add_person("Pegawai Palu", palu.head_unit, palu.region_id)
    await award(palu_person, 20, this_week_at(WITA, 0, 9) - dt.timedelta(days=7), WITA)

    week_key = (last_monday + dt.timedelta(hours=7)).strftime("%G-W%V")
    palu_midnight = this_week_at(WITA, 0, 0) + dt.timedelta(minutes=5)  # Sunday 23:05 WIB
    closed = await close_periods_job(now=palu_midnight)
    assert closed[WITA]["badges"] == 1 and closed[WIB]["badges"] == 0  # Palu's week ended; WIB's has not
    assert await badges() == [(palu_person, week_key, 1)]

    now = this_week_at(WIB, 0, 0) + dt.timedelta(minutes=5)  # Monday 00:05 WIB: last week just ended
    closed = await close_periods_job(now=now)
    assert closed[WIB]["badges"] == 3 and closed[WITA]["periods"] == 0
    # the child unit's board and the head unit's (which includes the child unit) both rank them
    assert await badges() == sorted([(a, week_key, 1), (b, week_key, 2), (c, week_key, 2), (palu_person, week_key, 1)])
    frozen = (
        await BoardSnapshot.select(BoardSnapshot.person, BoardSnapshot.rank, BoardSnapshot.xp)
        .where(
            (BoardSnapshot.scope == "unit")
            & (BoardSnapshot.scope_id == p.child_unit)
            & (BoardSnapshot.period == "week")
        )
        .order_by(BoardSnapshot.rank)
        .order_by(BoardSnapshot.person)
    )
    assert [(r["person"], r["rank"], r["xp"]) for r in frozen] == [(a, 1, 50), (b, 2, 40), (c, 2, 40), (d, 4, 30)]
    national = await BoardSnapshot.select(BoardSnapshot.person).where(
        (BoardSnapshot.scope == "national") & (BoardSnapshot.period == "week")
    )
    assert sorted(r["person"] for r in national) == sorted([a, b, c, d, palu_person])  # on WIB's calendar

    assert await close_periods_job(now=now) is None  # the trigger ran once
    assert (await close_periods(WIB, now))["periods"] == 0  # and the periods are marked closed
    await PeriodClose.delete(force=True)  # as if every run had crashed before marking
    await close_periods(WIB, now)
    await close_periods(WITA, now)
    assert (
        len(await badges()) == 4
        and await BoardSnapshot.count().where(
            (BoardSnapshot.scope == "unit")
            & (BoardSnapshot.scope_id == p.child_unit)
            & (BoardSnapshot.period == "week")  # when the week began in a month, that month closes too
        )
        == 4
    )
    assert await PersonBadge.count().where(PersonBadge.badge == badge) == 4
    assert [r["job"] for r in await JobRun.select(JobRun.job)] == ["close_periods", "close_periods"]


async def test_a_scheduler_that_was_down_closes_the_weeks_it_missed(app, world):
    p = world.pontianak
    await top_three_badge()
    for weeks_ago in (3, 2, 1):
        await award(p.asn, 10 * weeks_ago, this_week_at(WIB, 2, 9) - dt.timedelta(weeks=weeks_ago))
    closed = await close_periods(WIB, this_week_at(WIB, 0, 1))
    assert closed["periods"] >= 3
    keys = sorted(r["period_key"] for r in await PersonBadge.select(PersonBadge.period_key))
    assert len(keys) == 3  # each missed week awarded its own top
    assert (await close_periods(WIB, this_week_at(WIB, 0, 1)))["periods"] == 0


@pytest.mark.redis
async def test_the_recalculation_finds_a_board_that_drifted_and_rebuilds_it(app, world, settings):
    p = world.pontianak
    people = [await add_person(f"Pegawai {n}", p.head_unit, p.region_id) for n in range(12)]
    for n, person in enumerate(people):
        await award(person, 10 + n, this_week_at(WIB, 1, 9))
    await boards_ready()
    sync = wiring.boards()
    board = current_board(Scope.REGION, p.region_id, Period.WEEK, WIB)
    async with Redis.from_url(settings.redis_url) as redis:
        last = (await redis.zrange(keys(board)[0], 0, 0))[0]
        await redis.zincrby(keys(board)[0], 1, last)  # deep down: the quick check misses it
        assert (await sync.consistency.check())["rebuilt"] is False
        assert (await sync.consistency.check(thorough=True))["rebuilt"] is True
        assert await sync.redis_boards.all(board) == await sync.sql_boards.all(board)
        await redis.zrem(keys(board)[0], (await redis.zrevrange(keys(board)[0], 0, 0))[0])  # the leader vanishes
        report = await recalc_job(**wiring.points_jobs(), now=dt.datetime.now(dt.timezone.utc))
        assert report["boards"]["rebuilt"] is True
        assert await sync.redis_boards.all(board) == await sync.sql_boards.all(board)
        stray = current_board(Scope.UNIT, p.other_unit, Period.WEEK, WIB, "/none/")
        await redis.zadd(keys(stray)[0], {"9999999999999999:9999999999": 30})  # a board SQL knows nobody on
        assert (await sync.consistency.check(thorough=True))["rebuilt"] is True
        assert not await redis.exists(keys(stray)[0])
        await redis.flushdb()  # Redis restarted empty
        assert (await sync.consistency.check())["rebuilt"] is True
        assert await sync.redis_boards.all(board) == await sync.sql_boards.all(board)


@pytest.mark.redis
async def test_tangkas_leaderboards_rebuild_fills_redis_from_the_ledger(app, world, settings):
    await award(world.palu.asn, 30, this_week_at(WITA, 1, 9), WITA)
    env = os.environ | {"TANGKAS_DATABASE_URL": settings.database_url, "TANGKAS_REDIS_URL": settings.redis_url}
    env["TANGKAS_JWT_SECRET"] = settings.jwt_secret
    async with Redis.from_url(settings.redis_url) as redis:
        await redis.flushdb()
        done = subprocess.run(
            python_command("-m", "api.cli", "leaderboards", "rebuild"), env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert "Papan peringkat dibangun ulang" in done.stdout
        board = current_board(Scope.REGION, world.palu.region_id, Period.WEEK, WITA)
        assert await redis.zcard(keys(board)[0]) == 1
    assert await wiring.boards().redis_boards.is_ready()
