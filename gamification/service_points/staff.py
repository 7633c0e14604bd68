"""Which staff a citizen may name as the one who served them: those who opted in themselves, shown by first
name only (no photo, no NIP, no id beyond the one the form sends back)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import Actor
from domain.errors import Forbidden
from domain.survey import first_name
from gamification.storage.tables import Person


@dataclass(frozen=True)
class NamedStaff:
    id: int
    first_name: str


@dataclass(frozen=True)
class CitizenNamingView:
    opt_in: bool
    shown_as: str  # what citizens see of the caller when opted in


class CitizenNaming:
    async def get(self, actor: Actor) -> CitizenNamingView:
        """Whether the caller may be named by citizens on the surveys of their unit's services."""
        return await self._view(_staff(actor))

    async def set(self, actor: Actor, opt_in: bool) -> CitizenNamingView:
        """The caller's own choice; nobody decides it for them."""
        await Person.update({Person.citizen_naming: opt_in}).where(Person.id == _staff(actor))
        return await self._view(actor.person_id)

    async def _view(self, person_id: int) -> CitizenNamingView:
        row = await Person.select(Person.citizen_naming, Person.name).where(Person.id == person_id).first()
        return CitizenNamingView(row["citizen_naming"], first_name(row["name"]))


def _staff(actor: Actor) -> int:
    if actor.unit_id is None:
        raise Forbidden("learner_only")
    return actor.person_id


def _named(unit_path: str):
    return (
        Person.unit.path.like(f"{unit_path}%")
        & Person.citizen_naming.eq(True)
        & Person.active.eq(True)
        & Person.anonymised_at.is_null()
    )


async def named_staff(unit_path: str) -> list[NamedStaff]:
    """The active staff of the unit and the units below it who opted in, by first name."""
    rows = await Person.select(Person.id, Person.name).where(_named(unit_path)).order_by(Person.name).limit(200)
    return [NamedStaff(row["id"], first_name(row["name"])) for row in rows]


async def is_named_staff(unit_path: str, person_id: int) -> bool:
    return await Person.exists().where(_named(unit_path) & (Person.id == person_id))
