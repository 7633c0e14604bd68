"""Whatever the service logs while people sign in, learn and watch a display: no password, token or full NIP."""

from __future__ import annotations

import logging
from urllib.parse import unquote_plus

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


async def test_a_nip_searched_for_in_any_spelling_or_encoding_stays_masked(client, world, as_, caplog):
    p = world.pontianak
    nip = (await client.get("/api/v1/me", headers=as_(p.asn))).json()["nip"]
    grouped = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    encoded = "".join(f"%{ord(digit):02X}" for digit in nip)
    with caplog.at_level(logging.DEBUG):
        for query in (grouped, nip.replace("", " ").strip()):
            assert (await client.get("/api/v1/admin/users", params={"q": query}, headers=as_(p.admin))).is_success
        for raw in (f"?q={grouped.replace(' ', '%20')}", f"?q={encoded}", f"?q={grouped.replace(' ', '+')}"):
            assert (await client.get(f"/api/v1/admin/users{raw}", headers=as_(p.admin))).is_success
    logged = "\n".join(caplog.text.splitlines() + [r.getMessage() for r in caplog.records])
    assert "/api/v1/admin/users?q=" in logged
    decoded = "".join(unquote_plus(logged).split())  # every way the NIP could have been written, undone
    assert nip[:14] not in decoded
