"""A person's badge award issued as an Open Badges 3.0 credential, signed by their region's current key."""

from __future__ import annotations

from domain.access import Actor
from domain.credentials import Achievement, open_badge_credential
from domain.errors import NotFound
from gamification.credentials.issuer_keys import IssuerKeys
from gamification.credentials.issuing import CredentialIssuer, CredentialSource, SignedCredential, Stamp
from gamification.storage.json_column import loaded
from gamification.storage.tables import PersonBadge

__all__ = ["BadgeCredentials", "SignedCredential"]


class BadgeCredentials:
    def __init__(self, issuer_keys: IssuerKeys, public_url: str | None) -> None:
        self._issuer = CredentialIssuer(issuer_keys, public_url)

    async def issue(self, actor: Actor, award_id: int, base_url: str) -> SignedCredential:
        """Only the caller's own award; anyone else's is answered as not existing."""
        award = (
            await PersonBadge.select(
                PersonBadge.awarded_at,
                PersonBadge.badge.code,
                PersonBadge.badge.name,
                PersonBadge.badge.description,
                PersonBadge.badge.criteria,
            )
            .where(PersonBadge.id == award_id, PersonBadge.person == actor.person_id)
            .first()
        )
        if award is None:
            raise NotFound("badge_award_not_found")

        def shape(stamp: Stamp) -> dict:
            return open_badge_credential(
                credential_id=stamp.credential_id,
                issuer=stamp.issuer,
                achievement=Achievement(
                    id=f"{stamp.issuer.id}/achievements/{award['badge.code']}",
                    name=award["badge.name"],
                    description=award["badge.description"],
                    criteria=loaded(award["badge.criteria"]),
                ),
                subject_id=stamp.subject_id,
                subject_name=stamp.subject_name,
                awarded_at=award["awarded_at"],
                issued_at=stamp.issued_at,
                status=stamp.status,
            )

        return await self._issuer.issue(actor.person_id, CredentialSource("person_badge", award_id), base_url, shape)
