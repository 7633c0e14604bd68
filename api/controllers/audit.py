"""The audit log of admin and manager actions, for the admins of a region."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from api.http.guards import admin_guard
from api.http.paging import ListResponse, list_response, page_request
from api.http.params import Cursor, Limit, OptionalId
from gamification.organization.audit import AuditEntry, AuditLog

Action = Annotated[
    str | None,
    QueryParameter(
        max_length=160, description='Exactly one action, e.g. "POST /api/v1/admin/users/{user_id}/deactivate"'
    ),
]


class AuditController(Controller):
    path = "/api/v1/admin/audit"
    tags = ["admin"]
    guards = [admin_guard]

    @get("/")
    async def list(
        self,
        request: Request,
        audit_log: NamedDependency[AuditLog],
        region_id: OptionalId = None,
        action: Action = None,
        actor_id: OptionalId = None,
        cursor: Cursor = None,
        limit: Limit = 50,
    ) -> ListResponse[AuditEntry]:
        """Who changed what and from where, newest first: the caller's region (a superadmin: any, or all)."""
        page = page_request(cursor, limit)
        return list_response(await audit_log.list(request.user, region_id, page, action, actor_id))
