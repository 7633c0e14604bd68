"""The boards on a real Redis Cluster of three primaries (tests/redis_cluster.py), through ``redis+cluster://``:
each board's hash-tagged keys on one slot and the boards spread over every shard, the Lua scripts, the
ready marker and the rebuild lock, reads equal to SQL, and a display hearing a change through sharded
pub/sub. Runs in the Redis variants, beside the same tests on a single Redis.
"""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from redis.asyncio.cluster import RedisCluster

from domain.access import Actor
from domain.leaderboards import Period, Scope
from domain.roles import Role
from gamification.boards import build_boards
from gamification.boards.displays import Displays, stream
from gamification.boards.events import CHANNEL
from gamification.boards.leaderboards import Leaderboards
from gamification.boards.rebuild import REBUILD_LOCK
from gamification.boards.redis_store import READY_KEY, keys
from gamification.identity.sign_in import load_actor
from tests import wiring
from tests.awards import WIB, WITA, award, boards_ready, current_board, leader_and_climber, this_week_at
from tests.factories import add_person
from tests.invariants import boards_agree
from tests.redis_cluster import NODES

pytestmark = pytest.mark.redis


@pytest.fixture(scope="module")
def redis_url(request) -> str:
    return request.getfixturevalue("redis_cluster_url")


async def people_with_xp(world) -> list[int]:
    """Twelve people in four units of two regions with XP this week, two of them tied."""
    p, palu = world.pontianak, world.palu
    units = [(p.head_unit, p.region_id), (p.child_unit, p.region_id), (p.other_unit, p.region_id)]
    units.append((palu.head_unit, palu.region_id))
    people = [await add_person(f"Pegawai {n}", *units[n % 4]) for n in range(12)]
    for n, person in enumerate(people):
        timezone = WITA if n % 4 == 3 else WIB
        await award(person, 20 + 7 * (n % 5), this_week_at(timezone, 0, 9, n % 3), timezone)
    return people


def cluster_of() -> RedisCluster:
    redis = wiring.boards().redis_boards.redis
    assert isinstance(redis, RedisCluster)
    return redis


async def test_boards_are_written_and_read_on_a_cluster_as_sql_answers_them(app, world, client, as_):
    people = await people_with_xp(world)
    await boards_ready()  # the rebuild: the lock, a SCAN of every primary, the upsert script, the ready marker
    await boards_agree()
    cluster = cluster_of()
    held = await wiring.boards().redis_boards.board_keys()
    sorted_sets = [key for key in held if key.endswith(":z")]
    assert len(sorted_sets) >= 30
    for key in sorted_sets:  # a board's two keys on one slot: the scripts that read both may run
        assert cluster.keyslot(key) == cluster.keyslot(key.removesuffix(":z") + ":m")
    assert len({cluster.get_node_from_key(key).name for key in held}) == NODES  # and the boards spread

    more = await add_person("Pegawai Baru", world.pontianak.child_unit, world.pontianak.region_id)
    await award(more, 33, this_week_at(WIB, 0, 11))  # a write after the rebuild: the versioned upsert
    await award(people[0], 50, this_week_at(WIB, 0, 12))
    await boards_agree()

    sync = wiring.boards()
    board = current_board(Scope.REGION, world.pontianak.region_id, Period.WEEK, WIB)
    assert await sync.reads.store_for(board, dt.datetime.now(dt.timezone.utc)) is sync.redis_boards
    from_sql = Leaderboards(build_boards(None).reads)
    for person in (people[0], people[3], more, world.pontianak.asn):
        actor = await load_actor(person, token_epoch=0)
        for scope in Scope:
            for period in (Period.WEEK, Period.ALL):
                served = await Leaderboards(sync.reads).board(actor, scope, None, period, 10)
                assert served == await from_sql.board(actor, scope, None, period, 10)  # top 10 + me (the script)
    answer = await client.get("/api/v1/leaderboards", params={"scope": "region", "limit": 10}, headers=as_(more))
    assert answer.status_code == 200, answer.text
    assert answer.json()["me"] == {"rank": 6, "xp": 33}  # behind 70, 48, 48, 41 and 34


async def test_the_rebuild_lock_and_the_ready_marker_hold_on_a_cluster_and_a_drift_is_repaired(app, world):
    people = await people_with_xp(world)
    await boards_ready()
    cluster, sync = cluster_of(), wiring.boards()
    await cluster.set(REBUILD_LOCK, "1")
    assert await sync.rebuilder.rebuild() is None  # another process holds the lock
    await cluster.delete(REBUILD_LOCK)

    board = current_board(Scope.NATIONAL, None, Period.ALL, WIB)
    await cluster.delete(*keys(board))  # one key at a time: a board's keys share a slot anyway
    await sync.redis_boards.remove([(current_board(Scope.REGION, world.palu.region_id, Period.WEEK, WITA), people[3])])
    await cluster.delete(READY_KEY)
    assert not await sync.redis_boards.is_ready()
    checked = await sync.consistency.check(thorough=True)
    assert checked["rebuilt"] and await cluster.exists(READY_KEY) and not await cluster.exists(REBUILD_LOCK)
    await boards_agree()


async def test_a_display_hears_a_board_change_through_sharded_pub_sub(app, world):
    p = world.pontianak
    leader, climber = await leader_and_climber(p)
    sync = wiring.boards()
    displays = Displays(Leaderboards(sync.reads), sync.events)
    admin = Actor(p.admin, frozenset({Role.ADMIN}), p.region_id, p.head_unit, None)
    shown = await displays.shown((await displays.create(admin, Scope.UNIT, p.head_unit, "TV", Period.WEEK)).token)
    screens = stream(displays, shown)
    kind, first = await anext(screens)
    assert kind == "screen" and [e.name for e in first.entries] == ["Pegawai 0", "Pegawai 1"]
    next_screen = asyncio.ensure_future(anext(screens))
    cluster = cluster_of()
    shard = cluster.get_node_from_key(CHANNEL)

    async def subscribed() -> int:
        return (await cluster.pubsub_shardnumsub(CHANNEL, target_nodes=shard))[0][1]

    for _ in range(100):  # the subscription is made in the background
        if await subscribed():
            break
        await asyncio.sleep(0.02)
    assert await subscribed() == 1  # SSUBSCRIBE, on the shard that serves the channel's slot
    await award(climber, 100, this_week_at(WIB, 0, 11))
    kind, second = await asyncio.wait_for(next_screen, 5)
    assert kind == "screen" and [(e.name, e.xp) for e in second.entries] == [("Pegawai 1", 120), ("Pegawai 0", 50)]
    await screens.aclose()
