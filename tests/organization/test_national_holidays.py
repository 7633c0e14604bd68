"""Indonesia's national holidays and cuti bersama come with every region's calendar, as data."""

import datetime as dt

from gamification.organization.national_holidays import national_holidays

NEW_REGION = {"name": "Kota Binjai", "slug": "binjai", "timezone": "Asia/Jakarta"}


def test_the_data_holds_2026_by_the_skb_and_the_fixed_days_of_2027():
    days = dict(national_holidays())
    in_2026 = [day for day in days if day.year == 2026]
    assert len(in_2026) == 17 + 8  # SKB 3 Menteri 2025: 17 libur nasional, 8 cuti bersama
    assert sum(name.startswith("Cuti bersama") for day, name in days.items() if day.year == 2026) == 8
    assert days[dt.date(2026, 3, 21)] == "Idulfitri 1447 H" and dt.date(2026, 3, 24) in days
    assert {dt.date(2027, 1, 1), dt.date(2027, 3, 26), dt.date(2027, 8, 17), dt.date(2027, 12, 25)} <= set(days)
    assert len(days) == len(national_holidays())  # one entry a day


async def test_a_new_region_starts_with_the_national_calendar_and_its_admin_may_change_it(client, world, as_):
    superadmin = as_(world.superadmin)
    region = await client.post("/api/v1/admin/regions", json=NEW_REGION, headers=superadmin)
    assert region.status_code == 201, region.text
    listed = await client.get(
        "/api/v1/admin/holidays", params={"year": 2026, "region_id": region.json()["id"]}, headers=superadmin
    )
    assert [(h["day"], h["name"]) for h in listed.json()] == [
        (day.isoformat(), name) for day, name in national_holidays() if day.year == 2026
    ]
    nyepi = next(h for h in listed.json() if h["day"] == "2026-03-19")
    assert (await client.delete(f"/api/v1/admin/holidays/{nyepi['id']}", headers=superadmin)).status_code == 204
    again = await client.get(
        "/api/v1/admin/holidays", params={"year": 2026, "region_id": region.json()["id"]}, headers=superadmin
    )
    assert len(again.json()) == 24
