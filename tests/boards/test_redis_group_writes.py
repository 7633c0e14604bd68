"""Standings written to Redis a group of boards at a time (the boards a person is on for one period):
every board of the group gets each standing, a write older than what a board holds is ignored, and of
one person's standings on a board in one write the newest prevails (across groups too), on a single Redis
and on a cluster."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from domain.leaderboards import Period, Scope, Standing, window_at
from gamification.boards.redis_store import RedisBoards, keys
from gamification.boards.store import Board
from gamification.storage.redis_client import create_redis

pytestmark = pytest.mark.redis
_boards = itertools.count(900_000)


@pytest.fixture(params=["single", "cluster"])
async def redis_boards(request, redis_url):
    url = request.getfixturevalue("redis_cluster_url") if request.param == "cluster" else redis_url
    redis = create_redis(url)
    yield RedisBoards(redis)
    await redis.aclose()


async def group(redis_boards: RedisBoards, period: Period = Period.WEEK) -> tuple[Board, ...]:
    """A region board and three unit boards no other test uses, empty."""
    # the current period (as the run's clock has it): a past one's boards would expire in Redis at once
    window = window_at(period, "Asia/Jakarta", dt.datetime.now(dt.timezone.utc))
    boards = (
        Board(Scope.REGION, next(_boards), window),
        *(Board(Scope.UNIT, n, window, f"/{n}/") for n in (next(_boards), next(_boards), next(_boards))),
    )
    for board in boards:
        await redis_boards.redis.delete(*keys(board))  # left by an earlier run
    return boards


def at(person: int, xp: int, version: int, minute: int = 0) -> tuple[Standing, int]:
    return Standing.of(person, xp, dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=minute)), version


async def test_every_board_of_a_group_holds_each_standing_and_expires_with_its_period(redis_boards):
    boards = await group(redis_boards)
    await redis_boards.write({boards: [at(1, 30, 3), at(2, 50, 1), at(3, 30, 2, minute=5)]})

    for board in boards:
        assert [(s.person_id, s.xp) for s in await redis_boards.all(board)] == [(2, 50), (3, 30), (1, 30)]
        expires = dt.datetime.fromtimestamp(await redis_boards.redis.expiretime(keys(board)[0]), dt.timezone.utc)
        assert expires == board.window.ends_at + dt.timedelta(days=7)


async def test_a_write_older_than_the_board_holds_is_ignored_and_a_newer_one_replaces_it(redis_boards):
    boards = await group(redis_boards)
    await redis_boards.write({boards: [at(1, 40, 5), at(2, 10, 1)]})
    await redis_boards.write({boards: [at(1, 20, 4), at(2, 60, 2, minute=1)]})  # person 1's is older: ignored

    for board in boards:
        assert [(s.person_id, s.xp) for s in await redis_boards.all(board)] == [(2, 60), (1, 40)]
        assert await redis_boards.redis.zcard(keys(board)[0]) == 2  # the replaced member is gone


async def test_of_one_persons_standings_in_one_write_the_newest_prevails(redis_boards):
    boards = await group(redis_boards)
    newest_first = [at(1, 90, 7), at(1, 70, 6)]
    equal_versions = [at(2, 10, 3), at(2, 15, 3)]  # the later, as if written one by one
    await redis_boards.write({boards: [*newest_first, *equal_versions]})

    for board in boards:
        assert [(s.person_id, s.xp) for s in await redis_boards.all(board)] == [(1, 90), (2, 15)]


async def test_a_group_of_more_standings_than_a_call_takes_is_written_whole(redis_boards):
    boards, alltime = await group(redis_boards), await group(redis_boards, Period.ALL)
    people = [at(person, person % 97, 1, minute=person % 13) for person in range(1, 1_301)]
    seen = []

    await redis_boards.write({boards: people, alltime: people[:700]}, progress=lambda done, total: seen.append(total))

    for board in boards:
        assert await redis_boards.redis.zcard(keys(board)[0]) == 1_300
    for board in alltime:
        assert await redis_boards.redis.zcard(keys(board)[0]) == 700
        assert await redis_boards.redis.ttl(keys(board)[0]) == -1  # all-time boards stay
    assert seen[-1] == 4 * 1_300 + 4 * 700  # standings on boards


async def test_groups_that_share_a_board_write_it_whole_and_the_newest_standing_on_it_prevails(redis_boards):
    region, unit_a, unit_b, _ = await group(redis_boards)
    # person 3 moved to unit B (a newer standing there), person 6 to unit A: whichever group goes first
    in_a = [at(1, 10, 1), at(2, 20, 1), at(3, 30, 4), at(6, 66, 9)]
    in_b = [at(4, 40, 1), at(3, 35, 5), at(5, 50, 2), at(6, 60, 8)]

    await redis_boards.write({(region, unit_a): in_a, (region, unit_b): in_b})

    on_region = [(s.person_id, s.xp) for s in await redis_boards.all(region)]
    assert on_region == [(6, 66), (5, 50), (4, 40), (3, 35), (2, 20), (1, 10)]
    assert [(s.person_id, s.xp) for s in await redis_boards.all(unit_a)] == [(6, 66), (3, 30), (2, 20), (1, 10)]
    assert [(s.person_id, s.xp) for s in await redis_boards.all(unit_b)] == [(6, 60), (5, 50), (4, 40), (3, 35)]
    assert await redis_boards.redis.zcard(keys(region)[0]) == 6  # the older members are gone


async def test_after_redis_forgot_the_scripts_a_write_loads_them_and_goes_through(redis_boards):
    boards = await group(redis_boards)
    await redis_boards.write({boards: [at(1, 10, 1)]})
    await redis_boards.redis.script_flush()  # as a restart with its data, or a failover without them, would

    await redis_boards.write({boards: [at(1, 20, 2), at(2, 15, 1)]})

    for board in boards:
        assert [(s.person_id, s.xp) for s in await redis_boards.all(board)] == [(1, 20), (2, 15)]
