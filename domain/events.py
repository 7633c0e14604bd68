"""Events (workshops, seminars, webinars, classroom diklat): their schedule, the rotating check-in
code and the attendance rule. Pure: no clock, no database; tested in tests/unit/domain/test_events.py.

The check-in code is a 6-digit HMAC of the session and a 30-second time step (like TOTP), keyed by
a server secret: the organiser's phone shows it (as a QR code), the ASN's phone scans it and sends
it with the moment it was scanned. It is valid for the step of that moment and one step either side;
the moment must lie within the session's window and not in the future, and a phone that was offline
may send it up to a day after the session ends. A code from another session, or from an hour before
the moment the phone claims, does not match; only a code of the ten minutes before the scan is called
expired, and a person gets ``MAX_CHECKIN_MISSES`` wrong codes per session (counted by the application).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from domain.errors import Conflict, InvalidInput
from domain.text import check_shown_text

STEP_SECONDS = 30
STEPS_EITHER_SIDE = 1
OPENS_BEFORE_START = dt.timedelta(minutes=30)  # check-in opens this long before a session starts
CLOSES_AFTER_END = dt.timedelta(minutes=30)  # ... and closes this long after it ends
CLOCK_SKEW = dt.timedelta(minutes=2)  # a phone's clock may run this much ahead of the server's
LATE_SUBMISSION = dt.timedelta(hours=24)  # an offline phone may send a scan this long after the session
RECENTLY_SHOWN = dt.timedelta(minutes=10)  # a code this much older than the scan is "expired", not "invalid"
MAX_CHECKIN_MISSES = 5  # wrong codes a person may send for one session before check-in there is refused
MAX_SESSIONS = 52
MAX_SESSION_LENGTH = dt.timedelta(hours=12)
DEFAULT_MIN_ATTENDANCE_PERCENT = 80
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
CODE_PATTERN = re.compile(r"[0-9]{6}")


class EventKind(StrEnum):
    WORKSHOP = "workshop"
    SEMINAR = "seminar"
    WEBINAR = "webinar"
    DIKLAT = "diklat"  # classroom training


class EventStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class Audience(StrEnum):
    ALL = "all"  # everyone of the region (of every region, for a national event)
    UNITS = "units"  # staff of the units named and the units below them
    AGENCIES = "agencies"  # staff of the agencies named


class Repeat(StrEnum):
    NONE = "none"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class RegistrationStatus(StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class AttendanceMethod(StrEnum):
    CODE = "code"
    LIST = "list"


@dataclass(frozen=True)
class SessionTimes:
    starts_at: dt.datetime
    ends_at: dt.datetime


def parse_choice(kind: type[StrEnum], value: str, code: str) -> StrEnum:
    try:
        return kind(value)
    except ValueError:
        raise InvalidInput(code, value=value[:40]) from None


def schedule(sessions: list[SessionTimes], repeat: Repeat, count: int, timezone: str) -> list[SessionTimes]:
    """The event's sessions in order: as given, or one session repeated ``count`` times weekly or
    monthly at the same local wall time in the region's zone (a 31st falls on a shorter month's last day)."""
    for session in sessions:
        if session.starts_at.tzinfo is None or session.ends_at.tzinfo is None:
            raise InvalidInput("event_time_zone_missing")
        if not all(EARLIEST_YEAR <= t.year <= LATEST_YEAR for t in (session.starts_at, session.ends_at)):
            raise InvalidInput("event_session_times")  # nor does a repetition run off the calendar
        if not session.starts_at < session.ends_at <= session.starts_at + MAX_SESSION_LENGTH:
            raise InvalidInput("event_session_times")
    if repeat != Repeat.NONE:
        if len(sessions) != 1:
            raise InvalidInput("event_repeat_one_session")
        sessions = _repeated(sessions[0], repeat, count, ZoneInfo(timezone))
    elif count != 1:
        raise InvalidInput("event_repeat_count")
    if not 1 <= len(sessions) <= MAX_SESSIONS:
        raise InvalidInput("event_session_count", max=MAX_SESSIONS)
    ordered = sorted(sessions, key=lambda session: session.starts_at)
    if any(later.starts_at < earlier.ends_at for earlier, later in zip(ordered, ordered[1:], strict=False)):
        raise InvalidInput("event_sessions_overlap")
    return [
        SessionTimes(s.starts_at.astimezone(dt.timezone.utc), s.ends_at.astimezone(dt.timezone.utc)) for s in ordered
    ]


def _repeated(first: SessionTimes, repeat: Repeat, count: int, zone: ZoneInfo) -> list[SessionTimes]:
    if not 1 <= count <= MAX_SESSIONS:
        raise InvalidInput("event_session_count", max=MAX_SESSIONS)
    start = first.starts_at.astimezone(zone).replace(tzinfo=None)
    length = first.ends_at - first.starts_at
    sessions = []
    for n in range(count):
        wall = start + dt.timedelta(weeks=n) if repeat == Repeat.WEEKLY else _months_later(start, n)
        starts_at = wall.replace(tzinfo=zone)
        sessions.append(SessionTimes(starts_at, starts_at + length))
    return sessions


def _months_later(moment: dt.datetime, months: int) -> dt.datetime:
    year, month = divmod(moment.month - 1 + months, 12)
    year, month = moment.year + year, month + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def checkin_key(server_secret: str) -> bytes:
    """The check-in codes' own key, derived from a server secret (never the secret itself)."""
    return hmac.new(server_secret.encode(), b"tangkas/event-checkin/v1", hashlib.sha256).digest()


def time_step(moment: dt.datetime) -> int:
    return int(moment.timestamp()) // STEP_SECONDS


def checkin_code(key: bytes, session_id: int, step: int) -> str:
    """Six digits, by the dynamic truncation of RFC 4226 over HMAC-SHA256(session, step)."""
    digest = hmac.new(key, f"{session_id}:{step}".encode(), hashlib.sha256).digest()
    offset = digest[-1] & 0x0F
    number = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def current_code(key: bytes, session_id: int, now: dt.datetime) -> tuple[str, dt.datetime]:
    """The code to show now and when the next one replaces it."""
    step = time_step(now)
    valid_until = dt.datetime.fromtimestamp((step + 1) * STEP_SECONDS, dt.timezone.utc)
    return checkin_code(key, session_id, step), valid_until


def checkin_window(session: SessionTimes) -> tuple[dt.datetime, dt.datetime]:
    return session.starts_at - OPENS_BEFORE_START, session.ends_at + CLOSES_AFTER_END


def check_scan(
    key: bytes, session_id: int, session: SessionTimes, code: str, scanned_at: dt.datetime, now: dt.datetime
) -> None:
    """Whether ``code``, scanned at ``scanned_at`` and received ``now``, checks in to the session; why not."""
    if not CODE_PATTERN.fullmatch(code):
        raise InvalidInput("checkin_code_invalid")
    if scanned_at.tzinfo is None:
        raise InvalidInput("event_time_zone_missing")
    if scanned_at > now + CLOCK_SKEW:
        raise InvalidInput("checkin_scanned_in_future")
    opens, closes = checkin_window(session)
    if not opens <= scanned_at <= closes:
        raise InvalidInput("checkin_outside_session")
    if now > session.ends_at + LATE_SUBMISSION:
        raise InvalidInput("checkin_too_late")
    step = time_step(scanned_at)
    if any(_same(code, checkin_code(key, session_id, step + d)) for d in _around()):
        return
    # A code this session showed shortly before the scan (a slow scan, a photo passed on): said so. Any other
    # code is just wrong; naming a code of another moment would tell a guesser which moment to claim.
    recent = range(time_step(scanned_at - RECENTLY_SHOWN), step - STEPS_EITHER_SIDE)
    if any(_same(code, checkin_code(key, session_id, s)) for s in recent):
        raise InvalidInput("checkin_code_expired")
    raise InvalidInput("checkin_code_invalid")


def _around() -> range:
    return range(-STEPS_EITHER_SIDE, STEPS_EITHER_SIDE + 1)


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def required_sessions(total: int, min_percent: int) -> int:
    """The fewest sessions attended that meet ``min_percent`` of ``total`` (at least one)."""
    return max(1, -(-total * min_percent // 100))


def attended_enough(attended: int, total: int, min_percent: int) -> bool:
    return total > 0 and attended >= required_sessions(total, min_percent)


def check_min_attendance(percent: int) -> int:
    if not 1 <= percent <= 100:
        raise InvalidInput("event_min_attendance")
    return percent


def check_registration_times(opens_at: dt.datetime | None, closes_at: dt.datetime) -> None:
    """An event's registration window as given: aware, within the calendar the sessions keep to, opening first."""
    if any(t is not None and t.tzinfo is None for t in (opens_at, closes_at)):
        raise InvalidInput("event_time_zone_missing")
    if not all(t is None or EARLIEST_YEAR <= t.year <= LATEST_YEAR for t in (opens_at, closes_at)):
        raise InvalidInput("event_registration_times")


def check_registration_window(opens_at: dt.datetime | None, closes_at: dt.datetime, now: dt.datetime) -> None:
    if (opens_at is not None and now < opens_at) or now > closes_at:
        raise Conflict("registration_closed")


def check_feedback(rating: int, comment: str) -> tuple[int, str]:
    if not 1 <= rating <= 5:
        raise InvalidInput("feedback_rating")
    return rating, comment.strip()


MAX_EVENT_XP = 1000


def check_event_fields(title: str, xp: int) -> str:
    title = " ".join(title.split())
    if not 3 <= len(title) <= 200:
        raise InvalidInput("event_title_length")
    check_shown_text(title)
    if not 0 <= xp <= MAX_EVENT_XP:
        raise InvalidInput("event_xp_range", max=MAX_EVENT_XP)
    return title
