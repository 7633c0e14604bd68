"""The application, assembled in one place: engines, services, routes and error handling."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar, Request, Response
from litestar._openapi.plugin import OpenAPIPlugin
from litestar.datastructures import State
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, OpenAPI, SecurityScheme

from api.bootstrap import Tangkas, bootstrap
from api.controllers.admin_modules import ModuleAuthoringController
from api.controllers.admin_organization import AgencyController, RegionController, UnitController
from api.controllers.admin_partners import PartnerAdmissionController
from api.controllers.admin_points import HolidayController, LevelController, RuleController
from api.controllers.admin_users import UserController
from api.controllers.audit import AuditController
from api.controllers.auth import AuthController
from api.controllers.badges import BadgeAdminController, BadgeController
from api.controllers.certificates import (  # certificates
    CertificateController,
    CertificateImportController,
    CertificateQueueController,
)
from api.controllers.complaint_pages import ComplaintFormController, ComplaintStatusController  # complaints
from api.controllers.complaints import ComplaintController, PublicComplaintController  # complaints
from api.controllers.credential_pages import (
    CredentialVerifyPageController,
    SharedCredentialPageController,
)  # credentials
from api.controllers.credentials import (  # credentials
    CredentialAdminController,  # credentials: revoked by the issuing region's admin
    CredentialPublicController,
    IssuerKeyAdminController,
    MyCredentialController,
    MyCredentialSharingController,
    MyTrainingCredentialController,  # credentials: certificates and event completions
)
from api.controllers.devices import MyDevicesController  # push devices
from api.controllers.displays import DisplayAdminController, DisplayController, DisplayPageController
from api.controllers.events import EventAdminController, EventController, MyEventsController  # events
from api.controllers.health import HealthController
from api.controllers.initiatives import InitiativeController
from api.controllers.leaderboards import LeaderboardController
from api.controllers.manager import ManagerController
from api.controllers.me import MeController
from api.controllers.metrics import MetricsController  # metrics
from api.controllers.modules import ModuleController
from api.controllers.notifications import NotificationController
from api.controllers.partners import PartnerController, PartnerOrgAdmissionController  # partners and xAPI
from api.controllers.rewards import (
    MyRedemptionsController,
    RedemptionController,
    RewardAdminController,
    RewardController,
)
from api.controllers.satisfaction import SatisfactionController, UnitBadgeAdminController  # satisfaction
from api.controllers.service_points import CitizenNamingController, ServicePointController  # service points
from api.controllers.survey_comments import SurveyCommentController  # moderation and praise
from api.controllers.surveys import PublicServiceController, SurveyPageController  # service points and surveys
from api.controllers.sync import SyncController
from api.controllers.transcripts import MyTranscriptController  # credentials: the JP transcript
from api.controllers.xapi import XapiAboutController, XapiStatementController  # partners and xAPI
from api.http.audit import AuditMiddleware
from api.http.errors import EXCEPTION_HANDLERS
from api.http.guards import EXCLUDE_KEY, PUBLIC_PATHS, BearerAuthMiddleware
from api.http.log_redaction import install as redact_logs
from api.http.metrics import MetricsMiddleware  # metrics
from api.http.nul_guard import refuse_nul_characters
from api.http.openapi import ClosedStructs, finish_document
from api.http.options import options_answer
from api.http.strict_input import (
    check_body_types,
    documented_query_names,
    refuse_loose_path_numbers,
    refuse_unknown_query_names,
)
from api.scheduler import build_scheduler
from gamification.storage.settings import Settings

CONTROLLERS = [
    HealthController,
    AuthController,
    MeController,
    RegionController,
    AgencyController,
    UnitController,
    UserController,
    PartnerAdmissionController,
    ModuleAuthoringController,
    ModuleController,
    SyncController,
    BadgeController,
    BadgeAdminController,
    RuleController,
    LevelController,
    HolidayController,
    LeaderboardController,
    DisplayAdminController,
    DisplayController,
    DisplayPageController,
    NotificationController,
    RewardAdminController,
    RewardController,
    RedemptionController,
    MyRedemptionsController,
    InitiativeController,
    ManagerController,
    AuditController,
    # certificates
    CertificateController,
    CertificateQueueController,
    CertificateImportController,
    # events
    EventAdminController,
    EventController,
    MyEventsController,
    # partners and xAPI
    PartnerController,
    PartnerOrgAdmissionController,
    XapiAboutController,
    XapiStatementController,
    # satisfaction
    SatisfactionController,
    UnitBadgeAdminController,
    # moderation and praise
    SurveyCommentController,
    # service points and surveys
    ServicePointController,
    CitizenNamingController,
    PublicServiceController,
    SurveyPageController,
    # complaints
    PublicComplaintController,
    ComplaintController,
    ComplaintFormController,
    ComplaintStatusController,
    # metrics
    MetricsController,
    # push devices
    MyDevicesController,
    # credentials
    MyCredentialController,
    MyCredentialSharingController,
    CredentialPublicController,
    IssuerKeyAdminController,
    CredentialVerifyPageController,  # credentials: the pages for people
    SharedCredentialPageController,
    # credentials: certificates and event completions
    MyTrainingCredentialController,
    MyTranscriptController,  # credentials: the JP transcript
    CredentialAdminController,  # credentials: revoked by the issuing region's admin
]


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or Settings.from_env()
    redact_logs()
    parts = _Parts(bootstrap(settings))

    app = Litestar(
        route_handlers=CONTROLLERS,
        lifespan=[parts.lifespan],
        state=State(parts.state()),
        dependencies={name: Provide(parts.provider(name), sync_to_thread=False) for name in parts.tangkas.services},
        middleware=[
            MetricsMiddleware(),  # metrics: outermost, so refusals by the others are counted too
            DefineMiddleware(BearerAuthMiddleware, exclude=PUBLIC_PATHS, exclude_from_auth_key=EXCLUDE_KEY),
            AuditMiddleware(),
        ],
        plugins=[ClosedStructs()],
        exception_handlers=EXCEPTION_HANDLERS,
        before_request=_before_request,
        request_max_body_size=settings.max_body_bytes,
        openapi_config=OpenAPIConfig(
            title="Tangkas API",
            version="1",
            # English, like every summary and description (docs/architecture.md, "API names and languages")
            description="Microlearning, points and innovation rewards for Indonesian civil servants (ASN). "
            "Problems (`application/problem+json`) have a stable `code`; their `title`, `detail` and field errors "
            "are in Indonesian, in English with `Accept-Language: en`.",
            path="/schema",
            render_plugins=[SwaggerRenderPlugin(path="/"), JsonRenderPlugin(path="/openapi.json")],
            components=Components(
                security_schemes={
                    "BearerToken": SecurityScheme(type="http", scheme="bearer", bearer_format="JWT"),
                    # partners and xAPI: a partner organisation's machine key on /xapi/statements
                    "PartnerKey": SecurityScheme(type="http", scheme="basic"),
                }
            ),
            security=[{"BearerToken": []}],
        ),
    )
    app.state.parts = parts
    _complete_document(app)
    app.state.query_names = documented_query_names(app)
    return app


def create_served_app() -> Litestar:
    """``create_app`` for a server process (``tangkas serve``, the benchmarks): once started, everything
    start-up made (routes, the OpenAPI document, tables, pools) is moved out of the garbage collector's
    sight. Each full collection otherwise walked those objects again, mid-request: measured at city scale,
    the board's and ``GET /me``'s p99 fell from 73-223 ms to 18-62 ms (docs/scaling.md). Not in
    ``create_app``: a test process builds many apps, and what a frozen one held would never be freed."""
    app = create_app()
    app.on_startup.append(_freeze_what_start_up_made)
    return app


def _freeze_what_start_up_made() -> None:
    gc.collect()
    gc.freeze()


def rebuild_parts(app: Litestar, settings: Settings) -> None:
    """Give a stopped app freshly built parts for other settings, keeping its routes: registering them is
    most of the cost of an app, and the test suite needs fresh parts for every test. The settings must
    keep the body size limit (a property of the routes)."""
    if settings.max_body_bytes != app.state.settings.max_body_bytes:
        raise ValueError("max_body_bytes is fixed when the app is built")
    parts: _Parts = app.state.parts
    parts.tangkas = bootstrap(settings)
    app.state.update(parts.state())


class _Parts:
    """The composition root's product that the routes, the middleware and the lifespan serve from."""

    def __init__(self, tangkas: Tangkas) -> None:
        self.tangkas = tangkas

    def state(self) -> dict:
        tangkas = self.tangkas
        return {
            "tangkas": tangkas,
            "settings": tangkas.settings,
            "redis": tangkas.redis,
            "auth": tangkas.services["auth_service"],
            "rate_limiter": tangkas.rate_limiter,
        }

    def provider(self, name: str):
        def provide():
            return self.tangkas.services[name]

        return provide

    @asynccontextmanager
    async def lifespan(self, _: Litestar) -> AsyncIterator[None]:
        tangkas = self.tangkas
        async with tangkas.running():
            scheduler = build_scheduler(tangkas) if tangkas.settings.scheduler else None
            if scheduler is not None:
                scheduler.start()
            try:
                yield
            finally:
                if scheduler is not None:
                    scheduler.shutdown(wait=False)


class _FinishedDocument:
    """The finished OpenAPI document is the same for every app a process builds (the routes are code,
    not settings), and building it is half the cost of an app: the test suite builds hundreds."""

    document: OpenAPI | None = None


def _complete_document(app: Litestar) -> None:
    if _FinishedDocument.document is None:
        finish_document(app)
        _FinishedDocument.document = app.openapi_schema
    else:
        app.plugins.get(OpenAPIPlugin)._openapi = _FinishedDocument.document  # what its provide_openapi() caches


async def _before_request(request: Request) -> Response | None:
    await refuse_nul_characters(request)
    refuse_unknown_query_names(request, request.app.state.query_names)
    refuse_loose_path_numbers(request)
    await check_body_types(request)
    return options_answer(request)
