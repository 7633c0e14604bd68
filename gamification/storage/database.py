"""The database seam: one engine per process, chosen by ``TANGKAS_DATABASE_URL``.

SQLite is the embedded default (a file in the working directory); ``postgresql://`` selects
PostgreSQL with a connection pool. Services open transactions through ``unit_of_work``.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import TypeVar
from urllib.parse import unquote, urlparse

from piccolo.apps.migrations.tables import Migration
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType

from gamification.storage.db_errors import is_connection_lost, is_deadlock, is_unique_violation
from gamification.storage.postgres_engine import PostgresExpiringOnLoss
from gamification.storage.settings import Settings
from gamification.storage.sqlite_engine import SQLiteWithSharedReads
from gamification.storage.tables import ALL_TABLES, VIEWS

SQLITE_BUSY_TIMEOUT_SECONDS = 30
log = logging.getLogger(__name__)
T = TypeVar("T")
_after_commit: ContextVar[dict[object, Callable[[], Awaitable[None]]] | None] = ContextVar("after_commit", default=None)


def create_engine(settings: Settings) -> Engine:
    if settings.is_postgres:
        return PostgresExpiringOnLoss(config=postgres_config(settings.database_url))
    if not settings.database_url.startswith("sqlite:///"):
        raise ValueError("TANGKAS_DATABASE_URL must start with sqlite:/// or postgresql://")
    return SQLiteWithSharedReads(path=str(settings.sqlite_path), timeout=SQLITE_BUSY_TIMEOUT_SECONDS)


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
    import gamification.storage.piccolo_conf as piccolo_conf

    piccolo_conf.DB = engine
    for table in [*ALL_TABLES, *VIEWS, Migration]:
        table._meta.db = engine


def current_engine() -> Engine:
    return ALL_TABLES[0]._meta.db


@asynccontextmanager
async def unit_of_work() -> AsyncIterator[None]:
    """A writing transaction: committed when the block ends, rolled back if it raises.

    On SQLite the transaction takes the write lock at BEGIN (IMMEDIATE) so that two writers
    queue on the busy timeout instead of failing half-way. Work registered with ``after_commit``
    runs once the transaction has committed, and never if it rolled back.
    """
    engine = current_engine()
    if isinstance(engine, SQLiteEngine):
        transaction = engine.transaction(transaction_type=TransactionType.immediate)
    else:
        transaction = engine.transaction()
    pending: dict[object, Callable[[], Awaitable[None]]] = {}
    token = _after_commit.set(pending)
    try:
        async with transaction:
            yield
    except BaseException as error:
        if is_connection_lost(error):
            await _expire_pooled_connections(engine)
        raise
    finally:
        _after_commit.reset(token)
        _forget_if_still_current(engine, transaction)
    for work in pending.values():
        try:
            await work()
        except Exception:  # the commit stands; what follows it (a board, a live display) is repaired later
            log.exception("work after commit failed")


RETRIED_TRIES = 3


async def in_retried_unit_of_work(work: Callable[[], Awaitable[T]], tries: int = RETRIED_TRIES) -> T:
    """``work()`` in a unit of work of its own, done again whole when it lost a unique key to another
    transaction meanwhile or PostgreSQL rolled it back to break a lock cycle; raised after ``tries``."""
    for tries_left in reversed(range(tries)):
        try:
            async with unit_of_work():
                return await work()
        except Exception as error:
            if not (is_unique_violation(error) or is_deadlock(error)) or not tries_left:
                raise
    raise AssertionError("unreachable")


def _forget_if_still_current(engine: Engine, transaction) -> None:
    """Piccolo forgets its current transaction only after a rollback that succeeded. When the
    connection died, the rollback fails too, and every later unit of work in this task would join
    the dead transaction as a nested one (a job's "failed" mark, a client's retry in one task)."""
    if engine.current_transaction.get() is transaction:
        engine.current_transaction.reset(transaction.context)


async def _expire_pooled_connections(engine: Engine) -> None:
    """One lost connection usually means the others went with it (a restart, a terminate, a network
    cut), yet asyncpg notices only when each is next used: a client resending at once could draw a
    dead one from the pool and lose a second time. Expired connections are replaced on their next
    acquire or release."""
    pool = getattr(engine, "pool", None)
    if pool is not None:
        await pool.expire_connections()


def after_commit(key: object, work: Callable[[], Awaitable[None]]) -> bool:
    """Run ``work`` after the current unit of work commits (once per ``key``); False outside one."""
    pending = _after_commit.get()
    if pending is None:
        return False
    pending.setdefault(key, work)
    return True


async def open_engine(engine: Engine, pool_size: int = 10) -> None:
    if isinstance(engine, PostgresEngine):
        await engine.start_connection_pool(min_size=1, max_size=pool_size, reset=_nothing_more_to_reset)


async def _nothing_more_to_reset(_connection) -> None:
    """Replaces asyncpg's default reset of a pooled connection, which adds ``RESET ALL; UNLISTEN *;
    CLOSE ALL; pg_advisory_unlock_all()``: a round trip after every query (an eighth of a ``GET /me``
    in the profile) for session state Tangkas never leaves on a pooled connection: settings are
    ``SET LOCAL``, temporary tables go at commit, board events and locks live in Redis, and the
    migration lock has a connection of its own. asyncpg still rolls back an open transaction first."""


async def close_engine(engine: Engine) -> None:
    if isinstance(engine, PostgresEngine):
        await engine.close_connection_pool()
    elif isinstance(engine, SQLiteWithSharedReads):
        await engine.close_reader()


def prepare_sqlite_file(engine: Engine) -> None:
    """WAL lets readers go on while one writer commits; the setting stays in the file."""
    if isinstance(engine, SQLiteEngine):
        with sqlite3.connect(engine.path) as connection:
            connection.execute("PRAGMA journal_mode=WAL")
