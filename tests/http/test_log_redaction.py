import logging

import pytest

from api.http.log_redaction import install, redact

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ"
DISPLAY_TOKEN = "Zk3p9QmV1sT0aXr2LbNc8YwE4uHjK6dGfA5oPiUe7yR"


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        (f"Authorization: Bearer {JWT}", JWT),
        (f"token {JWT} refused", JWT),
        (f'GET /display/{DISPLAY_TOKEN} HTTP/1.1" 200', DISPLAY_TOKEN),
        (f"GET /api/v1/displays/{DISPLAY_TOKEN}/stream", DISPLAY_TOKEN),
        (f'GET /kredensial/{DISPLAY_TOKEN} HTTP/1.1" 200', DISPLAY_TOKEN),  # credentials: a share link
        (f"GET /api/v1/public/credentials/{DISPLAY_TOKEN}", DISPLAY_TOKEN),  # credentials
        ('{"login": "x", "password": "rahasia-sekali"}', "rahasia-sekali"),
        ("refresh_token=abcDEF123_xyz&x=1", "abcDEF123_xyz"),
        ("login failed for 199001152015032001", "19900115201503"),
    ],
)
def test_secrets_and_full_nips_are_masked(line, secret):
    assert secret not in redact(line)


def test_a_nip_keeps_its_last_four_digits_and_other_numbers_stay():
    assert redact("nip 199001152015032001 and order 12345") == "nip **************2001 and order 12345"


@pytest.mark.parametrize(
    "written",
    [
        "19900115 201503 2 001",
        "19900115%20201503%202%20001",
        "19900115+201503+2+001",
        "%31%39%39%30%30%31%31%35%32%30%31%35%30%33%32%30%30%31",
        "%31%39%39%30%30%31%31%35%20%32%30%31%35%30%33%20%32%20%30%30%31",
        "1990%30115201503%3200%31",
        "19900115%C2%A0201503%c2%a02%C2%A0001",
        "19900115%E3%80%80201503%E3%80%802%E3%80%80001",
        "%19900115 201503 2 001%",  # a search pattern in a database driver's debug log
        "19900115%20%20201503%202%20001",  # two spaces
        "19900115++201503++2++001",
        "19900115%09201503%092%09001",  # tabs
        "19900115-201503-2-001",
        "19900115.201503.2.001",
        "19900115%2D201503%2D2%2D001",
        "19900115%E2%80%89201503%E2%80%892%E2%80%89001",  # thin spaces
    ],
)
def test_a_nip_in_groups_or_percent_encoded_is_masked_too(written):
    line = f'10.0.0.1:5000 - "GET /api/v1/admin/users?q={written}&limit=20 HTTP/1.1" 200'
    masked = redact(line)
    assert masked.replace("%*", "*").replace("1%&", "1&") == (
        '10.0.0.1:5000 - "GET /api/v1/admin/users?q=**************2001&limit=20 HTTP/1.1" 200'
    )


@pytest.mark.parametrize(
    "line",
    [
        "2026-11-24 07:56:24,123 order 12345 of 678",
        "id 12345678901234567890 is no NIP",  # 20 digits
        "GET /api/v1/x?after=%31%32%33&limit=50",
        "LIKE '%19900115 2015%'",
        "totals 100 200 300 400 500",
    ],
)
def test_other_numbers_stay_as_they_are(line):
    assert redact(line) == line


def test_records_of_any_logger_are_redacted_and_formatters_still_get_their_arguments(caplog):
    install()
    install()  # twice changes nothing
    with caplog.at_level(logging.INFO):
        logging.getLogger("tests.access").info(  # shaped like uvicorn's access log
            '%s - "%s %s HTTP/%s" %d', "10.0.0.1:5000", "GET", f"/display/{DISPLAY_TOKEN}", "1.1", 200
        )
        logging.getLogger("anything").warning("sign-in by %s with %r", "199001152015032001", {"password": "p4ss-w0rd"})
    text = caplog.text
    assert DISPLAY_TOKEN not in text and "199001152015032001" not in text and "p4ss-w0rd" not in text
    access = next(r for r in caplog.records if r.name == "tests.access")
    assert access.args[4] == 200 and "/display/[token]" in access.getMessage()


def test_the_servers_access_log_line_is_redacted():
    from uvicorn.logging import AccessFormatter

    install()
    record = logging.getLogger("uvicorn.access").makeRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("10.0.0.1:5000", "GET", f"/api/v1/displays/{DISPLAY_TOKEN}/stream", "1.1", 200), None,
    )  # fmt: skip
    line = AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s', use_colors=False).format(record)
    assert line == '10.0.0.1:5000 - "GET /api/v1/displays/[token]/stream HTTP/1.1" 200 OK'
