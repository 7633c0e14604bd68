"""Faults made on PostgreSQL from outside the app, through two connections of the test's own."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import asyncpg

from gamification.storage.tables import Person
from tests.faults.checkpoints import until

WAITING_ON_A_LOCK = (
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
)
IN_TRANSACTION = (
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    " AND pid <> $1 AND (state LIKE 'idle in transaction%' OR state = 'active')"
)
TERMINATE_THE_APPS = (
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
    " WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> $1"
)


async def until_done_or_waiting_for_a_lock(task: asyncio.Task, what: str) -> None:
    """Until ``task`` has finished or a session of the app's database waits for a lock (asked through the app's
    own engine, so it needs no connection of the test's)."""

    async def done_or_waiting() -> bool:
        return task.done() or (await Person.raw(WAITING_ON_A_LOCK))[0]["count"] > 0

    await until(done_or_waiting, what)


class Postgres:
    """``locker`` takes locks that hold the app's writes inside their transactions; ``watcher`` looks
    at the app's sessions and drops them. (Each statement of the watcher is its own transaction, so
    it sees pg_stat_activity afresh: a transaction would keep its first snapshot of it.)"""

    def __init__(self, locker: asyncpg.Connection, watcher: asyncpg.Connection) -> None:
        self.locker, self.watcher = locker, watcher

    @classmethod
    @asynccontextmanager
    async def connected(cls, database_url: str):
        locker = await asyncpg.connect(database_url)
        try:
            watcher = await asyncpg.connect(database_url)
            try:
                yield cls(locker, watcher)
            finally:
                await watcher.close()
        finally:
            await locker.close()

    @asynccontextmanager
    async def writes_held(self):
        """Every write to points_total (an award's totals, a redemption's hold) waits until the block ends."""
        async with self.locker.transaction():
            await self.locker.execute("LOCK TABLE points_total IN EXCLUSIVE MODE")
            yield

    async def until_waiting(self, expected: int) -> None:
        async def waiting() -> bool:
            return await self.watcher.fetchval(WAITING_ON_A_LOCK) == expected

        await until(waiting, f"{expected} sessions of the app to wait on the lock")

    async def drop_the_apps_connections(self) -> int:
        """pg_terminate_backend on every session of this database but the test's own two."""
        return len(await self.watcher.fetch(TERMINATE_THE_APPS, self.locker.get_server_pid()))

    async def open_transactions(self) -> int:
        """Sessions of the app inside a transaction or a statement (none, once every request is answered)."""
        return await self.watcher.fetchval(IN_TRANSACTION, self.locker.get_server_pid())

    async def count(self, table: str) -> int:
        """Rows committed in ``table``, read on the test's own connection."""
        return await self.watcher.fetchval(f"SELECT count(*) FROM {table}")
