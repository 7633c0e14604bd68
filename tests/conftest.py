from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
import time_machine

from api.app import create_app, rebuild_parts
from gamification.boards.labels import forget_board_labels
from gamification.learning.attempt_reads import forget_answer_keys
from gamification.points.region_config import forget_region_configs
from gamification.storage.database import (
    bind_engine,
    close_engine,
    create_engine,
    current_engine,
    open_engine,
    unit_of_work,
)
from gamification.storage.defaults import ensure_defaults
from gamification.storage.migrations import migrate
from gamification.storage.redis_client import create_redis
from gamification.storage.settings import Settings
from gamification.storage.tables import ALL_TABLES
from tests import snapshots, wiring
from tests.backends import DB_KIND, POSTGRES_URL, REDIS_URL, WORKER, check_redis, recreate_postgres_database
from tests.clock import SHIFT_VARIABLE, parse_pin, start_ticking
from tests.selection import absent_marks, left_uncollected, long_ones_first, selected

TEST_SECRET = "test-secret-" + "x" * 60


PIN = os.environ.get("TANGKAS_TEST_PIN")  # e.g. week@Asia/Jakarta+20: the whole run just after a turn


def pytest_report_header(config) -> str:
    clock = f"pinned at {config.stash[PINNED_AT].isoformat()} ({PIN})" if PIN else "real"
    return f"tangkas backends: database={DB_KIND} redis={'yes' if REDIS_URL else 'no'}; clock: {clock}"


PINNED_AT = pytest.StashKey[dt.datetime]()


def pytest_configure(config) -> None:
    """A pinned run starts its clock at the given moment and lets it tick; the processes its tests
    start are shifted by as much (tests/shifted.py)."""
    if not PIN:
        return
    pinned_at = parse_pin(PIN)
    config.stash[PINNED_AT] = pinned_at
    os.environ[SHIFT_VARIABLE] = str((pinned_at - dt.datetime.now(dt.timezone.utc)).total_seconds())
    start_ticking(time_machine.travel(pinned_at, tick=True))


def pytest_ignore_collect(collection_path: Path, config) -> bool | None:
    return True if left_uncollected(collection_path) else None


def pytest_collection_modifyitems(config, items) -> None:
    """Redis-only and PostgreSQL-only tests belong to their variants, and a variant runs what it is for
    (tests/selection.py); the rest is deselected, not skipped."""
    absent = absent_marks(redis=bool(REDIS_URL), postgres=DB_KIND == "postgres")
    kept, deselected = [], []
    for item in items:
        (kept if selected(item, absent) else deselected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
    long_ones_first(items)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> Iterator[str]:
    memory_backed = None
    if DB_KIND == "postgres":
        recreate_postgres_database(POSTGRES_URL)
        url = POSTGRES_URL
    else:
        # in memory (tmpfs) where the machine has one: a test's commits need not reach a disk (a fifth faster)
        memory_backed = (
            tempfile.mkdtemp(prefix="tangkas-test-", dir="/dev/shm") if os.access("/dev/shm", os.W_OK) else None
        )
        url = f"sqlite:///{Path(memory_backed or tmp_path_factory.mktemp('db')) / 'tangkas.sqlite'}"

    async def run_migrations() -> None:
        engine = create_engine(Settings(database_url=url))
        bind_engine(engine)
        await open_engine(engine, pool_size=1)
        try:
            await migrate()
        finally:
            await close_engine(engine)

    asyncio.run(run_migrations())
    yield url
    if memory_backed:
        shutil.rmtree(memory_backed, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_url() -> str | None:
    if REDIS_URL:
        check_redis(REDIS_URL)
    return REDIS_URL


@pytest.fixture
def settings(database_url, redis_url, tmp_path) -> Settings:
    # Functional tests replay and race far faster than any phone: request budgets are tested on their own
    # (tests/limits/test_request_budgets_api.py).
    return Settings(
        database_url=database_url,
        redis_url=redis_url,
        jwt_secret=TEST_SECRET,
        rate_limits={},
        complaints_per_service_day=10_000,  # per address: the tests file from one address  # review of issue 18
        survey_answers_per_address_day=10_000,
        evidence_dir=str(tmp_path / "evidence"),
    )


@pytest.fixture
async def app(settings):
    application = _built_app(settings)
    async with running(application):
        await empty_database()
        if settings.redis_url:
            async with create_redis(settings.redis_url) as redis:  # a Redis Cluster too (tests/redis_cluster.py)
                await redis.flushdb()
        yield application


_built_apps: dict[int, object] = {}


def _built_app(settings: Settings):
    """One app per process (per body limit), given fresh parts for each test's settings: registering
    the routes is a third of a typical test's time, and no test changes them."""
    application = _built_apps.get(settings.max_body_bytes)
    if application is None:
        application = _built_apps[settings.max_body_bytes] = create_app(settings)
    else:
        rebuild_parts(application, settings)
    return application


@asynccontextmanager
async def running(application):
    """Run the app's lifespan in a task of its own: pytest-asyncio sets fixtures up and tears them
    down in different tasks, and the lifespan's cancel scope must be left in the task that entered it.
    While it runs, test helpers find its parts through ``tests.wiring``."""
    started, stop = asyncio.Event(), asyncio.Event()

    async def hold() -> None:
        async with application.lifespan():
            started.set()
            await stop.wait()

    task = asyncio.create_task(hold())
    await asyncio.wait([task, asyncio.create_task(started.wait())], return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        task.result()  # startup failed: raise its error here
    outer = wiring.current()
    wiring.use(application.state.tangkas)
    try:
        yield
    finally:
        wiring.use(outer)
        stop.set()
        await task


@pytest.fixture
async def client(app):
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://tangkas.test") as http:
        yield http


@pytest.fixture
async def db(database_url):
    """The database alone, for service tests that need no HTTP app."""
    engine = create_engine(Settings(database_url=database_url))
    bind_engine(engine)
    await open_engine(engine, pool_size=4)
    await empty_database()
    wiring.use(None)
    yield engine
    await close_engine(engine)


async def empty_database() -> None:
    engine = current_engine()
    names = [table._meta.tablename for table in reversed(ALL_TABLES)]
    if DB_KIND == "postgres":
        await engine.run_ddl(await postgres_emptying(engine, names))
    else:
        # A test fills a few tables: one query finds them, one commit empties them.
        holding = " UNION ALL ".join(f"SELECT '{name}' AS name WHERE EXISTS (SELECT 1 FROM {name})" for name in names)
        async with unit_of_work():
            filled = {row["name"] for row in await engine.run_ddl(holding)}
            if "unit" in filled:
                await engine.run_ddl("UPDATE unit SET parent = NULL")  # RESTRICT is checked row by row
            for name in names:
                if name in filled:
                    await engine.run_ddl(f"DELETE FROM {name}")
    forget_region_configs()  # the regions' rules versions start again from 0
    forget_answer_keys()  # and version ids from 1
    forget_board_labels()  # and person ids
    await ensure_defaults()


_postgres_emptying: dict[str, str] = {}


async def postgres_emptying(engine, names: list[str]) -> str:
    """One statement that deletes every row and restarts every id, as ``TRUNCATE ... RESTART IDENTITY``
    would: DELETE on the few rows a test leaves takes milliseconds, TRUNCATE of every table most of a
    second (new files for each), before every test. The sequences are looked up once per database."""
    database = engine.config["database"]
    if database not in _postgres_emptying:
        sequences = await engine.run_ddl(
            "SELECT sequence.oid::regclass::text AS name FROM pg_class sequence"
            " JOIN pg_depend owned ON owned.objid = sequence.oid AND owned.deptype IN ('a', 'i')"
            " JOIN pg_class owner ON owner.oid = owned.refobjid"
            f" WHERE sequence.relkind = 'S' AND owner.relname IN ({', '.join(repr(name) for name in names)})"
        )
        _postgres_emptying[database] = (
            "DO $$ BEGIN UPDATE unit SET parent = NULL; "  # RESTRICT is checked row by row
            + " ".join(f"DELETE FROM {name};" for name in names)
            + " ".join(f" PERFORM setval('{row['name']}', 1, false);" for row in sequences)
            + " END $$"
        )
    return _postgres_emptying[database]


@pytest.fixture
async def world(app, settings):
    """Two regions with their agencies, units and people (tests/factories.py): built once per process, restored after."""
    from tests.factories import build_world

    return await snapshots.built_once("world", build_world, settings.redis_url)


@pytest.fixture
async def demo(app, settings, tmp_path_factory) -> dict:
    """The demo seed's summary, on the database and Redis it leaves: seeded once per run, restored after."""
    from gamification.demo.seed import seed_demo

    tangkas = wiring.tangkas()

    async def seed() -> dict:
        await tangkas.boards.consistency.check()  # Redis boards built (empty) first: the seed's writes follow into them
        return await seed_demo(tangkas.services["attempt_service"], tangkas.awarding)

    run_directory = tmp_path_factory.getbasetemp().parent if WORKER else tmp_path_factory.getbasetemp()
    return await snapshots.shared_once(DEMO_SNAPSHOT, seed, settings.redis_url, run_directory)


DEMO_SNAPSHOT = f"demo-{DB_KIND}{'+redis' if REDIS_URL else ''}"


@pytest.fixture
def as_(settings):
    """``as_(person_id)`` gives the Authorization header of that person."""
    from tests.factories import bearer

    return lambda person_id: bearer(settings, person_id)
