"""The port a push goes out through, and the default implementation that only writes it to the log.

A sender answers for one device at a time what happened (``domain.push.SendResult``); what to do about
it (try again later, forget the device) is the outbox's business. Network errors are answers too
(``RETRY``), never exceptions: an exception means the sender itself broke, and the outbox stops.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Protocol

from domain.push import SendResult

log = logging.getLogger("tangkas.push")


@dataclass(frozen=True)
class PushMessage:
    notification_id: int
    kind: str
    title: str
    body: str
    data: dict[str, str] = field(default_factory=dict)

    @property
    def collapse_key(self) -> str:
        """The same for every send of one notification: a phone that gets it twice (a sender that died
        after the push service took it, before the record of it) shows it once."""
        return f"tangkas-{self.notification_id}"


@dataclass(frozen=True)
class Device:
    id: int
    token: str
    platform: str


@dataclass(frozen=True)
class Answer:
    result: SendResult
    retry_after: dt.timedelta | None = None
    detail: str = ""


class PushSender(Protocol):
    async def send(self, device: Device, message: PushMessage) -> Answer: ...

    async def close(self) -> None: ...


class LogSender:
    """The default: each push written to the log (``tangkas.push``), as if every phone took it."""

    async def send(self, device: Device, message: PushMessage) -> Answer:
        log.info("push %s to device %s (%s): %s", message.collapse_key, device.id, device.platform, message.title)
        return Answer(SendResult.SENT)

    async def close(self) -> None:
        pass
