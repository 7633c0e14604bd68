"""GET /metrics: the Prometheus text format from prometheus_client, labelled by route template."""

import asyncio
import dataclasses
import datetime as dt

import httpx
from prometheus_client.parser import text_string_to_metric_families

from api.app import create_app
from gamification.storage.job_runs import run_once
from gamification.storage.tables import Fact
from tests.awards import WIB, award, boards_ready, this_week_at
from tests.conftest import running
from tests.pending_facts import pending, queue_facts


def samples(text: str) -> dict[tuple[str, tuple], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def scrape(client, **headers) -> dict:
    answer = await client.get("/metrics", headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain; version=")
    return samples(answer.text)


def requests(seen: dict, method: str, route: str, status: str) -> float:
    return seen.get(("tangkas_http_requests_total", (("method", method), ("route", route), ("status", status))), 0)


async def test_requests_are_counted_per_route_template_and_status_class_without_ids(client, world, as_):
    p = world.pontianak
    before = await scrape(client)
    for person in (p.asn, p.asn_child):
        assert (await client.get(f"/api/v1/admin/users/{person}", headers=as_(p.admin))).status_code == 200
    assert (await client.get("/api/v1/admin/users/999999", headers=as_(p.admin))).status_code == 404
    assert (await client.get("/api/v1/me")).status_code == 401  # refused by the sign-in middleware
    after = await scrape(client)
    route = "/api/v1/admin/users/{user_id}"
    assert requests(after, "GET", route, "2xx") - requests(before, "GET", route, "2xx") == 2
    assert requests(after, "GET", route, "4xx") - requests(before, "GET", route, "4xx") == 1
    assert requests(after, "GET", "/api/v1/me", "4xx") - requests(before, "GET", "/api/v1/me", "4xx") == 1
    latency = ("tangkas_http_request_duration_seconds_count", (("method", "GET"), ("route", route)))
    assert after[latency] - before.get(latency, 0) == 3
    assert not any(str(p.asn) in dict(labels).get("route", "") for _, labels in after)  # no ids in labels


async def test_backlog_board_store_and_job_runs(client, world, settings):
    p = world.pontianak
    await award(p.asn, 30, this_week_at(WIB, 0, 9))
    await queue_facts(await Fact.select(Fact.id).where(Fact.person == p.asn).output(as_list=True))
    if settings.redis_url:  # Redis emptied: reads go to SQL until the boards are rebuilt there
        assert (await scrape(client))[("tangkas_board_store", (("store", "sql"),))] == 1
        await boards_ready()
    seen = await scrape(client)
    assert seen[("tangkas_recalc_backlog_facts", ())] == await pending() >= 1
    store = "redis" if settings.redis_url else "sql"
    assert seen[("tangkas_board_store", (("store", store),))] == 1
    assert seen[("tangkas_board_store", (("store", {"redis": "sql", "sql": "redis"}[store]),))] == 0

    def runs(seen: dict, outcome: str) -> float:
        return seen.get(("tangkas_job_runs_total", (("job", "metrics_test"), ("outcome", outcome))), 0)

    at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)

    async def work() -> dict:
        return {}

    assert await run_once("metrics_test", at, work) == {}
    assert await run_once("metrics_test", at, work) is None  # the same trigger again: skipped
    after = await scrape(client)
    assert (runs(after, "ok") - runs(seen, "ok"), runs(after, "skipped") - runs(seen, "skipped")) == (1, 1)
    duration = ("tangkas_job_duration_seconds_count", (("job", "metrics_test"),))
    assert after[duration] - seen.get(duration, 0) == 1


async def test_open_display_streams_are_counted(app, client, world, as_):
    p = world.pontianak
    made = await client.post(
        "/api/v1/admin/displays", json={"name": "TV", "scope": "region", "scope_id": p.region_id}, headers=as_(p.admin)
    )
    before = (await scrape(client))[("tangkas_display_streams_open", ())]
    first_body, hang_up = asyncio.Event(), asyncio.Event()
    asked = False

    async def receive() -> dict:
        nonlocal asked
        if not asked:
            asked = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await hang_up.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.body" and message.get("body"):
            first_body.set()

    path = f"/api/v1/displays/{made.json()['token']}/stream"
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"tangkas.test")],
        "client": ("203.0.113.7", 40000),
        "server": ("tangkas.test", 80),
    }
    streaming = asyncio.create_task(app(scope, receive, send))
    await asyncio.wait_for(first_body.wait(), 10)
    assert (await scrape(client))[("tangkas_display_streams_open", ())] == before + 1
    hang_up.set()
    await asyncio.wait_for(streaming, 10)
    assert (await scrape(client))[("tangkas_display_streams_open", ())] == before


async def test_with_a_metrics_token_only_its_bearer_reads_them(app, settings):
    guarded = create_app(dataclasses.replace(settings, metrics_token="m" * 40))
    async with running(guarded):
        transport = httpx.ASGITransport(app=guarded)
        async with httpx.AsyncClient(transport=transport, base_url="http://tangkas.test") as client:
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "m" * 40}):
                answer = await client.get("/metrics", headers=headers)
                assert (answer.status_code, answer.json()["code"]) == (401, "metrics_token_invalid")
            assert (
                "tangkas_http_requests_total"
                in (await client.get("/metrics", headers={"Authorization": "Bearer " + "m" * 40})).text
            )
