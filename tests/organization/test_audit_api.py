"""The audit log: every change by an admin, manager, partner or superadmin, read by the region's admins."""

from __future__ import annotations

from gamification.storage.tables import AuditEvent
from tests.module_payloads import attempt, published_module
from tests.organization.test_people_api import new_user
from tests.rewards.test_redemptions_api import make_reward, redeem

AUDIT = "/api/v1/admin/audit"
USERS = "/api/v1/admin/users"


async def log_of(client, headers, **params) -> list[dict]:
    response = await client.get(AUDIT, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_changes_are_logged_with_who_what_and_where_but_never_the_body(client, world, as_):
    p = world.pontianak
    created = await client.post(USERS, json=new_user(p.child_unit), headers=as_(p.admin))
    assert created.status_code == 201
    person = created.json()["id"]
    assert (await client.patch(f"{USERS}/{person}", json={"name": "Dewi L."}, headers=as_(p.admin))).status_code == 200
    assert (await client.post(f"{USERS}/{person}/deactivate", headers=as_(p.admin))).status_code == 200

    entries = await log_of(client, as_(p.admin))
    assert [(e["action"], e["target"]) for e in entries] == [
        ("POST /api/v1/admin/users/{user_id}/deactivate", {"user_id": person}),
        ("PATCH /api/v1/admin/users/{user_id}", {"user_id": person}),
        ("POST /api/v1/admin/users", {"id": person}),
    ]
    assert [e["status"] for e in entries] == [200, 200, 201]
    assert {(e["actor_id"], e["region_id"], e["address"]) for e in entries} == {(p.admin, p.region_id, "203.0.113.7")}
    stored = str(await AuditEvent.select())
    assert "rahasia-dewi-1" not in stored and "199001152015032001" not in stored


async def test_manager_decisions_and_exports_are_logged_but_self_service_and_refusals_are_not(client, world, as_):
    p = world.pontianak
    module = await published_module(client, as_(p.admin))
    await attempt(client, as_(p.asn_child), module)
    await attempt(client, as_(p.manager), module)  # a manager learning is not acting as a manager
    reward = await make_reward(client, as_(p.admin), cost=1)
    held = (await redeem(client, as_(p.asn_child), reward["id"], "audit-0001")).json()
    decided = await client.post(
        f"/api/v1/redemptions/{held['id']}/decision", json={"decision": "approve"}, headers=as_(p.manager)
    )
    assert decided.status_code == 200, decided.text
    assert (await client.get("/api/v1/manager/team.csv", headers=as_(p.manager))).status_code == 200
    refused = await client.post(f"{USERS}/{world.palu.asn}/deactivate", headers=as_(p.admin))
    assert refused.status_code == 404

    actions = [e["action"] for e in await log_of(client, as_(p.admin))]
    assert actions == [
        "GET /api/v1/manager/team.csv",
        "POST /api/v1/redemptions/{redemption_id}/decision",
        "POST /api/v1/admin/rewards",
        "POST /api/v1/admin/modules/{module_id}/publish",
        "POST /api/v1/admin/modules",
    ]
    manager_only = await log_of(client, as_(p.admin), actor_id=p.manager)
    assert {e["actor_id"] for e in manager_only} == {p.manager} and len(manager_only) == 2
    only_decisions = await log_of(client, as_(p.admin), action="POST /api/v1/redemptions/{redemption_id}/decision")
    assert [e["target"] for e in only_decisions] == [{"redemption_id": held["id"]}]


async def test_each_region_reads_its_own_log_and_a_superadmin_reads_all(client, world, as_):
    p, palu = world.pontianak, world.palu
    await client.post(USERS, json=new_user(p.child_unit), headers=as_(p.admin))
    await client.post(
        USERS, json=new_user(palu.child_unit, nip="198507012010011002", email="x@palu.go.id"), headers=as_(palu.admin)
    )
    # a superadmin's change is logged in the region it changed
    agency = await client.post(
        "/api/v1/admin/agencies", json={"region_id": p.region_id, "name": "DPMPTSP"}, headers=as_(world.superadmin)
    )
    assert agency.status_code == 201

    pontianak_log = await log_of(client, as_(p.admin))
    assert [(e["actor_id"], e["region_id"]) for e in pontianak_log] == [
        (world.superadmin, p.region_id),
        (p.admin, p.region_id),
    ]
    assert [e["actor_id"] for e in await log_of(client, as_(palu.admin))] == [palu.admin]
    assert len(await log_of(client, as_(world.superadmin))) == 3
    assert len(await log_of(client, as_(world.superadmin), region_id=palu.region_id)) == 1

    other = await client.get(AUDIT, params={"region_id": palu.region_id}, headers=as_(p.admin))
    assert (other.status_code, other.json()["code"]) == (403, "outside_region")
    for who in (p.asn, p.manager):
        refused = await client.get(AUDIT, headers=as_(who))
        assert (refused.status_code, refused.json()["code"]) == (403, "admin_required")
    assert (await client.get(AUDIT)).status_code == 401


async def test_the_log_pages_newest_first(client, world, as_):
    p = world.pontianak
    for n in range(5):
        await client.patch(f"{USERS}/{p.asn}", json={"name": f"Nama {n}"}, headers=as_(p.admin))
    first = (await client.get(AUDIT, params={"limit": 3}, headers=as_(p.admin))).json()
    second = (await client.get(AUDIT, params={"limit": 3, "cursor": first["next_cursor"]}, headers=as_(p.admin))).json()
    ids = [e["id"] for e in first["items"] + second["items"]]
    assert len(ids) == 5 and ids == sorted(ids, reverse=True) and second["next_cursor"] is None
