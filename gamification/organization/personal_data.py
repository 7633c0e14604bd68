"""A person's rights over their data (UU PDP): a copy of everything held about them, and the
erasure of who they were once they have left, keeping the ledger's totals whole.

The export walks every table with a reference to a person, so a table added later is exported
without anyone remembering to; secrets (password and token hashes) are never part of it, and
other people's ids in those rows are blanked: the copy is of the person's data, not of others'.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from piccolo.columns import JSON, ForeignKey
from piccolo.table import Table

from domain.access import Actor
from domain.errors import Conflict, Forbidden
from gamification.credentials.revocation import revoke_person_credentials  # credentials
from gamification.organization.people import PeopleService, PersonView
from gamification.storage.database import unit_of_work
from gamification.storage.json_column import loaded
from gamification.storage.tables import ALL_TABLES, Notification, Person, RefreshToken, SurveyAnswer

SECRET_COLUMNS = frozenset({"password_hash", "token_hash"})
# the citizens' voice: a citizen's contact and device are the citizen's, never the named ASN's or the
# moderator's to take home, and the secret of a point's day code is not its maker's; a citizen's comment
# reaches the ASN it names only once moderation has released it
CITIZEN_VOICE_COLUMNS = frozenset({"contact", "contact_consent", "contact_erase_at", "device_key", "site_code_secret"})
# complaints: the phone's id of a citizen's filing is the citizen's too
CITIZENS_COLUMNS = {"complaint": frozenset({"client_id"})}
ANONYMOUS_NAME = "Anonim"


@dataclass(frozen=True)
class PersonalExport:
    generated_at: dt.datetime
    person_id: int
    tables: dict[str, list[dict]]


def person_references(table: type[Table]) -> list[ForeignKey]:
    return [
        column for column in table._meta.foreign_key_columns if column._foreign_key_meta.resolved_references is Person
    ]


def _own(row: dict, table: type[Table], references: list[ForeignKey], person_id: int) -> dict:
    for column in references:
        name = column._meta.name
        if row.get(name) != person_id:
            row[name] = None  # someone else: not theirs to receive
    for column in table._meta.columns:
        if isinstance(column, JSON):
            row[column._meta.name] = loaded(row[column._meta.name])
    if row.get("comment_status", "released") != "released":  # service points and surveys: not yet released
        row["comment"] = ""
    if table is SurveyAnswer:
        return _named_in_answer(row)
    return row


def _named_in_answer(row: dict) -> dict:
    """Of a citizen's answer naming the person, only that they were named: where, which month, the comment
    once released. Not when to the second nor the scores: with them the ASN could tell which citizen it was."""
    return {
        "service_point": row["service_point"],
        "served_by": row["served_by"],
        "month": str(row["local_date"])[:7],
        "comment_status": row["comment_status"],
        "comment": row["comment"],
    }


class PersonalData:
    def __init__(self, people: PeopleService) -> None:
        self._people = people

    async def export(self, actor: Actor) -> PersonalExport:
        person_id = actor.person_id
        tables: dict[str, list[dict]] = {}
        for table in ALL_TABLES:
            references = person_references(table)
            if table is Person:
                where = Person.id == person_id
            elif references:
                where = None
                for column in references:
                    where = (column == person_id) if where is None else where | (column == person_id)
            else:
                continue
            left_out = SECRET_COLUMNS | CITIZEN_VOICE_COLUMNS | CITIZENS_COLUMNS.get(table._meta.tablename, frozenset())
            columns = [c for c in table._meta.columns if c._meta.db_column_name not in left_out]
            rows = await table.select(*columns).where(where).order_by(table._meta.primary_key)
            if rows:
                tables[table._meta.tablename] = [_own(row, table, references, person_id) for row in rows]
        return PersonalExport(dt.datetime.now(dt.timezone.utc), person_id, tables)

    async def anonymise(self, actor: Actor, person_id: int) -> PersonView:
        """Erase a departed person's name, NIP, email, password and sessions, and clear their inbox.

        Their learning, points and badges stay, credited to "Anonim" of the same unit, so unit and
        region totals and past boards do not change; boards already show hidden names as "ASN".
        Anonymising twice answers the same result.
        """
        current = await self._people.get(actor, person_id)
        if current.anonymised_at is not None:
            return current
        if person_id == actor.person_id:
            raise Forbidden("cannot_change_own_access")
        if current.active:
            raise Conflict("person_still_active")
        now = dt.datetime.now(dt.timezone.utc)
        async with unit_of_work():
            erased = (
                await Person.update(
                    {
                        Person.name: ANONYMOUS_NAME,
                        Person.nip: None,
                        Person.email: None,
                        Person.password_hash: None,
                        Person.roles: "asn",
                        Person.hide_name: True,
                        Person.anonymised_at: now,
                        Person.updated_at: now,
                    }
                )
                .where((Person.id == person_id) & Person.anonymised_at.is_null() & (Person.active == False))  # noqa: E712
                .returning(Person.id)
            )
            if erased:
                await RefreshToken.delete().where(RefreshToken.person == person_id)
                await Notification.delete().where(Notification.person == person_id)
                await revoke_person_credentials(person_id)  # credentials: theirs no longer verify
        latest = await self._people.get(actor, person_id)
        if not erased and latest.anonymised_at is None:  # reactivated meanwhile
            raise Conflict("person_still_active")
        return latest
