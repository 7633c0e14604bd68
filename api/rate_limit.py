"""Route guards that spend the caller's request budget (gamification/rate_limits.py)."""

from __future__ import annotations

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler

from gamification.rate_limits import RateLimiter


def client_address(connection: ASGIConnection) -> str:
    """The peer address; behind a reverse proxy the ASGI server's proxy-header support sets it."""
    return connection.client.host if connection.client else "unknown"


def rate_limited(action: str):
    async def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        limiter: RateLimiter | None = connection.app.state.rate_limiter
        if limiter is None:
            return
        actor = connection.scope.get("user")
        await limiter.spend(action, getattr(actor, "person_id", None), client_address(connection))

    return guard
