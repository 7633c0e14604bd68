"""Tangkas beside bare baselines, in one run, reported as ratios (see bench/README.md).

    python bench/run.py --database-url postgresql://postgres@127.0.0.1:5432/tangkas_bench \
        --redis-url redis://127.0.0.1:6379/3

Needs a database filled by ``python -m bench.seed`` and wrk on the PATH. Servers are started the
production way: uvicorn, two worker processes, access log off on both sides.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import Load, Server, run_wrk, timed  # noqa: E402
from bench.tuned_postgres import tuned  # noqa: E402
from domain.leaderboards import Period, Scope, Standing, window_at  # noqa: E402
from gamification.boards.redis_store import keys, member_of  # noqa: E402
from gamification.boards.store import Board  # noqa: E402
from gamification.identity.tokens import issue_access_token  # noqa: E402
from gamification.storage.settings import Settings  # noqa: E402

SECRET = "bench-secret-" + "b" * 48
NATIONAL = "Asia/Jakarta"


@dataclass
class Fixture:
    """Who and what the requests are about: sampled from the seeded database."""

    people: list[dict]
    crowded_region: int
    crowded_people: list[dict]
    module: dict
    tokens: dict[int, str] = field(default_factory=dict)


async def prepare(database_url: str) -> Fixture:
    connection = await asyncpg.connect(database_url)
    try:
        learners = """
            SELECT p.id, p.region, p.token_epoch, t.xp, t.reached_at FROM person p JOIN points_total t ON t.person = p.id
            WHERE p.active AND p.unit IS NOT NULL AND t.reached_at IS NOT NULL {} ORDER BY random() LIMIT 2000"""
        people = [dict(r) for r in await connection.fetch(learners.format(""))]
        crowded = await connection.fetchval(
            "SELECT region FROM points_total WHERE reached_at IS NOT NULL GROUP BY region ORDER BY count(*) DESC LIMIT 1"
        )
        crowded_people = [dict(r) for r in await connection.fetch(learners.format("AND p.region = $1"), crowded)]
        module = dict(
            await connection.fetchrow(
                """SELECT m.id, v.id AS version_id, v.min_seconds FROM module m
                   JOIN module_version v ON v.module = m.id AND v.version = m.version
                   WHERE m.status = 'published' AND m.region IS NULL ORDER BY m.id LIMIT 1"""
            )
        )
        answers: dict[str, list[int]] = {}
        kinds: dict[str, str] = {}
        for row in await connection.fetch(
            """SELECT q.id, q.kind, o.id AS option FROM module_question q JOIN module_option o ON o.question = q.id
               WHERE q.module_version = $1 AND o.correct ORDER BY q.id, o.id""",
            module["version_id"],
        ):
            answers.setdefault(str(row["id"]), []).append(row["option"])
            kinds[str(row["id"])] = row["kind"]
        module["answers"] = {q: ids if kinds[q] == "multiple" else ids[0] for q, ids in answers.items()}
    finally:
        await connection.close()
    if not people:
        raise SystemExit("Tidak ada data: jalankan `python -m bench.seed` dan `tangkas recalc` dulu.")
    fixture = Fixture(people, crowded, crowded_people, module)
    settings = Settings(jwt_secret=SECRET, access_token_seconds=4 * 3600)
    now = dt.datetime.now(dt.timezone.utc)
    for person in people + crowded_people:
        fixture.tokens[person["id"]] = issue_access_token(settings, person["id"], now, person["token_epoch"])
    return fixture


def line(method: str, path: str, token: str = "", etag: str = "", body: str = "") -> str:
    return "\t".join((method, path, token, etag, body))


def board_lines(fixture: Fixture, scope: str, people: list[dict]) -> list[str]:
    path = f"/api/v1/leaderboards?scope={scope}&period=all&limit=10"
    return [line("GET", path, fixture.tokens[p["id"]]) for p in people]


def bare_board_pairs(people: list[dict]) -> list[list[str]]:
    """The national all-time board's sorted set and each person's member in it."""
    board = Board(Scope.NATIONAL, None, window_at(Period.ALL, NATIONAL, dt.datetime.now(dt.timezone.utc)))
    zkey = keys(board)[0]
    return [[zkey, member_of(Standing.of(p["id"], p["xp"], p["reached_at"]))] for p in people]


def attempt_lines(fixture: Fixture, count: int) -> list[str]:
    module, now = fixture.module, dt.datetime.now(dt.timezone.utc)
    started = (now - dt.timedelta(seconds=module["min_seconds"] + 60)).isoformat()
    lines = []
    for n in range(count):
        person = fixture.people[n % len(fixture.people)]
        body = {"client_id": f"bench-{now:%H%M%S}-{n:07d}", "answers": module["answers"]}
        body |= {"started_at": started, "finished_at": now.isoformat()}
        path = f"/api/v1/modules/{module['id']}/attempts"
        lines.append(line("POST", path, fixture.tokens[person["id"]], body=json.dumps(body)))
    return lines


def etag_of(url: str, token: str) -> str:
    import urllib.request

    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request) as answer:
        return answer.headers["ETag"]


@dataclass
class Row:
    name: str
    tangkas: Load
    baseline_name: str
    baseline: Load

    @property
    def ratio(self) -> float:
        return self.tangkas.rps / self.baseline.rps


def http_benchmarks(args, fixture: Fixture) -> tuple[list[Row], dict[str, float]]:
    tangkas_env = {
        "TANGKAS_DATABASE_URL": args.database_url,
        "TANGKAS_REDIS_URL": args.redis_url,
        "TANGKAS_JWT_SECRET": SECRET,
        "TANGKAS_ACCESS_TOKEN_SECONDS": str(4 * 3600),
        "TANGKAS_SCHEDULER": "off",
        "TANGKAS_RATE_LIMITS": "off",  # one load generator stands for thousands of phones
        "TANGKAS_ENV": "production",
        "TANGKAS_PUBLIC_URL": "https://tangkas.bench",
    }
    pairs_file = Path("/tmp/bench-board-pairs.json")
    pairs_file.write_text(json.dumps(bare_board_pairs(fixture.people)))
    bare_env = {"BENCH_DATABASE_URL": args.database_url, "BENCH_REDIS_URL": args.redis_url}
    bare_env["BENCH_BOARD_PAIRS"] = str(pairs_file)
    load = lambda server, lines: run_wrk(server.url, lines, args.connections, args.seconds)  # noqa: E731
    rows: list[Row] = []
    people = fixture.people
    with Server("bare", "bench.bare_app:create_app", bare_env, ready="/json") as bare:
        baseline = {
            "small JSON": load(bare, [line("GET", "/json")]),
            "asyncpg primary key": load(bare, [line("GET", f"/pk/{p['id']}") for p in people]),
            "Redis ZREVRANGE + ZREVRANK": load(bare, [line("GET", f"/board/{n}") for n in range(len(people))]),
        }
    with Server("tangkas", "api.app:create_served_app", tangkas_env, ready="/ready") as api:
        module_path = f"/api/v1/modules/{fixture.module['id']}"
        etag = etag_of(api.url + module_path, fixture.tokens[people[0]["id"]])
        load(api, board_lines(fixture, "national", people))  # warm the boards and the pools
        for scope in ("unit", "region", "national"):
            result = load(api, board_lines(fixture, scope, people))
            rows.append(
                Row(
                    f"board top-10 + me, {scope} (Redis)",
                    result,
                    "Redis ZREVRANGE + ZREVRANK",
                    baseline["Redis ZREVRANGE + ZREVRANK"],
                )
            )
        crowded_redis = load(api, board_lines(fixture, "region", fixture.crowded_people))
        rows.append(
            Row(
                "GET /me",
                load(api, [line("GET", "/api/v1/me", fixture.tokens[p["id"]]) for p in people]),
                "asyncpg primary key",
                baseline["asyncpg primary key"],
            )
        )
        module_lines = [line("GET", module_path, fixture.tokens[p["id"]]) for p in people]
        rows.append(Row("module, no ETag", load(api, module_lines), "small JSON", baseline["small JSON"]))
        cached = [line("GET", module_path, fixture.tokens[p["id"]], etag=etag) for p in people]
        rows.append(Row("module, If-None-Match (304)", load(api, cached), "small JSON", baseline["small JSON"]))
        attempts = attempt_lines(fixture, 200_000)
        rows.append(
            Row("attempt submission", load(api, attempts), "asyncpg primary key", baseline["asyncpg primary key"])
        )
        memory = {"API worker (Redis)": api.worker_peak_mb()}
    sql_env = {**tangkas_env, "TANGKAS_REDIS_URL": ""}
    with Server("tangkas-sql", "api.app:create_served_app", sql_env, ready="/ready") as sql_api:
        crowded_sql = load(sql_api, board_lines(fixture, "region", fixture.crowded_people))
        memory["API worker (no Redis)"] = sql_api.worker_peak_mb()
    rows.append(
        Row(
            f"board top-10 + me, region of {len(fixture.crowded_people)}+ sampled (SQL, no Redis)",
            crowded_sql,
            "same board on Redis",
            crowded_redis,
        )
    )
    for name, result in baseline.items():
        rows.append(Row(f"bare: {name}", result, "small JSON", baseline["small JSON"]))
    return rows, memory


async def bare_aggregates(database_url: str) -> dict[str, float]:
    """The fastest plain aggregate PostgreSQL finds for the totals, each plan timed once after a warm-up."""
    connection = await asyncpg.connect(database_url)
    timings = {}
    try:
        for table in ("fact", "xp_entry"):
            query = f"SELECT person, sum(xp) FROM {table} GROUP BY person"
            await connection.fetch(query)
            for plan, setting in (("hash", "on"), ("sorted", "off")):
                await connection.execute(f"SET enable_hashagg = {setting}")
                started = time.perf_counter()
                await connection.fetch(query)
                timings[f"{table} ({plan})"] = time.perf_counter() - started
            await connection.execute("RESET enable_hashagg")
    finally:
        await connection.close()
    return timings


def recalc_benchmarks(args) -> dict:
    """The first award of a freshly seeded database (if its ledger is empty), the full recalculation
    on the complete ledger (a complete check), the incremental one after 10,000 new facts (once with
    the boards on Redis, once without, to tell the award from the board writes), the next full one
    (what was recorded and written since the complete one), and the Redis rebuild. Each:
    (wall seconds of the command, peak MB, seconds the recalculation itself reported)."""
    env = {"TANGKAS_DATABASE_URL": args.database_url, "TANGKAS_REDIS_URL": args.redis_url, "TANGKAS_JWT_SECRET": SECRET}
    cli = [sys.executable, "-m", "api.cli"]
    results = KeptAsMeasured(Path(args.output + ".recalc.json"))
    if asyncio.run(ledger_is_empty(args.database_url)):
        results["first"] = recalc_run([*cli, "recalc"], env)
        asyncio.run(vacuum_after_first_award(args.database_url))
    timed([sys.executable, "-m", "bench.archive_periods"], env)  # as the hourly period close would have
    asyncio.run(forget_full_checks(args.database_url))
    results["full"] = recalc_run([*cli, "recalc", "--full"], env)
    results["aggregates"] = asyncio.run(bare_aggregates(args.database_url))
    before_incrementals = asyncio.run(database_now(args.database_url))
    for name, redis_url in (("incremental (no Redis)", ""), ("incremental", args.redis_url)):
        timed([sys.executable, "-m", "bench.seed", "--more-facts", "10000"], env)
        results[name] = recalc_run([*cli, "recalc"], {**env, "TANGKAS_REDIS_URL": redis_url})
    asyncio.run(a_night_later(args.database_url, before_incrementals))
    results["full (next)"] = recalc_run([*cli, "recalc", "--full"], env)
    results["rebuild"] = timed([*cli, "leaderboards", "rebuild"], env)[:2]
    if args.tuned:
        with tuned(args.database_url) as settings:
            results["tuned settings"] = settings
            # after the restart every page is read into the new cache and written whole once after its checkpoint:
            # one incremental run first, not reported, so the rows measure the tuned server and not its start
            timed([sys.executable, "-m", "bench.seed", "--more-facts", "10000"], env)
            recalc_run([*cli, "recalc"], env)
            for name, redis_url in (("incremental (no Redis)", ""), ("incremental", args.redis_url)):
                timed([sys.executable, "-m", "bench.seed", "--more-facts", "10000"], env)
                results[f"{name}, tuned"] = recalc_run([*cli, "recalc"], {**env, "TANGKAS_REDIS_URL": redis_url})
    return results


class KeptAsMeasured(dict):
    """Each result printed and written to ``path`` as it is measured: a step failing later (a missing tool,
    a full disk) loses none of the minutes already spent."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def __setitem__(self, step: str, result) -> None:
        super().__setitem__(step, result)
        print(f"  {step}: {result}", flush=True)
        self.path.write_text(json.dumps(self, indent=1, default=str))


def recalc_run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    seconds, peak_mb, output = timed(argv, env)
    inside = re.search(r"selesai dalam ([\d.]+) s", output)
    return seconds, peak_mb, float(inside.group(1)) if inside else seconds


async def vacuum_after_first_award(database_url: str) -> None:
    """What autovacuum would do after the bulk load: the statistics, and the emptied queue's dead index
    entries (a planner probing the queue's key would read them all)."""
    connection = await asyncpg.connect(database_url)
    try:
        for table in ("fact", "xp_entry", "pending_fact", "points_total", "points_period"):
            await connection.execute(f"VACUUM ANALYZE {table}")
    finally:
        await connection.close()


async def database_now(database_url: str) -> dt.datetime:
    connection = await asyncpg.connect(database_url)
    try:
        return await connection.fetchval("SELECT now()")
    finally:
        await connection.close()


async def a_night_later(database_url: str, before_incrementals: dt.datetime) -> None:
    """The next full row is the nightly check: it takes what was written since the complete one, less an hour
    for transactions in flight (``totals_check.IN_FLIGHT``). Minutes after the first award that hour holds the
    whole ledger, which no night sees: the complete check is recorded as if it had run that hour before the
    incremental rows, so the window holds their 20,000 facts, as a night after a day of learning would."""
    connection = await asyncpg.connect(database_url)
    try:
        placed = before_incrementals + dt.timedelta(hours=1)
        await connection.execute("UPDATE full_check SET started_at = $1", placed)
        await connection.execute(
            "UPDATE points_period_archived SET checked_at = $1 WHERE checked_at IS NOT NULL", placed
        )
    finally:
        await connection.close()


async def forget_full_checks(database_url: str) -> None:
    """The first full row is a complete check: what earlier checks covered is forgotten."""
    connection = await asyncpg.connect(database_url)
    try:
        await connection.execute("DELETE FROM full_check")
        await connection.execute("UPDATE points_period_archived SET checked_before = NULL, checked_at = NULL")
    finally:
        await connection.close()


async def ledger_is_empty(database_url: str) -> bool:
    connection = await asyncpg.connect(database_url)
    try:
        return not await connection.fetchval("SELECT EXISTS (SELECT 1 FROM xp_entry)")
    finally:
        await connection.close()


def machine() -> list[str]:
    cpu = next(
        (
            entry.split(":", 1)[1].strip()
            for entry in Path("/proc/cpuinfo").read_text().splitlines()
            if entry.startswith("model name")
        ),
        "?",
    )
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    versions = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    redis = subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout.split()[2]
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores (the load generator runs on the same machine)",
        f"- Memory: {memory} MB; {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {versions}; Redis {redis}",
    ]


def report(args, rows: list[Row], memory: dict, recalc: dict | None) -> str:
    out = [
        "# Benchmark results",
        "",
        f"Run on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC.",
        "",
        *machine(),
        "",
    ]
    out += ["```", " ".join([sys.executable.rsplit("/", 1)[-1], *sys.argv]), "```", ""]
    out += [
        f"HTTP: wrk, 2 threads, {args.connections} connections, {args.seconds} s per row; servers: uvicorn, 2 workers.",
        "",
    ]
    out += [
        "| Tangkas | req/s | p50 ms | p99 ms | non-2xx/3xx | baseline | req/s | ratio |",
        "|---|---:|---:|---:|---:|---|---:|---:|",
    ]
    for row in rows:
        t, b = row.tangkas, row.baseline
        out.append(
            f"| {row.name} | {t.rps:.0f} | {t.p50_ms:.1f} | {t.p99_ms:.1f} | {t.bad} | {row.baseline_name} | {b.rps:.0f} | {row.ratio:.2f} |"
        )
    out += ["", "| Peak resident memory | MB |", "|---|---:|"] + [f"| {k} | {v:.0f} |" for k, v in memory.items()]
    if recalc:
        fastest = min(recalc["aggregates"].values())
        out += [
            "",
            "| Recalculation | seconds (command) | seconds (the recalculation) | peak MB | bare aggregate (fastest plan) | ratio |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        steps = {
            "first": "first award of every seeded fact (builds the ledger)",
            "full": "full",
            "incremental (no Redis)": "incremental, 10,000 new facts, boards not on Redis",
            "incremental": "incremental, 10,000 new facts, boards on Redis",
            "full (next)": "full, the next night's (the 20,000 facts and their entries written since the complete one)",
            "incremental (no Redis), tuned": "incremental, 10,000 new facts, boards not on Redis, tuned PostgreSQL",
            "incremental, tuned": "incremental, 10,000 new facts, boards on Redis, tuned PostgreSQL",
        }
        for step, name in steps.items():
            if step in recalc:
                wall, peak, inside = recalc[step]
                ratio = f"{fastest:.2f} | {inside / fastest:.1f}" if step.startswith("full") else " | "
                out.append(f"| {name} | {wall:.2f} | {inside:.2f} | {peak:.0f} | {ratio} |")
        out.append(
            f"| leaderboards rebuild into Redis | {recalc['rebuild'][0]:.1f} | | {recalc['rebuild'][1]:.0f} | | |"
        )
        out += ["", "Bare aggregates: " + ", ".join(f"{k} {v:.2f} s" for k, v in recalc["aggregates"].items())]
        if "tuned settings" in recalc:
            settings = ", ".join(f"`{k}` {v}" for k, v in recalc["tuned settings"].items())
            out += ["", f"Tuned PostgreSQL (ALTER SYSTEM, restarted, then reset): {settings}."]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("TANGKAS_DATABASE_URL"),
        required="TANGKAS_DATABASE_URL" not in os.environ,
    )
    parser.add_argument("--redis-url", default=os.environ.get("TANGKAS_REDIS_URL", "redis://127.0.0.1:6379/3"))
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--skip-recalc", action="store_true", help="Only the HTTP rows.")
    parser.add_argument(
        "--tuned",
        action="store_true",
        help="Also the incremental rows on PostgreSQL tuned for the machine (restarts it twice; needs pg_ctlcluster).",
    )
    parser.add_argument("--output", default=str(Path(__file__).resolve().parent / "RESULTS.md"))
    args = parser.parse_args()
    recalc = None
    if not args.skip_recalc:
        print("Mengukur perhitungan ulang ...", flush=True)
        recalc = recalc_benchmarks(args)
    print("Menyiapkan data uji ...", flush=True)
    fixture = asyncio.run(prepare(args.database_url))
    print("Mengukur HTTP ...", flush=True)
    rows, memory = http_benchmarks(args, fixture)
    if recalc:
        memory["recalculation process (as the scheduler runs it)"] = max(
            recalc[step][1]
            for step in ("first", "full", "incremental (no Redis)", "incremental", "full (next)")
            if step in recalc
        )
    text = report(args, rows, memory, recalc)
    Path(args.output).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
