"""Praise from citizens: which released survey answers credit the ASN they name, and the monthly slot
that caps what praise pays.

An answer is praise when it names the ASN who served (``served_by``) and scores that ASN's own
elements at least "baik" (3 of 4): U6 kompetensi pelaksana and U7 perilaku pelaksana. The other
elements judge the unit's service, not the person.

Each praise fact takes a slot in its person's month (in their region's zone): its ``level`` reads
``"2026-12#3"``, the third praise of December 2026. A unique index on (person, level) for praise
facts makes slots first come, first served even when releases race; the capped rule pays only the
slots up to its ``per_month``. A slot, once taken, stays taken: praise hidden later keeps it.
"""

from __future__ import annotations

import datetime as dt

PRAISE_MIN_SCORE = 3  # "baik" on the SKM scale 1-4
MONTH_KEY_LENGTH = 7  # "2026-12"


def is_praise(served_by: int | None, u6: int, u7: int) -> bool:
    return served_by is not None and u6 >= PRAISE_MIN_SCORE and u7 >= PRAISE_MIN_SCORE


def month_key(local_day: dt.date) -> str:
    return f"{local_day.year:04d}-{local_day.month:02d}"


def slot_level(local_day: dt.date, slot: int) -> str:
    """The fact level of the ``slot``-th praise (from 1) of the person's month of ``local_day``."""
    return f"{month_key(local_day)}#{slot}"


def slot_within(level: str | None, per_month: int) -> bool:
    """Whether a praise fact's level names one of its month's first ``per_month`` slots.

    Read by position, as the set-based engine reads it in SQL (``SUBSTR``): the 8th character is
    ``#`` and what follows is one of "1" … str(per_month). Anything else is outside the cap.
    """
    if level is None or level[MONTH_KEY_LENGTH : MONTH_KEY_LENGTH + 1] != "#":
        return False
    return level[MONTH_KEY_LENGTH + 1 :] in slot_names(per_month)


def slot_names(per_month: int) -> tuple[str, ...]:
    return tuple(str(slot) for slot in range(1, per_month + 1))
