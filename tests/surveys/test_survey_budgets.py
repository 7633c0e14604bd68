"""Per-address budgets on the citizens' pages and answers: 429 with Retry-After (a page in Indonesian for the
HTML form), nothing recorded, another address unaffected. Counted in Redis in the Redis variant."""

from __future__ import annotations

import dataclasses

import pytest
from redis.asyncio import Redis

from api.app import create_app
from domain.limits import DEFAULT_RATE_LIMITS, RateLimit
from gamification.storage.settings import Settings
from gamification.storage.tables import SurveyAnswer
from tests.conftest import empty_database, running
from tests.factories import bearer, build_world
from tests.surveys.helpers import citizen, form_fields, make_point, open_form, open_page, post_page, public, send_answer

LIMITS = {
    "survey_page": RateLimit(per_person=None, per_address=4),
    "survey_answer": RateLimit(per_person=None, per_address=2),
}


@pytest.fixture
async def limited(settings):
    application = create_app(dataclasses.replace(settings, rate_limits=LIMITS))
    async with running(application):
        await empty_database()
        if settings.redis_url:
            async with Redis.from_url(settings.redis_url) as redis:
                await redis.flushdb()
        yield application


def assert_limited(response, html: bool = False) -> None:
    assert response.status_code == 429, response.text
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    if html:
        assert response.headers["content-type"].startswith("text/html") and "Coba lagi dalam" in response.text
    else:
        assert response.json()["code"] == "rate_limited"


async def test_the_pages_of_a_service_are_limited_per_address(limited, settings):
    world = await build_world()
    async with citizen(limited, "198.51.100.50") as phone, citizen(limited, "198.51.100.51") as neighbour:
        point = await make_point(neighbour, bearer(settings, world.pontianak.manager), world.pontianak.head_unit)
        for _ in range(2):
            assert (await phone.get(public(point["public_key"]))).status_code == 200
            assert (await phone.get(f"/layanan/{point['public_key']}")).status_code == 200
        assert_limited(await phone.get(public(point["public_key"])))
        assert_limited(await phone.get(f"/layanan/{point['public_key']}"), html=True)
        assert_limited(await phone.get("/layanan/tebakan-kunci-yang-salah0"), html=True)  # guessing keys too
        assert (await neighbour.get(f"/layanan/{point['public_key']}")).status_code == 200


async def test_answers_are_limited_per_address_and_a_refused_one_records_nothing(limited, settings):
    world = await build_world()
    manager = bearer(settings, world.pontianak.manager)
    async with citizen(limited, "198.51.100.60") as admin_http:
        points = [
            await make_point(admin_http, manager, world.pontianak.head_unit, name=f"Layanan {n}") for n in range(4)
        ]
    async with citizen(limited, "198.51.100.61") as phone:
        forms = [await open_form(phone, point["public_key"]) for point in points[:3]]
        _, token = await open_page(phone, points[3]["public_key"])
        for point, form in zip(points[:2], forms, strict=False):
            assert (await send_answer(phone, point["public_key"], form["form_token"])).status_code == 201
        assert_limited(await send_answer(phone, points[2]["public_key"], forms[2]["form_token"]))
        assert_limited(await post_page(phone, points[3]["public_key"], form_fields(token)), html=True)
    assert await SurveyAnswer.count() == 2


def test_the_survey_budgets_have_defaults_and_can_be_tuned():
    assert DEFAULT_RATE_LIMITS["survey_answer"].per_address == 20
    assert DEFAULT_RATE_LIMITS["survey_page"].per_address == 120
    tuned = Settings.from_env({"TANGKAS_RATE_LIMIT_SURVEY_ANSWER": "-,5,60", "TANGKAS_JWT_SECRET": "s" * 40})
    assert tuned.rate_limits["survey_answer"] == RateLimit(None, 5, 60)


@pytest.fixture
async def three_a_day(settings):
    application = create_app(dataclasses.replace(settings, survey_answers_per_address_day=3))
    async with running(application):
        await empty_database()
        if settings.redis_url:
            async with Redis.from_url(settings.redis_url) as redis:
                await redis.flushdb()
        yield application


async def test_dropping_the_cookie_does_not_give_one_address_more_answers_a_day(three_a_day, settings):
    # review of issue 18: each fresh cookie is a new device, so the address is what bounds one sender
    world = await build_world()
    async with citizen(three_a_day, "198.51.100.5") as staff:
        point = await make_point(staff, bearer(settings, world.pontianak.manager), world.pontianak.head_unit)
    key, statuses = point["public_key"], []
    for _ in range(4):
        async with citizen(three_a_day, "198.51.100.77") as phone:  # a fresh cookie jar, the same address
            form = await open_form(phone, key)
            answer = await send_answer(phone, key, form["form_token"], **{f"u{n}": 1 for n in range(1, 10)})
            statuses.append(answer.status_code)
    assert statuses == [201, 201, 201, 429]
    assert answer.json()["code"] == "survey_address_daily_cap" and int(answer.headers["Retry-After"]) <= 86400
    async with citizen(three_a_day, "198.51.100.77") as phone:
        await open_page(phone, key)
        page = await post_page(phone, key, form_fields((await open_form(phone, key))["form_token"]))
        assert page.status_code == 429 and "kembali besok" in page.text
    async with citizen(three_a_day, "198.51.100.78") as neighbour:
        form = await open_form(neighbour, key)
        assert (await send_answer(neighbour, key, form["form_token"])).status_code == 201
    assert await SurveyAnswer.count() == 4
