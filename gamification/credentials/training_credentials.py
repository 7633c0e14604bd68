"""Training a person did, issued as an Open Badges 3.0 credential by the same issuer as their badges: a
certificate once verified, an event once completed (its JP credited). Only the person's own; anyone else's is
answered as not existing, and one not (or no longer) verified or completed is a conflict."""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from domain.access import Actor
from domain.certificates import Status
from domain.credentials import TrainingAchievement, indonesian_date, jp_text, training_credential
from domain.errors import Conflict, NotFound
from domain.events import RegistrationStatus
from domain.jp import jp_value
from gamification.credentials.issuer_keys import IssuerKeys
from gamification.credentials.issuing import CredentialIssuer, CredentialSource, SignedCredential, Stamp
from gamification.storage.regions import region_timezone
from gamification.storage.tables import Certificate, EventAttendance, EventRegistration, EventSession

EVENT_KINDS = {"workshop": "lokakarya", "seminar": "seminar", "webinar": "webinar", "diklat": "diklat"}


class TrainingCredentials:
    def __init__(self, issuer_keys: IssuerKeys, public_url: str | None) -> None:
        self._issuer = CredentialIssuer(issuer_keys, public_url)

    async def certificate(self, actor: Actor, certificate_id: int, base_url: str) -> SignedCredential:
        """The caller's verified certificate: the training, its provider, and the JP granted."""
        row = (
            await Certificate.select(
                Certificate.title,
                Certificate.issuer,
                Certificate.completed_on,
                Certificate.jp_granted_centi,
                Certificate.competency_type,
                Certificate.status,
                Certificate.decided_at,
                Certificate.created_by,
                Certificate.person.region,
            )
            .where(Certificate.id == certificate_id, Certificate.person == actor.person_id)
            .first()
        )
        if row is None:
            raise NotFound("certificate_not_found")
        if row["status"] != Status.VERIFIED.value:
            raise Conflict("certificate_not_verified", status=row["status"])
        jp = jp_value(row["jp_granted_centi"] or 0)
        how = (
            "tercatat dalam daftar kelulusan penyelenggara yang diimpor admin BKPSDM"
            if row["created_by"] is not None
            else "bukti sertifikatnya diperiksa dan diverifikasi oleh atasan atau admin BKPSDM"
        )
        timezone = ZoneInfo(await region_timezone(row["person.region"]))
        completed = dt.datetime.combine(row["completed_on"], dt.time(12), timezone)

        def shape(stamp: Stamp) -> dict:
            key = uuid.uuid5(uuid.NAMESPACE_URL, f"{stamp.issuer.id}/certificates/{certificate_id}")
            return training_credential(
                credential_id=stamp.credential_id,
                issuer=stamp.issuer,
                achievement=TrainingAchievement(
                    id=f"urn:uuid:{key}",
                    issuer_id=stamp.issuer.id,
                    name=row["title"],
                    narrative=(
                        f"Menyelesaikan «{row['title']}» yang diselenggarakan oleh {row['issuer']} pada "
                        f"{indonesian_date(row['completed_on'])}; {how}. Diakui {jp_text(jp)} JP."
                    ),
                    provider=row["issuer"],
                    competency_type=row["competency_type"],
                    jp=jp,
                ),
                subject_id=stamp.subject_id,
                subject_name=stamp.subject_name,
                awarded_at=row["decided_at"] or completed,
                issued_at=stamp.issued_at,
                status=stamp.status,
                activity_start=None,
                activity_end=completed,
            )

        return await self._issuer.issue(
            actor.person_id, CredentialSource("certificate", certificate_id), base_url, shape
        )

    async def event_completion(self, actor: Actor, event_id: int, base_url: str) -> SignedCredential:
        """The caller's completion of an event (enough sessions attended, JP credited): the event, its organiser,
        the sessions attended and the JP."""
        row = (
            await EventRegistration.select(
                EventRegistration.id,
                EventRegistration.status,
                EventRegistration.credited_at,
                *EventRegistration.event.all_columns(exclude=["audience_ids", "online_url"]),
                EventRegistration.event.region.name,
                EventRegistration.event.partner_org.name,
            )
            .where(EventRegistration.event == event_id, EventRegistration.person == actor.person_id)
            .first()
        )
        if row is None:
            raise NotFound("event_not_found")
        if row["credited_at"] is None or row["status"] != RegistrationStatus.REGISTERED.value:
            raise Conflict("event_not_completed")
        attended = await EventAttendance.count().where(
            EventAttendance.event == event_id, EventAttendance.person == actor.person_id
        )
        sessions = await EventSession.count().where(EventSession.event == event_id)
        organiser = row["event.partner_org.name"] or (
            f"BKPSDM {row['event.region.name']}" if row["event.region.name"] else "Tangkas (nasional)"
        )
        jp = jp_value(row["event.jp_centi"])
        kind = EVENT_KINDS.get(row["event.kind"], "kegiatan")

        def shape(stamp: Stamp) -> dict:
            return training_credential(
                credential_id=stamp.credential_id,
                issuer=stamp.issuer,
                achievement=TrainingAchievement(
                    id=f"{stamp.issuer.id}/achievements/events/{event_id}",
                    issuer_id=stamp.issuer.id,
                    name=row["event.title"],
                    narrative=(
                        f"Mengikuti {kind} «{row['event.title']}» yang diselenggarakan oleh {organiser}: hadir di "
                        f"{attended} dari {sessions} sesi (minimal {row['event.min_attendance_percent']}%), "
                        f"tercatat dengan kode presensi atau daftar hadir penyelenggara. Diakui {jp_text(jp)} JP."
                    ),
                    provider=organiser,
                    competency_type=row["event.competency_type"],
                    jp=jp,
                ),
                subject_id=stamp.subject_id,
                subject_name=stamp.subject_name,
                awarded_at=row["credited_at"],
                issued_at=stamp.issued_at,
                status=stamp.status,
                activity_start=row["event.starts_at"],
                activity_end=row["event.ends_at"],
            )

        return await self._issuer.issue(
            actor.person_id, CredentialSource("event_registration", row["id"]), base_url, shape
        )
