import pytest

from domain.word_filter import flagged_words, is_flagged, normalise


@pytest.mark.parametrize(
    "comment",
    [
        "Petugasnya anjing",
        "ANJING",
        "anjiiiiing lama sekali",
        "dasar 4nj1ng",
        "a n j i n g",
        "b.a.n.g.s.a.t semua",
        "bangs@t",
        "anj-ing",
        "ｂａｎｇｓａｔ",  # full-width
        "𝐭𝐨𝐥𝐨𝐥",  # mathematical bold
        "аnjing",  # a Cyrillic а
        "an\u200bjing",  # a zero-width space inside
        "ánjíng",
        "goblooook petugasnya",
        "kalian kurang ajar",
        "KURANG   AJAR",
        "anjingnya galak",
        "dasar asu",
        "t0l0l",
    ],
)
def test_insults_are_flagged_however_they_are_dressed_up(comment):
    assert is_flagged(comment), comment


@pytest.mark.parametrize(
    "comment",
    [
        "",
        "Pelayanan cepat dan ramah, terima kasih.",
        "Asuransi kesehatan saya diurus dengan baik",  # asu-
        "Antre di pantai? Tidak, antre di loket 3 selama 1 jam",  # -tai, digits
        "Petugas memakai masker dan sarung tangan",
        "Kurang cepat, tapi ajaran petugas jelas",  # not the phrase
        "Babinsa membantu warga",  # babi-
        "Saya membawa sayur petai",  # tai after a prefix of its own
        "Sistemnya gila lama, tolong diperbaiki",  # a frank word left out of the list on purpose
        "Cocok untuk lansia",
    ],
)
def test_everyday_words_that_contain_or_resemble_one_are_not_flagged(comment):
    assert not is_flagged(comment), flagged_words(comment)


def test_normalising_undoes_case_width_accents_and_repeats():
    assert normalise("ÁNJIIING") == "anjing"
    assert normalise("ｂ４ｂｉ") == "babi"


def test_the_words_found_are_reported():
    assert flagged_words("dasar monyet, kurang ajar") == ["kurang ajar", "monyet"]
