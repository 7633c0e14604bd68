"""JP per unit for a BKPSDM (GET /api/v1/manager/units and its CSV), and each person's status on the team view.

The clock is pinned at 2 July 2027 12:00 WIB: half of Pontianak's year is gone, so 10 JP are on track.
"""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest

from gamification.storage.tables import JpCredit, Person
from tests.factories import add_person

UNITS = "/api/v1/manager/units"
HALF_YEAR = dt.datetime(2027, 7, 2, 12, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


async def credit(person: int, centi: int, year: int = 2027, serial: int = 0) -> None:
    await JpCredit.insert(
        JpCredit(
            person=person,
            source_kind="workshop",
            source_id=person * 10 + serial,
            title="Lokakarya",
            competency_type="teknis",
            jp_centi=centi,
            earned_at=HALF_YEAR - dt.timedelta(days=30),
            year=year,
        )
    )


@pytest.fixture
async def ledger(world, time_machine):
    """Pontianak: the head unit met / on track / behind, the section behind, the other agency's unit half met."""
    time_machine.move_to(HALF_YEAR, tick=False)
    p = world.pontianak
    on_track = await add_person("Sari", p.other_unit, p.region_id)
    met = await add_person("Budi", p.other_unit, p.region_id)
    gone = await add_person("Pensiunan", p.other_unit, p.region_id)
    await Person.update({Person.active: False}).where(Person.id == gone)
    for person, centi in ((p.asn, 2100), (p.manager, 1200), (p.asn_child, 999), (on_track, 1000), (met, 2500)):
        await credit(person, centi)
    await credit(p.asn_child, 2000, year=2026, serial=1)  # last year's JP count for last year only
    await credit(gone, 3000)
    await credit(world.palu.asn, 2000)
    return world


def digest(items: list[dict]) -> list[tuple]:
    return [(u["name"], u["staff"], u["met"], u["on_track"], u["behind"], u["compliance_rate"]) for u in items]


async def test_an_admin_sees_each_unit_of_the_region_least_compliant_first(client, ledger, as_):
    p = ledger.pontianak
    answer = (await client.get(UNITS, headers=as_(p.admin))).json()
    assert digest(answer["items"]) == [
        ("Seksi Aplikasi", 1, 0, 0, 1, 0.0),
        ("Bidang E-Government", 2, 1, 1, 0, 0.5),  # the "admin;asn" placed here is not staff
        ("Bidang Pelayanan", 2, 1, 1, 0, 0.5),
    ]
    head = answer["items"][1]
    assert (head["agency"], head["parent_id"], head["region_id"]) == ("Dinas Kominfo", None, p.region_id)
    assert (head["year"], head["jp_due"], head["average_jp"]) == (2027, 10.0, 16.5)
    assert answer["items"][0]["average_jp"] == 9.99 and answer["next_cursor"] is None
    by_name = (await client.get(UNITS, params={"sort": "name"}, headers=as_(p.admin))).json()
    assert [u["name"] for u in by_name["items"]] == ["Bidang E-Government", "Bidang Pelayanan", "Seksi Aplikasi"]


async def test_the_pages_follow_the_cursor_to_the_end(client, ledger, as_):
    p = ledger.pontianak
    names, cursor = [], None
    for _ in range(3):
        params = {"limit": 1} | ({"cursor": cursor} if cursor else {})
        page = (await client.get(UNITS, params=params, headers=as_(p.admin))).json()
        names += [u["name"] for u in page["items"]]
        cursor = page["next_cursor"]
    assert names == ["Seksi Aplikasi", "Bidang E-Government", "Bidang Pelayanan"] and cursor is None


async def test_the_manager_of_an_agencys_head_unit_sees_the_whole_agency_and_nothing_else(client, ledger, as_):
    p = ledger.pontianak
    mine = (await client.get(UNITS, headers=as_(p.manager))).json()
    assert [(u["id"], u["agency"]) for u in mine["items"]] == [
        (p.child_unit, "Dinas Kominfo"),
        (p.head_unit, "Dinas Kominfo"),
    ]
    section_head = await add_person("Kepala Seksi", p.child_unit, p.region_id, "manager;asn")
    theirs = (await client.get(UNITS, headers=as_(section_head))).json()
    assert [u["id"] for u in theirs["items"]] == [p.child_unit]


async def test_reach_across_regions(client, ledger, as_):
    p, palu = ledger.pontianak, ledger.palu
    palus = (await client.get(UNITS, headers=as_(palu.admin))).json()["items"]
    assert {u["region_id"] for u in palus} == {palu.region_id} and len(palus) == 3
    assert (palus[1]["name"], palus[1]["met"]) == ("Bidang E-Government", 1)  # Palu's ASN met it
    assert (palus[-1]["staff"], palus[-1]["compliance_rate"], palus[-1]["average_jp"]) == (0, None, None)  # last
    refused = await client.get(UNITS, params={"region_id": p.region_id}, headers=as_(palu.admin))
    assert (refused.status_code, refused.json()["code"]) == (403, "outside_region")
    refused = await client.get(UNITS, params={"region_id": palu.region_id}, headers=as_(p.manager))
    assert (refused.status_code, refused.json()["code"]) == (403, "outside_region")
    everywhere = (await client.get(UNITS, params={"limit": 100}, headers=as_(ledger.superadmin))).json()["items"]
    assert len(everywhere) == 6
    one = (await client.get(UNITS, params={"region_id": p.region_id}, headers=as_(ledger.superadmin))).json()
    assert {u["region_id"] for u in one["items"]} == {p.region_id}
    refused = await client.get(UNITS, headers=as_(p.asn))
    assert (refused.status_code, refused.json()["code"]) == (403, "manager_required")


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"sort": "jp"}, 422, "unit_sort_unknown"),
        ({"cursor": "bukan-kursor"}, 400, "cursor_invalid"),
        ({"cursor": "aWQ6OTk5OTk5"}, 422, "units_cursor_unknown"),  # id:999999, no unit of this list
        ({"limit": 0}, 400, None),
        ({"region_id": 0}, 400, None),
        ({"urut": "name"}, 400, "query_parameter_unknown"),
    ],
)
async def test_a_bad_query_parameter_is_a_clear_client_error(client, ledger, as_, params, status, code):
    answer = await client.get(UNITS, params=params, headers=as_(ledger.pontianak.admin))
    assert answer.status_code == status, answer.text
    assert code is None or answer.json()["code"] == code
    assert answer.json()["detail"]


async def test_the_csv_lists_every_unit_with_indonesian_headers(client, ledger, as_):
    exported = await client.get(f"{UNITS}.csv", params={"sort": "name"}, headers=as_(ledger.pontianak.admin))
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert exported.headers["cache-control"] == "no-store"
    rows = list(csv.reader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert rows[0][:7] == ["unit", "instansi", "tahun", "jumlah_pegawai", "tercapai", "sesuai_jalur", "tertinggal"]
    assert rows[1] == ["Bidang E-Government", "Dinas Kominfo", "2027", "2", "1", "1", "0", "0.5", "16.5", "10.0"]
    assert len(rows) == 4


async def test_the_team_view_gives_each_person_a_status_against_the_share_of_the_year(client, ledger, as_):
    p = ledger.pontianak
    team = (await client.get("/api/v1/manager/team", headers=as_(p.manager))).json()
    status = {m["id"]: m["status"] for m in team["members"]}
    assert status == {p.asn: "met", p.manager: "on_track", p.asn_child: "behind"}  # not the admin
    assert (team["year"], team["year_elapsed"], team["jp_due"]) == (2027, 0.5, 10.0)
    exported = await client.get("/api/v1/manager/team.csv", headers=as_(p.manager))
    rows = list(csv.reader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert rows[0][-1] == "status_jp"
    assert {row[0]: row[-1] for row in rows[1:]}["ASN Kota Pontianak"] == "tercapai"
