"""Which database and Redis a test run uses, chosen by environment variables.

TANGKAS_TEST_DB=sqlite|postgres (default sqlite); TANGKAS_TEST_REDIS_URL=redis://... turns the
Redis variant on. With CI=true a missing server fails the run instead of skipping it.
"""

from __future__ import annotations

import asyncio
import os
from urllib.parse import urlparse

import asyncpg
import pytest
from redis import Redis
from redis.exceptions import RedisError

DB_KIND = os.environ.get("TANGKAS_TEST_DB", "sqlite")
POSTGRES_URL = os.environ.get("TANGKAS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/tangkas_test")
REDIS_URL = os.environ.get("TANGKAS_TEST_REDIS_URL") or None
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
