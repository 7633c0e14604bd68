"""The optional Redis seam: a client when ``TANGKAS_REDIS_URL`` is set, ``None`` otherwise.

``redis+cluster://host:port`` (or ``rediss+cluster://`` with TLS) names any node of a Redis
Cluster: the client learns the others from it. Board keys share a hash tag per board, so each Lua
script runs on one shard; board events go through sharded pub/sub there (``SPUBLISH``).
"""

from __future__ import annotations

from redis.asyncio import Redis
from redis.asyncio.cluster import RedisCluster

CLUSTER_SCHEMES = {"redis+cluster": "redis", "rediss+cluster": "rediss"}


def create_redis(url: str | None, *, text: bool = True) -> Redis | RedisCluster | None:
    """A client for ``url`` (a cluster for ``redis+cluster://``); ``text=False`` answers bytes, as DUMP needs."""
    if not url:
        return None
    options = {"decode_responses": text, "socket_timeout": 2, "socket_connect_timeout": 2}
    scheme, _, rest = url.partition("://")
    if scheme in CLUSTER_SCHEMES:
        return RedisCluster.from_url(f"{CLUSTER_SCHEMES[scheme]}://{rest}", **options)
    return Redis.from_url(url, **options)


def is_cluster(redis: Redis | RedisCluster | None) -> bool:
    return isinstance(redis, RedisCluster)
