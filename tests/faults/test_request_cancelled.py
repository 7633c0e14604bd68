"""A client gives up while the server is inside the write of an attempt or a redemption, then sends
the same request (same client_id) again.

- Cancelled: the request's task is cancelled (an ASGI server that cancels the handler when the
  connection drops), between two statements of its transaction on every database, and on
  PostgreSQL also while a statement is running. The write rolls back whole; the resend is
  awarded, or holds, exactly once.
- Hung up on a real uvicorn server, which finishes the write anyway: the resend, sent while the
  first is still writing, replays the first result, even though the balance and the stock would
  not cover a second redemption.
"""

from __future__ import annotations

import asyncio
import socket
from contextlib import asynccontextmanager

import httpx
import pytest
import uvicorn

from gamification.storage.tables import Attempt, Completion, Fact, JpCredit, PointsTotal, Redemption, Reward, XpEntry
from tests.awards import WIB, award, boards_ready, this_week_at
from tests.backends import DB_KIND
from tests.faults.checkpoints import DEADLINE_SECONDS, Arrivals, Pause, until
from tests.faults.postgres import Postgres
from tests.invariants import books_balance, facts_awarded_once
from tests.module_payloads import attempt_body, published_module


class Scene:
    """A learner about to complete a module (60 XP, +10 for a perfect first try) and one with exactly
    enough points (150) for one redemption of the last unit of a reward costing 100."""

    def __init__(self, world, as_, module: dict, reward: dict) -> None:
        p = world.pontianak
        self.learner, self.redeemer = p.asn_child, p.asn
        self.attempt = ("POST", f"/api/v1/modules/{module['id']}/attempts", as_(p.asn_child), attempt_body(module))
        body = {"client_id": "hp-tukar-batal-1"}
        self.redemption = ("POST", f"/api/v1/rewards/{reward['id']}/redemptions", as_(p.asn), body)

    async def held(self) -> int:
        return (await PointsTotal.select(PointsTotal.held).where(PointsTotal.person == self.redeemer).first())["held"]

    async def written(self) -> tuple:
        """What the two writes have left in the database, as seen from outside their transactions."""
        reserved = await Reward.select(Reward.reserved).first()
        return (
            await Attempt.count(),
            await Completion.count(),
            await JpCredit.count(),
            await Fact.count().where(Fact.person == self.learner),
            await XpEntry.count().where(XpEntry.person == self.learner),
            await Redemption.count(),
            await self.held(),
            reserved["reserved"],
        )

    async def books_balance(self) -> None:
        await facts_awarded_once(bonus=10)
        await books_balance({self.learner: 70, self.redeemer: 150})


async def scene(client, world, as_) -> Scene:
    p = world.pontianak
    await award(p.asn, 150, this_week_at(WIB, 0, 9))
    await boards_ready()
    module = await published_module(client, as_(p.admin), xp=60)
    reward = {"name": "Kursi Pelatihan", "kind": "training_seat", "cost": 100, "stock": 1}
    made = await client.post("/api/v1/admin/rewards", json=reward, headers=as_(p.admin))
    assert made.status_code == 201, made.text
    return Scene(world, as_, module, made.json())


async def send(client, request):
    method, url, headers, body = request
    return await client.request(method, url, headers=headers, json=body)


NOTHING_WRITTEN = (0, 0, 0, 0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    "where", ["between_statements", pytest.param("during_a_statement", marks=pytest.mark.postgres)]
)
async def test_a_cancelled_write_leaves_nothing_and_the_resend_counts_once(
    client, world, as_, monkeypatch, database_url, where
):
    s = await scene(client, world, as_)
    requests = [s.attempt, s.redemption]
    if where == "between_statements":
        # After the attempt, its completion, JP credit and fact; after the hold, before the reservation.
        # One at a time: on SQLite the first holds the write lock while it is paused.
        for request, pause_at, peek, half_way in [
            (s.attempt, "gamification.points.awarding.Awarding.after_completion", Attempt.count, 1),
            (s.redemption, "gamification.rewards.redemptions.region_timezone", s.held, 100),
        ]:
            inside = Pause(monkeypatch, pause_at, peek=peek)
            task = asyncio.create_task(send(client, request))
            await asyncio.wait_for(inside.reached.wait(), DEADLINE_SECONDS)
            assert inside.seen == half_way  # the attempt row, or the hold, written in the open transaction
            await cancel([task])
    else:
        async with Postgres.connected(database_url) as postgres:
            async with postgres.writes_held():
                tasks = [asyncio.create_task(send(client, request)) for request in requests]
                await postgres.until_waiting(len(requests))
                await cancel(tasks)
            assert await postgres.open_transactions() == 0  # rolled back and returned, not left holding locks
    assert await s.written() == NOTHING_WRITTEN

    first = [await send(client, request) for request in requests]
    assert [r.status_code for r in first] == [201, 201], [r.text for r in first]
    assert first[0].json()["xp_awarded"] == 70 and first[1].json()["status"] == "pending"
    again = [await send(client, request) for request in requests]
    assert [(r.status_code, r.json()["replayed"]) for r in again] == [(200, True), (200, True)]
    assert await s.written() == (1, 1, 1, 1, 2, 1, 100, 1)
    await s.books_balance()


async def test_a_resend_while_the_abandoned_write_finishes_replays_it(
    client, app, world, as_, monkeypatch, database_url
):
    s = await scene(client, world, as_)
    async with served(app) as base_url:
        for request, pause_at, arriving_at, first_result in [
            (
                s.attempt,
                "gamification.points.awarding.Awarding.after_completion",
                "gamification.learning.attempts.check_client_id",
                {"xp_awarded": 70},
            ),
            (
                s.redemption,
                "gamification.rewards.redemptions.region_timezone",
                "gamification.rewards.redemptions.check_client_id",
                {"cost": 100},
            ),
        ]:
            inside = Pause(monkeypatch, pause_at)
            arrivals = Arrivals(monkeypatch, arriving_at)
            async with httpx.AsyncClient(base_url=base_url) as phone:
                first = asyncio.create_task(send(phone, request))
                await asyncio.wait_for(inside.reached.wait(), DEADLINE_SECONDS)
                await cancel([first])  # the phone hangs up; the server goes on with the write
            async with httpx.AsyncClient(base_url=base_url, timeout=DEADLINE_SECONDS) as phone:
                resend = asyncio.create_task(send(phone, request))
                await asyncio.wait_for(arrivals.second.wait(), DEADLINE_SECONDS)
                if DB_KIND == "postgres":  # the resend waits behind the first write's locks
                    async with Postgres.connected(database_url) as postgres:
                        await postgres.until_waiting(1)
                inside.release()
                answer = await asyncio.wait_for(resend, DEADLINE_SECONDS)
            assert (answer.status_code, answer.json().get("replayed")) == (200, True), answer.text
            assert answer.json().items() >= first_result.items()
    assert await s.written() == (1, 1, 1, 1, 2, 1, 100, 1)
    await s.books_balance()


async def cancel(tasks: list[asyncio.Task]) -> None:
    for task in tasks:
        task.cancel()
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    assert all(isinstance(outcome, asyncio.CancelledError) for outcome in outcomes), outcomes


@asynccontextmanager
async def served(application):
    """The application (its lifespan already running) behind a real uvicorn server in this event loop."""
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(application, lifespan="off", log_level="warning"))
    serving = asyncio.create_task(server.serve(sockets=[listening]))
    await until(lambda: server.started or serving.done(), "uvicorn to start")
    assert server.started, serving
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving
        listening.close()
