"""Recognising, from either database driver, a unique-constraint violation, a deadlock and a lost connection."""

from __future__ import annotations

import sqlite3

import asyncpg

# The server dropped this session (pg_terminate_backend, a restart, a network cut), or cannot take
# a new one just now. The transaction did not commit (at worst, for a drop during COMMIT, it did:
# clients retry with the same client_id, which replays), so the request can be sent again.
CONNECTION_LOST = (
    asyncpg.PostgresConnectionError,  # class 08: "connection was closed in the middle of operation"
    asyncpg.AdminShutdownError,  # 57P01: terminated by an administrator, or a fast shutdown
    asyncpg.CrashShutdownError,  # 57P02
    asyncpg.CannotConnectNowError,  # 57P03: the server is starting or stopping
    asyncpg.TooManyConnectionsError,  # 53300
    ConnectionError,  # refused or reset while connecting
    # A session terminated while idle in the pool: its next query finds the protocol still consuming
    # the server's farewell (asyncpg issues #784, #1069). The pool discards that connection on release.
    asyncpg.InternalClientError,
)


def is_unique_violation(error: BaseException) -> bool:
    if isinstance(error, asyncpg.UniqueViolationError):
        return True
    return isinstance(error, sqlite3.IntegrityError) and "UNIQUE" in str(error)


def is_deadlock(error: BaseException | None) -> bool:
    """PostgreSQL broke a lock cycle by rolling this transaction back (SQLite's writers take turns); the
    error, or one it arose from."""
    return _in_chain(error, asyncpg.DeadlockDetectedError)


def is_connection_lost(error: BaseException | None) -> bool:
    """True when the error, or one it arose from, is a lost database connection.

    The chain matters: when the connection dies inside a transaction, the rollback fails too, and
    what surfaces is asyncpg's "the underlying connection is closed" raised while handling the cause.
    """
    return _in_chain(error, CONNECTION_LOST)


def _in_chain(error: BaseException | None, kinds) -> bool:
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, kinds):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False
