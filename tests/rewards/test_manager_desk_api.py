import csv
import io

from gamification.demo.seed import DEMO_PASSWORD
from gamification.points.recalc import recalculate
from gamification.storage.tables import JpCredit, Person, PointsTotal
from tests import wiring
from tests.awards import WIB, award, this_week_at
from tests.factories import add_person

INITIATIVES = "/api/v1/initiatives"


async def sign_in(client, login: str) -> dict:
    response = await client.post("/api/v1/auth/login", json={"login": login, "password": DEMO_PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def ok(response, status=200) -> dict:
    assert response.status_code == status, response.text
    return response.json()


async def test_the_demo_walk_of_an_initiative_and_a_reward_through_the_managers_inbox(client, demo):
    summary = demo
    learner, manager = await sign_in(client, summary["asn"]), await sign_in(client, summary["manager"])
    me = await ok(await client.get("/api/v1/me", headers=learner))
    colleague = (
        await Person.select(Person.id)
        .where((Person.unit == me["unit"]["id"]) & (Person.id != me["id"]) & (Person.roles == "asn"))
        .first()
    )
    body = {
        "title": "Tanda Tangan Elektronik untuk Surat Dinas",
        "problem": "Surat dinas menunggu berhari-hari karena tanda tangan basah pejabat yang sedang dinas luar.",
        "solution": "Memakai tanda tangan elektronik tersertifikasi BSrE di aplikasi persuratan daerah.",
        "category": "service_digitisation",
        "unit_id": me["unit"]["id"],
        "team": [colleague["id"]],
    }
    initiative = await ok(await client.post(INITIATIVES, json=body, headers=learner), 201)
    iid = initiative["id"]
    # the demo's own initiatives waiting for this manager stay in the inbox throughout
    waiting = {
        (i["kind"], i["id"]) for i in (await ok(await client.get("/api/v1/manager/inbox", headers=manager)))["items"]
    }
    await ok(await client.post(f"{INITIATIVES}/{iid}/submit", json={}, headers=learner))

    inbox = await ok(await client.get("/api/v1/manager/inbox", headers=manager))
    assert {(i["kind"], i["id"]) for i in inbox["items"]} - waiting == {("initiative_review", iid)}
    assert inbox["counts"]["total"] == len(waiting) + 1
    decided = await ok(
        await client.post(
            "/api/v1/manager/decisions",
            json={"items": [{"kind": "initiative_review", "id": iid, "decision": "approve", "comment": "Bagus"}]},
            headers=manager,
        )
    )
    assert decided["results"] == [
        {"kind": "initiative_review", "id": iid, "status": 200, "result_status": "approved", "problem": None}
    ]
    report = {
        "summary": "Surat ditandatangani rata-rata dalam 2 jam.",
        "metrics": {"hari_sebelum": 3, "jam_sesudah": 2},
    }
    await ok(await client.post(f"{INITIATIVES}/{iid}/implementation", json=report, headers=learner))
    inbox = await ok(await client.get("/api/v1/manager/inbox", headers=manager))
    assert {(i["kind"], i["id"]) for i in inbox["items"]} - waiting == {("initiative_verify", iid)}
    xp_before = (await ok(await client.get("/api/v1/me", headers=learner)))["xp"]
    verified = await ok(
        await client.post(f"{INITIATIVES}/{iid}/verify", json={"decision": "verify", "impact": "unit"}, headers=manager)
    )
    assert verified["status"] == "verified"
    await recalculate(follow=wiring.follow())
    for person_id in (me["id"], colleague["id"]):
        points = await PointsTotal.select(PointsTotal.xp).where(PointsTotal.person == person_id).first()
        assert points["xp"] >= 100
    after = await ok(await client.get("/api/v1/me", headers=learner))
    assert after["xp"] == xp_before + 100
    badges = {b["code"] for b in await ok(await client.get("/api/v1/me/badges", headers=learner))}
    assert "inovator-daerah" in badges  # the demo badge for a first verified initiative

    catalogue = await ok(await client.get("/api/v1/rewards", headers=learner))
    affordable = next(r for r in catalogue if r["cost"] <= after["balance"])
    redemption = await ok(
        await client.post(
            f"/api/v1/rewards/{affordable['id']}/redemptions", json={"client_id": "demo-tukar-0001"}, headers=learner
        ),
        201,
    )
    inbox = await ok(await client.get("/api/v1/manager/inbox", headers=manager))
    assert [(i["kind"], i["id"], i["cost"]) for i in inbox["items"] if (i["kind"], i["id"]) not in waiting] == [
        ("redemption", redemption["id"], affordable["cost"])
    ]
    await ok(
        await client.post(
            f"/api/v1/redemptions/{redemption['id']}/decision", json={"decision": "approve"}, headers=manager
        )
    )
    assert (await ok(await client.get("/api/v1/manager/inbox", headers=manager)))["counts"]["total"] == len(waiting)
    final = await ok(await client.get("/api/v1/me", headers=learner))
    assert final["balance"] == after["balance"] - affordable["cost"]
    kinds = [n["kind"] for n in (await ok(await client.get("/api/v1/me/notifications", headers=learner)))["items"]]
    assert {"initiative_approved", "initiative_verified", "badge", "redemption_approved"} <= set(kinds)
    mine = await ok(await client.get("/api/v1/me/redemptions", headers=learner))
    assert mine["items"][0]["status"] == "approved"


async def test_bulk_decisions_answer_each_item_and_a_resent_batch_changes_nothing(client, world, as_):
    p = world.pontianak
    for person in (p.asn, p.asn_child):
        await award(person, 500, this_week_at(WIB, 0, 9))
    reward = (
        await client.post(
            "/api/v1/admin/rewards", json={"name": "Kaos", "kind": "merchandise", "cost": 100}, headers=as_(p.admin)
        )
    ).json()
    ids = []
    for person in (p.asn, p.asn_child, p.manager):
        made = await client.post(
            f"/api/v1/rewards/{reward['id']}/redemptions", json={"client_id": f"bulk-{person:05d}"}, headers=as_(person)
        )
        ids.append(made.json().get("id"))
    batch = {
        "items": [
            {"kind": "redemption", "id": ids[0], "decision": "approve"},
            {"kind": "redemption", "id": ids[1], "decision": "reject", "comment": "Stok untuk bulan depan"},
            {"kind": "redemption", "id": 999999, "decision": "approve"},
            {"kind": "mystery", "id": 1, "decision": "approve"},
        ]
    }
    first = await ok(await client.post("/api/v1/manager/decisions", json=batch, headers=as_(p.manager)))
    assert [(r["status"], r["result_status"] or r["problem"]["code"]) for r in first["results"]] == [
        (200, "approved"),
        (200, "rejected"),
        (404, "redemption_not_found"),
        (422, "bulk_kind_unknown"),
    ]
    again = await ok(await client.post("/api/v1/manager/decisions", json=batch, headers=as_(p.manager)))
    assert [r["status"] for r in again["results"]] == [200, 200, 404, 422]
    totals = {
        r["person"]: (r["held"], r["spent"])
        for r in await PointsTotal.select(PointsTotal.person, PointsTotal.held, PointsTotal.spent)
    }
    assert totals[p.asn] == (0, 100) and totals[p.asn_child] == (0, 0)
    assert (await client.post("/api/v1/manager/decisions", json={"items": []}, headers=as_(p.manager))).json()[
        "code"
    ] == "bulk_size"
    assert (await client.get("/api/v1/manager/inbox", headers=as_(p.asn))).json()["code"] == "manager_required"


async def test_the_team_view_shows_jp_against_twenty_and_exports_csv(client, world, as_):
    p, palu = world.pontianak, world.palu
    year = this_week_at(WIB, 0, 9).astimezone().year
    for person, centi in ((p.asn, 2100), (p.asn_child, 500)):
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
    await add_person("=HYPERLINK(1)", p.child_unit, p.region_id)
    elsewhere = await add_person("Pegawai Pelayanan", p.other_unit, p.region_id)
    team = await ok(await client.get("/api/v1/manager/team", headers=as_(p.manager)))
    by_id = {m["id"]: m for m in team["members"]}
    assert set(by_id) >= {p.manager, p.asn, p.asn_child} and palu.asn not in by_id and elsewhere not in by_id
    assert (by_id[p.asn]["jp"], by_id[p.asn_child]["jp"], by_id[p.asn]["jp_target"]) == (21.0, 5.0, 20)
    assert team["jp_compliance_rate"] == round(1 / len(team["members"]), 4)
    exported = await client.get("/api/v1/manager/team.csv", headers=as_(p.manager))
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert rows[0][:4] == ["nama", "nip", "unit", "jp_tahun_ini"] and len(rows) == len(team["members"]) + 1
    assert all(not row[0].startswith("=") for row in rows[1:])
    assert (await client.get("/api/v1/manager/team", headers=as_(p.asn))).status_code == 403
    admin_team = await ok(await client.get("/api/v1/manager/team", headers=as_(p.admin)))
    assert len(admin_team["members"]) > len(team["members"])
