"""The bare baselines: a minimal Litestar app served the same way as Tangkas, doing only the
one thing each Tangkas route is compared with.

- ``GET /json``: a small JSON body (the floor of the framework and the server);
- ``GET /pk/{id}``: one primary-key lookup with asyncpg (what ``GET /me`` must at least do);
- ``GET /board/{n}``: ZREVRANGE 0 9 WITHSCORES + ZREVRANK on the national board's sorted set for
  the n-th sampled person (BENCH_BOARD_PAIRS), from the same Redis client Tangkas uses (what a
  top-10 + ``me`` must at least do).

Run: ``uvicorn bench.bare_app:create_app --factory --workers 2`` with BENCH_DATABASE_URL and
BENCH_REDIS_URL set.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from litestar import Litestar, get
from litestar.datastructures import State
from redis.asyncio import Redis


@get("/json")
async def small_json() -> dict:
    return {"status": "ok", "name": "Tangkas", "level": 3}


@get("/pk/{person_id:int}")
async def primary_key(state: State, person_id: int) -> dict:
    async with state.pool.acquire() as connection:
        row = await connection.fetchrow("SELECT id, name, unit, region FROM person WHERE id = $1", person_id)
    return dict(row) if row else {}


@get("/board/{n:int}")
async def board(state: State, n: int) -> dict:
    key, member = state.pairs[n % len(state.pairs)]
    async with state.redis.pipeline(transaction=False) as pipe:
        top, rank = await pipe.zrevrange(key, 0, 9, withscores=True).zrevrank(key, member).execute()
    return {"entries": [{"member": m, "score": s} for m, s in top], "rank": None if rank is None else rank + 1}


def create_app() -> Litestar:
    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        app.state.pool = await asyncpg.create_pool(os.environ["BENCH_DATABASE_URL"], min_size=2, max_size=10)
        app.state.redis = Redis.from_url(os.environ["BENCH_REDIS_URL"], decode_responses=True)
        app.state.pairs = json.loads(Path(os.environ["BENCH_BOARD_PAIRS"]).read_text())
        try:
            yield
        finally:
            await app.state.redis.aclose()
            await app.state.pool.close()

    return Litestar([small_json, primary_key, board], lifespan=[lifespan], on_startup=[frozen])


def frozen() -> None:
    """Out of the collector's sight once started, as Tangkas's served app (``api.app.create_served_app``)."""
    gc.collect()
    gc.freeze()
