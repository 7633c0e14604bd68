"""Each person's in-app inbox. A notification is written in the transaction of the event it tells
of (a decision, a badge, a level), so it exists exactly when the event does; the rows not yet
pushed (``pushed_at`` empty) are the outbox a push sender can read later."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor
from domain.errors import InvalidInput
from gamification.storage.database import unit_of_work
from gamification.storage.json_column import loaded
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.tables import Notification

MAX_MARKED = 100


@dataclass(frozen=True)
class NotificationView:
    id: int
    kind: str
    title: str
    body: str
    data: dict
    created_at: dt.datetime
    read_at: dt.datetime | None


async def notify(person_id: int, kind: str, title: str, body: str = "", **data) -> None:
    """Call inside the unit of work that records the event."""
    await notify_all([(person_id, kind, title, body, data)])


async def notify_all(notices: list[tuple[int, str, str, str, dict]]) -> None:
    """``notify`` for many (person, kind, title, body, data) in one statement."""
    if notices:
        await Notification.insert(
            *[
                Notification(person=p, kind=kind, title=title[:200], body=body, data=data)
                for p, kind, title, body, data in notices
            ]
        )


class Notifications:
    async def list(self, actor: Actor, page: PageRequest, unread_only: bool = False) -> Page[NotificationView]:
        """Newest first."""
        query = Notification.select().where(Notification.person == actor.person_id)
        if unread_only:
            query = query.where(Notification.read_at.is_null())
        if page.after_id is not None:
            query = query.where(Notification.id < page.after_id)
        rows = await query.order_by(Notification.id, ascending=False).limit(page.limit + 1)
        views = [
            NotificationView(
                r["id"], r["kind"], r["title"], r["body"], loaded(r["data"]), r["created_at"], r["read_at"]
            )
            for r in rows
        ]
        return page_of(views, page, lambda view: view.id)

    async def unread(self, actor: Actor) -> int:
        return await Notification.count().where(
            (Notification.person == actor.person_id) & Notification.read_at.is_null()
        )

    async def mark_read(self, actor: Actor, ids: list[int] | None) -> int:
        """Mark the given notifications (all when ``ids`` is None) of the caller read; others' ids change nothing."""
        if ids is not None and not 1 <= len(ids) <= MAX_MARKED:
            raise InvalidInput("notification_ids_count", max=MAX_MARKED)
        where = (Notification.person == actor.person_id) & Notification.read_at.is_null()
        if ids is not None:
            where &= Notification.id.is_in(ids)
        async with unit_of_work():
            marked = (
                await Notification.update({Notification.read_at: dt.datetime.now(dt.timezone.utc)})
                .where(where)
                .returning(Notification.id)
            )
        return len(marked)
