import asyncio
import datetime as dt

import pytest

from domain.leaderboards import Period
from gamification.boards.displays import Displays, stream
from gamification.boards.leaderboards import Leaderboards
from gamification.storage.tables import Display, Person
from tests import wiring
from tests.awards import WIB, award, boards_ready, leader_and_climber, this_week_at
from tests.clock import next_turn
from tests.factories import add_person

ADMIN_DISPLAYS = "/api/v1/admin/displays"


async def make_display(client, headers, **body) -> dict:
    response = await client.post(
        ADMIN_DISPLAYS, json={"name": "TV Lobi Kominfo", "scope": "agency"} | body, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_a_display_shows_the_top_ten_with_names_units_levels_and_badges_only(client, world, as_):
    p = world.pontianak
    people = [await add_person(f"Pegawai {n}", p.head_unit, p.region_id) for n in range(12)]
    await Person.update({Person.hide_name: True}).where(Person.id == people[0])
    t = this_week_at(WIB, 1, 8)
    for n, person in enumerate(people):
        await award(person, 300 - 10 * n, t + dt.timedelta(minutes=n), label=f"Modul {n}")
    await award(people[0], 0, t + dt.timedelta(hours=1), label="Modul Terakhir")
    await boards_ready()
    display = await make_display(client, as_(p.admin), scope_id=p.agency_id)
    assert display["path"] == f"/display/{display['token']}" and len(display["token"]) >= 40
    stored = await Display.select(Display.token_hash).first()
    assert display["token"] not in str(stored)  # only the hash is kept

    response = await client.get(f"/api/v1/displays/{display['token']}/leaderboard")
    assert response.status_code == 200, response.text
    screen = response.json()
    assert (screen["title"], screen["region"], screen["scope_name"], screen["period_label"]) == (
        "TV Lobi Kominfo",
        "Kota Pontianak",
        "Dinas Kominfo",
        "Minggu ini",
    )
    assert [e["rank"] for e in screen["entries"]] == list(range(1, 11))
    first = screen["entries"][0]
    assert (first["name"], first["unit"], first["xp"], first["level"], first["badges"]) == (
        "ASN",
        "Bidang E-Government",
        300,
        "Penggerak",
        0,
    )
    assert screen["entries"][1]["name"] == "Pegawai 1"
    assert [item["text"] for item in screen["ticker"][:2]] == [
        "ASN (Bidang E-Government) menyelesaikan modul “Modul Terakhir”",
        "Pegawai 11 menyelesaikan modul “Modul 11”",
    ]
    text = response.text
    nips = await Person.select(Person.nip).where(Person.id.is_in(people)).output(as_list=True)
    assert not any(nip in text for nip in nips)
    assert "user_id" not in text and "nip" not in text and "Pegawai 0" not in text

    page = await client.get(display["path"])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "EventSource" in page.text and page.headers["referrer-policy"] == "no-referrer"


async def test_just_after_the_week_turns_a_display_shows_last_weeks_champions(client, world, as_, time_machine):
    p = world.pontianak
    monday = next_turn(Period.WEEK, WIB)
    time_machine.move_to(monday - dt.timedelta(hours=2), tick=True)  # Sunday evening
    a, b = [await add_person(f"Pegawai {n}", p.head_unit, p.region_id) for n in range(2)]
    await award(a, 40, monday - dt.timedelta(hours=1))
    await award(b, 60, monday - dt.timedelta(minutes=50))
    await boards_ready()
    display = await make_display(client, as_(p.admin), scope_id=p.agency_id)
    leaderboard = f"/api/v1/displays/{display['token']}/leaderboard"
    before = (await client.get(leaderboard)).json()
    assert [e["name"] for e in before["entries"]] == ["Pegawai 1", "Pegawai 0"] and before["previous"] is None

    time_machine.move_to(monday + dt.timedelta(minutes=5), tick=True)  # Monday 00:05 WIB
    turned = (await client.get(leaderboard)).json()
    assert turned["entries"] == [] and dt.datetime.fromisoformat(turned["period_start"]) == monday
    champions = turned["previous"]
    assert champions["label"] == "Juara minggu lalu"
    assert [(e["rank"], e["name"], e["xp"]) for e in champions["entries"]] == [
        (1, "Pegawai 1", 60),
        (2, "Pegawai 0", 40),
    ]
    assert champions["period_end"] == turned["period_start"]

    await award(a, 10, monday + dt.timedelta(minutes=6))
    await boards_ready()
    moving = (await client.get(leaderboard)).json()
    assert [e["name"] for e in moving["entries"]] == ["Pegawai 0"] and moving["previous"] is None


async def test_revoking_stops_the_display_at_once(client, world, as_):
    p = world.pontianak
    display = await make_display(client, as_(p.admin), scope="region", scope_id=p.region_id)
    leaderboard = f"/api/v1/displays/{display['token']}/leaderboard"
    assert (await client.get(leaderboard)).status_code == 200
    other_admin = await client.delete(f"{ADMIN_DISPLAYS}/{display['id']}", headers=as_(world.palu.admin))
    assert (other_admin.status_code, other_admin.json()["code"]) == (404, "display_not_found")
    revoked = await client.delete(f"{ADMIN_DISPLAYS}/{display['id']}", headers=as_(p.admin))
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    again = await client.delete(f"{ADMIN_DISPLAYS}/{display['id']}", headers=as_(p.admin))
    assert again.json()["revoked_at"] == revoked.json()["revoked_at"]
    for path in (leaderboard, f"/api/v1/displays/{display['token']}/stream"):
        response = await client.get(path)
        assert (response.status_code, response.json()["code"]) == (410, "display_revoked")
    assert (await client.get(display["path"])).status_code == 410


@pytest.mark.parametrize("token", ["tidak-ada", "x" * 100, "x" * 101])
async def test_an_unknown_token_is_not_found(client, world, token):
    response = await client.get(f"/api/v1/displays/{token}/leaderboard")
    assert response.status_code in (400, 404), response.text
    assert response.json()["code"] in ("display_not_found", "validation_failed")
    assert (await client.get(f"/display/{token}")).status_code in (400, 404)


async def test_who_may_make_and_see_displays(client, world, as_):
    p, palu = world.pontianak, world.palu
    cases = [
        (p.asn, {"scope": "unit", "scope_id": p.head_unit}, 403, "display_maker_required"),
        (p.manager, {"scope": "unit", "scope_id": p.child_unit}, 201, None),
        (p.manager, {"scope": "unit", "scope_id": p.other_unit}, 403, "display_out_of_reach"),
        (p.manager, {"scope": "agency", "scope_id": p.other_agency_id}, 403, "display_out_of_reach"),
        (p.admin, {"scope": "unit", "scope_id": palu.head_unit}, 403, "display_out_of_reach"),
        (p.admin, {"scope": "region", "scope_id": palu.region_id}, 403, "display_out_of_reach"),
        (p.admin, {"scope": "national"}, 201, None),
        (world.superadmin, {"scope": "unit", "scope_id": palu.child_unit}, 201, None),
        (p.admin, {"scope": "galaxy"}, 422, "board_scope_unknown"),
        (p.admin, {"scope": "unit", "period": "abad"}, 422, "board_period_unknown"),
        (p.admin, {"scope": "unit"}, 422, "board_scope_id_required"),
        (p.admin, {"scope": "unit", "scope_id": 999999}, 404, "board_scope_not_found"),
        (p.admin, {"scope": "region", "scope_id": p.region_id, "name": "   "}, 422, "display_name_length"),
        (p.admin, {"scope": "region", "scope_id": p.region_id, "token": "x"}, 400, "validation_failed"),
    ]
    for who, body, status, code in cases:
        response = await client.post(ADMIN_DISPLAYS, json={"name": "Layar"} | body, headers=as_(who))
        assert response.status_code == status, (who, body, response.text)
        if code:
            assert response.json()["code"] == code
    assert (await client.post(ADMIN_DISPLAYS, json={"name": "x", "scope": "national"})).status_code == 401
    manager_list = (await client.get(ADMIN_DISPLAYS, headers=as_(p.manager))).json()
    assert [d["scope_id"] for d in manager_list] == [p.child_unit]
    admin_list = (await client.get(ADMIN_DISPLAYS, headers=as_(palu.admin))).json()
    assert [d["scope_id"] for d in admin_list] == [palu.child_unit]  # the superadmin's display in Palu
    national = next(
        d for d in (await client.get(ADMIN_DISPLAYS, headers=as_(p.admin))).json() if d["scope"] == "national"
    )
    assert (await client.delete(f"{ADMIN_DISPLAYS}/{national['id']}", headers=as_(palu.admin))).status_code == 404
    assert (await client.delete(f"{ADMIN_DISPLAYS}/{national['id']}", headers=as_(p.admin))).status_code == 200


async def test_the_head_of_an_agency_puts_their_agencys_board_on_a_display(app, client, world, as_):
    p, palu = world.pontianak, world.palu
    head = p.manager  # manages the agency's top unit: the head of Dinas Kominfo
    section_head = await add_person("Kepala Seksi", p.child_unit, p.region_id, "manager;asn")
    top, below = [
        await add_person(f"Pegawai {n}", unit, p.region_id) for n, unit in enumerate([p.head_unit, p.child_unit])
    ]
    elsewhere = await add_person("Pegawai Disdukcapil", p.other_unit, p.region_id)
    await award(top, 30, this_week_at(WIB, 0, 9))
    await award(below, 50, this_week_at(WIB, 0, 10))
    await award(elsewhere, 90, this_week_at(WIB, 0, 11))
    await boards_ready()

    display = await make_display(client, as_(head), name="TV Lobi Dinas", scope_id=p.agency_id)
    assert (display["scope"], display["scope_id"]) == ("agency", p.agency_id)
    screen = (await client.get(f"/api/v1/displays/{display['token']}/leaderboard")).json()
    assert screen["scope_name"] == "Dinas Kominfo"
    assert [(e["name"], e["unit"], e["xp"]) for e in screen["entries"]] == [
        ("Pegawai 1", "Seksi Aplikasi", 50),  # the whole agency, below the top unit too
        ("Pegawai 0", "Bidang E-Government", 30),
    ]
    assert (await client.get(display["path"])).status_code == 200
    sync = wiring.boards()
    displays = Displays(Leaderboards(sync.reads), sync.events)
    screens = stream(displays, await displays.shown(display["token"]))
    kind, first = await anext(screens)
    assert kind == "screen" and [e.name for e in first.entries] == ["Pegawai 1", "Pegawai 0"]
    next_screen = asyncio.ensure_future(anext(screens))
    await asyncio.sleep(0.05)
    await award(top, 40, this_week_at(WIB, 0, 12))
    kind, second = await asyncio.wait_for(next_screen, 5)
    assert kind == "screen" and [(e.name, e.xp) for e in second.entries] == [("Pegawai 0", 70), ("Pegawai 1", 50)]
    await screens.aclose()

    changed = await client.patch(f"{ADMIN_DISPLAYS}/{display['id']}", json={"show_ikm": True}, headers=as_(head))
    assert changed.status_code == 200 and changed.json()["show_ikm"] is True
    assert [d["id"] for d in (await client.get(ADMIN_DISPLAYS, headers=as_(head))).json()] == [display["id"]]
    # the region's admin still reaches the agency's displays, whoever made them
    region_list = (await client.get(ADMIN_DISPLAYS, headers=as_(p.admin))).json()
    assert [d["id"] for d in region_list] == [display["id"]]

    refused = [
        (section_head, p.agency_id),  # a manager below the top unit puts up unit boards only
        (head, p.other_agency_id),  # another agency of the region
        (head, palu.agency_id),  # another region's agency
        (palu.manager, p.agency_id),  # another agency's head
    ]
    for who, agency in refused:
        response = await client.post(
            ADMIN_DISPLAYS, json={"name": "Layar", "scope": "agency", "scope_id": agency}, headers=as_(who)
        )
        assert (response.status_code, response.json()["code"]) == (403, "display_out_of_reach"), (who, agency)
    assert await Display.count() == 1


async def test_the_stream_sends_a_new_screen_when_someone_moves_up_and_stops_when_revoked(app, world):
    p = world.pontianak
    leader, climber = await leader_and_climber(p)
    sync = wiring.boards()
    displays = Displays(Leaderboards(sync.reads), sync.events)
    from domain.access import Actor
    from domain.roles import Role

    admin = Actor(p.admin, frozenset({Role.ADMIN}), p.region_id, p.head_unit, None)
    made = await displays.create(admin, *_unit_scope(p.head_unit), "TV Bidang", _week())
    shown = await displays.shown(made.token)
    screens = stream(displays, shown)
    kind, first = await anext(screens)
    assert kind == "screen" and [e.name for e in first.entries] == ["Pegawai 0", "Pegawai 1"]
    next_screen = asyncio.ensure_future(anext(screens))
    await asyncio.sleep(0.05)
    await award(climber, 100, this_week_at(WIB, 0, 11))
    kind, second = await asyncio.wait_for(next_screen, 5)
    assert kind == "screen" and [(e.name, e.xp) for e in second.entries] == [("Pegawai 1", 120), ("Pegawai 0", 50)]
    await award(await add_person("Orang Lain", p.other_unit, p.region_id), 10, this_week_at(WIB, 0, 12))
    next_event = asyncio.ensure_future(anext(screens))
    await asyncio.sleep(0.5)
    assert not next_event.done()  # another unit's completion does not concern this display
    await displays.revoke(admin, made.id)
    assert await asyncio.wait_for(next_event, 5) == ("revoked", None)
    await screens.aclose()


def _unit_scope(unit_id: int):
    from domain.leaderboards import Scope

    return Scope.UNIT, unit_id


def _week():
    from domain.leaderboards import Period

    return Period.WEEK
