"""Redis stops while the service runs: boards answer from SQL and nothing is lost; when Redis
comes back (empty, as it restarts here), the boards are rebuilt and agree with SQL again.

The test runs its own redis-server on a free port, so it can kill and restart it for real.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from api.app import create_app
from gamification.storage.settings import Settings
from tests import wiring
from tests.awards import WIB, award, boards_ready, this_week_at
from tests.conftest import TEST_SECRET, empty_database, running
from tests.factories import bearer, build_world
from tests.invariants import boards_agree, totals_agree_with_ledger
from tests.module_payloads import attempt, published_module
from tests.redis_server import free_port, kill, start_redis

pytestmark = pytest.mark.redis


async def test_boards_survive_redis_going_away_and_coming_back(database_url):
    port = free_port()
    server = start_redis(port)
    settings = Settings(database_url=database_url, redis_url=f"redis://127.0.0.1:{port}/0", jwt_secret=TEST_SECRET)
    application = create_app(settings)
    try:
        async with running(application):
            await empty_database()
            world = await build_world()
            p = world.pontianak
            as_ = lambda person: bearer(settings, person)  # noqa: E731
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(transport=transport, base_url="http://tangkas.test") as client:
                await award(p.asn, 40, this_week_at(WIB, 0, 9))
                await boards_ready()
                sync = wiring.boards()

                async def board() -> dict:
                    response = await client.get(
                        "/api/v1/leaderboards", params={"scope": "region"}, headers=as_(p.asn_child)
                    )
                    assert response.status_code == 200, response.text
                    return response.json()

                assert [e["xp"] for e in (await board())["entries"]] == [40]

                kill(server)
                module = await published_module(client, as_(p.admin), xp=60)
                result = await attempt(client, as_(p.asn_child), module)  # recorded while Redis is away
                assert result["xp_awarded"] == 70
                await award(p.manager, 55, this_week_at(WIB, 0, 10))
                assert sync.state.dirty
                during = await board()
                assert [(e["user_id"], e["xp"]) for e in during["entries"]] == [
                    (p.asn_child, 70),
                    (p.manager, 55),
                    (p.asn, 40),
                ]
                assert during["me"] == {"rank": 1, "xp": 70}

                server = start_redis(port)  # back, and empty
                assert await board() == during  # still right, from SQL, while the rebuild runs
                for _ in range(100):
                    if not sync.state.dirty and await sync.redis_boards.is_ready():
                        break
                    await asyncio.sleep(0.05)
                else:
                    pytest.fail("the boards were not rebuilt after Redis came back")
                assert await board() == during
                await boards_agree()
                await totals_agree_with_ledger()
    finally:
        kill(server)
