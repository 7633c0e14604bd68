"""The issuing region's admin revokes a credential (found undeserved, issued in error) with a reason in their
own words, and finds the credentials a person holds.

A region admin reaches the credentials their region issued, a superadmin every region's; another region's do
not exist for them (404). Nobody revokes their own credential here, not even an admin of its region
(``403 self_decision``, like every decision about oneself): a holder who wants a credential gone stops sharing
it. Revoking sets the status list bit, ends the share link and tells the holder in their inbox; revoked
already (by anyone, for any reason), the credential answers as it stands and nobody is told twice."""

from __future__ import annotations

import datetime as dt

from domain.access import Actor
from domain.credential_revocation import ADMIN_REVOKED, check_revocation_reason
from domain.errors import Forbidden, NotFound
from gamification.credentials.holdings import HeldCredential, held, held_view, load
from gamification.notifications.inbox import notify
from gamification.storage.database import unit_of_work
from gamification.storage.pagination import Page, PageRequest
from gamification.storage.tables import IssuedCredential, Person


class CredentialRevocations:
    async def revoke(self, actor: Actor, credential_id: int, reason: str) -> HeldCredential:
        row = await load(credential_id)
        if row is None or not actor.administers(row["region"]):
            raise NotFound("credential_not_found")
        if row["person"] == actor.person_id:
            raise Forbidden("self_decision")
        reason = check_revocation_reason(reason)
        if row["revoked_at"] is not None:
            return held_view(row)
        async with unit_of_work():
            revoked = (
                await IssuedCredential.update(
                    {
                        IssuedCredential.revoked_at: dt.datetime.now(dt.UTC),
                        IssuedCredential.revoked_reason: ADMIN_REVOKED,
                        IssuedCredential.revoked_note: reason,
                        IssuedCredential.share_digest: None,  # the link stops working
                    }
                )
                .where(_same_thing(row), IssuedCredential.revoked_at.is_null())
                .returning(IssuedCredential.id)
            )
            if credential_id in {r["id"] for r in revoked}:  # a racing revocation that lost tells nobody
                view = held_view(row)
                title = f"Kredensial “{view.title}” dicabut" if view.title else "Kredensial Anda dicabut"
                await notify(row["person"], "credential_revoked", title, reason, credential=credential_id)
        return held_view(await load(credential_id))

    async def held_by(self, actor: Actor, person_id: int, page: PageRequest) -> Page[HeldCredential]:
        """The person's credentials the caller's region issued (a superadmin: every region's), newest first. The
        person is found when they belong to the caller's region or hold a credential it issued."""
        person = await Person.select(Person.region).where(Person.id == person_id).first()
        if person is None:
            raise NotFound("user_not_found")
        where = [IssuedCredential.person == person_id]
        if not actor.is_superadmin:
            where.append(IssuedCredential.region == actor.region_id)
        if not actor.administers(person["region"]) and not await IssuedCredential.exists().where(*where):
            raise NotFound("user_not_found")
        return await held(where, page)


def _same_thing(row: dict):
    """The credential and any other of the same award, certificate or event the same region issued (signed under
    another of its keys, before or after a rotation): what the admin found undeserved is the thing, so no copy of
    it stays valid."""
    where = IssuedCredential.id == row["id"]
    for column in (IssuedCredential.person_badge, IssuedCredential.certificate, IssuedCredential.event_registration):
        if row[column._meta.name] is not None:
            where = where | ((column == row[column._meta.name]) & (IssuedCredential.region == row["region"]))
    return where
