"""Unit badges for good service: made through the badge admin route, previewed without awarding, awarded once
after the period by the scheduled job, listed for the unit and on the manager's team view."""

from __future__ import annotations

import datetime as dt

from gamification.satisfaction.scheduled import award_unit_badges_job
from gamification.satisfaction.unit_badges import award_ended_periods
from gamification.storage.json_column import loaded
from gamification.storage.tables import Notification, UnitBadge
from tests.factories import add_person
from tests.satisfaction.helpers import HAND_ANSWERS, add_answers, add_service_point

IN_Q4 = dt.date(2026, 11, 10)
AFTER_Q4 = dt.datetime(2027, 1, 2, 3, 0, tzinfo=dt.timezone.utc)  # 10:00 WIB on 2 January
GOOD_BEHAVIOUR = {"kind": "unit_service", "element": "U7", "min": 3.75, "period": "quarter", "min_answers": 4}


async def make_badge(client, headers, code: str, criteria: dict, **body) -> dict:
    response = await client.post(
        "/api/v1/admin/badges",
        json={"code": code, "name": f"Lencana {code}", "criteria": criteria} | body,
        headers=headers,
    )
    assert response.status_code == 201, response.text
    return response.json()


async def seed(world) -> dict[str, int]:
    """Head unit: the hand example (U7 3.75, IKM 86.81); the other unit: all threes (U7 3.0, IKM 75.0)."""
    p = world.pontianak
    head = await add_service_point(p.head_unit, "Perekaman KTP-el")
    other = await add_service_point(p.other_unit, "Akta Kelahiran")
    child = await add_service_point(p.child_unit, "Konsultasi")
    await add_answers(head, IN_Q4, HAND_ANSWERS)
    await add_answers(other, IN_Q4, [[3] * 9] * 5)
    await add_answers(child, IN_Q4, [[4] * 9])  # one answer: below min_answers
    return {"head": head, "other": other, "child": child}


async def test_an_admin_makes_a_unit_badge_with_its_threshold_as_data(client, world, as_):
    p = world.pontianak
    badge = await make_badge(client, as_(p.admin), "perilaku-teladan", GOOD_BEHAVIOUR)
    assert badge["criteria"] == GOOD_BEHAVIOUR
    refused = await client.post(
        "/api/v1/admin/badges",
        json={"code": "salah", "name": "Salah", "criteria": GOOD_BEHAVIOUR | {"element": "U10"}},
        headers=as_(p.admin),
    )
    assert (refused.status_code, refused.json()["code"]) == (422, "badge_criterion_element")
    too_high = await client.post(
        "/api/v1/admin/badges",
        json={"code": "salah", "name": "Salah", "criteria": GOOD_BEHAVIOUR | {"min": 4.5}},
        headers=as_(p.admin),
    )
    assert (too_high.status_code, too_high.json()["code"]) == (422, "badge_criterion_min")
    person_badge = await client.post(
        "/api/v1/admin/badges",
        json={"code": "runtun", "name": "Runtun", "criteria": {"kind": "streak", "days": 7.5}},
        headers=as_(p.admin),
    )
    assert person_badge.status_code == 422  # a person's counts stay whole numbers


async def test_the_preview_names_the_units_that_would_earn_it_and_awards_nothing(client, world, as_):
    p = world.pontianak
    await seed(world)
    await make_badge(client, as_(p.admin), "perilaku-teladan", GOOD_BEHAVIOUR)
    by_code = await client.post(
        "/api/v1/admin/unit-badges/preview", json={"code": "perilaku-teladan", "at": "2026-Q4"}, headers=as_(p.admin)
    )
    assert by_code.status_code == 200, by_code.text
    preview = by_code.json()
    assert (preview["period_key"], preview["units_with_answers"]) == ("2026-Q4", 3)
    assert [(e["unit_id"], e["value"], e["answers"], e["ikm"]) for e in preview["earners"]] == [
        (p.head_unit, 3.75, 4, 86.81)
    ]
    ikm = {"kind": "unit_service", "element": "IKM", "min": 75, "period": "quarter"}
    draft = await client.post(
        "/api/v1/admin/unit-badges/preview", json={"criteria": ikm, "at": "2026-11"}, headers=as_(p.admin)
    )
    assert [e["unit"] for e in draft.json()["earners"]] == ["Seksi Aplikasi", "Bidang E-Government", "Bidang Pelayanan"]
    assert await UnitBadge.count() == 0
    for body, code in [
        ({}, "unit_badge_preview_input"),
        ({"code": "perilaku-teladan", "criteria": ikm}, "unit_badge_preview_input"),
        ({"code": "tidak-ada"}, "badge_not_found"),
        ({"criteria": {"kind": "streak", "days": 7}}, "badge_not_unit_service"),
        ({"criteria": ikm, "at": "2026-W48"}, "ikm_at_format"),
    ]:
        response = await client.post("/api/v1/admin/unit-badges/preview", json=body, headers=as_(p.admin))
        assert response.json()["code"] == code, (body, response.text)
    # Palu's admin previews Palu's units only, and does not see Pontianak's badge
    elsewhere = await client.post(
        "/api/v1/admin/unit-badges/preview", json={"criteria": ikm, "at": "2026-Q4"}, headers=as_(world.palu.admin)
    )
    assert elsewhere.json()["earners"] == []
    hidden = await client.post(
        "/api/v1/admin/unit-badges/preview", json={"code": "perilaku-teladan"}, headers=as_(world.palu.admin)
    )
    assert hidden.status_code == 404


async def test_the_job_awards_the_ended_quarter_once_and_tells_the_managers(client, world, as_):
    p = world.pontianak
    await seed(world)
    await make_badge(client, as_(p.admin), "perilaku-teladan", GOOD_BEHAVIOUR)
    await make_badge(client, as_(world.palu.admin), "teladan-palu", GOOD_BEHAVIOUR | {"element": "IKM", "min": 25})
    await make_badge(client, as_(p.admin), "bulanan", GOOD_BEHAVIOUR | {"period": "month"})  # December: no answers

    assert await award_ended_periods(dt.datetime(2026, 12, 20, tzinfo=dt.timezone.utc)) == {"badges": 3, "awarded": 0}
    assert await award_ended_periods(AFTER_Q4) == {"badges": 3, "awarded": 1}
    assert await award_ended_periods(AFTER_Q4 + dt.timedelta(days=1)) == {"badges": 3, "awarded": 0}
    rows = await UnitBadge.select(UnitBadge.unit, UnitBadge.period_key, UnitBadge.reason)
    assert [(row["unit"], row["period_key"]) for row in rows] == [(p.head_unit, "2026-Q4")]
    assert loaded(rows[0]["reason"]) == {"element": "U7", "value": 3.75, "answers": 4, "ikm": 86.81}
    notices = await Notification.select(Notification.person, Notification.kind, Notification.title).where(
        Notification.kind == "unit_badge"
    )
    assert notices == [
        {"person": p.manager, "kind": "unit_badge", "title": "Unit Anda meraih lencana: Lencana perilaku-teladan"}
    ]
    # a week after the quarter, it is left alone
    assert await award_ended_periods(AFTER_Q4 + dt.timedelta(days=8)) == {"badges": 3, "awarded": 0}

    listed = await client.get(f"/api/v1/units/{p.head_unit}/badges", headers=as_(p.asn))
    assert listed.status_code == 200, listed.text
    assert [(b["code"], b["period_key"]) for b in listed.json()] == [("perilaku-teladan", "2026-Q4")]
    assert (await client.get(f"/api/v1/units/{p.head_unit}/badges", headers=as_(world.palu.admin))).status_code == 403
    assert (await client.get(f"/api/v1/units/{p.other_unit}/badges", headers=as_(p.asn))).status_code == 403
    assert (await client.get("/api/v1/units/999999/badges", headers=as_(p.admin))).status_code == 404


async def test_the_scheduled_job_runs_once_per_trigger(client, world, as_):
    p = world.pontianak
    await seed(world)
    await make_badge(client, as_(p.admin), "perilaku-teladan", GOOD_BEHAVIOUR)
    first = await award_unit_badges_job(AFTER_Q4)
    again = await award_unit_badges_job(AFTER_Q4 + dt.timedelta(minutes=5))  # the same hour's trigger
    assert (first, again) == ({"badges": 1, "awarded": 1}, None)
    assert await award_unit_badges_job(AFTER_Q4 + dt.timedelta(days=1)) == {"badges": 1, "awarded": 0}
    assert await UnitBadge.count() == 1


async def test_an_admin_without_a_region_previews_no_region(client, world, as_):
    # review of issue 18: a region of None meant every region to the preview
    await seed(world)
    lone_admin = await add_person("Admin Tanpa Wilayah", None, None, "admin")
    ikm = {"kind": "unit_service", "element": "IKM", "min": 25, "period": "quarter", "min_answers": 1}
    body = {"criteria": ikm, "at": "2026-Q4"}
    lone = await client.post("/api/v1/admin/unit-badges/preview", json=body, headers=as_(lone_admin))
    assert lone.status_code == 200 and lone.json()["earners"] == [] and lone.json()["units_with_answers"] == 0
    regional = await client.post("/api/v1/admin/unit-badges/preview", json=body, headers=as_(world.pontianak.admin))
    assert len(regional.json()["earners"]) == 3
