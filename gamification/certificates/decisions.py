"""The decider's side: the queue of undecided records in reach (oldest first), and the decision, taken
once: verify with the JP granted (credited with XP in the same transaction) or return with a reason.

A decider is a manager over the owner's unit or the owner's region's admin, never the owner (even one who
is a manager or admin too). Another region's records, or records outside a manager's units, do not exist
for them (404). The same decision resent by the same person answers as the first did; another decision
on a decided record is ``409 already_decided``. Two verifies racing: one conditional UPDATE wins, the other
finds the first's decision (a replay) and nothing is credited twice (the JP and fact keys hold anyway).
"""

from __future__ import annotations

import datetime as dt

from domain.access import Actor, check_oversees_staff
from domain.certificates import Decision, Status, check_decidable, check_grant, check_return_reason
from domain.errors import Conflict, NotFound
from gamification.certificates.crediting import credit_certificate
from gamification.certificates.records import COLUMNS, CertificateView, load, may_see, view
from gamification.notifications.inbox import notify
from gamification.points.awarding import Awarding
from gamification.storage.database import unit_of_work
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.reach import decider_reach
from gamification.storage.tables import Certificate

NOTICES = {
    Decision.VERIFY: ("certificate_verified", "Sertifikat “{}” diverifikasi"),
    Decision.RETURN: ("certificate_returned", "Sertifikat “{}” dikembalikan"),
}


class CertificateDecisions:
    def __init__(self, awarding: Awarding) -> None:
        self._awarding = awarding

    async def queue(self, actor: Actor, page: PageRequest) -> Page[CertificateView]:
        """Submitted records in the caller's reach, not their own, oldest first."""
        check_oversees_staff(actor)
        reach = decider_reach(actor, Certificate.person.region, Certificate.person.unit.path)
        if reach is None:  # an admin without a region decides nothing
            return Page(items=[], next_after_id=None)
        query = Certificate.select(*COLUMNS).where(
            (Certificate.status == Status.SUBMITTED.value) & (Certificate.person != actor.person_id) & reach
        )
        if page.after_id is not None:
            query = query.where(Certificate.id > page.after_id)
        rows = await query.order_by(Certificate.id).limit(page.limit + 1)
        return page_of([view(row) for row in rows], page, lambda item: item.id)

    async def verify(self, actor: Actor, certificate_id: int, jp_granted: float, reason: str) -> CertificateView:
        row = await _for_decider(actor, certificate_id)
        granted = check_grant(row["jp_claimed_centi"], jp_granted, reason)
        return await self._decide(actor, row, Decision.VERIFY, granted, reason.strip())

    async def return_(self, actor: Actor, certificate_id: int, reason: str) -> CertificateView:
        row = await _for_decider(actor, certificate_id)
        return await self._decide(actor, row, Decision.RETURN, None, check_return_reason(reason))

    async def _decide(
        self, actor: Actor, row: dict, decision: Decision, granted: int | None, reason: str
    ) -> CertificateView:
        if _same_decision(actor, row, decision, granted):
            return view(row)
        check_decidable(Status(row["status"]))
        if decision is Decision.VERIFY and not row["evidence_key"] and row["partner_org"] is None:
            raise Conflict("certificate_evidence_missing")
        now = dt.datetime.now(dt.timezone.utc)
        async with unit_of_work():
            decided = (
                await Certificate.update(
                    {
                        Certificate.status: _status_of(decision).value,
                        Certificate.jp_granted_centi: granted,
                        Certificate.decided_by: actor.person_id,
                        Certificate.decided_at: now,
                        Certificate.decision_reason: reason[:1000],
                        Certificate.updated_at: now,
                    }
                )
                .where((Certificate.id == row["id"]) & (Certificate.status == Status.SUBMITTED.value))
                .returning(Certificate.id)
            )
            if decided:
                if decision is Decision.VERIFY:
                    await credit_certificate(
                        self._awarding,
                        certificate_id=row["id"],
                        person_id=row["person"],
                        title=row["title"],
                        competency_type=row["competency_type"],
                        completed_on=row["completed_on"],
                        granted_centi=granted,
                        now=now,
                    )
                kind, title = NOTICES[decision]
                await notify(row["person"], kind, title.format(row["title"]), reason[:1000], certificate=row["id"])
        current = await load(row["id"])
        if not decided and not _same_decision(actor, current, decision, granted):
            raise Conflict("already_decided", status=current["status"])  # another decision won the race
        return view(current)


def _status_of(decision: Decision) -> Status:
    return Status.VERIFIED if decision is Decision.VERIFY else Status.RETURNED


def _same_decision(actor: Actor, row: dict, decision: Decision, granted: int | None) -> bool:
    """This decider already took this decision (a resend): answered as it stands."""
    return (
        row["status"] == _status_of(decision).value
        and row["decided_by"] == actor.person_id
        and (decision is Decision.RETURN or row["jp_granted_centi"] == granted)
    )


async def _for_decider(actor: Actor, certificate_id: int) -> dict:
    row = await load(certificate_id)
    if row is None or not may_see(actor, row):
        raise NotFound("certificate_not_found")
    actor.check_decides_for(row["person.region"], row["person.unit.path"], {row["person"]})
    return row
