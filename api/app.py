"""The application, assembled in one place: engines, services, routes and error handling."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar, Request, Response
from litestar.datastructures import State
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme

from api.controllers.admin_modules import ModuleAuthoringController
from api.controllers.admin_organization import AgencyController, RegionController, UnitController
from api.controllers.admin_partners import PartnerAdmissionController
from api.controllers.admin_points import HolidayController, LevelController, RuleController
from api.controllers.admin_users import UserController
from api.controllers.audit import AuditController
from api.controllers.auth import AuthController
from api.controllers.badges import BadgeAdminController, BadgeController
from api.controllers.displays import DisplayAdminController, DisplayController, DisplayPageController
from api.controllers.health import HealthController
from api.controllers.initiatives import InitiativeController
from api.controllers.leaderboards import LeaderboardController
from api.controllers.manager import ManagerController
from api.controllers.me import MeController
from api.controllers.modules import ModuleController
from api.controllers.notifications import NotificationController
from api.controllers.rewards import (
    MyRedemptionsController,
    RedemptionController,
    RewardAdminController,
    RewardController,
)
from api.controllers.sync import SyncController
from api.http.audit import AuditMiddleware
from api.http.errors import EXCEPTION_HANDLERS
from api.http.guards import EXCLUDE_KEY, PUBLIC_PATHS, BearerAuthMiddleware
from api.http.log_redaction import install as redact_logs
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
from gamification.boards.displays import Displays
from gamification.boards.events import BoardEvents
from gamification.boards.leaderboards import Leaderboards
from gamification.boards.sync import BoardSync, install
from gamification.identity.login_throttle import LoginThrottle
from gamification.identity.sign_in import AuthService
from gamification.innovation.initiatives import Initiatives
from gamification.learning.attempts import Attempts
from gamification.learning.authoring import ModuleAuthoring
from gamification.learning.catalogue import Catalogue
from gamification.learning.my_record import Learning
from gamification.limits.request_budgets import RateLimiter
from gamification.limits.stream_slots import MemoryStreamSlots, RedisStreamSlots
from gamification.limits.window_counter import MemoryWindowCounter, RedisWindowCounter
from gamification.notifications.inbox import Notifications
from gamification.organization.audit import AuditLog
from gamification.organization.holidays import Holidays
from gamification.organization.partners import PartnerAdmissions
from gamification.organization.people import PeopleService
from gamification.organization.personal_data import PersonalData
from gamification.organization.structure import OrganizationService
from gamification.organization.user_import import UserImport
from gamification.points.badges import Badges
from gamification.points.history import PointsHistory
from gamification.points.levels import Levels
from gamification.points.profile import ProfileService
from gamification.points.rules import PointRules
from gamification.rewards.manager_desk import ManagerDesk
from gamification.rewards.redemptions import Redemptions, Rewards
from gamification.storage.database import bind_engine, close_engine, create_engine, open_engine
from gamification.storage.redis_client import create_redis
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
]


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or Settings.from_env()
    redact_logs()
    redis = create_redis(settings.redis_url)  # connects lazily, on first use
    counter = RedisWindowCounter(redis) if redis else MemoryWindowCounter()
    people = PeopleService()
    boards = BoardSync(redis, BoardEvents(redis))
    leaderboards = Leaderboards(boards)
    initiatives, redemptions = Initiatives(settings.replication_credits_per_month), Redemptions()
    services = {
        "auth": AuthService(settings, LoginThrottle(counter, settings)),
        "organization": OrganizationService(),
        "people": people,
        "user_import": UserImport(people),
        "profiles": ProfileService(),
        "partners": PartnerAdmissions(),
        "authoring": ModuleAuthoring(),
        "catalogue": Catalogue(),
        "grading": Attempts(settings),
        "learning": Learning(),
        "history": PointsHistory(),
        "badges": Badges(),
        "rules": PointRules(),
        "level_scale": Levels(),
        "holidays": Holidays(),
        "leaderboards": leaderboards,
        "displays": Displays(leaderboards, boards.events),
        "stream_slots": (
            RedisStreamSlots(redis, settings.display_streams) if redis else MemoryStreamSlots(settings.display_streams)
        ),
        "notifications": Notifications(),
        "rewards": Rewards(),
        "redemptions": redemptions,
        "initiatives": initiatives,
        "desk": ManagerDesk(initiatives, redemptions),
        "audit_log": AuditLog(),
        "personal_data": PersonalData(people),
    }

    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        engine = create_engine(settings)
        bind_engine(engine)
        await open_engine(engine)
        install(boards)
        scheduler = build_scheduler(settings) if settings.scheduler else None
        if scheduler is not None:
            scheduler.start()
        try:
            yield
        finally:
            if scheduler is not None:
                scheduler.shutdown(wait=False)
            install(None)
            await boards.close()
            if redis is not None:
                await redis.aclose()
            await close_engine(engine)

    app = Litestar(
        route_handlers=CONTROLLERS,
        lifespan=[lifespan],
        state=State(
            {
                "settings": settings,
                "redis": redis,
                "auth": services["auth"],
                "rate_limiter": RateLimiter(counter, settings.rate_limits),
            }
        ),
        dependencies={name: Provide(_constant(service), sync_to_thread=False) for name, service in services.items()},
        middleware=[
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
            description="Pembelajaran mikro, poin dan penghargaan inovasi bagi ASN.",
            path="/schema",
            render_plugins=[SwaggerRenderPlugin(path="/"), JsonRenderPlugin(path="/openapi.json")],
            components=Components(
                security_schemes={"BearerToken": SecurityScheme(type="http", scheme="bearer", bearer_format="JWT")}
            ),
            security=[{"BearerToken": []}],
        ),
    )
    finish_document(app)
    app.state.query_names = documented_query_names(app)
    return app


async def _before_request(request: Request) -> Response | None:
    await refuse_nul_characters(request)
    refuse_unknown_query_names(request, request.app.state.query_names)
    refuse_loose_path_numbers(request)
    await check_body_types(request)
    return options_answer(request)


def _constant(value):
    def provide():
        return value

    return provide
