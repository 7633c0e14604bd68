"""Request budgets per person and per address: 429 ``rate_limited`` with Retry-After, nothing recorded.

The app here runs with small budgets; the counter is Redis in the Redis variants (shared by
processes) and in-process memory otherwise.
"""

from __future__ import annotations

import asyncio
import dataclasses

import httpx
import pytest
from redis.asyncio import Redis

from api.app import create_app
from domain.limits import RateLimit
from gamification.storage.tables import Attempt, XpEntry
from tests.conftest import empty_database, running
from tests.factories import PASSWORD, build_world
from tests.module_payloads import MODULES, attempt_body, published_module

LIMITS = {
    "login": RateLimit(per_person=None, per_address=4),
    "attempt": RateLimit(per_person=3, per_address=5),
    "sync": RateLimit(per_person=2, per_address=10),
    "redemption": RateLimit(per_person=2, per_address=10),
    "display": RateLimit(per_person=None, per_address=3),
    "export": RateLimit(per_person=1, per_address=10, window_seconds=3600),
}


@pytest.fixture
async def limited(settings):
    application = create_app(dataclasses.replace(settings, rate_limits=LIMITS))
    async with running(application):
        await empty_database()
        if settings.redis_url:
            async with Redis.from_url(settings.redis_url) as redis:
                await redis.flushdb()
        yield application


def client_from(application, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=application, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://tangkas.test")


def assert_limited(response: httpx.Response, window: int = 60) -> None:
    assert response.status_code == 429, response.text
    assert response.json()["code"] == "rate_limited"
    assert 1 <= int(response.headers["Retry-After"]) <= window
    assert "detik" in response.json()["detail"]


async def submit(http, headers, module, **body):
    return await http.post(f"{MODULES}/{module['id']}/attempts", json=attempt_body(module, **body), headers=headers)


async def test_attempts_are_limited_per_person_and_a_refused_one_records_nothing(limited, as_):
    world = await build_world()
    p = world.pontianak
    async with client_from(limited, "198.51.100.1") as http, client_from(limited, "198.51.100.2") as other_office:
        module = await published_module(http, as_(p.admin))
        for _ in range(3):
            assert (await submit(http, as_(p.asn), module)).status_code == 201
        awarded = await XpEntry.count().where(XpEntry.person == p.asn)
        assert_limited(await submit(http, as_(p.asn), module))
        assert await Attempt.count().where(Attempt.person == p.asn) == 3
        assert await XpEntry.count().where(XpEntry.person == p.asn) == awarded
        # the same person from another address still has no budget; a colleague here still has theirs
        assert_limited(await submit(other_office, as_(p.asn), module))
        assert (await submit(http, as_(p.asn_child), module)).status_code == 201


async def test_one_address_shares_its_budget_across_people(limited, as_):
    world = await build_world()
    p = world.pontianak
    async with client_from(limited, "198.51.100.1") as http, client_from(limited, "198.51.100.9") as elsewhere:
        module = await published_module(elsewhere, as_(p.admin))
        statuses = [(await submit(http, as_(who), module)).status_code for who in (p.asn, p.asn, p.asn_child)]
        statuses += [(await submit(http, as_(who), module)).status_code for who in (p.manager, p.manager)]
        assert statuses == [201] * 5
        assert_limited(await submit(http, as_(p.admin), module))
        assert (await submit(elsewhere, as_(p.admin), module)).status_code == 201


async def test_racing_requests_never_pass_the_budget(limited, as_):
    world = await build_world()
    p = world.pontianak
    async with client_from(limited, "198.51.100.1") as http:
        async with client_from(limited, "198.51.100.9") as author:
            module = await published_module(author, as_(p.admin))
        responses = await asyncio.gather(*[submit(http, as_(p.asn), module) for _ in range(12)])
        assert sorted(r.status_code for r in responses) == [201] * 3 + [429] * 9
        assert await Attempt.count().where(Attempt.person == p.asn) == 3


async def test_sign_in_is_limited_per_address_even_with_the_right_password(limited):
    await build_world()
    async with client_from(limited, "198.51.100.3") as http, client_from(limited, "198.51.100.4") as other:
        body = {"login": "asn@pontianak.test", "password": PASSWORD}
        for _ in range(4):
            assert (await http.post("/api/v1/auth/login", json=body)).status_code == 200
        assert_limited(await http.post("/api/v1/auth/login", json=body))
        assert (await other.post("/api/v1/auth/login", json=body)).status_code == 200


async def test_sync_and_redemptions_are_limited_per_person(limited, as_):
    world = await build_world()
    p = world.pontianak
    async with client_from(limited, "198.51.100.5") as http:
        module = await published_module(http, as_(p.admin))
        item = {"module_id": module["id"], **attempt_body(module)}
        for _ in range(2):
            assert (await http.post("/api/v1/sync", json={"attempts": [item]}, headers=as_(p.asn))).status_code == 200
        assert_limited(await http.post("/api/v1/sync", json={"attempts": [item]}, headers=as_(p.asn)))

        reward = await http.post(
            "/api/v1/admin/rewards",
            json={"name": "Piagam", "kind": "certificate", "cost": 1},
            headers=as_(p.admin),
        )
        assert reward.status_code == 201, reward.text
        path = f"/api/v1/rewards/{reward.json()['id']}/redemptions"
        statuses = [
            (await http.post(path, json={"client_id": f"hp-tukar-{n}"}, headers=as_(p.asn))).status_code
            for n in range(3)
        ]
        assert statuses[2] == 429 and all(s in (201, 409) for s in statuses[:2]), statuses


async def test_display_routes_are_limited_per_address(limited, as_):
    world = await build_world()
    p = world.pontianak
    async with client_from(limited, "198.51.100.6") as http:
        made = await http.post(
            "/api/v1/admin/displays",
            json={"name": "TV Lobi", "scope": "region", "scope_id": p.region_id},
            headers=as_(p.admin),
        )
        assert made.status_code == 201, made.text
        board = f"/api/v1/displays/{made.json()['token']}/leaderboard"
        for _ in range(3):
            assert (await http.get(board)).status_code == 200
        assert_limited(await http.get(board))
        assert_limited(await http.get("/display/tebakan-token-yang-salah"))


@pytest.mark.redis
async def test_two_api_processes_share_one_budget_through_redis(limited, settings, as_):
    world = await build_world()
    p = world.pontianak
    second = create_app(dataclasses.replace(settings, rate_limits=LIMITS))
    async with running(second):
        async with client_from(limited, "198.51.100.7") as one, client_from(second, "198.51.100.8") as two:
            module = await published_module(one, as_(p.admin))
            statuses = [(await submit(http, as_(p.asn), module)).status_code for http in (one, two, one, two)]
            assert statuses == [201, 201, 201, 429]


def test_budgets_can_be_tuned_or_turned_off_from_the_environment():
    from gamification.storage.settings import Settings

    tuned = Settings.from_env({"TANGKAS_RATE_LIMIT_SYNC": "5,-,30", "TANGKAS_JWT_SECRET": "s" * 40})
    assert tuned.rate_limits["sync"] == RateLimit(per_person=5, per_address=None, window_seconds=30)
    assert tuned.rate_limits["attempt"].per_person == 30
    assert Settings.from_env({"TANGKAS_RATE_LIMITS": "off", "TANGKAS_JWT_SECRET": "s" * 40}).rate_limits == {}
