"""Ids that arrive as text (JSON keys, CSV cells, cursors, paths), read strictly before any query sees them.

``str.isdigit`` and ``int()`` accept far more than an id: ``"²"`` is a digit that ``int`` refuses, ``"٣"``
(Arabic-Indic three) is read as 3, ``" 3"``, ``"+3"`` and ``"3_0"`` are numbers too. And PostgreSQL refuses
a parameter bigger than the column in a WHERE, so an id out of range must stop here, not in the driver.
"""

from __future__ import annotations

MAX_ID = 2**31 - 1  # primary keys are Piccolo's Serial: a PostgreSQL integer
MAX_DIGITS = 19  # enough for any 64-bit value; longer text is not worth converting


def is_ascii_number(text: str) -> bool:
    """Only the digits 0–9: no sign, space, underscore or digit of another script."""
    return 0 < len(text) <= MAX_DIGITS and text.isascii() and text.isdigit()


def parse_id(text: str, maximum: int = MAX_ID) -> int | None:
    """The id written in ``text``, or None when it is not a plain number within 1..``maximum``."""
    if not is_ascii_number(text):
        return None
    value = int(text)
    return value if 1 <= value <= maximum else None
