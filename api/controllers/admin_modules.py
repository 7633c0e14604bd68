"""Authoring modules: admins of a region, partners it admitted, and superadmins for national ones."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Request, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK

from api.http.guards import author_guard
from api.http.paging import ListResponse, list_response, page_request
from api.http.params import Cursor, Limit, OptionalId, PathId
from api.schemas.modules import ModuleWrite
from gamification.learning.authoring import AuthoredModule, AuthoredModuleItem, ModuleAuthoring

Status = Annotated[str | None, QueryParameter(max_length=12, description="draft, published or archived")]


class ModuleAuthoringController(Controller):
    path = "/api/v1/admin/modules"
    tags = ["admin"]
    guards = [author_guard]

    @post("/")
    async def create(
        self, request: Request, data: JSONBody[ModuleWrite], module_authoring: NamedDependency[ModuleAuthoring]
    ) -> AuthoredModule:
        """Create a draft. ``region_id`` defaults to the admin's region; a superadmin without one makes a national module."""
        return await module_authoring.create(request.user, data.content(), data.region_id)

    @get("/")
    async def list(
        self,
        request: Request,
        module_authoring: NamedDependency[ModuleAuthoring],
        status: Status = None,
        region_id: OptionalId = None,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[AuthoredModuleItem]:
        page = page_request(cursor, limit)
        return list_response(await module_authoring.list(request.user, page, status=status, region_id=region_id))

    @get("/{module_id:int}")
    async def read(
        self, request: Request, module_id: FromPath[PathId], module_authoring: NamedDependency[ModuleAuthoring]
    ) -> AuthoredModule:
        """The module with its answer key."""
        return await module_authoring.get(request.user, module_id)

    @put("/{module_id:int}")
    async def update(
        self,
        request: Request,
        module_id: FromPath[PathId],
        data: JSONBody[ModuleWrite],
        module_authoring: NamedDependency[ModuleAuthoring],
    ) -> AuthoredModule:
        """Replace the content. A draft changes in place; a published module gets a new version."""
        return await module_authoring.update(request.user, module_id, data.content())

    @post("/{module_id:int}/publish", status_code=HTTP_200_OK)
    async def publish(
        self, request: Request, module_id: FromPath[PathId], module_authoring: NamedDependency[ModuleAuthoring]
    ) -> AuthoredModule:
        """Put the module in the catalogue of its region (every region, for a national module)."""
        return await module_authoring.publish(request.user, module_id)

    @post("/{module_id:int}/archive", status_code=HTTP_200_OK)
    async def archive(
        self, request: Request, module_id: FromPath[PathId], module_authoring: NamedDependency[ModuleAuthoring]
    ) -> AuthoredModule:
        """Take the module out of the catalogue; attempts finished before still count when synced."""
        return await module_authoring.archive(request.user, module_id)
