"""The recalculation rows once more on PostgreSQL tuned for the machine, beside the defaults, in one run:
the settings are written with ALTER SYSTEM, the server restarted, and both undone afterwards whatever
happens (a bench must leave the server as it found it)."""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

# For a 2-core, 24 GB machine running PostgreSQL beside the API (docs/scaling.md, "PostgreSQL settings"):
# the working set in shared buffers, checkpoints far apart, SSD costs. Durability is not traded:
# synchronous_commit and fsync stay on.
TUNED = {
    "shared_buffers": "4GB",
    "effective_cache_size": "16GB",
    "work_mem": "32MB",
    "maintenance_work_mem": "1GB",
    "max_wal_size": "8GB",
    "checkpoint_timeout": "15min",
    "checkpoint_completion_target": "0.9",
    "wal_compression": "on",
    "random_page_cost": "1.1",
    "effective_io_concurrency": "200",
}


def restart_command() -> list[str]:
    """Debian's cluster wrapper (as this machine starts PostgreSQL), for the one installed version."""
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"]


def psql(database_url: str, sql: str) -> str:
    return subprocess.run(["psql", database_url, "-Atc", sql], check=True, capture_output=True, text=True).stdout


def restart(database_url: str) -> None:
    subprocess.run(restart_command(), check=True)
    deadline = time.monotonic() + 60
    while subprocess.run(["psql", database_url, "-Atc", "SELECT 1"], capture_output=True).returncode:
        if time.monotonic() > deadline:
            raise RuntimeError("PostgreSQL did not come back after its restart")
        time.sleep(0.5)


@contextlib.contextmanager
def tuned(database_url: str) -> Iterator[dict[str, str]]:
    for name, value in TUNED.items():
        psql(database_url, f"ALTER SYSTEM SET {name} = '{value}'")
    try:
        restart(database_url)
        yield {name: psql(database_url, f"SHOW {name}").strip() for name in TUNED}
    finally:
        for name in TUNED:
            psql(database_url, f"ALTER SYSTEM RESET {name}")
        restart(database_url)
