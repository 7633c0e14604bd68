"""Redis is killed and started again (empty) under traffic.

- Eight learners keep completing modules, redeeming and reading their boards, and an office
  display keeps reading the national board, across the kill and the restart. Nothing fails; each
  learner sees on their board exactly the XP they were awarded, before, during and after the
  outage; afterwards the Redis boards equal SQL entry by entry, and the ledger, the totals and
  the holds agree.
- The same moment made certain: a completion commits after the rebuild has read the standings
  and before it has written them, and still reaches the board.

The tests run their own redis-server (tests/redis_server.py), so they can kill and restart it for real.
"""

from __future__ import annotations

import asyncio
import itertools
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import httpx
import pytest

from api.app import create_app
from gamification.boards import rebuild as board_rebuild
from gamification.storage.settings import Settings
from gamification.storage.tables import PointsTotal
from tests import wiring
from tests.awards import boards_ready
from tests.conftest import TEST_SECRET, empty_database, running
from tests.factories import bearer, build_world
from tests.faults.checkpoints import DEADLINE_SECONDS, until
from tests.invariants import books_balance, facts_awarded_once
from tests.module_payloads import attempt, attempt_body, published_module
from tests.redis_server import free_port, kill, start_redis

pytestmark = pytest.mark.redis

MODULES_PER_REGION = 8
PER_PHASE = 8  # completions recorded before the outage, during it, and after Redis is back
COST = 50


@dataclass
class Traffic:
    """What the learners did, and what the test saw happen, phase by phase."""

    phase: str = "before"  # before, away (Redis killed), back (Redis started again)
    completions: int = 0
    display_reads: dict[str, int] = field(default_factory=lambda: {"before": 0, "away": 0, "back": 0})
    xp: dict[int, int] = field(default_factory=dict)
    held: dict[int, int] = field(default_factory=dict)
    stop: asyncio.Event = field(default_factory=asyncio.Event)


async def learner(client, headers, person: int, modules: list[dict], reward: dict, traffic: Traffic) -> None:
    """Completes one module after another; after each, reads their region's board and redeems when they can."""
    traffic.xp[person], traffic.held[person] = 0, 0
    client_ids = (f"hp-tukar-{person}-{n}" for n in itertools.count())
    for module in modules:
        if traffic.stop.is_set():
            return
        response = await client.post(
            f"/api/v1/modules/{module['id']}/attempts", json=attempt_body(module), headers=headers
        )
        assert response.status_code == 201, response.text
        traffic.xp[person] += response.json()["xp_awarded"]
        traffic.completions += 1
        board = await client.get("/api/v1/leaderboards", params={"scope": "region"}, headers=headers)
        assert board.status_code == 200, board.text
        assert board.json()["me"]["xp"] == traffic.xp[person]  # their own completion, on their board at once
        if traffic.xp[person] - traffic.held[person] >= COST:
            body = {"client_id": next(client_ids)}
            redeemed = await client.post(f"/api/v1/rewards/{reward['id']}/redemptions", json=body, headers=headers)
            assert redeemed.status_code == 201, redeemed.text
            traffic.held[person] += COST


async def display(client, headers, traffic: Traffic) -> None:
    while not traffic.stop.is_set():
        board = await client.get("/api/v1/leaderboards", params={"scope": "national"}, headers=headers)
        assert board.status_code == 200, board.text
        entries = board.json()["entries"]
        assert [e["xp"] for e in entries] == sorted((e["xp"] for e in entries), reverse=True)
        traffic.display_reads[traffic.phase] += 1
        await asyncio.sleep(0.005)


class OwnRedis:
    """The app, with a redis-server of its own that the test kills and starts again."""

    def __init__(self, database_url: str) -> None:
        self.port = free_port()
        self.server = start_redis(self.port)
        self.settings = Settings(
            database_url=database_url, redis_url=f"redis://127.0.0.1:{self.port}/0", jwt_secret=TEST_SECRET
        )

    def kill(self) -> None:
        kill(self.server)

    def start(self) -> None:
        self.server = start_redis(self.port)  # empty: nothing is saved

    def as_(self, person: int) -> dict:
        return bearer(self.settings, person)


@asynccontextmanager
async def app_with_own_redis(database_url: str):
    redis = OwnRedis(database_url)
    application = create_app(redis.settings)
    try:
        async with running(application):
            await empty_database()
            world = await build_world()
            await boards_ready()
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(transport=transport, base_url="http://tangkas.test") as client:
                yield redis, client, world
    finally:
        redis.kill()


async def test_redis_killed_and_restarted_under_traffic(database_url):
    async with app_with_own_redis(database_url) as (redis, client, world):
        traffic = Traffic()
        tasks = []
        for region in (world.pontianak, world.palu):
            admin = redis.as_(region.admin)
            modules = [
                await published_module(client, admin, xp=20 + 5 * n, title=f"Modul {n}")
                for n in range(MODULES_PER_REGION)
            ]
            reward = {"name": "Stiker", "kind": "merchandise", "cost": COST}
            made = await client.post("/api/v1/admin/rewards", json=reward, headers=admin)
            for person in (region.admin, region.manager, region.asn, region.asn_child):
                work = learner(client, redis.as_(person), person, modules, made.json(), traffic)
                tasks.append(asyncio.create_task(work))
        tasks.append(asyncio.create_task(display(client, redis.as_(world.superadmin), traffic)))
        sync = wiring.boards()

        await until(lambda: traffic.completions >= PER_PHASE, "completions before the outage")
        assert not sync.state.dirty
        redis.kill()
        traffic.phase, before = "away", traffic.completions
        await until(
            lambda: traffic.completions >= before + PER_PHASE and traffic.display_reads["away"] >= 5,
            "completions and reads while Redis is away",
        )
        assert sync.state.dirty

        redis.start()
        traffic.phase, back = "back", traffic.completions
        await until(
            lambda: traffic.completions >= back + PER_PHASE and not sync.state.dirty,
            "completions after Redis is back, and the rebuild",
        )
        traffic.stop.set()
        await asyncio.wait_for(asyncio.gather(*tasks), DEADLINE_SECONDS)

        await facts_awarded_once(bonus=10)
        await books_balance(traffic.xp)
        held = {r["person"]: r["held"] for r in await PointsTotal.select(PointsTotal.person, PointsTotal.held)}
        assert held == traffic.held and sum(held.values()) > 0


async def test_a_completion_recorded_during_the_rebuild_reaches_the_board(database_url, monkeypatch):
    """The rebuild after the outage has read the standings; a completion commits before it has written them."""
    async with app_with_own_redis(database_url) as (redis, client, world):
        p = world.pontianak
        modules = [await published_module(client, redis.as_(p.admin), xp=60, title=t) for t in ("Satu", "Dua", "Tiga")]
        assert (await attempt(client, redis.as_(p.asn), modules[0]))["xp_awarded"] == 70
        redis.kill()
        assert (await attempt(client, redis.as_(p.asn), modules[1]))["xp_awarded"] == 70  # lost write: dirty
        sync = wiring.boards()
        assert sync.state.dirty
        redis.start()

        read_all, go_on = asyncio.Event(), asyncio.Event()
        chunks = board_rebuild.standings_in_chunks

        async def held_after_reading(people, now=None):
            async for updates in chunks(people, now):  # the few people here: one chunk, everyone's standings
                read_all.set()
                await go_on.wait()
                yield updates

        monkeypatch.setattr(board_rebuild, "standings_in_chunks", held_after_reading)

        async def my_board() -> dict:
            response = await client.get("/api/v1/leaderboards", params={"scope": "region"}, headers=redis.as_(p.asn))
            assert response.status_code == 200, response.text
            return response.json()["me"]

        assert (await my_board())["xp"] == 140  # from SQL; the read starts the rebuild
        await asyncio.wait_for(read_all.wait(), DEADLINE_SECONDS)
        assert (await attempt(client, redis.as_(p.asn), modules[2]))["xp_awarded"] == 70
        go_on.set()
        await until(lambda: not sync.state.dirty, "the rebuild")
        assert (await my_board())["xp"] == 210
        await books_balance({p.asn: 210})
