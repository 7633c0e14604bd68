"""PostgreSQL drops the app's connections while attempts, a sync batch and redemptions are inside
their writes (twice), and once more while the pool is idle.

Every affected request answers 503 ``database_unavailable`` with Retry-After (not a 500, not a
hang) and leaves nothing half-written; clients resending the same client_id end with each attempt
awarded once and each redemption holding once; the pool serves the requests that follow.

The writes are held inside their transactions by a table lock the test takes, so that the
connections are dropped mid-write every time, not by luck of timing.
"""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from gamification.points.scheduled import recalc_job
from gamification.storage.db_errors import is_connection_lost
from gamification.storage.job_runs import trigger_time
from gamification.storage.tables import Attempt, Completion, Fact, JobRun, JpCredit
from tests import wiring
from tests.awards import WIB, award, boards_ready, this_week_at
from tests.faults.checkpoints import DEADLINE_SECONDS, until
from tests.faults.postgres import Postgres
from tests.invariants import books_balance, facts_awarded_once
from tests.module_payloads import attempt_body, published_module
from tests.pending_facts import import_facts, pending

pytestmark = pytest.mark.postgres


class Phone:
    """A client that resends one request, unchanged, while the server answers 503; it keeps every answer."""

    def __init__(self, client, method: str, url: str, headers: dict, body: dict | None = None) -> None:
        self.client, self.method, self.url, self.headers, self.body = client, method, url, headers, body
        self.answers: list = []

    async def send(self):
        async def answered() -> bool:
            response = await self.client.request(self.method, self.url, json=self.body, headers=self.headers)
            self.answers.append(response)
            return response.status_code != 503  # Retry-After says 2 s; the test need not wait that long

        await until(answered, f"{self.url} to answer other than 503")
        return self.answers[-1]

    @property
    def unavailable(self) -> list:
        return [r for r in self.answers if r.status_code == 503]


async def test_dropped_connections_answer_503_and_retries_award_exactly_once(client, world, as_, database_url):
    p, palu = world.pontianak, world.palu
    await award(p.asn, 250, this_week_at(WIB, 0, 9))
    await award(p.admin, 150, this_week_at(WIB, 0, 10))
    await boards_ready()
    module, other = [await published_module(client, as_(p.admin), xp=60, title=t) for t in ("Etika ASN", "Arsip")]
    palu_module = await published_module(client, as_(palu.admin), xp=40)
    made = await client.post(
        "/api/v1/admin/rewards", json={"name": "Piagam", "kind": "certificate", "cost": 100}, headers=as_(p.admin)
    )
    reward = made.json()

    def attempt_by(person, on):
        url = f"/api/v1/modules/{on['id']}/attempts"
        return Phone(client, "POST", url, as_(person), attempt_body(on))

    def redemption_by(person, client_id):
        url = f"/api/v1/rewards/{reward['id']}/redemptions"
        return Phone(client, "POST", url, as_(person), {"client_id": client_id})

    attempts = [
        attempt_by(p.asn_child, module),
        attempt_by(palu.asn, palu_module),
        attempt_by(palu.asn_child, palu_module),
    ]
    batch = {"attempts": [{"module_id": m["id"], **attempt_body(m)} for m in (module, other)]}
    sync = Phone(client, "POST", "/api/v1/sync", as_(p.manager), batch)
    redemptions = [redemption_by(p.asn, "hp-tukar-001"), redemption_by(p.asn, "hp-tukar-002")]
    redemptions.append(redemption_by(p.admin, "hp-tukar-003"))
    writers = [*attempts, sync, *redemptions]

    async with Postgres.connected(database_url) as postgres:
        async with postgres.writes_held():
            sending = [asyncio.create_task(phone.send()) for phone in writers]
            for dropped in (1, 2):  # the resent requests are caught inside their writes again
                await postgres.until_waiting(len(writers))
                assert await postgres.drop_the_apps_connections() >= len(writers)
                await until(lambda n=dropped: all(len(w.unavailable) >= n for w in writers), "a 503 to each request")
            assert (await postgres.count("attempt"), await postgres.count("redemption")) == (0, 0)  # none half-way
        finals = await asyncio.wait_for(asyncio.gather(*sending), DEADLINE_SECONDS)

        for phone, final in zip(writers, finals, strict=True):
            assert [r.status_code for r in phone.answers] == [503, 503, final.status_code]
            for refused in phone.unavailable:
                assert refused.headers["content-type"] == "application/problem+json"
                assert refused.headers["retry-after"] == "2"
                assert refused.json()["code"] == "database_unavailable"
        assert [r.status_code for r in finals] == [201, 201, 201, 200, 201, 201, 201]
        assert [r.json()["xp_awarded"] for r in finals[:3]] == [70, 50, 50]
        assert [(item["status"], item["result"]["xp_awarded"]) for item in finals[3].json()["results"]] == [
            (201, 70),
            (201, 70),
        ]
        assert all(r.json()["status"] == "pending" for r in finals[4:])

        # The resend of an answered request replays it, and changes nothing.
        replays = [await phone.send() for phone in writers]
        assert [r.status_code for r in replays] == [200] * len(writers)
        assert [item["status"] for item in replays[3].json()["results"]] == [200, 200]

        # Dropped while idle in the pool: the next requests are served (after one 503 at most).
        await postgres.drop_the_apps_connections()
        readers = [Phone(client, "GET", "/api/v1/me", as_(person)) for person in (p.asn, p.manager, palu.asn)]
        late = attempt_by(p.admin, module)
        answered = await asyncio.wait_for(asyncio.gather(*(r.send() for r in [*readers, late])), DEADLINE_SECONDS)
        assert [r.status_code for r in answered] == [200, 200, 200, 201]
        assert all(len(phone.answers) <= 2 for phone in [*readers, late])
        assert [r.json()["balance"] for r in answered[:3]] == [250 - 200, 140, 50]
        assert await postgres.open_transactions() == 0

    completions = 6
    assert (await Attempt.count(), await Completion.count(), await JpCredit.count()) == (completions,) * 3
    assert await Fact.count() == completions + 2
    await facts_awarded_once(bonus=10)
    await books_balance(
        {p.asn: 250, p.admin: 150 + 70, p.asn_child: 70, p.manager: 140, palu.asn: 50, palu.asn_child: 50}
    )


async def test_a_job_whose_connection_drops_records_its_failure(app, world, database_url):
    """The recalculation loses its connection inside a batch: the run is recorded as failed (on a
    fresh connection), not left "running", and the next trigger awards the fact once."""
    p = world.pontianak
    at = this_week_at(WIB, 0, 9)
    await import_facts(
        Fact(
            kind="module_completion",
            person=p.asn,
            source_key="impor:1",
            label="Modul impor",
            occurred_at=at,
            local_date=at.date(),
            region=p.region_id,
            unit=p.head_unit,
            xp=30,
            score=80,
        )
    )
    trigger = trigger_time(dt.datetime.now(dt.timezone.utc), 5)
    async with Postgres.connected(database_url) as postgres:
        async with postgres.writes_held():
            run = asyncio.create_task(recalc_job(**wiring.points_jobs(), now=trigger))
            await postgres.until_waiting(1)
            await postgres.drop_the_apps_connections()
            with pytest.raises(Exception) as failure:
                await asyncio.wait_for(run, DEADLINE_SECONDS)
    assert is_connection_lost(failure.value)
    failed = await JobRun.select().where(JobRun.scheduled_for == trigger).first()
    assert failed["outcome"] == "failed" and failed["finished_at"] is not None
    assert await pending() == 1  # the batch rolled back whole

    assert (await recalc_job(**wiring.points_jobs(), now=trigger + dt.timedelta(minutes=5)))["entries_added"] == 1
    await facts_awarded_once()
    await books_balance({p.asn: 30})
