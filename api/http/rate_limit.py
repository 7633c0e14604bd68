"""Route guards that spend the caller's request budget (gamification/limits/request_budgets.py)."""

from __future__ import annotations

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler
from litestar.types import Scope

from domain.limits import address_for_limits
from gamification.limits.request_budgets import RateLimiter


def client_address_of_scope(scope: Scope) -> str:
    """The peer address; behind a reverse proxy the ASGI server's proxy-header support sets it."""
    client = scope.get("client")
    return client[0] if client else "unknown"


def client_address(connection: ASGIConnection) -> str:
    """The address every request budget and per-address counter keys on (an IPv6 /64 is one address); the
    audit log keeps the exact one."""
    return address_for_limits(client_address_of_scope(connection.scope))


def rate_limited(action: str):
    async def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        limiter: RateLimiter = connection.app.state.rate_limiter
        actor = connection.scope.get("user")
        await limiter.spend(action, getattr(actor, "person_id", None), client_address(connection))

    guard.rate_limited = action  # the OpenAPI document lists 429 for it
    return guard
