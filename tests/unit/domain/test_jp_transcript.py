"""The JP transcript's rules: which ledger rows are items, which years may be asked for, how JP reads, and that a
busy year's transcript still fits what the verification endpoint accepts."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from api.schemas.credentials import CREDENTIAL_MAX
from domain.credentials import issuer_of
from domain.errors import InvalidInput
from domain.jp_transcript import Transcript, TranscriptItem, checked_year, jp_text, kept_items, transcript_credential
from gamification.credentials.transcript_pdf import latin1

WIT = ZoneInfo("Asia/Jayapura")


def row(source_id: int, centi: int, at: dt.datetime, reversal: bool = False, kind: str = "certificate") -> dict:
    return {
        "source_kind": kind,
        "source_id": source_id,
        "title": f"Butir {source_id}",
        "competency_type": "teknis",
        "jp_centi": -centi if reversal else centi,
        "earned_at": at,
        "reversal": reversal,
    }


def test_a_credit_taken_back_leaves_with_its_twin_and_items_come_oldest_first_on_the_regions_calendar():
    late = dt.datetime(2026, 12, 31, 14, 30, tzinfo=dt.UTC)  # 23:30 WIT
    early = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    items = kept_items(
        [row(1, 200, late), row(2, 500, early), row(2, 500, early, reversal=True), row(3, 25, early)], WIT
    )
    assert [(i.source_id, i.local_date) for i in items] == [(3, dt.date(2026, 2, 1)), (1, dt.date(2026, 12, 31))]


def test_a_year_not_begun_or_before_the_first_is_refused():
    assert checked_year(2026, 2026, 2024) == 2026
    with pytest.raises(InvalidInput) as future:
        checked_year(2027, 2026, 2024)
    with pytest.raises(InvalidInput) as before:
        checked_year(2023, 2026, 2024)
    assert (future.value.code, before.value.code) == ("transcript_year_in_future", "transcript_year_before_record")
    assert before.value.params == {"year": 2023, "first_year": 2024}


@pytest.mark.parametrize(("centi", "text"), [(0, "0"), (25, "0,25"), (1250, "12,5"), (2000, "20"), (1005, "10,05")])
def test_jp_reads_as_an_indonesian_writes_it(centi, text):
    assert jp_text(centi) == text


def test_text_outside_latin1_is_spelled_near_enough_for_the_pdfs_standard_fonts():
    assert latin1("Rapat “Koordinasi” – Tahap 2…") == 'Rapat "Koordinasi" - Tahap 2...'
    assert latin1("Café Łódź 日本") == "Café ?ódz ??"


def test_a_busy_years_transcript_fits_the_verification_endpoint():
    at = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    items = tuple(
        TranscriptItem("module", n, "Judul modul yang cukup panjang " * 3, "manajerial", 25, at, at.date())
        for n in range(200)
    )
    transcript = Transcript(2026, "Nama Pegawai", "199001012015032001", "Kota Jayapura", "Dinas", "Bidang", items)
    credential = transcript_credential(
        credential_id="urn:uuid:0",
        issuer=issuer_of("https://tangkas.jayapurakota.go.id", "jayapura", "Kota Jayapura"),
        subject_id="urn:uuid:1",
        transcript=transcript,
        issued_at=at,
        timezone=WIT,
    )
    as_jwt = len(json.dumps(credential)) * 4 / 3 + 400  # base64url of the payload, header and signature
    assert as_jwt < CREDENTIAL_MAX
