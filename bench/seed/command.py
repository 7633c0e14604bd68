"""The benchmark data generator's command line, run by ``python -m bench.seed`` and by
``tangkas bench seed``: options, refusals in words, a progress bar per stage and a summary."""

from __future__ import annotations

import asyncio
import time

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

# The CLI's wiring (migrate, boards kept in step), so that a seed sees the database as the API does.
from api.cli import settings_from_env, with_database
from bench.seed.generate import BENCH_PASSWORD, DEFAULT_SEED, BenchRefused, SeedReport, add_bench_facts, seed_bench
from bench.seed.organization import BENCH_SUPERADMIN_EMAIL

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


@click.command("seed")
@click.option("--people", type=click.IntRange(min=1), default=None, help="People to create (e.g. 100000).")
@click.option("--facts", type=click.IntRange(min=0), default=None, help="Pending facts over the last 12 months.")
@click.option("--more-facts", type=click.IntRange(min=1), default=None, help="Add this many recent pending facts.")
@click.option("--seed", "seed_value", type=int, default=None, help="Random seed (a fixed default).")
@click.option("--reset", is_flag=True, help="Empty every table first (the database's data is lost).")
def seed(people: int | None, facts: int | None, more_facts: int | None, seed_value: int | None, reset: bool) -> None:
    """Fill TANGKAS_DATABASE_URL with benchmark data; --more-facts adds recent facts to it."""
    if more_facts is not None and (people is not None or facts is not None or reset):
        raise click.UsageError("--more-facts tidak digabung dengan --people, --facts atau --reset.")
    if more_facts is None and (people is None or facts is None):
        raise click.UsageError("Sebutkan --people dan --facts (atau --more-facts).")
    settings = settings_from_env()
    if settings.production:
        raise click.ClickException(BENCH_REFUSALS["bench_production"])
    seed_value = DEFAULT_SEED if seed_value is None else seed_value

    async def work(tangkas) -> SeedReport:
        if more_facts is not None:
            return await add_bench_facts(more_facts, seed=seed_value, progress=progress)
        rebuild_boards = tangkas.boards.rebuilder.rebuild
        return await seed_bench(
            people, facts, seed=seed_value, reset=reset, progress=progress, rebuild_boards=rebuild_boards
        )

    started = time.perf_counter()
    columns = (TextColumn("{task.description:<20}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns) as bar:
        progress = _stage_bars(bar)
        try:
            report = asyncio.run(with_database(settings, work))
        except BenchRefused as error:
            raise click.ClickException(BENCH_REFUSALS[error.code].format(**error.params)) from None
    click.echo(_summary(report, time.perf_counter() - started))
    if more_facts is None:
        click.echo(
            f"Semua orang uji beban masuk dengan kata sandi '{BENCH_PASSWORD}'; superadmin: {BENCH_SUPERADMIN_EMAIL}."
        )


def _stage_bars(bar: Progress):
    """The generator's progress callback: one bar per stage, added when the stage starts."""
    tasks: dict[str, int] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(BENCH_STAGES[stage], total=total)
        bar.update(tasks[stage], completed=done, total=total)

    return progress


def _summary(report: SeedReport, elapsed: float) -> str:
    """The elapsed time, rows per second, and each stage's time."""
    stages = ", ".join(f"{BENCH_STAGES[stage]} {_seconds(seconds)}" for stage, seconds in report.seconds.items())
    rate = _thousands(round(report.total_rows / max(elapsed, 1e-9)))
    return f"Selesai dalam {_seconds(elapsed)}: {_thousands(report.total_rows)} baris ({rate} baris/detik; {stages})."


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _seconds(value: float) -> str:
    return f"{value:.1f} s".replace(".", ",")
