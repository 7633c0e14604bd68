"""The head of an agency's reach (the whole agency, not the region) and the team view: staff only, JP per unit, paged."""

import csv
import io
from dataclasses import dataclass

import pytest

from gamification.organization.structure import OrganizationService
from gamification.storage.tables import JpCredit
from tests.awards import WIB, award, this_week_at
from tests.factories import SYSTEM, add_person

TEAM = "/api/v1/manager/team"


@dataclass
class Agency:
    """Pontianak's Dinas Kominfo with a second top unit (Sekretariat, with a sub-unit) beside the world's."""

    head: int  # the world's manager, placed in the top unit Bidang E-Government
    child_manager: int  # manages Seksi Aplikasi, below the head's unit
    secretariat: int
    sub_unit: int
    clerk: int  # in the Sekretariat
    typist: int  # in its sub-unit
    partner: int  # a partner account placed in the Sekretariat


@pytest.fixture
async def agency(world) -> Agency:
    p = world.pontianak
    org = OrganizationService()
    secretariat = await org.create_unit(SYSTEM, p.agency_id, None, "Sekretariat")
    sub_unit = await org.create_unit(SYSTEM, p.agency_id, secretariat.id, "Subbagian Umum")
    return Agency(
        head=p.manager,
        child_manager=await add_person("Kepala Seksi", p.child_unit, p.region_id, "manager;asn"),
        secretariat=secretariat.id,
        sub_unit=sub_unit.id,
        clerk=await add_person("Clerk Sekretariat", secretariat.id, p.region_id),
        typist=await add_person("Typist Subbagian", sub_unit.id, p.region_id),
        partner=await add_person("Mitra", secretariat.id, p.region_id, "partner", email="mitra@kampus.test"),
    )


async def every_page(client, headers, limit: int) -> list[dict]:
    pages, cursor = [], None
    while True:
        params = {"limit": limit} | ({"cursor": cursor} if cursor else {})
        response = await client.get(TEAM, params=params, headers=headers)
        assert response.status_code == 200, response.text
        pages.append(response.json())
        cursor = pages[-1]["next_cursor"]
        if cursor is None:
            return pages


async def test_the_head_of_an_agency_sees_its_whole_team_and_not_the_rest_of_the_region(client, world, agency, as_):
    p = world.pontianak
    team = (await client.get(TEAM, params={"limit": 100}, headers=as_(agency.head))).json()
    members = {m["id"] for m in team["members"]}
    assert members == {p.manager, p.asn, p.asn_child, agency.child_manager, agency.clerk, agency.typist}
    assert {u["id"] for u in team["units"]} == {p.head_unit, p.child_unit, agency.secretariat, agency.sub_unit}
    assert team["staff"] == 6
    # a manager of a sub-unit: still only their subtree
    below = (await client.get(TEAM, headers=as_(agency.child_manager))).json()
    assert {m["id"] for m in below["members"]} == {p.asn_child, agency.child_manager}
    assert [u["id"] for u in below["units"]] == [p.child_unit]
    # the JP per unit route follows the same reach
    units = (await client.get("/api/v1/manager/units", params={"limit": 100}, headers=as_(agency.head))).json()
    assert {u["id"] for u in units["items"]} == {p.head_unit, p.child_unit, agency.secretariat, agency.sub_unit}


async def test_the_head_of_an_agency_decides_in_the_whole_agency_and_sees_its_unit_boards(client, world, agency, as_):
    p = world.pontianak
    await award(agency.typist, 500, this_week_at(WIB, 0, 9))
    elsewhere = await add_person("Pegawai Pelayanan", p.other_unit, p.region_id)
    await award(elsewhere, 500, this_week_at(WIB, 0, 9))
    reward = (
        await client.post(
            "/api/v1/admin/rewards", json={"name": "Kaos", "kind": "merchandise", "cost": 100}, headers=as_(p.admin)
        )
    ).json()
    ids = {}
    for person in (agency.typist, elsewhere):
        made = await client.post(
            f"/api/v1/rewards/{reward['id']}/redemptions", json={"client_id": f"reach-{person}"}, headers=as_(person)
        )
        ids[person] = made.json()["id"]
    inbox = (await client.get("/api/v1/manager/inbox", headers=as_(agency.head))).json()
    assert [(i["kind"], i["id"]) for i in inbox["items"]] == [("redemption", ids[agency.typist])]
    assert (await client.get("/api/v1/manager/inbox", headers=as_(agency.child_manager))).json()["items"] == []
    refused = await client.post(
        f"/api/v1/redemptions/{ids[elsewhere]}/decision", json={"decision": "approve"}, headers=as_(agency.head)
    )
    assert refused.status_code == 403 and refused.json()["code"] == "decision_out_of_scope"
    decided = await client.post(
        f"/api/v1/redemptions/{ids[agency.typist]}/decision", json={"decision": "approve"}, headers=as_(agency.head)
    )
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    boards = "/api/v1/leaderboards"
    for who, unit, status in (
        (agency.head, agency.sub_unit, 200),
        (agency.head, p.other_unit, 403),  # another agency of the region
        (agency.child_manager, agency.sub_unit, 403),
        (agency.child_manager, p.child_unit, 200),
    ):
        params = {"scope": "unit", "scope_id": unit, "period": "week"}
        assert (await client.get(boards, params=params, headers=as_(who))).status_code == status, (who, unit)


async def test_the_team_view_leaves_out_operator_accounts_and_pages_jp_per_unit(client, world, agency, as_):
    p = world.pontianak
    year = this_week_at(WIB, 0, 9).year
    for person, centi in ((p.asn, 2100), (p.manager, 400), (agency.clerk, 2000), (agency.typist, 150), (p.admin, 3000)):
        await JpCredit.insert(
            JpCredit(
                person=person,
                source_kind="workshop",
                source_id=person,
                title="Lokakarya",
                competency_type="teknis",
                jp_centi=centi,
                earned_at=this_week_at(WIB, 0, 9),
                year=year,
            )
        )
    pages = await every_page(client, as_(agency.head), limit=1)
    assert [[u["id"] for u in page["units"]] for page in pages] == [
        [unit] for unit in sorted((p.head_unit, p.child_unit, agency.secretariat, agency.sub_unit))
    ]
    units = {page["units"][0]["id"]: page for page in pages}
    head_unit = units[p.head_unit]
    # the "admin;asn" placed in the head's unit is not on the team, nor is the partner in the Sekretariat
    assert {m["id"] for m in head_unit["members"]} == {p.manager, p.asn}
    assert head_unit["units"][0] | {"name": None} == {
        "id": p.head_unit,
        "name": None,
        "parent_id": None,
        "staff": 2,
        "jp_total": 25.0,
        "average_jp": 12.5,
        "met": 1,
        "on_track": head_unit["units"][0]["on_track"],
        "behind": head_unit["units"][0]["behind"],
    }
    secretariat = units[agency.secretariat]
    assert {m["id"] for m in secretariat["members"]} == {agency.clerk}
    assert (secretariat["units"][0]["staff"], secretariat["units"][0]["jp_total"]) == (1, 20.0)
    assert units[agency.sub_unit]["units"][0]["parent_id"] == agency.secretariat
    assert all(page["staff"] == 6 and page["jp_compliance_rate"] == round(2 / 6, 4) for page in pages)
    exported = await client.get(f"{TEAM}.csv", headers=as_(agency.head))
    names = [row[0] for row in csv.reader(io.StringIO(exported.text.lstrip("\ufeff")))][1:]
    assert len(names) == 6 and "Mitra" not in names and not any(name.startswith("Admin") for name in names)
    # an admin's team is the region's staff: still no admin (themself included) and no partner
    region = await every_page(client, as_(p.admin), limit=100)
    everyone = {m["id"] for page in region for m in page["members"]}
    assert agency.typist in everyone and p.admin not in everyone and agency.partner not in everyone
    bad = await client.get(TEAM, params={"cursor": "bm9wZQ"}, headers=as_(agency.head))
    assert bad.status_code == 400 and bad.json()["code"] == "cursor_invalid"
