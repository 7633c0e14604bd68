"""A Learning Record Store subset (xAPI 1.0.3): partners send statements with their machine key; a
completion of a registered activity by a known person becomes a fact, and voiding takes it back.

Each request is one unit of work: its statements are stored, credited and voided together or not at
all. Two requests racing on the same statement id, or on the same person's credit for an activity,
meet on a unique key; the loser runs again and then finds what the winner wrote (stored once,
credited once).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from domain.attempts import local_date
from domain.errors import Conflict, InvalidInput, NotAuthenticated, NotFound
from domain.nip import parse_nip
from domain.roles import Role, parse_roles
from domain.rules import FactKind
from domain.xapi import (
    CREDITING_VERBS,
    VERSION,
    VOIDED,
    Credit,
    Statement,
    StatementRejected,
    check_uuid,
    credit_time,
    digest,
    parse_statement,
    parse_statements,
    score_percent,
    too_old,
)
from gamification.credentials.revocation import revoke_transcripts_listing  # credentials
from gamification.learning.jp_ledger import JpSource, credit_jp, withdraw_jp
from gamification.partners.credentials import PartnerCredentials
from gamification.partners.reach import admitting_regions
from gamification.points.awarding import Awarding
from gamification.points.facts import record_fact, void_fact
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.regions import region_timezone
from gamification.storage.tables import PartnerOrganisation, Person, XapiActivity, XapiStatement

RACE_RETRIES = 3
LIST_LIMIT = 50


@dataclass(frozen=True)
class Sender:
    org_id: int
    authority: dict


class XapiIntake:
    def __init__(self, credentials: PartnerCredentials, awarding: Awarding, home_page: str) -> None:
        self._credentials = credentials
        self._awarding = awarding
        self._home_page = home_page.rstrip("/")

    async def post(self, key_id: str, secret: str, payload: object) -> list[str]:
        """Store one statement or an array; answer their ids in order (new UUIDs where none was sent)."""
        sender = await self._sender(key_id, secret)
        statements = [parse_statement(raw) for raw in parse_statements(payload)]
        ids = [statement.id for statement in statements]
        if len(set(ids)) != len(ids):
            raise StatementRejected("xapi_statement_ids_repeated")
        await self._store(sender, statements)
        return ids

    async def put(self, key_id: str, secret: str, statement_id: str | None, payload: object) -> None:
        """Store the statement under the given id; the same statement again changes nothing."""
        sender = await self._sender(key_id, secret)
        if statement_id is None:
            raise StatementRejected("xapi_statement_id_required")
        await self._store(sender, [parse_statement(payload, check_uuid(statement_id))])

    async def get(self, key_id: str, secret: str, statement_id: str | None, voided_id: str | None) -> dict:
        """One statement of the sender by id (a voided one only by ``voidedStatementId``), or its latest."""
        sender = await self._sender(key_id, secret)
        if statement_id is not None and voided_id is not None:
            raise StatementRejected("xapi_statement_id_and_voided")
        if statement_id is None and voided_id is None:
            rows = await (
                XapiStatement.select(XapiStatement.body)
                .where((XapiStatement.org == sender.org_id) & (XapiStatement.voided == False))  # noqa: E712
                .order_by(XapiStatement.id, ascending=False)
                .limit(LIST_LIMIT)
            )
            return {"statements": [json.loads(row["body"]) for row in rows], "more": ""}
        wanted, voided = (
            (check_uuid(statement_id), False) if statement_id is not None else (check_uuid(voided_id), True)
        )
        row = (
            await XapiStatement.select(XapiStatement.body)
            .where(
                (XapiStatement.statement_id == wanted)
                & (XapiStatement.org == sender.org_id)
                & (XapiStatement.voided == voided)
            )
            .first()
        )
        if row is None:
            raise NotFound("xapi_statement_not_found")
        return json.loads(row["body"])

    async def _sender(self, key_id: str, secret: str) -> Sender:
        org_id = await self._credentials.organisation_of(key_id, secret)
        if org_id is None:
            raise NotAuthenticated("xapi_credentials_invalid")
        org = await PartnerOrganisation.select(PartnerOrganisation.name).where(PartnerOrganisation.id == org_id)
        authority = {
            "objectType": "Agent",
            "name": org[0]["name"],
            "account": {"homePage": self._home_page, "name": f"partner-org:{org_id}"},
        }
        return Sender(org_id, authority)

    async def _store(self, sender: Sender, statements: list[Statement]) -> None:
        stored = dt.datetime.now(dt.timezone.utc)
        occurred = [credit_time(statement.timestamp, stored) for statement in statements]  # refuses the future
        for attempt in range(RACE_RETRIES):
            try:
                async with unit_of_work():
                    for statement, at in zip(statements, occurred, strict=True):
                        await self._store_one(sender, statement, stored, at)
                return
            except Exception as error:
                if not is_unique_violation(error) or attempt == RACE_RETRIES - 1:
                    raise

    async def _store_one(self, sender: Sender, statement: Statement, stored: dt.datetime, at: dt.datetime) -> None:
        same_id = (
            await XapiStatement.select(XapiStatement.org, XapiStatement.digest)
            .where(XapiStatement.statement_id == statement.id)
            .first()
        )
        if same_id is not None:
            if same_id["org"] != sender.org_id or same_id["digest"] != digest(statement.raw):
                raise Conflict("xapi_statement_conflict")
            return  # sent before: nothing to do, nothing doubled
        if statement.voids is not None:
            await self._void(sender, statement, stored)
            return
        credit, activity, person = await self._decide(sender.org_id, statement, stored, at)
        source_key = None
        if credit is Credit.CREDITED:
            source_key = await self._credit(statement, activity, person, at)
        await _insert(sender, statement, stored, credit, activity, person, source_key)

    async def _decide(
        self, org_id: int, statement: Statement, stored: dt.datetime, at: dt.datetime
    ) -> tuple[Credit, dict | None, dict | None]:
        if statement.verb not in CREDITING_VERBS:
            return Credit.NOT_CREDITED_VERB, None, None
        activity = (
            await XapiActivity.select()
            .where((XapiActivity.org == org_id) & (XapiActivity.iri == statement.object_id))
            .first()
        )
        if activity is None or not activity["active"] or statement.object_type != "Activity":
            return Credit.NOT_REGISTERED, None, None
        person = await self._person(statement)
        if person is None or person["region"] not in await admitting_regions(org_id):
            return Credit.UNKNOWN_ACTOR, activity, None  # an unadmitted region's person is not told apart
        if person["partner_org"] == org_id or Role.PARTNER in parse_roles(person["roles"]):
            return Credit.OWN_PEOPLE, activity, None  # a partner never credits itself nor its colleagues
        if too_old(at, stored):
            return Credit.TOO_OLD, activity, person
        if await XapiStatement.exists().where(XapiStatement.source_key == _source_key(activity, person)):
            return Credit.DUPLICATE, activity, person
        return Credit.CREDITED, activity, person

    async def _person(self, statement: Statement) -> dict | None:
        if statement.account_home_page is not None:
            if statement.account_home_page.rstrip("/") != self._home_page:
                return None
            try:
                where = Person.nip == parse_nip(statement.account_name or "").value
            except InvalidInput:
                return None
        elif statement.mbox is not None:
            where = Person.email == statement.mbox.strip().lower()
        else:
            return None  # mbox_sha1sum and openid name nobody Tangkas knows
        return (
            await Person.select(Person.id, Person.region, Person.unit, Person.partner_org, Person.roles)
            .where(where & (Person.active == True))  # noqa: E712
            .first()
        )

    async def _credit(self, statement: Statement, activity: dict, person: dict, at: dt.datetime) -> str:
        """JP through the JP ledger, XP through a fact awarded at once; the activity's credit once per person."""
        timezone = await region_timezone(person["region"])
        await credit_jp(
            person_id=person["id"],
            source=JpSource.XAPI,
            source_id=activity["id"],
            title=activity["title"],
            competency_type=activity["competency_type"],
            jp_centi=activity["jp_centi"],
            earned_at=at,
            timezone=timezone,
        )
        source_key = _source_key(activity, person)
        fact_id = await record_fact(
            kind=FactKind.MODULE_COMPLETION,
            person_id=person["id"],
            source_key=source_key,
            label=activity["title"],
            occurred_at=at,
            local_date=local_date(at, timezone),
            region_id=person["region"],
            unit_id=person["unit"],
            xp=activity["xp"],
            score=score_percent(statement.score_scaled),
            first_attempt=False,
        )
        await self._awarding.after_fact(person["id"], fact_id)
        return source_key

    async def _void(self, sender: Sender, statement: Statement, stored: dt.datetime) -> None:
        """Only the sender of a statement voids it, and a voiding statement is never voided. A voided
        completion's JP and XP go back through the ledgers; a later completion of the same activity
        by the same person stays uncredited (the activity credits a person once)."""
        target = await XapiStatement.select().where(XapiStatement.statement_id == statement.voids).first()
        if target is None or target["org"] != sender.org_id:
            raise StatementRejected("xapi_void_target_unknown")
        if target["verb"] == VOIDED:
            raise StatementRejected("xapi_void_voiding")
        await _insert(sender, statement, stored, Credit.NOT_CREDITED_VERB, None, None, None)
        if target["voided"]:
            return
        await XapiStatement.update({XapiStatement.voided: True, XapiStatement.credit: Credit.VOIDED.value}).where(
            XapiStatement.id == target["id"]
        )
        if target["credit"] == Credit.CREDITED.value:
            voided = await void_fact(target["source_key"], stored)
            await withdraw_jp(person_id=target["person"], source=JpSource.XAPI, source_id=target["activity"])
            # credentials: a transcript listing the voided completion no longer verifies
            await revoke_transcripts_listing(target["person"], JpSource.XAPI.value, target["activity"])
            if voided is not None:
                await self._awarding.after_fact(*voided)


def _source_key(activity: dict, person: dict) -> str:
    return f"xapi:{activity['id']}:{person['id']}"


async def _insert(
    sender: Sender,
    statement: Statement,
    stored: dt.datetime,
    credit: Credit,
    activity: dict | None,
    person: dict | None,
    source_key: str | None,
) -> None:
    body = statement.raw | {
        "stored": stored.isoformat().replace("+00:00", "Z"),
        "authority": sender.authority,
        "version": statement.raw.get("version", VERSION),
    }
    await XapiStatement.insert(
        XapiStatement(
            statement_id=statement.id,
            org=sender.org_id,
            body=json.dumps(body, ensure_ascii=False),
            digest=digest(statement.raw),
            verb=statement.verb,
            object_id=statement.object_id,
            actor_key=statement.actor_key,
            activity=activity["id"] if activity else None,
            person=person["id"] if person else None,
            credit=credit.value,
            source_key=source_key,
            stored=stored,
        )
    )
