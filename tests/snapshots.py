"""Database states built once through the services, then restored before each test in a few bulk statements.

A snapshot holds the rows a build added to every table (over the defaults an emptied database holds), the
id sequences as the build left them, and the Redis keys. Restoring writes them back with the database's
triggers and foreign-key checks off, so the rows come back exactly as the build left them: on PostgreSQL
``session_replication_role = replica``; on SQLite a connection of its own, where foreign keys are off
unless asked for and the only insert trigger (``points_period_late``) waits on ``points_period_archived``,
restored after ``points_period``. ``tests/storage/test_snapshots.py`` compares a restored world with a built one.
"""

from __future__ import annotations

import copy
import datetime as dt
import fcntl
import pickle
import sqlite3
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from gamification.storage.database import current_engine, unit_of_work
from gamification.storage.redis_client import create_redis
from gamification.storage.tables import ALL_TABLES
from tests.clock import ZONES

TABLES = [table._meta.tablename for table in ALL_TABLES]
Rows = dict[str, tuple[list[str], list[tuple]]]  # table: its columns, its rows in id order


@dataclass(frozen=True)
class Snapshot:
    value: Any  # what the build returned (the World, the seed's summary)
    rows: Rows
    sequences: dict[str, tuple[int, bool]]  # PostgreSQL: each sequence's last value and whether it was used
    redis: list[tuple[bytes, int, bytes]] = field(default_factory=list)  # key, milliseconds to live, DUMP
    taken_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    taken_monotonic: float = field(default_factory=time.monotonic)

    def still_current(self) -> bool:
        """Taken on today's date in each of Indonesia's zones: a test after midnight (or the turn of a week,
        month or year) would find a build of yesterday, which a build now would not have made."""
        now = dt.datetime.now(dt.timezone.utc)
        return all(
            self.taken_at.astimezone(ZoneInfo(zone)).date() == now.astimezone(ZoneInfo(zone)).date() for zone in ZONES
        )


taken: dict[str, Snapshot] = {}  # by name, in this process


async def built_once(name: str, build: Callable[[], Awaitable[Any]], redis_url: str | None) -> Any:
    """What ``build`` returns on an emptied database, and the rows it leaves: built once per process, then
    restored (built again on a new day, or every time if a restore could not be exact)."""
    snapshot = taken.get(name)
    if snapshot is not None and snapshot.still_current():
        return await restore(snapshot, redis_url)
    value, snapshot = await take(build, redis_url)
    if snapshot is not None:
        taken[name] = snapshot
    return value


async def shared_once(name: str, build: Callable[[], Awaitable[Any]], redis_url: str | None, directory: Path) -> Any:
    """As ``built_once``, but once for every worker of the run: the first to need it builds it and writes
    it under ``directory`` (shared by the workers), the others wait for the file and restore it."""
    snapshot = taken.get(name)
    if snapshot is not None and snapshot.still_current():
        return await restore(snapshot, redis_url)
    path = directory / f"{name}.pickle"
    with open(directory / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # blocks this worker's loop while another builds: it has nothing else to do
        if path.exists():
            snapshot = pickle.loads(path.read_bytes())
            if snapshot.still_current():
                taken[name] = snapshot
                return await restore(snapshot, redis_url)
        value, snapshot = await take(build, redis_url)
        if snapshot is not None:
            taken[name] = snapshot
            path.with_suffix(".partial").write_bytes(pickle.dumps(snapshot))
            path.with_suffix(".partial").rename(path)
        return value


async def take(build: Callable[[], Awaitable[Any]], redis_url: str | None) -> tuple[Any, Snapshot | None]:
    """Run ``build`` on an emptied database: what it returned, and what it added (None: not restorable,
    as the build changed a row that was there before it, a default)."""
    before = await dump_rows()
    value = await build()
    rows = added(before, await dump_rows())
    if rows is None:
        return value, None
    redis = await dump_redis(redis_url) if redis_url else []
    return value, Snapshot(value=copy.deepcopy(value), rows=rows, sequences=await sequences(), redis=redis)


async def restore(snapshot: Snapshot, redis_url: str | None) -> Any:
    """Write the snapshot back into an emptied database (and an emptied Redis); returns a copy of its value."""
    if current_engine().engine_type == "postgres":
        await _restore_postgres(snapshot)
    else:
        _restore_sqlite(snapshot)
    if redis_url:
        await _restore_redis(snapshot, redis_url)
    return copy.deepcopy(snapshot.value)


async def dump_rows(tables: list[str] = TABLES) -> Rows:
    """Every row of these tables, as the driver reads them without conversion."""
    if current_engine().engine_type == "postgres":
        async with unit_of_work():
            connection = current_engine().current_transaction.get().connection
            dumped = {}
            for table in tables:
                records = await connection.fetch(f"SELECT * FROM {table} ORDER BY 1")
                columns = list(records[0].keys()) if records else []
                dumped[table] = (columns, [tuple(record) for record in records])
            return dumped
    with _sqlite() as connection:
        dumped = {}
        for table in tables:
            cursor = connection.execute(f"SELECT * FROM {table} ORDER BY 1")
            dumped[table] = ([column[0] for column in cursor.description], cursor.fetchall())
        return dumped


def added(before: Rows, after: Rows) -> Rows | None:
    """The rows of each table whose ids were not there before (every table's first column is its id)."""
    added = {}
    for table, (columns, rows) in after.items():
        kept = {row[0]: row for row in before[table][1]}
        if [row for row in rows if row[0] in kept] != list(kept.values()):
            return None
        new = [row for row in rows if row[0] not in kept]
        if new:
            added[table] = (columns, new)
    return added


async def sequences() -> dict[str, tuple[int, bool]]:
    """PostgreSQL's id sequences as they stand (SQLite's ids follow the largest id: no AUTOINCREMENT)."""
    if current_engine().engine_type != "postgres":
        with _sqlite() as connection:
            autoincrement = connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")
            assert not autoincrement.fetchone(), "a table uses AUTOINCREMENT: restore its sqlite_sequence row too"
        return {}
    rows = await current_engine().run_ddl(
        "SELECT sequence.oid::regclass::text AS name, pg_sequence_last_value(sequence.oid) AS last_value"
        " FROM pg_class sequence"
        " JOIN pg_depend owned ON owned.objid = sequence.oid AND owned.deptype IN ('a', 'i')"
        " JOIN pg_class owner ON owner.oid = owned.refobjid"
        f" WHERE sequence.relkind = 'S' AND owner.relname IN ({', '.join(repr(name) for name in TABLES)})"
        " ORDER BY 1"
    )
    # no last value: not used since its restart (setval to 1, not called)
    return {row["name"]: (row["last_value"] or 1, row["last_value"] is not None) for row in rows}


async def _restore_postgres(snapshot: Snapshot) -> None:
    async with unit_of_work():
        connection = current_engine().current_transaction.get().connection
        await connection.execute("SET LOCAL session_replication_role = replica")  # no triggers, no FK checks
        for table, (columns, rows) in snapshot.rows.items():
            await connection.copy_records_to_table(table, records=rows, columns=columns)
        if snapshot.sequences:
            settings = ", ".join(
                f"setval('{name}', {value}, {'true' if used else 'false'})"
                for name, (value, used) in snapshot.sequences.items()
            )
            await connection.execute(f"SELECT {settings}")


def _restore_sqlite(snapshot: Snapshot) -> None:
    with _sqlite() as connection:
        connection.execute("BEGIN IMMEDIATE")
        for table, (columns, rows) in snapshot.rows.items():
            places = ", ".join("?" for _ in columns)
            connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({places})", rows)
        connection.execute("COMMIT")


class _sqlite:
    """A plain connection to the test database: values as stored, foreign keys not enforced."""

    def __enter__(self) -> sqlite3.Connection:
        self.connection = sqlite3.connect(current_engine().path, timeout=30, isolation_level=None)
        self.connection.execute("PRAGMA foreign_keys = OFF")
        return self.connection

    def __exit__(self, *_) -> None:
        self.connection.close()


async def dump_redis(url: str) -> list[tuple[bytes, int, bytes]]:
    async with create_redis(url, text=False) as redis:
        keys = sorted([key async for key in redis.scan_iter(count=1000)])
        return [(key, await redis.pttl(key), await redis.dump(key)) for key in keys]


async def _restore_redis(snapshot: Snapshot, url: str) -> None:
    """The keys back with what is left of their time to live; a key whose time ran out stays gone."""
    elapsed = int((time.monotonic() - snapshot.taken_monotonic) * 1000)
    async with create_redis(url, text=False) as redis:
        for key, ttl, dumped in snapshot.redis:
            if ttl < 0:
                await redis.restore(key, 0, dumped, replace=True)  # 0: no time to live
            elif ttl > elapsed:
                await redis.restore(key, ttl - elapsed, dumped, replace=True)
