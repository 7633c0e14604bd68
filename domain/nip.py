"""NIP, the 18-digit staff number: birth date, appointment month (TMT CPNS), sex digit, serial.

A PPPK's number (NI PPPK) has the same shape, with the month field ``21`` after the year of
appointment: it names the staff type, not a month."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.errors import InvalidInput

PPPK_MONTH = 21


@dataclass(frozen=True, slots=True)
class Nip:
    value: str
    birth_date: dt.date
    appointed: tuple[int, int]  # (year, month) of TMT CPNS; the month is PPPK_MONTH for a PPPK
    sex: int  # 1 = male, 2 = female
    serial: int

    @property
    def is_pppk(self) -> bool:
        return self.appointed[1] == PPPK_MONTH

    def masked(self) -> str:
        return mask_nip(self.value)


def parse_nip(raw: str, today: dt.date | None = None) -> Nip:
    """Validate a NIP as SPEC section 2 says; raise ``InvalidInput`` with a precise code."""
    value = raw.strip().replace(" ", "")
    if len(value) != 18 or not value.isascii() or not value.isdigit():
        raise InvalidInput("nip_format")
    try:
        birth = dt.date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise InvalidInput("nip_birth_date") from None
    if birth.year < 1900 or birth > (today or dt.date.today()):
        raise InvalidInput("nip_birth_date")
    appointed_year, appointed_month = int(value[8:12]), int(value[12:14])
    if not (1 <= appointed_month <= 12 or appointed_month == PPPK_MONTH) or appointed_year < 1900:
        raise InvalidInput("nip_appointment_date")
    if appointed_year < birth.year or (
        appointed_month <= 12 and (appointed_year, appointed_month) < (birth.year, birth.month)
    ):
        raise InvalidInput("nip_appointment_before_birth")
    sex = int(value[14])
    if sex not in (1, 2):
        raise InvalidInput("nip_sex_digit")
    return Nip(value, birth, (appointed_year, appointed_month), sex, int(value[15:18]))


def mask_nip(value: str) -> str:
    """The NIP as logs may show it: the first and last four digits only."""
    if len(value) < 8:
        return "*" * len(value)
    return f"{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}"
