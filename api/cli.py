"""The ``tangkas`` command line: serve, migrate, seed-demo, recalc, leaderboards rebuild, bench seed, scheduler, user create, erase-contacts, push."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from pathlib import Path

import click

from gamification.storage.settings import InvalidSettings, Settings


def settings_from_env() -> Settings:
    """The settings, or the command's error naming the variable that is wrong."""
    try:
        return Settings.from_env()
    except InvalidSettings as error:
        raise click.ClickException(str(error)) from None


async def with_database(settings: Settings, work):
    """Migrate, then run ``work(tangkas)`` with Tangkas assembled as the API assembles it (the boards
    kept in step, in Redis when configured)."""
    from api.bootstrap import bootstrap
    from gamification.storage.migrations import migrate

    async with bootstrap(settings).running(pool_size=3) as tangkas:
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
    asyncio.run(with_database(settings_from_env(), None))
    click.echo("Migrasi selesai.")


@main.command("seed-demo")
def seed_demo() -> None:
    """Create the demo regions, agencies, units and people (safe to run twice; never in production)."""
    _seed_demo(settings_from_env())


def _seed_demo(settings: Settings) -> None:
    """The demo signs in with a published password: never in production."""
    from gamification.demo.seed import DEMO_PASSWORD
    from gamification.demo.seed import seed_demo as run_seed

    if settings.production:
        raise click.ClickException(
            "TANGKAS_ENV=production: data demo (dengan kata sandi yang diketahui umum) tidak diisikan."
        )
    summary = asyncio.run(
        with_database(
            settings,
            lambda tangkas: run_seed(tangkas.services["attempt_service"], tangkas.awarding, progress=click.echo),
        )
    )
    click.echo(_demo_banner(summary, DEMO_PASSWORD))


@main.command()
@click.option(
    "--full",
    is_flag=True,
    help="Check facts and totals against the ledger: what changed since the last complete check.",
)
@click.option("--complete", is_flag=True, help="With --full: every fact and every total, whatever was checked before.")
@click.option("--region", "region_slug", default=None, help="Only this region (its slug).")
def recalc(full: bool, complete: bool, region_slug: str | None) -> None:
    """Award facts not yet awarded (after approvals, imports, rule changes); --full checks facts and totals."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from domain.errors import DomainError
    from gamification.points.recalc import recalculate

    with Progress(TextColumn("Menghitung poin"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()) as bar:
        task = bar.add_task("recalc", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        async def timed(tangkas):
            # The recalculation as the scheduler runs it, in a process already started: not the imports,
            # the connections and the migrations' check before it.
            started = time.perf_counter()
            report = await recalculate(
                follow=tangkas.boards.writes,
                full=full or complete,
                complete=complete,
                region_slug=region_slug,
                progress=progress,
            )
            return report, time.perf_counter() - started

        try:
            report, seconds = asyncio.run(with_database(settings_from_env(), timed))
        except DomainError as error:
            raise click.ClickException(f"{error.code} {error.params or ''}".strip()) from None
    click.echo(
        f"Fakta dinilai: {report.facts_evaluated}, entri baru: {report.entries_added} ({report.xp_added:+} XP), "
        f"lencana baru: {report.badges_awarded}, selisih total diperbaiki: {report.drift_fixed}; "
        f"selesai dalam {seconds:.2f} s."
    )


@main.group()
def leaderboards() -> None:
    """Leaderboards in Redis."""


@leaderboards.command("rebuild")
def leaderboards_rebuild() -> None:
    """Rebuild every current board in Redis from the ledger's totals (TANGKAS_REDIS_URL)."""
    settings = settings_from_env()
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

        written = asyncio.run(with_database(settings, rebuild))
    if written is None:
        raise click.ClickException("Proses lain sedang membangun ulang papan peringkat; coba lagi sebentar lagi.")
    click.echo(f"Papan peringkat dibangun ulang: {written} posisi ditulis ke Redis.")


BENCH_MISSING = (
    "'tangkas bench seed' butuh salinan kode Tangkas (folder bench/ tidak ada di wheel): "
    "jalankan 'python -m bench.seed' dari checkout."
)


class _BenchCommands(click.Group):
    """``bench seed`` is the checkout's ``bench.seed`` command, loaded only when asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return ["seed"]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return _bench_seed() if name == "seed" else None


@main.group(cls=_BenchCommands)
def bench() -> None:
    """Benchmark data: a realistic organization and a year of facts (never in production)."""


def _bench_seed() -> click.Command:
    """bench/ is not in the wheel: an editable install finds it beside api/, a wheel says it is missing."""
    checkout = str(Path(__file__).resolve().parent.parent)
    if Path(checkout, "bench", "seed").is_dir() and checkout not in sys.path:
        sys.path.append(checkout)
    try:
        from bench.seed.command import seed
    except ModuleNotFoundError as error:
        if error.name not in ("bench", "bench.seed", "bench.seed.command"):
            raise
        return _bench_missing
    return seed


@click.command("seed", context_settings={"ignore_unknown_options": True}, add_help_option=False)
@click.argument("ignored", nargs=-1, type=click.UNPROCESSED)
def _bench_missing(ignored: tuple[str, ...]) -> None:
    """Benchmark data (needs a Tangkas checkout: bench/ is not in the wheel)."""
    raise click.ClickException(BENCH_MISSING)


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
        asyncio.run(with_database(settings_from_env(), run_forever))
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

    settings = settings_from_env()
    if demo:
        _seed_demo(settings)
    else:
        asyncio.run(with_database(settings, None))
    if workers > 1 and not settings.is_postgres:
        raise click.ClickException("Lebih dari satu worker membutuhkan PostgreSQL (TANGKAS_DATABASE_URL).")
    click.echo(f"Tangkas berjalan di http://{host}:{port}  (dokumentasi API: http://{host}:{port}/schema)")
    uvicorn.run("api.app:create_served_app", factory=True, host=host, port=port, workers=workers, proxy_headers=True)


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
        person = asyncio.run(with_database(settings_from_env(), create))
    except DomainError as error:
        from api.http.messages import message

        raise click.ClickException(f"{message(error.code, 'id', error.params)} ({error.code})") from None
    click.echo(f"Pengguna dibuat: id={person.id} email={person.email} peran={','.join(person.roles)}")


# moderation and praise: the UU PDP erasure, on demand as the scheduler runs it every hour
@main.command("erase-contacts")
def erase_contacts() -> None:
    """Blank citizens' contacts (survey answers, complaints) whose erase time has passed."""
    import datetime as dt

    from gamification.surveys.erasure import erase_contacts as erase

    now = dt.datetime.now(dt.timezone.utc)
    erased = asyncio.run(with_database(settings_from_env(), lambda tangkas: erase(now)))
    click.echo(f"Kontak dihapus: {erased['survey_answers']} jawaban survei, {erased['complaints']} pengaduan.")


# push notifications: the outbox drained on demand, as the scheduler does every minute
@main.command("push")
def push() -> None:
    """Send the push notifications that are due (TANGKAS_PUSH_SENDER: log or fcm)."""
    counts = asyncio.run(with_database(settings_from_env(), lambda tangkas: tangkas.services["push_outbox"].drain()))
    done = ", ".join(f"{outcome} {count}" for outcome, count in sorted(counts.items())) or "tidak ada"
    click.echo(f"Notifikasi push: {done}.")


def _demo_banner(summary: dict, password: str) -> str:
    return (
        f"\nData demo siap: {summary['regions']} wilayah, {summary['people']} orang, {summary['modules']} modul, "
        f"{summary['attempts']} penyelesaian baru.\n"
        f"Riwayat setahun: {summary['history']['completions']} penyelesaian modul, "
        f"{summary['history']['certificates']} sertifikat terverifikasi; {summary['initiatives']} inovasi.\n"
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
