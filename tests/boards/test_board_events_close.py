"""Closing the board events never waits for good on a subscription whose connection stalls as it closes."""

from __future__ import annotations

import asyncio

from gamification.boards import events as events_module
from gamification.boards.events import BoardEvents


async def test_closing_gives_up_on_a_subscription_stalled_in_its_own_close(monkeypatch):
    monkeypatch.setattr(events_module, "LISTENER_CLOSE_SECONDS", 0.2)
    events = BoardEvents(None)
    cancelled = 0

    async def stalled_listener():
        nonlocal cancelled
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled += 1
            await asyncio.sleep(3600)  # what redis-py's pub/sub close can do (redis/redis-py#3941)

    events._listener = asyncio.create_task(stalled_listener())
    await asyncio.sleep(0)

    await asyncio.wait_for(events.close(), timeout=5)

    assert events._listener.done() and cancelled == 1
