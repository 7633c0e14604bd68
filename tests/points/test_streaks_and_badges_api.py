import datetime as dt
from zoneinfo import ZoneInfo

from domain.rules import DEFAULT_RULES
from gamification.demo.content_files import DEMO_BADGES
from gamification.storage.tables import Badge, PersonBadge, StreakFreeze
from tests.awards import award, this_week_at
from tests.module_payloads import attempt_body, published_module

WIB = ZoneInfo("Asia/Jakarta")


def last_working_days(count: int) -> list[dt.date]:
    day, days = dt.datetime.now(WIB).date(), []
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day -= dt.timedelta(days=1)
    return sorted(days)


def on_day(module: dict, day: dt.date) -> dict:
    finished = min(dt.datetime.combine(day, dt.time(10), WIB), dt.datetime.now(WIB) - dt.timedelta(minutes=1))
    ago = dt.datetime.now(dt.timezone.utc) - finished
    return {"module_id": module["id"]} | attempt_body(module, ago=ago)


async def test_seven_working_days_make_a_streak_milestone_that_earns_xp_even_when_synced_late(client, world, as_):
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    modules = [await published_module(client, admin, title=f"Harian {n}", xp=10) for n in range(7)]
    days = last_working_days(7)
    first_six = [on_day(module, day) for module, day in zip(modules, days[:3] + days[4:], strict=False)]
    await client.post("/api/v1/sync", json={"attempts": first_six}, headers=learner)
    profile = (await client.get("/api/v1/me", headers=learner)).json()
    assert profile["streak"]["longest"] == 3  # a working day is missing in the middle
    assert profile["xp"] == 6 * 20

    late = await client.post("/api/v1/sync", json={"attempts": [on_day(modules[6], days[3])]}, headers=learner)
    assert late.json()["results"][0]["result"]["xp_awarded"] == 20 + 50  # the module, and the 7-day milestone
    profile = (await client.get("/api/v1/me", headers=learner)).json()
    assert profile["streak"] == {"current": 7, "longest": 7, "freezes": 0}
    assert profile["xp"] == 7 * 20 + 50
    points = (await client.get("/api/v1/me/points", headers=learner)).json()["items"]
    assert [(p["rule_code"], p["xp"], p["label"]) for p in points if p["fact_kind"] == "streak_milestone"] == [
        ("streak_milestone", 50, "Runtunan 7 hari belajar")
    ]


async def test_a_holiday_kept_by_the_admin_fills_the_gap(client, world, as_):
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    days = last_working_days(3)
    modules = [await published_module(client, admin, title=f"Libur {n}") for n in range(2)]
    holiday = await client.post(
        "/api/v1/admin/holidays", json={"day": days[1].isoformat(), "name": "Cuti bersama"}, headers=admin
    )
    assert holiday.status_code == 201
    twice = await client.post(
        "/api/v1/admin/holidays", json={"day": days[1].isoformat(), "name": "Lagi"}, headers=admin
    )
    assert (twice.status_code, twice.json()["code"]) == (409, "holiday_exists")
    palu = await client.post(
        "/api/v1/admin/holidays",
        json={"day": days[1].isoformat(), "name": "x", "region_id": world.pontianak.region_id},
        headers=as_(world.palu.admin),
    )
    assert (palu.status_code, palu.json()["code"]) == (403, "outside_region")
    await client.post(
        "/api/v1/sync", json={"attempts": [on_day(modules[0], days[0]), on_day(modules[1], days[2])]}, headers=learner
    )
    assert (await client.get("/api/v1/me", headers=learner)).json()["streak"]["longest"] == 2


async def test_badges_are_earned_once_with_their_reason_and_show_in_the_attempt(client, world, as_):
    await Badge.insert(*[Badge(**fields) for fields in DEMO_BADGES])
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    cyber = [
        await published_module(client, admin, title=f"Siber {n}", topics=["keamanan-siber"], jp=2.0) for n in range(3)
    ]
    first = (
        await client.post(f"/api/v1/modules/{cyber[0]['id']}/attempts", json=attempt_body(cyber[0]), headers=learner)
    ).json()
    assert sorted(b["code"] for b in first["new_badges"]) == ["langkah-pertama", "nilai-sempurna"]
    second = (
        await client.post(f"/api/v1/modules/{cyber[1]['id']}/attempts", json=attempt_body(cyber[1]), headers=learner)
    ).json()
    assert second["new_badges"] == []
    third = (
        await client.post(f"/api/v1/modules/{cyber[2]['id']}/attempts", json=attempt_body(cyber[2]), headers=learner)
    ).json()
    assert sorted(b["code"] for b in third["new_badges"]) == ["lima-jp", "penjaga-siber"]
    mine = (await client.get("/api/v1/me/badges", headers=learner)).json()
    assert len(mine) == 4 and await PersonBadge.count() == 4
    siber = next(b for b in mine if b["code"] == "penjaga-siber")
    assert [m["title"] for m in siber["reason"]["modules"]] == [m["title"] for m in cyber[:3]]
    assert "completions" not in siber["reason"]
    catalogue = (await client.get("/api/v1/badges", headers=learner)).json()
    assert len(catalogue) == len(DEMO_BADGES) and all(b["name"] for b in catalogue)


async def test_admins_create_badges_for_their_region_only(client, world, as_):
    badge = {"code": "pontianak-cerdas", "name": "Pontianak Cerdas", "criteria": {"kind": "completions", "count": 2}}
    created = await client.post("/api/v1/admin/badges", json=badge, headers=as_(world.pontianak.admin))
    assert created.status_code == 201
    assert (await client.post("/api/v1/admin/badges", json=badge, headers=as_(world.pontianak.admin))).json()[
        "code"
    ] == "badge_code_taken"
    for criteria, code in [
        ({"kind": "magic"}, "badge_criterion_unknown"),
        ({"kind": "streak", "days": 0}, "badge_criterion_params"),
    ]:
        response = await client.post(
            "/api/v1/admin/badges",
            json=badge | {"code": "lain", "criteria": criteria},
            headers=as_(world.pontianak.admin),
        )
        assert (response.status_code, response.json()["code"]) == (422, code)
    elsewhere = badge | {"code": "palu-x", "region_id": world.pontianak.region_id}
    assert (await client.post("/api/v1/admin/badges", json=elsewhere, headers=as_(world.palu.admin))).json()[
        "code"
    ] == "outside_region"
    assert (await client.post("/api/v1/admin/badges", json=badge, headers=as_(world.pontianak.asn))).status_code == 403
    palu_catalogue = (await client.get("/api/v1/badges", headers=as_(world.palu.asn))).json()
    assert palu_catalogue == []


async def test_rules_and_levels_are_their_regions_admins_to_change(client, world, as_):
    change = {
        "code": "module_xp",
        "formula": "fact_xp",
        "params": {"multiplier_percent": 150},
        "effective_from": "2026-01-01",
    }
    for headers, body, status, code in [
        (as_(world.pontianak.asn), change, 403, "admin_required"),
        (as_(world.palu.admin), change | {"region_id": world.pontianak.region_id}, 403, "outside_region"),
        (as_(world.pontianak.admin), change | {"code": "bonus_rahasia"}, 422, "rule_unknown"),
        (as_(world.pontianak.admin), change | {"formula": "kali_dua"}, 422, "rule_formula_unknown"),
        (as_(world.pontianak.admin), change | {"params": {"xp": 5}}, 422, "rule_params"),
        (as_(world.pontianak.admin), change | {"params": {"multiplier_percent": -1}}, 422, "rule_param_range"),
    ]:
        response = await client.post("/api/v1/admin/rules", json=body, headers=headers)
        assert (response.status_code, response.json()["code"]) == (status, code), body
    palu_rules = (await client.get("/api/v1/admin/rules", headers=as_(world.palu.admin))).json()
    assert all(rule["region_id"] is None for rule in palu_rules) and len(palu_rules) == len(DEFAULT_RULES)

    levels = {"levels": [{"min_xp": 0, "name": "Tunas"}, {"min_xp": 50, "name": "Bintang Khatulistiwa"}]}
    assert (
        await client.put("/api/v1/admin/levels", json=levels, headers=as_(world.pontianak.admin))
    ).status_code == 200
    bad = await client.put(
        "/api/v1/admin/levels",
        json={"levels": [{"min_xp": 10, "name": "A"}, {"min_xp": 5, "name": "B"}]},
        headers=as_(world.pontianak.admin),
    )
    assert (bad.status_code, bad.json()["code"]) == (422, "levels_thresholds")
    assert (await client.get("/api/v1/me", headers=as_(world.pontianak.asn))).json()["level"]["name"] == "Tunas"
    assert (await client.get("/api/v1/me", headers=as_(world.palu.asn))).json()["level"]["name"] == "Pemula"


async def test_holidays_without_a_year_are_this_years_in_the_regions_zone(client, world, as_):
    admin = as_(world.pontianak.admin)
    today = dt.datetime.now(ZoneInfo("Asia/Jakarta")).date()  # Pontianak keeps WIB
    for day, name in ((today, "Hari ini"), (today.replace(year=today.year + 1, month=1, day=1), "Tahun depan")):
        response = await client.post(
            "/api/v1/admin/holidays", json={"day": day.isoformat(), "name": name}, headers=admin
        )
        assert response.status_code == 201
    listed = (await client.get("/api/v1/admin/holidays", headers=admin)).json()
    assert [h["name"] for h in listed] == ["Hari ini"]
    next_year = (await client.get("/api/v1/admin/holidays", params={"year": today.year + 1}, headers=admin)).json()
    assert [h["name"] for h in next_year] == ["Tahun depan"]


async def test_a_holiday_added_after_the_learning_joins_the_runs_at_once_and_removing_it_splits_them(
    client, world, as_
):
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    days = last_working_days(3)
    modules = [await published_module(client, admin, title=f"Sebelum libur {n}") for n in range(2)]
    await client.post(
        "/api/v1/sync", json={"attempts": [on_day(modules[0], days[0]), on_day(modules[1], days[2])]}, headers=learner
    )
    assert (await client.get("/api/v1/me", headers=learner)).json()["streak"]["longest"] == 1

    holiday = await client.post(
        "/api/v1/admin/holidays", json={"day": days[1].isoformat(), "name": "Cuti bersama"}, headers=admin
    )
    assert (await client.get("/api/v1/me", headers=learner)).json()["streak"]["longest"] == 2  # no nightly run

    removed = await client.delete(f"/api/v1/admin/holidays/{holiday.json()['id']}", headers=admin)
    assert removed.status_code == 204
    assert (await client.get("/api/v1/me", headers=learner)).json()["streak"]["current"] == 1


async def test_a_streak_freeze_from_an_approved_redemption_covers_one_missed_working_day(client, world, as_):
    p = world.pontianak
    admin, learner, manager = as_(p.admin), as_(p.asn), as_(p.manager)
    await award(p.asn, 100, this_week_at("Asia/Jakarta", 0, 9))
    freeze = await client.post(
        "/api/v1/admin/rewards", json={"name": "Pembeku Runtunan", "kind": "streak_freeze", "cost": 40}, headers=admin
    )
    assert freeze.status_code == 201, freeze.text
    redemptions = [
        (
            await client.post(
                f"/api/v1/rewards/{freeze.json()['id']}/redemptions",
                json={"client_id": f"hp-beku-{n}"},
                headers=learner,
            )
        ).json()
        for n in range(2)
    ]
    for redemption, decision in zip(redemptions, ("approve", "reject"), strict=True):
        decided = await client.post(
            f"/api/v1/redemptions/{redemption['id']}/decision", json={"decision": decision}, headers=manager
        )
        assert decided.status_code == 200
    assert (await client.get("/api/v1/me", headers=learner)).json()["streak"]["freezes"] == 1  # the rejected: none

    days = last_working_days(3)
    # as if approved a week before the miss: a freeze covers days missed after it was given
    await StreakFreeze.update({StreakFreeze.given_on: days[0] - dt.timedelta(days=7)}).where(
        StreakFreeze.person == p.asn
    )
    modules = [await published_module(client, admin, title=f"Beku {n}") for n in range(2)]
    await client.post(
        "/api/v1/sync", json={"attempts": [on_day(modules[0], days[0]), on_day(modules[1], days[2])]}, headers=learner
    )
    streak = (await client.get("/api/v1/me", headers=learner)).json()["streak"]
    assert streak == {"current": 2, "longest": 2, "freezes": 0}  # the frozen day kept the run, and is not counted
