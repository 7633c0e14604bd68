"""Settings, read once from ``TANGKAS_*`` environment variables."""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from domain.evidence import CEILING_BYTES, DEFAULT_MAX_BYTES
from domain.limits import DEFAULT_RATE_LIMITS, RateLimit, StreamLimits

DEVELOPMENT_SECRET = "tangkas-development-secret-do-not-use-in-production"
MIN_SECRET_BYTES = 32
# TANGKAS_ENV: anything else is refused, or "prod" would run with production data and a laptop's secret.
ENVIRONMENTS = ("development", "production")


class InvalidSettings(RuntimeError):
    """A setting the processes cannot run with; the message names the variable."""


class InsecureSettings(InvalidSettings):
    """Production mode refuses to start with settings that are only safe on a laptop."""


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///tangkas.sqlite"
    redis_url: str | None = None
    jwt_secret: str = DEVELOPMENT_SECRET
    # Secrets rotated out: tokens they signed are still accepted until they expire (15 minutes).
    jwt_previous_secrets: tuple[str, ...] = ()
    jwt_issuer: str = "tangkas"
    jwt_audience: str = "tangkas-api"
    access_token_seconds: int = 15 * 60
    refresh_token_days: int = 30
    # A phone that lost the answer to its refresh may resend the same token this long after.
    refresh_retry_grace_seconds: int = 30
    production: bool = False
    max_body_bytes: int = 1_000_000
    import_max_body_bytes: int = 5_000_000
    login_failures_per_account: int = 5
    login_failures_per_address: int = 30
    login_window_seconds: int = 15 * 60
    # Attempts made offline are accepted this long after they finished.
    offline_window_days: int = 14
    sync_max_items: int = 50
    # A redemption nobody decided is released (points and stock) after this long.
    redemption_hold_days: int = 14
    # Replications of one initiative that earn its team XP in a calendar month (the initiative's
    # region's); later ones that month are recorded without XP.
    replication_credits_per_month: int = 5
    # Scheduled jobs inside the API process (the embedded default); off when a separate
    # `tangkas scheduler` runs them. Either way each trigger runs once.
    scheduler: bool = False
    # The recalculation fires every this many seconds on a grid aligned on the hour, the same in
    # every process (api/scheduler.py); short only in tests.
    recalc_every_seconds: int = 300
    # Requests per person and per address for sign-in, attempts, sync, redemptions, displays
    # and exports (gamification/limits/request_budgets.py); empty turns them off (load tests only).
    rate_limits: dict[str, RateLimit] = field(default_factory=lambda: dict(DEFAULT_RATE_LIMITS))
    # Live display streams held open at once per display token and per address (a lobby of TVs
    # behind one NAT address shares it); None: uncapped (load tests only).
    display_streams: StreamLimits | None = StreamLimits(per_display=10, per_address=50)
    # certificates: evidence files (gamification/storage/evidence.py). A directory, or an S3-compatible
    # bucket when one is named (boto3 from the `s3` extra); the largest file accepted.
    evidence_dir: str | None = None
    evidence_max_bytes: int = DEFAULT_MAX_BYTES
    evidence_s3_bucket: str | None = None
    evidence_s3_endpoint: str | None = None
    evidence_s3_region: str | None = None
    evidence_s3_access_key: str | None = None
    evidence_s3_secret_key: str | None = field(default=None, repr=False)
    # partners and xAPI: the account homePage whose names are NIPs, and the key under which partners'
    # machine secrets are kept as HMACs (unset: derived from the JWT secret; set it before rotating that).
    xapi_home_page: str = "https://tangkas.go.id"
    xapi_credential_key: str | None = None
    # service points and surveys: a citizen's contact (given with consent) is erased this many days after the
    # answer; the base of the links in QR codes (unset: the address the staff's request came to); the key of
    # the citizens' device cookies (unset: derived from the JWT secret).
    citizen_contact_days: int = 90
    public_url: str | None = None
    citizen_device_key: str | None = field(default=None, repr=False)
    # complaints: those one address files on one service point in a local day (past it 429 until the region's
    # midnight); per address, so that a few addresses cannot shut a service's complaints for everyone
    complaints_per_service_day: int = 5
    # survey answers one address gives one service point in a local day (a shared office NAT: a few); past it
    # 429 until the region's midnight: dropping the device cookie gives a new device, not a new address
    survey_answers_per_address_day: int = 10
    # metrics: GET /metrics open like /health (on a private network) unless a bearer token is set
    metrics_token: str | None = field(default=None, repr=False)
    # push notifications: "log" (the default: written to the log) or "fcm" (Firebase Cloud Messaging HTTP v1,
    # with a service account's JSON key file; the `fcm` extra); the address only changes in tests
    push_sender: str = "log"
    fcm_project: str | None = None
    fcm_credentials: str | None = None
    fcm_url: str = "https://fcm.googleapis.com"
    # credentials: the key the regions' signing keys are encrypted under at rest (unset: derived from the JWT
    # secret; set it before rotating that, or the stored signing keys cannot be read)
    issuer_key_secret: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not 1 <= self.evidence_max_bytes <= CEILING_BYTES:
            raise InvalidSettings(
                f"TANGKAS_EVIDENCE_MAX_BYTES must be within 1..{CEILING_BYTES}, not {self.evidence_max_bytes}"
            )
        if self.replication_credits_per_month < 0:
            raise InvalidSettings(
                f"TANGKAS_REPLICATION_CREDITS_PER_MONTH must be 0 or more, not {self.replication_credits_per_month}"
            )
        if not 1 <= self.citizen_contact_days <= 3650:  # service points and surveys
            raise InvalidSettings(
                f"TANGKAS_CITIZEN_CONTACT_DAYS must be within 1..3650, not {self.citizen_contact_days}"
            )
        if self.public_url is not None and not self.public_url.startswith(("https://", "http://")):
            raise InvalidSettings(f"TANGKAS_PUBLIC_URL must start with https:// or http://, not {self.public_url!r}")
        if self.complaints_per_service_day < 1:  # complaints
            raise InvalidSettings("TANGKAS_COMPLAINTS_PER_SERVICE_DAY must be 1 or more")
        if self.survey_answers_per_address_day < 1:
            raise InvalidSettings("TANGKAS_SURVEY_ANSWERS_PER_ADDRESS_DAY must be 1 or more")
        if not fits_the_hour(self.recalc_every_seconds):
            raise InvalidSettings(
                "TANGKAS_RECALC_EVERY_SECONDS must divide a minute (1, 2, 5, 10, 30) "
                f"or be whole minutes dividing an hour (60, 300, 900, 3600), not {self.recalc_every_seconds}"
            )
        if self.push_sender not in ("log", "fcm"):
            raise InvalidSettings(f"TANGKAS_PUSH_SENDER must be log or fcm, not {self.push_sender!r}")
        if self.push_sender == "fcm" and not (self.fcm_project and self.fcm_credentials):
            raise InvalidSettings("TANGKAS_PUSH_SENDER=fcm needs TANGKAS_FCM_PROJECT and TANGKAS_FCM_CREDENTIALS")

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith(("postgres://", "postgresql://"))

    @property
    def sqlite_path(self) -> Path:
        return Path(self.database_url.removeprefix("sqlite:///"))

    @property
    def evidence_path(self) -> Path:
        """TANGKAS_EVIDENCE_DIR; else a folder beside the SQLite file; else (PostgreSQL without a bucket)
        a folder in the working directory, never a temporary one that a restart may empty. Several API
        machines need a bucket, or one shared directory (compose.yaml mounts a volume)."""
        if self.evidence_dir:
            return Path(self.evidence_dir)
        if not self.is_postgres:
            return self.sqlite_path.resolve().parent / "tangkas-evidence"
        return Path.cwd() / "tangkas-evidence"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        production = _environment(env) == "production"
        settings = cls(
            database_url=env.get("TANGKAS_DATABASE_URL") or cls.database_url,
            redis_url=env.get("TANGKAS_REDIS_URL") or None,
            jwt_secret=env.get("TANGKAS_JWT_SECRET") or DEVELOPMENT_SECRET,
            jwt_previous_secrets=tuple(
                s.strip() for s in env.get("TANGKAS_JWT_PREVIOUS_SECRETS", "").split(",") if s.strip()
            ),
            access_token_seconds=int(env.get("TANGKAS_ACCESS_TOKEN_SECONDS", cls.access_token_seconds)),
            refresh_token_days=int(env.get("TANGKAS_REFRESH_TOKEN_DAYS", cls.refresh_token_days)),
            # An office behind one NAT address shares the per-address budget: raise it there.
            login_failures_per_account=int(
                env.get("TANGKAS_LOGIN_FAILURES_PER_ACCOUNT", cls.login_failures_per_account)
            ),
            login_failures_per_address=int(
                env.get("TANGKAS_LOGIN_FAILURES_PER_ADDRESS", cls.login_failures_per_address)
            ),
            offline_window_days=int(env.get("TANGKAS_OFFLINE_WINDOW_DAYS", cls.offline_window_days)),
            redemption_hold_days=int(env.get("TANGKAS_REDEMPTION_HOLD_DAYS", cls.redemption_hold_days)),
            replication_credits_per_month=_whole_number(
                env, "TANGKAS_REPLICATION_CREDITS_PER_MONTH", cls.replication_credits_per_month
            ),
            scheduler=env.get("TANGKAS_SCHEDULER", "on").lower() != "off",
            recalc_every_seconds=_whole_number(env, "TANGKAS_RECALC_EVERY_SECONDS", cls.recalc_every_seconds),
            production=production,
            rate_limits=_rate_limits(env),
            display_streams=_display_streams(env),
            evidence_dir=env.get("TANGKAS_EVIDENCE_DIR") or None,
            evidence_max_bytes=_whole_number(env, "TANGKAS_EVIDENCE_MAX_BYTES", cls.evidence_max_bytes),
            evidence_s3_bucket=env.get("TANGKAS_EVIDENCE_S3_BUCKET") or None,
            evidence_s3_endpoint=env.get("TANGKAS_EVIDENCE_S3_ENDPOINT") or None,
            evidence_s3_region=env.get("TANGKAS_EVIDENCE_S3_REGION") or None,
            evidence_s3_access_key=env.get("TANGKAS_EVIDENCE_S3_ACCESS_KEY") or None,
            evidence_s3_secret_key=env.get("TANGKAS_EVIDENCE_S3_SECRET_KEY") or None,
            xapi_home_page=env.get("TANGKAS_XAPI_HOME_PAGE") or cls.xapi_home_page,
            xapi_credential_key=env.get("TANGKAS_XAPI_CREDENTIAL_KEY") or None,
            # service points and surveys
            citizen_contact_days=_whole_number(env, "TANGKAS_CITIZEN_CONTACT_DAYS", cls.citizen_contact_days),
            public_url=(env.get("TANGKAS_PUBLIC_URL") or "").rstrip("/") or None,
            citizen_device_key=env.get("TANGKAS_CITIZEN_DEVICE_KEY") or None,
            # complaints
            complaints_per_service_day=_whole_number(
                env, "TANGKAS_COMPLAINTS_PER_SERVICE_DAY", cls.complaints_per_service_day
            ),
            metrics_token=env.get("TANGKAS_METRICS_TOKEN") or None,
            push_sender=(env.get("TANGKAS_PUSH_SENDER") or cls.push_sender).strip().lower(),
            fcm_project=env.get("TANGKAS_FCM_PROJECT") or None,
            fcm_credentials=env.get("TANGKAS_FCM_CREDENTIALS") or None,
            fcm_url=env.get("TANGKAS_FCM_URL") or cls.fcm_url,
            survey_answers_per_address_day=_whole_number(
                env, "TANGKAS_SURVEY_ANSWERS_PER_ADDRESS_DAY", cls.survey_answers_per_address_day
            ),
            issuer_key_secret=env.get("TANGKAS_ISSUER_KEY_SECRET") or None,  # credentials
        )
        settings.check_secret()
        return settings

    def check_secret(self) -> None:
        weak = any(
            secret == DEVELOPMENT_SECRET or len(secret.encode()) < MIN_SECRET_BYTES
            for secret in (self.jwt_secret, *self.jwt_previous_secrets)
        )
        if weak and self.production:
            raise InsecureSettings(
                "TANGKAS_JWT_SECRET (and every TANGKAS_JWT_PREVIOUS_SECRETS) must be at least 32 random bytes in production "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
        if weak:
            warnings.warn(
                "TANGKAS_JWT_SECRET is unset or short: using a development secret. Never do this in production.",
                stacklevel=2,
            )
        # credentials: it encrypts the regions' signing keys and keys the printed transcripts' links
        issuer_key = self.issuer_key_secret
        if self.production and issuer_key is not None and len(issuer_key.encode()) < MIN_SECRET_BYTES:
            raise InsecureSettings("TANGKAS_ISSUER_KEY_SECRET must be at least 32 random bytes in production")
        # signed credentials name their issuer and status list by this address: taken from a request's Host
        # header, a holder could name a status list of their own, and its revocations would never reach a verifier
        if self.production and self.public_url is None:
            raise InsecureSettings(
                "TANGKAS_PUBLIC_URL must be set in production (the address people reach Tangkas at, e.g. "
                "https://tangkas.example.go.id): credentials and shared links name it"
            )


def fits_the_hour(seconds: int) -> bool:
    """Seconds dividing a minute, or whole minutes dividing an hour: a cron grid with equal steps that
    restarts on every hour, so processes started at different times fire at the same moments."""
    if seconds < 1:
        return False
    return 60 % seconds == 0 if seconds < 60 else seconds % 60 == 0 and 60 % (seconds // 60) == 0


def _environment(env: dict[str, str]) -> str:
    name = env.get("TANGKAS_ENV", "development").strip().lower()
    if name not in ENVIRONMENTS:
        raise InvalidSettings(f"TANGKAS_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env['TANGKAS_ENV']!r}")
    return name


def _whole_number(env: dict[str, str], name: str, default: int) -> int:
    try:
        return int(env.get(name, default))
    except ValueError:
        raise InvalidSettings(f"{name} must be a whole number, not {env[name]!r}") from None


def _display_streams(env: dict[str, str]) -> StreamLimits | None:
    """``TANGKAS_DISPLAY_STREAMS=10,50``; uncapped with ``off`` or when every budget is off."""
    text = env.get("TANGKAS_DISPLAY_STREAMS", "").strip()
    if text.lower() == "off" or env.get("TANGKAS_RATE_LIMITS", "on").lower() == "off":
        return None
    try:
        return StreamLimits.parse(text) if text else Settings.display_streams
    except ValueError as error:
        raise InvalidSettings(f"TANGKAS_DISPLAY_STREAMS: {error}") from None


def _rate_limits(env: dict[str, str]) -> dict[str, RateLimit]:
    """``TANGKAS_RATE_LIMITS=off`` for a load test; ``TANGKAS_RATE_LIMIT_SYNC=10,600,60`` to tune one."""
    if env.get("TANGKAS_RATE_LIMITS", "on").lower() == "off":
        return {}
    limits = {}
    for action, default in DEFAULT_RATE_LIMITS.items():
        tuned = env.get(f"TANGKAS_RATE_LIMIT_{action.upper()}")
        limits[action] = RateLimit.parse(tuned) if tuned is not None else default
    return limits
