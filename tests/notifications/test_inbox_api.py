from tests.module_payloads import attempt, published_module

NOTES = "/api/v1/me/notifications"


async def test_a_level_up_is_told_once_and_only_to_the_person(client, world, as_):
    p = world.pontianak
    admin = as_(p.admin)
    big = await published_module(client, admin, title="Modul Besar", xp=95)
    small = await published_module(client, admin, title="Modul Kecil", xp=5)
    await attempt(client, as_(p.asn), small)  # 5 + 10: still Pemula
    assert "level_up" not in [n["kind"] for n in (await client.get(NOTES, headers=as_(p.asn))).json()["items"]]
    await attempt(client, as_(p.asn), big)  # +105: Pembelajar from 100 XP
    notes = (await client.get(NOTES, headers=as_(p.asn))).json()
    ups = [n for n in notes["items"] if n["kind"] == "level_up"]
    assert [(n["title"], n["data"]["level"]) for n in ups] == [("Naik level: Pembelajar", 2)]
    assert (await client.get(NOTES, headers=as_(p.asn_child))).json()["items"] == []


async def test_marking_read_touches_only_ones_own_and_bad_input_is_refused(client, world, as_):
    p = world.pontianak
    await attempt(client, as_(p.asn), await published_module(client, as_(p.admin), xp=95))
    mine = (await client.get(NOTES, headers=as_(p.asn))).json()
    ids = [n["id"] for n in mine["items"]]
    assert ids and mine["unread"] == len(ids)
    other = await client.post(f"{NOTES}/read", json={"ids": ids}, headers=as_(p.asn_child))
    assert other.json() == {"marked": 0}
    assert (await client.get(NOTES, headers=as_(p.asn))).json()["unread"] == len(ids)
    empty = await client.post(f"{NOTES}/read", json={"ids": []}, headers=as_(p.asn))
    assert (empty.status_code, empty.json()["code"]) == (422, "notification_ids_count")
    assert (await client.post(f"{NOTES}/read", json={"ids": [0]}, headers=as_(p.asn))).status_code == 400
    assert (await client.get(NOTES)).status_code == 401
    one = await client.post(f"{NOTES}/read", json={"ids": ids[:1]}, headers=as_(p.asn))
    assert one.json() == {"marked": 1}
    unread = (await client.get(NOTES, params={"unread": "true"}, headers=as_(p.asn))).json()
    assert [n["id"] for n in unread["items"]] == ids[1:] and unread["unread"] == len(ids) - 1
