import datetime as dt

from domain.credentials import (
    Verdict,
    achievement_of,
    criteria_narrative,
    subject_name,
    verdict_in_time,
    verdict_message,
)

NOW = dt.datetime(2026, 12, 7, 6, 0, tzinfo=dt.UTC)


def test_the_validity_window_decides_expired_and_not_yet_valid():
    assert verdict_in_time({"validFrom": "2026-01-01T00:00:00Z"}, NOW) is Verdict.VALID
    assert verdict_in_time({"validUntil": "2026-12-07T05:59:59Z"}, NOW) is Verdict.EXPIRED
    assert verdict_in_time({"validFrom": "2026-12-08T00:00:00Z"}, NOW) is Verdict.NOT_YET_VALID
    assert verdict_in_time({"validFrom": "bukan tanggal", "validUntil": 5}, NOW) is Verdict.VALID


def test_odd_shapes_of_a_signed_credential_are_read_without_failing():
    for odd in [{}, {"credentialSubject": []}, {"credentialSubject": {"achievement": [1], "identifier": "x"}}]:
        assert achievement_of(odd) == {} and subject_name(odd) is None
        assert verdict_message(Verdict.VALID, odd, "Tangkas Kota Palu").startswith("Kredensial sah")


def test_criteria_read_as_a_narrative():
    assert criteria_narrative({"kind": "completions", "count": 3, "topic": "keamanan-siber"}) == (
        "Menyelesaikan 3 modul bertopik keamanan-siber."
    )
    assert "Kompetensi Manajerial" in criteria_narrative(
        {"kind": "completions", "count": 1, "competency_type": "manajerial"}
    )
    assert criteria_narrative({"kind": "jp_year", "jp": 20}) == "Mengumpulkan 20 JP dalam satu tahun."
