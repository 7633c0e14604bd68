"""The admin's staff export (issue 19): in the import's own columns, so a new admin imports it back as it is."""

import csv
import io

from gamification.demo.seed import DEMO_PASSWORD
from gamification.organization.structure import OrganizationService
from gamification.storage.tables import Person, Region, Unit
from tests.conftest import empty_database
from tests.factories import SYSTEM, add_person, make_nip

EXPORT = "/api/v1/admin/users/export.csv"
IMPORT = "/api/v1/admin/users/import"


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


async def test_the_demo_staff_export_imports_row_for_row_into_a_fresh_region(client, demo, as_):
    summary = demo
    login = {"login": summary["admin"], "password": DEMO_PASSWORD}
    token = (await client.post("/api/v1/auth/login", json=login)).json()["access_token"]
    exported = await client.get(EXPORT, headers={"Authorization": f"Bearer {token}"})
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    original = rows(exported.text)
    assert original[0] == ["name", "nip", "email", "staff_type", "unit", "roles"] and len(original) > 20
    region = await Person.select(Person.region).where(Person.email == summary["admin"]).first()
    structure = await Unit.select(Unit.agency.name, Unit.name).where(Unit.region == region["region"]).order_by(Unit.id)

    # A new installation: nothing but a region with the same units and its new admin.
    await empty_database()
    org = OrganizationService()
    fresh = await org.create_region(SYSTEM, "Kabupaten Baru", "kabupaten-baru", "Asia/Jakarta")
    agencies: dict[str, int] = {}
    for unit in structure:
        name = unit["agency.name"]
        if name not in agencies:
            agencies[name] = (await org.create_agency(SYSTEM, fresh.id, name)).id
        await org.create_unit(SYSTEM, agencies[name], None, unit["name"])
    admin_unit = await Unit.select(Unit.id).where(Unit.region == fresh.id).first()
    new_admin = await add_person("Admin Baru", admin_unit["id"], fresh.id, "admin", email="admin@baru.test")
    headers = as_(new_admin)

    files = {"file": ("pegawai-tangkas.csv", exported.content, "text/csv")}
    report = (await client.post(IMPORT, files=files, headers=headers)).json()
    assert report["errors"] == [] and report["imported"] == len(original) - 1

    again = rows((await client.get(EXPORT, headers=headers)).text)
    new_admin_row = ["Admin Baru", "", "admin@baru.test", "", again[1][4], "admin"]
    assert again == [original[0], new_admin_row, *original[1:]]  # row for row, after the new admin
    assert await Region.count() == 1


async def test_the_export_writes_names_unique_in_the_region_and_numbers_otherwise(client, world, as_):
    p = world.pontianak
    twin = await OrganizationService().create_unit(SYSTEM, p.other_agency_id, None, "Seksi Aplikasi")
    pppk, formula = "199003152023212004", "=HYPERLINK(1)"
    await add_person(formula, twin.id, p.region_id, "asn", nip=pppk)
    await Person.update({Person.staff_type: "PPPK"}).where(Person.nip == pppk)
    await add_person("Pergi", p.head_unit, p.region_id, "asn", nip=make_nip(), active=False)
    await add_person("Mitra", p.head_unit, p.region_id, "partner", email="mitra@pontianak.test")
    text = (await client.get(EXPORT, headers=as_(p.admin))).text
    by_name = {row[0]: row for row in rows(text)[1:]}
    assert by_name["ASN Kota Pontianak"][4] == "Bidang E-Government"
    assert by_name["ASN Seksi Kota Pontianak"][4] == str(p.child_unit)  # "Seksi Aplikasi" is two units
    assert by_name["'" + formula][4] == str(twin.id)
    assert by_name["Admin Kota Pontianak"][5] == "asn|admin"
    assert "Pergi" not in by_name and "Mitra" not in by_name  # inactive; above the admin
    assert not any("Palu" in row[0] for row in rows(text))
    # the export's own quirks read back: the guarded name, the unit number, the PPPK number
    await Person.delete().where(Person.nip == pppk)
    report = (
        await client.post(IMPORT, files={"file": ("p.csv", text.encode(), "text/csv")}, headers=as_(p.admin))
    ).json()
    assert report["imported"] == 1 and {e["code"] for e in report["errors"]} == {"nip_taken"}, report
    back = await Person.select(Person.name, Person.unit, Person.staff_type).where(Person.nip == pppk).first()
    assert back == {"name": formula, "unit": twin.id, "staff_type": "PPPK"}


async def test_only_the_regions_admins_export_its_staff(client, world, as_):
    p = world.pontianak
    for caller, status, code in (
        (p.manager, 403, "admin_required"),
        (p.asn, 403, "admin_required"),
    ):
        response = await client.get(EXPORT, headers=as_(caller))
        assert (response.status_code, response.json()["code"]) == (status, code)
    other = await client.get(EXPORT, params={"region_id": p.region_id}, headers=as_(world.palu.admin))
    assert (other.status_code, other.json()["code"]) == (403, "outside_region")
    assert (await client.get(EXPORT, headers=as_(world.superadmin))).json()["code"] == "region_required"
    national = await client.get(EXPORT, params={"region_id": p.region_id}, headers=as_(world.superadmin))
    assert national.status_code == 200 and "ASN Kota Pontianak" in national.text
    own = await client.get(EXPORT, headers=as_(world.palu.admin))
    assert "ASN Kota Palu" in own.text and "Pontianak" not in own.text
