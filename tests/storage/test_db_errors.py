"""A lost database connection, and a deadlock, are recognised however deep in the chain of errors they lie."""

import sqlite3

import asyncpg

from gamification.storage.db_errors import is_connection_lost, is_deadlock, is_unique_violation


def raised_while_handling(cause: BaseException, error: BaseException) -> BaseException:
    try:
        try:
            raise cause
        except type(cause):
            raise error  # noqa: B904 - the implicit chain is what a failed rollback leaves
    except type(error) as chained:
        return chained


def test_a_rollback_failing_on_a_dropped_connection_is_a_lost_connection():
    dropped = asyncpg.AdminShutdownError("terminating connection due to administrator command")
    rollback = asyncpg.InterfaceError("cannot call Transaction.rollback(): the underlying connection is closed")
    assert is_connection_lost(raised_while_handling(dropped, rollback))
    assert is_connection_lost(asyncpg.ConnectionDoesNotExistError("connection was closed in the middle of operation"))
    assert is_connection_lost(ConnectionRefusedError(111, "Connect call failed"))


def test_other_errors_are_not():
    assert not is_connection_lost(asyncpg.InterfaceError("cannot perform operation: another operation is in progress"))
    assert not is_connection_lost(ValueError("bad value"))
    assert not is_connection_lost(sqlite3.IntegrityError("UNIQUE constraint failed: attempt.client_id"))
    assert is_unique_violation(sqlite3.IntegrityError("UNIQUE constraint failed: attempt.client_id"))


def test_a_deadlock_is_recognised_under_the_error_raised_while_handling_it():
    deadlock = asyncpg.DeadlockDetectedError("deadlock detected")
    assert is_deadlock(deadlock)
    assert is_deadlock(raised_while_handling(deadlock, RuntimeError("while rolling back")))
    assert not is_deadlock(asyncpg.UniqueViolationError("duplicate key")) and not is_deadlock(None)
