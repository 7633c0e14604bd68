"""A certificate as its readers see it, and who may see it: the owner, a manager over the owner's unit,
the owner's region's admin (and a superadmin). Anyone else is told it does not exist."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor
from domain.errors import NotFound
from domain.jp import jp_value
from gamification.storage.tables import Certificate

# The owner's region and unit now (not when recorded): a person who moved is decided by their new manager.
COLUMNS = (
    *Certificate.all_columns(),
    Certificate.person.name,
    Certificate.person.region,
    Certificate.person.unit,
    Certificate.person.unit.path,
)


@dataclass(frozen=True)
class EvidenceInfo:
    content_type: str
    size: int


@dataclass(frozen=True)
class CertificateView:
    id: int
    person_id: int
    person_name: str
    issuer: str
    number: str | None
    title: str
    completed_on: dt.date
    jp_claimed: float
    jp_granted: float | None
    competency_type: str
    status: str
    evidence: EvidenceInfo | None
    decided_by: int | None
    decided_at: dt.datetime | None
    decision_reason: str
    partner_org_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime
    # in the deciders' queue: other open claims of the same issuer and number (someone may claim another's)
    duplicate_claims: int = 0


async def load(certificate_id: int) -> dict | None:
    return await Certificate.select(*COLUMNS).where(Certificate.id == certificate_id).first()


def may_see(actor: Actor, row: dict) -> bool:
    return (
        row["person"] == actor.person_id
        or actor.administers(row["person.region"])
        or actor.manages(row["person.unit.path"])
    )


async def visible(actor: Actor, certificate_id: int) -> dict:
    row = await load(certificate_id)
    if row is None or not may_see(actor, row):
        raise NotFound("certificate_not_found")
    return row


def view(row: dict) -> CertificateView:
    evidence = EvidenceInfo(row["evidence_type"], row["evidence_size"]) if row["evidence_key"] else None
    granted = row["jp_granted_centi"]
    return CertificateView(
        id=row["id"],
        person_id=row["person"],
        person_name=row["person.name"],
        issuer=row["issuer"],
        number=row["number"],
        title=row["title"],
        completed_on=row["completed_on"],
        jp_claimed=jp_value(row["jp_claimed_centi"]),
        jp_granted=None if granted is None else jp_value(granted),
        competency_type=row["competency_type"],
        status=row["status"],
        evidence=evidence,
        decided_by=row["decided_by"],
        decided_at=row["decided_at"],
        decision_reason=row["decision_reason"],
        partner_org_id=row["partner_org"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
