"""Office displays held open by one worker: N Server-Sent Event streams, one board change, the time until
every stream has it, and the worker's memory per open stream; beside a bare fan-out in the same run.

    python bench/displays.py --database-url postgresql://postgres@127.0.0.1:5432/tangkas_bench_displays \
        --redis-url redis://127.0.0.1:6379/3 --streams 5000

The database is the bench's own: created and filled with the demo data (``tangkas seed-demo``) when it
does not exist; one holding people it did not fill is refused unless ``--reset`` (drop and fill again).
Each run makes N displays (one TV, one token, one stream each) over the 32 boards one person of Kota
Pontianak is on (national, region, agency, unit × week, month, year, all-time × with and without the
IKM line), opens their streams from this process (raw sockets on one event loop), awards that person
a completion in this process (as the scheduler or another API replica would: through PostgreSQL, the
Redis boards and the board events), and waits until every stream has sent a screen naming it.

Both servers run under uvicorn with one worker; stream slots and budgets stay on (raised to admit one
address's N streams), so each open takes its slot in Redis as a TV's would.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import hashlib
import json
import os
import resource
import secrets
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import Server  # noqa: E402
from bench.run import machine  # noqa: E402

SECRET = "bench-secret-" + "d" * 48
BARE_CHANNEL = "bench:sse"
OPENING = 100  # streams being opened at once
PROFILE = os.environ.get("BENCH_PROFILE_DIR")  # a directory: py-spy records each worker during the change
BOARDS = [
    (scope, period, show_ikm)
    for scope in ("national", "region", "agency", "unit")
    for period in ("week", "month", "year", "all")
    for show_ikm in (False, True)
]


def raise_open_files(needed: int) -> int:
    """The servers started from here inherit it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        soft = min(hard, max(needed, soft)) if hard != resource.RLIM_INFINITY else needed
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    if soft < needed:
        raise SystemExit(f"Batas berkas terbuka {soft} < {needed}: naikkan `ulimit -n` dulu.")
    return soft


@dataclass
class Subject:
    """Whose completion changes every board shown, and where they stand."""

    person: int
    name: str
    region: int
    agency: int
    unit: int
    timezone: str


async def prepare_database(url: str, reset: bool, env: dict[str, str]) -> Subject:
    name = url.rsplit("/", 1)[1]
    admin = await asyncpg.connect(url.rsplit("/", 1)[0] + "/postgres")
    try:
        exists = await admin.fetchval("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name)
        if exists and reset:
            await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = False
        if not exists:
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    connection = await asyncpg.connect(url)
    try:
        filled = await connection.fetchval("SELECT to_regclass('person') IS NOT NULL")
        ours = filled and await connection.fetchval("SELECT EXISTS (SELECT 1 FROM region WHERE slug = 'pontianak')")
        if filled and not ours and await connection.fetchval("SELECT EXISTS (SELECT 1 FROM person)"):
            raise SystemExit(f"{name} sudah berisi data lain: pakai basis data sendiri, atau --reset.")
    finally:
        await connection.close()
    if not ours:
        print("Mengisi data demo ...", flush=True)
        subprocess.run([sys.executable, "-m", "api.cli", "seed-demo"], env={**os.environ, **env}, check=True)
    connection = await asyncpg.connect(url)
    try:
        row = await connection.fetchrow(
            """SELECT p.id, p.name, p.region, u.agency, u.id AS unit, r.timezone FROM person p
               JOIN unit u ON u.id = p.unit JOIN region r ON r.id = p.region
               WHERE r.slug = 'pontianak' AND p.active AND p.roles LIKE '%asn%'
               ORDER BY length(u.path) DESC, p.id LIMIT 1"""
        )
    finally:
        await connection.close()
    return Subject(row["id"], row["name"], row["region"], row["agency"], row["unit"], row["timezone"])


async def make_displays(url: str, subject: Subject, count: int) -> list[str]:
    """``count`` fresh displays over the 32 boards; their tokens. The previous run's are deleted."""
    scope_ids = {"national": None, "region": subject.region, "agency": subject.agency, "unit": subject.unit}
    tokens = [f"bench-{n:05d}-{secrets.token_urlsafe(24)}" for n in range(count)]
    rows = []
    for n, token in enumerate(tokens):
        scope, period, show_ikm = BOARDS[n % len(BOARDS)]
        region = None if scope == "national" else subject.region
        rows.append(
            (
                region,
                scope,
                scope_ids[scope],
                period,
                f"Bench TV {n:05d}",
                hashlib.sha256(token.encode()).hexdigest(),
                show_ikm,
            )
        )
    connection = await asyncpg.connect(url)
    try:
        await connection.execute("DELETE FROM display WHERE name LIKE 'Bench TV %'")
        await connection.copy_records_to_table(
            "display", records=rows, columns=["region", "scope", "scope_id", "period", "name", "token_hash", "show_ikm"]
        )
    finally:
        await connection.close()
    return tokens


class Stream(asyncio.Protocol):
    """One SSE stream read from a raw socket: open once its first ``event: screen`` arrives; then the
    moment a marker first appears in what it receives."""

    def __init__(self, request: bytes, opened: asyncio.Future) -> None:
        self.request, self.opened = request, opened
        self.head = b""
        self.marker: bytes | None = None
        self.tail = b""
        self.received_at: float | None = None
        self.on_received = None

    def connection_made(self, transport) -> None:
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        if not self.opened.done():
            self.head += data
            if b"event: screen" in self.head:
                self.opened.set_result(True)
            elif b"\r\n\r\n" in self.head and not self.head.startswith(b"HTTP/1.1 200"):
                self.opened.set_exception(RuntimeError(self.head[:400].decode(errors="replace")))
            return
        if self.marker is None or self.received_at is not None:
            return
        seen = self.tail + data
        if self.marker in seen:
            self.received_at = time.perf_counter()
            self.on_received()
        self.tail = seen[-len(self.marker) :]

    def connection_lost(self, error) -> None:
        if not self.opened.done():
            self.opened.set_exception(ConnectionError(f"closed before the first screen: {error}"))


@dataclass
class Fanout:
    streams: int
    open_seconds: float
    rss_before_mb: float
    rss_after_mb: float
    change_seconds: float  # the change itself, as its maker waited for it
    latencies: list[float]  # from the start of the change until each stream had it

    @property
    def kb_per_stream(self) -> float:
        return (self.rss_after_mb - self.rss_before_mb) * 1024 / self.streams

    def percentile(self, share: float) -> float:
        return self.latencies[min(len(self.latencies) - 1, int(share * len(self.latencies)))]


async def fan_out(server: Server, paths: list[str], changer, concurrency: int) -> Fanout:
    """Open a stream per path, then ``await change(marker)`` and wait until every stream had the marker;
    ``changer()``: an async context giving ``change``, entered before anything is measured."""
    async with changer() as change:
        return await _fan_out(server, paths, change, concurrency)


async def _fan_out(server: Server, paths: list[str], change, concurrency: int) -> Fanout:
    loop = asyncio.get_running_loop()
    gate = asyncio.Semaphore(concurrency)
    port = server.port

    async def open_stream(path: str) -> tuple[asyncio.Transport, Stream]:
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode()
        async with gate:
            opened = loop.create_future()
            transport, stream = await loop.create_connection(lambda: Stream(request, opened), "127.0.0.1", port)
            await asyncio.wait_for(opened, 120)
            return transport, stream

    rss_before = server.worker_rss_mb()
    started = time.perf_counter()
    held = await asyncio.gather(*(open_stream(path) for path in paths))
    open_seconds = time.perf_counter() - started
    await asyncio.sleep(2)  # the opening settles (first screens sent, slots taken)
    rss_after = server.worker_rss_mb()
    marker = f"Modul Bench {secrets.token_hex(6)}"
    everyone = loop.create_future()
    waiting = [len(held)]

    def one_more() -> None:
        waiting[0] -= 1
        if waiting[0] == 0 and not everyone.done():
            everyone.set_result(None)

    for _, stream in held:
        stream.marker, stream.on_received = marker.encode(), one_more
    profiler = None
    if PROFILE:  # py-spy's collapsed stacks of the worker during the change, to tell where its time goes
        out = Path(PROFILE) / f"{server.name}.txt"
        profiler = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("py-spy")),
                "record",
                "-p",
                str(server.process.pid),
                "-d",
                "6",
                "-r",
                "200",
                "-f",
                "raw",
                "-o",
                str(out),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        await asyncio.sleep(1)
    changed_at = time.perf_counter()
    await change(marker)
    change_seconds = time.perf_counter() - changed_at
    try:
        await asyncio.wait_for(everyone, 60)
    except TimeoutError:
        raise SystemExit(f"{server.name}: {waiting[0]} of {len(held)} streams had no update after 60 s") from None
    latencies = sorted(stream.received_at - changed_at for _, stream in held)
    if profiler is not None:
        profiler.wait()
    for transport, _ in held:
        transport.close()
    await asyncio.sleep(1)
    return Fanout(len(held), open_seconds, rss_before, rss_after, change_seconds, latencies)


@contextlib.asynccontextmanager
async def awarding(settings, subject: Subject):
    """``award(marker)``: a completion worth 50 XP named by the marker, awarded in this process with
    Tangkas assembled as the scheduler assembles it: committed, written to the Redis boards and
    announced on the board events, as any process's award is."""
    from api.bootstrap import bootstrap
    from domain.rules import FactKind
    from gamification.points.facts import record_fact
    from gamification.points.ledger import award_facts
    from gamification.storage.database import unit_of_work

    async with bootstrap(settings).running(pool_size=2) as tangkas:

        async def award(marker: str) -> None:
            now = dt.datetime.now(dt.timezone.utc)
            async with unit_of_work():
                fact = await record_fact(
                    kind=FactKind.MODULE_COMPLETION,
                    person_id=subject.person,
                    source_key=f"bench:{marker}",
                    label=marker,
                    occurred_at=now,
                    local_date=now.astimezone(ZoneInfo(subject.timezone)).date(),
                    region_id=subject.region,
                    unit_id=subject.unit,
                    xp=50,
                    score=80,
                )
                await award_facts([fact], follow=tangkas.boards.writes)

        await tangkas.redis.ping()
        yield award


@contextlib.asynccontextmanager
async def publishing(redis_url: str, screen: str):
    """``publish(marker)``: the screen with the marker, published once on the bare app's channel."""
    from redis.asyncio import Redis

    async with Redis.from_url(redis_url) as redis:
        await redis.ping()

        async def publish(marker: str) -> None:
            await redis.publish(BARE_CHANNEL, json.dumps({"ticker": marker, "screen": json.loads(screen)}))

        yield publish


def run(args) -> tuple[Fanout, Fanout, int]:
    from gamification.storage.settings import Settings

    env = {
        "TANGKAS_DATABASE_URL": args.database_url,
        "TANGKAS_REDIS_URL": args.redis_url,
        "TANGKAS_JWT_SECRET": SECRET,
        "TANGKAS_SCHEDULER": "off",
        "TANGKAS_DISPLAY_STREAMS": f"10,{args.streams + 100}",  # one address holds them all
        "TANGKAS_RATE_LIMIT_DISPLAY": f"-,{10 * args.streams},60",
    }
    subject = asyncio.run(prepare_database(args.database_url, args.reset, env))
    tokens = asyncio.run(make_displays(args.database_url, subject, args.streams))
    settings = Settings(database_url=args.database_url, redis_url=args.redis_url, jwt_secret=SECRET)
    paths = [f"/api/v1/displays/{token}/stream" for token in tokens]
    print(f"Tangkas: {len(paths)} aliran ...", flush=True)
    with Server(
        "tangkas-displays",
        "api.app:create_served_app",
        {**env, "TANGKAS_ENV": "production", "TANGKAS_PUBLIC_URL": "https://tangkas.bench"},
        1,
        "/ready",
    ) as api:
        screen = urllib.request.urlopen(f"{api.url}/api/v1/displays/{tokens[0]}/leaderboard").read().decode()
        tangkas = asyncio.run(fan_out(api, paths, lambda: awarding(settings, subject), OPENING))
    bare_env = {"BENCH_REDIS_URL": args.redis_url, "BENCH_SSE_CHANNEL": BARE_CHANNEL}
    print(f"Dasar: {len(paths)} aliran ...", flush=True)
    with Server("bare-sse", "bench.bare_sse:create_app", bare_env, 1, "/health") as bare:
        bare_result = asyncio.run(
            fan_out(bare, ["/sse"] * len(paths), lambda: publishing(args.redis_url, screen), OPENING)
        )
    return tangkas, bare_result, len(screen)


def report(args, tangkas: Fanout, bare: Fanout, screen_bytes: int) -> str:
    out = [
        "# Display streams: fan-out of one change",
        "",
        f"Run on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC.",
        "",
    ]
    out += [*machine(), "", "```", " ".join([Path(sys.executable).name, *sys.argv]), "```", ""]
    out += [
        f"{args.streams} streams held by one uvicorn worker, opened {OPENING} at a time from one process on the same "
        f"machine; {len(BOARDS)} boards shown (a screen is ~{screen_bytes / 1024:.1f} KB). Latency: from the start "
        "of the change (Tangkas: the award's transaction; bare: the PUBLISH) until a stream's socket had it.",
        "",
        "| server | streams | opened in s | update max s | p99 s | p50 s | change itself s | worker RSS before → after MB | KB per stream |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, result in (("Tangkas", tangkas), ("bare Litestar SSE fan-out", bare)):
        out.append(
            f"| {name} | {result.streams} | {result.open_seconds:.1f} | {result.latencies[-1]:.2f} | "
            f"{result.percentile(0.99):.2f} | {result.percentile(0.5):.2f} | {result.change_seconds:.2f} | "
            f"{result.rss_before_mb:.0f} → {result.rss_after_mb:.0f} | {result.kb_per_stream:.1f} |"
        )
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True, help="The bench's own database (created when missing).")
    parser.add_argument("--redis-url", default=os.environ.get("TANGKAS_REDIS_URL", "redis://127.0.0.1:6379/3"))
    parser.add_argument("--streams", type=int, default=5000)
    parser.add_argument("--reset", action="store_true", help="Drop the database and fill it again.")
    parser.add_argument("--output", default=str(Path(__file__).resolve().parent / "DISPLAYS.md"))
    args = parser.parse_args()
    raise_open_files(2 * args.streams + 1000)
    with contextlib.suppress(ImportError):  # the client's event loop, as uvicorn's
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    tangkas, bare, screen_bytes = run(args)
    text = report(args, tangkas, bare, screen_bytes)
    Path(args.output).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
