"""JP (jam pelajaran): 1 JP = 45 minutes; every ASN is owed 20 JP of development a calendar year.

JP is kept in hundredths ("centi-JP") so that fractions such as 0.25 JP add up exactly.
"""

from __future__ import annotations

from domain.errors import InvalidInput

MINUTES_PER_JP = 45
YEARLY_TARGET_JP = 20
MAX_JP = 40


def parse_jp(jp: float) -> int:
    """JP as sent by an author (``0.25``) → hundredths (``25``); at most two decimals."""
    centi = round(jp * 100)
    if abs(jp * 100 - centi) > 1e-6:
        raise InvalidInput("module_jp_precision")
    if not 0 <= centi <= MAX_JP * 100:
        raise InvalidInput("module_jp_range", max=MAX_JP)
    return centi


def jp_value(centi: int) -> float:
    return centi / 100
