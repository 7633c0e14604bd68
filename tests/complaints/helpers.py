"""Service points made directly (their own routes are another feature's) and the complaint requests."""

from __future__ import annotations

import itertools
import secrets

import httpx

from gamification.storage.tables import ServicePoint

PUBLIC = "/api/v1/public"
COMPLAINTS = "/api/v1/complaints"
BODY = "Antrean perekaman KTP-el sangat panjang dan nomor antrean habis sebelum jam sembilan pagi."
_names = itertools.count(1)


async def add_service_point(
    region_id: int, unit_id: int, *, name: str | None = None, answer_days: int = 5, active: bool = True
) -> str:
    """A service point of the unit; its public key (what a citizen's link carries)."""
    key = secrets.token_urlsafe(16)[:22]
    await ServicePoint.insert(
        ServicePoint(
            region=region_id,
            unit=unit_id,
            name=name or f"Perekaman KTP-el {next(_names)}",
            public_key=key,
            site_code_secret=secrets.token_hex(16),
            complaint_answer_days=answer_days,
            active=active,
        )
    )
    return key


async def file(client: httpx.AsyncClient, key: str, status: int = 201, **body) -> dict:
    response = await client.post(f"{PUBLIC}/services/{key}/complaints", json={"body": BODY} | body)
    assert response.status_code == status, response.text
    return response.json()


async def ok(response: httpx.Response, status: int = 200) -> dict:
    assert response.status_code == status, response.text
    return response.json()


async def complaint_id(client: httpx.AsyncClient, headers: dict, code: str) -> int:
    """The unit's id of a complaint known by its tracking code (as its manager finds it in the list)."""
    listed = await ok(await client.get(COMPLAINTS, headers=headers))
    return next(item["id"] for item in listed["items"] if item["tracking_code"] == code)
