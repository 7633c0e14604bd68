"""The benchmark data generator (``tangkas bench seed``) on the database of the current variant."""

import datetime as dt
import functools
import os
import random
import subprocess
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

import pytest

from bench.seed.facts import YearOfFacts
from bench.seed.generate import BenchRefused, add_bench_facts, seed_bench
from bench.seed.organization import FirstIds, build_organization
from domain.nip import parse_nip
from domain.people import normalise_email
from domain.rules import DEFAULT_RULES, FactValues, evaluate
from gamification.learning.module_store import refresh_content_hash
from gamification.points import recalc
from gamification.points.recalc import recalculate
from gamification.points.totals_check import drifted_totals
from gamification.storage.tables import Agency, Fact, Module, PendingFact, Person, PointsTotal, Region, Unit, XpEntry
from tests import wiring
from tests.clock import python_command

NOW = dt.datetime.now(dt.timezone.utc)
# What a production server is given; the seed refuses to run there.
PRODUCTION = {"TANGKAS_ENV": "production", "TANGKAS_JWT_SECRET": "s" * 48, "TANGKAS_PUBLIC_URL": "https://tangkas.test"}


def seeding(module: tuple[str, ...], database_url: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    """``python -m <module> <args>`` on the test database, without Redis."""
    return subprocess.run(
        python_command("-m", *module, *args),
        env={**os.environ, "TANGKAS_DATABASE_URL": database_url, "TANGKAS_REDIS_URL": "", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


async def facts() -> list[dict]:
    return await Fact.select().order_by(Fact.id)


async def test_a_seed_builds_an_organization_in_the_three_time_zones(db):
    report = await seed_bench(300, 20_000)

    assert report.rows["people"] == 300 and report.rows["facts"] == 20_000
    assert await Person.count() == 300 and await Fact.count() == 20_000
    regions = await Region.select()
    assert {region["timezone"] for region in regions} == {"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"}
    assert await Agency.count() >= len(regions)
    assert await Module.count() == 300 + 10 * len(regions)
    units = {unit["id"]: unit for unit in await Unit.select()}
    for unit in units.values():
        parent = units.get(unit["parent"])
        assert unit["path"] == (parent["path"] if parent else "/") + f"{unit['id']}/"
        assert parent is None or (parent["agency"], parent["region"]) == (unit["agency"], unit["region"])
    people = await Person.select()
    nips = [person["nip"] for person in people if person["nip"]]
    assert len(set(nips)) == len(nips) == 299  # everyone but the superadmin
    assert all(parse_nip(nip).value == nip for nip in nips)
    emails = [person["email"] for person in people]
    assert len(set(emails)) == 300 and all(normalise_email(email) == email for email in emails)
    roles = Counter(person["roles"] for person in people)
    assert roles["superadmin"] == 1 and roles["admin;asn"] == len(regions) and roles["asn"] > 250
    managed = {person["unit"] for person in people if person["roles"] == "manager;asn"}
    assert managed == set(units)  # a manager in every unit
    staff_per_unit = Counter(person["unit"] for person in people if person["unit"])
    assert max(staff_per_unit.values()) >= 3 * min(staff_per_unit.values())  # uneven units
    assert any(person["hide_name"] for person in people)
    assert all(person["region"] == units[person["unit"]]["region"] for person in people if person["unit"])
    for module in await Module.select(Module.id, Module.content_hash).limit(3):
        await refresh_content_hash(module["id"])  # what an author's edit would store
        assert (await Module.select(Module.content_hash).where(Module.id == module["id"]).first()) == {
            "content_hash": module["content_hash"]
        }


async def test_facts_are_pending_on_their_region_calendar_over_a_year_and_skewed(db):
    await seed_bench(300, 20_000, now=NOW)

    zones = {region["id"]: ZoneInfo(region["timezone"]) for region in await Region.select()}
    people = {person["id"]: person for person in await Person.select(Person.id, Person.region, Person.unit)}
    xp_of = {module["id"]: module["xp"] for module in await Module.select(Module.id, Module.xp)}
    rows = await facts()
    assert set(await PendingFact.select(PendingFact.fact).output(as_list=True)) == {fact["id"] for fact in rows}
    year_ago = NOW - dt.timedelta(days=367)
    for fact in rows:
        assert year_ago < fact["occurred_at"] < NOW and fact["occurred_at"] <= fact["recorded_at"] <= NOW
        assert fact["local_date"] == fact["occurred_at"].astimezone(zones[fact["region"]]).date()
        person = people[fact["person"]]
        assert (fact["region"], fact["unit"]) == (person["region"], person["unit"])
        if fact["kind"] == "module_completion":
            _, person_id, module_id = fact["source_key"].split(":")
            assert int(person_id) == fact["person"] and fact["xp"] == xp_of[int(module_id)]
            assert fact["score"] in (60, 80, 100)
    assert [fact["occurred_at"] for fact in rows] == sorted(fact["occurred_at"] for fact in rows)
    kinds = Counter(fact["kind"] for fact in rows)
    assert kinds["module_completion"] > 0.9 * len(rows)
    assert kinds["streak_milestone"] > 0 and kinds["initiative_verified"] > 0
    per_person = sorted(Counter(fact["person"] for fact in rows).values(), reverse=True)
    assert sum(per_person[:30]) > 0.2 * len(rows)  # the top tenth of 300 people: well over a tenth of the facts
    weekdays = Counter(fact["local_date"].weekday() for fact in rows)
    assert weekdays[2] > 2 * weekdays[6]  # Wednesdays are busier than Sundays


def test_the_same_seed_gives_the_same_data():
    def generate(seed: int) -> list[tuple]:
        rng = random.Random(seed)
        org = build_organization(rng, 120, FirstIds(), NOW.date())
        assert len(org.people) == 120
        return [tuple(vars(person).values()) for person in org.people]

    assert generate(7) == generate(7) != generate(8)


def test_the_same_seed_gives_the_same_facts():
    from bench.seed.facts import Learner
    from bench.seed.modules import BenchModule

    learners = [Learner(n, 1 + n % 3, 10 + n % 5, "Asia/Makassar") for n in range(1, 50)]
    modules = [BenchModule(n, None if n < 40 else 1 + n % 3, f"Modul {n}", 10 + n % 5) for n in range(1, 60)]

    def generate(seed: int) -> list[tuple]:
        year = YearOfFacts(random.Random(seed), learners, modules, 1_000, 1, NOW)
        return [row for chunk in year.chunks(500) for row in chunk]

    rows = generate(3)
    assert len(rows) == 1_000 and rows == generate(3) != generate(4)


async def test_a_database_with_people_is_refused_unless_reset(db):
    await seed_bench(60, 500)
    with pytest.raises(BenchRefused) as refused:
        await seed_bench(60, 500)
    assert refused.value.code == "bench_not_empty"
    with pytest.raises(BenchRefused) as refused:
        await seed_bench(60, 60 * 400, reset=True)  # refused before emptying anything
    assert refused.value.code == "bench_too_many_facts"
    assert await Person.count() == 60 and await Fact.count() == 500

    await seed_bench(80, 700, reset=True)
    assert await Person.count() == 80 and await Fact.count() == 700
    assert (await Person.select(Person.id).order_by(Person.id).first())["id"] == 1  # ids from 1 again


async def test_an_organization_without_people_is_not_seeded_into_either(db):
    await Region.insert(Region(name="Kota Nyata", slug="nyata", timezone="Asia/Jakarta"))
    with pytest.raises(BenchRefused) as refused:
        await seed_bench(60, 500)
    assert refused.value.code == "bench_not_empty"


async def test_production_and_impossible_sizes_are_refused(db):
    for kwargs, code in [
        ({"production": True}, "bench_production"),
        ({"people": 10}, "bench_people_too_few"),
        ({"facts": 60 * 400}, "bench_too_many_facts"),  # a module counts once per person
    ]:
        with pytest.raises(BenchRefused) as refused:
            await seed_bench(**{"people": 60, "facts": 100, **kwargs})
        assert refused.value.code == code
    assert await Person.count() == 0  # refused before anything was written
    with pytest.raises(BenchRefused) as refused:
        await add_bench_facts(10)
    assert refused.value.code == "bench_not_seeded"


async def test_more_facts_adds_exactly_that_many_recent_pending_facts(db):
    await seed_bench(60, 3_000, now=NOW - dt.timedelta(days=2))
    await PendingFact.delete(force=True)  # as if the recalculation had run
    await Fact.insert(  # a completion recorded and awarded by the app since the seed (a benchmark's attempt)
        Fact(kind="module_completion", person=2, source_key="completion:1", occurred_at=NOW, local_date=NOW.date())
    )
    before = {fact["id"] for fact in await facts()}

    report = await add_bench_facts(1_000, now=NOW)

    assert report.rows["facts"] == 1_000
    added = [fact for fact in await facts() if fact["id"] not in before]
    assert len(added) == 1_000
    assert set(await PendingFact.select(PendingFact.fact).output(as_list=True)) == {fact["id"] for fact in added}
    zones = {region["id"]: ZoneInfo(region["timezone"]) for region in await Region.select()}
    for fact in added:
        assert NOW - dt.timedelta(days=1) <= fact["occurred_at"] <= NOW
        assert fact["local_date"] == fact["occurred_at"].astimezone(zones[fact["region"]]).date()
    # a completion's unique source key names its person and module: the load refuses a module twice
    completions = [fact for fact in added if fact["kind"] == "module_completion"]
    assert len(completions) > 900
    assert all(fact["source_key"].startswith(f"bench-completion:{fact['person']}:") for fact in completions)
    new_row = await Fact.insert(
        Fact(kind="module_completion", person=2, source_key="x", occurred_at=NOW, local_date=NOW.date())
    )
    assert new_row[0]["id"] == max(before) + 1_001  # the id sequence moved past the generated ids


@pytest.mark.parametrize("backlog", ["in batches of facts", "person by person"])
async def test_the_recalculation_awards_every_seeded_fact(db, monkeypatch, backlog):
    await seed_bench(40, 400)
    if backlog == "person by person":
        monkeypatch.setattr(recalc, "BACKLOG", 100)
        monkeypatch.setattr(recalc, "PEOPLE_PER_BATCH", 7)

    report = await recalculate(follow=wiring.follow())

    assert report.facts_evaluated == 400
    assert await PendingFact.count() == 0
    entries = await XpEntry.select(XpEntry.fact, XpEntry.person, XpEntry.xp)
    assert {entry["fact"] for entry in entries} == {fact["id"] for fact in await facts()}
    expected = 0
    for fact in await facts():
        values = FactValues(fact["xp"], fact["score"], fact["first_attempt"], fact["level"])
        expected += sum(
            evaluate(rule.formula, rule.params, values) for rule in DEFAULT_RULES if rule.fact_kind == fact["kind"]
        )
    ledger = defaultdict(int)
    for entry in entries:
        ledger[entry["person"]] += entry["xp"]
    assert sum(ledger.values()) == expected
    totals = {row["person"]: row["xp"] for row in await PointsTotal.select(PointsTotal.person, PointsTotal.xp)}
    assert totals == dict(ledger)
    assert await drifted_totals(None) == {}  # the period totals too


async def test_the_command_seeds_adds_and_refuses(database_url, db):
    bench = functools.partial(seeding, ("api.cli", "bench", "seed"), database_url)

    seeded = bench("--people", "60", "--facts", "500", "--reset")
    assert seeded.returncode == 0, seeded.stderr
    assert "Selesai dalam" in seeded.stdout and "baris/detik" in seeded.stdout
    again = bench("--people", "60", "--facts", "500")
    assert again.returncode == 1 and "--reset" in again.stderr
    more = bench("--more-facts", "25")
    assert more.returncode == 0, more.stderr
    mixed = bench("--more-facts", "25", "--reset")
    assert mixed.returncode == 2
    production = bench("--people", "60", "--facts", "500", "--reset", **PRODUCTION)
    assert production.returncode == 1 and "produksi" in production.stderr


@pytest.mark.postgres
async def test_the_fact_table_gets_back_every_index_and_constraint_it_had(db):
    async def definitions() -> list[str]:
        indexes = await db.run_ddl("SELECT indexdef FROM pg_indexes WHERE tablename = 'fact' ORDER BY indexname")
        constraints = await db.run_ddl(
            "SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint "
            "WHERE conrelid = 'fact'::regclass ORDER BY conname"
        )
        return [row["indexdef"] for row in indexes] + [f"{row['conname']} {row['definition']}" for row in constraints]

    before = await definitions()
    await seed_bench(60, 500)
    assert await definitions() == before
    assert len(before) >= 10  # the primary key, the unique source key, 3 foreign keys, the indexes


async def test_python_m_bench_seed_runs_from_a_checkout_and_refuses(database_url, db):
    bench_seed = functools.partial(seeding, ("bench.seed",), database_url)

    described = bench_seed("--help")
    assert described.returncode == 0, described.stderr
    assert "Usage: python -m bench.seed" in described.stdout and "--more-facts" in described.stdout
    production = bench_seed("--people", "60", "--facts", "500", "--reset", **PRODUCTION)
    assert production.returncode == 1 and "produksi" in production.stderr
    not_seeded = bench_seed("--more-facts", "25")
    assert not_seeded.returncode == 1 and "--more-facts hanya menambah" in not_seeded.stderr
    assert await Person.count() == 0 and await Fact.count() == 0


def test_the_tangkas_command_without_bench_says_so_in_one_line():
    wheel_only = "import sys; sys.modules['bench'] = None; from api.cli import main; main(prog_name='tangkas')"
    missing = subprocess.run(
        python_command("-c", wheel_only, "bench", "seed", "--people", "60", "--facts", "500"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines() == [
        "Error: 'tangkas bench seed' butuh salinan kode Tangkas (folder bench/ tidak ada di wheel): "
        "jalankan 'python -m bench.seed' dari checkout."
    ]
