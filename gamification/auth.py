"""Sign-in, refresh-token rotation with family revocation, sign-out, and the acting person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor
from domain.errors import Forbidden, NotAuthenticated
from domain.roles import parse_roles
from gamification.config import Settings
from gamification.database import unit_of_work
from gamification.login_throttle import LoginThrottle
from gamification.passwords import verify_password
from gamification.tables import Person, RefreshToken
from gamification.tokens import (
    hash_refresh_token,
    issue_access_token,
    new_family,
    new_refresh_token,
    read_access_token,
)


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "Bearer"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class AuthService:
    def __init__(self, settings: Settings, throttle: LoginThrottle) -> None:
        self._settings = settings
        self._throttle = throttle

    async def login(self, login: str, password: str, address: str) -> TokenPair:
        """Sign in with a NIP or an email; wrong guesses are throttled per account and address."""
        await self._throttle.check(login, address)
        person = await _find_by_login(login)
        if not await verify_password(person["password_hash"] if person else None, password):
            await self._throttle.failed(login, address)
            raise NotAuthenticated("login_failed")
        if not person["active"]:
            raise Forbidden("account_deactivated")
        await self._throttle.succeeded(login)
        async with unit_of_work():
            return await self._issue(person["id"], new_family())

    async def refresh(self, refresh_token: str) -> TokenPair:
        """Rotate: the presented token is spent and a new pair issued in the same family."""
        now = _now()
        token_hash = hash_refresh_token(refresh_token)
        async with unit_of_work():
            spent = (
                await RefreshToken.update({RefreshToken.rotated_at: now, RefreshToken.revoked_at: now})
                .where(
                    (RefreshToken.token_hash == token_hash)
                    & RefreshToken.revoked_at.is_null()
                    & (RefreshToken.expires_at > now)
                )
                .returning(RefreshToken.person, RefreshToken.family)
            )
            if spent:
                await _require_active(spent[0]["person"])
                return await self._issue(spent[0]["person"], spent[0]["family"])
            known = await RefreshToken.select().where(RefreshToken.token_hash == token_hash).first()
            if known is None or known["rotated_at"] is None:
                raise NotAuthenticated("refresh_token_invalid")
            now = _now()  # read after the rotation we raced with, so elapsed time is never negative
            if await self._is_retry(known, now):
                await _revoke_family(known["family"], now)
                await _require_active(known["person"])
                return await self._issue(known["person"], known["family"])
            await _revoke_family(known["family"], now)
        raise NotAuthenticated("refresh_token_reused")

    async def logout(self, actor: Actor, refresh_token: str | None) -> None:
        """Revoke the family of the given refresh token, or every session of the person."""
        now = _now()
        async with unit_of_work():
            if refresh_token is None:
                await end_sessions(actor.person_id, now)
                return
            known = (
                await RefreshToken.select(RefreshToken.family, RefreshToken.person)
                .where(RefreshToken.token_hash == hash_refresh_token(refresh_token))
                .first()
            )
            if known is None or known["person"] != actor.person_id:
                raise NotAuthenticated("refresh_token_invalid")
            await _revoke_family(known["family"], now)

    async def actor_for(self, access_token: str) -> Actor:
        return await load_actor(read_access_token(self._settings, access_token))

    async def _is_retry(self, known: dict, now: dt.datetime) -> bool:
        """A resend soon after rotation, while the family is still signed in, is a lost answer."""
        if now - known["rotated_at"] >= dt.timedelta(seconds=self._settings.refresh_retry_grace_seconds):
            return False
        return await RefreshToken.exists().where(
            (RefreshToken.family == known["family"])
            & RefreshToken.revoked_at.is_null()
            & (RefreshToken.expires_at > now)
        )

    async def _issue(self, person_id: int, family: str) -> TokenPair:
        now = _now()
        refresh_token = new_refresh_token()
        await RefreshToken.insert(
            RefreshToken(
                person=person_id,
                family=family,
                token_hash=hash_refresh_token(refresh_token),
                issued_at=now,
                expires_at=now + dt.timedelta(days=self._settings.refresh_token_days),
            )
        )
        return TokenPair(
            access_token=issue_access_token(self._settings, person_id, now),
            refresh_token=refresh_token,
            expires_in=self._settings.access_token_seconds,
        )


async def load_actor(person_id: int) -> Actor:
    """The acting person, read fresh on every request so that a deactivation bites at once."""
    row = (
        await Person.select(
            Person.id, Person.roles, Person.region, Person.unit, Person.unit.path, Person.unit.agency, Person.active
        )
        .where(Person.id == person_id)
        .first()
    )
    if row is None or not row["active"]:
        raise NotAuthenticated("account_unavailable")
    return Actor(
        person_id=row["id"],
        roles=parse_roles(row["roles"]),
        region_id=row["region"],
        unit_id=row["unit"],
        unit_path=row["unit.path"],
        agency_id=row["unit.agency"],
    )


async def _find_by_login(login: str) -> dict | None:
    login = login.strip()
    column = Person.email if "@" in login else Person.nip
    value = login.lower() if "@" in login else login.replace(" ", "")
    return await Person.select(Person.id, Person.password_hash, Person.active).where(column == value).first()


async def _require_active(person_id: int) -> None:
    if not await Person.exists().where((Person.id == person_id) & (Person.active == True)):  # noqa: E712
        raise NotAuthenticated("account_unavailable")


async def end_sessions(person_id: int, now: dt.datetime) -> None:
    """Revoke every refresh token of a person: sign-out everywhere, deactivation, new password."""
    await RefreshToken.update({RefreshToken.revoked_at: now}).where(
        (RefreshToken.person == person_id) & RefreshToken.revoked_at.is_null()
    )


async def _revoke_family(family: str, now: dt.datetime) -> None:
    await RefreshToken.update({RefreshToken.revoked_at: now}).where(
        (RefreshToken.family == family) & RefreshToken.revoked_at.is_null()
    )
