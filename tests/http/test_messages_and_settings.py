import base64

import pytest

from api.http.errors import ApiError
from api.http.messages import MESSAGES, message, preferred_language
from api.http.paging import decode_cursor, encode_cursor
from gamification.storage.settings import InsecureSettings, InvalidSettings, Settings


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "id"),
        ("", "id"),
        ("en", "en"),
        ("en-US,en;q=0.9", "en"),
        ("id,en;q=0.8", "id"),
        ("fr, en;q=0.5", "en"),
        ("en;q=0.2, id;q=0.9", "id"),
        ("en;q=abc", "id"),
    ],
)
def test_indonesian_is_the_default_and_english_is_on_request(header, language):
    assert preferred_language(header) == language


def test_every_message_has_both_languages_and_fills_its_parameters():
    assert all(indonesian and english for indonesian, english in MESSAGES.values())
    assert (
        message("login_throttled", "en", {"retry_after": 42}) == "Too many sign-in attempts. Try again in 42 seconds."
    )
    assert "42 detik" in message("login_throttled", "id", {"retry_after": 42})


def test_cursors_round_trip_and_garbage_is_refused():
    assert decode_cursor(encode_cursor(12345)) == 12345
    assert encode_cursor(None) is None
    spelled = [base64.urlsafe_b64encode(f"id:{n}".encode()).decode() for n in ("²", "٣", "9" * 18, "0", "+3")]
    for garbage in ("!!!", "aWQ6LTE", "eDoxMg", "aWQ6", *spelled):
        with pytest.raises(ApiError) as caught:
            decode_cursor(garbage)
        assert caught.value.code == "cursor_invalid"


def test_production_refuses_a_default_or_short_secret():
    with pytest.raises(InsecureSettings):
        Settings.from_env({"TANGKAS_ENV": "production"})
    with pytest.raises(InsecureSettings):
        Settings.from_env({"TANGKAS_ENV": "production", "TANGKAS_JWT_SECRET": "short"})
    with pytest.raises(InsecureSettings, match="TANGKAS_PUBLIC_URL must be set in production"):
        Settings.from_env({"TANGKAS_ENV": "production", "TANGKAS_JWT_SECRET": "k" * 48})
    good = Settings.from_env(
        {"TANGKAS_ENV": "production", "TANGKAS_JWT_SECRET": "k" * 48, "TANGKAS_PUBLIC_URL": "https://tangkas.test"}
    )
    assert good.production


@pytest.mark.parametrize("name", ["prod", "Prod", "staging", "test", "", "production-1"])
def test_an_unknown_environment_is_refused_naming_the_allowed_ones(name):
    with pytest.raises(InvalidSettings, match="TANGKAS_ENV must be one of development, production"):
        Settings.from_env({"TANGKAS_ENV": name, "TANGKAS_JWT_SECRET": "short"})


@pytest.mark.parametrize(("name", "production"), [("production", True), (" Production ", True), ("development", False)])
def test_the_known_environments_are_read_whatever_their_case(name, production):
    assert (
        Settings.from_env(
            {"TANGKAS_ENV": name, "TANGKAS_JWT_SECRET": "k" * 48, "TANGKAS_PUBLIC_URL": "https://tangkas.test"}
        ).production
        is production
    )


def test_development_warns_about_the_default_secret():
    with pytest.warns(UserWarning, match="development secret"):
        Settings.from_env({})


def test_database_url_selects_the_engine():
    assert Settings.from_env({"TANGKAS_JWT_SECRET": "k" * 48}).database_url == "sqlite:///tangkas.sqlite"
    assert Settings(database_url="postgresql://u@h/db").is_postgres


def test_a_rotated_out_secret_keeps_its_tokens_valid_until_removed():
    import datetime as dt

    from domain.errors import NotAuthenticated
    from gamification.identity.tokens import AccessClaims, issue_access_token, read_access_token

    old, new = "o" * 48, "n" * 48
    token = issue_access_token(Settings(jwt_secret=old), 42, dt.datetime.now(dt.timezone.utc), 3)
    rotating = Settings.from_env(
        {
            "TANGKAS_ENV": "production",
            "TANGKAS_JWT_SECRET": new,
            "TANGKAS_JWT_PREVIOUS_SECRETS": f" {old} ,",
            "TANGKAS_PUBLIC_URL": "https://tangkas.test",
        }
    )
    assert rotating.jwt_previous_secrets == (old,)
    assert read_access_token(rotating, token) == AccessClaims(person_id=42, token_epoch=3)
    with pytest.raises(NotAuthenticated) as refused:
        read_access_token(Settings(jwt_secret=new), token)
    assert refused.value.code == "token_invalid"
    with pytest.raises(InsecureSettings):
        Settings.from_env(
            {"TANGKAS_ENV": "production", "TANGKAS_JWT_SECRET": new, "TANGKAS_JWT_PREVIOUS_SECRETS": "pendek"}
        )


def test_the_recalculation_interval_must_make_a_grid_that_restarts_every_hour():
    secret = {"TANGKAS_JWT_SECRET": "k" * 48}
    assert Settings.from_env(secret).recalc_every_seconds == 300
    for seconds in ("1", "2", "30", "60", "120", "900", "3600"):
        assert Settings.from_env(secret | {"TANGKAS_RECALC_EVERY_SECONDS": seconds}).recalc_every_seconds == int(
            seconds
        )
    for seconds in ("0", "-5", "7", "45", "90", "420", "7200", "lima", "2.5"):
        with pytest.raises(InvalidSettings, match="TANGKAS_RECALC_EVERY_SECONDS"):
            Settings.from_env(secret | {"TANGKAS_RECALC_EVERY_SECONDS": seconds})


def test_replication_credits_per_month_are_a_whole_number_of_zero_or_more():
    secret = {"TANGKAS_JWT_SECRET": "k" * 48}
    assert Settings.from_env(secret).replication_credits_per_month == 5
    for credits in ("0", "3", "20"):
        assert Settings.from_env(
            secret | {"TANGKAS_REPLICATION_CREDITS_PER_MONTH": credits}
        ).replication_credits_per_month == int(credits)
    for credits in ("-1", "lima", "2.5"):
        with pytest.raises(InvalidSettings, match="TANGKAS_REPLICATION_CREDITS_PER_MONTH"):
            Settings.from_env(secret | {"TANGKAS_REPLICATION_CREDITS_PER_MONTH": credits})
