"""Sign-in, refresh-token rotation with family revocation, sign-out, and the acting person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from domain.access import Actor
from domain.errors import NotAuthenticated
from domain.logins import is_email_login, is_nip_login, normalise_login
from domain.roles import parse_roles
from gamification.identity.login_throttle import LoginThrottle
from gamification.identity.passwords import verify_password
from gamification.identity.tokens import (
    hash_refresh_token,
    issue_access_token,
    new_family,
    new_refresh_token,
    read_access_token,
    successor_refresh_token,
)
from gamification.storage.database import unit_of_work
from gamification.storage.reach import agency_top_paths
from gamification.storage.settings import Settings
from gamification.storage.tables import Person, RefreshToken


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
        login = normalise_login(login)
        person = await _find_by_login(login)
        account = f"person:{person['id']}" if person else f"login:{login}"  # a NIP and an email: one budget
        await self._throttle.attempt(account, address)
        right = await verify_password(person["password_hash"] if person else None, password)
        if not right or not person["active"]:
            # a deactivated account answers as a wrong password does: the right one must not tell
            # a guesser it was right
            raise NotAuthenticated("login_failed")
        await self._throttle.succeeded(account, address)
        async with unit_of_work():
            return await self._issue(person["id"], new_family(), person["token_epoch"], new_refresh_token())

    async def refresh(self, refresh_token: str) -> TokenPair:
        """Rotate: the presented token is spent for its successor in the same family.

        Presented again within the grace, while that successor is still unused (an answer lost on the
        way, two requests racing from one phone), it answers the same successor rather than a fork:
        every holder ends up with the family's one live token, and whoever comes back with a spent one
        after another holder moved on is caught. Any other use of a spent token is reuse and ends
        the family.
        """
        token_hash = hash_refresh_token(refresh_token)
        async with unit_of_work():
            spent = await _spend(token_hash, _now())
            if spent:
                epoch = await _session_epoch(spent["person"], spent["token_epoch"])
                successor = successor_refresh_token(self._settings.jwt_secret, refresh_token)
                return await self._issue(spent["person"], spent["family"], epoch, successor)
            known = await RefreshToken.select().where(RefreshToken.token_hash == token_hash).first()
            if known is None or known["rotated_at"] is None:
                raise NotAuthenticated("refresh_token_invalid")
            now = _now()  # read after the rotation we raced with, so elapsed time is never negative
            successor = await self._unused_successor(refresh_token, known, now)
            if successor is not None:
                epoch = await _session_epoch(known["person"], known["token_epoch"])
                return self._pair(known["person"], epoch, successor, now)
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
        claims = read_access_token(self._settings, access_token)
        return await load_actor(claims.person_id, token_epoch=claims.token_epoch)

    def caller_of(self, access_token: str) -> TokenCaller:
        """The token's person without reading them: for the routes that read the caller with their answer."""
        claims = read_access_token(self._settings, access_token)
        return TokenCaller(claims.person_id, claims.token_epoch)

    async def _unused_successor(self, refresh_token: str, known: dict, now: dt.datetime) -> str | None:
        """The successor a spent token was traded for, if the trade is recent and it is still unused."""
        if now - known["rotated_at"] >= dt.timedelta(seconds=self._settings.refresh_retry_grace_seconds):
            return None
        # derived with the secret of the time: the secret may have been rotated since
        candidates = {
            hash_refresh_token(token): token
            for token in (
                successor_refresh_token(secret, refresh_token)
                for secret in (self._settings.jwt_secret, *self._settings.jwt_previous_secrets)
            )
        }
        live = (
            await RefreshToken.select(RefreshToken.token_hash)
            .where(
                RefreshToken.token_hash.is_in(list(candidates))
                & (RefreshToken.family == known["family"])
                & RefreshToken.revoked_at.is_null()
                & (RefreshToken.expires_at > now)
            )
            .first()
        )
        return candidates[live["token_hash"]] if live else None

    async def _issue(self, person_id: int, family: str, token_epoch: int, refresh_token: str) -> TokenPair:
        now = _now()
        await RefreshToken.insert(
            RefreshToken(
                person=person_id,
                family=family,
                token_hash=hash_refresh_token(refresh_token),
                token_epoch=token_epoch,
                issued_at=now,
                expires_at=now + dt.timedelta(days=self._settings.refresh_token_days),
            )
        )
        return self._pair(person_id, token_epoch, refresh_token, now)

    def _pair(self, person_id: int, token_epoch: int, refresh_token: str, now: dt.datetime) -> TokenPair:
        return TokenPair(
            access_token=issue_access_token(self._settings, person_id, now, token_epoch),
            refresh_token=refresh_token,
            expires_in=self._settings.access_token_seconds,
        )


async def load_actor(person_id: int, *, token_epoch: int) -> Actor:
    """The acting person, read fresh on every request so that a deactivation bites at once; an access
    token issued before the person's sessions were ended (an older epoch) is refused."""
    row = (
        await Person.select(
            Person.id,
            Person.roles,
            Person.region,
            Person.unit,
            Person.unit.path.as_alias("unit_path"),
            Person.unit.agency.as_alias("agency"),
            Person.active,
            Person.token_epoch,
        )
        .where(Person.id == person_id)
        .first()
    )
    return await actor_of_row(row, TokenCaller(person_id, token_epoch))


@dataclass(frozen=True, slots=True)
class TokenCaller:
    """A verified access token's person, not read yet: a hot route reads the person together with its
    own answer, in one statement, and makes the ``Actor`` with ``actor_of_row``."""

    person_id: int
    token_epoch: int


async def actor_of_row(row: dict | None, caller: TokenCaller) -> Actor:
    """The actor from a person row (id, roles, region, unit, unit_path, agency, active, token_epoch),
    refused as ``load_actor`` refuses it."""
    refuse_unless_current(row, caller)
    actor = Actor(
        person_id=row["id"],
        roles=parse_roles(row["roles"]),
        region_id=row["region"],
        unit_id=row["unit"],
        unit_path=row["unit_path"],
        agency_id=row["agency"],
    )
    if actor.heads_agency and actor.agency_id is not None:  # one more read, for the heads of agencies only
        return replace(actor, agency_paths=await agency_top_paths(actor.agency_id))
    return actor


def refuse_unless_current(row: dict | None, caller: TokenCaller) -> None:
    """A deactivated or erased person, or a token older than the person's last "end every session", is refused."""
    if row is None or not row["active"]:
        raise NotAuthenticated("account_unavailable")
    if row["token_epoch"] != caller.token_epoch:
        raise NotAuthenticated("token_revoked")


async def _find_by_login(login: str) -> dict | None:
    """The person a normalised login (``domain.logins``) names, if any."""
    if is_email_login(login):
        column = Person.email
    elif is_nip_login(login):
        column = Person.nip
    else:
        return None
    return await (
        Person.select(Person.id, Person.password_hash, Person.active, Person.token_epoch).where(column == login).first()
    )


async def _spend(token_hash: str, now: dt.datetime) -> dict | None:
    """Mark a live token rotated, atomically: of two requests racing with one token, one spends it."""
    spent = (
        await RefreshToken.update({RefreshToken.rotated_at: now, RefreshToken.revoked_at: now})
        .where(
            (RefreshToken.token_hash == token_hash)
            & RefreshToken.revoked_at.is_null()
            & (RefreshToken.expires_at > now)
        )
        .returning(RefreshToken.person, RefreshToken.family, RefreshToken.token_epoch)
    )
    return spent[0] if spent else None


async def _session_epoch(person_id: int, token_epoch: int) -> int:
    """The epoch a refreshed session goes on with: the person must be active and their sessions not
    ended since the token was issued (a sign-out everywhere racing this refresh ends it too)."""
    row = await Person.select(Person.active, Person.token_epoch).where(Person.id == person_id).first()
    if row is None or not row["active"]:
        raise NotAuthenticated("account_unavailable")
    if row["token_epoch"] != token_epoch:
        raise NotAuthenticated("refresh_token_invalid")
    return token_epoch


async def end_sessions(person_id: int, now: dt.datetime) -> None:
    """End every session of a person, refresh and access tokens alike: sign-out everywhere,
    deactivation, a new password."""
    await _raise_token_epoch(person_id)
    await RefreshToken.update({RefreshToken.revoked_at: now}).where(
        (RefreshToken.person == person_id) & RefreshToken.revoked_at.is_null()
    )


async def _raise_token_epoch(person_id: int) -> None:
    await Person.update({Person.token_epoch: Person.token_epoch + 1}).where(Person.id == person_id)


async def _revoke_family(family: str, now: dt.datetime) -> None:
    await RefreshToken.update({RefreshToken.revoked_at: now}).where(
        (RefreshToken.family == family) & RefreshToken.revoked_at.is_null()
    )
