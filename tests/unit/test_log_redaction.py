import logging

import pytest

from gamification.log_redaction import install, redact

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ"
DISPLAY_TOKEN = "Zk3p9QmV1sT0aXr2LbNc8YwE4uHjK6dGfA5oPiUe7yR"


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        (f"Authorization: Bearer {JWT}", JWT),
        (f"token {JWT} refused", JWT),
        (f'GET /display/{DISPLAY_TOKEN} HTTP/1.1" 200', DISPLAY_TOKEN),
        (f"GET /api/v1/displays/{DISPLAY_TOKEN}/stream", DISPLAY_TOKEN),
        ('{"login": "x", "password": "rahasia-sekali"}', "rahasia-sekali"),
        ("refresh_token=abcDEF123_xyz&x=1", "abcDEF123_xyz"),
        ("login failed for 199001152015032001", "19900115201503"),
    ],
)
def test_secrets_and_full_nips_are_masked(line, secret):
    assert secret not in redact(line)


def test_a_nip_keeps_its_last_four_digits_and_other_numbers_stay():
    assert redact("nip 199001152015032001 and order 12345") == "nip **************2001 and order 12345"


def test_records_of_any_logger_are_redacted_and_formatters_still_get_their_arguments(caplog):
    install()
    install()  # twice changes nothing
    with caplog.at_level(logging.INFO):
        logging.getLogger("uvicorn.access").info(
            '%s - "%s %s HTTP/%s" %d', "10.0.0.1:5000", "GET", f"/display/{DISPLAY_TOKEN}", "1.1", 200
        )
        logging.getLogger("anything").warning("sign-in by %s with %r", "199001152015032001", {"password": "p4ss-w0rd"})
    text = caplog.text
    assert DISPLAY_TOKEN not in text and "199001152015032001" not in text and "p4ss-w0rd" not in text
    assert caplog.records[0].args[4] == 200 and "/display/[token]" in caplog.records[0].getMessage()
