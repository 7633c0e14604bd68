"""Live board events for office displays: published once, delivered to every stream in every process.

With Redis an event goes through one pub/sub channel, so a completion recorded by one API replica
(or the scheduler) reaches the displays streaming from another; on a Redis Cluster it is a shard
channel (``SPUBLISH``/``SSUBSCRIBE``), which one shard carries instead of every node. Without Redis
(the embedded, single-process mode) events are delivered in the process; so they are too when Redis
is down.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator

from redis.asyncio import Redis
from redis.asyncio.cluster import RedisCluster
from redis.exceptions import RedisError

from gamification.storage.redis_client import is_cluster

log = logging.getLogger(__name__)
CHANNEL = "tk:board-events"  # pub/sub ignores the db number: another db's Tangkas adds ":<db>"
QUEUE_SIZE = 200  # a stream that falls this far behind loses events; it re-reads the board anyway
LISTENER_CLOSE_SECONDS = 2


class BoardEvents:
    def __init__(self, redis: Redis | RedisCluster | None) -> None:
        self.redis = redis
        self._sharded = is_cluster(redis)
        self.channel = channel_of(redis)
        self._queues: set[asyncio.Queue] = set()
        self._listener: asyncio.Task | None = None

    async def publish(self, event: dict) -> None:
        if self.redis is not None:
            try:
                publish = self.redis.spublish if self._sharded else self.redis.publish
                await publish(self.channel, json.dumps(event))
                return
            except (RedisError, OSError) as error:
                log.warning("board event not published through Redis (%s); delivered in this process only", error)
        self._deliver(event)

    async def publish_all(self, events: list[dict]) -> None:
        """Many events at once (a batch moves the boards of thousands of units): on a single Redis in one
        round trip, not one each."""
        if self.redis is None or self._sharded or not events:
            for event in events:
                await self.publish(event)
            return
        try:
            async with self.redis.pipeline(transaction=False) as pipe:
                for event in events:
                    pipe.publish(self.channel, json.dumps(event))
                await pipe.execute()
        except (RedisError, OSError) as error:
            log.warning("board events not published through Redis (%s); delivered in this process only", error)
            for event in events:
                self._deliver(event)

    @contextlib.asynccontextmanager
    async def subscribe(self) -> AsyncIterator[asyncio.Queue]:
        queue: asyncio.Queue = asyncio.Queue(maxsize=QUEUE_SIZE)
        self._queues.add(queue)
        if self.redis is not None and (self._listener is None or self._listener.done()):
            self._listener = asyncio.create_task(self._listen())
        try:
            yield queue
        finally:
            self._queues.discard(queue)

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            # Closing a subscription's connection can stall for good in redis-py (redis/redis-py#3941), and
            # the process with it: the listener is given a moment, then cancelled again where it waits.
            with contextlib.suppress(asyncio.CancelledError, asyncio.TimeoutError, RedisError, OSError):
                await asyncio.wait_for(self._listener, timeout=LISTENER_CLOSE_SECONDS)

    def _deliver(self, event: dict) -> None:
        for queue in list(self._queues):
            with contextlib.suppress(asyncio.QueueFull):
                queue.put_nowait(event)

    async def _listen(self) -> None:
        while self._queues:
            try:
                async with self.redis.pubsub() as pubsub:
                    await (pubsub.ssubscribe(self.channel) if self._sharded else pubsub.subscribe(self.channel))
                    receive = pubsub.get_sharded_message if self._sharded else pubsub.get_message
                    while self._queues:
                        message = await receive(ignore_subscribe_messages=True, timeout=1.0)
                        if message and message.get("type") in ("message", "smessage"):
                            self._deliver(json.loads(message["data"]))
            except (RedisError, OSError, ValueError) as error:
                log.warning("board events: Redis subscription lost (%s); retrying", error)
                await asyncio.sleep(1)


def channel_of(redis: Redis | RedisCluster | None) -> str:
    """Tangkas instances sharing a Redis server on different dbs (test workers, staging beside
    production) must not hear each other's boards move."""
    db = 0 if redis is None or is_cluster(redis) else int(redis.connection_pool.connection_kwargs.get("db") or 0)
    return CHANNEL if db == 0 else f"{CHANNEL}:{db}"
