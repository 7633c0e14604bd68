import pytest

from gamification.storage.tables import Person, RefreshToken
from tests.factories import PASSWORD, add_person, make_nip

USERS = "/api/v1/admin/users"


def new_user(unit_id: int, **overrides) -> dict:
    return {
        "name": "Dewi Lestari",
        "nip": "199001152015032001",
        "email": "dewi@pontianak.go.id",
        "password": "rahasia-dewi-1",
        "unit_id": unit_id,
        "roles": ["asn"],
        "staff_type": "PPPK",
    } | overrides


async def test_an_admin_creates_a_person_who_can_sign_in(client, world, as_):
    response = await client.post(USERS, json=new_user(world.pontianak.child_unit), headers=as_(world.pontianak.admin))
    assert response.status_code == 201, response.text
    person = response.json()
    assert person["id"] > 0 and person["region_id"] == world.pontianak.region_id and person["staff_type"] == "PPPK"
    assert "password" not in person and "password_hash" not in person
    login = await client.post("/api/v1/auth/login", json={"login": "199001152015032001", "password": "rahasia-dewi-1"})
    assert login.status_code == 200


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"nip": "199002302015032001"}, 422, "nip_birth_date"),
        ({"nip": "199001152015033001"}, 422, "nip_sex_digit"),
        ({"nip": "199001151985032001"}, 422, "nip_appointment_before_birth"),
        ({"nip": "1990011520150320"}, 422, "nip_format"),
        ({"email": "bukan-email"}, 422, "email_format"),
        ({"roles": ["raja"]}, 422, "role_unknown"),
        ({"staff_type": "honorer"}, 422, "staff_type_unknown"),
        ({"password": "pendek"}, 422, "password_length"),
        ({"unit_id": 99999}, 422, "unit_unknown"),
        ({"nip": 199001152015032001}, 400, "validation_failed"),
        ({"roles": "asn"}, 400, "validation_failed"),
        ({"is_superuser": True}, 400, "validation_failed"),
    ],
)
async def test_bad_people_are_refused_and_nothing_is_stored(client, world, as_, overrides, status, code):
    before = await Person.count()
    response = await client.post(
        USERS, json=new_user(world.pontianak.head_unit) | overrides, headers=as_(world.pontianak.admin)
    )
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert await Person.count() == before


async def test_duplicate_nip_or_email_is_a_conflict(client, world, as_):
    admin = as_(world.pontianak.admin)
    assert (await client.post(USERS, json=new_user(world.pontianak.head_unit), headers=admin)).status_code == 201
    same_nip = await client.post(USERS, json=new_user(world.pontianak.head_unit, email="lain@x.id"), headers=admin)
    same_email = await client.post(
        USERS, json=new_user(world.pontianak.head_unit, nip=make_nip(), email="DEWI@pontianak.go.id"), headers=admin
    )
    assert (same_nip.status_code, same_nip.json()["code"]) == (409, "nip_taken")
    assert (same_email.status_code, same_email.json()["code"]) == (409, "email_taken")


async def test_a_region_admin_cannot_reach_another_region(client, world, as_):
    admin = as_(world.pontianak.admin)
    before = await Person.count()
    placed_elsewhere = await client.post(USERS, json=new_user(world.palu.head_unit), headers=admin)
    assert (placed_elsewhere.status_code, placed_elsewhere.json()["code"]) == (403, "outside_region")
    assert await Person.count() == before
    read = await client.get(f"{USERS}/{world.palu.asn}", headers=admin)
    assert (read.status_code, read.json()["code"]) == (404, "user_not_found")
    changed = await client.patch(f"{USERS}/{world.palu.asn}", json={"name": "Diubah"}, headers=admin)
    assert changed.status_code == 404
    deactivated = await client.post(f"{USERS}/{world.palu.asn}/deactivate", headers=admin)
    assert deactivated.status_code == 404
    moved_here = await client.patch(
        f"{USERS}/{world.pontianak.asn}", json={"unit_id": world.palu.head_unit}, headers=admin
    )
    assert moved_here.status_code == 403
    row = await Person.select(Person.name, Person.active, Person.unit).where(Person.id == world.palu.asn).first()
    assert row == {"name": "ASN Kota Palu", "active": True, "unit": world.palu.head_unit}
    listed = await client.get(USERS, params={"region_id": world.palu.region_id}, headers=admin)
    assert listed.status_code == 403


async def test_roles_only_a_superadmin_may_grant(client, world, as_):
    response = await client.post(
        USERS, json=new_user(world.pontianak.head_unit, roles=["asn", "superadmin"]), headers=as_(world.pontianak.admin)
    )
    assert (response.status_code, response.json()["code"]) == (403, "role_grant_forbidden")
    promote = await client.patch(
        f"{USERS}/{world.pontianak.asn}", json={"roles": ["asn", "superadmin"]}, headers=as_(world.pontianak.admin)
    )
    assert promote.status_code == 403
    by_root = await client.patch(
        f"{USERS}/{world.pontianak.asn}", json={"roles": ["asn", "manager"]}, headers=as_(world.superadmin)
    )
    assert by_root.json()["roles"] == ["asn", "manager"]


async def test_an_admin_cannot_demote_or_deactivate_themselves(client, world, as_):
    admin = as_(world.pontianak.admin)
    demote = await client.patch(f"{USERS}/{world.pontianak.admin}", json={"roles": ["asn"]}, headers=admin)
    assert (demote.status_code, demote.json()["code"]) == (403, "cannot_change_own_access")
    off = await client.post(f"{USERS}/{world.pontianak.admin}/deactivate", headers=admin)
    assert off.status_code == 403


async def test_update_changes_only_what_is_sent(client, world, as_):
    response = await client.patch(
        f"{USERS}/{world.pontianak.asn}",
        json={"name": "Nama Baru", "hide_name": True},
        headers=as_(world.pontianak.admin),
    )
    body = response.json()
    assert response.status_code == 200
    assert (body["name"], body["hide_name"], body["email"]) == ("Nama Baru", True, "asn@pontianak.test")
    clash = await client.patch(
        f"{USERS}/{world.pontianak.asn}", json={"email": "manajer@pontianak.test"}, headers=as_(world.pontianak.admin)
    )
    assert (clash.status_code, clash.json()["code"]) == (409, "email_taken")


async def test_deactivation_ends_sessions(client, world, as_):
    pair = (await client.post("/api/v1/auth/login", json={"login": "asn@pontianak.test", "password": PASSWORD})).json()
    response = await client.post(f"{USERS}/{world.pontianak.asn}/deactivate", headers=as_(world.pontianak.admin))
    assert response.json()["active"] is False
    assert (
        await RefreshToken.count().where(
            (RefreshToken.person == world.pontianak.asn) & RefreshToken.revoked_at.is_null()
        )
        == 0
    )
    assert (await client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})).status_code == 401


async def test_list_filters_by_unit_region_and_text(client, world, as_):
    root = as_(world.superadmin)
    by_unit = (await client.get(USERS, params={"unit_id": world.pontianak.child_unit}, headers=root)).json()["items"]
    assert [p["id"] for p in by_unit] == [world.pontianak.asn_child]
    by_region = (await client.get(USERS, params={"region_id": world.palu.region_id}, headers=root)).json()["items"]
    assert {p["region_id"] for p in by_region} == {world.palu.region_id} and len(by_region) == 4
    by_text = (await client.get(USERS, params={"q": "manajer"}, headers=root)).json()["items"]
    assert {p["id"] for p in by_text} == {world.pontianak.manager, world.palu.manager}
    wildcard = (await client.get(USERS, params={"q": "%"}, headers=root)).json()["items"]
    assert len(wildcard) == 9  # a bare wildcard is not a search term
    mine = (await client.get(USERS, params={"q": "manajer"}, headers=as_(world.palu.admin))).json()["items"]
    assert [p["id"] for p in mine] == [world.palu.manager]


async def test_people_routes_are_for_admins_only(client, world, as_):
    for who in (world.pontianak.asn, world.pontianak.manager):
        for method, url in (
            ("GET", USERS),
            ("POST", USERS),
            ("GET", f"{USERS}/{world.pontianak.asn}"),
            ("POST", f"{USERS}/{world.pontianak.asn}/deactivate"),
        ):
            response = await client.request(
                method, url, json=new_user(world.pontianak.head_unit) if method == "POST" else None, headers=as_(who)
            )
            assert (response.status_code, response.json()["code"]) == (403, "admin_required"), (who, method, url)
    assert (await client.get(USERS)).status_code == 401


async def superadmin_with_a_unit(world) -> int:
    """A superadmin placed in a home unit (``tangkas user create --role superadmin --unit N``): a member of the region."""
    return await add_person(
        "Super Admin Pontianak",
        world.pontianak.head_unit,
        world.pontianak.region_id,
        "asn;superadmin",
        email="root@pontianak.test",
    )


async def test_a_region_admin_cannot_set_the_password_of_a_superadmin_with_a_unit_in_their_region(client, world, as_):
    root = await superadmin_with_a_unit(world)
    before = await Person.select(Person.password_hash).where(Person.id == root).first()
    takeover = await client.patch(
        f"{USERS}/{root}", json={"password": "sandi-pengambil-alih"}, headers=as_(world.pontianak.admin)
    )
    assert (takeover.status_code, takeover.json()["code"]) == (403, "person_out_of_reach")
    assert await Person.select(Person.password_hash).where(Person.id == root).first() == before
    login = await client.post(
        "/api/v1/auth/login", json={"login": "root@pontianak.test", "password": "sandi-pengambil-alih"}
    )
    assert login.status_code == 401


async def test_a_person_above_the_admin_is_out_of_reach_for_every_write_and_the_detail(client, world, as_):
    root = await superadmin_with_a_unit(world)
    admin = as_(world.pontianak.admin)
    before = await Person.select().where(Person.id == root).first()
    attempts = [
        ("GET", f"{USERS}/{root}", None),
        ("PATCH", f"{USERS}/{root}", {"roles": ["asn"]}),
        ("PATCH", f"{USERS}/{root}", {"active": False}),
        ("PATCH", f"{USERS}/{root}", {"unit_id": world.pontianak.child_unit}),
        ("PATCH", f"{USERS}/{root}", {"email": "saya@pontianak.test"}),
        ("POST", f"{USERS}/{root}/deactivate", None),
        ("POST", f"{USERS}/{root}/anonymise", None),
    ]
    for method, url, body in attempts:
        response = await client.request(method, url, json=body, headers=admin)
        assert (response.status_code, response.json()["code"]) == (403, "person_out_of_reach"), (method, url, body)
    assert await Person.select().where(Person.id == root).first() == before
    listed = (await client.get(USERS, params={"unit_id": world.pontianak.head_unit}, headers=admin)).json()["items"]
    assert root not in {p["id"] for p in listed}  # the list shows whom the detail would
    by_root = await client.patch(f"{USERS}/{root}", json={"name": "Super Admin Kota"}, headers=as_(world.superadmin))
    assert by_root.status_code == 200 and by_root.json()["name"] == "Super Admin Kota"
    listed_by_root = (
        await client.get(USERS, params={"unit_id": world.pontianak.head_unit}, headers=as_(world.superadmin))
    ).json()
    assert root in {p["id"] for p in listed_by_root["items"]}


async def test_a_partner_placed_in_a_unit_is_out_of_reach_of_the_region_admin(client, world, as_):
    partner = await add_person(
        "Universitas Tanjungpura",
        world.pontianak.head_unit,
        world.pontianak.region_id,
        "partner",
        email="lpm@untan.test",
    )
    response = await client.patch(
        f"{USERS}/{partner}", json={"password": "sandi-pengambil-alih"}, headers=as_(world.pontianak.admin)
    )
    assert (response.status_code, response.json()["code"]) == (403, "person_out_of_reach")


async def test_a_region_admin_still_keeps_the_other_admins_of_their_region(client, world, as_):
    colleague = await add_person("Admin Kedua", world.pontianak.child_unit, world.pontianak.region_id, "admin;asn")
    response = await client.patch(f"{USERS}/{colleague}", json={"roles": ["asn"]}, headers=as_(world.pontianak.admin))
    assert response.status_code == 200 and response.json()["roles"] == ["asn"]
