import datetime as dt

import pytest

from domain.errors import InvalidInput
from domain.survey import (
    ELEMENT_KEYS,
    ELEMENTS,
    MAX_COMMENT,
    SCALE,
    SurveyAnswerIn,
    check_answer,
    check_comment,
    check_contact,
    check_scores,
    comment_status,
    first_name,
    local_date,
)

ALL_THREE = {key: 3 for key in ELEMENT_KEYS}


def test_the_nine_elements_and_the_scale_of_permenpanrb_14_2017():
    assert [key for key, _ in ELEMENTS] == [f"u{n}" for n in range(1, 10)]
    assert [label for _, label in ELEMENTS] == [
        "Persyaratan",
        "Sistem, mekanisme dan prosedur",
        "Waktu penyelesaian",
        "Biaya/tarif",
        "Produk spesifikasi jenis pelayanan",
        "Kompetensi pelaksana",
        "Perilaku pelaksana",
        "Penanganan pengaduan, saran dan masukan",
        "Sarana dan prasarana",
    ]
    assert SCALE == ((1, "Tidak baik"), (2, "Kurang baik"), (3, "Baik"), (4, "Sangat baik"))


def test_scores_are_whole_numbers_one_to_four_from_json_or_a_form():
    assert check_scores(ALL_THREE) == (3,) * 9
    assert check_scores({key: "4" for key in ELEMENT_KEYS}) == (4,) * 9


@pytest.mark.parametrize("bad", [0, 5, -1, 10**30, 3.0, "3.0", "04", " 3", "٣", "", None, True, [3], "３"])
def test_a_score_outside_one_to_four_or_of_another_kind_is_refused_naming_the_element(bad):
    with pytest.raises(InvalidInput) as caught:
        check_scores(ALL_THREE | {"u7": bad})
    assert caught.value.code == "survey_scores_missing"
    assert caught.value.params == {"elements": "U7"}


def test_every_missing_element_is_named_at_once():
    with pytest.raises(InvalidInput) as caught:
        check_scores({"u1": 1, "u9": 4})
    assert caught.value.params["elements"] == "U2, U3, U4, U5, U6, U7, U8"


def test_a_comment_is_trimmed_bounded_and_free_of_control_and_bidi_characters():
    assert check_comment("  Pelayanan cepat.\r\nTerima kasih\t!  ") == "Pelayanan cepat.\nTerima kasih\t!"
    assert check_comment("   ") == ""
    assert check_comment("<script>alert(1)</script>") == "<script>alert(1)</script>"  # escaped where shown
    assert len(check_comment("x" * MAX_COMMENT)) == MAX_COMMENT
    for bad, code in [
        ("x" * (MAX_COMMENT + 1), "survey_comment_too_long"),
        ("a\x00b", "survey_comment_invalid"),
        ("a\x1bb", "survey_comment_invalid"),
        ("bagus \u202eKOJEJ", "survey_comment_invalid"),
    ]:
        with pytest.raises(InvalidInput) as caught:
            check_comment(bad)
        assert caught.value.code == code


def test_a_contact_is_kept_only_with_consent_and_only_a_phone_number_or_an_email():
    assert check_contact("", False) == ""
    assert check_contact("  0812-3456-7890 ", True) == "0812-3456-7890"
    assert check_contact("+62 812 3456 7890", True) == "+62 812 3456 7890"
    assert check_contact("warga@contoh.id", True) == "warga@contoh.id"
    with pytest.raises(InvalidInput) as caught:
        check_contact("0812-3456-7890", False)
    assert caught.value.code == "survey_contact_consent_required"
    for bad in ["Jl. Merdeka 5, Pontianak", "12", "<b>@x.id", "a" * 200 + "@contoh.id", "0812\n3456789"]:
        with pytest.raises(InvalidInput) as caught:
            check_contact(bad, True)
        assert caught.value.code == "survey_contact_invalid", bad


def test_an_answer_is_checked_as_a_whole():
    checked = check_answer(SurveyAnswerIn(ALL_THREE, comment=" ok ", contact="warga@contoh.id", contact_consent=True))
    assert (checked.scores, checked.comment, checked.contact) == ((3,) * 9, "ok", "warga@contoh.id")


def test_a_comment_or_a_named_asn_waits_for_moderation():
    assert comment_status("", None) == "none"
    assert comment_status("Bagus", None) == "pending"
    assert comment_status("", 12) == "pending"


def test_the_local_date_is_the_regions():
    late_evening_utc = dt.datetime(2026, 12, 6, 17, 30, tzinfo=dt.timezone.utc)
    assert local_date(late_evening_utc, "Asia/Jakarta") == dt.date(2026, 12, 7)  # 00:30 WIB
    assert local_date(late_evening_utc - dt.timedelta(hours=1), "Asia/Jakarta") == dt.date(2026, 12, 6)
    assert local_date(dt.datetime(2026, 12, 6, 15, 30, tzinfo=dt.timezone.utc), "Asia/Jayapura") == dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    "name, shown",
    [
        ("Budi Santoso", "Budi"),
        ("H. Ahmad Yani", "Ahmad"),
        ("Dr. Ir. Siti Rahmawati, M.Si.", "Siti"),
        ("Rahmat, S.Kom", "Rahmat"),
        ("Sukarno", "Sukarno"),
        ("  ", "ASN"),
    ],
)
def test_citizens_see_the_first_name_only_without_titles(name, shown):
    assert first_name(name) == shown
