"""Complaints through the API: a citizen files without signing in and follows the answer by the tracking code;
the unit's manager is told, moves it and answers; resends file once; nobody outside the unit's reach sees it."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt

import httpx
import pytest

from api.app import create_app
from gamification.storage.tables import Complaint, ComplaintEvent, Notification
from tests.complaints.helpers import BODY, COMPLAINTS, PUBLIC, add_service_point, complaint_id, file, ok
from tests.conftest import empty_database, running
from tests.factories import add_person, build_world


async def notices(person_id: int, kind: str) -> list[dict]:
    return await Notification.select().where((Notification.person == person_id) & (Notification.kind == kind))


async def test_a_complaint_goes_from_filed_to_answered_with_the_manager_notified(client, world, as_):
    p = world.pontianak
    key = await add_service_point(p.region_id, p.head_unit, name="Perekaman KTP-el")
    filed = await file(client, key, contact="0812 3456 7890", contact_consent=True, client_id="hp-ani-0001")
    code = filed["tracking_code"]
    assert len(code) == 11 and code[5] == "-" and filed["status"] == "received" and not filed["replayed"]

    told = await notices(p.manager, "complaint_filed")
    assert len(told) == 1 and "Perekaman KTP-el" in told[0]["title"]
    assert await notices(p.admin, "complaint_filed") == []  # the unit has a manager: the admin is not disturbed
    inbox = await ok(await client.get("/api/v1/manager/inbox", headers=as_(p.manager)))
    assert [(i["kind"], i["requested_by"]) for i in inbox["items"]] == [("complaint", "Warga")]
    assert inbox["counts"]["complaint"] == 1 and inbox["counts"]["total"] == 1

    cid = await complaint_id(client, as_(p.manager), code)
    seen = await ok(await client.get(f"{COMPLAINTS}/{cid}", headers=as_(p.manager)))
    assert seen["contact"] == "0812 3456 7890" and seen["body"] == BODY and seen["overdue"] is False
    moving = await ok(await client.post(f"{COMPLAINTS}/{cid}/progress", json={"note": "Dicek"}, headers=as_(p.manager)))
    assert moving["status"] == "in_progress"
    answer = "Mulai Senin loket membuka 150 nomor antrean dan antrean daring lewat aplikasi."
    answered = await ok(
        await client.post(f"{COMPLAINTS}/{cid}/answer", json={"answer": answer}, headers=as_(p.manager))
    )
    assert answered["status"] == "answered" and answered["answered_by"] == "Manajer Kota Pontianak"

    typed = code.lower().replace("-", " ")
    citizen = await ok(await client.get(f"{PUBLIC}/complaints/{typed}"))
    assert citizen["status"] == "answered" and citizen["answer"] == answer
    assert citizen["answered_by_unit"] == "Bidang E-Government" and citizen["status_label"] == "Sudah dijawab"
    text = str(citizen)
    assert "0812" not in text and "Manajer" not in text and "contact" not in citizen  # no contact, no staff name

    closed = await ok(await client.post(f"{COMPLAINTS}/{cid}/close", headers=as_(p.manager)))
    assert closed["status"] == "closed" and closed["closed_at"] is not None
    history = (await ok(await client.get(f"{COMPLAINTS}/{cid}", headers=as_(p.manager))))["events"]
    assert [(e["by"], e["from_status"], e["to_status"]) for e in history] == [
        ("Warga", None, "received"),
        ("Manajer Kota Pontianak", "received", "in_progress"),
        ("Manajer Kota Pontianak", "in_progress", "answered"),
        ("Manajer Kota Pontianak", "answered", "closed"),
    ]
    assert history[1]["note"] == "Dicek"
    assert (await ok(await client.get("/api/v1/manager/inbox", headers=as_(p.manager))))["counts"]["complaint"] == 0


async def test_a_unit_without_a_manager_tells_the_region_admins(client, world):
    p = world.pontianak
    await file(client, await add_service_point(p.region_id, p.other_unit))
    assert len(await notices(p.admin, "complaint_filed")) == 1
    assert await notices(p.manager, "complaint_filed") == []  # another agency's manager


async def test_a_complaint_of_a_child_unit_tells_the_nearest_manager_above_it(client, world):
    p = world.pontianak
    await file(client, await add_service_point(p.region_id, p.child_unit))
    assert len(await notices(p.manager, "complaint_filed")) == 1


async def test_a_resent_filing_answers_the_first_and_another_text_with_its_id_is_refused(client, world):
    p = world.pontianak
    key = await add_service_point(p.region_id, p.head_unit)
    first = await file(client, key, client_id="hp-budi-0001")
    again = await file(client, key, 200, client_id="hp-budi-0001")
    assert again["tracking_code"] == first["tracking_code"] and again["replayed"] is True
    other = await client.post(
        f"{PUBLIC}/services/{key}/complaints", json={"body": BODY + " Lagi.", "client_id": "hp-budi-0001"}
    )
    assert other.status_code == 409 and other.json()["code"] == "client_id_reused"
    assert await Complaint.count() == 1
    assert len(await notices(p.manager, "complaint_filed")) == 1


async def test_two_filings_sent_at_once_with_one_client_id_file_one_complaint(client, world):
    p = world.pontianak
    key = await add_service_point(p.region_id, p.head_unit)
    body = {"body": BODY, "client_id": "hp-citra-0001"}
    answers = await asyncio.gather(*[client.post(f"{PUBLIC}/services/{key}/complaints", json=body) for _ in range(4)])
    assert sorted(a.status_code for a in answers) == [200, 200, 200, 201], [a.text for a in answers]
    assert len({a.json()["tracking_code"] for a in answers}) == 1
    assert await Complaint.count() == 1 and await ComplaintEvent.count() == 1
    assert len(await notices(p.manager, "complaint_filed")) == 1


async def test_nothing_about_the_citizen_is_kept_without_consent_and_a_contact_is_erased_on_a_date(client, world, as_):
    p = world.pontianak
    key = await add_service_point(p.region_id, p.head_unit)
    refused = await client.post(f"{PUBLIC}/services/{key}/complaints", json={"body": BODY, "contact": "ani@contoh.id"})
    assert refused.status_code == 422 and refused.json()["code"] == "complaint_contact_without_consent"
    assert await Complaint.count() == 0
    await file(client, key, contact_consent=True)  # consent without a contact keeps nothing
    filed = await file(client, key, contact="ani@contoh.id", contact_consent=True)
    rows = await Complaint.select().order_by(Complaint.id)
    assert [(r["contact"], r["contact_consent"], r["contact_erase_at"]) for r in rows[:1]] == [("", False, None)]
    kept = rows[1]
    assert kept["contact"] == "ani@contoh.id"
    assert kept["contact_erase_at"] - kept["filed_at"] == dt.timedelta(days=90)
    cid = await complaint_id(client, as_(p.manager), filed["tracking_code"])
    seen = await ok(await client.get(f"{COMPLAINTS}/{cid}", headers=as_(p.manager)))
    assert seen["contact"] == "ani@contoh.id" and seen["contact_erase_at"] is not None


async def test_unknown_renewed_or_inactive_links_and_bad_codes_are_a_plain_404(client, world):
    p = world.pontianak
    inactive = await add_service_point(p.region_id, p.head_unit, active=False)
    for key in ("tidak-ada", inactive, "x" * 40):
        answer = await client.post(f"{PUBLIC}/services/{key}/complaints", json={"body": BODY})
        assert answer.status_code == 404 and answer.json()["code"] == "complaint_service_not_found", key
    for code in ("ABCDE-FGHJK", "bukan kode", "<script>", "A" * 40):
        answer = await client.get(f"{PUBLIC}/complaints/{code}")
        assert answer.status_code == 404 and answer.json()["code"] == "complaint_not_found", code


async def test_bad_bodies_get_a_clear_4xx(client, world):
    p = world.pontianak
    key = await add_service_point(p.region_id, p.head_unit)
    for body, status, code in [
        ({"body": "pendek"}, 422, "complaint_body_length"),
        ({"body": "x" * 2300}, 400, "validation_failed"),
        ({"body": "\u200b" * 30}, 422, "complaint_body_length"),
        ({"body": BODY, "nama": "Ani"}, 400, "validation_failed"),  # nothing else about the citizen
        ({"body": BODY, "contact": "x" * 170, "contact_consent": True}, 422, "complaint_contact_format"),
        ({"body": BODY, "client_id": "pendek"}, 422, "client_id_format"),
        ({"body": BODY, "contact_consent": "ya"}, 400, "validation_failed"),
    ]:
        answer = await client.post(f"{PUBLIC}/services/{key}/complaints", json=body)
        assert (answer.status_code, answer.json()["code"]) == (status, code), (body, answer.text)
    assert await Complaint.count() == 0


async def test_moves_out_of_order_are_409_and_a_resent_move_answers_as_it_stands(client, world, as_):
    p = world.pontianak
    filed = await file(client, await add_service_point(p.region_id, p.head_unit))
    cid = await complaint_id(client, as_(p.manager), filed["tracking_code"])
    early = await client.post(f"{COMPLAINTS}/{cid}/close", headers=as_(p.manager))
    assert early.status_code == 409 and early.json()["code"] == "complaint_wrong_state"
    answer = {"answer": "Sudah kami tindak lanjuti."}
    await ok(await client.post(f"{COMPLAINTS}/{cid}/answer", json=answer, headers=as_(p.manager)))
    again = await ok(await client.post(f"{COMPLAINTS}/{cid}/answer", json=answer, headers=as_(p.manager)))
    assert again["status"] == "answered"
    for path, body in [("progress", None), ("answer", {"answer": "Jawaban lain."})]:
        late = await client.post(f"{COMPLAINTS}/{cid}/{path}", json=body, headers=as_(p.manager))
        assert late.status_code == 409 and late.json()["code"] == "complaint_wrong_state", path
    by_admin = await client.post(f"{COMPLAINTS}/{cid}/answer", json=answer, headers=as_(p.admin))
    assert by_admin.status_code == 409  # the same text by someone else is not a resend
    assert await ComplaintEvent.count() == 2
    empty = await client.post(f"{COMPLAINTS}/{cid}/answer", json={"answer": "  "}, headers=as_(p.manager))
    assert empty.status_code == 422 and empty.json()["code"] == "complaint_answer_length"


async def test_another_units_manager_and_another_regions_admin_neither_see_nor_change_it(client, world, as_):
    p = world.pontianak
    filed = await file(client, await add_service_point(p.region_id, p.head_unit))
    cid = await complaint_id(client, as_(p.admin), filed["tracking_code"])
    other_manager = await add_person("Manajer Pelayanan", p.other_unit, p.region_id, "manager;asn")
    for outsider in (other_manager, world.palu.admin):
        listed = await ok(await client.get(COMPLAINTS, headers=as_(outsider)))
        assert listed["items"] == []
        assert (await ok(await client.get("/api/v1/manager/inbox", headers=as_(outsider))))["counts"]["complaint"] == 0
        for method, path, body in [
            ("GET", f"{COMPLAINTS}/{cid}", None),
            ("POST", f"{COMPLAINTS}/{cid}/progress", {}),
            ("POST", f"{COMPLAINTS}/{cid}/answer", {"answer": "Bukan urusan saya."}),
            ("POST", f"{COMPLAINTS}/{cid}/close", {}),
            ("DELETE", f"{COMPLAINTS}/{cid}/initiative", None),
        ]:
            answer = await client.request(method, path, json=body, headers=as_(outsider))
            assert answer.status_code == 404 and answer.json()["code"] == "complaint_not_found", (outsider, path)
    asn = await client.get(f"{COMPLAINTS}/{cid}", headers=as_(p.asn))
    assert asn.status_code == 403 and asn.json()["code"] == "manager_required"
    assert (await client.get(COMPLAINTS)).status_code == 401
    row = await Complaint.select().first()
    assert row["status"] == "received" and await ComplaintEvent.count() == 1
    # the unit below is in the manager's reach, the list narrows by unit
    below = await file(client, await add_service_point(p.region_id, p.child_unit))
    narrowed = await ok(await client.get(COMPLAINTS, params={"unit_id": p.child_unit}, headers=as_(p.manager)))
    assert [i["tracking_code"] for i in narrowed["items"]] == [below["tracking_code"]]


async def test_the_list_pages_and_filters_by_status(client, world, as_):
    p = world.pontianak
    key = await add_service_point(p.region_id, p.head_unit)
    codes = [(await file(client, key))["tracking_code"] for _ in range(3)]
    first = await ok(await client.get(COMPLAINTS, params={"limit": 2}, headers=as_(p.admin)))
    rest = await ok(
        await client.get(COMPLAINTS, params={"limit": 2, "cursor": first["next_cursor"]}, headers=as_(p.admin))
    )
    assert [i["tracking_code"] for i in first["items"] + rest["items"]] == codes[::-1] and rest["next_cursor"] is None
    cid = await complaint_id(client, as_(p.admin), codes[0])
    await ok(await client.post(f"{COMPLAINTS}/{cid}/progress", headers=as_(p.admin)))
    moving = await ok(await client.get(COMPLAINTS, params={"status": "in_progress"}, headers=as_(p.admin)))
    assert [i["id"] for i in moving["items"]] == [cid]
    bad = await client.get(COMPLAINTS, params={"status": "selesai"}, headers=as_(p.admin))
    assert bad.status_code == 422 and bad.json()["code"] == "complaint_status_unknown"


async def test_overdue_complaints_are_listed_and_flagged_to_the_manager_once(client, world, as_, time_machine):
    from gamification.complaints.scheduled import flag_overdue_job

    p = world.pontianak
    filed_at = dt.datetime(2026, 12, 18, 3, 0, tzinfo=dt.timezone.utc)  # Friday 10:00 WIB
    time_machine.move_to(filed_at, tick=True)
    key = await add_service_point(p.region_id, p.head_unit, answer_days=2)
    late = await file(client, key)
    answered = await file(client, key)
    assert late["due_on"] == "2026-12-22"  # Monday, Tuesday
    cid = await complaint_id(client, as_(p.manager), answered["tracking_code"])
    await ok(await client.post(f"{COMPLAINTS}/{cid}/answer", json={"answer": "Selesai."}, headers=as_(p.manager)))

    time_machine.move_to(dt.datetime(2026, 12, 22, 16, 30, tzinfo=dt.timezone.utc), tick=True)  # 23:30 WIB
    assert (await ok(await client.get(COMPLAINTS, params={"overdue": "true"}, headers=as_(p.manager))))["items"] == []
    assert (await flag_overdue_job())["flagged"] == 0

    time_machine.move_to(dt.datetime(2026, 12, 22, 17, 5, tzinfo=dt.timezone.utc), tick=True)  # Wed 00:05 WIB
    overdue = await ok(await client.get(COMPLAINTS, params={"overdue": "true"}, headers=as_(p.manager)))
    assert [(i["tracking_code"], i["overdue"]) for i in overdue["items"]] == [(late["tracking_code"], True)]
    on_time = await ok(await client.get(COMPLAINTS, params={"overdue": "false"}, headers=as_(p.manager)))
    assert [i["tracking_code"] for i in on_time["items"]] == [answered["tracking_code"]]
    assert (await ok(await client.get(f"{PUBLIC}/complaints/{late['tracking_code']}")))["overdue"] is True

    assert (await flag_overdue_job())["flagged"] == 1
    assert await flag_overdue_job() is None  # the same trigger, run again: taken
    time_machine.move_to(dt.datetime(2026, 12, 22, 17, 35, tzinfo=dt.timezone.utc), tick=True)
    assert (await flag_overdue_job())["flagged"] == 0  # the next trigger: told already
    told = await notices(p.manager, "complaint_overdue")
    assert len(told) == 1 and late["tracking_code"] in told[0]["body"]


async def test_a_complaint_linked_to_an_initiative_shows_on_it_once_closed(client, world, as_):
    p = world.pontianak
    filed = await file(client, await add_service_point(p.region_id, p.head_unit))
    cid = await complaint_id(client, as_(p.manager), filed["tracking_code"])
    body = {
        "title": "Antrean Daring KTP-el",
        "problem": "Warga mengantre sejak subuh untuk perekaman KTP-el.",
        "solution": "Nomor antrean diambil lewat aplikasi dengan jam datang.",
        "category": "service_digitisation",
        "unit_id": p.head_unit,
        "team": [],
    }
    initiative = await ok(await client.post("/api/v1/initiatives", json=body, headers=as_(p.asn)), 201)
    palu = await ok(
        await client.post(
            "/api/v1/initiatives", json=body | {"unit_id": world.palu.head_unit}, headers=as_(world.palu.asn)
        ),
        201,
    )
    elsewhere = await client.post(
        f"{COMPLAINTS}/{cid}/initiative", json={"initiative_id": palu["id"]}, headers=as_(p.manager)
    )
    assert elsewhere.status_code == 404 and elsewhere.json()["code"] == "initiative_not_found"
    linked = await ok(
        await client.post(
            f"{COMPLAINTS}/{cid}/initiative", json={"initiative_id": initiative["id"]}, headers=as_(p.manager)
        )
    )
    assert linked["initiative_id"] == initiative["id"] and linked["initiative_title"] == "Antrean Daring KTP-el"
    shown = (await ok(await client.get(f"/api/v1/initiatives/{initiative['id']}", headers=as_(p.asn))))["complaints"]
    assert (shown["linked"], shown["closed"], shown["label"]) == (1, 0, "menyelesaikan 0 pengaduan")
    assert "body" not in shown["items"][0] and shown["items"][0]["status"] == "received"
    await ok(
        await client.post(
            f"{COMPLAINTS}/{cid}/answer", json={"answer": "Antrean daring dibuka."}, headers=as_(p.manager)
        )
    )
    await ok(await client.post(f"{COMPLAINTS}/{cid}/close", headers=as_(p.manager)))
    shown = (await ok(await client.get(f"/api/v1/initiatives/{initiative['id']}", headers=as_(p.asn))))["complaints"]
    assert (shown["linked"], shown["closed"], shown["label"]) == (1, 1, "menyelesaikan 1 pengaduan")
    unlinked = await ok(await client.delete(f"{COMPLAINTS}/{cid}/initiative", headers=as_(p.manager)))
    assert unlinked["initiative_id"] is None
    assert (await ok(await client.get(f"/api/v1/initiatives/{initiative['id']}", headers=as_(p.asn))))["complaints"][
        "linked"
    ] == 0


@pytest.fixture
async def capped(settings):
    from domain.limits import RateLimit

    limits = {"complaint": RateLimit(None, 3, 3600), "complaint_lookup": RateLimit(None, 2, 60)}
    application = create_app(dataclasses.replace(settings, rate_limits=limits, complaints_per_service_day=2))
    async with running(application):
        await empty_database()
        if settings.redis_url:
            from redis.asyncio import Redis

            async with Redis.from_url(settings.redis_url) as redis:
                await redis.flushdb()
        yield application


async def test_floods_and_code_guessing_meet_budgets_with_retry_after(capped):
    world = await build_world()
    p = world.pontianak
    key, other = [await add_service_point(p.region_id, p.head_unit) for _ in range(2)]
    transport = httpx.ASGITransport(app=capped, client=("198.51.100.9", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://tangkas.test") as http:
        await file(http, key)
        await file(http, key)
        capped_day = await http.post(f"{PUBLIC}/services/{key}/complaints", json={"body": BODY})
        assert capped_day.status_code == 429 and capped_day.json()["code"] == "complaint_daily_cap"
        assert 1 <= int(capped_day.headers["Retry-After"]) <= 86400
        flood = await http.post(f"{PUBLIC}/services/{other}/complaints", json={"body": BODY})
        assert flood.status_code == 429 and flood.json()["code"] == "rate_limited"  # the address's 4th filing
        assert await Complaint.count() == 2
        for _ in range(2):
            assert (await http.get(f"{PUBLIC}/complaints/ABCDE-FGHJK")).status_code == 404
        guessing = await http.get(f"{PUBLIC}/complaints/ABCDE-FGHJM")
        assert guessing.status_code == 429 and int(guessing.headers["Retry-After"]) >= 1
        page = await http.get("/pengaduan/ABCDE-FGHJN")
        assert page.status_code == 429 and "Retry-After" in page.headers and "Coba lagi" in page.text


async def test_the_answering_managers_data_export_leaves_the_citizens_contact_out(client, world, as_):
    p = world.pontianak
    filed = await file(
        client, await add_service_point(p.region_id, p.head_unit), contact="ani@contoh.id", contact_consent=True
    )
    cid = await complaint_id(client, as_(p.manager), filed["tracking_code"])
    await ok(
        await client.post(f"{COMPLAINTS}/{cid}/answer", json={"answer": "Sudah ditangani."}, headers=as_(p.manager))
    )
    export = await client.get("/api/v1/me/export", headers=as_(p.manager))
    assert export.status_code == 200, export.text
    rows = export.json()["tables"]["complaint"]
    assert [row["id"] for row in rows] == [cid] and "contact" not in rows[0] and "ani@contoh.id" not in export.text
    assert [e["actor"] for e in export.json()["tables"]["complaint_event"]] == [p.manager]


def test_the_overdue_flag_runs_every_quarter_hour_on_the_grid_its_trigger_is_keyed_by(settings):
    from api.bootstrap import bootstrap
    from api.scheduler import build_scheduler
    from gamification.complaints.scheduled import EVERY_MINUTES

    job = build_scheduler(bootstrap(settings)).get_job("complaints_overdue")
    assert str(job.trigger) == f"cron[minute='*/{EVERY_MINUTES}']"


async def test_the_deadline_skips_the_weekend_and_the_holidays_of_the_complaints_own_region(
    client, world, time_machine
):
    from gamification.storage.tables import Holiday

    palu, pontianak = world.palu, world.pontianak
    await Holiday.insert(
        Holiday(region=palu.region_id, day=dt.date(2026, 12, 24), name="Cuti bersama"),
        Holiday(region=pontianak.region_id, day=dt.date(2026, 12, 22), name="Hari Ibu (contoh)"),
    )
    time_machine.move_to(dt.datetime(2026, 12, 18, 15, 30, tzinfo=dt.timezone.utc), tick=True)  # Fri 23:30 WITA
    filed = await file(client, await add_service_point(palu.region_id, palu.head_unit, answer_days=3))
    # Mon 21, Tue 22 (Pontianak's holiday, not Palu's), Wed 23
    assert filed["due_on"] == "2026-12-23"
    assert filed["due_at"].startswith("2026-12-23T15:59:59")  # 23:59:59 WITA
    later = await file(client, await add_service_point(palu.region_id, palu.head_unit, answer_days=4))
    assert later["due_on"] == "2026-12-25"  # Thu 24, Palu's holiday, skipped


async def test_two_people_answering_at_once_leave_one_answer(client, world, as_):
    p = world.pontianak
    filed = await file(client, await add_service_point(p.region_id, p.head_unit))
    cid = await complaint_id(client, as_(p.manager), filed["tracking_code"])
    answers = await asyncio.gather(
        client.post(f"{COMPLAINTS}/{cid}/answer", json={"answer": "Jawaban manajer."}, headers=as_(p.manager)),
        client.post(f"{COMPLAINTS}/{cid}/answer", json={"answer": "Jawaban admin."}, headers=as_(p.admin)),
    )
    assert sorted(a.status_code for a in answers) == [200, 409], [a.text for a in answers]
    winner = next(a.json() for a in answers if a.status_code == 200)
    row = await Complaint.select(Complaint.answer).first()
    assert row["answer"] == winner["answer"]
    assert await ComplaintEvent.count().where(ComplaintEvent.to_status == "answered") == 1


async def test_a_manager_links_only_an_initiative_within_their_reach(client, world, as_):
    # review of issue 18: any initiative of the region could be attached
    p = world.pontianak
    filed = await file(client, await add_service_point(p.region_id, p.head_unit))
    cid = await complaint_id(client, as_(p.manager), filed["tracking_code"])
    stranger = await add_person("ASN Disdukcapil", p.other_unit, p.region_id, "asn")
    body = {
        "title": "Antrean Akta Daring",
        "problem": "Warga mengantre lama untuk akta kelahiran di loket.",
        "solution": "Nomor antrean akta diambil lewat aplikasi.",
        "category": "service_digitisation",
        "unit_id": p.other_unit,
        "team": [],
    }
    other = await ok(await client.post("/api/v1/initiatives", json=body, headers=as_(stranger)), 201)
    link = {"initiative_id": other["id"]}
    refused = await client.post(f"{COMPLAINTS}/{cid}/initiative", json=link, headers=as_(p.manager))
    assert refused.status_code == 404 and refused.json()["code"] == "initiative_not_found"
    by_admin = await client.post(f"{COMPLAINTS}/{cid}/initiative", json=link, headers=as_(p.admin))
    assert by_admin.status_code == 200 and by_admin.json()["initiative_id"] == other["id"]
