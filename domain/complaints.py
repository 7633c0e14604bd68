"""A citizen's complaint (pengaduan) as rules: its states and moves, the tracking code, the answer's
deadline in working days, and the bounds of what a citizen sends. Pure.

received → in_progress → answered → closed; the unit may answer straight from received.
"""

from __future__ import annotations

import datetime as dt
import secrets
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from domain.errors import Conflict, InvalidInput
from domain.streaks import is_working_day
from domain.text import BIDI_CONTROLS, shows_something

# No 0/O or 1/I/L: a code copied by hand from a screen or a slip of paper is typed right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10  # 31^10 ≈ 8·10^14: guessing is bounded by the lookup budget, not by luck
BODY_MIN, BODY_MAX = 10, 2000
ANSWER_MAX = 4000
CONTACT_MAX = 160
MAX_ANSWER_DAYS = 60


class Status(StrEnum):
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    CLOSED = "closed"


class Move(StrEnum):
    PROGRESS = "progress"
    ANSWER = "answer"
    CLOSE = "close"


# the move, the states it starts from, where it leads
MOVES: dict[Move, tuple[tuple[Status, ...], Status]] = {
    Move.PROGRESS: ((Status.RECEIVED,), Status.IN_PROGRESS),
    Move.ANSWER: ((Status.RECEIVED, Status.IN_PROGRESS), Status.ANSWERED),
    Move.CLOSE: ((Status.ANSWERED,), Status.CLOSED),
}
WAITING = (Status.RECEIVED, Status.IN_PROGRESS)  # the unit owes an answer
STATUS_WORDS = {
    Status.RECEIVED: "Diterima",
    Status.IN_PROGRESS: "Sedang diproses",
    Status.ANSWERED: "Sudah dijawab",
    Status.CLOSED: "Selesai",
}


def check_move(current: Status, move: Move) -> Status:
    """The state ``move`` leads to from ``current``, or ``409 complaint_wrong_state``."""
    sources, target = MOVES[move]
    if current not in sources:
        raise Conflict("complaint_wrong_state", status=current.value, move=move.value)
    return target


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def shown_code(code: str) -> str:
    """``ABCDE-FGHJK``: two groups of five to read and type."""
    return f"{code[:5]}-{code[5:]}"


def normalise_code(typed: str) -> str | None:
    """The stored code for what a citizen typed (any case, spaces or dashes), or None when it cannot be one."""
    code = "".join(char for char in typed.upper() if char not in " -\t\u00a0._")
    if len(code) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in code):
        return None
    return code


def due_at(filed_at: dt.datetime, answer_days: int, timezone: str, holidays: Collection[dt.date]) -> dt.datetime:
    """The end (23:59:59 local) of the ``answer_days``-th working day after the filing day, in the region's
    zone: weekends and the region's holidays do not count. Zero days: the end of the filing day."""
    zone = ZoneInfo(timezone)
    day = filed_at.astimezone(zone).date()
    left = max(0, min(answer_days, MAX_ANSWER_DAYS))
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            left -= 1
    end = dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=zone)
    return end.astimezone(dt.timezone.utc)


def is_overdue(status: Status, due: dt.datetime, now: dt.datetime) -> bool:
    return status in WAITING and now > due


def _text(text: str) -> str:
    """Lines kept, trailing spaces and carriage returns dropped; no bidi controls."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()


def _has_control(text: str) -> bool:
    """A control character other than newline and tab (NUL among them: PostgreSQL cannot store it)."""
    return any(char not in "\n\t" and unicodedata.category(char) == "Cc" for char in text)


def check_body(body: str) -> str:
    body = _text(body)
    if _has_control(body):
        raise InvalidInput("complaint_control_character")
    if not BODY_MIN <= len(body) <= BODY_MAX or not shows_something(body):
        raise InvalidInput("complaint_body_length", min=BODY_MIN, max=BODY_MAX)
    if not BIDI_CONTROLS.isdisjoint(body):
        raise InvalidInput("text_bidi_control")
    return body


def check_answer(answer: str) -> str:
    answer = _text(answer)
    if not 1 <= len(answer) <= ANSWER_MAX or not shows_something(answer):
        raise InvalidInput("complaint_answer_length", max=ANSWER_MAX)
    if not BIDI_CONTROLS.isdisjoint(answer):
        raise InvalidInput("text_bidi_control")
    return answer


@dataclass(frozen=True)
class Contact:
    value: str  # "" when none was given
    consent: bool


def check_contact(contact: str | None, consent: bool) -> Contact:
    """A contact is kept only with the citizen's explicit consent (UU PDP); without one nothing is."""
    if _has_control(contact or ""):
        raise InvalidInput("complaint_control_character")
    contact = " ".join((contact or "").split())
    if not contact:
        return Contact("", False)
    if not consent:
        raise InvalidInput("complaint_contact_without_consent")
    if len(contact) > CONTACT_MAX or not shows_something(contact) or not BIDI_CONTROLS.isdisjoint(contact):
        raise InvalidInput("complaint_contact_format", max=CONTACT_MAX)
    return Contact(contact, True)
