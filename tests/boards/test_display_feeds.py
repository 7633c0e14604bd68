"""Many TVs on one board in one process: the board is read once per change, not once per stream, and
each stream still shows its own display's name; a revocation ends only that display's streams."""

from __future__ import annotations

import asyncio

from domain.access import Actor
from domain.leaderboards import Period, Scope
from domain.roles import Role
from gamification.boards.displays import Displays, stream
from gamification.boards.leaderboards import Leaderboards
from tests import wiring
from tests.awards import WIB, award, leader_and_climber, this_week_at

TVS = 12


async def test_a_change_is_read_once_per_board_for_every_stream_that_shows_it(app, world):
    p = world.pontianak
    leader, climber = await leader_and_climber(p)
    sync = wiring.boards()
    displays = Displays(Leaderboards(sync.reads), sync.events)
    reads = []
    read_screen = displays.screen

    async def counted_screen(display):
        reads.append(display.ref.scope)
        return await read_screen(display)

    displays.screen = counted_screen
    admin = Actor(p.admin, frozenset({Role.ADMIN}), p.region_id, p.head_unit, None)
    made = [await displays.create(admin, Scope.UNIT, p.head_unit, f"TV {n}", Period.WEEK) for n in range(TVS)]
    other = await displays.create(admin, Scope.REGION, p.region_id, "TV Wilayah", Period.WEEK)
    shown = [await displays.shown(display.token) for display in [*made, other]]
    streams = [stream(displays, display) for display in shown]
    firsts = [await anext(screens) for screens in streams]
    assert reads == [Scope.UNIT, Scope.REGION]  # the first stream of each board read it; the others shared it
    assert [screen.title for _, screen in firsts] == [f"TV {n}" for n in range(TVS)] + ["TV Wilayah"]

    nexts = [asyncio.ensure_future(anext(screens)) for screens in streams]
    await asyncio.sleep(0.05)
    reads.clear()
    await award(climber, 100, this_week_at(WIB, 0, 11))
    seconds = await asyncio.wait_for(asyncio.gather(*nexts), 5)
    assert sorted(reads) == sorted([Scope.UNIT, Scope.REGION])  # once per board, for thirteen streams
    for n, (kind, screen) in enumerate(seconds[:TVS]):
        assert kind == "screen" and screen.title == f"TV {n}"
        assert [(e.name, e.xp) for e in screen.entries] == [("Pegawai 1", 120), ("Pegawai 0", 50)]
    assert seconds[0][1] is not seconds[1][1] and seconds[0][1].entries == seconds[1][1].entries

    nexts = [asyncio.ensure_future(anext(screens)) for screens in streams]
    await displays.revoke(admin, made[0].id)
    assert await asyncio.wait_for(nexts[0], 5) == ("revoked", None)
    await asyncio.sleep(0.5)
    assert not any(following.done() for following in nexts[1:])  # the other TVs go on
    for following in nexts[1:]:
        following.cancel()  # the TVs are switched off
    await asyncio.gather(*nexts[1:], return_exceptions=True)
    for screens in streams:
        await screens.aclose()
    assert displays.feeds.open_streams == 0


def test_tangkas_instances_on_other_dbs_of_one_redis_do_not_hear_each_others_boards():
    from redis.asyncio import Redis

    from gamification.boards.events import CHANNEL, channel_of

    assert channel_of(Redis.from_url("redis://127.0.0.1:6379/0")) == CHANNEL  # as before, for a deployment's own
    assert channel_of(Redis.from_url("redis://127.0.0.1:6379/8")) == f"{CHANNEL}:8"
    assert channel_of(None) == CHANNEL
