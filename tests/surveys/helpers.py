"""Making service points and answering their surveys in tests, as staff and citizens do over HTTP."""

from __future__ import annotations

import re

import httpx

from gamification.storage.tables import Person

POINTS = "/api/v1/service-points"
SCORES = {f"u{n}": 3 for n in range(1, 10)}


async def make_point(http: httpx.AsyncClient, headers: dict, unit_id: int, **fields) -> dict:
    body = {"unit_id": unit_id, "name": "Perekaman KTP-el"} | fields
    response = await http.post(POINTS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def public(key: str) -> str:
    return f"/api/v1/public/services/{key}"


async def open_form(http: httpx.AsyncClient, key: str) -> dict:
    """The JSON form: sets the device cookie on ``http`` and gives the form token."""
    response = await http.get(public(key))
    assert response.status_code == 200, response.text
    return response.json()


async def send_answer(http: httpx.AsyncClient, key: str, token: str, **body) -> httpx.Response:
    return await http.post(f"{public(key)}/answers", json={"form_token": token} | SCORES | body)


async def open_page(http: httpx.AsyncClient, key: str, code: str | None = None) -> tuple[httpx.Response, str]:
    """The HTML form and the form token in it."""
    response = await http.get(f"/layanan/{key}", params={"kode": code} if code else None)
    match = re.search(r'name="form_token" value="([^"]+)"', response.text)
    return response, match.group(1) if match else ""


def form_fields(token: str, **fields) -> dict:
    return {"form_token": token} | {key: str(value) for key, value in SCORES.items()} | fields


async def post_page(http: httpx.AsyncClient, key: str, fields: dict, **headers) -> httpx.Response:
    return await http.post(f"/layanan/{key}", data=fields, headers=headers)


def citizen(app, address: str = "198.51.100.20") -> httpx.AsyncClient:
    """A phone: its own cookie jar and address."""
    transport = httpx.ASGITransport(app=app, client=(address, 41000))
    return httpx.AsyncClient(transport=transport, base_url="http://tangkas.test")


async def opt_in(person_id: int, choice: bool = True) -> None:
    await Person.update({Person.citizen_naming: choice}).where(Person.id == person_id)
