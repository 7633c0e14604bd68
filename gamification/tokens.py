"""Access tokens (short-lived JWT, HS256 pinned) and opaque refresh tokens stored as hashes."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid

import jwt

from domain.errors import NotAuthenticated
from domain.ids import parse_id
from gamification.config import Settings

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ["exp", "iat", "sub", "iss", "aud", "jti"]


def issue_access_token(settings: Settings, person_id: int, now: dt.datetime) -> str:
    claims = {
        "sub": str(person_id),
        "iat": now,
        "exp": now + dt.timedelta(seconds=settings.access_token_seconds),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=ALGORITHM)


def read_access_token(settings: Settings, token: str) -> int:
    """The person id in a valid token; ``NotAuthenticated`` with a precise code otherwise.

    Tokens signed with a previous secret still count while a rotation is under way
    (``TANGKAS_JWT_PREVIOUS_SECRETS``), so nobody is signed out by it.
    """
    for secret in (settings.jwt_secret, *settings.jwt_previous_secrets):
        try:
            claims = jwt.decode(
                token,
                secret,
                algorithms=[ALGORITHM],
                audience=settings.jwt_audience,
                issuer=settings.jwt_issuer,
                options={"require": REQUIRED_CLAIMS},
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
    person_id = parse_id(claims["sub"]) if isinstance(claims["sub"], str) else None
    if person_id is None:
        raise NotAuthenticated("token_invalid")
    return person_id


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_family() -> str:
    return str(uuid.uuid4())
