"""The callers and the request runner of the authorization matrix (tests/http/test_authorization_matrix.py).

The *home* is Pontianak's Dinas Kominfo, head unit "Bidang E-Government": every request of the
matrix reaches for something that belongs there (a module of the region, an initiative of the
unit, the home ASN's redemption, …), and ten kinds of caller try it.
"""

from __future__ import annotations

import asyncio
import itertools
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import httpx

from gamification.storage.settings import Settings
from gamification.storage.tables import PartnerAdmission
from tests.factories import World, add_person, bearer

UNKNOWN_TOKEN = "bukan-token-layar-mana-pun-0000000000000"  # what a caller without a display token puts in the path
serials = itertools.count(1)  # unique names, slugs and dates within a world


class Role(StrEnum):
    """The matrix's columns, in order."""

    ANONYMOUS = "anonymous"  # no Authorization header
    ASN = "asn"  # a learner of the home unit
    ASN_OTHER_UNIT = "asn_other_unit"  # a learner of another unit of the home region
    MANAGER = "manager"  # the manager of the home unit (its scope: the unit and the one below it)
    MANAGER_OUT_OF_SCOPE = "manager_out_of_scope"  # the manager of another unit of the home region
    ADMIN = "admin"  # an admin of the home region
    ADMIN_OTHER_REGION = "admin_other_region"  # an admin of Palu
    PARTNER = "partner"  # a university admitted by the home region to author modules
    SUPERADMIN = "superadmin"
    DISPLAY = "display"  # an office TV: its token in the path of display routes, as a bearer elsewhere


@dataclass(frozen=True)
class Outcome:
    """What a cell observed: a status and, for a problem response, its code."""

    status: int
    code: str | None = None
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.status} {self.code or ''} {self.detail[:90]}".strip()


def problem_outcome(response: httpx.Response) -> Outcome:
    """The default: the response's own status and problem code."""
    is_json = response.headers.get("content-type", "").startswith(("application/problem+json", "application/json"))
    body = response.json() if is_json and response.content else None
    if not isinstance(body, dict) or response.status_code < 400:
        return Outcome(response.status_code)
    return Outcome(response.status_code, body.get("code"), str(body.get("detail", "")))


def first_item_outcome(response: httpx.Response) -> Outcome:
    """A batch route (sync, bulk decisions) answers 200 with a status per item: the only item's is the outcome."""
    if response.status_code != 200:
        return problem_outcome(response)
    item = response.json()["results"][0]
    problem = item.get("problem") or {}
    return Outcome(item["status"], problem.get("code"), problem.get("detail", ""))


def import_outcome(response: httpx.Response) -> Outcome:
    """The CSV import answers 200 with a report: its only row imported, or refused (outside the caller's reach)."""
    if response.status_code != 200:
        return problem_outcome(response)
    report = response.json()
    if report["imported"] == 1:
        return Outcome(200)
    error = report["errors"][0]
    return Outcome(403, error["code"], error["message"])


@dataclass(frozen=True)
class Call:
    """One cell's request: the row's path with its ids filled in, and a valid body."""

    path: str
    json: Any = None  # None: no body
    params: dict | None = None
    files: dict | None = None
    outcome: Callable[[httpx.Response], Outcome] = problem_outcome
    streamed: bool = False  # an endless response (server-sent events): read its start, then hang up
    data: dict | None = None  # service points and surveys: a form's fields (application/x-www-form-urlencoded)


@dataclass
class Home:
    client: httpx.AsyncClient
    app: Any
    settings: Settings
    world: World
    people: dict[Role, int]
    display_token: str
    _shared: dict[str, Any] = field(default_factory=dict)

    @property
    def region(self):
        return self.world.pontianak

    def headers(self, role: Role) -> dict[str, str]:
        """The caller's credentials: none, a display's token as a bearer, or a person's access token."""
        if role is Role.ANONYMOUS:
            return {}
        if role is Role.DISPLAY:
            return {"Authorization": f"Bearer {self.display_token}"}
        return bearer(self.settings, self.people[role])

    def token_in_path(self, role: Role) -> str:
        """Only the display holds its token; anyone else can only guess one."""
        return self.display_token if role is Role.DISPLAY else UNKNOWN_TOKEN

    async def shared(self, name: str, make: Callable[[], Awaitable[Any]]) -> Any:
        """A resource made once per world, for the cells that only read it."""
        if name not in self._shared:
            self._shared[name] = await make()
        return self._shared[name]

    async def ok(self, method: str, path: str, role: Role = Role.ADMIN, **kwargs) -> Any:
        """A setup request that must succeed."""
        response = await self.client.request(method, path, headers=self.headers(role), **kwargs)
        assert response.is_success, (method, path, response.text)
        return response.json() if response.content else None

    async def send(self, method: str, call: Call, role: Role) -> Outcome:
        headers = self.headers(role) | {"Accept-Language": "en"}  # a failing cell reads in English
        if call.streamed:
            response = await first_chunk(self.app, call.path, headers)
        else:
            response = await self.client.request(
                method, call.path, json=call.json, params=call.params, files=call.files, data=call.data, headers=headers
            )
        return call.outcome(response)


async def build_home(client: httpx.AsyncClient, app, settings: Settings, world: World) -> Home:
    p = world.pontianak
    people = {
        Role.ASN: p.asn,
        Role.ASN_OTHER_UNIT: await add_person("ASN Pelayanan", p.other_unit, p.region_id, "asn"),
        Role.MANAGER: p.manager,
        Role.MANAGER_OUT_OF_SCOPE: await add_person(
            "Manajer Pelayanan", p.other_unit, p.region_id, "manager;asn", email="manajer.pelayanan@pontianak.test"
        ),
        Role.ADMIN: p.admin,
        Role.ADMIN_OTHER_REGION: world.palu.admin,
        Role.PARTNER: await add_person("Universitas Tanjungpura", None, None, "partner", email="lpm@untan.test"),
        Role.SUPERADMIN: world.superadmin,
    }
    await PartnerAdmission.insert(
        PartnerAdmission(region=p.region_id, partner=people[Role.PARTNER], admitted_by=p.admin)
    )
    home = Home(client, app, settings, world, people, display_token="")
    display = {"scope": "unit", "scope_id": p.head_unit, "name": "Layar Lobi Kominfo"}
    home.display_token = (await home.ok("POST", "/api/v1/admin/displays", json=display))["token"]
    return home


def route_pattern(route: str) -> re.Pattern:
    """``/api/v1/users/{user_id:int}`` → a pattern a concrete path of that route matches."""
    parts = re.split(r"(\{[^}]+\})", route)
    pieces = [
        (r"\d+" if part.endswith(":int}") else r"[^/]+") if part.startswith("{") else re.escape(part) for part in parts
    ]
    return re.compile("^" + "".join(pieces) + "$")


def app_routes(app) -> set[str]:
    """Every ``METHOD path`` the app serves, without HEAD/OPTIONS and the /schema docs."""
    return {
        f"{method} {route.path}"
        for route in app.routes
        if not route.path.startswith("/schema")
        for handler in getattr(route, "route_handlers", [])
        for method in handler.http_methods
        if method not in ("HEAD", "OPTIONS")
    }


async def first_chunk(app, path: str, headers: dict[str, str]) -> httpx.Response:
    """GET a route up to its first body chunk, then hang up: httpx's ASGI transport would wait for the
    end of an endless stream."""
    start: dict = {}
    chunks: list[bytes] = []
    enough = asyncio.Event()
    asked = False

    async def receive() -> dict:
        nonlocal asked
        if not asked:
            asked = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await enough.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            if chunks[-1] or not message.get("more_body", False):
                enough.set()

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"tangkas.test"), *((k.lower().encode(), v.encode()) for k, v in headers.items())],
        "client": ("203.0.113.7", 40000),
        "server": ("tangkas.test", 80),
    }
    task = asyncio.create_task(app(scope, receive, send))
    await asyncio.wait_for(enough.wait(), timeout=10)
    await asyncio.wait_for(task, timeout=10)
    raw_headers = [(k.decode(), v.decode()) for k, v in start["headers"]]
    return httpx.Response(start["status"], headers=raw_headers, content=b"".join(chunks))
