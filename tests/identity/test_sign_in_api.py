import asyncio
import datetime as dt
import time
from collections import Counter

import httpx
import jwt
import pytest

from gamification.storage.tables import Person, RefreshToken
from tests.conftest import TEST_SECRET
from tests.factories import PASSWORD

LOGIN = "/api/v1/auth/login"
REFRESH = "/api/v1/auth/refresh"


async def login(client, who: str, password: str = PASSWORD, **kwargs):
    return await client.post(LOGIN, json={"login": who, "password": password}, **kwargs)


async def tokens_for(client, who: str) -> dict:
    response = await login(client, who)
    assert response.status_code == 200, response.text
    return response.json()


async def test_login_by_email_or_nip_returns_a_token_pair(client, world):
    by_email = await tokens_for(client, "ASN@Pontianak.test")
    assert by_email["token_type"] == "Bearer"
    assert by_email["expires_in"] == 900
    me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {by_email['access_token']}"})
    nip = me.json()["nip"]
    by_nip = await tokens_for(client, nip)
    assert by_nip["refresh_token"] != by_email["refresh_token"]


async def test_wrong_password_and_unknown_login_answer_alike(client, world):
    wrong = await login(client, "asn@pontianak.test", "salah-sekali")
    unknown = await login(client, "nobody@pontianak.test")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["code"] == unknown.json()["code"] == "login_failed"
    assert wrong.headers["content-type"].startswith("application/problem+json")
    assert "salah" in wrong.json()["detail"]


async def test_a_deactivated_account_answers_the_right_password_as_a_wrong_one(client, world, as_, settings):
    response = await client.post(
        f"/api/v1/admin/users/{world.pontianak.asn}/deactivate", headers=as_(world.pontianak.admin)
    )
    assert response.status_code == 200
    wrong = await login(client, "asn@pontianak.test", "tebakan-salah")
    right = await login(client, "asn@pontianak.test")
    assert right.status_code == wrong.status_code == 401
    assert right.json() == wrong.json() and right.json()["code"] == "login_failed"
    assert right.headers["content-type"] == wrong.headers["content-type"]
    # and it spends the account's budget like any wrong guess
    for _ in range(settings.login_failures_per_account - 2):
        assert (await login(client, "asn@pontianak.test")).status_code == 401
    assert (await login(client, "asn@pontianak.test")).json()["code"] == "login_throttled"


async def _nip_of(person_id: int) -> str:
    return (await Person.select(Person.nip).where(Person.id == person_id).first())["nip"]


def _spelled(nip: str, space: str) -> str:
    return space.join((nip[:8], nip[8:14], nip[14], nip[15:]))  # as printed on a staff card


async def test_failures_spread_over_spellings_of_one_account_lock_it(client, world, settings):
    nip = await _nip_of(world.pontianak.asn)
    spellings = [
        nip,
        f"  {nip}\t",
        _spelled(nip, " "),
        _spelled(nip, "\u00a0"),  # non-breaking spaces
        _spelled(nip, "\u3000"),  # ideographic spaces
        "ASN@Pontianak.TEST ",  # the same person by email
    ]
    assert settings.login_failures_per_account < len(spellings)
    for spelling in spellings[: settings.login_failures_per_account]:
        assert (await login(client, spelling, "tebakan-salah")).json()["code"] == "login_failed"
    throttled = await login(client, spellings[-1])  # the right password, yet another spelling
    assert throttled.status_code == 429
    assert throttled.json()["code"] == "login_throttled"


async def test_every_spelling_of_a_nip_signs_in_but_other_digits_do_not(client, world):
    nip = await _nip_of(world.pontianak.asn)
    for spelling in (_spelled(nip, "\u00a0"), _spelled(nip, "\u2007"), f"\u3000{nip}\n"):
        assert (await login(client, spelling)).status_code == 200
    full_width = nip.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    arabic_indic = nip.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    for lookalike in (full_width, arabic_indic, nip[:8] + "\u200b" + nip[8:]):
        refused = await login(client, lookalike)
        assert refused.status_code == 401
        assert refused.json()["code"] == "login_failed"


async def test_repeated_failures_are_refused_for_a_window_then_allowed(client, world, settings, app):
    for _ in range(settings.login_failures_per_account):
        assert (await login(client, "asn@pontianak.test", "tebakan-salah")).status_code == 401
    throttled = await login(client, "asn@pontianak.test")  # even the right password waits
    assert throttled.status_code == 429
    assert throttled.json()["code"] == "login_throttled"
    assert 0 < int(throttled.headers["Retry-After"]) <= settings.login_window_seconds
    # another account from the same address is not locked by this one's failures
    assert (await login(client, "manajer@pontianak.test")).status_code == 200


async def test_guesses_sent_at_once_are_held_to_the_limit(world, settings, app):
    """Forty guesses in parallel from forty addresses: only the account's budget of them is checked."""

    async def guess(n: int):
        transport = httpx.ASGITransport(app=app, client=(f"198.51.100.{n + 1}", 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://tangkas.test") as http:
            return await login(http, "manajer@pontianak.test", f"tebakan-{n}")

    answers = await asyncio.gather(*(guess(n) for n in range(40)))
    codes = Counter(answer.json()["code"] for answer in answers)
    assert codes == {"login_failed": settings.login_failures_per_account, "login_throttled": 40 - codes["login_failed"]}


async def test_an_office_behind_one_address_signs_in_all_morning(client, world, settings):
    for _ in range(settings.login_failures_per_address + 5):
        assert (await login(client, "manajer@pontianak.test")).status_code == 200


async def test_the_owner_is_not_locked_out_forever(client, world, app):
    auth = app.state.auth
    window = 4  # long enough for six sign-ins on a loaded machine (the window opens at the first)
    auth._throttle._window = window
    opened = time.monotonic()
    for _ in range(5):
        await login(client, "asn@pontianak.test", "tebakan-salah")
    assert (await login(client, "asn@pontianak.test")).status_code == 429
    await asyncio.sleep(max(0.0, opened + window + 1.1 - time.monotonic()))
    assert (await login(client, "asn@pontianak.test")).status_code == 200


async def test_refresh_rotates_and_the_new_pair_works(client, world):
    first = await tokens_for(client, "asn@pontianak.test")
    second = (await client.post(REFRESH, json={"refresh_token": first["refresh_token"]})).json()
    assert second["refresh_token"] != first["refresh_token"]
    third = await client.post(REFRESH, json={"refresh_token": second["refresh_token"]})
    assert third.status_code == 200


async def test_a_reused_refresh_token_revokes_its_whole_family(client, world, app):
    app.state.auth._settings = _no_grace(app.state.auth._settings)
    first = await tokens_for(client, "asn@pontianak.test")
    other_device = await tokens_for(client, "asn@pontianak.test")
    second = (await client.post(REFRESH, json={"refresh_token": first["refresh_token"]})).json()

    reused = await client.post(REFRESH, json={"refresh_token": first["refresh_token"]})
    assert reused.status_code == 401
    assert reused.json()["code"] == "refresh_token_reused"
    descendant = await client.post(REFRESH, json={"refresh_token": second["refresh_token"]})
    assert descendant.status_code == 401
    # the other device's family is untouched
    assert (await client.post(REFRESH, json={"refresh_token": other_device["refresh_token"]})).status_code == 200


async def test_a_lost_refresh_answer_can_be_retried_within_the_grace(client, world):
    first = await tokens_for(client, "asn@pontianak.test")
    await client.post(REFRESH, json={"refresh_token": first["refresh_token"]})  # answer "lost"
    retried = await client.post(REFRESH, json={"refresh_token": first["refresh_token"]})
    assert retried.status_code == 200
    assert (await client.post(REFRESH, json={"refresh_token": retried.json()["refresh_token"]})).status_code == 200


async def test_concurrent_refreshes_with_one_token_succeed_once(client, world, app):
    app.state.auth._settings = _no_grace(app.state.auth._settings)
    first = await tokens_for(client, "asn@pontianak.test")
    answers = await asyncio.gather(
        *[client.post(REFRESH, json={"refresh_token": first["refresh_token"]}) for _ in range(4)]
    )
    assert [a.status_code for a in answers].count(200) == 1
    assert all(a.status_code in (200, 401) for a in answers)
    assert await RefreshToken.count().where(RefreshToken.revoked_at.is_null()) == 0


async def refreshed(client, refresh_token: str):
    return await client.post(REFRESH, json={"refresh_token": refresh_token})


async def test_a_retry_within_the_grace_answers_the_same_successor_until_it_is_used(client, world):
    first = await tokens_for(client, "asn@pontianak.test")
    second = (await refreshed(client, first["refresh_token"])).json()
    retried = await refreshed(client, first["refresh_token"])
    assert retried.status_code == 200
    assert retried.json()["refresh_token"] == second["refresh_token"]
    assert retried.json()["access_token"] != second["access_token"]  # a fresh one, same session
    third = await refreshed(client, second["refresh_token"])
    assert third.status_code == 200
    # its successor used, the first token is reuse even within the grace, and ends the family
    late = await refreshed(client, first["refresh_token"])
    assert late.status_code == 401
    assert late.json()["code"] == "refresh_token_reused"
    assert (await refreshed(client, third.json()["refresh_token"])).status_code == 401


async def test_a_token_spent_by_rotation_always_counts_as_reuse(client, world):
    first = await tokens_for(client, "asn@pontianak.test")
    second = (await refreshed(client, first["refresh_token"])).json()
    headers = {"Authorization": f"Bearer {second['access_token']}"}
    logout = await client.post("/api/v1/auth/logout", json={"refresh_token": second["refresh_token"]}, headers=headers)
    assert logout.status_code == 204
    assert (await refreshed(client, first["refresh_token"])).json()["code"] == "refresh_token_reused"
    assert (await refreshed(client, second["refresh_token"])).json()["code"] == "refresh_token_invalid"


@pytest.mark.parametrize("first_to_use_it", ["owner", "thief"])
async def test_a_thief_inside_the_grace_shares_the_owners_session_until_one_of_them_is_caught(
    client, world, app, first_to_use_it
):
    owner = await tokens_for(client, "asn@pontianak.test")
    stolen = owner["refresh_token"]
    owner = (await refreshed(client, stolen)).json()
    thief = await refreshed(client, stolen)  # within the grace: the owner's successor, not a fork
    assert thief.status_code == 200
    thief = thief.json()
    assert thief["refresh_token"] == owner["refresh_token"]
    first, second = (owner, thief) if first_to_use_it == "owner" else (thief, owner)
    moved_on = await refreshed(client, first["refresh_token"])
    assert moved_on.status_code == 200  # the owner's token was not silently revoked by the thief
    app.state.auth._settings = _no_grace(app.state.auth._settings)  # the other comes later, as they do
    caught = await refreshed(client, second["refresh_token"])
    assert caught.status_code == 401
    assert caught.json()["code"] == "refresh_token_reused"
    ended = await refreshed(client, moved_on.json()["refresh_token"])  # the family is over for both
    assert ended.status_code == 401


async def test_parallel_refreshes_from_one_phone_all_get_the_same_token(client, world):
    first = await tokens_for(client, "asn@pontianak.test")
    answers = await asyncio.gather(*[refreshed(client, first["refresh_token"]) for _ in range(4)])
    assert [a.status_code for a in answers] == [200] * 4
    assert len({a.json()["refresh_token"] for a in answers}) == 1
    assert await RefreshToken.count().where(RefreshToken.revoked_at.is_null()) == 1
    assert (await refreshed(client, answers[0].json()["refresh_token"])).status_code == 200


async def test_sign_out_everywhere_ends_access_tokens_at_once(client, world):
    one, two = await tokens_for(client, "asn@pontianak.test"), await tokens_for(client, "asn@pontianak.test")
    assert (await client.post("/api/v1/auth/logout", headers=_bearer(one))).status_code == 204
    for pair in (one, two):
        refused = await client.get("/api/v1/me", headers=_bearer(pair))
        assert refused.status_code == 401
        assert refused.json()["code"] == "token_revoked"
    again = await tokens_for(client, "asn@pontianak.test")
    assert (await client.get("/api/v1/me", headers=_bearer(again))).status_code == 200


async def test_a_new_password_ends_access_tokens_at_once(client, world, as_):
    before = await tokens_for(client, "asn@pontianak.test")
    changed = await client.patch(
        f"/api/v1/admin/users/{world.pontianak.asn}",
        json={"password": "kata-sandi-baru-2026"},
        headers=as_(world.pontianak.admin),
    )
    assert changed.status_code == 200, changed.text
    refused = await client.get("/api/v1/me", headers=_bearer(before))
    assert refused.status_code == 401
    assert refused.json()["code"] == "token_revoked"
    assert (await refreshed(client, before["refresh_token"])).status_code == 401
    after = (await login(client, "asn@pontianak.test", "kata-sandi-baru-2026")).json()
    assert (await client.get("/api/v1/me", headers=_bearer(after))).status_code == 200


async def test_a_refresh_token_from_before_sessions_ended_is_refused_even_if_left_live(client, world):
    """A refresh racing a sign-out everywhere could leave its new token unrevoked: the epoch ends it."""
    pair = await tokens_for(client, "asn@pontianak.test")
    await Person.update({Person.token_epoch: Person.token_epoch + 1}).where(Person.id == world.pontianak.asn)
    refused = await refreshed(client, pair["refresh_token"])
    assert refused.status_code == 401
    assert refused.json()["code"] == "refresh_token_invalid"


def _bearer(pair: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {pair['access_token']}"}


async def test_logout_revokes_the_refresh_token(client, world):
    pair = await tokens_for(client, "asn@pontianak.test")
    headers = {"Authorization": f"Bearer {pair['access_token']}"}
    assert (
        await client.post("/api/v1/auth/logout", json={"refresh_token": pair["refresh_token"]}, headers=headers)
    ).status_code == 204
    after = await client.post(REFRESH, json={"refresh_token": pair["refresh_token"]})
    assert after.status_code == 401
    assert after.json()["code"] == "refresh_token_invalid"


async def test_logout_without_a_token_ends_every_session(client, world):
    one, two = await tokens_for(client, "asn@pontianak.test"), await tokens_for(client, "asn@pontianak.test")
    headers = {"Authorization": f"Bearer {one['access_token']}"}
    assert (await client.post("/api/v1/auth/logout", headers=headers)).status_code == 204
    for pair in (one, two):
        assert (await client.post(REFRESH, json={"refresh_token": pair["refresh_token"]})).status_code == 401


async def test_someone_elses_refresh_token_cannot_be_logged_out(client, world, as_):
    victim = await tokens_for(client, "asn@pontianak.test")
    response = await client.post(
        "/api/v1/auth/logout", json={"refresh_token": victim["refresh_token"]}, headers=as_(world.palu.asn)
    )
    assert response.status_code == 401
    assert (await client.post(REFRESH, json={"refresh_token": victim["refresh_token"]})).status_code == 200


def _in(seconds: int) -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=seconds)


async def test_a_token_from_a_replica_whose_clock_runs_a_little_ahead_is_accepted(client, world, settings):
    token = jwt.encode(_claims(settings, world.pontianak.asn, iat=_in(3)), TEST_SECRET, algorithm="HS256")
    assert (await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})).status_code == 200


def _claims(settings, person_id: int, **overrides) -> dict:
    now = dt.datetime.now(dt.timezone.utc)
    return {
        "sub": str(person_id),
        "iat": now,
        "exp": now + dt.timedelta(minutes=5),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "jti": "t",
        "epoch": 0,
        **overrides,
    }


@pytest.mark.parametrize(
    ("make_token", "code"),
    [
        (lambda s, p: jwt.encode(_claims(s, p), "another-secret-" + "y" * 40, algorithm="HS256"), "token_invalid"),
        (
            lambda s, p: jwt.encode(
                _claims(s, p, exp=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)), TEST_SECRET, algorithm="HS256"
            ),
            "token_expired",
        ),
        (
            lambda s, p: jwt.encode(_claims(s, p, aud="another-service"), TEST_SECRET, algorithm="HS256"),
            "token_wrong_audience",
        ),
        (
            lambda s, p: jwt.encode(_claims(s, p, iss="someone-else"), TEST_SECRET, algorithm="HS256"),
            "token_wrong_audience",
        ),
        (
            lambda s, p: jwt.encode(
                {k: v for k, v in _claims(s, p).items() if k != "jti"}, TEST_SECRET, algorithm="HS256"
            ),
            "token_invalid",
        ),
        (lambda s, p: jwt.encode(_claims(s, p), TEST_SECRET, algorithm="HS512"), "token_invalid"),
        (  # issued a minute in the future: beyond any clock skew between replicas
            lambda s, p: jwt.encode(_claims(s, p, iat=_in(60)), TEST_SECRET, algorithm="HS256"),
            "token_invalid",
        ),
        (lambda s, p: _unsigned(_claims(s, p)), "token_invalid"),
        (lambda s, p: "not.a.jwt", "token_invalid"),
        (lambda s, p: _tamper(jwt.encode(_claims(s, p), TEST_SECRET, algorithm="HS256")), "token_invalid"),
        (lambda s, p: _signed(_claims(s, p, sub="1" * 40)), "token_invalid"),
        (lambda s, p: _signed(_claims(s, p, sub=str(2**31))), "token_invalid"),
        (lambda s, p: _signed(_claims(s, p, sub="9" * 5000)), "token_invalid"),
        (lambda s, p: _signed(_claims(s, p, sub="0")), "token_invalid"),
        (lambda s, p: _signed(_claims(s, p, sub="²")), "token_invalid"),
        (
            lambda s, p: _signed(_claims(s, p, sub=str(p).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")))),
            "token_invalid",
        ),
        (lambda s, p: _signed({k: v for k, v in _claims(s, p).items() if k != "epoch"}), "token_invalid"),
        (lambda s, p: _signed(_claims(s, p, epoch="0")), "token_invalid"),
        (lambda s, p: _signed(_claims(s, p, epoch=False)), "token_invalid"),
        (lambda s, p: _signed(_claims(s, p, epoch=1)), "token_revoked"),
    ],
    ids=[
        "wrong-key",
        "expired",
        "wrong-audience",
        "wrong-issuer",
        "no-jti",
        "other-alg",
        "issued-in-the-future",
        "alg-none",
        "garbage",
        "tampered",
        "sub-40-digits",
        "sub-beyond-the-id-column",
        "sub-5000-digits",
        "sub-zero",
        "sub-superscript-two",
        "sub-arabic-indic-digits",
        "no-epoch",
        "epoch-text",
        "epoch-false",
        "epoch-not-the-persons",
    ],
)
async def test_bad_tokens_are_refused_with_their_code(client, world, settings, make_token, code):
    response = await client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {make_token(settings, world.pontianak.asn)}"}
    )
    assert response.status_code == 401
    assert response.json()["code"] == code
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("subject", ["9" * 40, "99999999999", "²", "٣", " 3", "0"])
async def test_a_signed_token_whose_subject_is_no_person_id_is_invalid_not_a_500(client, world, settings, subject):
    token = jwt.encode(_claims(settings, 1, sub=subject), TEST_SECRET, algorithm="HS256")
    response = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert (response.status_code, response.json()["code"]) == (401, "token_invalid")


async def test_no_token_and_a_deactivated_persons_token_are_refused(client, world, as_):
    assert (await client.get("/api/v1/me")).json()["code"] == "not_authenticated"
    assert (await client.get("/api/v1/me", headers={"Authorization": "Basic abc"})).status_code == 401
    headers = as_(world.pontianak.asn)
    await client.post(f"/api/v1/admin/users/{world.pontianak.asn}/deactivate", headers=as_(world.pontianak.admin))
    refused = await client.get("/api/v1/me", headers=headers)
    assert refused.status_code == 401
    assert refused.json()["code"] == "account_unavailable"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b'{"login": "a", "password": ', 400, "malformed_json"),
        (b'{"login": 5, "password": "x"}', 400, "validation_failed"),
        (b'{"login": "a"}', 400, "validation_failed"),
        (b'{"login": "a", "password": "x", "remember": true}', 400, "validation_failed"),
        (b"[]", 400, "validation_failed"),
    ],
)
async def test_malformed_login_bodies(client, body, status, code):
    response = await client.post(LOGIN, content=body, headers={"content-type": "application/json"})
    assert response.status_code == status
    assert response.json()["code"] == code


async def test_an_oversized_body_is_refused(client):
    response = await client.post(
        LOGIN, content=b'{"login": "' + b"a" * 1_100_000 + b'"}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["code"] == "body_too_large"


def _signed(claims: dict) -> str:
    return jwt.encode(claims, TEST_SECRET, algorithm="HS256")


def _no_grace(settings):
    from dataclasses import replace

    return replace(settings, refresh_retry_grace_seconds=0)


def _unsigned(claims: dict) -> str:
    import base64
    import json

    def part(value) -> str:
        return (
            base64.urlsafe_b64encode(json.dumps(value, default=lambda d: int(d.timestamp())).encode())
            .decode()
            .rstrip("=")
        )

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


def _tamper(token: str) -> str:
    header, payload, signature = token.split(".")
    import base64
    import json

    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data["sub"] = "1"
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    return f"{header}.{forged}.{signature}"
