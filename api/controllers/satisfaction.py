"""The citizens' satisfaction index (IKM) of a service, unit, agency or region, as JSON or CSV; unit badges."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from api.http.guards import admin_guard
from api.http.params import PathId
from api.schemas.satisfaction import UnitBadgePreviewIn
from domain.ids import MAX_ID
from domain.ikm_access import parse_ikm_scope
from domain.skm import parse_survey_period
from gamification.satisfaction.ikm import IkmReport, SatisfactionIndex
from gamification.satisfaction.unit_badges import UnitBadgePreview, UnitBadges, UnitBadgeView

# "scope" is a reserved name in Litestar handlers: the parameter is named apart from its query key.
Scope = Annotated[
    str,
    QueryParameter(name="scope", max_length=20, description="service, unit (with the units below), agency or region"),
]
ScopeId = Annotated[int, QueryParameter(ge=1, le=MAX_ID, description="The service point, unit, agency or region")]
Period = Annotated[str, QueryParameter(max_length=20, description="month, quarter (the default) or year")]
At = Annotated[
    str | None,
    QueryParameter(max_length=10, description="2026-12, 2026-Q4 or 2026; default: today on the region's calendar"),
]
Index = NamedDependency[SatisfactionIndex]


class SatisfactionController(Controller):
    path = "/api/v1"
    tags = ["satisfaction"]

    @get("/ikm")
    async def ikm(
        self,
        request: Request,
        satisfaction_index: Index,
        ikm_scope: Scope,
        scope_id: ScopeId,
        period: Period = "quarter",
        at: At = None,
    ) -> IkmReport:
        """The IKM (PermenPANRB 14/2017) of a scope in the caller's reach for a month, quarter or year: each element's
        NRR and converted value, the answers, the sample the regulation asks and the grade."""
        return await satisfaction_index.report(
            request.user, parse_ikm_scope(ikm_scope), scope_id, parse_survey_period(period), at
        )

    @get("/ikm.csv", media_type="text/csv", opt={"audit": True})
    async def ikm_csv(
        self,
        request: Request,
        satisfaction_index: Index,
        ikm_scope: Scope,
        scope_id: ScopeId,
        period: Period = "quarter",
        at: At = None,
    ) -> Response[str]:
        """The IKM as CSV (UTF-8, Indonesian headers): one row per service point of the scope, then the whole."""
        body = await satisfaction_index.report_csv(
            request.user, parse_ikm_scope(ikm_scope), scope_id, parse_survey_period(period), at
        )
        headers = {"Content-Disposition": 'attachment; filename="ikm.csv"', "Cache-Control": "no-store"}
        return Response("\ufeff" + body, media_type="text/csv; charset=utf-8", headers=headers)

    @get("/units/{unit_id:int}/badges")
    async def unit_badges(
        self, request: Request, unit_id: PathId, unit_badges: NamedDependency[UnitBadges]
    ) -> list[UnitBadgeView]:
        """The badges a unit earned for its service, newest first, for whoever may see its IKM."""
        return await unit_badges.of_unit(request.user, unit_id)


class UnitBadgeAdminController(Controller):
    path = "/api/v1/admin/unit-badges"
    tags = ["admin"]
    guards = [admin_guard]

    @post("/preview", status_code=200)
    async def preview(
        self, request: Request, data: JSONBody[UnitBadgePreviewIn], unit_badges: NamedDependency[UnitBadges]
    ) -> UnitBadgePreview:
        """Which units would earn a unit badge (an existing ``code``, or ``criteria`` such as ``{"kind": "unit_service",
        "element": "U7", "min": 3.5, "period": "quarter", "min_answers": 30}``) for a period; awards nothing."""
        return await unit_badges.preview(request.user, **msgspec.structs.asdict(data))
