"""The phones a person receives push notifications on. A registration token names one app install; when
it is registered again by someone else (a shared or handed-on phone), it moves to them, so nobody gets
another person's notifications."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor
from domain.errors import NotFound
from domain.push import MAX_DEVICES, Platform, check_token
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.tables import PushDevice


@dataclass(frozen=True)
class DeviceView:
    id: int
    platform: str
    registered_at: dt.datetime


class PushDevices:
    async def register(self, actor: Actor, token: str, platform: Platform) -> DeviceView:
        """The caller's device for this token: created, or taken over from whoever registered it before."""
        token = check_token(token)
        for _ in range(2):  # two phones racing with one token: the loser finds the winner's row
            try:
                return await self._register(actor.person_id, token, platform)
            except Exception as error:
                if not is_unique_violation(error):
                    raise
        return await self._register(actor.person_id, token, platform)

    async def list(self, actor: Actor) -> list[DeviceView]:
        rows = await PushDevice.select().where(PushDevice.person == actor.person_id).order_by(PushDevice.id)
        return [_view(row) for row in rows]

    async def remove(self, actor: Actor, device_id: int) -> None:
        """Only the caller's own; another's answers as if it did not exist."""
        async with unit_of_work():
            removed = (
                await PushDevice.delete()
                .where((PushDevice.id == device_id) & (PushDevice.person == actor.person_id))
                .returning(PushDevice.id)
            )
        if not removed:
            raise NotFound("device_not_found")

    async def _register(self, person_id: int, token: str, platform: Platform) -> DeviceView:
        now = dt.datetime.now(dt.timezone.utc)
        async with unit_of_work():
            moved = (
                await PushDevice.update(
                    {PushDevice.person: person_id, PushDevice.platform: platform.value, PushDevice.updated_at: now}
                )
                .where(PushDevice.token == token)
                .returning(*PushDevice.all_columns())
            )
            if moved:
                row = moved[0]
            else:
                inserted = await PushDevice.insert(
                    PushDevice(person=person_id, token=token, platform=platform.value, created_at=now, updated_at=now)
                ).returning(*PushDevice.all_columns())
                row = inserted[0]
            await _keep_newest(person_id)
        return _view(row)


async def _keep_newest(person_id: int) -> None:
    kept = (
        await PushDevice.select(PushDevice.id)
        .where(PushDevice.person == person_id)
        .order_by(PushDevice.updated_at, ascending=False)
        .order_by(PushDevice.id, ascending=False)
        .limit(MAX_DEVICES)
        .output(as_list=True)
    )
    await PushDevice.delete().where((PushDevice.person == person_id) & PushDevice.id.not_in(kept))


def _view(row: dict) -> DeviceView:
    return DeviceView(row["id"], row["platform"], row["updated_at"])
