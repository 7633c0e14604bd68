"""Badges kept by a region's admin (issue 19): list, edit, retire; national ones by the superadmin."""

from gamification.points.badges import award_badges
from gamification.storage.database import unit_of_work
from gamification.storage.tables import Badge, PersonBadge, Streak

ADMIN_BADGES = "/api/v1/admin/badges"


async def make_badge(client, headers, code: str, **fields) -> int:
    body = {"code": code, "name": "Pejuang Runtun", "criteria": {"kind": "streak", "days": 3}} | fields
    response = await client.post(ADMIN_BADGES, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return (await Badge.select(Badge.id).where(Badge.code == code).first())["id"]


async def streak_of(person_id: int, days: int) -> list[dict]:
    async with unit_of_work():
        await Streak.insert(Streak(person=person_id, current=days, longest=days))
        return await award_badges(person_id)


async def test_the_admin_lists_edits_and_retires_the_regions_badges(client, world, as_):
    p, admin = world.pontianak, as_(world.pontianak.admin)
    runner = await make_badge(client, admin, "pejuang-runtun")
    learner = await make_badge(
        client, admin, "pembelajar", name="Pembelajar", criteria={"kind": "completions", "count": 9}
    )
    await make_badge(client, as_(world.palu.admin), "palu-runtun")
    assert [b["code"] for b in await streak_of(p.asn, 5)] == ["pejuang-runtun"]

    listed = (await client.get(ADMIN_BADGES, headers=admin)).json()["items"]
    assert [(b["code"], b["holders"], b["active"]) for b in listed] == [
        ("pejuang-runtun", 1, True),
        ("pembelajar", 0, True),
    ]

    edited = await client.patch(
        f"{ADMIN_BADGES}/{runner}",
        json={"name": "Pejuang Runtun Sejati", "criteria": {"kind": "streak", "days": 10}, "value": "Kompeten"},
        headers=admin,
    )
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert (body["code"], body["name"], body["criteria"], body["value"]) == (
        "pejuang-runtun",
        "Pejuang Runtun Sejati",
        {"kind": "streak", "days": 10},
        "Kompeten",
    )
    assert await PersonBadge.count().where(PersonBadge.badge == runner) == 1  # given ones are never taken back
    assert await streak_of(p.asn_child, 5) == []  # the new criteria count from now on
    bad = await client.patch(f"{ADMIN_BADGES}/{runner}", json={"criteria": {"kind": "magic"}}, headers=admin)
    assert (bad.status_code, bad.json()["code"]) == (422, "badge_criterion_unknown")
    code = await client.patch(f"{ADMIN_BADGES}/{runner}", json={"code": "lain"}, headers=admin)
    assert code.status_code == 400  # the code never changes

    retired = await client.post(f"{ADMIN_BADGES}/{learner}/retire", headers=admin)
    assert retired.status_code == 200 and retired.json()["active"] is False
    assert (await client.post(f"{ADMIN_BADGES}/{learner}/retire", headers=admin)).json()["active"] is False
    await client.post(f"{ADMIN_BADGES}/{runner}/retire", headers=admin)
    assert await PersonBadge.count().where(PersonBadge.badge == runner) == 1  # kept by who earned it
    assert await streak_of(world.pontianak.manager, 20) == []  # retired: awarded no more
    catalogue = {b["code"] for b in (await client.get("/api/v1/badges", headers=as_(p.asn))).json()}
    assert not catalogue & {"pejuang-runtun", "pembelajar"}
    assert (await client.get(ADMIN_BADGES, headers=admin)).json()["items"] == []
    everything = (await client.get(ADMIN_BADGES, params={"include_retired": "true"}, headers=admin)).json()["items"]
    assert [b["code"] for b in everything] == ["pejuang-runtun", "pembelajar"]


async def test_who_may_see_and_change_a_regions_badges(client, world, as_):
    p = world.pontianak
    badge = await make_badge(client, as_(p.admin), "pontianak-runtun")
    national = await make_badge(client, as_(world.superadmin), "nasional-runtun")
    for caller, status, code in (
        (world.palu.admin, 404, "badge_not_found"),
        (p.manager, 403, "admin_required"),
        (p.asn, 403, "admin_required"),
    ):
        for response in (
            await client.patch(f"{ADMIN_BADGES}/{badge}", json={"name": "Diubah"}, headers=as_(caller)),
            await client.post(f"{ADMIN_BADGES}/{badge}/retire", headers=as_(caller)),
        ):
            assert (response.status_code, response.json()["code"]) == (status, code)
    touched = await client.post(f"{ADMIN_BADGES}/{national}/retire", headers=as_(p.admin))
    assert (touched.status_code, touched.json()["code"]) == (403, "outside_region")  # national: the superadmin's
    other = await client.get(ADMIN_BADGES, params={"region_id": p.region_id}, headers=as_(world.palu.admin))
    assert (other.status_code, other.json()["code"]) == (403, "outside_region")
    assert [b["code"] for b in (await client.get(ADMIN_BADGES, headers=as_(world.superadmin))).json()["items"]] == [
        "nasional-runtun"
    ]
    renamed = await client.patch(
        f"{ADMIN_BADGES}/{national}", json={"name": "Runtun Nusantara"}, headers=as_(world.superadmin)
    )
    assert renamed.status_code == 200 and renamed.json()["name"] == "Runtun Nusantara"
    rows = await Badge.select(Badge.name, Badge.active).where(Badge.id == badge).first()
    assert rows == {"name": "Pejuang Runtun", "active": True}
