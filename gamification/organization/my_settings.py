"""What a person decides about themselves (``PATCH /api/v1/me``): their name hidden on boards and office
displays (shown as "ASN" with their unit), and which notifications reach their phone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from domain.access import Actor
from domain.push import check_muted_kinds, muted_kinds_text, parse_muted_kinds
from gamification.storage.database import unit_of_work
from gamification.storage.tables import Person

NameShownChanged = Callable[[int], None]  # inside the unit of work: the boards and displays show it after commit


@dataclass(frozen=True)
class MySettingsView:
    hide_name: bool
    push_enabled: bool
    push_muted_kinds: list[str]  # notification kinds that stay in the inbox only


class MySettings:
    def __init__(self, name_shown_changed: NameShownChanged) -> None:
        self._name_shown_changed = name_shown_changed

    async def get(self, actor: Actor) -> MySettingsView:
        row = (
            await Person.select(Person.hide_name, Person.push_enabled, Person.push_muted_kinds)
            .where(Person.id == actor.person_id)
            .first()
        )
        return MySettingsView(
            bool(row["hide_name"]), bool(row["push_enabled"]), sorted(parse_muted_kinds(row["push_muted_kinds"]))
        )

    async def update(
        self,
        actor: Actor,
        hide_name: bool | None = None,
        push_enabled: bool | None = None,
        push_muted_kinds: list[str] | None = None,
    ) -> MySettingsView:
        """Only the fields given change; a changed ``hide_name`` reaches the boards and live displays at once."""
        values: dict = {}
        if hide_name is not None:
            values[Person.hide_name] = hide_name
        if push_enabled is not None:
            values[Person.push_enabled] = push_enabled
        if push_muted_kinds is not None:
            values[Person.push_muted_kinds] = muted_kinds_text(check_muted_kinds(push_muted_kinds))
        if values:
            async with unit_of_work():
                before = await Person.select(Person.hide_name).where(Person.id == actor.person_id).first()
                values[Person.updated_at] = dt.datetime.now(dt.timezone.utc)
                await Person.update(values).where(Person.id == actor.person_id)
                if hide_name is not None and bool(before["hide_name"]) != hide_name:
                    self._name_shown_changed(actor.person_id)
        return await self.get(actor)
