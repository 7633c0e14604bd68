"""The IKM where people already look: the manager's team view and the office display's line."""

from __future__ import annotations

from tests.satisfaction.helpers import HAND_ANSWERS, add_answers, add_service_point, today_in

WIB = "Asia/Jakarta"


async def test_the_team_view_carries_the_units_ikm_beside_its_existing_fields(client, world, as_):
    p = world.pontianak
    point = await add_service_point(p.head_unit, yearly_users=400)
    await add_answers(point, today_in(WIB), HAND_ANSWERS)
    other = await add_service_point(p.other_unit)
    await add_answers(other, today_in(WIB), [[1] * 9])

    response = await client.get("/api/v1/manager/team", headers=as_(p.manager))
    assert response.status_code == 200, response.text
    team = response.json()
    assert {"year", "members", "jp_compliance_rate", "year_elapsed", "jp_due"} <= set(team)  # the shape it had
    service = team["service"]
    assert (service["month"]["scope"], service["month"]["scope_id"]) == ("unit", p.head_unit)
    assert (service["month"]["ikm"], service["month"]["grade"], service["month"]["answers"]) == (86.81, "B", 4)
    assert (service["quarter"]["ikm"], service["quarter"]["period"]) == (86.81, "quarter")
    assert service["unit_badges"] == []

    region = (await client.get("/api/v1/manager/team", headers=as_(p.admin))).json()["service"]
    assert (region["quarter"]["scope"], region["quarter"]["answers"]) == ("region", 5)
    assert (await client.get("/api/v1/manager/team", headers=as_(world.superadmin))).json()["service"] is None


async def display(client, headers, **body) -> dict:
    response = await client.post(
        "/api/v1/admin/displays", json={"name": "TV Lobi", "scope": "unit"} | body, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_a_display_shows_the_ikm_line_of_its_scope_when_asked(client, world, as_):
    p = world.pontianak
    point = await add_service_point(p.child_unit)  # below the head unit: on the head unit's board
    await add_answers(point, today_in(WIB), HAND_ANSWERS)
    with_line = await display(client, as_(p.manager), scope_id=p.head_unit, show_ikm=True)
    without = await display(client, as_(p.manager), scope_id=p.head_unit)
    agency = await display(client, as_(p.admin), scope="agency", scope_id=p.agency_id, show_ikm=True)
    national = await display(client, as_(p.admin), scope="national", show_ikm=True)
    assert with_line["show_ikm"] is True and without["show_ikm"] is False

    screen = (await client.get(f"/api/v1/displays/{with_line['token']}/leaderboard")).json()
    assert screen["ikm"]["text"] == "IKM triwulan ini: 86,81 (B)"
    assert (screen["ikm"]["grade"], screen["ikm"]["answers"]) == ("B", 4)
    assert (await client.get(f"/api/v1/displays/{without['token']}/leaderboard")).json()["ikm"] is None
    agency_screen = (await client.get(f"/api/v1/displays/{agency['token']}/leaderboard")).json()
    assert agency_screen["ikm"]["text"] == "IKM triwulan ini: 86,81 (B)"
    assert (await client.get(f"/api/v1/displays/{national['token']}/leaderboard")).json()["ikm"] is None

    changed = await client.patch(
        f"/api/v1/admin/displays/{without['id']}", json={"show_ikm": True}, headers=as_(p.manager)
    )
    assert changed.status_code == 200 and changed.json()["show_ikm"] is True
    assert (await client.get(f"/api/v1/displays/{without['token']}/leaderboard")).json()["ikm"]["ikm"] == 86.81
    off = await client.patch(
        f"/api/v1/admin/displays/{with_line['id']}", json={"show_ikm": False}, headers=as_(p.admin)
    )
    assert off.json()["show_ikm"] is False
    assert (await client.get(f"/api/v1/displays/{with_line['token']}/leaderboard")).json()["ikm"] is None
    listed = (await client.get("/api/v1/admin/displays", headers=as_(p.admin))).json()
    assert {d["id"]: d["show_ikm"] for d in listed} == {
        with_line["id"]: False,
        without["id"]: True,
        agency["id"]: True,
        national["id"]: True,
    }

    # another region's admin cannot switch it; a bad body is refused
    elsewhere = await client.patch(
        f"/api/v1/admin/displays/{without['id']}", json={"show_ikm": False}, headers=as_(world.palu.admin)
    )
    assert (elsewhere.status_code, elsewhere.json()["code"]) == (404, "display_not_found")
    for body in ({"show_ikm": "ya"}, {}, {"show_ikm": True, "name": "Baru"}):
        response = await client.patch(f"/api/v1/admin/displays/{without['id']}", json=body, headers=as_(p.admin))
        assert response.status_code == 400, body


async def test_an_empty_quarter_says_so(client, world, as_):
    p = world.pontianak
    shown = await display(client, as_(p.admin), scope="region", scope_id=p.region_id, show_ikm=True)
    screen = (await client.get(f"/api/v1/displays/{shown['token']}/leaderboard")).json()
    assert screen["ikm"]["text"] == "IKM triwulan ini: belum ada penilaian"
    assert (screen["ikm"]["ikm"], screen["ikm"]["grade"]) == (None, None)
