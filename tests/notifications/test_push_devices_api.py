"""Push devices: one's own phones; a token moves to whoever registers it last."""

from domain.push import MAX_DEVICES
from gamification.storage.tables import PushDevice

DEVICES = "/api/v1/me/devices"


async def test_register_list_and_remove_ones_own_devices(client, world, as_):
    p = world.pontianak
    made = await client.post(DEVICES, json={"token": "fcm-a", "platform": "android"}, headers=as_(p.asn))
    assert made.status_code == 201, made.text
    assert set(made.json()) == {"id", "platform", "registered_at"}  # the token is not echoed
    again = await client.post(DEVICES, json={"token": "fcm-a", "platform": "android"}, headers=as_(p.asn))
    assert again.json()["id"] == made.json()["id"]  # registering again is the same device
    listed = (await client.get(DEVICES, headers=as_(p.asn))).json()
    assert [d["id"] for d in listed] == [made.json()["id"]]
    assert (await client.get(DEVICES, headers=as_(p.asn_child))).json() == []
    others = await client.delete(f"{DEVICES}/{made.json()['id']}", headers=as_(p.asn_child))
    assert (others.status_code, others.json()["code"]) == (404, "device_not_found")
    assert (await client.delete(f"{DEVICES}/{made.json()['id']}", headers=as_(p.asn))).status_code == 204
    assert await PushDevice.count() == 0


async def test_a_token_registered_by_someone_else_moves_to_them(client, world, as_):
    p = world.pontianak
    first = await client.post(DEVICES, json={"token": "shared-phone", "platform": "android"}, headers=as_(p.asn))
    second = await client.post(DEVICES, json={"token": "shared-phone", "platform": "ios"}, headers=as_(p.asn_child))
    assert second.status_code == 201 and second.json()["platform"] == "ios"
    assert (await client.get(DEVICES, headers=as_(p.asn))).json() == []
    rows = await PushDevice.select(PushDevice.person, PushDevice.id).where(PushDevice.token == "shared-phone")
    assert rows == [{"person": p.asn_child, "id": first.json()["id"]}]


async def test_at_most_ten_devices_the_oldest_goes(client, world, as_):
    p = world.pontianak
    for n in range(MAX_DEVICES + 1):
        await client.post(DEVICES, json={"token": f"t{n}", "platform": "web"}, headers=as_(p.asn))
    tokens = await PushDevice.select(PushDevice.token).where(PushDevice.person == p.asn).output(as_list=True)
    assert sorted(tokens) == sorted(f"t{n}" for n in range(1, MAX_DEVICES + 1))


async def test_bad_tokens_and_platforms_are_refused(client, world, as_):
    p = world.pontianak
    for body, status in (
        ({"token": "with space", "platform": "android"}, 422),
        ({"token": "   ", "platform": "android"}, 422),
        ({"token": "x" * 1025, "platform": "android"}, 400),
        ({"token": "ok", "platform": "nokia"}, 400),
        ({"token": "ok", "platform": "android", "person": 1}, 400),
        ({"platform": "android"}, 400),
    ):
        answer = await client.post(DEVICES, json=body, headers=as_(p.asn))
        assert answer.status_code == status, (body, answer.text)
    assert await PushDevice.count() == 0
