"""Revoking issued credentials and publishing each region's revocations as a Bitstring Status List
credential, signed like the credentials themselves, that any verifier can fetch and read offline."""

from __future__ import annotations

import datetime as dt

import jwt
from piccolo.columns import Column

from domain.credentials import SIGNING_ALGORITHM, issuer_of, jwt_claims, status_list_credential
from domain.errors import NotFound
from gamification.credentials.issuer_keys import IssuerKeys
from gamification.storage.tables import IssuedCredential, Region

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
    revoked = (
        await IssuedCredential.update(
            {IssuedCredential.revoked_at: dt.datetime.now(dt.UTC), IssuedCredential.revoked_reason: reason}
        )
        .where(IssuedCredential.person == person_id, IssuedCredential.revoked_at.is_null())
        .returning(IssuedCredential.id)
    )
    return len(revoked)


async def revoke_award_credentials(award_id: int, reason: str = AWARD_REVERSED) -> int:
    """Revoke the credentials of one badge award (for the ledger, when it reverses one); in a unit of work."""
    return await _revoke_issued_for(IssuedCredential.person_badge, award_id, reason)


CERTIFICATE_WITHDRAWN = "certificate_withdrawn"


async def revoke_certificate_credentials(certificate_id: int, reason: str = CERTIFICATE_WITHDRAWN) -> int:
    """Revoke the credentials of a certificate whose verification is withdrawn; in its unit of work."""
    return await _revoke_issued_for(IssuedCredential.certificate, certificate_id, reason)


async def _revoke_issued_for(source: Column, source_id: int, reason: str) -> int:
    """Revoke the unrevoked credentials issued for one thing (a column of ``issued_credential`` naming it)."""
    revoked = (
        await IssuedCredential.update(
            {IssuedCredential.revoked_at: dt.datetime.now(dt.UTC), IssuedCredential.revoked_reason: reason}
        )
        .where(source == source_id, IssuedCredential.revoked_at.is_null())
        .returning(IssuedCredential.id)
    )
    return len(revoked)


async def is_revoked(jti: str) -> bool:
    row = await IssuedCredential.select(IssuedCredential.revoked_at).where(IssuedCredential.jti == jti).first()
    return row is not None and row["revoked_at"] is not None


class StatusLists:
    def __init__(self, issuer_keys: IssuerKeys, public_url: str | None) -> None:
        self._keys = issuer_keys
        self._public_url = public_url

    async def revocation_list(self, region_slug: str, base_url: str) -> str:
        """The region's revocation list as a VC-JWT, signed with its current key."""
        region = await Region.select(Region.id, Region.slug, Region.name).where(Region.slug == region_slug).first()
        if region is None:
            raise NotFound("issuer_not_found")
        issuer = issuer_of(self._public_url or base_url.rstrip("/"), region["slug"], region["name"])
        revoked = await IssuedCredential.select(IssuedCredential.status_index).where(
            IssuedCredential.region == region["id"], IssuedCredential.revoked_at.is_not_null()
        )
        now = dt.datetime.now(dt.UTC)
        credential = status_list_credential(
            status_list_url(issuer.id), issuer, {row["status_index"] for row in revoked}, now
        )
        key = await self._keys.signing_key(region["id"])
        return jwt.encode(
            jwt_claims(credential, now), key.private_key, algorithm=SIGNING_ALGORITHM, headers={"kid": key.kid}
        )
