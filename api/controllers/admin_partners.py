"""Partners admitted by a region to author modules for it."""

from __future__ import annotations

from litestar import Controller, Request, delete, get, put
from litestar.di import NamedDependency
from litestar.params import FromPath

from api.http.guards import admin_guard
from api.http.params import PathId
from gamification.organization.partners import Admission, PartnerAdmissions


class PartnerAdmissionController(Controller):
    path = "/api/v1/admin/regions/{region_id:int}/partners"
    tags = ["admin"]
    guards = [admin_guard]

    @get("/")
    async def list(
        self, request: Request, region_id: FromPath[PathId], partner_admissions: NamedDependency[PartnerAdmissions]
    ) -> list[Admission]:
        return await partner_admissions.list(request.user, region_id)

    @put("/{partner_id:int}")
    async def admit(
        self,
        request: Request,
        region_id: FromPath[PathId],
        partner_id: FromPath[PathId],
        partner_admissions: NamedDependency[PartnerAdmissions],
    ) -> Admission:
        """Admit a partner account to author modules for this region (idempotent)."""
        return await partner_admissions.admit(request.user, region_id, partner_id)

    @delete("/{partner_id:int}")
    async def revoke(
        self,
        request: Request,
        region_id: FromPath[PathId],
        partner_id: FromPath[PathId],
        partner_admissions: NamedDependency[PartnerAdmissions],
    ) -> None:
        await partner_admissions.revoke(request.user, region_id, partner_id)
