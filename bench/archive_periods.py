"""Move the totals of periods over for two days into their archive, as the hourly period-close job
does in a deployment, then compact ``points_period`` (a deployment's first move is followed by
``VACUUM FULL points_period`` once): ``python -m bench.archive_periods`` (TANGKAS_DATABASE_URL)."""

from __future__ import annotations

import asyncio
import datetime as dt

from api.cli import settings_from_env, with_database
from gamification.points.period_archive import archive_closed_periods
from gamification.storage.database import current_engine


async def _archive(tangkas) -> int:
    moved = await archive_closed_periods(dt.datetime.now(dt.timezone.utc))
    if moved and current_engine().engine_type == "postgres":
        await current_engine().run_ddl("VACUUM FULL points_period")
    return moved


def main() -> None:
    moved = asyncio.run(with_database(settings_from_env(), _archive))
    print(f"{moved} period totals archived")


if __name__ == "__main__":
    main()
