"""Which database and Redis a test run uses, chosen by environment variables.

TANGKAS_TEST_DB=sqlite|postgres (default sqlite); TANGKAS_TEST_REDIS_URL=redis://... turns the
Redis variant on. With CI=true a missing server fails the run instead of skipping it.

Under pytest-xdist every worker has a database and a Redis of its own, so that their tests never see
each other's rows and keys: worker gwN uses the PostgreSQL database named with ``_gwN`` appended and the
Redis db N below the one given (``/15`` gives gw0 15, gw1 14, ...). SQLite needs nothing: each worker
has its own temporary directory.
"""

from __future__ import annotations

import asyncio
import os
from urllib.parse import urlparse

import asyncpg
import pytest
from redis import Redis
from redis.exceptions import RedisError

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # gw0, gw1, ... under pytest-xdist; empty without it


def worker_number() -> int:
    return int(WORKER.removeprefix("gw")) if WORKER else 0


def postgres_url_of_worker(url: str) -> str:
    if not WORKER:
        return url
    parsed = urlparse(url)
    return parsed._replace(path=f"{parsed.path.rstrip('/')}_{WORKER}").geturl()


def redis_url_of_worker(url: str | None) -> str | None:
    if not url or not WORKER:
        return url
    parsed = urlparse(url)
    index = int(parsed.path.strip("/") or 0) - worker_number()
    if index < 0:
        raise pytest.UsageError(f"TANGKAS_TEST_REDIS_URL={url}: no Redis db left for worker {WORKER} (db {index})")
    return parsed._replace(path=f"/{index}").geturl()


DB_KIND = os.environ.get("TANGKAS_TEST_DB", "sqlite")
POSTGRES_URL = postgres_url_of_worker(
    os.environ.get("TANGKAS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/tangkas_test")
)
REDIS_URL = redis_url_of_worker(os.environ.get("TANGKAS_TEST_REDIS_URL") or None)
IN_CI = os.environ.get("CI", "").lower() == "true"


def server_missing(what: str, error: BaseException) -> None:
    reason = f"{what} is not reachable: {error}"
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: tests that need a server must run)", pytrace=False)
    pytest.skip(reason)


def recreate_postgres_database(url: str) -> None:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl()

    async def recreate() -> None:
        connection = await asyncpg.connect(admin_url, timeout=5)
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()

    try:
        asyncio.run(recreate())
    except (TimeoutError, OSError, asyncpg.PostgresError) as error:
        server_missing("PostgreSQL", error)


def check_redis(url: str) -> None:
    try:
        Redis.from_url(url, socket_connect_timeout=2).ping()
    except RedisError as error:
        server_missing("Redis", error)
