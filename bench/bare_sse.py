"""The bare baseline of the display streams: a minimal Litestar app that fans one Redis pub/sub message
out to every open Server-Sent Event stream, as Tangkas does, and nothing else (no token, no stream
slot, no board read: the message is the screen).

- ``GET /sse``: ``event: screen`` with the last message at once, then one per message published on
  BENCH_SSE_CHANNEL (one subscription per process, one queue per stream).

Run: ``uvicorn bench.bare_sse:create_app --factory`` with BENCH_REDIS_URL set.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar, get
from litestar.datastructures import State
from litestar.response import ServerSentEvent, ServerSentEventMessage
from redis.asyncio import Redis

CHANNEL = os.environ.get("BENCH_SSE_CHANNEL", "bench:sse")


@get("/health")
async def health() -> dict:
    return {"status": "ok"}


@get("/sse")
async def sse(state: State) -> ServerSentEvent:
    async def messages() -> AsyncIterator[ServerSentEventMessage]:
        queue: asyncio.Queue = asyncio.Queue(maxsize=8)
        state.queues.add(queue)
        try:
            yield ServerSentEventMessage(event="screen", data=state.last)
            while True:
                yield ServerSentEventMessage(event="screen", data=await queue.get())
        finally:
            state.queues.discard(queue)

    return ServerSentEvent(messages())


async def fan_out(state: State) -> None:
    async with state.redis.pubsub() as pubsub:
        await pubsub.subscribe(CHANNEL)
        async for message in pubsub.listen():
            if message["type"] == "message":
                state.last = message["data"]
                for queue in list(state.queues):
                    with contextlib.suppress(asyncio.QueueFull):
                        queue.put_nowait(message["data"])


def create_app() -> Litestar:
    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        app.state.redis = Redis.from_url(os.environ["BENCH_REDIS_URL"], decode_responses=True)
        app.state.queues, app.state.last = set(), "{}"
        listener = asyncio.create_task(fan_out(app.state))
        try:
            yield
        finally:
            listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listener
            await app.state.redis.aclose()

    return Litestar([health, sse], lifespan=[lifespan])
