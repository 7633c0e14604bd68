"""Citizens answering a service point's survey through the JSON twin: what is stored, one answer per device,
service and day (also when two arrive at once), the day's site code, the ASN named, the contact kept only with
consent, and hostile input answered with a clear 4xx that stores nothing."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest

from domain.site_codes import site_code
from gamification.storage.tables import ServicePoint, SurveyAnswer
from gamification.surveys.devices import COOKIE
from tests.factories import add_person
from tests.surveys.helpers import SCORES, citizen, make_point, open_form, opt_in, public, send_answer


@pytest.fixture
async def point(client, world, as_) -> dict:
    return await make_point(client, as_(world.pontianak.manager), world.pontianak.head_unit)


async def code_point(client, world, as_) -> tuple[dict, str]:
    point = await make_point(client, as_(world.pontianak.manager), world.pontianak.head_unit, requires_site_code=True)
    secret = (await ServicePoint.select(ServicePoint.site_code_secret).where(ServicePoint.id == point["id"]).first())[
        "site_code_secret"
    ]
    return point, secret


def wib_today() -> dt.date:
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date()


async def test_an_answer_stores_the_scores_and_nothing_that_names_the_device_or_the_citizen(app, point, world):
    async with citizen(app) as phone:
        form = await open_form(phone, point["public_key"])
        cookie = phone.cookies[COOKIE]
        body = {f"u{n}": n % 4 + 1 for n in range(1, 10)}
        answered = await send_answer(phone, point["public_key"], form["form_token"], **body)
    assert answered.status_code == 201, answered.text
    assert answered.json()["comment_status"] == "none" and answered.json()["service"] == "Perekaman KTP-el"
    row = await SurveyAnswer.select().first()
    assert [row[f"u{n}"] for n in range(1, 10)] == [n % 4 + 1 for n in range(1, 10)]
    assert (row["service_point"], row["unit"], row["region"]) == (point["id"], point["unit_id"], point["region_id"])
    assert row["local_date"] == wib_today()
    assert len(row["device_key"]) == 64 and row["device_key"] not in cookie and cookie.split(".")[0] not in str(row)
    assert (row["comment"], row["comment_status"], row["comment_flagged"]) == ("", "none", False)
    assert (row["served_by"], row["contact"], row["contact_consent"], row["contact_erase_at"]) == (
        None,
        "",
        False,
        None,
    )


async def test_a_device_answers_a_service_once_a_day(app, client, point, world, as_, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.timezone.utc), tick=True)  # 10:00 WIB
    other = await make_point(client, as_(world.pontianak.admin), world.pontianak.head_unit, name="Akta")
    async with citizen(app) as phone:
        form = await open_form(phone, point["public_key"])
        assert (await send_answer(phone, point["public_key"], form["form_token"])).status_code == 201
        again = await send_answer(phone, point["public_key"], form["form_token"], u1=1)
        assert (again.status_code, again.json()["code"]) == (409, "survey_already_answered")
        assert (await open_form(phone, point["public_key"]))["answered_today"] is True
        other_form = await open_form(phone, other["public_key"])
        assert (await send_answer(phone, other["public_key"], other_form["form_token"])).status_code == 201
        time_machine.move_to(dt.datetime(2026, 12, 7, 17, 1, tzinfo=dt.timezone.utc), tick=True)  # 00:01 WIB
        assert (await open_form(phone, point["public_key"]))["answered_today"] is False
        assert (await send_answer(phone, point["public_key"], form["form_token"])).status_code == 201
    async with citizen(app) as second_phone:  # same address, another device
        form = await open_form(second_phone, point["public_key"])
        assert (await send_answer(second_phone, point["public_key"], form["form_token"])).status_code == 201
    days = await SurveyAnswer.select(SurveyAnswer.local_date).where(SurveyAnswer.service_point == point["id"])
    assert sorted(row["local_date"] for row in days) == [
        dt.date(2026, 12, 7),
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 8),
    ]


async def test_two_answers_sent_at_once_from_one_device_store_one(app, point):
    async with citizen(app) as phone:
        form = await open_form(phone, point["public_key"])
        answers = await asyncio.gather(
            *[send_answer(phone, point["public_key"], form["form_token"], u9=n + 1) for n in range(4)]
        )
    assert sorted(answer.status_code for answer in answers) == [201, 409, 409, 409]
    assert {answer.json()["code"] for answer in answers if answer.status_code == 409} == {"survey_already_answered"}
    assert await SurveyAnswer.count() == 1


async def test_an_answer_needs_the_devices_cookie_and_the_token_of_its_form(app, point):
    key = point["public_key"]
    async with citizen(app) as phone, citizen(app, "198.51.100.30") as attacker:
        form = await open_form(phone, key)
        theirs = await open_form(attacker, key)
        cookie = phone.cookies[COOKIE]
        phone.cookies.clear()
        cases = [
            ({}, form["form_token"], "survey_device_unknown"),
            ({COOKIE: "x" * 22 + ".forged"}, form["form_token"], "survey_device_unknown"),
            ({COOKIE: cookie[:-2] + "AA"}, form["form_token"], "survey_device_unknown"),
            ({COOKIE: cookie}, theirs["form_token"], "survey_form_token_invalid"),  # another device's form
            ({COOKIE: cookie}, "", "survey_form_token_invalid"),
        ]
        for cookies, token, code in cases:
            phone.cookies.clear()
            phone.cookies.update(cookies)
            refused = await send_answer(phone, key, token)
            assert (refused.status_code, refused.json()["code"]) == (403, code), cookies
    assert await SurveyAnswer.count() == 0


async def test_the_days_site_code_is_needed_when_the_point_asks_for_it(app, client, world, as_, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 7, 17, 10, tzinfo=dt.timezone.utc), tick=True)  # 00:10 WIB
    point, secret = await code_point(client, world, as_)
    today, yesterday = site_code(secret, dt.date(2026, 12, 8)), site_code(secret, dt.date(2026, 12, 7))
    key = point["public_key"]
    async with citizen(app) as phone:
        form = await open_form(phone, key)
        assert form["requires_site_code"] is True
        for given, code in [
            ("", "site_code_required"),
            ("000000" if today != "000000" else "111111", "site_code_invalid"),
        ]:
            refused = await send_answer(phone, key, form["form_token"], site_code=given)
            assert (refused.status_code, refused.json()["code"]) == (422, code)
        assert (await send_answer(phone, key, form["form_token"], site_code=yesterday)).status_code == 201  # grace
    time_machine.move_to(dt.datetime(2026, 12, 8, 2, 0, tzinfo=dt.timezone.utc), tick=True)  # 09:00 WIB
    async with citizen(app) as phone:
        form = await open_form(phone, key)
        late = await send_answer(phone, key, form["form_token"], site_code=yesterday)
        assert (late.status_code, late.json()["code"]) == (422, "site_code_invalid")
        assert (await send_answer(phone, key, form["form_token"], site_code=today)).status_code == 201
    rows = await SurveyAnswer.select(SurveyAnswer.local_date)
    assert [row["local_date"] for row in rows] == [dt.date(2026, 12, 8)] * 2


async def test_guessing_the_site_code_is_cut_short_per_address(app, client, world, as_):
    point, secret = await code_point(client, world, as_)
    today = site_code(secret, wib_today())
    wrong = [f"{n:06d}" for n in range(20) if f"{n:06d}" != today][:10]
    async with citizen(app, "198.51.100.40") as phone:
        for guess in wrong:
            form = await open_form(phone, point["public_key"])
            refused = await send_answer(phone, point["public_key"], form["form_token"], site_code=guess)
            assert refused.json()["code"] == "site_code_invalid"
        exhausted = await send_answer(phone, point["public_key"], form["form_token"], site_code=today)
        assert (exhausted.status_code, exhausted.json()["code"]) == (429, "site_code_attempts_exhausted")
        assert 1 <= int(exhausted.headers["Retry-After"]) <= 3600
    async with citizen(app, "198.51.100.41") as elsewhere:
        form = await open_form(elsewhere, point["public_key"])
        assert (
            await send_answer(elsewhere, point["public_key"], form["form_token"], site_code=today)
        ).status_code == 201
    assert await SurveyAnswer.count() == 1


async def test_a_citizen_names_only_an_opted_in_active_asn_of_the_unit(app, point, world):
    p = world.pontianak
    await opt_in(p.asn_child)  # a unit below the point's
    not_opted = p.asn
    gone = await add_person("Pegawai Pindah", p.head_unit, p.region_id, "asn", active=False)
    elsewhere = await add_person("Pegawai Lain", p.other_unit, p.region_id, "asn")
    for person in (gone, elsewhere, world.palu.asn):
        await opt_in(person)
    async with citizen(app) as phone:
        form = await open_form(phone, point["public_key"])
        for person in (not_opted, gone, elsewhere, world.palu.asn, 99999):
            refused = await send_answer(phone, point["public_key"], form["form_token"], served_by=person)
            assert (refused.status_code, refused.json()["code"]) == (422, "survey_served_by_invalid"), person
        named = await send_answer(phone, point["public_key"], form["form_token"], served_by=p.asn_child)
    assert named.status_code == 201 and named.json()["comment_status"] == "pending"
    row = await SurveyAnswer.select(SurveyAnswer.served_by, SurveyAnswer.comment_status).first()
    assert row == {"served_by": p.asn_child, "comment_status": "pending"}


async def test_a_contact_is_kept_only_with_consent_and_erased_after_the_set_days(app, point):
    async with citizen(app) as phone:
        form = await open_form(phone, point["public_key"])
        refused = await send_answer(phone, point["public_key"], form["form_token"], contact="081234567890")
        assert (refused.status_code, refused.json()["code"]) == (422, "survey_contact_consent_required")
        assert await SurveyAnswer.count() == 0
        kept = await send_answer(
            phone, point["public_key"], form["form_token"], contact="081234567890", contact_consent=True
        )
    assert kept.status_code == 201
    row = await SurveyAnswer.select().first()
    assert (row["contact"], row["contact_consent"]) == ("081234567890", True)
    assert row["contact_erase_at"] - row["answered_at"] == dt.timedelta(days=90)


async def test_a_comment_is_kept_for_moderation_and_an_insult_is_flagged(app, client, world, as_):
    points = [await make_point(client, as_(world.pontianak.manager), world.pontianak.head_unit) for _ in range(2)]
    async with citizen(app) as phone:
        for point, comment in zip(points, ["  Pelayanan <b>cepat</b>  ", "Petugasnya b4ngs@t"], strict=True):
            form = await open_form(phone, point["public_key"])
            answered = await send_answer(phone, point["public_key"], form["form_token"], comment=comment)
            assert answered.json()["comment_status"] == "pending"
    rows = await SurveyAnswer.select(SurveyAnswer.comment, SurveyAnswer.comment_flagged).order_by(SurveyAnswer.id)
    assert rows == [
        {"comment": "Pelayanan <b>cepat</b>", "comment_flagged": False},
        {"comment": "Petugasnya b4ngs@t", "comment_flagged": True},
    ]


@pytest.mark.parametrize(
    "body, status",
    [
        ({"u1": 0}, 400),
        ({"u1": 5}, 400),
        ({"u1": "4"}, 400),
        ({"u1": 4.0}, 400),
        ({"u1": 10**40}, 400),
        ({"u1": True}, 400),
        ({"u1": None}, 400),
        ({"comment": "x" * 1001}, 400),
        ({"comment": "a\u0000b"}, 400),
        ({"comment": "\u202edibalik"}, 422),
        ({"served_by": 2**40}, 400),
        ({"contact": "x" * 161, "contact_consent": True}, 400),
        ({"site_code": "1" * 13}, 400),
        ({"kode": "123456"}, 400),
        ({"score": {"u1": 4}}, 400),
    ],
)
async def test_hostile_input_is_a_clear_4xx_and_stores_nothing(app, point, body, status):
    async with citizen(app) as phone:
        form = await open_form(phone, point["public_key"])
        refused = await send_answer(phone, point["public_key"], form["form_token"], **body)
    assert refused.status_code == status, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert await SurveyAnswer.count() == 0


async def test_odd_bodies_and_keys_are_refused_before_anything_is_stored(app, point):
    key = point["public_key"]
    async with citizen(app) as phone:
        form = await open_form(phone, key)
        token = form["form_token"]
        scores = ", ".join(f'"{k}": {v}' for k, v in SCORES.items())
        repeated = f'{{"form_token": "{token}", {scores}, "u1": 1}}'
        answers = [
            await phone.post(f"{public(key)}/answers", content=repeated, headers={"content-type": "application/json"}),
            await phone.post(
                f"{public(key)}/answers", content=b"{" * 5000, headers={"content-type": "application/json"}
            ),
            await phone.post(
                f"{public(key)}/answers", content=b"x" * 20_000, headers={"content-type": "application/json"}
            ),
            await phone.post(f"{public(key)}/answers", json=[1, 2, 3]),
        ]
        assert [answer.status_code for answer in answers] == [400, 400, 413, 400]
        for weird in [
            "x" * 22,
            "../../etc/passwd",
            "%00",
            "a" * 33,
            key.lower() if key.lower() != key else key.upper(),
        ]:
            assert (await phone.get(public(weird))).status_code in (400, 404), weird
    assert await SurveyAnswer.count() == 0


async def test_an_answer_sent_as_plain_text_or_from_another_site_is_refused(app, client, world, as_):
    # review of issue 18: a page on another site can post text/plain without a preflight
    p = world.pontianak
    point = await make_point(client, as_(p.manager), p.head_unit)
    key = point["public_key"]
    async with citizen(app) as phone:
        form = await open_form(phone, key)
        body = {"form_token": form["form_token"], **{f"u{n}": 3 for n in range(1, 10)}}
        plain = await phone.post(
            f"/api/v1/public/services/{key}/answers", content=json.dumps(body), headers={"content-type": "text/plain"}
        )
        assert plain.status_code == 415, plain.text
        evil = await phone.post(
            f"/api/v1/public/services/{key}/answers",
            json=body,
            headers={"origin": "https://evil.example", "sec-fetch-site": "cross-site"},
        )
        assert evil.status_code == 403 and evil.json()["code"] == "cross_site_request"
    assert await SurveyAnswer.count() == 0
