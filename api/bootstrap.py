"""The one composition root: settings in, Tangkas assembled, for the HTTP app, the command line and
the scheduler alike.

Every service is built here, once, with what it needs handed in; nothing in ``gamification`` finds
its collaborators through a module global. Where a lower feature must trigger a higher one (the
points engine → the leaderboards, a person moving unit → the leaderboards) this is where the
higher one is handed in, behind the lower one's port (``TotalsFollower``, ``PersonMoves``).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from redis.asyncio import Redis

from gamification.boards import Boards, build_boards
from gamification.boards.displays import Displays
from gamification.boards.leaderboards import Leaderboards
from gamification.identity.login_throttle import LoginThrottle
from gamification.identity.sign_in import AuthService
from gamification.innovation.initiatives import Initiatives
from gamification.learning.attempts import AttemptService
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
from gamification.points.awarding import Awarding
from gamification.points.badges import Badges
from gamification.points.history import PointsHistory
from gamification.points.levels import LevelScale
from gamification.points.profile import ProfileService
from gamification.points.rules import PointRules
from gamification.rewards.manager_desk import ManagerDesk
from gamification.rewards.redemptions import Redemptions, Rewards
from gamification.storage.database import bind_engine, close_engine, create_engine, open_engine
from gamification.storage.redis_client import create_redis
from gamification.storage.settings import Settings


@dataclass
class Tangkas:
    """The application's parts, built once."""

    settings: Settings
    redis: Redis | None
    boards: Boards
    awarding: Awarding
    rate_limiter: RateLimiter
    services: dict[str, object]  # by the class name in snake_case: the HTTP dependency keys

    @asynccontextmanager
    async def running(self, pool_size: int | None = None) -> AsyncIterator[Tangkas]:
        """The database open (a pool on PostgreSQL) for the duration; Redis and the boards closed after."""
        engine = create_engine(self.settings)
        bind_engine(engine)
        await (open_engine(engine) if pool_size is None else open_engine(engine, pool_size=pool_size))
        try:
            yield self
        finally:
            await self.boards.close()
            if self.redis is not None:
                await self.redis.aclose()
            await close_engine(engine)


def bootstrap(settings: Settings) -> Tangkas:
    redis = create_redis(settings.redis_url)  # connects lazily, on first use
    counter = RedisWindowCounter(redis) if redis else MemoryWindowCounter()
    boards = build_boards(redis)
    awarding = Awarding(follow=boards.writes)
    people = PeopleService(moves=boards.writes)
    leaderboards = Leaderboards(boards.reads)
    initiatives, redemptions = Initiatives(awarding, settings.replication_credits_per_month), Redemptions()
    services = _by_class_name(
        AuthService(settings, LoginThrottle(counter, settings)),
        OrganizationService(),
        people,
        UserImport(people),
        ProfileService(),
        PartnerAdmissions(),
        ModuleAuthoring(),
        Catalogue(),
        AttemptService(settings, awarding),
        Learning(),
        PointsHistory(),
        Badges(),
        PointRules(),
        LevelScale(),
        Holidays(),
        leaderboards,
        Displays(leaderboards, boards.events),
        Notifications(),
        Rewards(),
        redemptions,
        initiatives,
        ManagerDesk(initiatives, redemptions),
        AuditLog(),
        PersonalData(people),
    )
    services["stream_slots"] = (  # one port, two implementations
        RedisStreamSlots(redis, settings.display_streams) if redis else MemoryStreamSlots(settings.display_streams)
    )
    return Tangkas(settings, redis, boards, awarding, RateLimiter(counter, settings.rate_limits), services)


def _by_class_name(*services: object) -> dict[str, object]:
    return {re.sub(r"(?<!^)(?=[A-Z])", "_", type(service).__name__).lower(): service for service in services}
