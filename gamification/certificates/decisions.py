"""The decider's side: the queue of undecided records in reach (oldest first), and the decision, taken
once: verify with the JP granted (credited with XP in the same transaction) or return with a reason.

A decider is a manager over the owner's unit or the owner's region's admin, never the owner (even one who
is a manager or admin too). Another region's records, or records outside a manager's units, do not exist
for them (404). The same decision resent by the same person answers as the first did; another decision
on a decided record is ``409 already_decided``. Two verifies racing: one conditional UPDATE wins, the other
finds the first's decision (a replay) and nothing is credited twice (the JP and fact keys hold anyway).

Verifying takes the record's issuer-and-number key (unique among verified records): when another person's
record was verified with it first, the verify is ``409 certificate_duplicate`` and nothing is credited. The
queue shows, per record, how many other open claims carry the same key (``duplicate_claims``). A record
(not an imported one) is verified only while its evidence file is really stored.

A verified record (imported ones too) found false afterwards is withdrawn by a decider with a reason: its
credit is taken back through the ledgers, never by editing them, and its credentials are revoked.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

from domain.access import Actor, check_oversees_staff
from domain.certificates import (
    EVIDENCE_CHANGEABLE,
    Decision,
    Status,
    check_decidable,
    check_grant,
    check_return_reason,
    check_withdraw_reason,
)
from domain.errors import Conflict, NotFound
from gamification.certificates.crediting import credit_certificate
from gamification.certificates.records import COLUMNS, CertificateView, load, may_see, view
from gamification.credentials.revocation import (  # credentials
    revoke_certificate_credentials,
    revoke_transcripts_listing,
)
from gamification.learning.jp_ledger import JpSource, withdraw_jp
from gamification.notifications.inbox import notify
from gamification.points.awarding import Awarding
from gamification.points.facts import void_fact
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.evidence import EvidenceStore
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.reach import decider_reach
from gamification.storage.tables import Certificate

NOTICES = {
    Decision.VERIFY: ("certificate_verified", "Sertifikat “{}” diverifikasi"),
    Decision.RETURN: ("certificate_returned", "Sertifikat “{}” dikembalikan"),
}


class CertificateDecisions:
    def __init__(self, awarding: Awarding, store: EvidenceStore) -> None:
        self._awarding = awarding
        self._store = store

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
        claims = await _open_claims({row["claim_key"] for row in rows if row["claim_key"]})
        items = [replace(view(row), duplicate_claims=max(claims[row["claim_key"]] - 1, 0)) for row in rows]
        return page_of(items, page, lambda item: item.id)

    async def verify(self, actor: Actor, certificate_id: int, jp_granted: float, reason: str) -> CertificateView:
        row = await _for_decider(actor, certificate_id)
        granted = check_grant(row["jp_claimed_centi"], jp_granted, reason)
        return await self._decide(actor, row, Decision.VERIFY, granted, reason.strip())

    async def return_(self, actor: Actor, certificate_id: int, reason: str) -> CertificateView:
        row = await _for_decider(actor, certificate_id)
        return await self._decide(actor, row, Decision.RETURN, None, check_return_reason(reason))

    async def withdraw(self, actor: Actor, certificate_id: int, reason: str) -> CertificateView:
        """A verified record found false: its JP and XP are taken back through the ledgers (negative twins, a
        voided fact), its credentials revoked, its issuer-and-number key freed, and its owner told. Deciders as
        for a verification, never the owner; withdrawn already, it answers as it stands."""
        row = await _for_decider(actor, certificate_id)
        reason = check_withdraw_reason(reason)
        if row["status"] == Status.WITHDRAWN.value:
            return view(row)
        if row["status"] != Status.VERIFIED.value:
            raise Conflict("certificate_not_verified", status=row["status"])
        now = dt.datetime.now(dt.timezone.utc)
        async with unit_of_work():
            withdrawn = (
                await Certificate.update(
                    {
                        Certificate.status: Status.WITHDRAWN.value,
                        Certificate.duplicate_key: None,
                        Certificate.decided_by: actor.person_id,
                        Certificate.decided_at: now,
                        Certificate.decision_reason: reason[:1000],
                        Certificate.updated_at: now,
                    }
                )
                .where((Certificate.id == row["id"]) & (Certificate.status == Status.VERIFIED.value))
                .returning(Certificate.id)
            )
            if withdrawn:
                await withdraw_jp(person_id=row["person"], source=JpSource.CERTIFICATE, source_id=row["id"])
                voided = await void_fact(f"certificate:{row['id']}", now)
                if voided is not None:
                    await self._awarding.after_fact(*voided)
                await revoke_certificate_credentials(row["id"])  # credentials: no longer verify
                await revoke_transcripts_listing(row["person"], JpSource.CERTIFICATE.value, row["id"])  # nor these
                title = f"Verifikasi sertifikat “{row['title']}” dicabut"
                await notify(row["person"], "certificate_withdrawn", title, reason[:1000], certificate=row["id"])
        return view(await load(row["id"]))

    async def _decide(
        self, actor: Actor, row: dict, decision: Decision, granted: int | None, reason: str
    ) -> CertificateView:
        if _same_decision(actor, row, decision, granted):
            return view(row)
        check_decidable(Status(row["status"]))
        verifying = decision is Decision.VERIFY
        if verifying and row["partner_org"] is None and not await self._evidence_stored(row["evidence_key"]):
            raise Conflict("certificate_evidence_missing")
        if (
            verifying
            and row["claim_key"]
            and await Certificate.exists().where(Certificate.duplicate_key == row["claim_key"])
        ):
            raise Conflict("certificate_duplicate")  # someone else's record with this number is verified
        now = dt.datetime.now(dt.timezone.utc)
        try:
            decided = await self._record(actor, row, decision, granted, reason, now)
        except Exception as error:
            if not is_unique_violation(error):
                raise
            raise Conflict("certificate_duplicate") from None  # verified by another meanwhile
        current = await load(row["id"])
        if not decided and not _same_decision(actor, current, decision, granted):
            raise Conflict("already_decided", status=current["status"])  # another decision won the race
        return view(current)

    async def _evidence_stored(self, key: str | None) -> bool:
        return key is not None and await self._store.get(key) is not None

    async def _record(
        self, actor: Actor, row: dict, decision: Decision, granted: int | None, reason: str, now: dt.datetime
    ) -> bool:
        """The decision and, verified, the credit, in one transaction; False when another decision came first."""
        verifying = decision is Decision.VERIFY
        async with unit_of_work():
            decided = (
                await Certificate.update(
                    {
                        Certificate.status: _status_of(decision).value,
                        Certificate.duplicate_key: row["claim_key"] if verifying else None,
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
        return bool(decided)


async def _open_claims(keys: set[str]) -> Counter:
    """How many open (submitted or returned) records carry each key."""
    if not keys:
        return Counter()
    rows = await Certificate.select(Certificate.claim_key).where(
        Certificate.claim_key.is_in(sorted(keys)) & Certificate.status.is_in([s.value for s in EVIDENCE_CHANGEABLE])
    )
    return Counter(row["claim_key"] for row in rows)


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
