"""Machine credentials of a partner organisation: a key id and a secret for HTTP Basic on /xapi.

The secret is shown once and kept only as an HMAC-SHA256 under the server's credential key. Basic
credentials come with every statement, so the check must be cheap: a slow password hash per request
would let anyone with a key id keep the server busy. A 256-bit random secret needs no stretching;
the HMAC keeps a stolen table useless without the server key, and the comparison is constant-time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from domain.access import Actor
from domain.errors import InvalidInput, NotFound
from domain.text import check_shown_text
from gamification.partners.reach import check_member
from gamification.storage.tables import PartnerCredential, PartnerOrganisation

KEY_PREFIX = "tkx_"
KEY_ID = re.compile(KEY_PREFIX + "[0-9a-f]{16}")  # the shape create() issues: anything else is no key
MAX_LABEL = 120


@dataclass(frozen=True)
class Credential:
    key_id: str
    label: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None


@dataclass(frozen=True)
class NewCredential:
    key_id: str
    secret: str  # shown this once; Tangkas keeps only its HMAC
    label: str
    created_at: dt.datetime


class PartnerCredentials:
    def __init__(self, server_key: bytes) -> None:
        self._server_key = server_key

    async def create(self, actor: Actor, org_id: int, label: str) -> NewCredential:
        """A new key for the organisation; its secret is in this answer only."""
        await check_member(actor, org_id)
        label = " ".join(label.split())
        if len(label) > MAX_LABEL:
            raise InvalidInput("partner_credential_label_too_long", max=MAX_LABEL)
        if label:
            check_shown_text(label)
        key_id, secret = KEY_PREFIX + secrets.token_hex(8), secrets.token_urlsafe(32)
        rows = await PartnerCredential.insert(
            PartnerCredential(
                org=org_id, key_id=key_id, secret_hmac=self._hmac(secret), label=label, created_by=actor.person_id
            )
        ).returning(PartnerCredential.created_at)
        return NewCredential(key_id, secret, label, rows[0]["created_at"])

    async def list(self, actor: Actor, org_id: int) -> list[Credential]:
        """The organisation's keys, revoked ones too, never a secret."""
        await check_member(actor, org_id)
        rows = await PartnerCredential.select().where(PartnerCredential.org == org_id).order_by(PartnerCredential.id)
        return [Credential(r["key_id"], r["label"], r["created_at"], r["revoked_at"]) for r in rows]

    async def revoke(self, actor: Actor, org_id: int, key_id: str) -> None:
        """From now on the key fails; revoking twice is harmless."""
        await check_member(actor, org_id)
        found = await PartnerCredential.exists().where(
            (PartnerCredential.org == org_id) & (PartnerCredential.key_id == key_id)
        )
        if not found:
            raise NotFound("partner_credential_not_found")
        await PartnerCredential.update({PartnerCredential.revoked_at: dt.datetime.now(dt.timezone.utc)}).where(
            (PartnerCredential.org == org_id)
            & (PartnerCredential.key_id == key_id)
            & PartnerCredential.revoked_at.is_null()
        )

    async def organisation_of(self, key_id: str, secret: str) -> int | None:
        """The active organisation a live key belongs to, or None for any wrong, revoked or unknown key."""
        if not KEY_ID.fullmatch(key_id):
            return None  # not a key Tangkas issued (a NUL would even break the PostgreSQL query)
        row = (
            await PartnerCredential.select(
                PartnerCredential.org, PartnerCredential.secret_hmac, PartnerCredential.revoked_at
            )
            .where(PartnerCredential.key_id == key_id)
            .first()
        )
        expected = row["secret_hmac"] if row else self._hmac("")  # the same work for an unknown key
        if not hmac.compare_digest(expected, self._hmac(secret)) or row is None or row["revoked_at"] is not None:
            return None
        active = await PartnerOrganisation.exists().where(
            (PartnerOrganisation.id == row["org"]) & (PartnerOrganisation.active == True)  # noqa: E712
        )
        return row["org"] if active else None

    def _hmac(self, secret: str) -> str:
        return hmac.new(self._server_key, secret.encode(), hashlib.sha256).hexdigest()
