"""The one issuer behind every kind of credential (a badge award, a verified certificate, an event
completion): the holder's region signs with its current key, the credential takes a random free bit of the
region's status list, and is recorded against the thing it was issued for.

Issued again for the same thing, while the region's key is the same, the first credential (unrevoked) is the
answer: a retry, or two requests racing, never leave two status entries for one thing. After a key rotation a
new credential is signed with the new key; the old one still verifies until it is revoked."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import jwt

from domain.credential_revocation import ADMIN_REVOKED  # credentials: revoked by an admin
from domain.credentials import SIGNING_ALGORITHM, STATUS_LIST_BITS, Issuer, issuer_of, jwt_claims, status_entry
from domain.errors import Conflict
from gamification.credentials.issuer_keys import IssuerKeys, SigningKey
from gamification.credentials.revocation import status_list_url
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.tables import IssuedCredential, Person

INDEX_DRAWS = 8  # a drawn status list index already taken is drawn again


@dataclass(frozen=True)
class SignedCredential:
    id: int
    kid: str
    jwt: str
    credential: dict
    created: bool = True  # False: the credential issued earlier for the same thing and key


@dataclass(frozen=True)
class CredentialSource:
    """What a credential is issued for: the ``issued_credential`` column naming it, and its id."""

    column: str  # person_badge, certificate or event_registration
    id: int


@dataclass(frozen=True)
class Stamp:
    """What the issuer fixes in every credential; the kind of credential fills in the rest."""

    issuer: Issuer
    credential_id: str
    subject_id: str  # a stable pseudonym of the person under this issuer, not their row id
    subject_name: str
    issued_at: dt.datetime
    status: dict


class CredentialIssuer:
    def __init__(self, issuer_keys: IssuerKeys, public_url: str | None) -> None:
        self._keys = issuer_keys
        self._public_url = public_url

    async def issue(
        self,
        person_id: int,
        source: CredentialSource | None,
        base_url: str,
        shape: Callable[[Stamp], dict],
        *,
        credential_id: str | None = None,
    ) -> SignedCredential:
        """The person's credential for the source, ``shape`` making it from the stamp. Without a source (a
        transcript), ``credential_id`` names it: the same id asked again is answered by the one issued."""
        person = (
            await Person.select(Person.name, Person.region, Person.region.slug, Person.region.name)
            .where(Person.id == person_id)
            .first()
        )
        if person is None or person["region"] is None:
            raise Conflict("credential_without_region")
        if source is not None and await _revoked_by_admin(source):
            raise Conflict("credential_revoked_by_admin")
        key = await self._keys.signing_key(person["region"])
        existing = await _current(source, key.kid, credential_id)
        if existing is not None:
            return existing
        issuer = issuer_of(self._public_url or base_url.rstrip("/"), person["region.slug"], person["region.name"])
        for _ in range(INDEX_DRAWS):
            index = secrets.randbelow(STATUS_LIST_BITS)
            now = dt.datetime.now(dt.UTC)
            jti = credential_id or f"urn:uuid:{uuid.uuid4()}"
            credential = shape(
                Stamp(
                    issuer,
                    jti,
                    subject_id(issuer, person_id),
                    person["name"],
                    now,
                    status_entry(status_list_url(issuer.id), index),
                )
            )
            token = signed(credential, key, now)
            try:
                async with unit_of_work():
                    rows = await IssuedCredential.insert(
                        IssuedCredential(
                            region=person["region"],
                            person=person_id,
                            jti=jti,
                            kid=key.kid,
                            status_index=index,
                            jwt=token,
                            **({source.column: source.id} if source else {}),
                        )
                    ).returning(IssuedCredential.id)
                return SignedCredential(rows[0]["id"], key.kid, token, credential)
            except Exception as error:
                if not is_unique_violation(error):
                    raise
            existing = await _current(source, key.kid, credential_id)  # another request issued it meanwhile
            if existing is not None:
                return existing
        raise Conflict("credential_status_list_full")


def subject_id(issuer: Issuer, person_id: int) -> str:
    """A stable pseudonym of the person under this issuer, not their row id."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{issuer.id}/people/{person_id}')}"


def signed(credential: dict, key: SigningKey, now: dt.datetime) -> str:
    """The credential as a VC-JWT (OB 3.0, "JSON Web Token Proof Format"), EdDSA with the key's ``kid``."""
    return jwt.encode(
        jwt_claims(credential, now),
        key.private_key,
        algorithm=SIGNING_ALGORITHM,
        headers={"kid": key.kid, "typ": "JWT"},
    )


async def _current(source: CredentialSource | None, kid: str, credential_id: str | None) -> SignedCredential | None:
    """The unrevoked credential issued for the source under this key, or the one of this id (whatever key)."""
    if source is not None:
        where = [getattr(IssuedCredential, source.column) == source.id, IssuedCredential.kid == kid]
    else:
        where = [IssuedCredential.jti == credential_id]
    row = (
        await IssuedCredential.select(IssuedCredential.id, IssuedCredential.kid, IssuedCredential.jwt)
        .where(*where, IssuedCredential.revoked_at.is_null())
        .first()
    )
    if row is None or not row["jwt"]:
        return None
    credential = jwt.decode(row["jwt"], options={"verify_signature": False})["vc"]  # our own, as we signed it
    return SignedCredential(row["id"], row["kid"], row["jwt"], credential, created=False)


async def _revoked_by_admin(source: CredentialSource) -> bool:
    """An admin revoked a credential of this thing: issuing it again would undo their decision (a new key too)."""
    return await IssuedCredential.exists().where(
        getattr(IssuedCredential, source.column) == source.id, IssuedCredential.revoked_reason == ADMIN_REVOKED
    )
