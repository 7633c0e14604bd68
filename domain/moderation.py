"""Moderation of citizens' comments: hidden until a decider of their unit releases them.

A comment waits ``pending``; a decision releases it (shown on the IKM report and the display) or
hides it. The same decision again changes nothing. A released comment may still be hidden (it takes
back what the release gave: a praise's XP); a hidden one stays hidden (``409``): what was withdrawn
from view, and its XP, does not come back by a second click.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from domain.errors import Conflict, InvalidInput

MAX_REASON = 300
# A decider hears that comments wait at most once in this time, however many arrive: the notice counts
# what waits then, the queue and the daily digest show the rest.
NOTICE_WINDOW = dt.timedelta(hours=1)


class CommentStatus(StrEnum):
    NONE = "none"  # nothing to moderate: no comment and nobody named
    PENDING = "pending"
    RELEASED = "released"
    HIDDEN = "hidden"


class CommentDecision(StrEnum):
    RELEASE = "release"
    HIDE = "hide"


TARGET = {CommentDecision.RELEASE: CommentStatus.RELEASED, CommentDecision.HIDE: CommentStatus.HIDDEN}
LISTED = (CommentStatus.PENDING, CommentStatus.RELEASED, CommentStatus.HIDDEN)


def listed_status(text: str) -> CommentStatus:
    try:
        status = CommentStatus(text)
    except ValueError:
        status = None
    if status not in LISTED:
        raise InvalidInput("survey_comment_status_unknown", allowed=", ".join(LISTED))
    return status


def parse_decision(text: str) -> CommentDecision:
    try:
        return CommentDecision(text)
    except ValueError:
        raise InvalidInput("decision_unknown", allowed=", ".join(CommentDecision)) from None


def next_status(current: CommentStatus, decision: CommentDecision) -> CommentStatus | None:
    """The status the decision moves a comment to; None when it is already there (a resend)."""
    target = TARGET[decision]
    if current is target:
        return None
    if current is CommentStatus.PENDING or (current, target) == (CommentStatus.RELEASED, CommentStatus.HIDDEN):
        return target
    raise Conflict("survey_comment_decided", status=current.value)


def check_release_of_flagged(flagged: bool, decision: CommentDecision, confirmed: bool) -> None:
    """A comment the word filter caught is released only by a decider who says they read it."""
    if flagged and decision is CommentDecision.RELEASE and not confirmed:
        raise InvalidInput("survey_comment_flagged")


def check_reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) > MAX_REASON:
        raise InvalidInput("survey_comment_reason_length", max=MAX_REASON)
    return reason


def waiting_notice(waiting: int, service: str, unit: str) -> tuple[str, str]:
    """The title and body telling a decider how many comments wait for them, naming where the newest came
    from; never the comment itself (a push passes through the phone's push service)."""
    return (
        f"{waiting} komentar warga menunggu moderasi Anda",
        f"Yang terbaru tentang layanan “{service}” di {unit}.",
    )
