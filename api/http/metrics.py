"""Counts every HTTP answer and times it to its first byte, labelled by the route's template (never the raw
path: ids would make a series per record) and the status class."""

from __future__ import annotations

import time

from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from api.http.errors import status_of
from domain.errors import DomainError
from gamification.storage.metrics import HTTP_LATENCY, HTTP_REQUESTS


class MetricsMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        started = time.perf_counter()
        answered = False

        def count(status: int) -> None:
            nonlocal answered
            answered = True
            route = route_label(scope)
            HTTP_REQUESTS.labels(scope["method"], route, f"{status // 100}xx").inc()
            HTTP_LATENCY.labels(scope["method"], route).observe(time.perf_counter() - started)

        async def counted(message: Message) -> None:
            if message["type"] == "http.response.start" and not answered:
                count(message["status"])
            await send(message)

        try:
            await next_app(scope, receive, counted)
        except BaseException as error:
            if not answered:  # answered further out (a refusal raised by a middleware): counted here
                count(status_of(error) if isinstance(error, DomainError) else getattr(error, "status_code", 500))
            raise


def route_label(scope: Scope) -> str:
    """``/api/v1/admin/users/{user_id:int}`` → ``/api/v1/admin/users/{user_id}``."""
    template = scope.get("path_template") or "unmatched"
    parts = [part.split(":")[0] + "}" if part.startswith("{") and ":" in part else part for part in template.split("/")]
    return "/".join(parts).rstrip("/") or "/"
