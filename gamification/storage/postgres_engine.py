"""PostgreSQL whose plain reads, like its units of work, expire the pool once they find a connection lost.

One lost connection usually means the others went with it (a restart, a terminate, a network cut), yet
asyncpg notices only when each is next used. ``unit_of_work`` expires the pool when a transaction loses its
connection; a read outside a transaction (``GET /me``, a board) takes a pooled connection of its own and did
not, so a phone resending at once could draw a second broken one and lose again (seen in
``tests/faults/test_postgres_connections_dropped.py``: ``GET /me`` answered 503 three times running).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from piccolo.engine.postgres import PostgresEngine

from gamification.storage.db_errors import is_connection_lost


class PostgresExpiringOnLoss(PostgresEngine):
    async def _run_in_pool(self, query: str, args: Sequence[Any] | None = None):
        try:
            return await super()._run_in_pool(query, args)
        except Exception as error:
            if is_connection_lost(error) and self.pool is not None:
                await self.pool.expire_connections()  # each is replaced on its next acquire or release
            raise
