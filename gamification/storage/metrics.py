"""Prometheus metrics (``GET /metrics``), through the standard client library.

The counters and histograms are the library's process-wide objects, as its documentation has them:
what a process did (requests, job runs, pushes, open streams). What the whole deployment is in (the
recalculation's backlog, the board store in use) is read when scraped.

Several worker processes (``tangkas serve --workers N``): each has its own counters, and a scrape reaches
one of them. Point ``PROMETHEUS_MULTIPROC_DIR`` at an empty directory shared by the workers (emptied
before they start) and every scrape answers the sum of all of them (prometheus_client's multiprocess mode).
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Awaitable, Callable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from domain.errors import NotAuthenticated
from gamification.storage.tables import PendingFact

HTTP_REQUESTS = Counter(
    "tangkas_http_requests",
    "HTTP requests answered, by route template (no ids) and status class",
    ["method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "tangkas_http_request_duration_seconds",
    "Time to the start of the answer, by route template",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
JOB_RUNS = Counter(
    "tangkas_job_runs",
    "Scheduled job triggers by job and outcome (ok, failed; skipped: another process ran it)",
    ["job", "outcome"],
)
JOB_DURATION = Histogram(
    "tangkas_job_duration_seconds",
    "Scheduled job runs by job (recalc, recalc_full: the recalculations)",
    ["job"],
    buckets=(0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600),
)
RECALC_BACKLOG = Gauge(
    "tangkas_recalc_backlog_facts",
    "Facts the points engine has not evaluated yet (read when scraped)",
    multiprocess_mode="mostrecent",
)
BOARD_STORE = Gauge(
    "tangkas_board_store",
    "The leaderboard store reads are served from: 1 for the one in use (read when scraped)",
    ["store"],
    multiprocess_mode="mostrecent",
)
DISPLAY_STREAMS = Gauge(
    "tangkas_display_streams_open",
    "Office display streams (server-sent events) open",
    multiprocess_mode="livesum",
)
PUSH_SENDS = Counter("tangkas_push_sends", "Push sends to one device, by result", ["result"])
PUSH_DONE = Counter("tangkas_push_notifications", "Notifications the push sender is done with, by outcome", ["outcome"])

CONTENT_TYPE = CONTENT_TYPE_LATEST


async def exposition(board_store: str) -> bytes:
    """The text exposition, the deployment-wide gauges read now; ``board_store`` is ``redis`` or ``sql``."""
    RECALC_BACKLOG.set(await PendingFact.count())  # the queue pending_fact
    for store in ("redis", "sql"):
        BOARD_STORE.labels(store).set(1 if store == board_store else 0)
    return generate_latest(_registry())


def _registry() -> CollectorRegistry:
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


class MetricsExposition:
    """``GET /metrics`` for operators: open like ``/health`` (a private network), or behind a bearer token
    when ``TANGKAS_METRICS_TOKEN`` is set."""

    def __init__(self, token: str | None, board_store: Callable[[], Awaitable[str]]) -> None:
        self._token = token
        self._board_store = board_store

    async def scrape(self, authorization: str | None) -> bytes:
        if self._token is not None:
            scheme, _, given = (authorization or "").partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), self._token.encode()):
                raise NotAuthenticated("metrics_token_invalid")
        return await exposition(await self._board_store())
