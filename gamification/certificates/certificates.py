"""The ASN's side: record a certificate (a resent create replays), attach or replace its evidence while
it is undecided, read their own, resubmit one that was returned."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor
from domain.attempts import check_client_id, local_date
from domain.certificates import EVIDENCE_CHANGEABLE, CertificateFields, Status, check_fields
from domain.errors import Conflict, Forbidden, NotFound
from domain.evidence import check_evidence
from gamification.certificates.records import COLUMNS, CertificateView, load, view, visible
from gamification.notifications.deciders import notify_deciders
from gamification.storage.database import after_commit, unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.evidence import EvidenceStore
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.regions import region_timezone
from gamification.storage.tables import Certificate


@dataclass(frozen=True)
class EvidenceFile:
    content: bytes
    content_type: str


class Certificates:
    def __init__(self, store: EvidenceStore, max_evidence_bytes: int) -> None:
        self._store = store
        self.max_evidence_bytes = max_evidence_bytes

    async def create(self, actor: Actor, *, client_id: str | None = None, **fields) -> tuple[CertificateView, bool]:
        """A submitted record of the caller's; the same ``client_id`` again answers the first (and True)."""
        if actor.region_id is None or actor.unit_id is None:
            raise Forbidden("learner_only")
        checked = check_fields(**fields, today=await _today(actor.region_id))
        if client_id is not None:
            check_client_id(client_id)
            previous = await _created_with(actor, client_id, checked)
            if previous is not None:
                return previous, True
        await _check_not_duplicate(actor.person_id, checked.duplicate_key)
        try:
            async with unit_of_work():
                rows = await Certificate.insert(
                    Certificate(
                        person=actor.person_id,
                        **_columns(checked),
                        status=Status.SUBMITTED.value,
                        client_id=client_id,
                        created_by=actor.person_id,
                    )
                ).returning(Certificate.id)
                await _tell_deciders(actor.region_id, actor.unit_id, actor.person_id, rows[0]["id"], checked.title)
        except Exception as error:
            if not is_unique_violation(error):
                raise
            # the same create raced in (a resend)
            previous = await _created_with(actor, client_id, checked) if client_id else None
            if previous is None:
                raise Conflict("certificate_duplicate") from None
            return previous, True
        return view(await load(rows[0]["id"])), False

    async def mine(self, actor: Actor, page: PageRequest) -> Page[CertificateView]:
        """The caller's records, newest first."""
        query = Certificate.select(*COLUMNS).where(Certificate.person == actor.person_id)
        if page.after_id is not None:
            query = query.where(Certificate.id < page.after_id)
        rows = await query.order_by(Certificate.id, ascending=False).limit(page.limit + 1)
        return page_of([view(row) for row in rows], page, lambda item: item.id)

    async def get(self, actor: Actor, certificate_id: int) -> CertificateView:
        return view(await visible(actor, certificate_id))

    async def attach_evidence(
        self, actor: Actor, certificate_id: int, content: bytes, content_type: str | None
    ) -> CertificateView:
        """The owner's file (PDF, JPEG, PNG or WebP by its bytes) while the record is undecided; a new file
        replaces the old one, and the same file again changes nothing (its key is its content's hash)."""
        row = await self._own(actor, certificate_id)
        evidence = check_evidence(content, content_type, self.max_evidence_bytes)
        key = evidence.key(certificate_id)
        if row["evidence_key"] == key:
            return view(row)
        await self._store.put(key, content, evidence.content_type.value)
        undecided = Certificate.status.is_in([s.value for s in EVIDENCE_CHANGEABLE])
        old = row["evidence_key"]
        unchanged = Certificate.evidence_key.is_null() if old is None else Certificate.evidence_key == old
        async with unit_of_work():
            changed = (
                await Certificate.update(
                    {
                        Certificate.evidence_key: key,
                        Certificate.evidence_type: evidence.content_type.value,
                        Certificate.evidence_size: evidence.size,
                        Certificate.updated_at: dt.datetime.now(dt.timezone.utc),
                    }
                )
                .where((Certificate.id == certificate_id) & undecided & unchanged)
                .returning(Certificate.id)
            )
            if changed and old is not None:
                after_commit(("evidence", old), lambda: self._store.delete(old))
        if not changed:  # decided, or another upload won meanwhile
            current = await load(certificate_id)
            if current["evidence_key"] == key:  # the same file raced in and won: the stored key is the row's
                return view(current)
            await self._store.delete(key)  # this file belongs to nothing
            if Status(current["status"]) not in EVIDENCE_CHANGEABLE:
                raise Conflict("already_decided", status=current["status"])
            raise Conflict("certificate_evidence_changed")
        return view(await load(certificate_id))

    async def evidence(self, actor: Actor, certificate_id: int) -> EvidenceFile:
        """The file, for the owner, a manager over them and their region's admin."""
        row = await visible(actor, certificate_id)
        content = await self._store.get(row["evidence_key"]) if row["evidence_key"] else None
        if content is None:
            raise NotFound("certificate_evidence_not_found")
        return EvidenceFile(content, row["evidence_type"])

    async def resubmit(self, actor: Actor, certificate_id: int, **fields) -> CertificateView:
        """A returned record, corrected and sent again; sent again while already submitted, it answers as is."""
        row = await self._own(actor, certificate_id)
        if row["status"] == Status.SUBMITTED.value:
            return view(row)
        if row["status"] != Status.RETURNED.value:
            raise Conflict("already_decided", status=row["status"])
        checked = check_fields(**fields, today=await _today(row["person.region"]))
        await _check_not_duplicate(actor.person_id, checked.duplicate_key, certificate_id)
        values = {getattr(Certificate, name): value for name, value in _columns(checked).items()}
        try:
            async with unit_of_work():
                moved = (
                    await Certificate.update(
                        values
                        | {
                            Certificate.status: Status.SUBMITTED.value,
                            Certificate.updated_at: dt.datetime.now(dt.timezone.utc),
                        }
                    )
                    .where((Certificate.id == certificate_id) & (Certificate.status == Status.RETURNED.value))
                    .returning(Certificate.id)
                )
                if moved:
                    await _tell_deciders(
                        row["person.region"], row["person.unit"], actor.person_id, certificate_id, checked.title
                    )
        except Exception as error:
            if is_unique_violation(error):
                raise Conflict("certificate_duplicate") from None
            raise
        if not moved:
            return await self.get(actor, certificate_id)
        return view(await load(certificate_id))

    async def _own(self, actor: Actor, certificate_id: int) -> dict:
        row = await visible(actor, certificate_id)
        if row["person"] != actor.person_id:
            raise Forbidden("certificate_owner_only")
        return row


def _columns(fields: CertificateFields) -> dict:
    return {
        "issuer": fields.issuer,
        "number": fields.number,
        "claim_key": fields.duplicate_key,
        "title": fields.title,
        "completed_on": fields.completed_on,
        "jp_claimed_centi": fields.jp_claimed_centi,
        "competency_type": fields.competency_type.value,
    }


async def _tell_deciders(region_id: int, unit_id: int, person_id: int, certificate_id: int, title: str) -> None:
    await notify_deciders(
        region_id,
        unit_id,
        {person_id},
        "certificate_waiting",
        f"Sertifikat “{title}” menunggu verifikasi Anda",
        certificate=certificate_id,
    )


async def _check_not_duplicate(person_id: int, key: str | None, certificate_id: int | None = None) -> None:
    """``409 certificate_duplicate`` when a verified record holds the key, or the person has another open
    claim with it. Another person's open claim blocks nothing: the decider sees it (``duplicate_claims``)."""
    if key is None:
        return
    own_open = (
        (Certificate.person == person_id)
        & (Certificate.claim_key == key)
        & Certificate.status.is_in([s.value for s in EVIDENCE_CHANGEABLE])
    )
    if certificate_id is not None:
        own_open &= Certificate.id != certificate_id
    if await Certificate.exists().where(Certificate.duplicate_key == key) or await Certificate.exists().where(own_open):
        raise Conflict("certificate_duplicate")


async def _today(region_id: int | None) -> dt.date:
    return local_date(dt.datetime.now(dt.timezone.utc), await region_timezone(region_id))


async def _created_with(actor: Actor, client_id: str, fields: CertificateFields) -> CertificateView | None:
    row = (
        await Certificate.select(*COLUMNS)
        .where((Certificate.person == actor.person_id) & (Certificate.client_id == client_id))
        .first()
    )
    if row is None:
        return None
    if (row["title"], row["issuer"], row["completed_on"]) != (fields.title, fields.issuer, fields.completed_on):
        raise Conflict("client_id_reused")
    return view(row)
