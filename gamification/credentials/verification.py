"""What anyone learns of a VC-JWT Tangkas issued: whether its signature holds under a key Tangkas published,
and who got what, when and from whom. Nothing about the person beyond what the credential itself says."""

from __future__ import annotations

import base64
import datetime as dt
import re
from dataclasses import dataclass

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from domain.credential_details import CredentialDetails, credential_details  # credentials: the page
from domain.credentials import (
    SIGNING_ALGORITHM,
    Verdict,
    achievement_of,
    parse_timestamp,
    subject_name,
    verdict_in_time,
    verdict_message,
)
from domain.errors import InvalidInput
from gamification.credentials.issuer_keys import IssuerKeys
from gamification.credentials.revocation import issued_state
from gamification.storage.tables import Region

KID_MAX = 80  # issuer_key.kid's length
COMPACT_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class VerificationView:
    valid: bool
    status: str
    message: str  # in Indonesian
    subject_name: str | None = None
    achievement_name: str | None = None
    awarded_at: dt.datetime | None = None
    issuer_name: str | None = None
    issuer_id: str | None = None
    credential_id: str | None = None
    kid: str | None = None


@dataclass(frozen=True)
class CredentialReading:
    """A verification and, when the signature holds, what a person reads of the credential (the page)."""

    verification: VerificationView
    details: CredentialDetails | None = None


class CredentialVerification:
    def __init__(self, issuer_keys: IssuerKeys) -> None:
        self._keys = issuer_keys

    async def verify(self, token: str) -> VerificationView:
        return (await self.read(token)).verification

    async def read(self, token: str) -> CredentialReading:
        token = token.strip()
        if not COMPACT_JWS.fullmatch(token):
            raise InvalidInput("credential_malformed")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError:
            return _refused(Verdict.TAMPERED)
        kid = header.get("kid")
        if header.get("alg") != SIGNING_ALGORITHM:
            return _refused(Verdict.TAMPERED)
        # a kid no key has (PostgreSQL refuses a NUL in text: never sent to it)
        known = isinstance(kid, str) and 0 < len(kid) <= KID_MAX and "\x00" not in kid
        key = await self._keys.by_kid(kid) if known else None
        if key is None:
            return _refused(Verdict.UNKNOWN_KEY)
        public_key = Ed25519PublicKey.from_public_bytes(
            base64.urlsafe_b64decode(key.public_x + "=" * (-len(key.public_x) % 4))
        )
        try:
            claims = jwt.decode(
                token,
                public_key,
                algorithms=[SIGNING_ALGORITHM],
                options={"require": ["iss", "sub", "nbf", "jti"], "verify_exp": False, "verify_nbf": False},
            )
        except jwt.InvalidTokenError:
            return _refused(Verdict.TAMPERED)
        credential = claims.get("vc")
        if not _consistent(claims, credential):
            return _refused(Verdict.TAMPERED)
        revoked = await issued_state(claims["jti"])
        if revoked is None:  # signed by Tangkas but never issued as a credential (a region's status list)
            return _refused(Verdict.TAMPERED)
        now = dt.datetime.now(dt.UTC)
        expires = claims.get("exp")
        verdict = Verdict.REVOKED if revoked else None
        if verdict is None and isinstance(expires, int) and expires <= now.timestamp():
            verdict = Verdict.EXPIRED
        verdict = verdict or verdict_in_time(credential, now)
        region = await Region.select(Region.name, Region.timezone).where(Region.id == key.region_id).first()
        issuer_name = f"Tangkas {region['name']}"
        view = VerificationView(
            valid=verdict is Verdict.VALID,
            status=verdict.value,
            message=verdict_message(verdict, credential, issuer_name),
            subject_name=subject_name(credential),
            achievement_name=achievement_of(credential).get("name"),
            awarded_at=parse_timestamp(credential.get("awardedDate") or credential.get("validFrom")),
            issuer_name=issuer_name,
            issuer_id=claims["iss"],
            credential_id=claims["jti"],
            kid=key.kid,
        )
        return CredentialReading(view, credential_details(credential, issuer_name, region["timezone"]))


def _consistent(claims: dict, credential: object) -> bool:
    """The registered claims mirror the credential (OB 3.0, JWT proof format)."""
    if not isinstance(credential, dict) or not isinstance(credential.get("credentialSubject"), dict):
        return False
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    return (
        issuer_id == claims["iss"]
        and credential.get("id") == claims["jti"]
        and credential["credentialSubject"].get("id") == claims["sub"]
    )


def _refused(verdict: Verdict) -> CredentialReading:
    return CredentialReading(
        VerificationView(valid=False, status=verdict.value, message=verdict_message(verdict, None, None))
    )
