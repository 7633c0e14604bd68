"""The optional Redis seam: a client when ``TANGKAS_REDIS_URL`` is set, ``None`` otherwise."""

from __future__ import annotations

from redis.asyncio import Redis


def create_redis(url: str | None) -> Redis | None:
    if not url:
        return None
    return Redis.from_url(url, decode_responses=True, socket_timeout=2, socket_connect_timeout=2)
