"""Service points over HTTP: who may publish, list, read, edit a unit's services and renew their links; the
day's site code and its QR; staff opting in to be named by citizens."""

from __future__ import annotations

import dataclasses
import datetime as dt

from api.app import create_app
from domain.site_codes import site_code
from gamification.storage.tables import ServicePoint
from tests.conftest import running
from tests.factories import add_person
from tests.surveys.helpers import POINTS, citizen, make_point, open_form, open_page, opt_in, public, send_answer


async def test_a_manager_publishes_services_of_their_units_and_no_one_elses(client, world, as_):
    p = world.pontianak
    own = await make_point(client, as_(p.manager), p.head_unit, description="Loket 1", yearly_users=12000)
    below = await make_point(client, as_(p.manager), p.child_unit, name="Akta Kelahiran")
    assert (own["unit_id"], own["region_id"], own["yearly_users"], own["complaint_answer_days"]) == (
        p.head_unit,
        p.region_id,
        12000,
        5,
    )
    assert own["public_path"] == f"/layanan/{own['public_key']}" and len(own["public_key"]) == 22
    assert own["public_key"] != below["public_key"]
    body = {"unit_id": p.other_unit, "name": "Pelayanan KK"}
    refused = await client.post(POINTS, json=body, headers=as_(p.manager))
    assert (refused.status_code, refused.json()["code"]) == (403, "service_point_out_of_reach")
    other_region = await client.post(POINTS, json=body, headers=as_(world.palu.admin))
    assert (other_region.status_code, other_region.json()["code"]) == (403, "outside_region")
    by_asn = await client.post(POINTS, json=body, headers=as_(p.asn))
    assert (by_asn.status_code, by_asn.json()["code"]) == (403, "manager_required")
    unknown = await client.post(POINTS, json=body | {"unit_id": 9999}, headers=as_(p.admin))
    assert (unknown.status_code, unknown.json()["code"]) == (404, "unit_not_found")
    assert (await client.post(POINTS, json=body, headers=as_(p.admin))).status_code == 201
    assert await ServicePoint.count() == 3


async def test_each_caller_lists_the_points_in_their_reach_page_by_page(client, world, as_):
    p = world.pontianak
    head = [await make_point(client, as_(p.admin), p.head_unit, name=f"Layanan {n}") for n in range(3)]
    child = await make_point(client, as_(p.admin), p.child_unit)
    other = await make_point(client, as_(p.admin), p.other_unit)
    palu = await make_point(client, as_(world.palu.admin), world.palu.head_unit)

    async def ids(person: int, **params) -> list[int]:
        found, cursor = [], None
        while True:
            query = params | ({"cursor": cursor} if cursor else {}) | {"limit": 2}
            page = (await client.get(POINTS, params=query, headers=as_(person))).json()
            found += [point["id"] for point in page["items"]]
            if not (cursor := page["next_cursor"]):
                return found

    assert await ids(p.manager) == [point["id"] for point in [*head, child]]
    assert await ids(p.admin) == [point["id"] for point in [*head, child, other]]
    assert await ids(p.admin, unit_id=p.child_unit) == [child["id"]]
    assert await ids(world.palu.admin) == [palu["id"]]
    assert await ids(world.palu.admin, unit_id=p.head_unit) == []
    assert len(await ids(world.superadmin)) == 6
    assert (await client.get(POINTS, headers=as_(p.asn))).status_code == 403


async def test_another_units_manager_and_another_regions_admin_do_not_find_a_point(client, world, as_):
    p = world.pontianak
    point = await make_point(client, as_(p.manager), p.head_unit)
    other_manager = await add_person("Manajer Pelayanan", p.other_unit, p.region_id, "manager;asn")
    for person in (other_manager, world.palu.admin, world.palu.manager):
        for method, path, body in [
            ("GET", f"{POINTS}/{point['id']}", None),
            ("PATCH", f"{POINTS}/{point['id']}", {"name": "Diubah"}),
            ("POST", f"{POINTS}/{point['id']}/link", None),
            ("GET", f"{POINTS}/{point['id']}/site-code", None),
            ("GET", f"{POINTS}/{point['id']}/qr.svg", None),
        ]:
            response = await client.request(method, path, json=body, headers=as_(person))
            assert (response.status_code, response.json()["code"]) == (404, "service_point_not_found"), (person, path)
    assert (await client.get(f"{POINTS}/{point['id']}", headers=as_(p.asn))).json()["code"] == "manager_required"
    row = await ServicePoint.select(ServicePoint.name, ServicePoint.public_key).first()
    assert row == {"name": "Perekaman KTP-el", "public_key": point["public_key"]}


async def test_an_edit_changes_what_is_sent_and_an_inactive_point_answers_citizens_404(app, client, world, as_):
    p = world.pontianak
    point = await make_point(client, as_(p.manager), p.head_unit, yearly_users=500)
    changed = await client.patch(
        f"{POINTS}/{point['id']}",
        json={"name": "  Perekaman   KTP-el Keliling ", "complaint_answer_days": 7, "yearly_users": None},
        headers=as_(p.manager),
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["name"], changed.json()["complaint_answer_days"], changed.json()["yearly_users"]) == (
        "Perekaman KTP-el Keliling",
        7,
        None,
    )
    assert changed.json()["description"] == "" and changed.json()["requires_site_code"] is False
    bad = await client.patch(f"{POINTS}/{point['id']}", json={"complaint_answer_days": 0}, headers=as_(p.manager))
    assert bad.status_code == 400
    unknown = await client.patch(f"{POINTS}/{point['id']}", json={"public_key": "x" * 22}, headers=as_(p.manager))
    assert unknown.status_code == 400
    key = point["public_key"]
    async with citizen(app) as phone:
        form = await open_form(phone, key)
        await client.patch(f"{POINTS}/{point['id']}", json={"active": False}, headers=as_(p.manager))
        assert (await phone.get(public(key))).json()["code"] == "service_not_found"
        page, _ = await open_page(phone, key)
        assert page.status_code == 404 and "Layanan tidak ditemukan" in page.text
        assert (await send_answer(phone, key, form["form_token"])).status_code == 404
        await client.patch(f"{POINTS}/{point['id']}", json={"active": True}, headers=as_(p.manager))
        assert (await send_answer(phone, key, form["form_token"])).status_code == 201


async def test_renewing_the_link_stops_the_old_one_at_once(app, client, world, as_):
    p = world.pontianak
    point = await make_point(client, as_(p.admin), p.head_unit)
    old = point["public_key"]
    async with citizen(app) as phone:
        form = await open_form(phone, old)
        renewed = await client.post(f"{POINTS}/{point['id']}/link", headers=as_(p.manager))
        assert renewed.status_code == 200
        new = renewed.json()["public_key"]
        assert new != old and renewed.json()["link_renewed_at"] is not None
        assert (await send_answer(phone, old, form["form_token"])).json()["code"] == "service_not_found"
        assert (await phone.get(public(old))).status_code == 404
        assert (await open_page(phone, old))[0].status_code == 404
        stale = await send_answer(phone, new, form["form_token"])  # a token of the old link is not the new one's
        assert (stale.status_code, stale.json()["code"]) == (403, "survey_form_token_invalid")
        fresh = await open_form(phone, new)
        assert (await send_answer(phone, new, fresh["form_token"])).status_code == 201


async def test_the_site_code_is_the_days_and_rides_in_the_link_of_the_counters_qr(client, world, as_, time_machine):
    p = world.pontianak
    time_machine.move_to(dt.datetime(2026, 12, 7, 16, 50, tzinfo=dt.timezone.utc), tick=True)  # 23:50 WIB
    point = await make_point(client, as_(p.manager), p.head_unit, requires_site_code=True)
    shown = (await client.get(f"{POINTS}/{point['id']}/site-code", headers=as_(p.manager))).json()
    secret = (await ServicePoint.select(ServicePoint.site_code_secret).first())["site_code_secret"]
    assert shown["code"] == site_code(secret, dt.date(2026, 12, 7)) and shown["local_date"] == "2026-12-07"
    assert shown["valid_until"] == "2026-12-07T17:00:00Z"
    assert shown["path"] == f"/layanan/{point['public_key']}?kode={shown['code']}"
    assert shown["url"] == f"http://tangkas.test{shown['path']}"
    time_machine.move_to(dt.datetime(2026, 12, 7, 17, 10, tzinfo=dt.timezone.utc), tick=True)  # 00:10 WIB
    next_day = (await client.get(f"{POINTS}/{point['id']}/site-code", headers=as_(p.manager))).json()
    assert next_day["code"] == site_code(secret, dt.date(2026, 12, 8)) and next_day["local_date"] == "2026-12-08"
    await client.patch(f"{POINTS}/{point['id']}", json={"requires_site_code": False}, headers=as_(p.manager))
    plain = (await client.get(f"{POINTS}/{point['id']}/site-code", headers=as_(p.manager))).json()
    assert plain["path"] == point["public_path"] and plain["requires_site_code"] is False


async def test_the_qr_is_a_printable_svg_of_the_public_url(settings, world, as_):
    application = create_app(dataclasses.replace(settings, public_url="https://survei.pontianak.go.id"))
    async with running(application):
        async with citizen(application) as http:
            point = await make_point(http, as_(world.pontianak.manager), world.pontianak.head_unit)
            shown = (await http.get(f"{POINTS}/{point['id']}/site-code", headers=as_(world.pontianak.manager))).json()
            assert shown["url"] == f"https://survei.pontianak.go.id/layanan/{point['public_key']}"
            qr = await http.get(f"{POINTS}/{point['id']}/qr.svg", headers=as_(world.pontianak.manager))
    assert qr.status_code == 200 and qr.headers["content-type"].startswith("image/svg+xml")
    assert qr.text.startswith("<?xml") and "<svg" in qr.text and shown["url"] in qr.text  # its title


async def test_staff_choose_themselves_whether_citizens_may_name_them(app, client, world, as_):
    p = world.pontianak
    assert (await client.get("/api/v1/me/citizen-naming", headers=as_(p.asn))).json() == {
        "opt_in": False,
        "shown_as": "ASN",
    }
    named = await add_person("H. Budi Santoso", p.child_unit, p.region_id, "asn", nip="197901012005011001")
    answer = await client.put("/api/v1/me/citizen-naming", json={"opt_in": True}, headers=as_(named))
    assert answer.json() == {"opt_in": True, "shown_as": "Budi"}
    await opt_in(p.asn)
    await opt_in(await add_person("Citra Inactive", p.head_unit, p.region_id, "asn", active=False))
    await opt_in(await add_person("Dewi Pelayanan", p.other_unit, p.region_id, "asn"))
    await add_person("Eko Tidak Setuju", p.head_unit, p.region_id, "asn")
    point = await make_point(client, as_(p.manager), p.head_unit)
    async with citizen(app) as phone:
        staff = (await open_form(phone, point["public_key"]))["staff"]
        page, _ = await open_page(phone, point["public_key"])
    assert sorted(person["first_name"] for person in staff) == ["ASN", "Budi"]
    assert {person["id"] for person in staff} == {p.asn, named}
    assert ">Budi</option>" in page.text
    for hidden in ("Santoso", "197901012005011001", "Citra", "Dewi", "Eko"):
        assert hidden not in page.text
    assert (await client.put("/api/v1/me/citizen-naming", json={"opt_in": False}, headers=as_(named))).json()[
        "opt_in"
    ] is False
    refused = await client.put("/api/v1/me/citizen-naming", json={"opt_in": True}, headers=as_(world.superadmin))
    assert (refused.status_code, refused.json()["code"]) == (403, "learner_only")
    loose = await client.put("/api/v1/me/citizen-naming", json={"opt_in": "true"}, headers=as_(p.asn))
    assert loose.status_code == 400
