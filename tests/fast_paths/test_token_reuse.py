"""An access token verified once is not decoded again on every request, yet still ends when it expires
and is still refused under other secrets."""

import dataclasses
import datetime as dt

import time_machine

from gamification.identity.tokens import read_access_token


async def test_a_token_seen_before_still_expires_on_time(client, world, as_, settings):
    headers = as_(world.pontianak.asn)
    assert (await client.get("/api/v1/me", headers=headers)).status_code == 200
    lifetime = dt.timedelta(seconds=settings.access_token_seconds)
    with time_machine.travel(dt.datetime.now(dt.timezone.utc) + lifetime - dt.timedelta(seconds=30), tick=True):
        assert (await client.get("/api/v1/me", headers=headers)).status_code == 200
    with time_machine.travel(dt.datetime.now(dt.timezone.utc) + lifetime + dt.timedelta(seconds=11), tick=True):
        refused = await client.get("/api/v1/me", headers=headers)
    assert (refused.status_code, refused.json()["code"]) == (401, "token_expired")


async def test_a_token_seen_before_is_refused_once_its_secret_is_gone(world, as_, settings):
    token = as_(world.pontianak.asn)["Authorization"].removeprefix("Bearer ")
    assert read_access_token(settings, token).person_id == world.pontianak.asn
    rotated = dataclasses.replace(settings, jwt_secret="x" * 48, jwt_previous_secrets=(settings.jwt_secret,))
    assert read_access_token(rotated, token).person_id == world.pontianak.asn  # rotation under way
    forgotten = dataclasses.replace(rotated, jwt_previous_secrets=())
    try:
        read_access_token(forgotten, token)
    except Exception as error:
        assert getattr(error, "code", None) == "token_invalid"
    else:
        raise AssertionError("a token signed with a forgotten secret was accepted")
