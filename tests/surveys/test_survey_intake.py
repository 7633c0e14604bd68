"""The survey intake as a service, without HTTP: a device cookie is only good under the key that signed it,
the device key stored is neither the cookie nor its id, the contact's erasure follows the setting, and answers
racing from one device store one."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from domain.errors import Conflict, Forbidden, InvalidInput
from domain.survey import ELEMENT_KEYS, SurveyAnswerIn
from gamification.limits.window_counter import MemoryWindowCounter
from gamification.service_points.points import ServicePoints
from gamification.storage.settings import InvalidSettings, Settings
from gamification.storage.tables import SurveyAnswer
from gamification.surveys.devices import DeviceCookies
from gamification.surveys.intake import SurveyIntake
from tests.factories import SYSTEM, build_world

ANSWER = SurveyAnswerIn({key: 4 for key in ELEMENT_KEYS})


@pytest.fixture
async def point(db) -> str:
    world = await build_world()
    root = dataclasses.replace(SYSTEM, person_id=world.superadmin)
    made = await ServicePoints(Settings()).create(root, world.pontianak.head_unit, {"name": "Perekaman KTP-el"})
    return made.public_key


def intake(key: bytes = b"k" * 32, **settings) -> SurveyIntake:
    return SurveyIntake(dataclasses.replace(Settings(), **settings), DeviceCookies(key), MemoryWindowCounter())


def test_a_cookie_is_good_only_under_the_key_that_signed_it():
    devices, other = DeviceCookies(b"k" * 32), DeviceCookies(b"o" * 32)
    device, cookie = devices.new()
    assert devices.device_of(cookie) == device and other.device_of(cookie) is None
    assert devices.device_of(cookie + "x") is None and devices.device_of(device) is None
    assert devices.device_of(None) is None and devices.device_of("." * 200) is None
    key = devices.device_key(device)
    assert len(key) == 64 and device not in key and key != other.device_key(device)
    assert devices.form_token_matches(device, "kunci", devices.form_token(device, "kunci"))
    assert not devices.form_token_matches(device, "lain", devices.form_token(device, "kunci"))
    assert not devices.form_token_matches(devices.new()[0], "kunci", devices.form_token(device, "kunci"))


async def test_answers_racing_from_one_device_store_one(point):
    service = intake()
    form = await service.form(point, None)
    cookie = form.new_cookie
    results = await asyncio.gather(
        *[service.answer(point, cookie, form.service.form_token, ANSWER, "198.51.100.1") for _ in range(5)],
        return_exceptions=True,
    )
    assert sum(1 for result in results if not isinstance(result, Exception)) == 1
    assert all(isinstance(result, Conflict) for result in results if isinstance(result, Exception))
    assert await SurveyAnswer.count() == 1


async def test_a_cookie_of_another_server_key_is_an_unknown_device(point):
    form = await intake(b"a" * 32).form(point, None)
    with pytest.raises(Forbidden) as caught:
        await intake(b"b" * 32).answer(point, form.new_cookie, form.service.form_token, ANSWER, "198.51.100.1")
    assert caught.value.code == "survey_device_unknown"


async def test_the_contact_is_erased_after_the_days_set(point):
    service = intake(citizen_contact_days=7)
    form = await service.form(point, None)
    given = dataclasses.replace(ANSWER, contact="warga@contoh.id", contact_consent=True)
    await service.answer(point, form.new_cookie, form.service.form_token, given, "198.51.100.1")
    row = await SurveyAnswer.select(SurveyAnswer.answered_at, SurveyAnswer.contact_erase_at).first()
    assert (row["contact_erase_at"] - row["answered_at"]).days == 7
    with pytest.raises(InvalidInput):
        await service.answer(
            point, form.new_cookie, form.service.form_token, dataclasses.replace(ANSWER, served_by=1), "x"
        )


def test_the_settings_of_the_citizens_voice_are_checked():
    env = {"TANGKAS_JWT_SECRET": "s" * 40}
    assert Settings.from_env(env).citizen_contact_days == 90
    assert Settings.from_env(env | {"TANGKAS_CITIZEN_CONTACT_DAYS": "30"}).citizen_contact_days == 30
    assert Settings.from_env(env | {"TANGKAS_PUBLIC_URL": "https://survei.go.id/"}).public_url == "https://survei.go.id"
    for bad in (
        {"TANGKAS_CITIZEN_CONTACT_DAYS": "0"},
        {"TANGKAS_CITIZEN_CONTACT_DAYS": "x"},
        {"TANGKAS_PUBLIC_URL": "ftp://x"},
    ):
        with pytest.raises(InvalidSettings):
            Settings.from_env(env | bad)
