"""A person's badge award issued as an Open Badges 3.0 credential, signed by their region's current key."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from domain.access import Actor
from domain.credentials import Achievement, issuer_of, open_badge_credential, status_entry
from domain.errors import Conflict, NotFound
from gamification.credentials.issuer_keys import IssuerKeys
from gamification.credentials.issuing import recorded, signed, subject_id
from gamification.credentials.revocation import status_list_url
from gamification.storage.json_column import loaded
from gamification.storage.tables import IssuedCredential, Person, PersonBadge


@dataclass(frozen=True)
class SignedCredential:
    id: int
    kid: str
    jwt: str
    credential: dict


class BadgeCredentials:
    def __init__(self, issuer_keys: IssuerKeys, public_url: str | None) -> None:
        self._keys = issuer_keys
        self._public_url = public_url

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
        person = (
            await Person.select(Person.name, Person.region, Person.region.slug, Person.region.name)
            .where(Person.id == actor.person_id)
            .first()
        )
        if person["region"] is None:
            raise Conflict("credential_without_region")
        base = self._public_url or base_url.rstrip("/")
        issuer = issuer_of(base, person["region.slug"], person["region.name"])
        key = await self._keys.signing_key(person["region"])
        now = dt.datetime.now(dt.UTC)
        credential_id = f"urn:uuid:{uuid.uuid4()}"
        row_id, index = await recorded(person["region"], actor.person_id, award_id, credential_id, key.kid)
        credential = open_badge_credential(
            credential_id=credential_id,
            issuer=issuer,
            achievement=Achievement(
                id=f"{issuer.id}/achievements/{award['badge.code']}",
                name=award["badge.name"],
                description=award["badge.description"],
                criteria=loaded(award["badge.criteria"]),
            ),
            subject_id=subject_id(issuer, actor.person_id),
            subject_name=person["name"],
            awarded_at=award["awarded_at"],
            issued_at=now,
            status=status_entry(status_list_url(issuer.id), index),
        )
        token = signed(credential, key, now)
        await IssuedCredential.update({IssuedCredential.jwt: token}).where(IssuedCredential.id == row_id)
        return SignedCredential(row_id, key.kid, token, credential)
