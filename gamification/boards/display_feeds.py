"""The live display streams of one process: each board shown is read once per change, and the same
screen (encoded once per display name) is handed to every stream that shows it.

One task per process follows the board events while any stream is open. A burst of events about a
board makes it read once, whether one TV shows it or five thousand; every ``HEARTBEAT_SECONDS`` each
board is read again and the revocation of every open display looked up in one query, since an event
can be lost (a Redis subscription reconnecting, a stream too far behind). A revocation event ends
that display's streams at once. Each stream keeps its own heartbeat (a comment line that also renews
its stream slot), so five thousand streams do not renew at the same moment.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gamification.storage.tables import Display

if TYPE_CHECKING:
    from gamification.boards.displays import Displays, Screen, ShownDisplay

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 15.0  # a comment line keeps proxies from closing the stream; the screen is re-read then too
BURST_SECONDS = 0.3  # events arriving together are shown once
READERS = 4  # boards read at once after a change (of a pool of 10 connections)
LOOKUP_CHUNK = 500  # display ids per revocation query (SQLite's old limit of bound values is 999)


class Frame(tuple):
    """``("screen", screen)``, ``("ping", None)`` or ``("revoked", None)``; one frame object is shared by
    every stream of a display showing the same screen, so its text is encoded once."""

    _encoded: bytes | None

    def __new__(cls, kind: str, screen: Screen | None = None) -> Frame:
        frame = super().__new__(cls, (kind, screen))
        frame._encoded = None
        return frame

    def encoded(self, encode: Callable[[Frame], bytes]) -> bytes:
        if self._encoded is None:
            self._encoded = encode(self)
        return self._encoded


PING, REVOKED = Frame("ping"), Frame("revoked")


@dataclass(eq=False)
class Viewer:
    """One open stream: the frame it has still to send (only the newest matters) and what wakes it."""

    display: ShownDisplay
    woken: asyncio.Event = field(default_factory=asyncio.Event)
    pending: Frame | None = None

    def show(self, frame: Frame) -> None:
        if self.pending is not REVOKED:
            self.pending = frame
            self.woken.set()


@dataclass(eq=False)
class Feed:
    """One board as displays show it (scope, period, IKM line), with the streams that show it."""

    sample: ShownDisplay  # any display of the board: the screen is read for it and retitled per display
    viewers: set[Viewer] = field(default_factory=set)
    screen: Screen | None = None
    frames: dict[str, Frame] = field(default_factory=dict)  # by display name
    reading: asyncio.Lock = field(default_factory=asyncio.Lock)

    def frame_for(self, name: str) -> Frame:
        frame = self.frames.get(name)
        if frame is None:
            frame = self.frames[name] = Frame("screen", dataclasses.replace(self.screen, title=name))
        return frame


def board_of(display: ShownDisplay) -> tuple:
    ref = display.ref
    return ref.scope, ref.scope_id, display.period, display.show_ikm


class DisplayFeeds:
    def __init__(self, displays: Displays) -> None:
        self._displays = displays
        self._feeds: dict[tuple, Feed] = {}
        self._follower: asyncio.Task | None = None

    @property
    def open_streams(self) -> int:
        return sum(len(feed.viewers) for feed in self._feeds.values())

    async def follow(self, display: ShownDisplay) -> AsyncIterator[Frame]:
        """The screen now, then a frame whenever what the display shows changes, a ping between, and
        the revocation last."""
        key = board_of(display)
        feed = self._feeds.setdefault(key, Feed(display))
        viewer = Viewer(display)
        feed.viewers.add(viewer)
        if self._follower is None or self._follower.done():
            self._follower = asyncio.create_task(self._follow_events())
        try:
            async with feed.reading:
                if feed.screen is None:
                    feed.screen = await self._displays.screen(feed.sample)
            yield feed.frame_for(display.name)
            pinged_at = time.monotonic()
            while True:
                try:
                    async with asyncio.timeout(max(0.0, HEARTBEAT_SECONDS - (time.monotonic() - pinged_at))):
                        await viewer.woken.wait()
                except TimeoutError:
                    pass
                viewer.woken.clear()
                frame, viewer.pending = viewer.pending, None
                if frame is None:
                    pinged_at = time.monotonic()
                    yield PING
                    continue
                yield frame
                if frame is REVOKED:
                    return
        finally:
            feed.viewers.discard(viewer)
            if not feed.viewers and self._feeds.get(key) is feed:
                del self._feeds[key]

    async def _follow_events(self) -> None:
        async with self._displays.events.subscribe() as queue:
            checked_at = time.monotonic()
            while self._feeds:
                events = []
                try:
                    async with asyncio.timeout(max(0.0, HEARTBEAT_SECONDS - (time.monotonic() - checked_at))):
                        events.append(await queue.get())
                    await asyncio.sleep(BURST_SECONDS)
                    while not queue.empty():
                        events.append(queue.get_nowait())
                except TimeoutError:
                    pass
                due = time.monotonic() - checked_at >= HEARTBEAT_SECONDS
                if due:
                    checked_at = time.monotonic()
                try:
                    await self._show(events, due)
                except Exception:  # a database hiccup must not stop every display of the process
                    log.exception("displays: the boards shown could not be read; trying again at the next event")

    async def _show(self, events: list[dict], due: bool) -> None:
        revoked = {event.get("display") for event in events if event.get("kind") == "display_revoked"}
        events = [event for event in events if event.get("kind") != "display_revoked"]
        if due:
            revoked |= await self._revoked_among({v.display.id for f in self._feeds.values() for v in f.viewers})
        feeds = list(self._feeds.values())
        if revoked:
            for feed in feeds:
                for viewer in list(feed.viewers):
                    if viewer.display.id in revoked:
                        viewer.show(REVOKED)
        changed = [f for f in feeds if due or any(self._displays.concerns(f.sample, event) for event in events)]
        readers = asyncio.Semaphore(READERS)
        await asyncio.gather(*(self._read_again(feed, readers) for feed in changed))

    async def _read_again(self, feed: Feed, readers: asyncio.Semaphore) -> None:
        async with readers, feed.reading:
            screen = await self._displays.screen(feed.sample)
        if screen != feed.screen:
            feed.screen, feed.frames = screen, {}
            for viewer in list(feed.viewers):
                viewer.show(feed.frame_for(viewer.display.name))

    async def _revoked_among(self, ids: set[int]) -> set[int]:
        ordered, gone = sorted(ids), set()
        for start in range(0, len(ordered), LOOKUP_CHUNK):
            chunk = ordered[start : start + LOOKUP_CHUNK]
            still = await Display.select(Display.id).where(Display.id.is_in(chunk) & Display.revoked_at.is_null())
            gone |= set(chunk) - {row["id"] for row in still}
        return gone
