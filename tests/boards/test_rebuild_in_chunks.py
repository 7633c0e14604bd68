"""The Redis rebuild reads and writes a few people at a time, and still leaves every board equal to SQL."""

from __future__ import annotations

import pytest

from domain.leaderboards import Period, Scope
from gamification.boards import rebuild as board_rebuild
from gamification.boards.redis_store import keys
from tests import wiring
from tests.awards import WIB, WITA, award, current_board, this_week_at
from tests.invariants import boards_agree

pytestmark = pytest.mark.redis


async def test_a_rebuild_two_people_at_a_time_equals_sql_and_drops_strays(app, world, monkeypatch):
    people = [(world.pontianak, WIB), (world.palu, WITA)]
    for n, (region, zone) in enumerate(people * 3):
        for person in (region.asn, region.asn_child, region.manager):
            await award(person, 10 + n, this_week_at(zone, 0, 8, n), zone)
    sync = wiring.boards()
    national = current_board(Scope.NATIONAL, None, Period.WEEK, WIB)
    await sync.redis_boards.redis.hset(keys(national)[1], "999999", "1|x")  # someone no longer on it
    monkeypatch.setattr(board_rebuild, "PEOPLE_PER_CHUNK", 2)
    read = []
    chunks = board_rebuild.standings_in_chunks

    async def counted(people, now=None):
        async for updates in chunks(people, now):
            read.append(len({standing.person_id for rows in updates.values() for standing, _ in rows}))
            yield updates

    monkeypatch.setattr(board_rebuild, "standings_in_chunks", counted)

    assert await sync.rebuilder.rebuild() > 0

    assert len(read) >= 3 and max(read) <= 2
    assert "999999" not in await sync.redis_boards.redis.hkeys(keys(national)[1])
    await boards_agree()
