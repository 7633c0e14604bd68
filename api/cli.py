"""The ``tangkas`` command line: serve, migrate, seed-demo, recalc, leaderboards rebuild, bench seed, scheduler, user create."""

from __future__ import annotations

import asyncio
import logging
import os
import time

import click

from gamification.storage.settings import InvalidSettings, Settings


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except InvalidSettings as error:
        raise click.ClickException(str(error)) from None


async def _with_database(settings: Settings, work):
    """Migrate, then run ``work(tangkas)`` with Tangkas assembled as the API assembles it (the boards
    kept in step, in Redis when configured)."""
    from api.bootstrap import bootstrap
    from gamification.storage.migrations import migrate

    async with bootstrap(settings).running(pool_size=2) as tangkas:
        await migrate()
        return await work(tangkas) if work else None


@click.group()
def main() -> None:
    """Tangkas: gamified microlearning and innovation rewards for ASN."""
    from api.http.log_redaction import install as redact_logs

    redact_logs()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@main.command()
def migrate() -> None:
    """Apply database migrations (TANGKAS_DATABASE_URL; SQLite file by default)."""
    asyncio.run(_with_database(_settings(), None))
    click.echo("Migrasi selesai.")


@main.command("seed-demo")
def seed_demo() -> None:
    """Create the demo regions, agencies, units and people (safe to run twice)."""
    from gamification.demo.seed import DEMO_PASSWORD
    from gamification.demo.seed import seed_demo as run_seed

    summary = asyncio.run(
        _with_database(_settings(), lambda tangkas: run_seed(tangkas.services["attempt_service"], progress=click.echo))
    )
    click.echo(_demo_banner(summary, DEMO_PASSWORD))


@main.command()
@click.option("--full", is_flag=True, help="Evaluate every fact again and check every total against the ledger.")
@click.option("--region", "region_slug", default=None, help="Only this region (its slug).")
def recalc(full: bool, region_slug: str | None) -> None:
    """Award facts not yet awarded (after approvals, imports, rule changes); --full rebuilds from all facts."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from domain.errors import DomainError
    from gamification.points.recalc import recalculate

    with Progress(TextColumn("Menghitung poin"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()) as bar:
        task = bar.add_task("recalc", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        started = time.perf_counter()
        try:
            report = asyncio.run(
                _with_database(
                    _settings(),
                    lambda tangkas: recalculate(
                        follow=tangkas.boards.writes, full=full, region_slug=region_slug, progress=progress
                    ),
                )
            )
        except DomainError as error:
            raise click.ClickException(f"{error.code} {error.params or ''}".strip()) from None
    click.echo(
        f"Fakta dinilai: {report.facts_evaluated}, entri baru: {report.entries_added} ({report.xp_added:+} XP), "
        f"lencana baru: {report.badges_awarded}, selisih total diperbaiki: {report.drift_fixed}; "
        f"selesai dalam {time.perf_counter() - started:.2f} s."
    )


@main.group()
def leaderboards() -> None:
    """Leaderboards in Redis."""


@leaderboards.command("rebuild")
def leaderboards_rebuild() -> None:
    """Rebuild every current board in Redis from the ledger's totals (TANGKAS_REDIS_URL)."""
    settings = _settings()
    if not settings.redis_url:
        raise click.ClickException("TANGKAS_REDIS_URL belum diatur: tanpa Redis papan peringkat dibaca dari SQL.")

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("Menulis papan peringkat"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()
    ) as bar:
        task = bar.add_task("rebuild", total=None)

        async def rebuild(tangkas) -> int | None:
            progress = lambda done, total: bar.update(task, completed=done, total=total)  # noqa: E731
            return await tangkas.boards.rebuilder.rebuild(progress=progress)

        written = asyncio.run(_with_database(settings, rebuild))
    if written is None:
        raise click.ClickException("Proses lain sedang membangun ulang papan peringkat; coba lagi sebentar lagi.")
    click.echo(f"Papan peringkat dibangun ulang: {written} posisi ditulis ke Redis.")


@main.group()
def bench() -> None:
    """Benchmark data: a realistic organization and a year of facts (never in production)."""


BENCH_REFUSALS = {
    "bench_production": "TANGKAS_ENV=production: data uji beban tidak pernah diisikan ke basis data produksi.",
    "bench_not_empty": "Basis data sudah berisi data orang. Tambahkan --reset untuk mengosongkan SEMUA tabel lebih dulu.",
    "bench_not_seeded": "Basis data ini tidak diisi oleh 'tangkas bench seed'; --more-facts hanya menambah data uji beban.",
    "bench_people_too_few": "Jumlah orang terlalu sedikit: paling sedikit {minimum}.",
    "bench_too_many_facts": "Fakta terlalu banyak untuk jumlah orang ini (satu modul hanya sekali per orang); tambah --people.",
}
BENCH_STAGES = {
    "organization": "Organisasi",
    "people": "Pegawai",
    "modules": "Modul",
    "facts": "Fakta",
    "indexes": "Indeks fakta",
    "statistics": "VACUUM ANALYZE",
}


@bench.command("seed")
@click.option("--people", type=click.IntRange(min=1), default=None, help="People to create (e.g. 100000).")
@click.option("--facts", type=click.IntRange(min=0), default=None, help="Pending facts over the last 12 months.")
@click.option("--more-facts", type=click.IntRange(min=1), default=None, help="Add this many recent pending facts.")
@click.option("--seed", "seed_value", type=int, default=None, help="Random seed (a fixed default).")
@click.option("--reset", is_flag=True, help="Empty every table first (the database's data is lost).")
def bench_seed(
    people: int | None, facts: int | None, more_facts: int | None, seed_value: int | None, reset: bool
) -> None:
    """Fill TANGKAS_DATABASE_URL with benchmark data; --more-facts adds recent facts to it."""
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from bench.seed.generate import DEFAULT_SEED, BenchRefused, add_bench_facts, seed_bench

    if more_facts is not None and (people is not None or facts is not None or reset):
        raise click.UsageError("--more-facts tidak digabung dengan --people, --facts atau --reset.")
    if more_facts is None and (people is None or facts is None):
        raise click.UsageError("Sebutkan --people dan --facts (atau --more-facts).")
    settings = _settings()
    if settings.production:
        raise click.ClickException(BENCH_REFUSALS["bench_production"])
    seed_value = DEFAULT_SEED if seed_value is None else seed_value
    started = time.perf_counter()
    columns = (TextColumn("{task.description:<20}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(BENCH_STAGES[stage], total=total)
            bar.update(tasks[stage], completed=done, total=total)

        async def work(tangkas):
            if more_facts is not None:
                return await add_bench_facts(more_facts, seed=seed_value, progress=progress)
            return await seed_bench(
                people,
                facts,
                seed=seed_value,
                reset=reset,
                progress=progress,
                rebuild_boards=tangkas.boards.rebuilder.rebuild,
            )

        try:
            report = asyncio.run(_with_database(settings, work))
        except BenchRefused as error:
            raise click.ClickException(BENCH_REFUSALS[error.code].format(**error.params)) from None
    click.echo(_bench_summary(report, time.perf_counter() - started))
    if more_facts is None:
        from bench.seed.generate import BENCH_PASSWORD
        from bench.seed.organization import BENCH_SUPERADMIN_EMAIL

        click.echo(
            f"Semua orang uji beban masuk dengan kata sandi '{BENCH_PASSWORD}'; superadmin: {BENCH_SUPERADMIN_EMAIL}."
        )


def _bench_summary(report, elapsed: float) -> str:
    """The elapsed time, rows per second, and each stage's time."""
    stages = ", ".join(f"{BENCH_STAGES[stage]} {_seconds(seconds)}" for stage, seconds in report.seconds.items())
    rate = _thousands(round(report.total_rows / max(elapsed, 1e-9)))
    return f"Selesai dalam {_seconds(elapsed)}: {_thousands(report.total_rows)} baris ({rate} baris/detik; {stages})."


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _seconds(value: float) -> str:
    return f"{value:.1f} s".replace(".", ",")


@main.command()
def scheduler() -> None:
    """Run the scheduled jobs in this process (with TANGKAS_SCHEDULER=off on the API processes)."""
    from api.scheduler import build_scheduler

    async def run_forever(tangkas) -> None:
        jobs = build_scheduler(tangkas)
        jobs.start()
        click.echo("Penjadwal berjalan: " + ", ".join(job.id for job in jobs.get_jobs()))
        try:
            await asyncio.Event().wait()
        finally:
            jobs.shutdown(wait=False)

    try:
        asyncio.run(_with_database(_settings(), run_forever))
    except KeyboardInterrupt:
        click.echo("Penjadwal berhenti.")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int, help="Worker processes (PostgreSQL only).")
@click.option("--demo", is_flag=True, help="Seed the demo data before starting.")
def serve(host: str, port: int, workers: int, demo: bool) -> None:
    """Migrate, then serve the API (OpenAPI docs at /schema)."""
    import uvicorn

    settings = _settings()
    if demo:
        from gamification.demo.seed import DEMO_PASSWORD
        from gamification.demo.seed import seed_demo as run_seed

        summary = asyncio.run(
            _with_database(settings, lambda tangkas: run_seed(tangkas.services["attempt_service"], progress=click.echo))
        )
        click.echo(_demo_banner(summary, DEMO_PASSWORD))
    else:
        asyncio.run(_with_database(settings, None))
    if workers > 1 and not settings.is_postgres:
        raise click.ClickException("Lebih dari satu worker membutuhkan PostgreSQL (TANGKAS_DATABASE_URL).")
    click.echo(f"Tangkas berjalan di http://{host}:{port}  (dokumentasi API: http://{host}:{port}/schema)")
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers, proxy_headers=True)


@main.group()
def user() -> None:
    """Manage people from the command line."""


@user.command("create")
@click.option("--login", "email", required=True, help="Email used to sign in.")
@click.option("--password", required=True, prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--role", "roles", multiple=True, default=["superadmin"], show_default=True)
@click.option("--nip", default=None, help="18-digit NIP (required for the asn role).")
@click.option("--name", default=None, help="Full name (defaults to the email).")
@click.option("--unit", "unit_id", default=None, type=int, help="Unit id (required except for superadmin/partner).")
def user_create(
    email: str, password: str, roles: tuple[str, ...], nip: str | None, name: str | None, unit_id: int | None
) -> None:
    """Create a person, typically the first superadmin."""
    from domain.access import Actor
    from domain.errors import DomainError
    from domain.roles import Role

    system = Actor(person_id=0, roles=frozenset({Role.SUPERADMIN}), region_id=None, unit_id=None, unit_path=None)

    async def create(tangkas):
        return await tangkas.services["people_service"].create(
            system, name=name or email, roles=list(roles), nip=nip, email=email, password=password, unit_id=unit_id
        )

    try:
        person = asyncio.run(_with_database(_settings(), create))
    except DomainError as error:
        from api.http.messages import message

        raise click.ClickException(f"{message(error.code, 'id', error.params)} ({error.code})") from None
    click.echo(f"Pengguna dibuat: id={person.id} email={person.email} peran={','.join(person.roles)}")


def _demo_banner(summary: dict, password: str) -> str:
    return (
        f"\nData demo siap: {summary['regions']} wilayah, {summary['people']} orang, {summary['modules']} modul, "
        f"{summary['attempts']} penyelesaian baru.\n"
        f"Masuk (POST /api/v1/auth/login) dengan kata sandi '{password}' sebagai:\n"
        f"  superadmin : {summary['superadmin']}\n"
        f"  admin      : {summary['admin']}\n"
        f"  manajer    : {summary['manager']}\n"
        f"  ASN (NIP)  : {summary['asn']}\n"
        f"Layar kantor (tanpa login): {summary['display']}\n"
    )


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
