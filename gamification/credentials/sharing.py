"""A credential is private until its holder makes a share link: anyone with the link reads the credential
and its verification; a new link replaces the old one, and the holder can stop sharing."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from domain.access import Actor
from domain.errors import Conflict, NotFound
from gamification.credentials.verification import CredentialReading, CredentialVerification, VerificationView
from gamification.storage.database import unit_of_work
from gamification.storage.tables import IssuedCredential

SHARED_PATH = "/api/v1/public/credentials/"
# The page a person opens (or a printed QR code leads to) to see a shared credential verified, in Indonesian
SHARED_PAGE_PATH = "/kredensial/"


@dataclass(frozen=True)
class ShareLink:
    credential_id: int
    url: str
    page_url: str  # the same credential on a page for people, in Indonesian (what a printed QR code leads to)


@dataclass(frozen=True)
class SharedCredential:
    jwt: str
    verification: VerificationView


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CredentialSharing:
    def __init__(self, verification: CredentialVerification, public_url: str | None) -> None:
        self._verification = verification
        self._public_url = public_url

    async def share(self, actor: Actor, credential_id: int, base_url: str) -> ShareLink:
        """A new link to one of the caller's credentials (the previous link stops working)."""
        token = secrets.token_urlsafe(24)
        await self.link(actor, credential_id, token)
        base = self._public_url or base_url.rstrip("/")
        return ShareLink(credential_id, f"{base}{SHARED_PATH}{token}", f"{base}{SHARED_PAGE_PATH}{token}")

    async def link(self, actor: Actor, credential_id: int, token: str) -> None:
        """Share one of the caller's credentials under ``token`` (the previous link stops working)."""
        async with unit_of_work():
            row = await _own(actor, credential_id)
            if row["revoked_at"] is not None:
                raise Conflict("credential_revoked")
            await IssuedCredential.update({IssuedCredential.share_digest: _digest(token)}).where(
                IssuedCredential.id == credential_id
            )

    async def unshare(self, actor: Actor, credential_id: int) -> None:
        async with unit_of_work():
            await _own(actor, credential_id)
            await IssuedCredential.update({IssuedCredential.share_digest: None}).where(
                IssuedCredential.id == credential_id
            )

    async def shared(self, token: str) -> SharedCredential:
        jwt = await _shared_jwt(token)
        return SharedCredential(jwt, await self._verification.verify(jwt))

    async def read_shared(self, token: str) -> CredentialReading:
        """The shared credential as the page shows it; an unknown, replaced or ended link is not found."""
        return await self._verification.read(await _shared_jwt(token))


async def _shared_jwt(token: str) -> str:
    row = (
        await IssuedCredential.select(IssuedCredential.jwt)
        .where(IssuedCredential.share_digest == _digest(token))
        .first()
    )
    if row is None or not row["jwt"]:
        raise NotFound("credential_not_found")
    return row["jwt"]


async def _own(actor: Actor, credential_id: int) -> dict:
    row = (
        await IssuedCredential.select(IssuedCredential.revoked_at)
        .where(IssuedCredential.id == credential_id, IssuedCredential.person == actor.person_id)
        .first()
    )
    if row is None:
        raise NotFound("credential_not_found")
    return row
