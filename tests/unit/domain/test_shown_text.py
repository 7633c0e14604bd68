import pytest

from domain.errors import InvalidInput
from domain.text import check_shown_text


@pytest.mark.parametrize(
    "text",
    ["Dewi Lestari", "Ani", "I Gusti Ngurah Rai", "Siti Nur'aini, S.Kom.", "محمد", "李", "7", "Α\u0301"],
)
def test_names_that_show_something_pass_unchanged(text):
    assert check_shown_text(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "\u200b",  # zero-width space
        "\u200b\u200c\u200d\u2060\ufeff",  # zero-width (non-)joiners, word joiner, byte order mark
        "\u00ad",  # soft hyphen
        "\u3164\u3164",  # Hangul filler
        "\u2800",  # blank Braille pattern
        "\u2028\u3000",  # line separator, ideographic space
        "\x07",
        "\ufe0f\ufe0f\ufe0f",  # variation selectors (marks, not C* or Z*)
        "\u034f\u034f",  # combining grapheme joiner
        "\u17b4\u17b5",  # Khmer inherent vowels, shown as nothing
        "\U000e0100\U000e0101",  # variation selectors supplement
        " \u0301\u0301 ",  # combining accents on nothing
    ],
)
def test_text_of_invisible_characters_only_is_refused(text):
    with pytest.raises(InvalidInput) as caught:
        check_shown_text(text)
    assert caught.value.code == "text_invisible"


@pytest.mark.parametrize("control", list("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
def test_any_bidi_control_is_refused_even_among_visible_text(control):
    with pytest.raises(InvalidInput) as caught:
        check_shown_text(f"Admin{control}Pontianak")
    assert caught.value.code == "text_bidi_control"
