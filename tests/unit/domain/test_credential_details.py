"""What the verification page reads of a credential: dates on the issuing region's calendar, JP from the OB 3.0
credits (what the person earned before what the achievement offers), the competency from its alignment."""

import datetime as dt

from domain.credential_details import credential_details


def credential(**subject) -> dict:
    achievement = {"name": "Siber", "description": "Keamanan", "creditsAvailable": 4}
    return {
        "validFrom": "2026-12-31T17:30:00Z",
        "awardedDate": "2026-12-31T15:59:00Z",
        "credentialSubject": {"achievement": achievement, **subject},
    }


def test_dates_are_the_regions_and_credits_earned_come_first():
    read = credential_details(credential(creditsEarned=1.5), "Tangkas Kota X", "Asia/Jakarta")
    assert (read.awarded_on, read.issued_on) == (dt.date(2026, 12, 31), dt.date(2027, 1, 1))
    assert read.jp == 1.5 and read.achievement_name == "Siber" and read.issuer_name == "Tangkas Kota X"
    assert credential_details(credential(), "T", "Asia/Jayapura").awarded_on == dt.date(2027, 1, 1)
    assert credential_details(credential(), "T", "Asia/Jakarta").jp == 4


def test_what_is_not_a_number_or_a_text_is_left_out():
    odd = credential(creditsEarned=True)
    odd["credentialSubject"]["achievement"] |= {"creditsAvailable": "10", "description": 5, "alignment": "x"}
    read = credential_details(odd | {"awardedDate": "kemarin"}, "T", "Asia/Jakarta")
    assert (read.jp, read.achievement_description, read.competency, read.awarded_on) == (None, None, None, None)
