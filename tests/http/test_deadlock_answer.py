"""A request whose transaction PostgreSQL rolled back to break a deadlock answers 503 ``database_busy`` with
Retry-After: nothing of it was written, so the phone sends it again (never a 500)."""

import asyncpg
from litestar import Litestar, post
from litestar.testing import AsyncTestClient

from api.http.errors import EXCEPTION_HANDLERS


@post("/tulis")
async def chosen_to_break_a_lock_cycle() -> None:
    raise asyncpg.DeadlockDetectedError("deadlock detected")


@post("/rusak")
async def broken() -> None:
    raise RuntimeError("bug")


async def test_a_transaction_rolled_back_by_a_deadlock_answers_503_with_retry_after():
    app = Litestar([chosen_to_break_a_lock_cycle, broken], exception_handlers=EXCEPTION_HANDLERS)
    async with AsyncTestClient(app) as client:
        busy = await client.post("/tulis")
        assert (busy.status_code, busy.json()["code"], busy.headers["retry-after"]) == (503, "database_busy", "1")
        assert busy.json()["detail"] == "Server sedang sibuk. Coba lagi dalam 1 detik."
        assert (await client.post("/rusak")).status_code == 500
