import datetime as dt

import pytest

from domain.certificates import (
    Status,
    check_decidable,
    check_fields,
    check_grant,
    duplicate_key,
    normal_issuer,
    normal_number,
)
from domain.errors import Conflict, InvalidInput

TODAY = dt.date(2027, 1, 1)


def fields(**changes):
    return check_fields(
        **{
            "issuer": "LAN RI",
            "number": "STTPP-001/2026",
            "title": "Pelatihan Dasar CPNS",
            "completed_on": dt.date(2026, 12, 31),
            "jp_claimed": 2.25,
            "competency_type": "teknis",
            "today": TODAY,
        }
        | changes
    )


def test_one_certificate_however_its_issuer_and_number_are_typed():
    keys = {
        duplicate_key("BPSDM  Prov. Kalbar", "SK-001/2026"),
        duplicate_key(" bpsdm prov. KALBAR ", "sk 001 2026"),
        duplicate_key("ＢＰＳＤＭ Prov. Kalbar", "ＳＫ００１２０２６"),  # full-width, as some keyboards type
        duplicate_key("BPSDM Prov. Kalbar", "SK\u2013001\u2014\u00a02026"),  # en and em dashes, a no-break space
        # format characters (Cf) draw nothing: zero-width space and joiner, soft hyphen, BOM, LRM
        duplicate_key("BPSDM\u00ad Prov. Kalbar\u200e", "SK\u00ad-001/2026\u200b"),
        duplicate_key("\ufeffBPSDM Prov. Kalbar", "SK-\u200d001/\u20602026"),
    }
    assert keys == {"bpsdm prov. kalbar|sk0012026"}
    assert duplicate_key("BPSDM Prov. Kalbar", "SK-001/2027") not in keys
    assert duplicate_key("LAN RI", "SK-001/2026") not in keys  # another issuer's number is another certificate
    assert duplicate_key("LAN RI", None) is None and duplicate_key("LAN RI", " - ") is None
    assert normal_issuer("Ｌａｎ\tRI") == "lan ri" and normal_number("١٢٣") == "123"  # NFKC digits


def test_a_record_is_for_this_year_or_the_last_with_jp_in_hundredths():
    assert fields().jp_claimed_centi == 225
    assert fields(completed_on=dt.date(2026, 1, 1)).completed_on == dt.date(2026, 1, 1)
    for changes, code in [
        ({"completed_on": dt.date(2027, 1, 2)}, "certificate_in_future"),
        ({"completed_on": dt.date(2025, 12, 31)}, "certificate_too_old"),
        ({"jp_claimed": 0}, "certificate_jp_range"),
        ({"jp_claimed": 0.005}, "certificate_jp_range"),
        ({"jp_claimed": 100.01}, "certificate_jp_range"),
        ({"competency_type": "Teknis"}, "certificate_competency_type_unknown"),
        ({"number": "-/-"}, "certificate_number_format"),
        ({"issuer": "X"}, "certificate_issuer_length"),
        ({"jp_claimed": 1e308}, "certificate_jp_range"),  # x100 is inf: refused before, never round(inf)
        ({"jp_claimed": -1e308}, "certificate_jp_range"),
        ({"number": "STTPP-001/2026\u200b"}, "certificate_number_format"),
        ({"number": "STTPP\u00ad-001/2026"}, "certificate_number_format"),
        ({"issuer": "LAN\u2060 RI"}, "certificate_issuer_format"),
    ]:
        with pytest.raises(InvalidInput) as refused:
            fields(**changes)
        assert refused.value.code == code, changes


def test_granting_other_than_claimed_needs_a_reason():
    assert check_grant(2400, 24, "") == 2400
    assert check_grant(2400, 20, "Empat JP tanpa bukti") == 2000
    assert check_grant(2400, 0, "Bukan pelatihan kompetensi") == 0
    for granted, reason, code in [
        (20, "  ", "certificate_grant_reason_required"),
        (100.5, "x", "certificate_grant_range"),
    ]:
        with pytest.raises(InvalidInput) as refused:
            check_grant(2400, granted, reason)
        assert refused.value.code == code


def test_a_decision_is_taken_on_a_submitted_record_once():
    check_decidable(Status.SUBMITTED)
    for status in (Status.VERIFIED, Status.RETURNED):
        with pytest.raises(Conflict) as refused:
            check_decidable(status)
        assert (refused.value.code, refused.value.params) == ("already_decided", {"status": status.value})
