"""The deciders' daily digest: one inbox row per manager or admin with something waiting in their reach,
counted per kind as their inbox and queues count it (never their own requests); none when nothing waits."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from domain.access import Actor
from domain.certificates import Status as CertificateStatus
from domain.decision_digest import digest_text
from domain.initiatives import Status
from domain.rewards import RedemptionStatus
from domain.roles import Role, parse_roles
from gamification.notifications.inbox import notify
from gamification.storage.database import unit_of_work
from gamification.storage.reach import agency_top_paths, decider_reach
from gamification.storage.tables import Certificate, Initiative, InitiativeMember, Person, Redemption
from gamification.surveys.moderation import comments_waiting


async def deciders_in(regions: list[int]) -> list[Actor]:
    """The active managers and admins of these regions, each with the reach their requests would get."""
    rows = await (
        Person.select(Person.id, Person.roles, Person.region, Person.unit, Person.unit.path, Person.unit.agency)
        .where(
            Person.region.is_in(regions or [0]),
            Person.active == True,  # noqa: E712
            Person.roles.like("%manager%") | Person.roles.like("%admin%"),
        )
        .order_by(Person.id)
    )
    actors = []
    for row in rows:
        actor = Actor(
            row["id"], parse_roles(row["roles"]), row["region"], row["unit"], row["unit.path"], row["unit.agency"]
        )
        if Role.ADMIN not in actor.roles and not actor.managed_paths:
            continue
        if actor.heads_agency and actor.agency_id is not None:
            actor = replace(actor, agency_paths=await agency_top_paths(actor.agency_id))
        actors.append(actor)
    return actors


async def waiting_counts(actor: Actor) -> dict[str, int]:
    """What waits for this decider, per kind."""
    own_initiatives = InitiativeMember.select(InitiativeMember.initiative).where(
        InitiativeMember.person == actor.person_id
    )

    def initiatives(status: Status):
        return Initiative.count().where(
            decider_reach(actor, Initiative.region, Initiative.unit.path),
            Initiative.id.not_in(own_initiatives),
            Initiative.status == status.value,
        )

    return {
        "initiative_review": await initiatives(Status.SUBMITTED),
        "initiative_verify": await initiatives(Status.IMPLEMENTED),
        "redemption": await Redemption.count().where(
            decider_reach(actor, Redemption.region, Redemption.unit.path),
            Redemption.status == RedemptionStatus.PENDING.value,
            Redemption.person != actor.person_id,
        ),
        "certificate": await Certificate.count().where(
            decider_reach(actor, Certificate.person.region, Certificate.person.unit.path),
            Certificate.status == CertificateStatus.SUBMITTED.value,
            Certificate.person != actor.person_id,
        ),
        "comment": await comments_waiting(actor),
    }


async def send_digests(regions: list[int], day: dt.date) -> dict:
    """One digest per decider of these regions with something waiting, each in its own transaction."""
    sent = 0
    for actor in await deciders_in(regions):
        counts = await waiting_counts(actor)
        text = digest_text(counts)
        if text is None:
            continue
        async with unit_of_work():
            await notify(actor.person_id, "decision_digest", *text, day=day.isoformat(), counts=counts)
        sent += 1
    return {"digests": sent}
