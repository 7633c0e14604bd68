"""Holding a request at a chosen point of the server's code, noticing when a request gets there,
and waiting for a condition with a deadline.

The fault tests use them to act while a request is inside its write: between two statements of
its transaction, where a real client could give up or a real connection could break.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Awaitable, Callable

DEADLINE_SECONDS = 30


async def until(condition: Callable[[], bool | Awaitable[bool]], what: str, seconds: float = DEADLINE_SECONDS) -> None:
    """Poll ``condition`` (plain or async) until it holds; fail, naming ``what``, after ``seconds``."""
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        holds = condition()
        if not isinstance(holds, bool):
            holds = await holds
        if holds:
            return
        assert asyncio.get_running_loop().time() < deadline, f"still waiting for {what} after {seconds} s"
        await asyncio.sleep(0.01)


def _original(target: str):
    """What "module.name" or "module.Class.name" names."""
    module, name = target.rsplit(".", 1)
    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError:
        module, owner = module.rsplit(".", 1)
        return getattr(getattr(importlib.import_module(module), owner), name)


class Pause:
    """The first call of the async function ``target`` ("module.name") stops there until ``release()``,
    after ``peek()`` (if given) has read, inside the caller's transaction, what it wrote so far.
    Later calls pass."""

    def __init__(self, monkeypatch, target: str, peek: Callable[[], Awaitable[object]] | None = None) -> None:
        self.reached, self._released = asyncio.Event(), asyncio.Event()
        self.seen: object = None  # what peek() read inside the write
        self._peek, self._original, self._held = peek, _original(target), False

        async def call(*args, **kwargs):  # a plain function: as a class attribute it binds like the method it replaces
            return await self._call(*args, **kwargs)

        monkeypatch.setattr(target, call)

    async def _call(self, *args, **kwargs):
        if not self._held:
            self._held = True
            self.seen = await self._peek() if self._peek else None
            self.reached.set()
            await self._released.wait()  # a cancelled request is cancelled here
        return await self._original(*args, **kwargs)

    def release(self) -> None:
        self._released.set()


class Arrivals:
    """Counts the calls of the plain function ``target``; ``second`` is set when a second request gets there."""

    def __init__(self, monkeypatch, target: str) -> None:
        self.second, self.calls, self._original = asyncio.Event(), 0, _original(target)
        monkeypatch.setattr(target, self._call)

    def _call(self, *args, **kwargs):
        self.calls += 1
        if self.calls >= 2:
            self.second.set()
        return self._original(*args, **kwargs)
