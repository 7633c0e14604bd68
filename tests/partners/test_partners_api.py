"""Partner organisations: who creates, admits, attaches people and sees the page; admitting the
organisation admits its people (is_admitted); keys shown once; activities registered by its people."""

from gamification.organization.partners import is_admitted
from gamification.storage.tables import PartnerCredential
from tests.factories import add_person
from tests.module_payloads import create_module, module_payload

ORGS = "/api/v1/partners"


async def test_an_organisation_admitted_by_a_region_admits_its_people_and_shows_on_its_page(client, world, as_):
    p, palu = world.pontianak, world.palu
    created = await client.post(
        ORGS,
        json={"name": "  Universitas   Tanjungpura ", "kind": "university", "contact_email": "lpm@untan.ac.id"},
        headers=as_(p.admin),
    )
    assert created.status_code == 201
    org = created.json()
    assert (org["name"], org["kind"], org["active"]) == ("Universitas Tanjungpura", "university", True)
    lecturer = await add_person("Dosen Untan", None, None, "partner", email="dosen@untan.test")
    stranger = await add_person("Dosen Lain", None, None, "partner", email="dosen@lain.test")
    assert not await is_admitted(lecturer, p.region_id)

    # the creating admin's region admitted it; that admin may attach people while no other region relies on it
    attached = await client.put(f"{ORGS}/{org['id']}/people/{lecturer}", headers=as_(p.admin))
    assert attached.status_code == 200
    page = attached.json()
    assert [r["region_id"] for r in page["regions"]] == [p.region_id]
    assert [person["id"] for person in page["people"]] == [lecturer]
    assert (page["events"], page["certificates"]) == ([], [])
    assert await is_admitted(lecturer, p.region_id) and not await is_admitted(lecturer, palu.region_id)
    other = (await client.post(ORGS, json={"name": "Vendor", "kind": "vendor"}, headers=as_(p.admin))).json()
    moved = await client.put(f"{ORGS}/{other['id']}/people/{lecturer}", headers=as_(p.admin))
    assert (moved.status_code, moved.json()["code"]) == (403, "partner_org_attach_superadmin")
    not_partner = await client.put(f"{ORGS}/{org['id']}/people/{p.asn}", headers=as_(p.admin))
    assert (not_partner.status_code, not_partner.json()["code"]) == (422, "partner_role_required")

    # its people author modules for the admitting region; the page lists them
    module = await create_module(client, as_(lecturer), region_id=p.region_id)
    elsewhere = await client.post(
        "/api/v1/admin/modules", json=module_payload(region_id=palu.region_id), headers=as_(lecturer)
    )
    assert (elsewhere.status_code, elsewhere.json()["code"]) == (403, "partner_not_admitted")
    page = (await client.get(f"{ORGS}/{org['id']}", headers=as_(lecturer))).json()
    assert [m["id"] for m in page["modules"]] == [module["id"]]

    # who sees the page: its people, the admins of admitting regions, superadmins
    for viewer in (lecturer, p.admin, world.superadmin):
        assert (await client.get(f"{ORGS}/{org['id']}", headers=as_(viewer))).status_code == 200
    for outsider in (stranger, palu.admin, p.asn, p.manager):
        hidden = await client.get(f"{ORGS}/{org['id']}", headers=as_(outsider))
        assert (hidden.status_code, hidden.json()["code"]) == (404, "partner_org_not_found")

    # once Palu admits it too, only a superadmin attaches people; Palu's admin sees the page
    admitted = await client.put(
        f"/api/v1/admin/regions/{palu.region_id}/partner-orgs/{org['id']}", headers=as_(palu.admin)
    )
    assert admitted.status_code == 200 and admitted.json()["org_name"] == "Universitas Tanjungpura"
    again = await client.put(
        f"/api/v1/admin/regions/{palu.region_id}/partner-orgs/{org['id']}", headers=as_(palu.admin)
    )
    assert again.status_code == 200  # idempotent
    listed = (await client.get(f"/api/v1/admin/regions/{palu.region_id}/partner-orgs", headers=as_(palu.admin))).json()
    assert [a["org_id"] for a in listed] == [org["id"]]
    assert await is_admitted(lecturer, palu.region_id)
    refused = await client.put(f"{ORGS}/{org['id']}/people/{stranger}", headers=as_(p.admin))
    assert (refused.status_code, refused.json()["code"]) == (403, "partner_org_attach_superadmin")
    outside = await client.put(f"/api/v1/admin/regions/{p.region_id}/partner-orgs/{org['id']}", headers=as_(palu.admin))
    assert (outside.status_code, outside.json()["code"]) == (403, "outside_region")
    assert (await client.get(f"{ORGS}/{org['id']}", headers=as_(palu.admin))).status_code == 200

    # a withdrawn admission, a deactivated organisation and a detached person are no longer admitted
    withdrawn = await client.delete(
        f"/api/v1/admin/regions/{palu.region_id}/partner-orgs/{org['id']}", headers=as_(palu.admin)
    )
    assert withdrawn.status_code == 204 and not await is_admitted(lecturer, palu.region_id)
    body = {"name": "Universitas Tanjungpura", "kind": "university", "active": False}
    not_super = await client.patch(f"{ORGS}/{org['id']}", json=body, headers=as_(p.admin))
    assert (not_super.status_code, not_super.json()["code"]) == (403, "superadmin_required")
    bad_kind = await client.patch(f"{ORGS}/{org['id']}", json=body | {"kind": "sekolah"}, headers=as_(world.superadmin))
    assert (bad_kind.status_code, bad_kind.json()["code"]) == (422, "partner_org_kind_unknown")
    updated = await client.patch(f"{ORGS}/{org['id']}", json=body, headers=as_(world.superadmin))
    assert updated.status_code == 200 and updated.json()["active"] is False
    assert not await is_admitted(lecturer, p.region_id)
    detached = await client.delete(f"{ORGS}/{org['id']}/people/{lecturer}", headers=as_(world.superadmin))
    assert detached.status_code == 204
    page = (await client.get(f"{ORGS}/{org['id']}", headers=as_(world.superadmin))).json()
    assert page["people"] == []


async def test_keys_are_shown_once_and_activities_are_the_organisations_own(client, world, as_):
    p = world.pontianak
    org = (
        await client.post(ORGS, json={"name": "LAN RI", "kind": "government_training"}, headers=as_(world.superadmin))
    ).json()
    assert (await client.get(ORGS, headers=as_(p.admin))).json()[0]["id"] == org["id"]
    assert (await client.get(ORGS, headers=as_(p.asn))).status_code == 403
    trainer = await add_person("Widyaiswara", None, None, "partner", email="wi@lan.test")
    await client.put(f"{ORGS}/{org['id']}/people/{trainer}", headers=as_(world.superadmin))
    await client.put(f"/api/v1/admin/regions/{p.region_id}/partner-orgs/{org['id']}", headers=as_(p.admin))

    key = await client.post(f"{ORGS}/{org['id']}/credentials", json={"label": "Moodle"}, headers=as_(trainer))
    assert key.status_code == 201
    secret = key.json()["secret"]
    assert len(secret) >= 40 and key.json()["key_id"].startswith("tkx_")
    stored = await PartnerCredential.select().first()
    assert secret not in str(stored) and len(stored["secret_hmac"]) == 64
    listed = (await client.get(f"{ORGS}/{org['id']}/credentials", headers=as_(trainer))).json()
    assert [k["key_id"] for k in listed] == [key.json()["key_id"]] and "secret" not in listed[0]
    # the region's admin sees the page, but only the organisation's people handle its keys and activities
    for viewer, status in ((p.admin, 403), (world.palu.admin, 404), (p.asn, 404)):
        refused = await client.post(f"{ORGS}/{org['id']}/credentials", json={}, headers=as_(viewer))
        assert refused.status_code == status
    missing = await client.delete(f"{ORGS}/{org['id']}/credentials/tkx_nope", headers=as_(trainer))
    assert (missing.status_code, missing.json()["code"]) == (404, "partner_credential_not_found")

    activity = {
        "iri": "https://lan.go.id/xapi/latsar",
        "title": "Latsar CPNS",
        "competency_type": "manajerial",
        "jp": 1.5,
        "xp": 30,
    }
    registered = await client.post(f"{ORGS}/{org['id']}/xapi/activities", json=activity, headers=as_(trainer))
    assert registered.status_code == 201
    assert (registered.json()["jp"], registered.json()["region_ids"]) == (1.5, [p.region_id])
    twice = await client.post(f"{ORGS}/{org['id']}/xapi/activities", json=activity, headers=as_(trainer))
    assert (twice.status_code, twice.json()["code"]) == (409, "xapi_activity_registered")
    for field, value, code in (
        ("competency_type", "rohani", "xapi_activity_competency_type_unknown"),
        ("iri", "bukan iri", "xapi_activity_iri_invalid"),
        ("title", "   ", "xapi_activity_title_required"),
        ("jp", 0.125, "module_jp_precision"),
    ):
        bad = await client.post(
            f"{ORGS}/{org['id']}/xapi/activities", json=activity | {field: value}, headers=as_(trainer)
        )
        assert (bad.status_code, bad.json()["code"]) == (422, code)
    activity_path = f"{ORGS}/{org['id']}/xapi/activities/{registered.json()['id']}"
    edit = {"title": "Latsar CPNS 2027", "competency_type": "manajerial", "jp": 2, "xp": 35}
    updated = await client.patch(activity_path, json=edit, headers=as_(trainer))
    assert (updated.json()["title"], updated.json()["xp"], updated.json()["active"]) == ("Latsar CPNS 2027", 35, True)
    assert (await client.delete(activity_path, headers=as_(trainer))).status_code == 204
    listed = (await client.get(f"{ORGS}/{org['id']}/xapi/activities", headers=as_(trainer))).json()
    assert [a["active"] for a in listed] == [False]
    other = (await client.post(ORGS, json={"name": "Vendor", "kind": "vendor"}, headers=as_(world.superadmin))).json()
    foreign = await client.patch(
        f"{ORGS}/{other['id']}/xapi/activities/{registered.json()['id']}", json=edit, headers=as_(world.superadmin)
    )
    assert (foreign.status_code, foreign.json()["code"]) == (404, "xapi_activity_not_found")
