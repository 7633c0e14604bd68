"""Readiness checks for the database and, when configured, Redis."""

from __future__ import annotations

import logging

from redis.asyncio import Redis

from gamification.storage.database import current_engine

log = logging.getLogger(__name__)


async def readiness(redis: Redis | None) -> dict[str, str]:
    checks = {}
    try:
        await current_engine().run_ddl("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # any failure means "not ready"; the reason goes to the log
        log.exception("database not ready")
        checks["database"] = "unavailable"
    if redis is None:
        checks["redis"] = "not configured"
    else:
        try:
            await redis.ping()
            checks["redis"] = "ok"
        except Exception:
            log.exception("redis not ready")
            checks["redis"] = "unavailable"
    return checks
