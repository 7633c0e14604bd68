"""A comment (or a named ASN) that comes to wait for moderation tells the deciders of its unit: each at most
once an hour with how many wait for them, never the ASN it names, and by push only to those who want it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from domain.moderation import NOTICE_WINDOW
from gamification.notifications.outbox import PushOutbox
from gamification.storage.json_column import loaded
from gamification.storage.tables import Notification, PushDevice
from tests.factories import add_person
from tests.notifications.test_push_outbox import FakePushService
from tests.statements import counted
from tests.surveys.helpers import citizen, make_point, open_form, opt_in, send_answer

KIND = "comment_waiting"
T0 = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.timezone.utc)  # 09:00 WIB, a Monday


@dataclass
class Place:
    key: str
    section_head: int  # manages Seksi Aplikasi, where the service is; opted in to be named by citizens
    other_manager: int  # manages the other agency's unit


@pytest.fixture
async def place(client, world, as_, time_machine) -> Place:
    time_machine.move_to(T0, tick=True)
    p = world.pontianak
    section_head = await add_person("Kepala Seksi", p.child_unit, p.region_id, "manager;asn")
    await opt_in(section_head)
    other_manager = await add_person("Kepala Bidang Pelayanan", p.other_unit, p.region_id, "manager;asn")
    point = await make_point(client, as_(p.manager), p.child_unit, name="Perekaman KTP-el")
    return Place(point["public_key"], section_head, other_manager)


async def answer(app, key: str, address: str, **body) -> None:
    async with citizen(app, address) as phone:
        form = await open_form(phone, key)
        sent = await send_answer(phone, key, form["form_token"], **body)
    assert sent.status_code == 201, sent.text


async def notices() -> list[tuple[int, str, str, dict]]:
    rows = await Notification.select().where(Notification.kind == KIND).order_by(Notification.id)
    return [(row["person"], row["title"], row["body"], loaded(row["data"])) for row in rows]


async def test_a_waiting_comment_tells_the_units_deciders_once_an_hour_and_never_the_asn_it_names(
    app, world, place, time_machine
):
    p = world.pontianak
    await answer(
        app, place.key, "198.51.100.1", comment="Pak Kepala Seksi sangat membantu.", served_by=place.section_head
    )
    # the managers above the unit (the head of the agency) and the region's admin; not the ASN named, though he
    # manages the unit, nor the other agency's manager, nor another region's people
    first = await notices()
    assert sorted(person for person, *_ in first) == sorted([p.admin, p.manager])
    _, title, body, data = first[0]
    assert title == "1 komentar warga menunggu moderasi Anda"
    assert body == "Yang terbaru tentang layanan “Perekaman KTP-el” di Seksi Aplikasi."
    assert data == {"unit": p.child_unit, "waiting": 1}
    assert "membantu" not in title + body  # the comment itself goes nowhere but the queue

    time_machine.move_to(T0 + dt.timedelta(minutes=10), tick=True)
    await answer(app, place.key, "198.51.100.2", comment="Antrean panjang.")
    await answer(app, place.key, "198.51.100.3")  # scores only: nothing to moderate
    # the admin and the head were told within the hour: nothing more for them; the section's head now
    # decides a comment (the first names him) and hears of that one
    second = (await notices())[len(first) :]
    assert [(person, title, data) for person, title, _, data in second] == [
        (place.section_head, "1 komentar warga menunggu moderasi Anda", {"unit": p.child_unit, "waiting": 1})
    ]

    time_machine.move_to(T0 + NOTICE_WINDOW + dt.timedelta(minutes=1), tick=True)
    await answer(app, place.key, "198.51.100.4", comment="Ruang tunggu panas.")
    third = (await notices())[len(first) + len(second) :]
    assert sorted((person, data["waiting"]) for person, _, _, data in third) == sorted([(p.admin, 3), (p.manager, 3)])
    assert place.other_manager not in {person for person, *_ in await notices()}


async def test_an_answer_naming_an_asn_waits_and_tells_too_and_a_refused_answer_tells_nobody(app, world, place):
    p = world.pontianak
    async with citizen(app, "198.51.100.9") as phone:
        form = await open_form(phone, place.key)
        named = await send_answer(phone, place.key, form["form_token"], served_by=place.section_head)
        again = await send_answer(phone, place.key, form["form_token"], comment="Sekali lagi.")
    assert named.json()["comment_status"] == "pending" and again.status_code == 409
    assert sorted(person for person, *_ in await notices()) == sorted([p.admin, p.manager])


async def test_the_notice_is_pushed_to_the_deciders_who_want_it(app, client, world, place, as_):
    p = world.pontianak
    for person, token in ((p.admin, "hp-admin"), (p.manager, "hp-kepala"), (place.section_head, "hp-seksi")):
        await PushDevice.insert(PushDevice(person=person, token=token, platform="android"))
    assert (await client.patch("/api/v1/me", json={"push_enabled": False}, headers=as_(p.manager))).status_code == 200
    muted = await client.patch("/api/v1/me", json={"push_muted_kinds": [KIND]}, headers=as_(place.section_head))
    assert muted.status_code == 200
    await answer(app, place.key, "198.51.100.1", comment="Petugas ramah.")
    assert {person for person, *_ in await notices()} == {p.admin, p.manager, place.section_head}

    service = FakePushService()
    assert await PushOutbox(service).drain() == {"sent": 1, "opted_out": 2}
    assert [token for token, _ in service.sends] == ["hp-admin"]
    results = await Notification.select(Notification.person, Notification.push_result).where(Notification.kind == KIND)
    assert {row["person"]: row["push_result"] for row in results} == {
        p.admin: "sent",
        p.manager: "opted_out",  # push off altogether: the inbox only
        place.section_head: "opted_out",  # this kind muted
    }


async def test_a_comment_within_the_hour_costs_a_few_reads_more_than_an_answer_without_one(app, place, monkeypatch):
    await answer(app, place.key, "198.51.100.1", comment="Pertama.")  # every decider told

    async def statements_of(address: str, **body) -> int:
        async with citizen(app, address) as phone:
            form = await open_form(phone, place.key)
            with counted(monkeypatch) as statements:
                sent = await send_answer(phone, place.key, form["form_token"], **body)
        assert sent.status_code == 201
        return statements.count

    plain = await statements_of("198.51.100.2")
    commented = await statements_of("198.51.100.3", comment="Kedua.")
    # the unit, its deciders, the agency's top units (for its head's reach), who heard within the hour
    assert commented - plain == 4
    assert await Notification.count().where(Notification.kind == KIND) == 3
