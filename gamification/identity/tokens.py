"""Access tokens (short-lived JWT, HS256 pinned) and opaque refresh tokens stored as hashes."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
import time
import uuid
from dataclasses import dataclass

import jwt

from domain.errors import NotAuthenticated
from domain.ids import parse_id
from gamification.storage.kept import Kept
from gamification.storage.settings import Settings

ALGORITHM = "HS256"
# "epoch" is the person's token epoch when the token was issued: raising it ends every access token
# issued before (sign-out everywhere, a new password), without waiting for them to expire.
REQUIRED_CLAIMS = ["exp", "iat", "sub", "iss", "aud", "jti", "epoch"]
# API replicas' clocks differ by a little: a token issued by one a second ahead is not "issued in the
# future" for another (PyJWT refuses an iat ahead of its clock); expiry stretches by as much.
CLOCK_SKEW_SECONDS = 10
MAX_EPOCH = 2**31 - 1


@dataclass(frozen=True, slots=True)
class AccessClaims:
    person_id: int
    token_epoch: int


def issue_access_token(settings: Settings, person_id: int, now: dt.datetime, token_epoch: int) -> str:
    claims = {
        "sub": str(person_id),
        "epoch": token_epoch,
        "iat": now,
        "exp": now + dt.timedelta(seconds=settings.access_token_seconds),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=ALGORITHM)


# A phone sends the same access token with every request for its lifetime: its claims, once verified,
# are kept by the token's exact text and the settings that verified it, so later requests only check
# the expiry (PyJWT's decoding was an eighth of a GET /me).
_VERIFIED: Kept[tuple, tuple[AccessClaims, float]] = Kept(limit=20_000)


def read_access_token(settings: Settings, token: str) -> AccessClaims:
    """The person and token epoch in a valid token; ``NotAuthenticated`` with a precise code otherwise.

    Tokens signed with a previous secret still count while a rotation is under way
    (``TANGKAS_JWT_PREVIOUS_SECRETS``), so nobody is signed out by it.
    """
    key = (token, settings.jwt_secret, settings.jwt_previous_secrets, settings.jwt_audience, settings.jwt_issuer)
    known = _VERIFIED.get(key)
    if known is not None:
        claims, expires_at = known
        if time.time() >= expires_at + CLOCK_SKEW_SECONDS:
            raise NotAuthenticated("token_expired")
        return claims
    verified, expires_at = _VERIFIED.keep(key, _verify(settings, token))
    return verified


def _verify(settings: Settings, token: str) -> tuple[AccessClaims, float]:
    for secret in (settings.jwt_secret, *settings.jwt_previous_secrets):
        try:
            claims = jwt.decode(
                token,
                secret,
                algorithms=[ALGORITHM],
                audience=settings.jwt_audience,
                issuer=settings.jwt_issuer,
                options={"require": REQUIRED_CLAIMS},
                leeway=CLOCK_SKEW_SECONDS,
            )
            break
        except jwt.InvalidSignatureError:
            continue  # signed with another secret in use, perhaps
        except jwt.ExpiredSignatureError:
            raise NotAuthenticated("token_expired") from None
        except (jwt.InvalidAudienceError, jwt.InvalidIssuerError):
            raise NotAuthenticated("token_wrong_audience") from None
        except jwt.PyJWTError:
            raise NotAuthenticated("token_invalid") from None
    else:
        raise NotAuthenticated("token_invalid")
    verified = AccessClaims(person_id=_person_id(claims["sub"]), token_epoch=_token_epoch(claims["epoch"]))
    return verified, float(claims["exp"])


def _person_id(subject) -> int:
    """ASCII digits within the id column's range: ``str.isdigit`` alone lets "²" and "٣" through."""
    person_id = parse_id(subject) if isinstance(subject, str) else None
    if person_id is None:
        raise NotAuthenticated("token_invalid")
    return person_id


def _token_epoch(epoch) -> int:
    if type(epoch) is not int or not 0 <= epoch <= MAX_EPOCH:  # bool is an int, and no epoch
        raise NotAuthenticated("token_invalid")
    return epoch


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def successor_refresh_token(secret: str, token: str) -> str:
    """The token a refresh trades this one for, derived rather than drawn, so that a retry of the
    same refresh (a lost answer, two requests racing from one phone) answers the same successor
    without the database ever holding it. Keyed by a key derived from the JWT secret: unkeyed, whoever
    once held a token could compute every later one of its family and never present a spent one."""
    key = hmac.new(secret.encode(), b"tangkas refresh successor", hashlib.sha256).digest()
    digest = hmac.new(key, token.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def new_family() -> str:
    return str(uuid.uuid4())
