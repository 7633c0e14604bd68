"""Whatever the service logs while people sign in, learn and watch a display: no password, token or full NIP."""

from __future__ import annotations

import logging

from tests.factories import PASSWORD


async def test_a_day_of_requests_leaves_no_secret_in_the_logs(client, world, as_, caplog):
    p = world.pontianak
    with caplog.at_level(logging.DEBUG):
        me = (await client.get("/api/v1/me", headers=as_(p.asn))).json()
        nip = me["nip"]
        signed_in = await client.post("/api/v1/auth/login", json={"login": nip, "password": PASSWORD})
        tokens = signed_in.json()
        await client.post("/api/v1/auth/login", json={"login": nip, "password": "salah-" + PASSWORD})
        await client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        await client.get("/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
        await client.get("/api/v1/me", headers={"Authorization": "Bearer rusak.rusak.rusak"})
        display = await client.post(
            "/api/v1/admin/displays",
            json={"name": "TV Lobi", "scope": "region", "scope_id": p.region_id},
            headers=as_(p.admin),
        )
        token = display.json()["token"]
        await client.get(f"/display/{token}")
        await client.get(f"/api/v1/displays/{token}/leaderboard")
    assert caplog.records, "the requests were logged (by the HTTP client at least)"
    logged = "\n".join(caplog.text.splitlines() + [r.getMessage() for r in caplog.records])
    for secret in (PASSWORD, tokens["access_token"], tokens["refresh_token"], token, nip):
        assert secret not in logged
