from __future__ import annotations

from litestar import Controller, Request, Response, get

from gamification.health import readiness


class HealthController(Controller):
    tags = ["ops"]

    @get("/health", exclude_from_auth=True)
    async def health(self) -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @get("/ready", exclude_from_auth=True)
    async def ready(self, request: Request) -> Response[dict]:
        """Readiness: the database answers, and Redis when it is configured."""
        checks = await readiness(request.app.state.redis)
        healthy = all(value in ("ok", "not configured") for value in checks.values())
        return Response(
            {"status": "ok" if healthy else "unavailable", "checks": checks}, status_code=200 if healthy else 503
        )
