"""``python -m bench.seed`` (or ``tangkas bench seed``): a realistic organization and a year of
pending facts for benchmarks, at up to 100,000 people and 10 million facts in minutes (COPY on
PostgreSQL).

Stages: the organization (regions, agencies, units), the people, the modules, the facts, and
on PostgreSQL the fact table's indexes built once at the end. Everything comes from one
``random.Random(seed)`` and the day of the run. A database that has data already (people,
regions or modules) is refused unless ``reset`` empties it first, and production always is:
bench data never mixes with real data.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from piccolo.engine.postgres import PostgresEngine

from bench.seed.bulk_load import BulkWriter, bulk_writer
from bench.seed.facts import FACT_COLUMNS, Learner, YearOfFacts, recent_facts, recent_learners
from bench.seed.modules import (
    MODULE_COLUMNS,
    MODULES_PER_REGION,
    NATIONAL_MODULES,
    OPTION_COLUMNS,
    QUESTION_COLUMNS,
    VERSION_COLUMNS,
    BenchModule,
    ModulePlace,
    ModuleRows,
    build_modules,
)
from bench.seed.organization import BENCH_SUPERADMIN_EMAIL, FirstIds, Organization, build_organization, minimum_people
from gamification.identity.passwords import hash_password
from gamification.storage.database import current_engine
from gamification.storage.defaults import ensure_defaults
from gamification.storage.tables import ALL_TABLES, Completion, Fact, Module, Person, Region

DEFAULT_SEED = 20261124
BENCH_PASSWORD = "tangkas-bench"  # every bench person's; bench data only, never in production
CHUNK = 50_000
BULK_TABLES = (
    "region",
    "agency",
    "unit",
    "person",
    "module",
    "module_version",
    "module_question",
    "module_option",
    "fact",
    "pending_fact",
)
PERSON_COLUMNS = (
    "id",
    "name",
    "nip",
    "email",
    "staff_type",
    "region",
    "unit",
    "roles",
    "password_hash",
    "active",
    "hide_name",
    "created_at",
    "updated_at",
    "anonymised_at",
)
MODULE_TABLES = ("module", "module_version", "module_question", "module_option")
Progress = Callable[[str, int, int], None]  # stage, done, total


class BenchRefused(Exception):
    """Seeding would harm data or cannot be done; ``code`` names why (messages live in ``command``)."""

    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code, self.params = code, params


@dataclass
class SeedReport:
    rows: dict[str, int] = field(default_factory=dict)  # per stage
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, rows: int, seconds: float) -> None:
        self.rows[stage] = self.rows.get(stage, 0) + rows
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


async def seed_bench(
    people: int,
    facts: int,
    *,
    seed: int = DEFAULT_SEED,
    reset: bool = False,
    production: bool = False,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
    rebuild_boards: Callable[[], Awaitable[object]] | None = None,
) -> SeedReport:
    """Fill the bound database with ``people`` people and ``facts`` pending facts; ``rebuild_boards``
    empties the Redis boards when a database with data is reset."""
    progress, now = progress or _quiet, now or dt.datetime.now(dt.timezone.utc)
    if production:
        raise BenchRefused("bench_production")
    if people < minimum_people(people):
        raise BenchRefused("bench_people_too_few", minimum=minimum_people(people))
    populated = await _has_data()
    if populated and not reset:
        raise BenchRefused("bench_not_empty")
    report = SeedReport()
    async with bulk_writer(current_engine()) as writer:
        started = time.perf_counter()
        plan = await _plan(writer, random.Random(seed), people, facts, now, emptied=populated)
        if populated:
            await empty_database(rebuild_boards)
        report.add("organization", 0, time.perf_counter() - started)  # planning and emptying count here
        await _write_organization(writer, plan.org, now, report, progress)
        await _write_people(writer, plan.org, now, report, progress)
        await _write_modules(writer, plan.modules, report, progress)
        await _write_facts(writer, plan.year, facts, report, progress)
    return report


@dataclass
class _Plan:
    org: Organization
    modules: ModuleRows
    year: YearOfFacts


async def _plan(
    writer: BulkWriter, rng: random.Random, people: int, facts: int, now: dt.datetime, emptied: bool
) -> _Plan:
    """Everything but the facts themselves, made before anything is written (or emptied), so that
    a seed that cannot be done is refused with the database as it was."""

    async def first_id(table: str) -> int:
        return 1 if emptied else await writer.next_id(table)  # emptying starts every id at 1 again

    first = FirstIds(*[await first_id(table) for table in ("region", "agency", "unit", "person")])
    org = build_organization(rng, people, first, now.astimezone(dt.timezone.utc).date())
    module_ids = {table: await first_id(table) for table in MODULE_TABLES}
    modules = build_modules(rng, _module_places(org), module_ids, _before_the_year(now))
    try:
        year = YearOfFacts(rng, _learners(org), modules.catalogue, facts, await first_id("fact"), now)
    except ValueError:
        raise BenchRefused("bench_too_many_facts") from None
    return _Plan(org, modules, year)


async def add_bench_facts(
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    production: bool = False,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> SeedReport:
    """``count`` more pending facts from the last day, in a database seeded by ``seed_bench``."""
    progress, now = progress or _quiet, now or dt.datetime.now(dt.timezone.utc)
    if production:
        raise BenchRefused("bench_production")
    if not await Person.exists().where(Person.email == BENCH_SUPERADMIN_EMAIL):
        raise BenchRefused("bench_not_seeded")
    report = SeedReport()
    started = time.perf_counter()
    async with bulk_writer(current_engine()) as writer:
        first_id = await writer.next_id("fact")
        rng = random.Random(f"{seed}:{first_id}")  # the same database state gives the same facts
        picked = recent_learners(rng, await _stored_learners(), count)
        completed = await _completed_modules({learner.id for learner in picked})
        rows = recent_facts(rng, picked, await _stored_modules(), completed, first_id, now)
        async with writer.transaction():
            await _write_pending(writer, rows)
        await writer.move_sequence("fact")
        progress("facts", len(rows), count)
    report.add("facts", len(rows), time.perf_counter() - started)
    return report


async def empty_database(rebuild_boards: Callable[[], Awaitable[object]] | None = None) -> None:
    """Every table emptied (ids from 1 again), the default rules and levels back, and the Redis
    boards (when configured) rebuilt from the empty totals, so that no former standing remains."""
    engine = current_engine()
    names = [table._meta.tablename for table in reversed(ALL_TABLES)]
    if isinstance(engine, PostgresEngine):
        await engine.run_ddl(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE")
    else:
        await engine.run_ddl("UPDATE unit SET parent = NULL")  # RESTRICT is checked row by row
        for name in names:
            await engine.run_ddl(f"DELETE FROM {name}")
    await ensure_defaults()
    if rebuild_boards is not None:
        await rebuild_boards()


async def _write_organization(
    writer: BulkWriter, org: Organization, now: dt.datetime, report: SeedReport, progress: Progress
) -> None:
    started, created = time.perf_counter(), _before_the_year(now)
    regions = [(region_id, spec.name, spec.slug, spec.timezone, created) for region_id, spec in org.regions]
    agencies = [(agency_id, region_id, name, created) for agency_id, region_id, name in org.agencies]
    units = [(u.id, u.agency, u.region, u.parent, u.name, u.path, created) for u in org.units]
    total = len(regions) + len(agencies) + len(units)
    async with writer.transaction():
        await writer.write("region", ("id", "name", "slug", "timezone", "created_at"), regions)
        await writer.write("agency", ("id", "region", "name", "created_at"), agencies)
        await writer.write("unit", ("id", "agency", "region", "parent", "name", "path", "created_at"), units)
    for table in ("region", "agency", "unit"):
        await writer.move_sequence(table)
    progress("organization", total, total)
    report.add("organization", total, time.perf_counter() - started)


async def _write_people(
    writer: BulkWriter, org: Organization, now: dt.datetime, report: SeedReport, progress: Progress
) -> None:
    started, created = time.perf_counter(), _before_the_year(now)
    password_hash = await hash_password(BENCH_PASSWORD)
    rows = [
        (p.id, p.name, p.nip, p.email, p.staff_type, p.region, p.unit, p.roles, password_hash, True, p.hide_name)
        + (created, created, None)
        for p in org.people
    ]
    async with writer.transaction():
        for start in range(0, len(rows), CHUNK):
            await writer.write("person", PERSON_COLUMNS, rows[start : start + CHUNK])
            progress("people", min(start + CHUNK, len(rows)), len(rows))
    await writer.move_sequence("person")
    report.add("people", len(rows), time.perf_counter() - started)


async def _write_modules(writer: BulkWriter, modules: ModuleRows, report: SeedReport, progress: Progress) -> None:
    started = time.perf_counter()
    total = len(modules.modules)
    async with writer.transaction():
        await writer.write("module", MODULE_COLUMNS, modules.modules)
        await writer.write("module_version", VERSION_COLUMNS, modules.versions)
        await writer.write("module_question", QUESTION_COLUMNS, modules.questions)
        await writer.write("module_option", OPTION_COLUMNS, modules.options)
    for table in MODULE_TABLES:
        await writer.move_sequence(table)
    progress("modules", total, total)
    rows = total + len(modules.versions) + len(modules.questions) + len(modules.options)
    report.add("modules", rows, time.perf_counter() - started)


async def _write_pending(writer: BulkWriter, rows: list[tuple]) -> None:
    """Facts, each with its row in the recalculation's queue."""
    await writer.write("fact", FACT_COLUMNS, rows)
    await writer.write("pending_fact", ("fact",), [(row[0],) for row in rows])


async def _write_facts(
    writer: BulkWriter, year: YearOfFacts, total: int, report: SeedReport, progress: Progress
) -> None:
    started, written = time.perf_counter(), 0
    async with writer.transaction():
        async with writer.without_secondary_indexes("fact", lambda done, builds: progress("indexes", done, builds)):
            for rows in year.chunks(CHUNK):
                await _write_pending(writer, rows)
                written += len(rows)
                progress("facts", written, total)
            report.add("facts", written, time.perf_counter() - started)
            started = time.perf_counter()
    await writer.move_sequence("fact")
    report.add("indexes", 0, time.perf_counter() - started)
    started = time.perf_counter()
    for done, table in enumerate(BULK_TABLES, start=1):
        await writer.analyze(table)
        progress("statistics", done, len(BULK_TABLES))
    report.add("statistics", 0, time.perf_counter() - started)


def _quiet(stage: str, done: int, total: int) -> None:
    pass


async def _has_data() -> bool:
    """People, an organization or modules: real data, or an earlier seed."""
    return await Person.exists() or await Region.exists() or await Module.exists()


def _module_places(org: Organization) -> list[ModulePlace]:
    national = [ModulePlace(None, None, org.superadmin)] * NATIONAL_MODULES
    regional = [
        ModulePlace(region_id, spec.name, org.admins[region_id])
        for region_id, spec in org.regions
        for _ in range(MODULES_PER_REGION)
    ]
    return national + regional


def _learners(org: Organization) -> list[Learner]:
    zones = {region_id: spec.timezone for region_id, spec in org.regions}
    return [Learner(p.id, p.region, p.unit, zones[p.region]) for p in org.people if p.unit is not None]


async def _stored_learners() -> list[Learner]:
    zones = {row["id"]: row["timezone"] for row in await Region.select(Region.id, Region.timezone)}
    rows = await Person.select(Person.id, Person.region, Person.unit).where(
        Person.unit.is_not_null(), Person.active.eq(True), Person.anonymised_at.is_null()
    )
    return [Learner(row["id"], row["region"], row["unit"], zones[row["region"]]) for row in rows]


async def _stored_modules() -> list[BenchModule]:
    rows = await Module.select(Module.id, Module.region, Module.title, Module.xp).where(Module.status == "published")
    return [BenchModule(row["id"], row["region"], row["title"], row["xp"]) for row in rows]


async def _completed_modules(person_ids: set[int]) -> dict[int, set[int]]:
    """Person → modules completed: generated (``bench-completion:person:module`` facts) or through
    the app since the seed (completions of attempts made by a benchmark)."""
    completed: dict[int, set[int]] = {}
    ordered = sorted(person_ids)
    for start in range(0, len(ordered), 1000):
        some = ordered[start : start + 1000]
        keys = await Fact.select(Fact.source_key).where(
            Fact.person.is_in(some), Fact.source_key.like("bench-completion:%")
        )
        pairs = [tuple(map(int, row["source_key"].split(":")[1:])) for row in keys]
        pairs += [
            (row["person"], row["module"])
            for row in await Completion.select(Completion.person, Completion.module).where(
                Completion.person.is_in(some)
            )
        ]
        for person, module in pairs:
            completed.setdefault(person, set()).add(module)
    return completed


def _before_the_year(now: dt.datetime) -> dt.datetime:
    """When the organization and the modules were made: midnight UTC 400 days before ``now``,
    before the year of facts, and the same all day (the data of a seed do not change within a day)."""
    day = now.astimezone(dt.timezone.utc).date() - dt.timedelta(days=400)
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.timezone.utc)
