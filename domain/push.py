"""Push notifications: device tokens, a person's choices, what a send's answer means, and when to try
again. Pure."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import InvalidInput

MAX_TOKEN = 1024  # FCM registration tokens are ~160 characters, APNs device tokens 64
MAX_DEVICES = 10  # per person: registering an eleventh drops the least recently registered
MAX_MUTED_KINDS = 20
KIND = re.compile(r"[a-z][a-z0-9_]{0,39}")
MUTED_SEPARATOR = ";"

MAX_ATTEMPTS = 8  # 30 s, 1, 2, 4, 8, 16, 32 min: about an hour of trying, then it stays in the inbox only
FIRST_BACKOFF = dt.timedelta(seconds=30)
MAX_BACKOFF = dt.timedelta(hours=1)
CLAIM_LEASE = dt.timedelta(minutes=5)  # a sender that dies holding a notification gives it up after this
MAX_AGE = dt.timedelta(days=1)  # older than this, a push is news nobody needs: inbox only


class Platform(StrEnum):
    ANDROID = "android"
    IOS = "ios"
    WEB = "web"


class SendResult(StrEnum):
    """What a push service answered for one device."""

    SENT = "sent"
    RETRY = "retry"  # 5xx, 429, a network error: try again later
    UNREGISTERED = "unregistered"  # the token is gone (FCM 404 / UNREGISTERED): forget the device
    REJECTED = "rejected"  # refused for good (a bad request): not this device, not again


class PushOutcome(StrEnum):
    """Why the sender is done with a notification (``notification.push_result``)."""

    SENT = "sent"  # at least one device took it
    OPTED_OUT = "opted_out"  # the person turned push off, or this kind
    NO_DEVICE = "no_device"
    GAVE_UP = "gave_up"  # MAX_ATTEMPTS tries failed
    STALE = "stale"  # older than MAX_AGE when its turn came
    BEFORE_PUSH = "before_push"  # written before push existed (the migration)


@dataclass(frozen=True)
class PushPreferences:
    enabled: bool
    muted_kinds: frozenset[str]

    def wants(self, kind: str) -> bool:
        return self.enabled and kind not in self.muted_kinds


def check_token(token: str) -> str:
    token = token.strip()
    if not 1 <= len(token) <= MAX_TOKEN or any(ch.isspace() or not ch.isprintable() for ch in token):
        raise InvalidInput("push_token_invalid", max=MAX_TOKEN)
    return token


def check_muted_kinds(kinds: list[str]) -> frozenset[str]:
    if len(kinds) > MAX_MUTED_KINDS or not all(KIND.fullmatch(kind) for kind in kinds):
        raise InvalidInput("push_muted_kinds_invalid", max=MAX_MUTED_KINDS)
    return frozenset(kinds)


def muted_kinds_text(kinds: frozenset[str]) -> str:
    return MUTED_SEPARATOR.join(sorted(kinds))


def parse_muted_kinds(text: str) -> frozenset[str]:
    return frozenset(kind for kind in text.split(MUTED_SEPARATOR) if kind)


def backoff(attempts: int, retry_after: dt.timedelta | None = None) -> dt.timedelta:
    """The wait after the ``attempts``-th failed try: doubling from 30 s, at most an hour, never shorter than
    what the push service asked for (``Retry-After``)."""
    wait = min(FIRST_BACKOFF * 2 ** max(attempts - 1, 0), MAX_BACKOFF)
    return max(wait, min(retry_after, MAX_BACKOFF)) if retry_after is not None else wait
