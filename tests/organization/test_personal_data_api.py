"""UU PDP: a person's own copy of their data, and the anonymisation of people who have left."""

from __future__ import annotations

from piccolo.query.functions.aggregate import Sum

from gamification.organization.personal_data import SECRET_COLUMNS, person_references
from gamification.storage.tables import ALL_TABLES, Notification, Person, PointsTotal, RefreshToken, XpEntry
from tests.awards import boards_ready
from tests.factories import PASSWORD
from tests.module_payloads import attempt, published_module
from tests.rewards.test_redemptions_api import make_reward, redeem

EXPORT = "/api/v1/me/export"
USERS = "/api/v1/admin/users"


async def learner_with_history(client, world, as_) -> dict:
    """The ASN signed in once, learned, redeemed (decided by the manager) and was notified."""
    p = world.pontianak
    signed_in = await client.post("/api/v1/auth/login", json={"login": "asn@pontianak.test", "password": PASSWORD})
    assert signed_in.status_code == 200
    module = await published_module(client, as_(p.admin))
    await attempt(client, as_(p.asn), module)
    await attempt(client, as_(p.asn_child), module)
    reward = await make_reward(client, as_(p.admin), cost=1)
    held = (await redeem(client, as_(p.asn), reward["id"], "pdp-00001")).json()
    decided = await client.post(
        f"/api/v1/redemptions/{held['id']}/decision", json={"decision": "approve"}, headers=as_(p.manager)
    )
    assert decided.status_code == 200
    return signed_in.json()


async def test_the_export_holds_everything_about_me_and_nothing_secret_or_of_others(client, world, as_):
    p = world.pontianak
    tokens = await learner_with_history(client, world, as_)
    response = await client.get(EXPORT, headers=as_(p.asn))
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store" and "attachment" in response.headers["content-disposition"]
    export = response.json()
    tables = export["tables"]
    assert export["person_id"] == p.asn
    assert tables["person"][0]["id"] == p.asn and tables["person"][0]["email"] == "asn@pontianak.test"
    for expected in ("attempt", "completion", "fact", "xp_entry", "points_total", "redemption", "notification"):
        assert tables[expected], expected
    assert all(row["person"] == p.asn for row in tables["attempt"] + tables["xp_entry"])
    assert tables["redemption"][0]["decided_by"] is None  # the manager's id is not the learner's data

    # Every table that refers to a person and holds a row of mine is in the export.
    for table in ALL_TABLES:
        for column in person_references(table):
            if await table.exists().where(column == p.asn):
                assert table._meta.tablename in tables, table._meta.tablename

    text = response.text
    stored_hash = (await Person.select(Person.password_hash).where(Person.id == p.asn).first())["password_hash"]
    assert stored_hash not in text and tokens["refresh_token"] not in text and PASSWORD not in text
    assert not any(key in SECRET_COLUMNS for rows in tables.values() for row in rows for key in row)
    assert "refresh_token" in tables  # the sessions themselves, without their hashes


async def test_the_export_needs_a_signed_in_person(client, world):
    assert (await client.get(EXPORT)).status_code == 401


async def xp_of(person_id: int) -> tuple[int, int]:
    ledger = await XpEntry.select(Sum(XpEntry.xp)).where(XpEntry.person == person_id).first()
    total = await PointsTotal.select(PointsTotal.xp).where(PointsTotal.person == person_id).first()
    return ledger["sum"], total["xp"]


async def test_anonymising_a_departed_person_erases_who_they_were_and_keeps_the_points(client, world, as_):
    p = world.pontianak
    await learner_with_history(client, world, as_)
    before = await xp_of(p.asn)
    admin = as_(p.admin)

    active = await client.post(f"{USERS}/{p.asn}/anonymise", headers=admin)
    assert (active.status_code, active.json()["code"]) == (409, "person_still_active")
    assert (await client.post(f"{USERS}/{p.asn}/deactivate", headers=admin)).status_code == 200
    response = await client.post(f"{USERS}/{p.asn}/anonymise", headers=admin)
    assert response.status_code == 200, response.text
    person = response.json()
    assert (person["name"], person["nip"], person["email"], person["active"]) == ("Anonim", None, None, False)
    assert person["anonymised_at"] is not None and person["roles"] == ["asn"]

    assert await xp_of(p.asn) == before
    assert await Notification.count().where(Notification.person == p.asn) == 0
    assert await RefreshToken.count().where(RefreshToken.person == p.asn) == 0
    login = await client.post("/api/v1/auth/login", json={"login": "asn@pontianak.test", "password": PASSWORD})
    assert login.status_code == 401

    await boards_ready()
    board = (await client.get("/api/v1/leaderboards", params={"scope": "region"}, headers=as_(p.asn_child))).json()
    shown = [e for e in board["entries"] if e["xp"] == before[1] and e["user_id"] is None]
    assert shown and shown[0]["name"] == "ASN"  # still counted, no longer named

    again = await client.post(f"{USERS}/{p.asn}/anonymise", headers=admin)
    assert again.status_code == 200 and again.json()["anonymised_at"] == person["anonymised_at"]
    changed = await client.patch(f"{USERS}/{p.asn}", json={"name": "Kembali", "active": True}, headers=admin)
    assert (changed.status_code, changed.json()["code"]) == (409, "person_anonymised")


async def test_who_may_anonymise(client, world, as_):
    p, palu = world.pontianak, world.palu
    assert (await client.post(f"{USERS}/{p.asn}/deactivate", headers=as_(p.admin))).status_code == 200
    for who, status, code in [
        (p.asn_child, 403, "admin_required"),
        (p.manager, 403, "admin_required"),
        (palu.admin, 404, "user_not_found"),
    ]:
        refused = await client.post(f"{USERS}/{p.asn}/anonymise", headers=as_(who))
        assert (refused.status_code, refused.json()["code"]) == (status, code), who
    assert (await client.post(f"{USERS}/{p.asn}/anonymise")).status_code == 401
    assert (await Person.select(Person.name).where(Person.id == p.asn).first())["name"] != "Anonim"
    assert (await client.post(f"{USERS}/{p.asn}/anonymise", headers=as_(world.superadmin))).status_code == 200
    missing = await client.post(f"{USERS}/999999/anonymise", headers=as_(p.admin))
    assert (missing.status_code, missing.json()["code"]) == (404, "user_not_found")
