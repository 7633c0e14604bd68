"""Per-address budgets count an IPv6 host's whole /64 as one address (review of issue 18): a host that owns a
/64 could otherwise take a fresh address for every request."""

from __future__ import annotations

import dataclasses

import httpx
import pytest
from redis.asyncio import Redis

from api.app import create_app
from domain.limits import address_for_limits
from tests.complaints.helpers import PUBLIC, add_service_point
from tests.conftest import empty_database, running
from tests.factories import build_world


def test_an_ipv6_slash_64_is_one_address_and_a_mapped_ipv4_is_the_ipv4():
    assert address_for_limits("2001:db8:1:2::1") == address_for_limits("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert address_for_limits("2001:db8:1:3::1") != address_for_limits("2001:db8:1:2::1")
    assert address_for_limits("::ffff:198.51.100.7") == "198.51.100.7" == address_for_limits("198.51.100.7")
    assert address_for_limits("testclient") == "testclient"


@pytest.fixture
async def one_a_day(settings):
    application = create_app(dataclasses.replace(settings, complaints_per_service_day=1))
    async with running(application):
        await empty_database()
        if settings.redis_url:
            async with Redis.from_url(settings.redis_url) as redis:
                await redis.flushdb()
        yield application


async def test_hosts_of_one_ipv6_slash_64_share_a_budget(one_a_day):
    world = await build_world()
    key = await add_service_point(world.pontianak.region_id, world.pontianak.head_unit)

    async def file_from(address: str) -> int:
        transport = httpx.ASGITransport(app=one_a_day, client=(address, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://tangkas.test") as http:
            body = {"body": f"Pengaduan dari {address} tentang loket."}
            return (await http.post(f"{PUBLIC}/services/{key}/complaints", json=body)).status_code

    assert await file_from("2001:db8:1:2::1") == 201
    assert await file_from("2001:db8:1:2::beef") == 429
    assert await file_from("2001:db8:1:3::1") == 201
