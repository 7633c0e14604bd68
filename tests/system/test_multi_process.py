"""Two API processes and two scheduler processes on one PostgreSQL and one Redis, as deployed.

``tangkas serve`` runs twice (``TANGKAS_SCHEDULER=off``) and ``tangkas scheduler`` twice, with
the recalculation every two seconds so that both schedulers fire many triggers within the test.
Eight learners complete modules through both APIs at once, round after round: the same attempt
sent to both, two attempts at one module (one through each), two modules at once (one through
each); in the second round they redeem too (the same redemption through both, and a last unit of
stock raced for across the processes). Meanwhile facts arrive unawarded, as an import records
them, for the recalculation to award to the same people. Rounds go on until the schedulers have
awarded such facts at three triggers. Afterwards:

- every trigger ran once: one ``job_run`` row per job and trigger, none left out, none run by an
  API process, and triggers run by one scheduler while the other fired them and found them taken;
- every award exists once: one completion per person and module, one ledger entry per fact and
  rule, every fact's entries worth its XP, the totals equal the ledger, the holds and the stock
  equal the redemptions;
- both APIs answer the same unit, region and national boards, which Redis holds as SQL computes
  them, also at once after a completion made through the other API;
- an office display streaming from API 1 shows a completion made through API 2 (Redis pub/sub),
  before its 15 s heartbeat would have re-read the board anyway.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import httpx
import pytest
from redis.asyncio import Redis

from gamification.boards import build_boards
from gamification.boards.display_feeds import HEARTBEAT_SECONDS
from gamification.boards.redis_store import READY_KEY
from gamification.storage.redis_client import create_redis
from gamification.storage.settings import Settings
from gamification.storage.tables import Completion, Fact, JobRun, Person, XpEntry
from tests.conftest import TEST_SECRET
from tests.factories import World, bearer, build_world
from tests.faults.checkpoints import until
from tests.invariants import boards_agree, facts_awarded_once, holds_agree, ledger_xp, totals_agree_with_ledger
from tests.module_payloads import attempt_body, published_module
from tests.pending_facts import import_facts as record_pending
from tests.pending_facts import pending
from tests.processes import Processes, TangkasProcess

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

RECALC_EVERY_SECONDS = 2
RECALCULATIONS_AWARDING = 3  # rounds go on until the schedulers have awarded imported facts this often
MIN_ROUNDS, MAX_SECONDS = 2, 180  # generous: on a loaded machine one run may span several triggers
ROUND_SECONDS = RECALC_EVERY_SECONDS / 2  # a fast machine still spreads its rounds over several triggers
PERFECT_FIRST_ATTEMPT_BONUS = 10  # the default rule
SCARCE_STOCK = 3
IMPORT_EVERY_SECONDS = 0.25
FIRED_BY_BOTH = 5  # triggers, at least
FIRED = re.compile(r"job (\S+) for (\S+): (running here|taken by another process)")


@dataclass
class Cluster:
    world: World
    settings: Settings
    processes: Processes
    apis: list[TangkasProcess]
    schedulers: list[TangkasProcess]
    both_firing_from: dt.datetime  # both schedulers had started their jobs by then

    def as_(self, person_id: int) -> dict[str, str]:
        return bearer(self.settings, person_id)


@dataclass
class Traffic:
    completed: set[tuple[int, int]] = field(default_factory=set)  # (person, module)
    imported: int = 0
    scarce_units: int = 0
    stop: asyncio.Event = field(default_factory=asyncio.Event)


@pytest.fixture
async def cluster(db, database_url, redis_url, tmp_path):
    """The world in the database and an empty Redis, then two APIs and two schedulers on them."""
    async with Redis.from_url(redis_url) as redis:
        await redis.flushdb()
    world = await build_world()
    env = {"TANGKAS_DATABASE_URL": database_url, "TANGKAS_REDIS_URL": redis_url, "TANGKAS_JWT_SECRET": TEST_SECRET}
    processes = Processes(env | {"TANGKAS_RATE_LIMITS": "off"}, tmp_path)
    try:
        apis = [processes.serve(f"api-{n}", env={"TANGKAS_SCHEDULER": "off"}) for n in (1, 2)]
        every = {"TANGKAS_RECALC_EVERY_SECONDS": str(RECALC_EVERY_SECONDS)}
        schedulers = [processes.scheduler(f"scheduler-{n}", env=every) for n in (1, 2)]
        await asyncio.gather(*(processes.ready(process) for process in [*apis, *schedulers]))
        settings = Settings(database_url=database_url, redis_url=redis_url, jwt_secret=TEST_SECRET)
        yield Cluster(world, settings, processes, apis, schedulers, dt.datetime.now(dt.timezone.utc))
    finally:
        processes.kill_all()


async def test_two_apis_and_two_schedulers_award_once_run_each_trigger_once_and_agree(cluster, request):
    try:
        async with (
            httpx.AsyncClient(base_url=cluster.apis[0].url, timeout=30) as api1,
            httpx.AsyncClient(base_url=cluster.apis[1].url, timeout=30) as api2,
        ):
            await the_cluster_holds(cluster, api1, api2)
    except BaseException:
        request.node.add_report_section("call", "tangkas processes", cluster.processes.report())
        raise


async def the_cluster_holds(cluster: Cluster, api1: httpx.AsyncClient, api2: httpx.AsyncClient) -> None:
    traffic = await drive_traffic(cluster, [api1, api2])
    assert traffic.scarce_units == SCARCE_STOCK  # the last units went to exactly that many, across both processes
    await until(all_facts_evaluated, "the recalculation to award the last imported facts")
    await every_award_exists_once(traffic)
    await redis_boards_marked_complete(cluster.settings)
    await both_apis_answer_the_same_boards(cluster, api1, api2)

    await a_display_on_api1_shows_a_completion_through_api2(cluster, api1, api2, traffic)
    await both_apis_answer_the_same_boards(cluster, api1, api2)  # at once: Redis had it before API 2 answered
    await every_award_exists_once(traffic)

    await every_trigger_ran_once(cluster, traffic_done=dt.datetime.now(dt.timezone.utc))
    assert all(process.alive() for process in cluster.processes.started)


async def drive_traffic(cluster: Cluster, apis: list[httpx.AsyncClient]) -> Traffic:
    """Rounds of completions (and redemptions in the second) through both APIs, with imports alongside,
    until the schedulers have awarded imported facts at enough triggers."""
    world, as_, traffic = cluster.world, cluster.as_, Traffic()
    admin = as_(world.superadmin)
    plenty = await make_reward(apis[1], admin, name="Piagam Digital", cost=40)
    scarce = await make_reward(apis[0], admin, name="Kursi Pelatihan", cost=10, stock=SCARCE_STOCK)
    learners = learners_of(world)
    began = dt.datetime.now(dt.timezone.utc)
    importing = asyncio.create_task(import_facts(learners, traffic))
    try:
        deadline = time.monotonic() + MAX_SECONDS
        for round_ in itertools.count():
            if round_ >= MIN_ROUNDS and await recalculations_awarding(since=began) >= RECALCULATIONS_AWARDING:
                break
            assert time.monotonic() < deadline, "the schedulers did not award the imported facts"
            round_began = time.monotonic()
            titles = [(f"Modul {round_}.{n}", 20 + 5 * n) for n in range(4)]
            modules = [await published_module(apis[0], admin, title=title, xp=xp) for title, xp in titles]
            learning = (
                learner_round(apis, as_(p), modules, round_, n, (plenty, scarce)) for n, p in enumerate(learners)
            )
            traffic.scarce_units += sum(await asyncio.gather(*learning))
            traffic.completed |= {(person, module["id"]) for person in learners for module in modules}
            await asyncio.sleep(max(0.0, ROUND_SECONDS - (time.monotonic() - round_began)))
    finally:
        traffic.stop.set()
        await importing
    return traffic


def learners_of(world: World) -> list[int]:
    regions = (world.pontianak, world.palu)
    return [person for r in regions for person in (r.admin, r.manager, r.asn, r.asn_child)]


async def make_reward(api: httpx.AsyncClient, headers, **fields) -> dict:
    response = await api.post("/api/v1/admin/rewards", json={"kind": "certificate"} | fields, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def learner_round(apis, headers, modules: list[dict], round_: int, n: int, rewards: tuple[dict, dict]) -> int:
    """One learner's round: four modules, and in the second round the redemptions; 1 for a scarce unit."""
    await learn(apis, headers, modules, round_ + n)
    return await redeem(apis, headers, *rewards, n) if round_ == 1 else 0


async def learn(apis: list[httpx.AsyncClient], headers, modules: list[dict], turn: int) -> None:
    """Four modules: the same attempt through both APIs (a phone retrying through another replica); two
    attempts at one module, one through each (two devices); two modules at once, one through each."""
    same, twice, *together = modules
    apis = apis if turn % 2 else apis[::-1]
    path = f"/api/v1/modules/{same['id']}/attempts"
    body = attempt_body(same)
    answers = await asyncio.gather(*(api.post(path, json=body, headers=headers) for api in apis))
    assert sorted(a.status_code for a in answers) == [200, 201], [a.text for a in answers]
    assert answers[0].json()["attempt_id"] == answers[1].json()["attempt_id"]

    path = f"/api/v1/modules/{twice['id']}/attempts"
    answers = await asyncio.gather(*(api.post(path, json=attempt_body(twice), headers=headers) for api in apis))
    assert [a.status_code for a in answers] == [201, 201], [a.text for a in answers]
    assert sorted(a.json()["completed"] for a in answers) == [False, True]  # one completion, one practice

    sent = (
        api.post(f"/api/v1/modules/{module['id']}/attempts", json=attempt_body(module), headers=headers)
        for api, module in zip(apis, together, strict=True)
    )
    answers = await asyncio.gather(*sent)
    assert [(a.status_code, a.json()["completed"]) for a in answers] == [(201, True)] * 2, [a.text for a in answers]


async def redeem(apis: list[httpx.AsyncClient], headers, plenty: dict, scarce: dict, n: int) -> int:
    """The same redemption through both APIs (one held), then a try for a scarce unit; 1 when it got one."""
    path = f"/api/v1/rewards/{plenty['id']}/redemptions"
    body = {"client_id": f"hp-tukar-{n:04d}"}
    held = await asyncio.gather(*(api.post(path, json=body, headers=headers) for api in apis))
    assert sorted(h.status_code for h in held) == [200, 201], [h.text for h in held]
    assert held[0].json()["id"] == held[1].json()["id"]

    path = f"/api/v1/rewards/{scarce['id']}/redemptions"
    got = await apis[n % 2].post(path, json={"client_id": f"hp-langka-{n:04d}"}, headers=headers)
    assert got.status_code == 201 or got.json()["code"] == "reward_out_of_stock", got.text
    return int(got.status_code == 201)


async def import_facts(learners: list[int], traffic: Traffic) -> None:
    """Facts recorded without an award, as an import records them, until the traffic stops: the scheduled
    recalculation awards them to the people the APIs are awarding at the same time."""
    people = await Person.select(Person.id, Person.region, Person.unit, Person.region.timezone).where(
        Person.id.is_in(learners)
    )
    while not traffic.stop.is_set():
        now = dt.datetime.now(dt.timezone.utc)
        facts = [
            Fact(
                kind="module_completion",
                person=person["id"],
                source_key=f"impor:{traffic.imported + n}",
                label="Sertifikat impor",
                occurred_at=now,
                local_date=now.astimezone(ZoneInfo(person["region.timezone"])).date(),
                region=person["region"],
                unit=person["unit"],
                xp=5 + n,
                score=80,
            )
            for n, person in enumerate(people)
        ]
        await record_pending(*facts)
        traffic.imported += len(facts)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(traffic.stop.wait(), IMPORT_EVERY_SECONDS)


async def recalculations_awarding(since: dt.datetime) -> int:
    runs = await JobRun.select(JobRun.counts).where(JobRun.job == "recalc", JobRun.scheduled_for >= since)
    counts = [json.loads(run["counts"]) if isinstance(run["counts"], str) else run["counts"] for run in runs]
    return sum(1 for count in counts if count.get("entries_added"))


async def all_facts_evaluated() -> bool:
    return await pending() == 0


async def every_award_exists_once(traffic: Traffic) -> None:
    """One completion per person and module, one entry per fact and rule, each fact's entries worth its XP;
    totals, holds and stock as the ledger and the redemptions say."""
    completions = Counter((row["person"], row["module"]) for row in await Completion.select())
    assert completions == Counter(traffic.completed)
    assert await Fact.count() == len(traffic.completed) + traffic.imported
    entries = Counter((row["fact"], row["rule_code"]) for row in await XpEntry.select(XpEntry.fact, XpEntry.rule_code))
    assert set(entries.values()) == {1}
    await facts_awarded_once(bonus=PERFECT_FIRST_ATTEMPT_BONUS)
    await totals_agree_with_ledger()
    await holds_agree()


async def redis_boards_marked_complete(settings: Settings) -> None:
    """Redis was flushed: a reader or the recalculation rebuilt the boards and marked them complete."""
    async with Redis.from_url(settings.redis_url) as redis:

        async def marked() -> bool:
            return bool(await redis.exists(READY_KEY))

        await until(marked, "the Redis boards marked complete")


async def both_apis_answer_the_same_boards(cluster: Cluster, api1, api2) -> None:
    """Unit, region and national boards, this week and all-time, for viewers in three units: the same
    entries and ranks from either API, the ledger's XP; Redis holds every board as SQL computes it."""
    world, as_ = cluster.world, cluster.as_
    viewers = [world.pontianak.asn, world.pontianak.asn_child, world.palu.asn]
    for viewer, scope, period in itertools.product(viewers, ("unit", "region", "national"), ("week", "all")):
        params = {"scope": scope, "period": period, "limit": 20}
        one, two = [await api.get("/api/v1/leaderboards", params=params, headers=as_(viewer)) for api in (api1, api2)]
        assert one.status_code == two.status_code == 200, (one.text, two.text)
        assert one.json() == two.json(), (viewer, scope, period)
        assert one.json()["entries"], (viewer, scope, period)
    params = {"scope": "national", "period": "all", "limit": 20}
    national = (await api2.get("/api/v1/leaderboards", params=params, headers=as_(world.palu.asn))).json()
    assert {entry["user_id"]: entry["xp"] for entry in national["entries"]} == await ledger_xp()
    redis = create_redis(cluster.settings.redis_url)
    try:
        await boards_agree(build_boards(redis))
    finally:
        await redis.aclose()


async def a_display_on_api1_shows_a_completion_through_api2(cluster: Cluster, api1, api2, traffic: Traffic) -> None:
    p, as_ = cluster.world.pontianak, cluster.as_
    module = await published_module(api2, as_(cluster.world.superadmin), title="Modul Sesudahnya", xp=25)
    body = {"name": "Layar Lobi", "scope": "region", "scope_id": p.region_id, "period": "week"}
    made = await api1.post("/api/v1/admin/displays", json=body, headers=as_(p.admin))
    assert made.status_code == 201, made.text
    opened = time.monotonic()
    async with api1.stream("GET", f"/api/v1/displays/{made.json()['token']}/stream") as stream:
        assert stream.status_code == 200
        events = server_sent_events(stream)
        _, first = await asyncio.wait_for(anext(events), HEARTBEAT_SECONDS)
        path = f"/api/v1/modules/{module['id']}/attempts"
        done = await api2.post(path, json=attempt_body(module), headers=as_(p.asn))
        assert done.status_code == 201 and done.json()["xp_awarded"] > 0, done.text
        traffic.completed.add((p.asn, module["id"]))
        expected = xp_shown(first, "ASN Kota Pontianak") + done.json()["xp_awarded"]
        kind, screen = None, first
        while not (kind == "screen" and xp_shown(screen, "ASN Kota Pontianak") == expected):
            kind, screen = await asyncio.wait_for(anext(events), HEARTBEAT_SECONDS)
    assert time.monotonic() - opened < HEARTBEAT_SECONDS  # through pub/sub, before the heartbeat's re-read


def xp_shown(screen: dict, name: str) -> int:
    return next((entry["xp"] for entry in screen["entries"] if entry["name"] == name), 0)


async def server_sent_events(stream: httpx.Response):
    """(event, data) of each event of a text/event-stream; comments (the pings) are skipped."""
    kind, data = None, []
    async for line in stream.aiter_lines():
        if line.startswith("event:"):
            kind = line.removeprefix("event:").strip()
        elif line.startswith("data:"):
            data.append(line.removeprefix("data:").strip())
        elif not line and kind is not None:
            yield kind, json.loads("\n".join(data)) if data else None
            kind, data = None, []


async def every_trigger_ran_once(cluster: Cluster, traffic_done: dt.datetime) -> None:
    """Every trigger a scheduler fired has one ``job_run`` row, run by the scheduler whose log says it ran
    it; the other, when it fired the trigger too, found it taken. Enough were fired by both, and the
    recalculation ran after the traffic. (A scheduler still busy with a long run skips the next
    trigger: coalesced, at most one instance.)"""

    async def enough_fired_by_both() -> bool:
        runs = await JobRun.select()
        after = [run for run in runs if run["job"] == "recalc" and run["scheduled_for"] > traffic_done]
        fired = triggers_fired(cluster.schedulers)
        return (
            any(run["outcome"] == "ok" for run in after)
            and len(set.intersection(*map(set, fired.values()))) >= FIRED_BY_BOTH
        )

    await until(enough_fired_by_both, f"{FIRED_BY_BOTH} triggers fired by both schedulers, one after the traffic")
    fired = triggers_fired(cluster.schedulers)  # before the rows: a trigger is logged once its row is written
    runs = await JobRun.select()
    holders = {(run["job"], run["scheduled_for"]): run["holder"] for run in runs}
    assert len(holders) == len(runs), "a trigger ran twice"
    assert all(run["outcome"] in ("ok", "running") for run in runs), runs
    for scheduler in cluster.schedulers:
        for trigger, outcome in fired[scheduler.holder].items():
            assert trigger in holders, f"{scheduler.name} fired {trigger} and nobody ran it"
            assert (holders[trigger] == scheduler.holder) == (outcome == "running here"), (scheduler.name, trigger)
    assert set(holders.values()) <= set(fired), "a trigger ran elsewhere than in the schedulers"


def triggers_fired(schedulers: list[TangkasProcess]) -> dict[str, dict[tuple[str, dt.datetime], str]]:
    """For each scheduler (by holder), the triggers it fired and what it did: "running here" or "taken by another
    process", as its log says."""
    return {
        scheduler.holder: {
            (job, dt.datetime.fromisoformat(when)): outcome for job, when, outcome in FIRED.findall(scheduler.output())
        }
        for scheduler in schedulers
    }
