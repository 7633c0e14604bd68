"""The day's site code of a service point: proof that whoever answers stood at the counter today.

The code is 6 digits, an HMAC of the local date (the region's calendar) under the service point's own
secret, so it changes at local midnight and differs between service points. Staff show it (in the QR of
the link, ``?kode=``); the citizen's form carries it back. Yesterday's code is still taken for
``GRACE_AFTER_MIDNIGHT`` after midnight, for someone who opened the form just before and sent it just
after; the answer is then counted on the new day. Pure: tested in tests/unit/domain/test_site_codes.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput

DIGITS = 6
GRACE_AFTER_MIDNIGHT = dt.timedelta(minutes=30)


def site_code(secret: str, day: dt.date) -> str:
    digest = hmac.new(secret.encode(), f"site-code:{day.isoformat()}".encode(), hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10**DIGITS:0{DIGITS}d}"


def code_of_today(secret: str, now: dt.datetime, timezone: str) -> tuple[str, dt.date, dt.datetime]:
    """Today's code, the local date and when it stops being today's (the next local midnight, in UTC)."""
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    midnight = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    return site_code(secret, today), today, midnight.astimezone(dt.timezone.utc)


def check_site_code(secret: str, given: str, now: dt.datetime, timezone: str) -> None:
    """``site_code_required`` when none was given, ``site_code_invalid`` unless it is today's (or
    yesterday's, within the grace after midnight)."""
    given = given.strip()
    if not given:
        raise InvalidInput("site_code_required")
    if len(given) != DIGITS or not (given.isascii() and given.isdigit()):
        raise InvalidInput("site_code_invalid")
    local = now.astimezone(ZoneInfo(timezone))
    days = [local.date()]
    if local - local.replace(hour=0, minute=0, second=0, microsecond=0) < GRACE_AFTER_MIDNIGHT:
        days.append(local.date() - dt.timedelta(days=1))
    if not any(hmac.compare_digest(site_code(secret, day), given) for day in days):
        raise InvalidInput("site_code_invalid")
