"""Live display streams held open at once are capped per display token and per address, on a real server."""

from __future__ import annotations

import asyncio
import dataclasses
from contextlib import AsyncExitStack

import httpx
import pytest

from api.app import create_app
from domain.errors import TooManyRequests
from domain.limits import StreamLimits
from gamification.limits.stream_slots import LEASE_SECONDS, MemoryStreamSlots
from tests.conftest import empty_database
from tests.factories import bearer, build_world
from tests.fuzz.live import LiveServer

LIMITS = StreamLimits(per_display=2, per_address=3)


@pytest.fixture
def server(settings):
    live = LiveServer(create_app(dataclasses.replace(settings, display_streams=LIMITS)))
    live.start()
    yield live
    live.stop()


def prepare(server: LiveServer, settings) -> tuple[str, str]:
    """Two displays of Kota Pontianak; their tokens."""

    async def make() -> tuple[str, str]:
        await empty_database()
        world = await build_world()
        tokens = []
        async with httpx.AsyncClient(base_url=server.base_url) as http:
            for name in ("TV Lobi", "TV Aula"):
                made = await http.post(
                    "/api/v1/admin/displays",
                    json={"name": name, "scope": "region", "scope_id": world.pontianak.region_id},
                    headers=bearer(settings, world.pontianak.admin),
                )
                assert made.status_code == 201, made.text
                tokens.append(made.json()["token"])
        return tokens[0], tokens[1]

    return server.run(make())


READERS = []  # a line reader that is dropped closes its stream: they are kept until the test ends


async def open_stream(stack: AsyncExitStack, http: httpx.AsyncClient, token: str) -> httpx.Response:
    response = await stack.enter_async_context(http.stream("GET", f"/api/v1/displays/{token}/stream"))
    if response.status_code == 200:
        READERS.append(response.aiter_lines())
        assert await anext(READERS[-1]) == "event: screen"  # the stream is live: its slot is held
    else:
        await response.aread()
    return response


def assert_exhausted(response: httpx.Response) -> None:
    assert response.status_code == 429, response.status_code
    assert response.json()["code"] == "display_streams_exhausted"
    assert int(response.headers["Retry-After"]) > 0 and "layar" in response.json()["detail"]


async def test_streams_are_capped_per_display_and_per_address_and_a_closed_one_frees_its_slot(server, settings):
    lobby, hall = prepare(server, settings)
    async with httpx.AsyncClient(base_url=server.base_url, timeout=10) as http:
        async with AsyncExitStack() as stack:
            first = await open_stream(stack, http, lobby)
            assert [first.status_code, (await open_stream(stack, http, lobby)).status_code] == [200, 200]
            assert_exhausted(await open_stream(stack, http, lobby))  # two per display
            assert (await open_stream(stack, http, hall)).status_code == 200
            assert_exhausted(await open_stream(stack, http, hall))  # three per address
            assert (await http.get(f"/api/v1/displays/{lobby}/leaderboard")).status_code == 200  # polling goes on

            await first.aclose()  # the TV is switched off: its slot comes back at once, not after the lease
            for _ in range(100):
                again = await open_stream(stack, http, lobby)
                if again.status_code == 200:
                    break
                await asyncio.sleep(0.05)
            assert again.status_code == 200
    READERS.clear()


async def test_a_slot_whose_process_vanished_is_free_again_when_its_lease_runs_out():
    now = [1000.0]
    slots = MemoryStreamSlots(StreamLimits(per_display=1, per_address=5), clock=lambda: now[0])
    held = await slots.take(7, "198.51.100.1")
    with pytest.raises(TooManyRequests, match="display_streams_exhausted"):
        await slots.take(7, "198.51.100.2")
    now[0] += LEASE_SECONDS - 1
    await slots.renew(held)  # a live stream's heartbeat keeps it
    now[0] += LEASE_SECONDS - 1
    with pytest.raises(TooManyRequests):
        await slots.take(7, "198.51.100.2")
    now[0] += 2  # no heartbeat came: the stream died with its process
    assert (await slots.take(7, "198.51.100.2")).ticket != held.ticket


@pytest.mark.redis
async def test_two_api_processes_share_the_cap_through_redis_and_count_alone_when_it_is_gone(redis_url):
    from redis.asyncio import Redis

    from gamification.limits.stream_slots import RedisStreamSlots

    async with Redis.from_url(redis_url) as one_redis, Redis.from_url(redis_url) as other_redis:
        await one_redis.flushdb()
        one, other = RedisStreamSlots(one_redis, LIMITS), RedisStreamSlots(other_redis, LIMITS)
        held = [await one.take(3, "198.51.100.1"), await other.take(3, "198.51.100.2")]
        with pytest.raises(TooManyRequests):
            await one.take(3, "198.51.100.3")
        await other.give_back(held[1])
        await one.take(3, "198.51.100.3")

    gone = RedisStreamSlots(Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2), LIMITS)
    slots = [await gone.take(4, "198.51.100.1") for _ in range(2)]  # Redis unreachable: counted in this process
    with pytest.raises(TooManyRequests):
        await gone.take(4, "198.51.100.1")
    await gone.give_back(slots[0])
    await gone.take(4, "198.51.100.1")


@pytest.mark.redis
async def test_the_heartbeats_of_many_streams_renew_their_leases_together(redis_url, monkeypatch):
    from redis.asyncio import Redis

    from gamification.limits import stream_slots
    from gamification.limits.stream_slots import RedisStreamSlots

    monkeypatch.setattr(stream_slots, "RENEW_DELAY_SECONDS", 0.2)
    monkeypatch.setattr(stream_slots, "RENEW_BATCH", 2)
    async with Redis.from_url(redis_url, decode_responses=True) as redis:
        await redis.flushdb()
        slots = RedisStreamSlots(redis, StreamLimits(per_display=10, per_address=10))
        held = [await slots.take(5, f"198.51.100.{n}") for n in range(5)]
        lease_of = lambda slot: redis.zscore(slot.keys[0], slot.ticket)  # noqa: E731
        before = [await lease_of(slot) for slot in held]
        await asyncio.sleep(0.05)
        for slot in held:
            await slots.renew(slot)  # heartbeats: nothing sent yet
        assert [await lease_of(slot) for slot in held] == before
        await slots.give_back(held[4])  # switched off before its renewal went out
        await asyncio.sleep(0.4)
        after = [await lease_of(slot) for slot in held]
        assert all(
            late > early for late, early in zip(after[:4], before[:4], strict=True)
        )  # two script calls of two slots
        assert after[4] is None and await redis.zscore(held[0].keys[1], held[0].ticket) > before[0]
