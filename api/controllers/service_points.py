"""Service points: a unit's managers and its region's admins publish services for citizens; each ASN decides
whether citizens may name them."""

from __future__ import annotations

from litestar import Controller, Request, Response, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import JSONBody

from api.http.paging import ListResponse, list_response, page_request
from api.http.params import Cursor, Limit, OptionalId, PathId
from api.schemas.service_points import CitizenNamingIn, ServicePointIn, ServicePointUpdate
from gamification.service_points.points import ServicePoints, SiteCode
from gamification.service_points.records import ServicePointView
from gamification.service_points.staff import CitizenNaming, CitizenNamingView

Points = NamedDependency[ServicePoints]


class ServicePointController(Controller):
    path = "/api/v1/service-points"
    tags = ["service points"]

    @post("/")
    async def create(
        self, request: Request, data: JSONBody[ServicePointIn], service_points: Points
    ) -> ServicePointView:
        """A service of a unit in the caller's scope (a manager's units, an admin's region), with its public link
        ``public_path``. ``requires_site_code``: answers need the code shown at the counter that day."""
        return await service_points.create(request.user, data.unit_id, data.fields())

    @get("/")
    async def list(
        self,
        request: Request,
        service_points: Points,
        unit_id: OptionalId = None,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[ServicePointView]:
        """The service points in the caller's reach, optionally of one unit."""
        return list_response(await service_points.list(request.user, unit_id, page_request(cursor, limit)))

    @get("/{point_id:int}")
    async def read(self, request: Request, point_id: PathId, service_points: Points) -> ServicePointView:
        """One service point in the caller's reach."""
        return await service_points.get(request.user, point_id)

    @patch("/{point_id:int}")
    async def update(
        self, request: Request, point_id: PathId, data: JSONBody[ServicePointUpdate], service_points: Points
    ) -> ServicePointView:
        """Changes the fields sent; ``active: false`` takes the public form down (404) until made active again."""
        return await service_points.update(request.user, point_id, data.changes())

    @post("/{point_id:int}/link", status_code=200)
    async def renew_link(self, request: Request, point_id: PathId, service_points: Points) -> ServicePointView:
        """A new public link (and site-code secret): the old link and its QR codes stop working at once."""
        return await service_points.renew_link(request.user, point_id)

    @get("/{point_id:int}/site-code")
    async def site_code(self, request: Request, point_id: PathId, service_points: Points) -> SiteCode:
        """Today's 6-digit code (the region's calendar) and the link that carries it, for the counter's QR."""
        return await service_points.site_code(request.user, point_id, str(request.base_url))

    @get("/{point_id:int}/qr.svg", media_type="image/svg+xml", opt={"media_types": ("image/svg+xml",)})
    async def qr(self, request: Request, point_id: PathId, service_points: Points) -> Response[bytes]:
        """The link as a printable SVG QR code; with a site code it holds today's and is good for today only."""
        svg = await service_points.qr_svg(request.user, point_id, str(request.base_url))
        return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "no-store"})


class CitizenNamingController(Controller):
    path = "/api/v1/me/citizen-naming"
    tags = ["me"]

    @get("/")
    async def read(self, request: Request, citizen_naming: NamedDependency[CitizenNaming]) -> CitizenNamingView:
        """Whether citizens may name the caller (by first name) as the one who served them."""
        return await citizen_naming.get(request.user)

    @put("/", opt={"audit": False})
    async def set(
        self, request: Request, data: JSONBody[CitizenNamingIn], citizen_naming: NamedDependency[CitizenNaming]
    ) -> CitizenNamingView:
        """The caller's own choice: opted in, their first name is listed on the surveys of their unit's services."""
        return await citizen_naming.set(request.user, data.opt_in)
