"""Rewards kept by a region's admin (issue 19): list, edit, retire, and approved rewards handed out."""

from gamification.storage.tables import Notification, PointsTotal, Redemption, Reward
from tests.awards import WIB, award, this_week_at
from tests.rewards.test_redemptions_api import ADMIN_REWARDS, ledger_of, make_reward, redeem

HAND_OUTS = "/api/v1/redemptions/hand-outs"


async def approved(client, as_, admin: int, person: int, reward_id: int, client_id: str) -> int:
    made = await redeem(client, as_(person), reward_id, client_id)
    assert made.status_code == 201, made.text
    decided = await client.post(
        f"/api/v1/redemptions/{made.json()['id']}/decision", json={"decision": "approve"}, headers=as_(admin)
    )
    assert decided.status_code == 200, decided.text
    return made.json()["id"]


async def test_the_admin_lists_edits_and_retires_the_regions_rewards(client, world, as_):
    p, admin = world.pontianak, as_(world.pontianak.admin)
    await award(p.asn, 500, this_week_at(WIB, 0, 9))
    seat = await make_reward(client, admin, name="Kursi Pelatihan", kind="training_seat", cost=100, stock=5)
    mug = await make_reward(client, admin, name="Mug Tangkas", kind="merchandise", cost=50)
    await make_reward(client, as_(world.palu.admin), name="Hadiah Palu", cost=10)
    assert (await redeem(client, as_(p.asn), seat["id"], "kursi-1")).status_code == 201

    listed = (await client.get(ADMIN_REWARDS, headers=admin)).json()["items"]
    assert [(r["name"], r["pending"], r["retired_at"]) for r in listed] == [
        ("Mug Tangkas", 0, None),
        ("Kursi Pelatihan", 1, None),
    ]

    edited = await client.patch(
        f"{ADMIN_REWARDS}/{seat['id']}", json={"cost": 150, "name": " Kursi  Diklat "}, headers=admin
    )
    assert edited.status_code == 200, edited.text
    assert (edited.json()["name"], edited.json()["cost"], edited.json()["stock"]) == ("Kursi Diklat", 150, 5)
    held = await Redemption.select(Redemption.cost).where(Redemption.reward == seat["id"]).first()
    assert held["cost"] == 100  # the pending redemption keeps the cost it holds
    below = await client.patch(f"{ADMIN_REWARDS}/{seat['id']}", json={"stock": 0}, headers=admin)
    assert (below.status_code, below.json()["code"]) == (409, "reward_stock_below_reserved")
    bad = await client.patch(f"{ADMIN_REWARDS}/{seat['id']}", json={"cost": 0}, headers=admin)
    assert (bad.status_code, bad.json()["code"]) == (422, "reward_cost_range")
    kind = await client.patch(f"{ADMIN_REWARDS}/{seat['id']}", json={"kind": "virtual"}, headers=admin)
    assert kind.status_code == 400  # the kind never changes: an unknown field

    retired = await client.post(f"{ADMIN_REWARDS}/{mug['id']}/retire", headers=admin)
    assert retired.status_code == 200 and retired.json()["retired_at"] is not None
    again = await client.post(f"{ADMIN_REWARDS}/{mug['id']}/retire", headers=admin)
    assert again.json()["retired_at"] == retired.json()["retired_at"]  # the first retirement stands
    catalogue = (await client.get("/api/v1/rewards", headers=as_(p.asn))).json()
    assert mug["id"] not in {r["id"] for r in catalogue}
    late = await redeem(client, as_(p.asn), mug["id"], "mug-1")
    assert (late.status_code, late.json()["code"]) == (409, "reward_retired")
    assert [r["name"] for r in (await client.get(ADMIN_REWARDS, headers=admin)).json()["items"]] == ["Kursi Diklat"]
    everything = await client.get(ADMIN_REWARDS, params={"include_retired": "true"}, headers=admin)
    assert [r["name"] for r in everything.json()["items"]] == ["Mug Tangkas", "Kursi Diklat"]


async def test_a_retired_rewards_pending_redemptions_stay_decidable_unless_released(client, world, as_):
    p, admin = world.pontianak, as_(world.pontianak.admin)
    for person in (p.asn, p.asn_child):
        await award(person, 500, this_week_at(WIB, 0, 9))
    kept = await make_reward(client, admin, name="Piagam", cost=100, stock=3)
    gone = await make_reward(client, admin, name="Kaos", kind="merchandise", cost=100, stock=3)
    first = (await redeem(client, as_(p.asn), kept["id"], "piagam-1")).json()["id"]
    second = (await redeem(client, as_(p.asn), gone["id"], "kaos-1")).json()["id"]
    third = (await redeem(client, as_(p.asn_child), gone["id"], "kaos-2")).json()["id"]
    assert await ledger_of(p.asn) == {"xp": 500, "held": 200, "spent": 0}

    stays = await client.post(f"{ADMIN_REWARDS}/{kept['id']}/retire", headers=admin)
    assert (stays.json()["pending"], stays.json()["released"]) == (1, 0)
    decided = await client.post(f"/api/v1/redemptions/{first}/decision", json={"decision": "approve"}, headers=admin)
    assert decided.status_code == 200 and decided.json()["status"] == "approved"  # the promise stands

    released = await client.post(
        f"{ADMIN_REWARDS}/{gone['id']}/retire", params={"release_pending": "true"}, headers=admin
    )
    assert (released.json()["pending"], released.json()["released"]) == (0, 2)
    statuses = await Redemption.select(Redemption.id, Redemption.status).where(Redemption.id.is_in([second, third]))
    assert {r["status"] for r in statuses} == {"rejected"}
    assert await ledger_of(p.asn) == {"xp": 500, "held": 0, "spent": 100}  # the points held by the released one back
    assert await ledger_of(p.asn_child) == {"xp": 500, "held": 0, "spent": 0}
    assert (await Reward.select(Reward.reserved).where(Reward.id == gone["id"]).first())["reserved"] == 0
    told = await Notification.select(Notification.person, Notification.title).where(
        Notification.kind == "redemption_rejected"
    )
    assert sorted(n["person"] for n in told) == sorted([p.asn, p.asn_child]) and "Kaos" in told[0]["title"]
    late = await client.post(f"/api/v1/redemptions/{second}/decision", json={"decision": "approve"}, headers=admin)
    assert (late.status_code, late.json()["code"]) == (409, "redemption_already_decided")
    again = await client.post(f"{ADMIN_REWARDS}/{gone['id']}/retire", params={"release_pending": "true"}, headers=admin)
    assert again.json()["released"] == 0 and await ledger_of(p.asn_child) == {"xp": 500, "held": 0, "spent": 0}


async def test_who_may_see_and_change_a_regions_rewards(client, world, as_):
    p = world.pontianak
    reward = await make_reward(client, as_(p.admin), name="Piagam", cost=10)
    national = await make_reward(client, as_(world.superadmin), name="Piagam Nasional", cost=10)
    for caller, status, code in (
        (world.palu.admin, 404, "reward_not_found"),
        (p.manager, 403, "admin_required"),
        (p.asn, 403, "admin_required"),
    ):
        for response in (
            await client.patch(f"{ADMIN_REWARDS}/{reward['id']}", json={"cost": 1}, headers=as_(caller)),
            await client.post(f"{ADMIN_REWARDS}/{reward['id']}/retire", headers=as_(caller)),
        ):
            assert (response.status_code, response.json()["code"]) == (status, code)
    other = await client.get(ADMIN_REWARDS, params={"region_id": p.region_id}, headers=as_(world.palu.admin))
    assert (other.status_code, other.json()["code"]) == (403, "outside_region")
    assert (await client.get(ADMIN_REWARDS, headers=as_(world.palu.admin))).json()["items"] == []
    # a national reward is the superadmin's: the region's admin sees it in the catalogue but does not change it
    touched = await client.patch(f"{ADMIN_REWARDS}/{national['id']}", json={"cost": 1}, headers=as_(p.admin))
    assert (touched.status_code, touched.json()["code"]) == (403, "outside_region")
    listed = (await client.get(ADMIN_REWARDS, headers=as_(world.superadmin))).json()["items"]
    assert [r["name"] for r in listed] == ["Piagam Nasional"]
    assert (await Reward.select(Reward.cost).where(Reward.id == reward["id"]).first())["cost"] == 10


async def test_approved_rewards_are_listed_to_hand_out_and_marked_once(client, world, as_):
    p, admin = world.pontianak, as_(world.pontianak.admin)
    for person in (p.asn, p.asn_child, p.manager):
        await award(person, 500, this_week_at(WIB, 0, 9))
    seat = await make_reward(client, admin, name="Kursi Pelatihan", kind="training_seat", cost=50)
    freeze = await make_reward(client, admin, name="Pembeku Runtun", kind="streak_freeze", cost=20)
    mine = await approved(client, as_, p.admin, p.asn, seat["id"], "kursi-1")
    child = await approved(client, as_, p.admin, p.asn_child, seat["id"], "kursi-2")
    managers = await approved(client, as_, p.admin, p.manager, seat["id"], "kursi-3")
    await approved(client, as_, p.admin, p.asn, freeze["id"], "beku-1")  # given on approval: not listed
    await redeem(client, as_(p.asn), seat["id"], "kursi-4")  # pending: not listed

    waiting = (await client.get(HAND_OUTS, headers=admin)).json()
    assert [i["id"] for i in waiting["items"]] == [mine, child, managers]
    assert waiting["items"][0]["person_name"] == "ASN Kota Pontianak" and waiting["items"][0]["handed_out_at"] is None
    first_page = (await client.get(HAND_OUTS, params={"limit": 2}, headers=admin)).json()
    second_page = await client.get(HAND_OUTS, params={"limit": 2, "cursor": first_page["next_cursor"]}, headers=admin)
    assert [i["id"] for i in first_page["items"] + second_page.json()["items"]] == [mine, child, managers]
    # the manager's scope is their unit and below, never their own redemption
    by_manager = (await client.get(HAND_OUTS, headers=as_(p.manager))).json()["items"]
    assert [i["id"] for i in by_manager] == [mine, child]
    assert (await client.get(HAND_OUTS, headers=as_(world.palu.admin))).json()["items"] == []

    marked = await client.post(f"/api/v1/redemptions/{mine}/handed-out", headers=as_(p.manager))
    assert marked.status_code == 200, marked.text
    assert marked.json()["handed_out_by"] == p.manager and not marked.json()["replayed"]
    again = await client.post(f"/api/v1/redemptions/{mine}/handed-out", headers=admin)
    assert again.status_code == 200 and again.json()["replayed"]
    assert (
        again.json()["handed_out_at"] == marked.json()["handed_out_at"] and again.json()["handed_out_by"] == p.manager
    )
    told = await Notification.select(Notification.title).where(
        (Notification.person == p.asn) & (Notification.kind == "redemption_handed_out")
    )
    assert [n["title"] for n in told] == ["Hadiah “Kursi Pelatihan” sudah diserahkan"]
    assert [i["id"] for i in (await client.get(HAND_OUTS, headers=admin)).json()["items"]] == [child, managers]
    given = (await client.get(HAND_OUTS, params={"handed_out": "true"}, headers=admin)).json()["items"]
    assert [i["id"] for i in given] == [mine]
    assert (await PointsTotal.select(PointsTotal.spent).where(PointsTotal.person == p.asn).first())["spent"] == 70


async def test_nobody_hands_out_their_own_reward_nor_one_out_of_reach(client, world, as_):
    p, admin = world.pontianak, as_(world.pontianak.admin)
    for person in (p.asn, p.manager):
        await award(person, 500, this_week_at(WIB, 0, 9))
    seat = await make_reward(client, admin, name="Kursi Pelatihan", kind="training_seat", cost=50)
    freeze = await make_reward(client, admin, name="Pembeku Runtun", kind="streak_freeze", cost=20)
    managers = await approved(client, as_, p.admin, p.manager, seat["id"], "kursi-1")
    asns = await approved(client, as_, p.admin, p.asn, seat["id"], "kursi-2")
    frozen = await approved(client, as_, p.admin, p.asn, freeze["id"], "beku-1")
    pending = (await redeem(client, as_(p.asn), seat["id"], "kursi-3")).json()["id"]
    cases = [
        (p.manager, managers, 403, "self_decision"),  # self-dealing, even as a manager of the unit
        (p.asn, asns, 403, "self_decision"),
        (p.asn_child, asns, 403, "decision_out_of_scope"),
        (world.palu.admin, asns, 404, "redemption_not_found"),
        (p.admin, frozen, 409, "redemption_given_on_approval"),
        (p.admin, pending, 409, "redemption_not_approved"),
    ]
    for caller, redemption_id, status, code in cases:
        response = await client.post(f"/api/v1/redemptions/{redemption_id}/handed-out", headers=as_(caller))
        assert (response.status_code, response.json()["code"]) == (status, code), (caller, code)
    assert await Redemption.count().where(Redemption.handed_out_at.is_not_null()) == 0
    listed = await client.get(HAND_OUTS, headers=as_(p.asn))
    assert (listed.status_code, listed.json()["code"]) == (403, "manager_required")
    message = (await client.post(f"/api/v1/redemptions/{pending}/handed-out", headers=admin)).json()["detail"]
    assert "menunggu keputusan" in message and "pending" not in message  # the state in Indonesian words
