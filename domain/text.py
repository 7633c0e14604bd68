"""Names and titles people read on a screen: they must show something, and must not reorder what surrounds them.

A name of zero-width characters looks like no name at all in a list, on a leaderboard or in an audit row, and
can pass for another one. The controls of the Unicode bidirectional algorithm (overrides, embeddings,
isolates, marks) make text display in another order than it is stored: ``"\u202eTOOR"`` shows as ``ROOT``.
Indonesian names and titles need neither, so both are refused.
"""

from __future__ import annotations

import unicodedata

from domain.errors import InvalidInput

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters and symbols that draw nothing: the Hangul fillers and the blank Braille pattern.
BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def shows_something(text: str) -> bool:
    """True when the text holds a letter, number, punctuation mark or symbol (Unicode L*, N*, P*, S*)
    other than a blank glyph: marks alone (variation selectors, combining joiners) show nothing."""
    return any(char not in BLANK_GLYPHS and unicodedata.category(char)[0] in "LNPS" for char in text)


def check_shown_text(text: str) -> str:
    """``text`` unchanged, or ``InvalidInput`` when it holds a bidi control or shows nothing."""
    if not BIDI_CONTROLS.isdisjoint(text):
        raise InvalidInput("text_bidi_control")
    if not shows_something(text):
        raise InvalidInput("text_invisible")
    return text
