"""Events end to end: an admin's two-session workshop, registration with a waiting list, check-in by the
rotating code (online and sent later from an offline phone), JP and XP credited once and seen on /me,
the boards and the unit's compliance; the refusals, the races, the organiser's list and feedback.

Times are relative to the test's clock (pinned at a week, month or year turn in some runs), moved
with ``time_machine``; tokens are issued after each move."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from domain.events import checkin_code, checkin_key, time_step
from gamification.storage.tables import EventAttendance, EventRegistration, Fact, JpCredit, PartnerAdmission
from tests.awards import boards_ready
from tests.factories import add_person

ADMIN_EVENTS, EVENTS = "/api/v1/admin/events", "/api/v1/events"
HOUR, DAY = dt.timedelta(hours=1), dt.timedelta(days=1)


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def workshop(start: dt.datetime, gap: dt.timedelta = DAY, **extra) -> dict:
    """Two sessions of two hours (a day apart), 20 JP and 50 XP, two seats."""
    sessions = [{"starts_at": s.isoformat(), "ends_at": (s + 2 * HOUR).isoformat()} for s in (start, start + gap)]
    body = {
        "title": "Lokakarya Analitik Data",
        "kind": "workshop",
        "competency_type": "teknis",
        "jp": 20,
        "xp": 50,
        "place": "Aula Dinas Kominfo",
        "capacity": 2,
        "sessions": sessions,
    }
    return body | extra


async def published(client, headers, body: dict) -> dict:
    made = await client.post(ADMIN_EVENTS, json=body, headers=headers)
    assert made.status_code == 201, made.text
    answer = await client.post(f"{ADMIN_EVENTS}/{made.json()['id']}/publish", headers=headers)
    assert answer.status_code == 200 and answer.json()["status"] == "published", answer.text
    return answer.json()


def checkin(session_id: int, code: str, scanned_at: dt.datetime, client_id: str) -> dict:
    return {"session_id": session_id, "code": code, "scanned_at": scanned_at.isoformat(), "client_id": client_id}


def problem(answer) -> tuple[int, str]:
    return answer.status_code, answer.json().get("code")


@pytest.fixture
def code_of(settings):
    """The code a session showed at a moment (what the organiser's phone showed then)."""
    key = checkin_key(settings.jwt_secret)
    return lambda session_id, moment: checkin_code(key, session_id, time_step(moment))


async def test_a_two_session_workshop_attended_by_code_credits_jp_and_xp_once(client, world, as_, time_machine):
    p, start = world.pontianak, now() + 2 * HOUR
    event = await published(client, as_(p.admin), workshop(start))
    first, second = (s["id"] for s in event["sessions"])
    url = f"{EVENTS}/{event['id']}"

    # registering: two seats, the third waits; again answers the same; another region sees nothing
    mine = await client.post(f"{url}/registration", headers=as_(p.asn))
    assert (mine.status_code, mine.json()["status"]) == (200, "registered")
    assert (await client.post(f"{url}/registration", headers=as_(p.asn))).json() == mine.json()
    assert (await client.post(f"{url}/registration", headers=as_(p.asn_child))).json()["status"] == "registered"
    assert (await client.post(f"{url}/registration", headers=as_(p.manager))).json()["status"] == "waitlisted"
    listed = (await client.get(EVENTS, headers=as_(p.asn))).json()["items"]
    assert [(e["id"], e["registered"], e["waitlisted"], e["my_registration"]) for e in listed] == [
        (event["id"], 2, 1, "registered")
    ]
    assert (await client.get(EVENTS, headers=as_(world.palu.asn))).json()["items"] == []
    assert problem(await client.get(url, headers=as_(world.palu.asn))) == (404, "event_not_found")
    assert problem(await client.post(f"{url}/registration", headers=as_(world.palu.asn))) == (404, "event_not_found")

    # the first session: the organiser shows the code, the ASN scans it
    time_machine.move_to(start + dt.timedelta(minutes=10), tick=True)
    shown = (await client.get(f"{ADMIN_EVENTS}/{event['id']}/sessions/{first}/code", headers=as_(p.admin))).json()
    assert len(shown["code"]) == 6 and shown["step_seconds"] == 30
    assert dt.datetime.fromisoformat(shown["valid_until"]) > now()
    scanned = now()
    body = checkin(first, shown["code"], scanned, "hp-presensi-0001")
    answer = await client.post(f"{EVENTS}/checkins", json=body, headers=as_(p.asn))
    assert answer.status_code == 201, answer.text
    result = answer.json()
    assert (result["attended_sessions"], result["required_sessions"], result["total_sessions"]) == (1, 2, 2)
    assert (result["credited"], result["jp_credited"], result["xp_awarded"], result["replayed"]) == (False, 0, 0, False)
    again = await client.post(f"{EVENTS}/checkins", json=body, headers=as_(p.asn))
    assert again.status_code == 200 and again.json() == result | {"replayed": True}
    other_phone = checkin(first, shown["code"], scanned, "hp-presensi-0002")  # already checked in: the first answer
    assert (await client.post(f"{EVENTS}/checkins", json=other_phone, headers=as_(p.asn))).json()["replayed"] is True

    # refusals: another session's code, a scan in the future, the waiting list, the organiser, a reused client_id
    refusals = [
        (p.asn_child, checkin(second, shown["code"], scanned, "hp-anak-0001"), (422, "checkin_outside_session")),
        (
            p.asn_child,
            checkin(first, "000000" if shown["code"] != "000000" else "111111", scanned, "hp-anak-0002"),
            (422, "checkin_code_invalid"),
        ),
        (
            p.asn_child,
            checkin(first, shown["code"], scanned + HOUR, "hp-anak-0003"),
            (422, "checkin_scanned_in_future"),
        ),
        (p.asn_child, checkin(first, "12ab56", scanned, "hp-anak-0004"), (422, "checkin_code_invalid")),
        (p.manager, checkin(first, shown["code"], scanned, "hp-manajer-0001"), (409, "not_registered")),
        (p.admin, checkin(first, shown["code"], scanned, "hp-admin-0001"), (403, "self_decision")),
        (p.asn, checkin(second, shown["code"], scanned, "hp-presensi-0001"), (409, "client_id_reused")),
        (p.asn, checkin(99999, shown["code"], scanned, "hp-presensi-0009"), (404, "session_not_found")),
        (world.palu.asn, checkin(first, shown["code"], scanned, "hp-palu-0001"), (404, "session_not_found")),
    ]
    for person, request, expected in refusals:
        assert problem(await client.post(f"{EVENTS}/checkins", json=request, headers=as_(person))) == expected, request
    assert await EventAttendance.count() == 1

    # the second session: a code from an hour ago with a scanned_at of now is just wrong (only a code of the
    # ten minutes before the scan is called expired); with its real moment (a phone that was offline) it counts
    # and completes the event
    time_machine.move_to(start + DAY + dt.timedelta(minutes=5), tick=True)
    shown = (await client.get(f"{ADMIN_EVENTS}/{event['id']}/sessions/{second}/code", headers=as_(p.admin))).json()
    scanned = now()
    time_machine.move_to(start + DAY + dt.timedelta(minutes=65), tick=True)
    late = checkin(second, shown["code"], now(), "hp-presensi-0003")
    assert problem(await client.post(f"{EVENTS}/checkins", json=late, headers=as_(p.asn))) == (
        422,
        "checkin_code_invalid",
    )
    slow = checkin(second, shown["code"], scanned + dt.timedelta(minutes=5), "hp-presensi-0005")
    assert problem(await client.post(f"{EVENTS}/checkins", json=slow, headers=as_(p.asn))) == (
        422,
        "checkin_code_expired",
    )
    offline = checkin(second, shown["code"], scanned, "hp-presensi-0004")
    answer = await client.post(f"{EVENTS}/checkins", json=offline, headers=as_(p.asn))
    assert answer.status_code == 201, answer.text
    done = answer.json()
    assert (done["attended_sessions"], done["credited"], done["jp_credited"], done["xp_awarded"]) == (2, True, 20, 50)
    assert (await client.post(f"{EVENTS}/checkins", json=offline, headers=as_(p.asn))).json() == done | {
        "replayed": True
    }

    # seen on /me, /me/learning, /me/events, the board and the unit's JP compliance; nothing twice
    me = (await client.get("/api/v1/me", headers=as_(p.asn))).json()
    assert (me["jp"]["earned"], me["xp"]) == (20, 50)
    learning = (await client.get("/api/v1/me/learning", headers=as_(p.asn))).json()
    assert learning["jp"]["by_competency"]["teknis"] == 20
    my_events = (await client.get("/api/v1/me/events", headers=as_(p.asn))).json()["items"]
    assert [(e["event_id"], e["attended_sessions"], e["credited"]) for e in my_events] == [(event["id"], 2, True)]
    await boards_ready()
    board = await client.get("/api/v1/leaderboards", params={"scope": "unit", "period": "all"}, headers=as_(p.asn))
    assert board.json()["me"] == {"rank": 1, "xp": 50}
    units = (await client.get("/api/v1/manager/units", params={"sort": "name"}, headers=as_(p.admin))).json()["items"]
    head = next(u for u in units if u["id"] == p.head_unit)
    assert (head["met"], head["staff"]) == (1, 2)  # the asn and the manager: the admin is not staff
    assert await JpCredit.count() == 1 and await Fact.count().where(Fact.kind == "workshop_attended") == 1

    # feedback: after the last session, by those registered; the organiser sees it without names
    fb = {"rating": 4, "comment": "Materi sangat aplikatif."}
    assert problem(await client.post(f"{url}/feedback", json=fb, headers=as_(p.asn))) == (409, "feedback_too_early")
    time_machine.move_to(start + DAY + 2 * HOUR + dt.timedelta(minutes=1), tick=True)
    assert (await client.post(f"{url}/feedback", json=fb, headers=as_(p.asn))).status_code == 200
    assert (await client.post(f"{url}/feedback", json={"rating": 2}, headers=as_(p.asn_child))).status_code == 200
    assert problem(await client.post(f"{url}/feedback", json=fb, headers=as_(p.manager))) == (409, "not_registered")
    summary = (await client.get(f"{ADMIN_EVENTS}/{event['id']}/feedback", headers=as_(p.admin))).json()
    assert (summary["count"], summary["mean_rating"], summary["ratings"]["4"]) == (2, 3.0, 1)
    assert [c["comment"] for c in summary["comments"]] == ["Materi sangat aplikatif."]
    assert problem(await client.get(f"{ADMIN_EVENTS}/{event['id']}/feedback", headers=as_(p.asn))) == (
        403,
        "organiser_required",
    )


async def test_seats_are_never_exceeded_and_the_first_waiting_moves_up(client, world, as_):
    p = world.pontianak
    event = await published(client, as_(p.admin), workshop(now() + DAY, capacity=1))
    url = f"{EVENTS}/{event['id']}/registration"
    people = [p.asn, p.asn_child, p.manager] + [
        await add_person(f"Peserta {n}", p.head_unit, p.region_id) for n in range(3)
    ]
    answers = await asyncio.gather(*(client.post(url, headers=as_(person)) for person in people))
    statuses = [a.json()["status"] for a in answers]
    assert statuses.count("registered") == 1 and statuses.count("waitlisted") == 5, statuses
    seated = people[statuses.index("registered")]
    queue = (
        await client.get(
            f"{ADMIN_EVENTS}/{event['id']}/registrations", params={"status": "waitlisted"}, headers=as_(p.admin)
        )
    ).json()["items"]
    # the seat is freed while another registers: still one seat taken, the first in line took it
    late = await add_person("Peserta Terlambat", p.head_unit, p.region_id)
    cancelled, _ = await asyncio.gather(client.delete(url, headers=as_(seated)), client.post(url, headers=as_(late)))
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["promoted_person_id"] == queue[0]["person_id"]
    registered = await EventRegistration.count().where(EventRegistration.status == "registered")
    assert registered == 1
    assert (await client.delete(url, headers=as_(seated))).json()["status"] == "cancelled"  # again: no change
    assert problem(await client.delete(url, headers=as_(world.pontianak.admin))) == (409, "not_registered")
    bad = await client.get(
        f"{ADMIN_EVENTS}/{event['id']}/registrations", params={"status": "hadir"}, headers=as_(p.admin)
    )
    assert problem(bad) == (422, "registration_status_unknown")


async def test_checkins_sent_together_credit_once(client, world, as_, time_machine, code_of):
    """A phone back online sends both sessions at once (and twice): one credit, one fact, one JP row."""
    p, start = world.pontianak, now() + HOUR
    event = await published(client, as_(p.admin), workshop(start, gap=3 * HOUR, min_attendance_percent=100))
    await client.post(f"{EVENTS}/{event['id']}/registration", headers=as_(p.asn))
    time_machine.move_to(start + 6 * HOUR, tick=True)  # both sessions over, within the day allowed
    bodies = [
        checkin(s["id"], code_of(s["id"], at), at, f"hp-luring-{n:04d}")
        for n, s in enumerate(event["sessions"])
        for at in [dt.datetime.fromisoformat(s["starts_at"]) + dt.timedelta(minutes=3)]
    ]
    answers = await asyncio.gather(
        *(client.post(f"{EVENTS}/checkins", json=body, headers=as_(p.asn)) for body in bodies + bodies)
    )
    assert sorted(a.status_code for a in answers) == [200, 200, 201, 201], [a.text for a in answers]
    assert sum(a.json()["credited"] and not a.json()["replayed"] for a in answers) == 1
    assert await JpCredit.count() == 1 and await Fact.count() == 1
    me = (await client.get("/api/v1/me", headers=as_(p.asn))).json()
    assert (me["jp"]["earned"], me["xp"]) == (20, 50)


async def test_codes_cannot_be_guessed_nor_used_by_who_fetched_them(client, world, as_, code_of):
    """A guesser gets five wrong codes per session, sent one by one or together, and no hint of which moment a
    code belongs to; whoever fetched a session's code (another admin of the region) may not check in to it."""
    p, start = world.pontianak, now() - HOUR
    admin2 = await add_person("Admin Kedua", p.head_unit, p.region_id, "admin;asn", email="admin2@kominfo.test")
    body = workshop(start, gap=3 * HOUR, capacity=None, registration_closes_at=(start + 2 * HOUR).isoformat())
    body["sessions"] = body["sessions"][:1]
    event = await published(client, as_(p.admin), body)
    session = event["sessions"][0]["id"]
    for person in (p.asn, p.asn_child, p.manager, admin2):
        assert (await client.post(f"{EVENTS}/{event['id']}/registration", headers=as_(person))).status_code == 200
    post = lambda person, request: client.post(f"{EVENTS}/checkins", json=request, headers=as_(person))  # noqa: E731

    # the second admin fetches the code and tries it on themselves; nothing is recorded
    code_url = f"{ADMIN_EVENTS}/{event['id']}/sessions/{session}/code"
    shown = (await client.get(code_url, headers=as_(admin2))).json()["code"]
    assert problem(await post(admin2, checkin(session, shown, now(), "hp-admin2-0001"))) == (403, "self_decision")
    (await client.get(code_url, headers=as_(admin2))).raise_for_status()  # fetched again: still refused
    assert problem(await post(admin2, checkin(session, shown, now(), "hp-admin2-0002"))) == (403, "self_decision")

    # a code the session showed 40 minutes before the claimed scan: invalid, not expired (no oracle)
    scanned = now()
    old = code_of(session, scanned - 40 * dt.timedelta(minutes=1))
    assert old != code_of(session, scanned)
    answers = [await post(p.asn, checkin(session, old, scanned, f"hp-tebak-{n:04d}")) for n in range(5)]
    assert [problem(a) for a in answers] == [(422, "checkin_code_invalid")] * 5
    # the sixth, even the right code of the right moment, is refused: the session's check-in is spent
    right = checkin(session, code_of(session, scanned), scanned, "hp-tebak-0006")
    assert problem(await post(p.asn, right)) == (429, "checkin_attempts_exhausted")
    # a burst sent together is bounded the same way
    wrong = "000000" if code_of(session, scanned) != "000000" else "111111"
    burst = await asyncio.gather(
        *(post(p.manager, checkin(session, wrong, scanned, f"hp-ledak-{n:04d}")) for n in range(9))
    )
    assert (
        sorted(problem(a) for a in burst)
        == [(422, "checkin_code_invalid")] * 5 + [(429, "checkin_attempts_exhausted")] * 4
    )
    # someone else, with the code shown now, checks in
    fresh = now()
    answer = await post(p.asn_child, checkin(session, code_of(session, fresh), fresh, "hp-jujur-0001"))
    assert answer.status_code == 201, answer.text
    assert await EventAttendance.count() == 1 and await JpCredit.count() == 1


async def test_who_organises_where(client, world, as_, time_machine):
    p, palu, start = world.pontianak, world.palu, now() + 3 * HOUR
    partner = await add_person("Universitas Tanjungpura", None, None, "partner", email="mitra@untan.test")
    body = workshop(start, region_id=p.region_id, kind="seminar")
    assert problem(await client.post(ADMIN_EVENTS, json=body, headers=as_(partner))) == (403, "partner_not_admitted")
    await PartnerAdmission.insert(PartnerAdmission(region=p.region_id, partner=partner, admitted_by=p.admin))
    event = await published(client, as_(partner), body)
    assert (event["region_id"], event["organiser_id"]) == (p.region_id, partner)
    other = workshop(start, region_id=palu.region_id)
    assert problem(await client.post(ADMIN_EVENTS, json=other, headers=as_(partner))) == (403, "partner_not_admitted")
    assert problem(await client.post(ADMIN_EVENTS, json=other, headers=as_(p.admin))) == (403, "outside_region")
    assert problem(await client.post(ADMIN_EVENTS, json=workshop(start), headers=as_(p.asn))) == (
        403,
        "organiser_required",
    )
    assert problem(await client.get(f"{ADMIN_EVENTS}/{event['id']}", headers=as_(palu.admin))) == (
        404,
        "event_not_found",
    )
    assert problem(await client.post(f"{ADMIN_EVENTS}/{event['id']}/cancel", headers=as_(p.manager))) == (
        403,
        "organiser_required",
    )

    # a manager nominates staff of their reach, not others
    nominate = f"{EVENTS}/{event['id']}/nominations"
    named = await client.post(nominate, json={"person_id": p.asn_child}, headers=as_(p.manager))
    assert (named.json()["status"], named.json()["nominated_by"]) == ("registered", p.manager)
    assert problem(await client.post(nominate, json={"person_id": p.asn}, headers=as_(p.asn_child))) == (
        403,
        "decision_out_of_scope",
    )
    outside = await add_person("Pegawai Dukcapil", p.other_unit, p.region_id)
    assert problem(await client.post(nominate, json={"person_id": outside}, headers=as_(p.manager))) == (
        403,
        "decision_out_of_scope",
    )
    assert problem(await client.post(nominate, json={"person_id": palu.asn}, headers=as_(p.manager))) == (
        404,
        "user_not_found",
    )
    await client.post(f"{EVENTS}/{event['id']}/registration", headers=as_(p.asn))

    # the organiser's attendance list: per person, never the organiser's own name
    time_machine.move_to(start + dt.timedelta(minutes=30), tick=True)
    session = event["sessions"][0]["id"]
    attendance = f"{ADMIN_EVENTS}/{event['id']}/sessions/{session}/attendance"
    nip = {row["id"]: row["nip"] for row in await _people_nips(p.asn, p.asn_child, p.manager)}
    listed = await client.post(
        attendance, json={"nips": [nip[p.asn], nip[p.manager], "197901012005011999"]}, headers=as_(partner)
    )
    assert [(r["status"], r["code"]) for r in listed.json()["results"]] == [
        ("recorded", None),
        ("refused", "not_registered"),  # the manager never registered
        ("refused", "not_registered"),  # nobody's NIP: the same answer, the list tells nothing of others
    ]
    again = await client.post(attendance, json={"nips": [nip[p.asn]]}, headers=as_(partner))
    assert again.json()["results"][0]["status"] == "already_recorded"
    own = await client.post(attendance, json={"nips": [nip[p.asn_child], nip[p.manager]]}, headers=as_(p.manager))
    assert problem(own) == (403, "organiser_required")
    admin_registered = await add_person("Admin Peserta", p.head_unit, p.region_id, "admin;asn")
    ours = await client.post(attendance, json={"nips": [nip[p.asn_child]]}, headers=as_(admin_registered))
    assert ours.status_code == 200
    selfish = await client.post(
        attendance, json={"nips": [await _nip(admin_registered)]}, headers=as_(admin_registered)
    )
    assert problem(selfish) == (403, "self_decision")
    assert await EventAttendance.count() == 2 and await JpCredit.count() == 0  # one of two sessions: not yet


async def _people_nips(*people: int) -> list[dict]:
    from gamification.storage.tables import Person

    return await Person.select(Person.id, Person.nip).where(Person.id.is_in(list(people)))


async def _nip(person: int) -> str:
    return (await _people_nips(person))[0]["nip"]


BAD_EVENTS = [
    ({"kind": "kuliah"}, "event_kind_unknown"),
    ({"competency_type": "rohani"}, "competency_type_unknown"),
    ({"jp": 0.333}, "module_jp_precision"),
    ({"title": "  "}, "event_title_length"),
    ({"audience": "units"}, "event_audience_ids"),
    ({"audience": "units", "audience_ids": [999999]}, "event_audience_ids"),
    ({"online_url": "javascript:alert(1)"}, "event_online_url"),
    ({"repeat": "weekly", "repeat_count": 3}, "event_repeat_one_session"),
    ({"sessions": [{"starts_at": "2027-01-04T09:00:00", "ends_at": "2027-01-04T11:00:00"}]}, "event_time_zone_missing"),
    ({"registration_closes_at": "2099-01-01T00:00:00+07:00"}, "event_registration_window"),
    ({"registration_opens_at": "0001-01-01T00:30:00+01:00"}, "event_registration_times"),
    ({"registration_opens_at": "0001-01-01T00:30:00+00:00"}, "event_registration_times"),
    ({"registration_closes_at": "9999-12-31T23:30:00-01:00"}, "event_registration_times"),
]


async def test_bad_events_are_refused_with_a_clear_code(client, world, as_):
    for change, code in BAD_EVENTS:
        answer = await client.post(
            ADMIN_EVENTS, json=workshop(now() + DAY) | change, headers=as_(world.pontianak.admin)
        )
        assert problem(answer) == (422, code), answer.text
        assert answer.json()["detail"]
    bad_type = await client.post(ADMIN_EVENTS, json=workshop(now() + DAY, jp="20"), headers=as_(world.pontianak.admin))
    assert bad_type.status_code == 400
    weekly = workshop(now() + DAY, repeat="weekly", repeat_count=4)
    weekly["sessions"] = weekly["sessions"][:1]
    made = await client.post(ADMIN_EVENTS, json=weekly, headers=as_(world.pontianak.admin))
    assert made.status_code == 201 and len(made.json()["sessions"]) == 4
