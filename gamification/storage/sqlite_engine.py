"""SQLite with one shared connection for plain reads.

Piccolo opens a connection, and with it a thread, for every statement outside a transaction: about
0.6 ms each, more than the read itself. Here a statement that only reads (it starts with SELECT)
goes to one connection the process keeps; writes outside a transaction keep a connection of their
own (a failed one must not leave an open transaction on a shared connection), and transactions are
Piccolo's as before. In WAL mode a read never blocks and sees what was committed when it began.
"""

from __future__ import annotations

from typing import Any

import aiosqlite
from piccolo.engine.sqlite import SQLiteEngine, dict_factory


class SQLiteWithSharedReads(SQLiteEngine):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._reader: aiosqlite.Connection | None = None

    async def _run_in_new_connection(
        self, query: str, args: list[Any] | None = None, query_type: str = "generic", table=None
    ):
        if query.lstrip()[:6].upper() != "SELECT":
            return await super()._run_in_new_connection(query, args, query_type, table)
        reader = self._reader or await self._open_reader()
        async with reader.execute(query, args or []) as cursor:
            return await cursor.fetchall()

    async def _open_reader(self) -> aiosqlite.Connection:
        connection = aiosqlite.connect(**self.connection_kwargs)
        # a process that never closes its engine (a one-off command) must still exit: the connection's
        # thread, started when the connection is awaited, is a daemon
        connection._thread.daemon = True
        await connection
        connection.row_factory = dict_factory
        await connection.execute("PRAGMA foreign_keys = 1")
        if self._reader is not None:  # another task opened it meanwhile
            await connection.close()
            return self._reader
        self._reader = connection
        return connection

    async def close_reader(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None:
            await reader.close()
