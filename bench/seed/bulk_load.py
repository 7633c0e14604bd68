"""Writing generated rows in bulk: COPY on PostgreSQL, batched ``executemany`` on SQLite.

Rows carry their ids (the generator needs them for foreign keys), so the id sequences are moved
past them afterwards. Only for loading whole tables of generated data (``python -m bench.seed``),
never for the application's own writes, which go through units of work.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Protocol

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine

# Index builds sort in memory up to this much (per build); the server's default (64 MB) spills to disk.
INDEX_BUILD_MEMORY = "512MB"


class BulkWriter(Protocol):
    async def write(self, table: str, columns: Sequence[str], rows: list[tuple]) -> None: ...

    def transaction(self) -> AbstractAsyncContextManager: ...

    async def next_id(self, table: str) -> int: ...

    async def move_sequence(self, table: str) -> None: ...

    def without_secondary_indexes(
        self, table: str, progress: Callable[[int, int], None]
    ) -> AbstractAsyncContextManager: ...

    async def analyze(self, table: str) -> None: ...


class PostgresWriter:
    def __init__(self, connection) -> None:
        self.connection = connection

    async def write(self, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
        await self.connection.copy_records_to_table(table, records=rows, columns=list(columns))

    def transaction(self):
        return self.connection.transaction()

    async def next_id(self, table: str) -> int:
        return await self.connection.fetchval(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")

    async def move_sequence(self, table: str) -> None:
        await self.connection.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table} HAVING MAX(id) IS NOT NULL"
        )

    @asynccontextmanager
    async def without_secondary_indexes(self, table: str, progress: Callable[[int, int], None]):
        """Inside a transaction: drop the table's secondary indexes, unique and foreign keys, and
        build them again at the end in one pass each, which is far quicker than keeping them up to
        date row by row (1 million facts: 9 s instead of 28 s; the gap grows with the table).
        Should the load fail, the transaction rolls the drops back too."""
        constraints = await self.connection.fetch(
            "SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint "
            "WHERE conrelid = $1::regclass AND contype IN ('u', 'f') ORDER BY contype DESC, conname",
            table,
        )
        indexes = await self.connection.fetch(
            "SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition FROM pg_index "
            "WHERE indrelid = $1::regclass AND NOT indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid) ORDER BY 1",
            table,
        )
        for constraint in constraints:
            await self.connection.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{constraint["conname"]}"')
        for index in indexes:
            await self.connection.execute(f"DROP INDEX {index['name']}")
        yield
        await self.connection.execute(f"SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'")
        total = len(constraints) + len(indexes)
        for done, index in enumerate(indexes, start=1):
            await self.connection.execute(index["definition"])
            progress(done, total)
        for done, constraint in enumerate(constraints, start=len(indexes) + 1):
            await self.connection.execute(
                f'ALTER TABLE {table} ADD CONSTRAINT "{constraint["conname"]}" {constraint["definition"]}'
            )
            progress(done, total)

    async def analyze(self, table: str) -> None:
        # VACUUM as well: it sets the hint bits and the visibility map once, here, instead of the
        # first benchmark query paying for rewriting every page it reads.
        await self.connection.execute(f"VACUUM (ANALYZE) {table}")


class SqliteWriter:
    def __init__(self, connection) -> None:
        self.connection = connection

    async def write(self, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
        marks = ", ".join("?" for _ in columns)
        await self.connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    @asynccontextmanager
    async def transaction(self):
        await self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            await self.connection.execute("ROLLBACK")
            raise
        await self.connection.execute("COMMIT")

    async def next_id(self, table: str) -> int:
        cursor = await self.connection.execute(f"SELECT COALESCE(MAX(id), 0) + 1 AS next FROM {table}")
        return (await cursor.fetchone())["next"]

    async def move_sequence(self, table: str) -> None:
        """SQLite gives a new row MAX(id) + 1 by itself."""

    @asynccontextmanager
    async def without_secondary_indexes(self, table: str, progress: Callable[[int, int], None]):
        yield  # SQLite holds only small seeds: keeping the indexes costs little there

    async def analyze(self, table: str) -> None:
        await self.connection.execute(f"ANALYZE {table}")


@asynccontextmanager
async def bulk_writer(engine: Engine) -> AsyncIterator[BulkWriter]:
    """A connection of its own for bulk writes (PostgreSQL: taken from the engine's pool)."""
    if isinstance(engine, PostgresEngine):
        async with engine.pool.acquire() as connection:
            yield PostgresWriter(connection)
        return
    connection = await engine.get_connection()
    try:
        yield SqliteWriter(connection)
    finally:
        await connection.close()
