"""PATCH /api/v1/me: only the fields sent change, for the caller alone; a hidden name reaches the boards
(from SQL and from Redis) and the live displays at once."""

import asyncio

from domain.access import Actor
from domain.leaderboards import Period, Scope
from domain.roles import Role
from gamification.boards.displays import Displays, stream
from gamification.boards.leaderboards import Leaderboards
from gamification.storage.tables import Person
from tests import wiring
from tests.awards import WIB, award, boards_ready, this_week_at
from tests.factories import add_person

ME = "/api/v1/me"


async def settings_of(person_id: int) -> dict:
    return (
        await Person.select(Person.hide_name, Person.push_enabled, Person.push_muted_kinds)
        .where(Person.id == person_id)
        .first()
    )


async def test_each_field_changes_alone_and_only_for_the_caller(client, world, as_):
    p = world.pontianak
    other_before = await settings_of(p.asn_child)
    answer = await client.patch(ME, json={"hide_name": True}, headers=as_(p.asn))
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"hide_name": True, "push_enabled": True, "push_muted_kinds": []}
    answer = await client.patch(ME, json={"push_enabled": False}, headers=as_(p.asn))
    assert answer.json() == {"hide_name": True, "push_enabled": False, "push_muted_kinds": []}
    answer = await client.patch(ME, json={"push_muted_kinds": ["level_up", "badge"]}, headers=as_(p.asn))
    assert answer.json() == {"hide_name": True, "push_enabled": False, "push_muted_kinds": ["badge", "level_up"]}
    assert await settings_of(p.asn) == {"hide_name": True, "push_enabled": False, "push_muted_kinds": "badge;level_up"}
    assert (await client.get(f"{ME}/settings", headers=as_(p.asn))).json() == answer.json()
    assert (await client.get(ME, headers=as_(p.asn))).json()["hide_name"] is True
    answer = await client.patch(ME, json={"hide_name": False, "push_muted_kinds": []}, headers=as_(p.asn))
    assert answer.json() == {"hide_name": False, "push_enabled": False, "push_muted_kinds": []}
    assert (
        await client.patch(ME, json={}, headers=as_(p.asn))
    ).json() == answer.json()  # nothing sent: nothing changes
    assert await settings_of(p.asn_child) == other_before


async def test_unknown_fields_and_bad_values_are_refused_and_change_nothing(client, world, as_):
    p = world.pontianak
    before = await settings_of(p.asn)
    for body in (
        {"name": "Nama Lain"},
        {"hide_name": True, "roles": ["admin"]},
        {"hide_name": "ya"},
        {"push_enabled": None},
        {"push_muted_kinds": "badge"},
        {"push_muted_kinds": ["x" * 41]},
        {"push_muted_kinds": [f"k{n}" for n in range(21)]},
    ):
        answer = await client.patch(ME, json=body, headers=as_(p.asn))
        assert answer.status_code == 400, (body, answer.text)
    answer = await client.patch(ME, json={"push_muted_kinds": ["Level Up!"]}, headers=as_(p.asn))
    assert (answer.status_code, answer.json()["code"]) == (422, "push_muted_kinds_invalid")
    assert await settings_of(p.asn) == before
    assert (await client.patch(ME, json={"hide_name": True})).status_code == 401


async def test_a_hidden_name_leaves_the_boards_at_once(client, world, as_):
    p = world.pontianak
    await award(p.asn, 50, this_week_at(WIB, 0, 9))
    await boards_ready()
    params = {"scope": "unit", "scope_id": p.head_unit, "period": "week"}

    async def names() -> list[str]:
        board = await client.get("/api/v1/leaderboards", params=params, headers=as_(p.manager))
        assert board.status_code == 200, board.text
        return [entry["name"] for entry in board.json()["entries"]]

    name = (await Person.select(Person.name).where(Person.id == p.asn).first())["name"]
    assert name in await names()
    assert (await client.patch(ME, json={"hide_name": True}, headers=as_(p.asn))).status_code == 200
    shown = await names()
    assert name not in shown and "ASN" in shown
    await client.patch(ME, json={"hide_name": False}, headers=as_(p.asn))
    assert name in await names()


async def test_a_live_display_shows_the_hidden_name_without_waiting_for_points(app, world, client, as_):
    p = world.pontianak
    other = await add_person("Pegawai Lain", p.head_unit, p.region_id)
    await award(p.asn, 50, this_week_at(WIB, 0, 9))
    await award(other, 20, this_week_at(WIB, 0, 10))
    await boards_ready()
    sync = wiring.boards()
    displays = Displays(Leaderboards(sync.reads), sync.events)
    admin = Actor(p.admin, frozenset({Role.ADMIN}), p.region_id, p.head_unit, None)
    made = await displays.create(admin, Scope.UNIT, p.head_unit, "TV Bidang", Period.WEEK)
    screens = stream(displays, await displays.shown(made.token))
    kind, first = await anext(screens)
    name = (await Person.select(Person.name).where(Person.id == p.asn).first())["name"]
    assert kind == "screen" and first.entries[0].name == name
    next_screen = asyncio.ensure_future(anext(screens))
    await asyncio.sleep(0.05)
    assert (await client.patch(ME, json={"hide_name": True}, headers=as_(p.asn))).status_code == 200
    kind, second = await asyncio.wait_for(next_screen, 5)
    assert kind == "screen" and [e.name for e in second.entries] == ["ASN", "Pegawai Lain"]
    await screens.aclose()


async def test_the_most_muted_kinds_fit(client, world, as_):
    p = world.pontianak
    kinds = sorted(f"k{n:02d}" + "x" * 37 for n in range(20))  # 20 kinds of 40 characters
    answer = await client.patch(ME, json={"push_muted_kinds": kinds}, headers=as_(p.asn))
    assert answer.status_code == 200, answer.text
    assert answer.json()["push_muted_kinds"] == kinds
