import asyncio
import datetime as dt

import pytest

from gamification.rewards.redemptions import expire_holds
from gamification.storage.tables import PointsTotal, Redemption, Reward
from tests.awards import WIB, award, this_week_at
from tests.factories import add_person

ADMIN_REWARDS = "/api/v1/admin/rewards"


async def make_reward(client, headers, **fields) -> dict:
    body = {"name": "Piagam Penghargaan Digital", "kind": "certificate", "cost": 100} | fields
    response = await client.post(ADMIN_REWARDS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def redeem(client, headers, reward_id: int, client_id: str):
    """``client_id`` is made phone-like (8+ characters) unless it is a test of bad ones."""
    client_id = f"hp-tukar-{client_id}" if client_id.isalnum() or "-" in client_id else client_id
    return await client.post(f"/api/v1/rewards/{reward_id}/redemptions", json={"client_id": client_id}, headers=headers)


async def balance(client, headers) -> int:
    return (await client.get("/api/v1/me", headers=headers)).json()["balance"]


async def ledger_of(person_id: int) -> dict:
    row = await PointsTotal.select().where(PointsTotal.person == person_id).first()
    return {"xp": row["xp"], "held": row["held"], "spent": row["spent"]}


async def test_fifty_racing_redemptions_with_points_for_three_give_exactly_three(client, world, as_):
    p = world.pontianak
    await award(p.asn, 300, this_week_at(WIB, 0, 9))
    reward = await make_reward(client, as_(p.admin), cost=100)
    responses = await asyncio.gather(*[redeem(client, as_(p.asn), reward["id"], f"hp-{n:03d}") for n in range(50)])
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] * 3 + [409] * 47
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"balance_insufficient"}
    assert await ledger_of(p.asn) == {"xp": 300, "held": 300, "spent": 0}
    assert await balance(client, as_(p.asn)) == 0
    assert (await Reward.select(Reward.reserved).first())["reserved"] == 3


async def test_the_last_unit_goes_to_exactly_one_of_two_racing_people(client, world, as_):
    p = world.pontianak
    for person in (p.asn, p.asn_child):
        await award(person, 500, this_week_at(WIB, 0, 9))
    reward = await make_reward(client, as_(p.admin), cost=50, stock=1, kind="training_seat", name="Kursi Pelatihan")
    for _ in range(5):  # a few rounds, so that the race is really run
        a, b = await asyncio.gather(
            redeem(client, as_(p.asn), reward["id"], "a"), redeem(client, as_(p.asn_child), reward["id"], "b")
        )
        assert sorted([a.status_code, b.status_code]) == [201, 409]
        loser = a if a.status_code == 409 else b
        assert loser.json()["code"] == "reward_out_of_stock"
        assert await Redemption.count() == 1 and (await Reward.select(Reward.reserved).first())["reserved"] == 1
        winner = a if a.status_code == 201 else b
        assert (
            await client.post(
                f"/api/v1/redemptions/{winner.json()['id']}/cancel", headers=as_(winner.json()["person_id"])
            )
        ).status_code == 200
        await Redemption.delete(force=True)
        await Reward.update({Reward.reserved: 0}, force=True)
    totals = [await ledger_of(person) for person in (p.asn, p.asn_child)]
    assert all(t["held"] == 0 and t["spent"] == 0 for t in totals)


async def test_a_replayed_redemption_changes_nothing(client, world, as_):
    p = world.pontianak
    await award(p.asn, 250, this_week_at(WIB, 0, 9))
    reward = await make_reward(client, as_(p.admin), cost=100)
    first = await redeem(client, as_(p.asn), reward["id"], "hp-ulang")
    again = await asyncio.gather(*[redeem(client, as_(p.asn), reward["id"], "hp-ulang") for _ in range(5)])
    assert first.status_code == 201 and {r.status_code for r in again} == {200}
    assert {r.json()["id"] for r in again} == {first.json()["id"]} and all(r.json()["replayed"] for r in again)
    assert await ledger_of(p.asn) == {"xp": 250, "held": 100, "spent": 0}
    other = await make_reward(client, as_(p.admin), cost=10, name="Stiker")
    reused = await redeem(client, as_(p.asn), other["id"], "hp-ulang")
    assert (reused.status_code, reused.json()["code"]) == (409, "client_id_reused")


async def test_decisions_spend_or_release_and_a_decided_redemption_is_a_conflict(client, world, as_):
    p = world.pontianak
    await award(p.asn, 300, this_week_at(WIB, 0, 9))
    reward = await make_reward(client, as_(p.admin), cost=100, stock=5)
    kept = (await redeem(client, as_(p.asn), reward["id"], "r1")).json()
    refused = (await redeem(client, as_(p.asn), reward["id"], "r2")).json()
    decide = lambda rid, who, decision: client.post(  # noqa: E731
        f"/api/v1/redemptions/{rid}/decision", json={"decision": decision, "comment": "Baik"}, headers=as_(who)
    )
    approved = await decide(kept["id"], p.manager, "approve")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    replay = await decide(kept["id"], p.manager, "approve")
    assert replay.status_code == 200 and replay.json()["replayed"]
    other = await decide(kept["id"], p.admin, "reject")
    assert (other.status_code, other.json()["code"]) == (409, "redemption_already_decided")
    assert (await decide(refused["id"], p.manager, "reject")).json()["status"] == "rejected"
    assert await ledger_of(p.asn) == {"xp": 300, "held": 0, "spent": 100}
    assert await balance(client, as_(p.asn)) == 200
    assert (await client.get("/api/v1/rewards", headers=as_(p.asn))).json()[0]["remaining"] == 4
    mine = (await client.get("/api/v1/me/redemptions", headers=as_(p.asn))).json()["items"]
    assert [(r["id"], r["status"]) for r in mine] == [(refused["id"], "rejected"), (kept["id"], "approved")]
    inbox = (await client.get("/api/v1/me/notifications", headers=as_(p.asn))).json()
    kinds = [n["kind"] for n in inbox["items"]]
    assert kinds[:2] == ["redemption_rejected", "redemption_approved"] and inbox["unread"] >= 2
    marked = await client.post("/api/v1/me/notifications/read", json={}, headers=as_(p.asn))
    assert marked.json()["marked"] == inbox["unread"]
    assert (await client.get("/api/v1/me/notifications", headers=as_(p.asn))).json()["unread"] == 0


async def test_nobody_decides_their_own_and_scope_and_region_are_kept(client, world, as_):
    p, palu = world.pontianak, world.palu
    await award(p.manager, 200, this_week_at(WIB, 0, 9))
    await award(p.asn_child, 200, this_week_at(WIB, 0, 9))
    outsider = await add_person("Manajer Pelayanan", p.other_unit, p.region_id, "manager;asn")
    reward = await make_reward(client, as_(p.admin), cost=50)
    own = (await redeem(client, as_(p.manager), reward["id"], "m1")).json()
    childs = (await redeem(client, as_(p.asn_child), reward["id"], "c1")).json()
    cases = [
        (own["id"], p.manager, 403, "self_decision"),
        (childs["id"], outsider, 403, "decision_out_of_scope"),
        (childs["id"], p.asn, 403, "decision_out_of_scope"),
        (childs["id"], palu.admin, 404, "redemption_not_found"),
        (childs["id"], palu.manager, 404, "redemption_not_found"),
        (999999, p.manager, 404, "redemption_not_found"),
    ]
    for redemption_id, who, status, code in cases:
        response = await client.post(
            f"/api/v1/redemptions/{redemption_id}/decision", json={"decision": "approve"}, headers=as_(who)
        )
        assert (response.status_code, response.json()["code"]) == (status, code), (who, response.text)
    bad = await client.post(
        f"/api/v1/redemptions/{childs['id']}/decision", json={"decision": "yes"}, headers=as_(p.manager)
    )
    assert (bad.status_code, bad.json()["code"]) == (422, "decision_unknown")
    assert (await client.post(f"/api/v1/redemptions/{childs['id']}/cancel", headers=as_(p.manager))).status_code == 404
    assert (
        await client.post(
            f"/api/v1/redemptions/{own['id']}/decision", json={"decision": "approve"}, headers=as_(p.admin)
        )
    ).status_code == 200
    assert (await client.get("/api/v1/rewards", headers=as_(palu.asn))).json() == []  # another region's catalogue
    foreign = await redeem(client, as_(palu.asn), reward["id"], "x1")
    assert (foreign.status_code, foreign.json()["code"]) == (404, "reward_not_found")


async def test_limits_stock_and_the_catalogue_rules(client, world, as_):
    p = world.pontianak
    await award(p.asn, 1000, this_week_at(WIB, 0, 9))
    limited = await make_reward(client, as_(p.admin), cost=10, per_person_limit=2, period="month", name="Kopi")
    codes = [(await redeem(client, as_(p.asn), limited["id"], f"k{n}")).status_code for n in range(3)]
    assert codes == [201, 201, 409]
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=3)
    future = await make_reward(client, as_(p.admin), cost=10, name="Nanti", active_from=later.isoformat())
    response = await redeem(client, as_(p.asn), future["id"], "n1")
    assert (response.status_code, response.json()["code"]) == (409, "reward_inactive")
    assert future["id"] not in [r["id"] for r in (await client.get("/api/v1/rewards", headers=as_(p.asn))).json()]
    bad = [
        ({"cost": 0}, "reward_cost_range"),
        ({"kind": "emas"}, "reward_kind_unknown"),
        ({"stock": -1}, "reward_stock_range"),
        ({"period": "abad"}, "board_period_unknown"),
        ({"name": " "}, "reward_name_length"),
        ({"active_from": later.isoformat(), "active_until": later.isoformat()}, "reward_active_window"),
    ]
    for fields, code in bad:
        response = await client.post(
            ADMIN_REWARDS, json={"name": "X", "kind": "virtual", "cost": 5} | fields, headers=as_(p.admin)
        )
        assert (response.status_code, response.json()["code"]) == (422, code)
    assert (
        await client.post(ADMIN_REWARDS, json={"name": "X", "kind": "virtual", "cost": 5}, headers=as_(p.manager))
    ).status_code == 403
    other = await client.post(
        ADMIN_REWARDS,
        json={"name": "X", "kind": "virtual", "cost": 5, "region_id": world.palu.region_id},
        headers=as_(p.admin),
    )
    assert (other.status_code, other.json()["code"]) == (403, "outside_region")
    broke = await add_person("Tanpa Poin", p.head_unit, p.region_id)
    short = await redeem(client, as_(broke), limited["id"], "b1")
    assert (short.status_code, short.json()["code"]) == (409, "balance_insufficient")


@pytest.mark.parametrize("client_id", ["", "x" * 65, "spasi di dalam"])
async def test_a_bad_client_id_is_refused(client, world, as_, client_id):
    reward = await make_reward(client, as_(world.pontianak.admin))
    response = await redeem(client, as_(world.pontianak.asn), reward["id"], client_id)
    assert 400 <= response.status_code < 500


async def test_stale_holds_expire_once_and_give_everything_back(client, world, as_):
    p = world.pontianak
    await award(p.asn, 200, this_week_at(WIB, 0, 9))
    reward = await make_reward(client, as_(p.admin), cost=100, stock=3)
    made = (await redeem(client, as_(p.asn), reward["id"], "e1")).json()
    assert (await expire_holds(dt.timedelta(days=14)))["expired"] == 0
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=15)
    results = await asyncio.gather(*[expire_holds(dt.timedelta(days=14), later) for _ in range(3)])
    assert sum(r["expired"] for r in results) == 1
    assert await ledger_of(p.asn) == {"xp": 200, "held": 0, "spent": 0}
    assert (await Reward.select(Reward.reserved).first())["reserved"] == 0
    late = await client.post(
        f"/api/v1/redemptions/{made['id']}/decision", json={"decision": "approve"}, headers=as_(p.manager)
    )
    assert (late.status_code, late.json()["code"]) == (409, "redemption_already_decided")


async def test_a_short_balance_is_told_with_what_is_held_and_me_shows_the_hold(client, world, as_):
    p = world.pontianak
    await award(p.asn, 150, this_week_at(WIB, 0, 9))
    reward = await make_reward(client, as_(p.admin), cost=100)
    assert (await redeem(client, as_(p.asn), reward["id"], "first")).status_code == 201
    me = (await client.get("/api/v1/me", headers=as_(p.asn))).json()
    assert (me["balance"], me["held"]) == (50, 100)

    short = await redeem(client, as_(p.asn), reward["id"], "second")
    assert short.status_code == 409
    problem = short.json()
    assert (problem["code"], problem["cost"], problem["balance"], problem["held"]) == (
        "balance_insufficient",
        100,
        50,
        100,
    )
    assert "50 poin" in problem["detail"] and "100 poin" in problem["detail"]
    english = await redeem(client, as_(p.asn) | {"Accept-Language": "en"}, reward["id"], "third")
    assert "balance is 50" in english.json()["detail"]


async def test_a_decided_redemption_is_named_in_the_answers_language(client, world, as_):
    p = world.pontianak
    await award(p.asn, 150, this_week_at(WIB, 0, 9))
    reward = await make_reward(client, as_(p.admin), cost=100)
    redemption = (await redeem(client, as_(p.asn), reward["id"], "one")).json()
    decide = f"/api/v1/redemptions/{redemption['id']}/decision"
    assert (await client.post(decide, json={"decision": "reject"}, headers=as_(p.manager))).status_code == 200
    again = await client.post(decide, json={"decision": "approve"}, headers=as_(p.manager))
    assert again.json()["code"] == "redemption_already_decided"
    assert "(ditolak)" in again.json()["detail"] and "rejected" not in again.json()["detail"]
    english = await client.post(
        decide, json={"decision": "approve"}, headers=as_(p.manager) | {"Accept-Language": "en"}
    )
    assert "(rejected)" in english.json()["detail"]
