from __future__ import annotations

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency

from gamification.storage.metrics import CONTENT_TYPE, MetricsExposition


class MetricsController(Controller):
    tags = ["ops"]

    @get("/metrics", exclude_from_auth=True, media_type=CONTENT_TYPE, opt={"problems": (401,)})
    async def metrics(
        self, request: Request, metrics_exposition: NamedDependency[MetricsExposition]
    ) -> Response[bytes]:
        """Prometheus metrics: requests per route, recalculation, board store, display streams, job runs, pushes.
        Behind ``Authorization: Bearer <TANGKAS_METRICS_TOKEN>`` when that is set."""
        body = await metrics_exposition.scrape(request.headers.get("authorization"))
        return Response(body, media_type=CONTENT_TYPE, headers={"Cache-Control": "no-store"})
