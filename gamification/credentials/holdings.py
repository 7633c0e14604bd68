"""Credentials as their holder (or the issuing region's admin) sees them in a list: what each is, when it was
issued, whether it is revoked and why, and whether a share link is live. Never the link itself: only its
token's digest is kept, so a lost link is replaced by sharing again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import jwt

from domain.access import Actor
from domain.credential_revocation import reason_text
from domain.credentials import achievement_of
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.tables import IssuedCredential

COLUMNS = (
    IssuedCredential.id,
    IssuedCredential.person,
    IssuedCredential.region,
    IssuedCredential.kid,
    IssuedCredential.issued_at,
    IssuedCredential.revoked_at,
    IssuedCredential.revoked_reason,
    IssuedCredential.revoked_note,
    IssuedCredential.share_digest,
    IssuedCredential.person_badge,
    IssuedCredential.certificate,
    IssuedCredential.event_registration,
    IssuedCredential.jwt,
)


@dataclass(frozen=True)
class HeldCredential:
    id: int
    person_id: int  # the holder
    region_id: int  # the issuing region
    kind: str  # badge, certificate, event or transcript
    title: str | None  # the achievement's name (None once the signed copy is erased by anonymising)
    issued_at: dt.datetime
    kid: str
    revoked: bool
    revoked_at: dt.datetime | None
    revoked_reason: str | None  # in Indonesian
    shared: bool  # a share link is live (the link is not recoverable: share again for a new one)


def kind_of(row: dict) -> str:
    if row["person_badge"] is not None:
        return "badge"
    if row["certificate"] is not None:
        return "certificate"
    if row["event_registration"] is not None:
        return "event"
    return "transcript"  # the one kind issued for no row: named by its content


def held_view(row: dict) -> HeldCredential:
    return HeldCredential(
        id=row["id"],
        person_id=row["person"],
        region_id=row["region"],
        kind=kind_of(row),
        title=title_of(row["jwt"]),
        issued_at=row["issued_at"],
        kid=row["kid"],
        revoked=row["revoked_at"] is not None,
        revoked_at=row["revoked_at"],
        revoked_reason=reason_text(row["revoked_reason"], row["revoked_note"]) if row["revoked_at"] else None,
        shared=row["share_digest"] is not None,
    )


def title_of(token: str) -> str | None:
    """The achievement's name in a credential Tangkas signed and kept (read, not verified: it is our own)."""
    if not token:
        return None
    credential = jwt.decode(token, options={"verify_signature": False}).get("vc")
    name = achievement_of(credential).get("name") if isinstance(credential, dict) else None
    return name if isinstance(name, str) else None


async def held(where: list, page: PageRequest) -> Page[HeldCredential]:
    """Credentials matching ``where``, newest first."""
    query = IssuedCredential.select(*COLUMNS).where(*where)
    if page.after_id is not None:
        query = query.where(IssuedCredential.id < page.after_id)
    rows = await query.order_by(IssuedCredential.id, ascending=False).limit(page.limit + 1)
    return page_of([held_view(row) for row in rows], page, lambda item: item.id)


async def load(credential_id: int) -> dict | None:
    return await IssuedCredential.select(*COLUMNS).where(IssuedCredential.id == credential_id).first()


class MyCredentials:
    async def list(self, actor: Actor, page: PageRequest) -> Page[HeldCredential]:
        """The caller's credentials, newest first; nobody else's."""
        return await held([IssuedCredential.person == actor.person_id], page)
