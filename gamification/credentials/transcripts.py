"""A person's JP transcript of a year (GET /me/learning's year, item by item): issued as a signed CLR 2.0 credential
recorded for revocation like any other, and printed as a PDF whose QR code leads to its verification page."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from piccolo.query.functions.aggregate import Min

from domain.access import Actor
from domain.credentials import Issuer, issuer_of
from domain.errors import Conflict, Forbidden
from domain.jp_transcript import Transcript, checked_year, kept_items, transcript_credential
from domain.timezones import local_year
from gamification.credentials.issuer_keys import IssuerKeys
from gamification.credentials.issuing import CredentialIssuer, SignedCredential, Stamp
from gamification.credentials.sharing import SHARED_PAGE_PATH, CredentialSharing
from gamification.credentials.transcript_pdf import transcript_pdf
from gamification.storage.tables import IssuedCredential, JpCredit, Person


@dataclass(frozen=True)
class PrintedTranscript:
    pdf: bytes
    filename: str
    credential_id: int
    verify_url: str  # where the printed QR code leads


@dataclass(frozen=True)
class _Holder:
    region_id: int
    base_url: str
    issuer: Issuer
    timezone: ZoneInfo
    transcript: Transcript


class JpTranscripts:
    def __init__(
        self, issuer_keys: IssuerKeys, sharing: CredentialSharing, public_url: str | None, secret: str
    ) -> None:
        self._issuer = CredentialIssuer(issuer_keys, public_url)
        self._sharing = sharing
        self._public_url = public_url
        # the printed link's token is derived from the credential, so printing it again gives the same QR code
        self._link_key = hashlib.sha256(f"printed-transcript-links:{secret}".encode()).digest()

    async def issue(self, actor: Actor, year: int | None, base_url: str) -> SignedCredential:
        """The caller's transcript of the year (default: this year in their region) as a signed ``ClrCredential``;
        an unchanged transcript already issued and not revoked is answered again rather than issued twice."""
        return await self._issued(actor, await _holder(actor, year, self._public_url or base_url.rstrip("/")))

    async def printed(self, actor: Actor, year: int | None, base_url: str) -> PrintedTranscript:
        """The transcript as a PDF. Printing is sharing: the transcript credential is issued (or the unchanged one
        reused) and shared under a link derived from it, which the QR code carries."""
        base = self._public_url or base_url.rstrip("/")
        holder = await _holder(actor, year, base)
        issued = await self._issued(actor, holder)
        token = hmac.new(self._link_key, issued.credential["id"].encode(), hashlib.sha256).hexdigest()[:32]
        await self._sharing.link(actor, issued.id, token)
        verify_url = f"{base}{SHARED_PAGE_PATH}{token}"
        issued_at = dt.datetime.fromisoformat(issued.credential["validFrom"].replace("Z", "+00:00"))
        pdf = transcript_pdf(
            holder.transcript,
            issuer_name=holder.issuer.name,
            issued_on=issued_at.astimezone(holder.timezone).date(),
            verify_url=verify_url,
        )
        return PrintedTranscript(pdf, f"transkrip-jp-{holder.transcript.year}.pdf", issued.id, verify_url)

    async def _issued(self, actor: Actor, holder: _Holder) -> SignedCredential:
        # the issuer's address as configured, never the request's Host (without a public URL the issuer's id
        # follows it): one transcript per content however many hosts it is asked through, not a status bit each
        issuer = f"{self._public_url or ''}/issuers/{holder.issuer.id.rsplit('/issuers/', 1)[1]}"
        jti = "urn:uuid:" + str(
            uuid.uuid5(uuid.NAMESPACE_URL, f"{issuer}/transcripts/{actor.person_id}/{holder.transcript.digest()}")
        )
        revoked = IssuedCredential.revoked_at.is_not_null()
        if await IssuedCredential.exists().where(IssuedCredential.jti == jti, revoked):
            raise Conflict("credential_revoked")

        def shape(stamp: Stamp) -> dict:
            return transcript_credential(
                credential_id=stamp.credential_id,
                issuer=stamp.issuer,
                subject_id=stamp.subject_id,
                transcript=holder.transcript,
                issued_at=stamp.issued_at,
                timezone=holder.timezone,
                status=stamp.status,
            )

        return await self._issuer.issue(actor.person_id, None, holder.base_url, shape, credential_id=jti)


async def _holder(actor: Actor, year: int | None, base_url: str) -> _Holder:
    """The caller's transcript of a year that has begun and is not before their first year in Tangkas."""
    if actor.region_id is None or actor.unit_id is None:
        raise Forbidden("learner_only")
    person = (
        await Person.select(
            Person.name,
            Person.nip,
            Person.created_at,
            Person.region.name,
            Person.region.slug,
            Person.region.timezone,
            Person.unit.name,
            Person.unit.agency.name,
        )
        .where(Person.id == actor.person_id)
        .first()
    )
    timezone = ZoneInfo(person["region.timezone"])
    this_year = local_year(person["region.timezone"])
    earliest = await JpCredit.select(Min(JpCredit.year, alias="first")).where(JpCredit.person == actor.person_id)
    first_year = min(y for y in (person["created_at"].astimezone(timezone).year, earliest[0]["first"]) if y is not None)
    year = checked_year(this_year if year is None else year, this_year, first_year)
    rows = await JpCredit.select(
        JpCredit.source_kind,
        JpCredit.source_id,
        JpCredit.title,
        JpCredit.competency_type,
        JpCredit.jp_centi,
        JpCredit.earned_at,
        JpCredit.reversal,
    ).where(JpCredit.person == actor.person_id, JpCredit.year == year)
    transcript = Transcript(
        year=year,
        person_name=person["name"],
        nip=person["nip"],
        region_name=person["region.name"],
        agency_name=person["unit.agency.name"],
        unit_name=person["unit.name"],
        items=kept_items(rows, timezone),
    )
    issuer = issuer_of(base_url, person["region.slug"], person["region.name"])
    return _Holder(actor.region_id, base_url, issuer, timezone, transcript)
