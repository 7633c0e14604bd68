"""The pooled PostgreSQL connections: handed back clean, without asyncpg's full reset round trip."""

import pytest

from gamification.storage.tables import Region

pytestmark = pytest.mark.postgres


async def test_a_connection_handed_back_inside_a_transaction_is_rolled_back(db):
    async with db.pool.acquire() as connection:
        await connection.execute("BEGIN")
        await connection.execute(
            "INSERT INTO region (name, slug, timezone) VALUES ('Tak jadi', 'tak-jadi', 'Asia/Jakarta')"
        )
        assert connection.is_in_transaction()
    for _ in range(4):  # whichever connection comes next
        async with db.pool.acquire() as connection:
            assert not connection.is_in_transaction()
    assert await Region.count() == 0


async def test_a_local_setting_does_not_outlive_its_transaction(db):
    async with db.pool.acquire() as connection:
        async with connection.transaction():
            await connection.execute("SET LOCAL work_mem = '77MB'")
    for _ in range(4):
        async with db.pool.acquire() as connection:
            assert await connection.fetchval("SHOW work_mem") != "77MB"
