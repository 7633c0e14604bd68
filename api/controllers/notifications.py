"""The caller's in-app inbox."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from api.http.paging import encode_cursor, page_request
from api.http.params import Cursor, Limit
from api.schemas.rewards import MarkReadIn
from gamification.notifications.inbox import Notifications, NotificationView


class NotificationsOut(msgspec.Struct):
    items: list[NotificationView]
    unread: int
    next_cursor: str | None


class MarkedOut(msgspec.Struct):
    marked: int


class NotificationController(Controller):
    path = "/api/v1/me/notifications"
    tags = ["me"]

    @get("/")
    async def list(
        self,
        request: Request,
        notifications: NamedDependency[Notifications],
        unread: Annotated[bool, QueryParameter(description="Only the unread ones")] = False,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> NotificationsOut:
        """Decisions, new badges and level-ups, newest first, with the number still unread."""
        page = await notifications.list(request.user, page_request(cursor, limit), unread)
        return NotificationsOut(page.items, await notifications.unread(request.user), encode_cursor(page.next_after_id))

    @post("/read", status_code=200, opt={"audit": False})
    async def mark_read(
        self, request: Request, data: JSONBody[MarkReadIn], notifications: NamedDependency[Notifications]
    ) -> MarkedOut:
        """Marks the given notifications read (``ids``; all of them when omitted)."""
        return MarkedOut(await notifications.mark_read(request.user, data.ids))
