"""Revoking issued credentials and publishing each region's revocations as a Bitstring Status List
credential, signed like the credentials themselves, that any verifier can fetch and read offline."""

from __future__ import annotations

import datetime as dt

import jwt
from piccolo.columns import Column

from domain.credentials import SIGNING_ALGORITHM, jwt_claims, status_list_credential
from domain.jp_transcript import lists_item  # credentials: a transcript listing a credit taken back
from gamification.credentials.issuer_keys import IssuerKeys
from gamification.credentials.publication import issuer_named
from gamification.storage.tables import IssuedCredential

PERSON_ANONYMISED = "person_anonymised"
AWARD_REVERSED = "award_reversed"


def status_list_url(issuer_id: str) -> str:
    return f"{issuer_id}/status/revocation"


async def revoke_person_credentials(person_id: int, reason: str = PERSON_ANONYMISED) -> int:
    """Revoke every credential the person holds, unshare them and erase the signed copies kept for their
    links (they carry the name) and any admin's reason; call inside the unit of work that anonymises the person."""
    await IssuedCredential.update(
        # an admin's reason for a revocation may name the person too
        {IssuedCredential.jwt: "", IssuedCredential.share_digest: None, IssuedCredential.revoked_note: None}
    ).where(IssuedCredential.person == person_id)
    return await _revoke(IssuedCredential.person == person_id, reason)


async def revoke_award_credentials(award_id: int, reason: str = AWARD_REVERSED) -> int:
    """Revoke the credentials of one badge award (for the ledger, when it reverses one); in a unit of work."""
    return await _revoke_issued_for(IssuedCredential.person_badge, award_id, reason)


CERTIFICATE_WITHDRAWN = "certificate_withdrawn"


async def revoke_certificate_credentials(certificate_id: int, reason: str = CERTIFICATE_WITHDRAWN) -> int:
    """Revoke the credentials of a certificate whose verification is withdrawn; in its unit of work."""
    return await _revoke_issued_for(IssuedCredential.certificate, certificate_id, reason)


TRANSCRIPT_ITEM_WITHDRAWN = "transcript_item_withdrawn"


async def revoke_transcripts_listing(person_id: int, source: str, source_id: int) -> int:
    """Revoke the person's transcripts that list a JP credit now taken back (a certificate found false, a partner's
    completion voided): they would go on vouching for it. A transcript asked for again leaves it out. In the unit
    of work that takes the credit back."""
    rows = await IssuedCredential.select(IssuedCredential.id, IssuedCredential.jwt).where(
        IssuedCredential.person == person_id,
        IssuedCredential.revoked_at.is_null(),
        IssuedCredential.person_badge.is_null(),  # a transcript is issued for no row (holdings.kind_of)
        IssuedCredential.certificate.is_null(),
        IssuedCredential.event_registration.is_null(),
    )
    listing = [
        row["id"]
        for row in rows
        if row["jwt"]
        and lists_item(jwt.decode(row["jwt"], options={"verify_signature": False}).get("vc"), source, source_id)
    ]
    if not listing:
        return 0
    return await _revoke(IssuedCredential.id.is_in(listing), TRANSCRIPT_ITEM_WITHDRAWN)


async def _revoke_issued_for(source: Column, source_id: int, reason: str) -> int:
    """Revoke the unrevoked credentials issued for one thing (a column of ``issued_credential`` naming it)."""
    return await _revoke(source == source_id, reason)


async def _revoke(which, reason: str) -> int:
    """Revoke the unrevoked credentials ``which`` names; how many were."""
    revoked = (
        await IssuedCredential.update(
            {IssuedCredential.revoked_at: dt.datetime.now(dt.UTC), IssuedCredential.revoked_reason: reason}
        )
        .where(which, IssuedCredential.revoked_at.is_null())
        .returning(IssuedCredential.id)
    )
    return len(revoked)


async def issued_state(jti: str) -> bool | None:
    """Whether the credential of this ``jti`` is revoked; None: Tangkas never issued one with it."""
    row = await IssuedCredential.select(IssuedCredential.revoked_at).where(IssuedCredential.jti == jti).first()
    return None if row is None else row["revoked_at"] is not None


class StatusLists:
    def __init__(self, issuer_keys: IssuerKeys, public_url: str | None) -> None:
        self._keys = issuer_keys
        self._public_url = public_url

    async def revocation_list(self, region_slug: str, base_url: str) -> str:
        """The region's revocation list as a VC-JWT, signed with its current key."""
        region_id, issuer = await issuer_named(region_slug, self._public_url or base_url.rstrip("/"))
        revoked = await IssuedCredential.select(IssuedCredential.status_index).where(
            IssuedCredential.region == region_id, IssuedCredential.revoked_at.is_not_null()
        )
        now = dt.datetime.now(dt.UTC)
        credential = status_list_credential(
            status_list_url(issuer.id), issuer, {row["status_index"] for row in revoked}, now
        )
        key = await self._keys.signing_key(region_id)
        return jwt.encode(
            jwt_claims(credential, now), key.private_key, algorithm=SIGNING_ALGORITHM, headers={"kid": key.kid}
        )
