"""The database seam: one engine per process, chosen by ``TANGKAS_DATABASE_URL``.

SQLite is the embedded default (a file in the working directory); ``postgresql://`` selects
PostgreSQL with a connection pool. Services open transactions through ``unit_of_work``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import unquote, urlparse

from piccolo.apps.migrations.tables import Migration
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType

from gamification.config import Settings
from gamification.tables import ALL_TABLES

SQLITE_BUSY_TIMEOUT_SECONDS = 30


def create_engine(settings: Settings) -> Engine:
    if settings.is_postgres:
        return PostgresEngine(config=postgres_config(settings.database_url))
    if not settings.database_url.startswith("sqlite:///"):
        raise ValueError("TANGKAS_DATABASE_URL must start with sqlite:/// or postgresql://")
    return SQLiteEngine(path=str(settings.sqlite_path), timeout=SQLITE_BUSY_TIMEOUT_SECONDS)


def postgres_config(url: str) -> dict[str, object]:
    parsed = urlparse(url)
    config: dict[str, object] = {
        "host": parsed.hostname or "127.0.0.1",
        "port": parsed.port or 5432,
        "database": (parsed.path or "/tangkas").lstrip("/") or "tangkas",
    }
    if parsed.username:
        config["user"] = unquote(parsed.username)
    if parsed.password:
        config["password"] = unquote(parsed.password)
    return config


def bind_engine(engine: Engine) -> None:
    """Point every table, and Piccolo's migration runner, at ``engine``."""
    import gamification.piccolo_conf as piccolo_conf

    piccolo_conf.DB = engine
    for table in [*ALL_TABLES, Migration]:
        table._meta.db = engine


def current_engine() -> Engine:
    return ALL_TABLES[0]._meta.db


@asynccontextmanager
async def unit_of_work() -> AsyncIterator[None]:
    """A writing transaction: committed when the block ends, rolled back if it raises.

    On SQLite the transaction takes the write lock at BEGIN (IMMEDIATE) so that two writers
    queue on the busy timeout instead of failing with "database is locked" half-way.
    """
    engine = current_engine()
    if isinstance(engine, SQLiteEngine):
        async with engine.transaction(transaction_type=TransactionType.immediate):
            yield
    else:
        async with engine.transaction():
            yield


async def open_engine(engine: Engine, pool_size: int = 10) -> None:
    if isinstance(engine, PostgresEngine):
        await engine.start_connection_pool(min_size=1, max_size=pool_size)


async def close_engine(engine: Engine) -> None:
    if isinstance(engine, PostgresEngine):
        await engine.close_connection_pool()


def prepare_sqlite_file(engine: Engine) -> None:
    """WAL lets readers go on while one writer commits; the setting stays in the file."""
    if isinstance(engine, SQLiteEngine):
        with sqlite3.connect(engine.path) as connection:
            connection.execute("PRAGMA journal_mode=WAL")
