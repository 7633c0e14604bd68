from __future__ import annotations

import msgspec
from litestar import Controller, Request, Response, get
from litestar.openapi import ResponseSpec

from gamification.storage.health import readiness


class Readiness(msgspec.Struct):
    status: str
    checks: dict[str, str]


class HealthController(Controller):
    tags = ["ops"]

    @get("/health", exclude_from_auth=True)
    async def health(self) -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @get(
        "/ready",
        exclude_from_auth=True,
        responses={503: ResponseSpec(Readiness, description="The database or Redis does not answer")},
    )
    async def ready(self, request: Request) -> Response[Readiness]:
        """Readiness: the database answers, and Redis when it is configured."""
        checks = await readiness(request.app.state.redis)
        healthy = all(value in ("ok", "not configured") for value in checks.values())
        return Response(Readiness("ok" if healthy else "unavailable", checks), status_code=200 if healthy else 503)
