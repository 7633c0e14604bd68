"""What an attacker sends to the public complaint routes: control characters in the text or the contact
(PostgreSQL cannot store NUL) and odd keys in the path are clear answers, never a 500 and never stored."""

from __future__ import annotations

import dataclasses

import httpx
import pytest

from api.app import create_app
from gamification.storage.tables import Complaint
from tests.complaints.helpers import add_service_point
from tests.conftest import empty_database, running
from tests.factories import build_world

PUBLIC = "/api/v1/public"


async def test_control_characters_in_the_form_text_or_contact_come_back_to_correct(client, world):
    p = world.pontianak
    key = await add_service_point(p.region_id, p.head_unit)
    body = await client.post(
        f"/layanan/{key}/pengaduan", data={"isi": "Loket tutup\x00 sebelum waktunya.", "client_id": "a" * 24}
    )
    contact = await client.post(
        f"/layanan/{key}/pengaduan",
        data={"isi": "Loket tutup sebelum waktunya.", "kontak": "0812\x00", "setuju": "ya", "client_id": "b" * 24},
    )
    for page in (body, contact):
        assert page.status_code == 422, page.text[:300]
        assert "karakter kendali" in page.text
    assert await Complaint.count() == 0


async def test_control_characters_in_the_json_twin_are_refused_in_indonesian(client, world):
    p = world.pontianak
    key = await add_service_point(p.region_id, p.head_unit)
    for body in (
        {"body": "Loket tutup\x07 sebelum waktunya."},
        {"body": "Loket tutup sebelum waktunya.", "contact": "08\x1b12", "contact_consent": True},
    ):
        response = await client.post(f"{PUBLIC}/services/{key}/complaints", json=body)
        assert response.status_code == 422, response.text
        assert response.json()["code"] == "complaint_control_character"
    kept = await client.post(f"{PUBLIC}/services/{key}/complaints", json={"body": "Baris satu.\n\tBaris dua."})
    assert kept.status_code == 201, kept.text
    assert await Complaint.count() == 1


async def test_a_nul_or_odd_key_in_the_path_is_not_found(client, world):
    for url in ("/layanan/abc%00def/pengaduan", "/layanan/" + "A" * 21 + "%00/pengaduan"):
        assert (await client.get(url)).status_code == 404
        assert (await client.post(url, data={"isi": "Loket tutup sebelum waktunya."})).status_code == 404
    for key in ("abc%00def", "A" * 21 + "%00", "A" * 5000):
        response = await client.post(
            f"{PUBLIC}/services/{key}/complaints", json={"body": "Loket tutup sebelum waktunya."}
        )
        assert response.status_code in (400, 404), response.text[:200]  # a path too long is refused by shape
    assert (await client.get(f"{PUBLIC}/complaints/ABCDE%00FGHJK")).status_code == 404
    assert (await client.get("/pengaduan/ABCDE%00FGHJK")).status_code == 404
    assert await Complaint.count() == 0


EVIL = {"origin": "https://evil.example", "sec-fetch-site": "cross-site"}


async def test_another_site_cannot_make_a_visitor_file_a_complaint(client, world):
    p = world.pontianak
    key = await add_service_point(p.region_id, p.head_unit)
    json_twin = await client.post(
        f"{PUBLIC}/services/{key}/complaints",
        content=b'{"body":"Sampah dari situs lain ......"}',
        headers=EVIL | {"content-type": "application/json"},
    )
    assert json_twin.status_code == 403 and json_twin.json()["code"] == "cross_site_request"
    plain = await client.post(
        f"{PUBLIC}/services/{key}/complaints",
        content=b'{"body":"Sampah dari situs lain ......"}',
        headers={"content-type": "text/plain"},
    )
    assert plain.status_code == 415, plain.text
    form = await client.post(
        f"/layanan/{key}/pengaduan",
        content=b"isi=Sampah+dari+situs+lain+......",
        headers=EVIL | {"content-type": "application/x-www-form-urlencoded"},
    )
    assert form.status_code == 403 and "situs lain" in form.text
    assert await Complaint.count() == 0


@pytest.fixture
async def per_address_cap(settings):
    application = create_app(dataclasses.replace(settings, complaints_per_service_day=2))
    async with running(application):
        await empty_database()
        if settings.redis_url:
            from redis.asyncio import Redis

            async with Redis.from_url(settings.redis_url) as redis:
                await redis.flushdb()
        yield application


async def test_a_few_addresses_cannot_close_a_service_to_everyone(per_address_cap):
    world = await build_world()
    key = await add_service_point(world.pontianak.region_id, world.pontianak.head_unit)

    async def file_from(address: str, n: int) -> int:
        transport = httpx.ASGITransport(app=per_address_cap, client=(address, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://tangkas.test") as http:
            body = {"body": f"Pengaduan nomor {n} dari {address}."}
            response = await http.post(f"{PUBLIC}/services/{key}/complaints", json=body)
            return response.status_code

    assert [await file_from("203.0.113.1", n) for n in range(3)] == [201, 201, 429]
    assert [await file_from("203.0.113.2", n) for n in range(3)] == [201, 201, 429]
    assert await file_from("198.51.100.200", 0) == 201  # a real citizen still gets through
    assert await Complaint.count() == 5
