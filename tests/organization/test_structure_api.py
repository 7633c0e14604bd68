import pytest

from gamification.storage.tables import Agency, Region, Unit

REGIONS = "/api/v1/admin/regions"
AGENCIES = "/api/v1/admin/agencies"
UNITS = "/api/v1/admin/units"


async def test_a_superadmin_creates_a_region(client, world, as_):
    response = await client.post(
        REGIONS,
        json={"name": "Kota Binjai", "slug": "binjai", "timezone": "Asia/Jakarta"},
        headers=as_(world.superadmin),
    )
    assert response.status_code == 201
    body = response.json()
    assert body["id"] > 0 and body["slug"] == "binjai"


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"name": "X", "slug": "pontianak", "timezone": "Asia/Jakarta"}, 409, "slug_taken"),
        ({"name": "X", "slug": "Bad Slug", "timezone": "Asia/Jakarta"}, 422, "slug_format"),
        ({"name": "X", "slug": "x-y", "timezone": "Mars/Olympus"}, 422, "timezone_unknown"),
        ({"name": "X", "slug": "x-y", "timezone": "Asia/Jakarta", "extra": 1}, 400, "validation_failed"),
        ({"name": "X", "slug": "x-y"}, 400, "validation_failed"),
        ({"name": "   ", "slug": "x-y", "timezone": "Asia/Jakarta"}, 422, "name_required"),
    ],
)
async def test_bad_regions_are_refused_and_nothing_is_stored(client, world, as_, payload, status, code):
    response = await client.post(REGIONS, json=payload, headers=as_(world.superadmin))
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert await Region.count() == 2


async def test_only_a_superadmin_creates_regions(client, world, as_):
    for who, status, code in (
        (world.pontianak.admin, 403, "superadmin_required"),
        (world.pontianak.asn, 403, "admin_required"),
    ):
        response = await client.post(
            REGIONS, json={"name": "X", "slug": "xx", "timezone": "Asia/Jakarta"}, headers=as_(who)
        )
        assert (response.status_code, response.json()["code"]) == (status, code)
    assert (await client.post(REGIONS, json={})).status_code == 401


async def test_a_region_admin_sees_and_changes_only_their_region(client, world, as_):
    admin = as_(world.pontianak.admin)
    listed = (await client.get(REGIONS, headers=admin)).json()
    assert [r["slug"] for r in listed["items"]] == ["pontianak"]
    other = await client.get(f"{REGIONS}/{world.palu.region_id}", headers=admin)
    assert (other.status_code, other.json()["code"]) == (403, "outside_region")
    changed = await client.patch(
        f"{REGIONS}/{world.pontianak.region_id}", json={"timezone": "Asia/Pontianak"}, headers=admin
    )
    assert changed.json()["timezone"] == "Asia/Pontianak"
    refused = await client.patch(f"{REGIONS}/{world.palu.region_id}", json={"name": "Diambil"}, headers=admin)
    assert refused.status_code == 403
    assert (await Region.select(Region.name).where(Region.id == world.palu.region_id).first())["name"] == "Kota Palu"


async def test_agencies_live_in_the_admins_region(client, world, as_):
    admin = as_(world.pontianak.admin)
    created = await client.post(
        AGENCIES, json={"region_id": world.pontianak.region_id, "name": "DPMPTSP"}, headers=admin
    )
    assert created.status_code == 201 and created.json()["region_id"] == world.pontianak.region_id
    duplicate = await client.post(
        AGENCIES, json={"region_id": world.pontianak.region_id, "name": "DPMPTSP"}, headers=admin
    )
    assert (duplicate.status_code, duplicate.json()["code"]) == (409, "agency_exists")
    elsewhere = await client.post(
        AGENCIES, json={"region_id": world.palu.region_id, "name": "Disusupkan"}, headers=admin
    )
    assert (elsewhere.status_code, elsewhere.json()["code"]) == (403, "outside_region")
    missing = await client.post(AGENCIES, json={"region_id": 999, "name": "X"}, headers=admin)
    assert (missing.status_code, missing.json()["code"]) == (404, "region_not_found")
    assert await Agency.count().where(Agency.region == world.palu.region_id) == 2
    listed = (await client.get(AGENCIES, headers=admin)).json()["items"]
    assert {a["region_id"] for a in listed} == {world.pontianak.region_id}
    asked_for_other = await client.get(AGENCIES, params={"region_id": world.palu.region_id}, headers=admin)
    assert asked_for_other.status_code == 403
    renamed = await client.patch(f"{AGENCIES}/{world.palu.agency_id}", json={"name": "Y"}, headers=admin)
    assert renamed.status_code == 403


async def test_units_nest_within_one_agency(client, world, as_):
    admin = as_(world.pontianak.admin)
    child = await client.post(
        UNITS,
        json={"agency_id": world.pontianak.agency_id, "parent_id": world.pontianak.child_unit, "name": "Tim Data"},
        headers=admin,
    )
    assert child.status_code == 201
    assert child.json()["path"] == f"/{world.pontianak.head_unit}/{world.pontianak.child_unit}/{child.json()['id']}/"
    across = await client.post(
        UNITS,
        json={"agency_id": world.pontianak.other_agency_id, "parent_id": world.pontianak.head_unit, "name": "X"},
        headers=admin,
    )
    assert (across.status_code, across.json()["code"]) == (422, "parent_unit_outside_agency")
    elsewhere = await client.post(UNITS, json={"agency_id": world.palu.agency_id, "name": "X"}, headers=admin)
    assert (elsewhere.status_code, elsewhere.json()["code"]) == (403, "outside_region")
    assert await Unit.count().where(Unit.region == world.palu.region_id) == 3
    other_unit = await client.get(f"{UNITS}/{world.palu.head_unit}", headers=admin)
    assert other_unit.status_code == 403


async def test_lists_page_with_a_cursor(client, world, as_):
    root = as_(world.superadmin)
    seen, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = (await client.get(UNITS, params=params, headers=root)).json()
        seen += [u["id"] for u in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 6


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"cursor": "%%%"}, "cursor_invalid"),
        ({"limit": 0}, "validation_failed"),
        ({"limit": 101}, "validation_failed"),
        ({"limit": "x"}, "validation_failed"),
        ({"agency_id": -1}, "validation_failed"),
    ],
)
async def test_bad_list_parameters(client, world, as_, params, code):
    response = await client.get(UNITS, params=params, headers=as_(world.superadmin))
    assert (response.status_code, response.json()["code"]) == (400, code)


async def test_problems_speak_english_on_request(client, world, as_):
    response = await client.get(f"{REGIONS}/999", headers=as_(world.superadmin) | {"Accept-Language": "en-GB,en;q=0.9"})
    assert response.json()["detail"] == "Region not found."
    assert response.headers["content-language"] == "en"
    indonesian = await client.get(f"{REGIONS}/999", headers=as_(world.superadmin))
    assert indonesian.json()["detail"] == "Wilayah tidak ditemukan."
