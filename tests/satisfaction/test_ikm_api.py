"""The IKM through the API: the hand-computed example end to end, its scopes and periods, the CSV, who may see it."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from tests.factories import add_person
from tests.satisfaction.helpers import HAND_ANSWERS, HAND_NRR, add_answers, add_service_point

IKM = "/api/v1/ikm"
Q4 = {"period": "quarter", "at": "2026-Q4"}
IN_Q4 = dt.date(2026, 11, 10)


async def ask(client, headers, scope: str, scope_id: int, **params):
    return await client.get(IKM, params={"scope": scope, "scope_id": scope_id} | Q4 | params, headers=headers)


async def test_the_hand_computed_example_comes_out_of_the_route(client, world, as_):
    p = world.pontianak
    ktp = await add_service_point(p.head_unit, "Perekaman KTP-el", yearly_users=400)
    await add_answers(ktp, IN_Q4, HAND_ANSWERS, comment="Petugas ramah")  # a comment changes no score
    await add_answers(ktp, dt.date(2026, 9, 30), [[1] * 9])  # the quarter before
    await add_answers(ktp, dt.date(2027, 1, 1), [[1] * 9])  # the quarter after

    response = await ask(client, as_(p.manager), "unit", p.head_unit)
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["answers"], report["ikm"], report["grade"], report["grade_label"]) == (4, 86.81, "B", "Baik")
    assert [e["nrr"] for e in report["elements"]] == HAND_NRR
    assert [e["code"] for e in report["elements"]] == [f"U{n}" for n in range(1, 10)]
    assert report["elements"][1] == {
        "code": "U2",
        "name": "Sistem, Mekanisme, dan Prosedur",
        "nrr": 3.75,
        "converted": 93.75,
        "grade": "A",
    }
    assert report["elements"][8]["converted"] == 75.0 and report["elements"][8]["grade"] == "C"
    assert (report["period_key"], report["period_start"], report["period_end"]) == (
        "2026-Q4",
        "2026-10-01",
        "2026-12-31",
    )
    # 400 users a year are 100 a quarter, for which Krejcie & Morgan ask 80 answers
    assert (report["population"], report["minimum_sample"], report["sample_reached"]) == (100, 80, False)
    assert (report["scope_name"], report["timezone"]) == ("Bidang E-Government", "Asia/Jakarta")


async def test_scopes_add_up_what_lies_in_them(client, world, as_):
    p, palu = world.pontianak, world.palu
    ktp = await add_service_point(p.head_unit, "Perekaman KTP-el", yearly_users=40)
    child = await add_service_point(p.child_unit, "Konsultasi Aplikasi", yearly_users=8)
    other = await add_service_point(p.other_unit, "Akta Kelahiran", yearly_users=None)
    elsewhere = await add_service_point(palu.head_unit, "Layanan Palu", yearly_users=1000)
    await add_answers(ktp, IN_Q4, [[4] * 9, [4] * 9])
    await add_answers(child, IN_Q4, [[2] * 9, [2] * 9])
    await add_answers(other, IN_Q4, [[1] * 9])
    await add_answers(elsewhere, IN_Q4, [[1] * 9] * 5)
    admin = as_(p.admin)

    service = (await ask(client, admin, "service", ktp)).json()
    assert (service["answers"], service["ikm"], service["grade"]) == (2, 100.0, "A")
    assert (service["population"], service["minimum_sample"], service["sample_reached"]) == (10, 10, False)
    unit = (await ask(client, admin, "unit", p.head_unit)).json()  # with the unit below it
    assert (unit["answers"], unit["ikm"], unit["grade"]) == (4, 75.0, "C")
    assert unit["population"] == 12  # (40 + 8) / 4
    agency = (await ask(client, admin, "agency", p.agency_id)).json()
    assert (agency["answers"], agency["ikm"]) == (4, 75.0)
    region = (await ask(client, admin, "region", p.region_id)).json()
    assert (region["answers"], region["ikm"]) == (5, 65.0)  # Palu's answers are not Pontianak's
    assert (region["population"], region["minimum_sample"], region["sample_reached"]) == (None, None, None)
    month = (await ask(client, admin, "unit", p.head_unit, period="month", at="2026-11")).json()
    assert (month["answers"], month["period_key"]) == (4, "2026-11")
    october = (await ask(client, admin, "unit", p.head_unit, period="month", at="2026-10")).json()
    assert (october["answers"], october["ikm"], october["grade"]) == (0, None, None)
    year = (await ask(client, admin, "region", p.region_id, period="year", at="2026")).json()
    assert (year["answers"], year["period_key"], year["population"]) == (5, "2026", None)


async def test_an_answer_counts_in_its_local_month(client, world, as_):
    palu = world.palu  # WITA
    point = await add_service_point(palu.head_unit, yearly_users=120)
    await add_answers(point, dt.date(2026, 11, 30), [[4] * 9])
    await add_answers(point, dt.date(2026, 12, 1), [[3] * 9])
    november = (await ask(client, as_(palu.admin), "service", point, period="month", at="2026-11")).json()
    assert (november["answers"], november["ikm"], november["timezone"]) == (1, 100.0, "Asia/Makassar")


async def test_the_csv_has_a_row_per_service_and_the_whole_scope(client, world, as_):
    p = world.pontianak
    ktp = await add_service_point(p.head_unit, '=HYPERLINK("http://jahat.test")', yearly_users=400)
    await add_service_point(p.child_unit, "Konsultasi Aplikasi", yearly_users=None)
    await add_service_point(p.child_unit, "Layanan Lama", active=False)  # no answers, inactive: left out
    await add_answers(ktp, IN_Q4, HAND_ANSWERS)
    response = await client.get(
        f"{IKM}.csv", params={"scope": "unit", "scope_id": p.head_unit} | Q4, headers=as_(p.admin)
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
    header = rows[0]
    assert header[:5] == ["layanan", "unit", "instansi", "periode", "jumlah_responden"]
    assert header[5:14] == [f"nrr_u{n}" for n in range(1, 10)]
    assert header[14:] == ["ikm", "mutu", "kinerja", "populasi", "sampel_minimum", "sampel_tercapai"]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {'\'=HYPERLINK("http://jahat.test")', "Konsultasi Aplikasi", "(seluruh Bidang E-Government)"}
    ktp_row = by_name['\'=HYPERLINK("http://jahat.test")']
    assert ktp_row["unit"] == "Bidang E-Government" and ktp_row["instansi"] == "Dinas Kominfo"
    assert (ktp_row["jumlah_responden"], ktp_row["nrr_u2"], ktp_row["ikm"], ktp_row["mutu"]) == (
        "4",
        "3.7500",
        "86.81",
        "B",
    )
    assert (ktp_row["kinerja"], ktp_row["populasi"], ktp_row["sampel_minimum"], ktp_row["sampel_tercapai"]) == (
        "Baik",
        "100",
        "80",
        "tidak",
    )
    quiet_row = by_name["Konsultasi Aplikasi"]
    assert (quiet_row["jumlah_responden"], quiet_row["ikm"], quiet_row["populasi"], quiet_row["sampel_tercapai"]) == (
        "0",
        "",
        "",
        "",
    )
    whole = by_name["(seluruh Bidang E-Government)"]
    assert (whole["jumlah_responden"], whole["ikm"], whole["populasi"]) == ("4", "86.81", "")  # one estimate missing


async def test_staff_see_their_own_unit_and_nobody_another_region(client, world, as_):
    p, palu = world.pontianak, world.palu
    ktp = await add_service_point(p.head_unit, yearly_users=100)
    child_point = await add_service_point(p.child_unit, yearly_users=100)
    await add_answers(ktp, IN_Q4, HAND_ANSWERS)
    manager_elsewhere = await add_person("Manajer Pelayanan", p.other_unit, p.region_id, "manager;asn")
    partner = await add_person("Universitas", None, None, "partner", email="lpm@untan.test")
    cases = [
        (p.asn, "unit", p.head_unit, 200),  # their own unit
        (p.asn, "service", ktp, 200),
        (p.asn, "service", child_point, 403),  # a unit below theirs: their manager's view, not theirs
        (p.asn_child, "unit", p.head_unit, 403),
        (p.asn, "agency", p.agency_id, 403),
        (p.asn, "region", p.region_id, 403),
        (p.manager, "service", child_point, 200),
        (p.manager, "agency", p.agency_id, 200),  # heads a top unit of the agency
        (p.manager, "region", p.region_id, 403),
        (manager_elsewhere, "unit", p.head_unit, 403),
        (manager_elsewhere, "agency", p.agency_id, 403),
        (p.admin, "region", p.region_id, 200),
        (palu.admin, "unit", p.head_unit, 403),
        (palu.admin, "region", p.region_id, 403),
        (palu.manager, "service", ktp, 403),
        (partner, "unit", p.head_unit, 403),
        (world.superadmin, "region", p.region_id, 200),
        (world.superadmin, "region", 999_999, 404),
        (p.admin, "service", 999_999, 404),
    ]
    for person, scope, scope_id, status in cases:
        for path in (IKM, f"{IKM}.csv"):
            response = await client.get(path, params={"scope": scope, "scope_id": scope_id} | Q4, headers=as_(person))
            assert response.status_code == status, (person, scope, path, response.text)
            if status == 403:
                assert response.json()["code"] == "ikm_out_of_reach"
    assert (await client.get(IKM, params={"scope": "unit", "scope_id": p.head_unit})).status_code == 401


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"scope": "city"}, 422, "ikm_scope_unknown"),
        ({"period": "week"}, 422, "ikm_period_unknown"),
        ({"at": "2026-13"}, 422, "ikm_at_format"),
        ({"at": "Q4-2026"}, 422, "ikm_at_format"),
        ({"period": "month", "at": "2026"}, 422, "ikm_at_format"),
        ({"scope_id": 0}, 400, None),
        ({"scope_id": "abc"}, 400, None),
        ({"at": "2026-12-01T00"}, 400, None),  # longer than a period
        ({"colour": "red"}, 400, "query_parameter_unknown"),
    ],
)
async def test_malformed_questions_get_clear_answers(client, world, as_, params, status, code):
    query = {"scope": "unit", "scope_id": world.pontianak.head_unit, "period": "quarter"} | params
    response = await client.get(IKM, params=query, headers=as_(world.pontianak.admin))
    assert response.status_code == status, response.text
    if code:
        assert response.json()["code"] == code


async def test_without_at_the_current_period_of_the_regions_calendar(client, world, as_):
    p = world.pontianak
    point = await add_service_point(p.head_unit)
    today = dt.datetime.now(dt.timezone.utc).astimezone(dt.timezone(dt.timedelta(hours=7))).date()
    await add_answers(point, today, [[4] * 9])
    report = (await client.get(IKM, params={"scope": "unit", "scope_id": p.head_unit}, headers=as_(p.asn))).json()
    assert report["period"] == "quarter" and report["answers"] == 1
    assert report["period_start"] <= today.isoformat() <= report["period_end"]
