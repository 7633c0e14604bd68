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

from gamification.boards import Boards, Displays, Leaderboards, build_boards
from gamification.certificates import CertificateDecisions, CertificateImport, Certificates  # certificates
from gamification.complaints import ComplaintDesk, ComplaintFiling  # complaints
from gamification.credentials import (  # credentials
    BadgeCredentials,
    CredentialPublication,
    CredentialSharing,
    CredentialVerification,
    IssuerKeys,
    JpTranscripts,
    StatusLists,
)
from gamification.credentials.admin_revocation import CredentialRevocations  # credentials: revoked by an admin
from gamification.credentials.holdings import MyCredentials  # credentials: the holder's list
from gamification.credentials.training_credentials import TrainingCredentials  # credentials: training
from gamification.events import EventCheckins, EventOrganising, EventRegistrations  # events
from gamification.identity import AuthService, LoginThrottle
from gamification.innovation import Initiatives
from gamification.innovation.evidence import InitiativeEvidenceFiles  # initiatives: evidence files
from gamification.learning import AttemptService, Catalogue, ModuleAuthoring, MyRecord, UnitJpBreakdown
from gamification.limits import (
    MemoryStreamSlots,
    MemoryWindowCounter,
    RateLimiter,
    RedisStreamSlots,
    RedisWindowCounter,
)
from gamification.notifications import Notifications, PushDevices, PushOutbox, build_push_sender  # push
from gamification.organization import (
    AuditLog,
    Holidays,
    MySettings,  # PATCH /me
    OrganizationService,
    PartnerAdmissions,
    PeopleService,
    PersonalData,
    UserImport,
)
from gamification.partners import PartnerCredentials, PartnerOrganisations  # partners and xAPI
from gamification.points import (
    Awarding,
    Badges,
    LevelScale,
    PointRules,
    PointsHistory,
    ProfileService,
    refresh_streaks_around,
)
from gamification.points.badge_catalogue import BadgeCatalogue  # BKPSDM admin (issue 19)
from gamification.rewards import ManagerDesk, Redemptions, Rewards
from gamification.rewards.catalogue import RewardCatalogue  # BKPSDM admin (issue 19)
from gamification.rewards.hand_out import HandOuts  # BKPSDM admin (issue 19)
from gamification.satisfaction import DisplayIkm, SatisfactionIndex, UnitBadges, team_service  # satisfaction
from gamification.service_points import CitizenNaming, ServicePoints  # service points and surveys
from gamification.storage.database import bind_engine, close_engine, create_engine, open_engine
from gamification.storage.evidence import build_evidence_store  # certificates
from gamification.storage.metrics import MetricsExposition  # metrics
from gamification.storage.redis_client import create_redis
from gamification.storage.settings import Settings
from gamification.surveys import (  # service points and surveys
    CommentModeration,  # moderation and praise
    DeviceCookies,
    SurveyIntake,
)
from gamification.xapi import XapiActivities, XapiIntake, XapiReports  # partners and xAPI


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
        try:
            await (open_engine(engine) if pool_size is None else open_engine(engine, pool_size=pool_size))
            yield self
        finally:
            await self.boards.close()
            await self.services["push_outbox"].sender.close()  # push notifications
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
        MyRecord(),
        UnitJpBreakdown(),
        PointsHistory(),
        Badges(),
        PointRules(),
        LevelScale(),
        Holidays(changed=refresh_streaks_around),
        leaderboards,
        Displays(leaderboards, boards.events, DisplayIkm().line),  # satisfaction: the IKM line
        Notifications(),
        Rewards(),
        redemptions,
        initiatives,
        ManagerDesk(initiatives, redemptions, team_service),  # satisfaction: the unit's IKM on the team view
        AuditLog(),
        PersonalData(people),
        # certificates: the evidence store chosen by settings (a directory, or an S3-compatible bucket)
        Certificates(evidence_store := build_evidence_store(settings), settings.evidence_max_bytes),
        CertificateDecisions(awarding, evidence_store),
        CertificateImport(awarding),
        # events
        EventOrganising(settings, awarding),
        EventRegistrations(),
        EventCheckins(settings, awarding, counter),
    )
    # partners and xAPI: machine keys kept as HMACs under the credential key (else one derived from the JWT secret)
    credential_key = settings.xapi_credential_key or f"xapi-credentials:{settings.jwt_secret}"
    credentials = PartnerCredentials(credential_key.encode())
    services |= _by_class_name(
        PartnerOrganisations(),
        credentials,
        XapiActivities(),
        XapiIntake(credentials, awarding, settings.xapi_home_page),
        XapiReports(),
    )
    services |= _by_class_name(SatisfactionIndex(), UnitBadges())  # satisfaction
    services |= _by_class_name(CommentModeration(awarding))  # moderation and praise
    # service points and surveys: citizens' device cookies signed under their own key (else one derived from the
    # JWT secret); wrong site codes counted in the shared window counter
    device_key = settings.citizen_device_key or f"citizen-devices:{settings.jwt_secret}"
    services |= _by_class_name(
        ServicePoints(settings),
        CitizenNaming(),
        SurveyIntake(settings, DeviceCookies(device_key.encode()), counter),
    )
    # complaints: citizens file without signing in; the unit's managers and the region's admins answer
    services |= _by_class_name(
        ComplaintFiling(settings.citizen_contact_days, settings.complaints_per_service_day, counter),
        ComplaintDesk(),
    )
    services |= _by_class_name(InitiativeEvidenceFiles(evidence_store, settings.evidence_max_bytes))  # initiatives
    services |= _by_class_name(RewardCatalogue(), HandOuts(), BadgeCatalogue())  # BKPSDM admin (issue 19)
    services |= _by_class_name(MetricsExposition(settings.metrics_token, boards.store_in_use))  # metrics
    # push notifications: devices, and the outbox drained by the chosen sender; PATCH /me tells the boards
    services |= _by_class_name(
        PushDevices(), PushOutbox(build_push_sender(settings)), MySettings(boards.writes.totals_changed)
    )
    # credentials: Open Badges 3.0 signed with each region's key, kept encrypted under its own secret (else one
    # derived from the JWT secret)
    issuer_keys = IssuerKeys(settings.issuer_key_secret or f"issuer-keys:{settings.jwt_secret}")
    verification = CredentialVerification(issuer_keys)
    services |= _by_class_name(
        issuer_keys,
        BadgeCredentials(issuer_keys, settings.public_url),
        CredentialPublication(issuer_keys, settings.public_url),
        verification,
        StatusLists(issuer_keys, settings.public_url),
        CredentialSharing(verification, settings.public_url),
    )
    services |= _by_class_name(TrainingCredentials(issuer_keys, settings.public_url))  # credentials: training
    # credentials: the JP transcript, sharing its printed copy under a link derived with the issuer keys' secret
    services |= _by_class_name(
        JpTranscripts(
            issuer_keys,
            services["credential_sharing"],
            settings.public_url,
            settings.issuer_key_secret or f"issuer-keys:{settings.jwt_secret}",
        )
    )
    # credentials: the holder's list, and a revocation by the issuing region's admin
    services |= _by_class_name(MyCredentials(), CredentialRevocations())
    services["stream_slots"] = (  # one port, two implementations
        RedisStreamSlots(redis, settings.display_streams) if redis else MemoryStreamSlots(settings.display_streams)
    )
    return Tangkas(settings, redis, boards, awarding, RateLimiter(counter, settings.rate_limits), services)


def _by_class_name(*services: object) -> dict[str, object]:
    return {re.sub(r"(?<!^)(?=[A-Z])", "_", type(service).__name__).lower(): service for service in services}
