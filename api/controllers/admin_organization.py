"""Regions, agencies and units: each region's structure, kept by its admins."""

from __future__ import annotations

from litestar import Controller, Request, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from api.http.guards import admin_guard
from api.http.paging import ListResponse, list_response, page_request
from api.http.params import Cursor, Limit, OptionalId, PathId
from api.schemas.organization import AgencyCreate, NameUpdate, RegionCreate, RegionUpdate, UnitCreate
from gamification.organization.structure import AgencyView, OrganizationService, RegionView, UnitView


class RegionController(Controller):
    path = "/api/v1/admin/regions"
    tags = ["admin"]
    guards = [admin_guard]

    @post("/")
    async def create(
        self, request: Request, data: JSONBody[RegionCreate], organization_service: NamedDependency[OrganizationService]
    ) -> RegionView:
        """Create a region (tenant). Superadmin only."""
        return await organization_service.create_region(request.user, data.name, data.slug, data.timezone)

    @get("/")
    async def list(
        self,
        request: Request,
        organization_service: NamedDependency[OrganizationService],
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[RegionView]:
        """Regions the caller administers."""
        return list_response(await organization_service.list_regions(request.user, page_request(cursor, limit)))

    @get("/{region_id:int}")
    async def read(
        self, request: Request, region_id: FromPath[PathId], organization_service: NamedDependency[OrganizationService]
    ) -> RegionView:
        return await organization_service.get_region(request.user, region_id)

    @patch("/{region_id:int}")
    async def update(
        self,
        request: Request,
        region_id: FromPath[PathId],
        data: JSONBody[RegionUpdate],
        organization_service: NamedDependency[OrganizationService],
    ) -> RegionView:
        """Rename a region or change its time zone."""
        return await organization_service.update_region(request.user, region_id, data.name, data.timezone)


class AgencyController(Controller):
    path = "/api/v1/admin/agencies"
    tags = ["admin"]
    guards = [admin_guard]

    @post("/")
    async def create(
        self, request: Request, data: JSONBody[AgencyCreate], organization_service: NamedDependency[OrganizationService]
    ) -> AgencyView:
        """Create an agency (OPD) in a region."""
        return await organization_service.create_agency(request.user, data.region_id, data.name)

    @get("/")
    async def list(
        self,
        request: Request,
        organization_service: NamedDependency[OrganizationService],
        region_id: OptionalId = None,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[AgencyView]:
        return list_response(
            await organization_service.list_agencies(request.user, region_id, page_request(cursor, limit))
        )

    @get("/{agency_id:int}")
    async def read(
        self, request: Request, agency_id: FromPath[PathId], organization_service: NamedDependency[OrganizationService]
    ) -> AgencyView:
        return await organization_service.get_agency(request.user, agency_id)

    @patch("/{agency_id:int}")
    async def update(
        self,
        request: Request,
        agency_id: FromPath[PathId],
        data: JSONBody[NameUpdate],
        organization_service: NamedDependency[OrganizationService],
    ) -> AgencyView:
        return await organization_service.update_agency(request.user, agency_id, data.name)


class UnitController(Controller):
    path = "/api/v1/admin/units"
    tags = ["admin"]
    guards = [admin_guard]

    @post("/")
    async def create(
        self, request: Request, data: JSONBody[UnitCreate], organization_service: NamedDependency[OrganizationService]
    ) -> UnitView:
        """Create a unit in an agency, optionally under a parent unit of the same agency."""
        return await organization_service.create_unit(request.user, data.agency_id, data.parent_id, data.name)

    @get("/")
    async def list(
        self,
        request: Request,
        organization_service: NamedDependency[OrganizationService],
        agency_id: OptionalId = None,
        region_id: OptionalId = None,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[UnitView]:
        page = page_request(cursor, limit)
        return list_response(await organization_service.list_units(request.user, agency_id, region_id, page))

    @get("/{unit_id:int}")
    async def read(
        self, request: Request, unit_id: FromPath[PathId], organization_service: NamedDependency[OrganizationService]
    ) -> UnitView:
        return await organization_service.get_unit(request.user, unit_id)

    @patch("/{unit_id:int}")
    async def update(
        self,
        request: Request,
        unit_id: FromPath[PathId],
        data: JSONBody[NameUpdate],
        organization_service: NamedDependency[OrganizationService],
    ) -> UnitView:
        return await organization_service.update_unit(request.user, unit_id, data.name)
