"""The push sender: drains the notifications not pushed yet (``pushed_at`` empty) to their people's phones.

Each notification is claimed before it is sent: its try is counted and ``push_next_at`` moved a lease ahead,
in a transaction of its own, so two senders never send it at once, and one that dies holding it gives it up
when the lease ends. Each device's answer is committed as soon as it comes (``push_devices``), so a try after
a crash sends only to the devices not done with. What no bookkeeping can close is the moment between a push
service taking a message and our record of it: that device gets it again, under the same collapse key
(``PushMessage.collapse_key``), which the phone shows once. Nothing is lost; a phone shows nothing twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter

from domain.push import CLAIM_LEASE, MAX_AGE, MAX_ATTEMPTS, PushOutcome, PushPreferences, SendResult, backoff
from domain.push import parse_muted_kinds as muted
from gamification.notifications.senders import Device, PushMessage, PushSender
from gamification.storage.database import unit_of_work
from gamification.storage.json_column import loaded
from gamification.storage.metrics import PUSH_DONE, PUSH_SENDS
from gamification.storage.tables import Notification, Person, PushDevice

log = logging.getLogger("tangkas.push")
BATCH = 50
MAX_PER_RUN = 2000  # a minute's run; the rest waits for the next one


class PushOutbox:
    def __init__(self, sender: PushSender) -> None:
        self.sender = sender

    async def drain(self, now: dt.datetime | None = None, most: int = MAX_PER_RUN) -> dict:
        """Push what is due (never tried, or its backoff over), oldest first; the counts of each outcome."""
        now = now or dt.datetime.now(dt.timezone.utc)
        counts: Counter[str] = Counter()
        after = 0
        while sum(counts.values()) < most:
            ids = await _due(now, after)
            if not ids:
                break
            for notification_id in ids:
                counts[await self._push(notification_id, now)] += 1
            after = ids[-1]
        return dict(counts)

    async def _push(self, notification_id: int, now: dt.datetime) -> str:
        row = await _claim(notification_id, now)
        if row is None:
            return "taken"  # by another sender meanwhile
        if row["created_at"] < now - MAX_AGE:
            return await _finish(notification_id, PushOutcome.STALE)
        if not (await _preferences(row["person"])).wants(row["kind"]):
            return await _finish(notification_id, PushOutcome.OPTED_OUT)
        done: dict[str, str] = dict(loaded(row["push_devices"]) or {})
        devices = [d for d in await _devices(row["person"]) if str(d.id) not in done]
        message = PushMessage(row["id"], row["kind"], row["title"], row["body"], _data(loaded(row["data"])))
        retry_after, retry = None, False
        for device in devices:
            answer = await self.sender.send(device, message)
            PUSH_SENDS.labels(answer.result.value).inc()
            if answer.result is SendResult.RETRY:
                retry, retry_after = True, max(filter(None, (retry_after, answer.retry_after)), default=None)
                log.info("push %s to device %s: try again (%s)", notification_id, device.id, answer.detail)
            elif answer.result is SendResult.UNREGISTERED:
                await _forget(device)
            else:
                done[str(device.id)] = answer.result.value
                await _record(notification_id, done)
        if retry and row["push_attempts"] < MAX_ATTEMPTS:
            await _later(notification_id, now + backoff(row["push_attempts"], retry_after))
            return "retry"
        sent = SendResult.SENT.value in done.values()
        if retry:
            return await _finish(notification_id, PushOutcome.SENT if sent else PushOutcome.GAVE_UP)
        return await _finish(notification_id, PushOutcome.SENT if sent else PushOutcome.NO_DEVICE)


async def _due(now: dt.datetime, after: int) -> list[int]:
    return (
        await Notification.select(Notification.id)
        .where(
            Notification.pushed_at.is_null()
            & (Notification.id > after)
            & (Notification.push_next_at.is_null() | (Notification.push_next_at <= now))
        )
        .order_by(Notification.id)
        .limit(BATCH)
        .output(as_list=True)
    )


async def _claim(notification_id: int, now: dt.datetime) -> dict | None:
    """This try counted and the notification leased to this sender; None when another holds it or is done."""
    async with unit_of_work():
        claimed = (
            await Notification.update(
                {
                    Notification.push_attempts: Notification.push_attempts + 1,
                    Notification.push_next_at: now + CLAIM_LEASE,
                }
            )
            .where(
                (Notification.id == notification_id)
                & Notification.pushed_at.is_null()
                & (Notification.push_next_at.is_null() | (Notification.push_next_at <= now))
            )
            .returning(*Notification.all_columns())
        )
    return claimed[0] if claimed else None


async def _preferences(person_id: int) -> PushPreferences:
    row = (
        await Person.select(Person.push_enabled, Person.push_muted_kinds, Person.active)
        .where(Person.id == person_id)
        .first()
    )
    if row is None or not row["active"]:
        return PushPreferences(False, frozenset())
    return PushPreferences(bool(row["push_enabled"]), muted(row["push_muted_kinds"]))


async def _devices(person_id: int) -> list[Device]:
    rows = await PushDevice.select(PushDevice.id, PushDevice.token, PushDevice.platform).where(
        PushDevice.person == person_id
    )
    return [Device(row["id"], row["token"], row["platform"]) for row in rows]


async def _forget(device: Device) -> None:
    """The push service no longer knows the token: the device goes (unless the token was registered anew)."""
    async with unit_of_work():
        await PushDevice.delete().where((PushDevice.id == device.id) & (PushDevice.token == device.token))
    log.info("push: device %s unregistered, removed", device.id)


async def _record(notification_id: int, done: dict[str, str]) -> None:
    async with unit_of_work():
        await Notification.update({Notification.push_devices: done}).where(Notification.id == notification_id)


async def _later(notification_id: int, at: dt.datetime) -> None:
    async with unit_of_work():
        await Notification.update({Notification.push_next_at: at}).where(Notification.id == notification_id)


async def _finish(notification_id: int, outcome: PushOutcome) -> str:
    async with unit_of_work():
        await Notification.update(
            {
                Notification.pushed_at: dt.datetime.now(dt.timezone.utc),
                Notification.push_result: outcome.value,
                Notification.push_next_at: None,
            }
        ).where(Notification.id == notification_id)
    PUSH_DONE.labels(outcome.value).inc()
    return outcome.value


def _data(data: dict) -> dict[str, str]:
    """FCM data values are strings; the notification's ids and numbers go as text."""
    return {str(key): str(value) for key, value in (data or {}).items() if isinstance(value, str | int | float)}
