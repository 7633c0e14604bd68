"""One contract, two stores: SQL and Redis answer every board question the same, ties included.

Each answer is checked against an order computed from the rules alone (``expected_order``), so the
two stores agree with each other because each agrees with the rules.
"""

from __future__ import annotations

import datetime as dt

import pytest

from domain.leaderboards import Period, Scope, competition_ranks
from gamification.boards.redis_store import keys
from gamification.boards.store import EPOCH
from tests import wiring
from tests.awards import WIB, WITA, award, boards_ready, current_board, expected_order, this_week_at, unit_path
from tests.factories import add_person

STORES = ["sql", pytest.param("redis", marks=pytest.mark.redis)]


def store_of(kind: str):
    sync = wiring.boards()
    return sync.sql_boards if kind == "sql" else sync.redis_boards


async def answers(store, board, limit: int = 100) -> list[tuple[int, int, int]]:
    top = await store.top(board, limit)
    ranks = competition_ranks(0, 1, [s.xp for s in top])
    return [(rank, s.person_id, s.xp) for rank, s in zip(ranks, top, strict=True)]


@pytest.mark.parametrize("kind", STORES)
async def test_ties_go_to_whoever_reached_the_xp_first_then_the_lower_id(app, world, kind):
    region, unit = world.pontianak.region_id, world.pontianak.head_unit
    people = [await add_person(f"Pegawai {n}", unit, region) for n in range(6)]
    t = this_week_at(WIB, 1, 9)
    plan = {
        people[0]: [(30, t), (20, t + dt.timedelta(hours=3))],  # 50, reached last
        people[1]: [(50, t + dt.timedelta(hours=1))],  # 50, reached first ...
        people[2]: [(50, t + dt.timedelta(hours=1))],  # ... at the same microsecond: the lower id first
        people[3]: [(30, t + dt.timedelta(hours=2))],
        people[4]: [(80, t - dt.timedelta(hours=1))],
        people[5]: [(50, t + dt.timedelta(hours=1, microseconds=1))],  # one microsecond later
    }
    for person, awards in plan.items():
        for xp, at in awards:
            await award(person, xp, at)
    await boards_ready()
    scores = {p: (sum(xp for xp, _ in a), max(at for _, at in a)) for p, a in plan.items()}
    expected = expected_order(scores)
    assert [rank for rank, _, _ in expected] == [1, 2, 2, 2, 2, 6]
    store = store_of(kind)
    for scope, scope_id, path in [
        (Scope.REGION, region, None),
        (Scope.AGENCY, world.pontianak.agency_id, None),
        (Scope.UNIT, unit, await unit_path(unit)),
    ]:
        board = current_board(scope, scope_id, Period.WEEK, WIB, path)
        assert await answers(store, board) == expected
        assert await answers(store, board, limit=3) == expected[:3]
        for position, (rank, person, xp) in enumerate(expected):
            placing = await store.placing(board, person)
            assert (placing.position, placing.rank, placing.standing.xp) == (position, rank, xp)
        assert [s.person_id for s in await store.slice(board, 2, 3)] == [p for _, p, _ in expected[2:5]]
        assert await store.count_above(board, 50) == 1
        assert await store.count_above(board, 0) == 6
        assert await store.placing(board, world.pontianak.admin) is None
    national = current_board(Scope.NATIONAL, None, Period.ALL, WIB)
    assert await answers(store, national) == expected
    assert all(s.reached_at > EPOCH for s in await store.top(national, 10))


@pytest.mark.parametrize("kind", STORES)
async def test_weeks_begin_at_local_midnight_wib_and_wita_and_the_national_board_keeps_wib(app, world, kind):
    palu, pontianak = world.palu, world.pontianak
    early_wita = await add_person("Palu Senin Dini", palu.head_unit, palu.region_id)  # Mon 00:30 WITA = Sun 23:30 WIB
    sunday_wita = await add_person("Palu Minggu Malam", palu.head_unit, palu.region_id)  # Sun 23:30 WITA: last week
    later_wita = await add_person("Palu Senin Pagi", palu.head_unit, palu.region_id)  # Mon 01:30 WITA = 00:30 WIB
    monday_wib = await add_person("Pontianak Senin", pontianak.head_unit, pontianak.region_id)
    sunday_wib = await add_person("Pontianak Minggu", pontianak.head_unit, pontianak.region_id)
    await award(early_wita, 40, this_week_at(WITA, 0, 0, 30), WITA)
    await award(sunday_wita, 90, this_week_at(WITA, 0, 0) - dt.timedelta(minutes=30), WITA)
    await award(later_wita, 20, this_week_at(WITA, 0, 1, 30), WITA)
    await award(monday_wib, 30, this_week_at(WIB, 0, 0, 30))
    await award(sunday_wib, 70, this_week_at(WIB, 0, 0) - dt.timedelta(minutes=1))
    await boards_ready()
    store = store_of(kind)
    palu_week = current_board(Scope.REGION, palu.region_id, Period.WEEK, WITA)
    assert [(p, xp) for _, p, xp in await answers(store, palu_week)] == [(early_wita, 40), (later_wita, 20)]
    national_week = current_board(Scope.NATIONAL, None, Period.WEEK, WIB)
    assert [(p, xp) for _, p, xp in await answers(store, national_week)] == [(monday_wib, 30), (later_wita, 20)]
    pontianak_week = current_board(Scope.REGION, pontianak.region_id, Period.WEEK, WIB)
    assert [(p, xp) for _, p, xp in await answers(store, pontianak_week)] == [(monday_wib, 30)]


@pytest.mark.redis
async def test_redis_and_sql_hold_the_same_boards_entry_for_entry(app, world):
    p = world.pontianak
    people = [
        await add_person(f"Pegawai {n}", unit, p.region_id) for n, unit in enumerate([p.head_unit, p.child_unit] * 4)
    ]
    t = this_week_at(WIB, 2, 10)
    for n, person in enumerate(people):
        await award(person, 10 * (n % 3 + 1), t + dt.timedelta(minutes=n % 2))
    await award(world.palu.asn, 30, this_week_at(WITA, 2, 10), WITA)
    await boards_ready()
    sync = wiring.boards()
    from gamification.boards.standings import standings
    from gamification.boards.store import by_board

    _, updates = await standings(person_ids=None)
    boards = by_board(updates)
    assert len(boards) >= 20  # every period of the national, region, agency and both unit boards
    for board in boards:
        assert await sync.redis_boards.all(board) == await sync.sql_boards.all(board), board.tag
        ttl = await sync.redis_boards.redis.ttl(keys(board)[0])
        if board.period is Period.ALL:
            assert ttl == -1  # all-time boards stay
        else:  # a period's board expires a week after the period ends; SQL answers it after that
            (
                seconds,
                _,
            ) = await sync.redis_boards.redis.time()  # Redis's own clock, which a pinned test run does not move
            expires = dt.datetime.fromtimestamp(seconds + ttl, dt.timezone.utc)
            assert abs(expires - (board.window.ends_at + dt.timedelta(days=7))) < dt.timedelta(seconds=10)
