"""People: created, read, changed and deactivated by the admins of their region."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from domain.access import Actor, check_administers, grantable_roles
from domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from domain.people import PersonFields, check_person, roles_text
from domain.roles import Role, parse_roles
from gamification.identity.passwords import hash_password
from gamification.identity.sign_in import end_sessions
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.tables import Person, Unit
from gamification.storage.text_search import ilike, literal_pattern

PERSON_COLUMNS = (
    Person.id,
    Person.name,
    Person.nip,
    Person.email,
    Person.staff_type,
    Person.roles,
    Person.unit,
    Person.region,
    Person.active,
    Person.hide_name,
    Person.anonymised_at,
)


class PersonMoves(Protocol):
    """Who follows a person to another unit (the leaderboards), handed in by the composition root."""

    async def person_moving(self, person_id: int, unit_id: int | None, region_id: int | None) -> None: ...


@dataclass(frozen=True)
class PersonView:
    id: int
    name: str
    nip: str | None
    email: str | None
    staff_type: str | None
    roles: list[str]
    unit_id: int | None
    region_id: int | None
    active: bool
    hide_name: bool
    anonymised_at: dt.datetime | None = None


def person_view(row: dict) -> PersonView:
    return PersonView(
        id=row["id"],
        name=row["name"],
        nip=row["nip"],
        email=row["email"],
        staff_type=row["staff_type"],
        roles=sorted(parse_roles(row["roles"])),
        unit_id=row["unit"],
        region_id=row["region"],
        active=row["active"],
        hide_name=row["hide_name"],
        anonymised_at=row["anonymised_at"],
    )


class PeopleService:
    def __init__(self, moves: PersonMoves) -> None:
        self._moves = moves

    async def create(
        self,
        actor: Actor,
        *,
        name: str,
        roles: list[str],
        nip: str | None = None,
        email: str | None = None,
        password: str | None = None,
        unit_id: int | None = None,
        staff_type: str | None = None,
        active: bool = True,
    ) -> PersonView:
        """Create a person in a unit within the actor's reach."""
        fields = check_person(name, nip, email, staff_type, roles, unit_id)
        region_id = await self.check_placement(actor, fields)
        password_hash = await hash_password(password) if password is not None else None
        async with unit_of_work(), _unique_person():
            await _check_unique(fields.nip, fields.email)
            insert = Person.insert(new_person_row(fields, region_id, password_hash, active)).returning(Person.id)
            person_id = (await insert)[0]["id"]
        return await self.get(actor, person_id)

    async def get(self, actor: Actor, person_id: int) -> PersonView:
        """A person the actor administers; every change to a person starts here (``check_administers``)."""
        row = await Person.select(*PERSON_COLUMNS).where(Person.id == person_id).first()
        if row is None:
            raise NotFound("user_not_found")
        check_administers(actor, parse_roles(row["roles"]), row["region"])
        return person_view(row)

    async def update(self, actor: Actor, person_id: int, changes: dict[str, Any]) -> PersonView:
        """Apply the given fields; the result is validated as a whole, like a new person."""
        current = await self.get(actor, person_id)
        if current.anonymised_at is not None:
            raise Conflict("person_anonymised")
        merged = {
            "name": current.name,
            "nip": current.nip,
            "email": current.email,
            "staff_type": current.staff_type,
            "roles": current.roles,
            "unit_id": current.unit_id,
        } | {k: v for k, v in changes.items() if k in {"name", "nip", "email", "staff_type", "roles", "unit_id"}}
        fields = check_person(**merged)
        current_roles = parse_roles(current.roles)
        if person_id == actor.person_id and (fields.roles != current_roles or changes.get("active") is False):
            raise Forbidden("cannot_change_own_access")
        region_id = await self.check_placement(actor, fields)
        values: dict = _row_values(fields, region_id) | {Person.updated_at: dt.datetime.now(dt.timezone.utc)}
        if "password" in changes and changes["password"] is not None:
            values[Person.password_hash] = await hash_password(changes["password"])
        for key, column in (("active", Person.active), ("hide_name", Person.hide_name)):
            if changes.get(key) is not None:
                values[column] = bool(changes[key])
        async with unit_of_work(), _unique_person():
            await _check_unique(fields.nip, fields.email, except_id=person_id)
            await Person.update(values).where(Person.id == person_id)
            if fields.unit_id != current.unit_id:
                await self._moves.person_moving(person_id, fields.unit_id, region_id)
            if changes.get("active") is False or "password" in changes:
                await end_sessions(person_id, dt.datetime.now(dt.timezone.utc))
        return await self.get(actor, person_id)

    async def deactivate(self, actor: Actor, person_id: int) -> PersonView:
        return await self.update(actor, person_id, {"active": False})

    async def list(
        self,
        actor: Actor,
        page: PageRequest,
        unit_id: int | None = None,
        region_id: int | None = None,
        text: str | None = None,
    ) -> Page[PersonView]:
        query = Person.select(*PERSON_COLUMNS).order_by(Person.id).limit(page.limit + 1)
        region_id = actor.listable_region(region_id)
        for role in frozenset(Role) - grantable_roles(actor):  # listed: whom the detail would show
            query = query.where(Person.roles.not_like(f"%{role.value}%"))
        if region_id is not None:
            query = query.where(Person.region == region_id)
        if unit_id is not None:
            query = query.where(Person.unit == unit_id)
        if text and text.strip():
            pattern = literal_pattern(text)
            query = query.where(ilike(Person.name, pattern) | ilike(Person.email, pattern) | Person.nip.like(pattern))
        if page.after_id is not None:
            query = query.where(Person.id > page.after_id)
        return page_of([person_view(r) for r in await query], page, lambda p: p.id)

    async def check_placement(self, actor: Actor, fields: PersonFields) -> int | None:
        """The person's region from their unit, which must be within the actor's reach."""
        if not fields.roles <= grantable_roles(actor):
            raise Forbidden("role_grant_forbidden")
        if fields.unit_id is None:
            if not actor.is_superadmin:
                raise InvalidInput("unit_required")
            return None
        unit = await Unit.select(Unit.region).where(Unit.id == fields.unit_id).first()
        if unit is None:
            raise InvalidInput("unit_unknown")
        if not actor.administers(unit["region"]):
            raise Forbidden("outside_region")
        return unit["region"]


def _row_values(fields: PersonFields, region_id: int | None) -> dict:
    return {
        Person.name: fields.name,
        Person.nip: fields.nip,
        Person.email: fields.email,
        Person.staff_type: fields.staff_type.value if fields.staff_type else None,
        Person.roles: roles_text(fields.roles),
        Person.unit: fields.unit_id,
        Person.region: region_id,
    }


def new_person_row(fields: PersonFields, region_id: int | None, password_hash: str | None, active: bool) -> Person:
    values = {column._meta.name: value for column, value in _row_values(fields, region_id).items()}
    return Person(**values, password_hash=password_hash, active=active)


@asynccontextmanager
async def _unique_person() -> AsyncIterator[None]:
    """The checks before a write can race another writer; the unique index has the last word."""
    try:
        yield
    except Exception as error:
        if is_unique_violation(error):
            raise Conflict("person_exists") from None
        raise


async def _check_unique(nip: str | None, email: str | None, except_id: int | None = None) -> None:
    for column, value, code in ((Person.nip, nip, "nip_taken"), (Person.email, email, "email_taken")):
        if value is None:
            continue
        query = Person.exists().where(column == value)
        if except_id is not None:
            query = query.where(Person.id != except_id)
        if await query:
            raise Conflict(code)
