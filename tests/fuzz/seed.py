"""A small lived-in world for the fuzzer: people of every role and one of each thing they act on.

Ids start at 1 in each table, so the small integers the fuzzer favours in paths and bodies often name
a real region, unit, person, module, reward, redemption, initiative, display or holiday.
"""

from __future__ import annotations

import httpx
from litestar import Litestar
from redis.asyncio import Redis

from gamification.storage.settings import Settings
from tests.conftest import empty_database
from tests.factories import bearer, build_world
from tests.module_payloads import attempt, published_module


async def seed(app: Litestar, settings: Settings) -> dict[str, int | None]:
    """Empties the database and Redis, builds the world and returns the person acting in each role."""
    await empty_database()
    if settings.redis_url:
        async with Redis.from_url(settings.redis_url) as redis:
            await redis.flushdb()
    world = await build_world()
    p = world.pontianak
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://tangkas.test") as client:

        async def post(path: str, person: int, body: dict | None = None) -> dict:
            response = await client.post(path, json=body or {}, headers=bearer(settings, person))
            assert response.status_code in (200, 201), response.text
            return response.json()

        module = await published_module(client, bearer(settings, p.admin))
        await attempt(client, bearer(settings, p.asn), module)
        reward = await post("/api/v1/admin/rewards", p.admin, {"name": "Piagam Digital", "kind": "virtual", "cost": 10})
        await post(f"/api/v1/rewards/{reward['id']}/redemptions", p.asn, {"client_id": "hp-fuzz-tukar-1"})
        initiative = await post(
            "/api/v1/initiatives",
            p.asn,
            {
                "title": "Antrean Daring Disdukcapil",
                "problem": "Warga mengantre berjam-jam untuk mencetak KTP-el.",
                "solution": "Pendaftaran antrean lewat WhatsApp dengan pengingat otomatis.",
                "category": "citizen_channel",
                "unit_id": p.head_unit,
                "team": [p.asn_child],
            },
        )
        await post(f"/api/v1/initiatives/{initiative['id']}/submit", p.asn)
        await post("/api/v1/admin/displays", p.admin, {"name": "TV Lobi", "scope": "agency", "scope_id": p.agency_id})
        await post("/api/v1/admin/holidays", p.admin, {"region_id": p.region_id, "day": "2026-08-17", "name": "HUT RI"})
        await post(
            "/api/v1/service-points", p.admin, {"unit_id": p.head_unit, "name": "Perekaman KTP-el"}
        )  # service points
    return {"anonymous": None, "asn": p.asn, "manager": p.manager, "admin": p.admin, "superadmin": world.superadmin}
