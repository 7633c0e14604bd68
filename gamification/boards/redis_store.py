"""Boards in Redis sorted sets: top-N, a person's place and rank in O(log n).

Per board two keys share one hash tag (one cluster slot): ``:z``, a sorted set scored by XP
exactly (integers are exact in a double far beyond any XP), and ``:m``, person → member. The
member encodes the tie-break: among equal scores Redis orders members by their bytes, so a member
is the time the person reached their XP and their id, both inverted and zero-padded, and
ZREVRANGE lists whoever reached it first, then the lower id, first. Rank is a competition rank,
``1 + ZCOUNT (xp +inf``, not ZREVRANK + 1, which is a position.

Every write carries the number of ledger entries behind it: a write older than what the board
holds is ignored, so two processes updating the same person in either order leave the newer.
Boards of a period expire a week after it ends; closed periods are answered from SQL.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
from collections.abc import AsyncIterator, Callable, Iterable

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline
from redis.exceptions import NoScriptError, RedisError

from domain.leaderboards import PeriodWindow, Standing
from gamification.boards.store import EPOCH, Board, Placing, Updates, by_board
from gamification.storage.redis_client import is_cluster

PREFIX = "tk:lb:"
READY_KEY = PREFIX + "ready"  # present while the boards agree with SQL; absent: read SQL and rebuild
EXPIRE_AFTER_PERIOD = dt.timedelta(days=7)
TIME_SPAN = 10**16  # microseconds since 1970: enough until the year 2286
ID_SPAN = 10**10

# Groups of boards one after the other (the boards a person is on for one period, which the people of a
# unit share) in one call: KEYS holds each board of the call once (its ``:z`` and ``:m``), ARGV how many
# boards and each one's expiry, then one argument per group: its boards' places in KEYS, then its
# standings, "1,2,5;person|version|score|member;...". One call for many boards on a single Redis (an
# attempt moves a person on ~24 boards); on a cluster one board per call, as every board is a slot of its
# own. redis-py packs each argument in Python: four per standing, then one per standing and a board's keys
# once per group, made the packing most of a batch's board write; the script takes the strings apart.
# The script gathers each board's standings over the call's groups (the units of one region share its
# board, every group of a period the national one) and reads, removes and adds them with one command each
# (HMGET, ZREM, ZADD, HSET) per board, not per group: with a batch's groups in the order of their boards,
# a call's commands are a third of what they were. Of one person's standings on a board the newest
# prevails (the later of equal versions), as if written one by one.
UPSERT = """
local on_board = {}
for b = 1, tonumber(ARGV[1]) do
  on_board[b] = {scores_key = KEYS[2 * b - 1], members_key = KEYS[2 * b], expire_at = tonumber(ARGV[1 + b]),
                 people = {}, version = {}, score = {}, member = {}}
end
for g = #on_board + 2, #ARGV do
  local s = ARGV[g]
  local head = string.find(s, ';', 1, true) or (#s + 1)
  local boards = {}
  for place in string.gmatch(string.sub(s, 1, head - 1), '%d+') do boards[#boards + 1] = on_board[tonumber(place)] end
  local people, versions, scores, members = {}, {}, {}, {}
  local at = head + 1
  while at <= #s do
    local stop = string.find(s, ';', at, true) or (#s + 1)
    local p = string.find(s, '|', at, true)
    local q = string.find(s, '|', p + 1, true)
    local r = string.find(s, '|', q + 1, true)
    local n = #people + 1
    people[n], versions[n] = string.sub(s, at, p - 1), tonumber(string.sub(s, p + 1, q - 1))
    scores[n], members[n] = string.sub(s, q + 1, r - 1), string.sub(s, r + 1, stop - 1)
    at = stop + 1
  end
  for _, board in ipairs(boards) do
    for j = 1, #people do
      local person, version = people[j], versions[j]
      local seen = board.version[person]
      if seen == nil then board.people[#board.people + 1] = person end
      if seen == nil or version >= seen then
        board.version[person], board.score[person], board.member[person] = version, scores[j], members[j]
      end
    end
  end
end
for _, board in ipairs(on_board) do
  local people, scores, members = board.people, board.scores_key, board.members_key
  local held = #people > 0 and redis.call('HMGET', members, unpack(people)) or {}
  local stale, added, kept = {}, {}, {}
  for j = 1, #people do
    local person, old = people[j], held[j]
    local fresh = true
    if old then
      local bar = string.find(old, '|', 1, true)
      if tonumber(string.sub(old, 1, bar - 1)) > board.version[person] then
        fresh = false
      else
        stale[#stale + 1] = string.sub(old, bar + 1)
      end
    end
    if fresh then
      added[#added + 1] = board.score[person]
      added[#added + 1] = board.member[person]
      kept[#kept + 1] = person
      kept[#kept + 1] = board.version[person] .. '|' .. board.member[person]
    end
  end
  if #stale > 0 then redis.call('ZREM', scores, unpack(stale)) end
  if #added > 0 then
    redis.call('ZADD', scores, unpack(added))
    redis.call('HSET', members, unpack(kept))
  end
  if board.expire_at > 0 then
    redis.call('EXPIREAT', scores, board.expire_at)
    redis.call('EXPIREAT', members, board.expire_at)
  end
end
return 1
"""
STANDINGS_PER_CALL = 500

REMOVE = """
local held = redis.call('HGET', KEYS[2], ARGV[1])
if held then
  redis.call('ZREM', KEYS[1], string.sub(held, string.find(held, '|', 1, true) + 1))
  redis.call('HDEL', KEYS[2], ARGV[1])
end
return 1
"""

PLACING = """
local held = redis.call('HGET', KEYS[2], ARGV[1])
if not held then return false end
local member = string.sub(held, string.find(held, '|', 1, true) + 1)
local score = redis.call('ZSCORE', KEYS[1], member)
if not score then return false end
return {member, redis.call('ZREVRANK', KEYS[1], member), score, redis.call('ZCOUNT', KEYS[1], '(' .. score, '+inf')}
"""


# A board's top and one person's place in one round trip (the bare baseline pipelines its two calls)
TOP_AND_PLACING = """
local top = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
if ARGV[2] == '' then return {top, {}, 0} end
local held = redis.call('HGET', KEYS[2], ARGV[2])
if held then
  local member = string.sub(held, string.find(held, '|', 1, true) + 1)
  local score = redis.call('ZSCORE', KEYS[1], member)
  if score then
    local placing = {member, redis.call('ZREVRANK', KEYS[1], member), score}
    table.insert(placing, redis.call('ZCOUNT', KEYS[1], '(' .. score, '+inf'))
    return {top, placing, 0}
  end
end
return {top, {}, redis.call('ZCOUNT', KEYS[1], '(0', '+inf')}
"""


class _RoundTrips:
    """Pipelines sent one after another, each on its way while Python builds the next: Redis works on one
    meanwhile instead of waiting for the whole write to be built. At most one is on its way at a time."""

    def __init__(self, progress, total: int) -> None:
        self.progress, self.total, self.written = progress, total, 0
        self._sending: asyncio.Future | None = None
        self._standings = 0

    async def send(self, pipe: Pipeline, standings: int) -> None:
        await self.settle()
        self._sending, self._standings = asyncio.ensure_future(pipe.execute()), standings
        await asyncio.sleep(0)  # on its way before the next is built

    async def settle(self) -> None:
        """Wait for the pipeline on its way; ``progress(written, total)`` once it is through."""
        if self._sending is None:
            return
        sending, self._sending = self._sending, None
        await sending
        self.written += self._standings
        if self.progress:
            self.progress(min(self.written, self.total), self.total)

    def abandon(self) -> None:
        if self._sending is not None:
            self._sending.cancel()
            self._sending.add_done_callback(_collected)


def _collected(sending: asyncio.Future) -> None:
    """An abandoned round trip's failure, taken so that asyncio does not report it as never retrieved."""
    if not sending.cancelled():
        sending.exception()


class _Call:
    """One call of the upsert script: each board once in KEYS, its groups pointing at them."""

    def __init__(self) -> None:
        self._places: dict[Board, int] = {}
        self._keys: list[str] = []
        self._expiries: list[int] = []
        self._groups: list = []
        self.standings = 0  # on boards: what the script's time follows

    def add(self, group: tuple[Board, ...], arguments: Iterable[str], count: int) -> None:
        places = []
        for board in group:
            place = self._places.get(board)
            if place is None:
                place = self._places[board] = len(self._places) + 1
                self._keys += keys(board)
                self._expiries.append(expire_at(board))
            places.append(place)
        self._groups.append(",".join(map(str, places)) + ";" + ";".join(arguments))
        self.standings += count * len(group)

    def arguments(self) -> list:
        """EVALSHA's, after the script: how many keys, the keys, the arguments."""
        return [len(self._keys), *self._keys, len(self._expiries), *self._expiries, *self._groups]


def _boards_by_identity(item: tuple[tuple[Board, ...], list]) -> tuple[int, ...]:
    return tuple(id(board) for board in item[0])


@functools.lru_cache(maxsize=65536)  # a batch writes ~20,000 boards (2,500 units, five periods), batch after batch
def keys(board: Board) -> tuple[str, str]:
    return f"{PREFIX}{{{board.tag}}}:z", f"{PREFIX}{{{board.tag}}}:m"


def member_of(standing: Standing) -> str:
    micros = int((standing.reached_at - EPOCH).total_seconds() * 1_000_000)
    return f"{TIME_SPAN - 1 - micros:016d}:{ID_SPAN - 1 - standing.person_id:010d}"


def standing_of(member: str, score: float) -> Standing:
    time_part, _, id_part = member.partition(":")
    reached_at = EPOCH + dt.timedelta(microseconds=TIME_SPAN - 1 - int(time_part))
    return Standing.of(ID_SPAN - 1 - int(id_part), int(score), reached_at)


def expire_at(board: Board) -> int:
    return _expire_at(board.window)


@functools.lru_cache(maxsize=1024)  # the boards of a period share a handful of windows
def _expire_at(window: PeriodWindow) -> int:
    ends_at = window.ends_at
    return 0 if ends_at is None else int((ends_at + EXPIRE_AFTER_PERIOD).timestamp())


class RedisBoards:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self._upsert = redis.register_script(UPSERT)
        self._placing = redis.register_script(PLACING)
        self._top_and_placing = redis.register_script(TOP_AND_PLACING)
        self._remove = redis.register_script(REMOVE)
        self._cluster = is_cluster(redis)
        self._scripts_on_every_shard = False

    async def top(self, board: Board, limit: int) -> list[Standing]:
        return await self.slice(board, 0, limit)

    async def slice(self, board: Board, offset: int, count: int) -> list[Standing]:
        if count <= 0:
            return []
        rows = await self.redis.zrevrange(keys(board)[0], offset, offset + count - 1, withscores=True)
        return [standing_of(member, score) for member, score in rows]

    async def placing(self, board: Board, person_id: int) -> Placing | None:
        found = await self._placing(keys=list(keys(board)), args=[person_id])
        if not found:
            return None
        member, position, score, above = found
        return Placing(position=int(position), rank=int(above) + 1, standing=standing_of(member, float(score)))

    async def top_and_placing(self, board: Board, limit: int, person_id: int | None):
        top, found, with_xp = await self._top_and_placing(
            keys=list(keys(board)), args=[limit, "" if person_id is None else person_id]
        )
        standings = [standing_of(top[i], float(top[i + 1])) for i in range(0, len(top), 2)]
        placing = None
        if found:
            member, position, score, above = found
            placing = Placing(int(position), int(above) + 1, standing_of(member, float(score)))
        return standings, placing, int(with_xp)

    async def count_above(self, board: Board, xp: int) -> int:
        return await self.redis.zcount(keys(board)[0], f"({xp}", "+inf")

    async def all(self, board: Board) -> list[Standing]:
        return [standing_of(m, s) for m, s in await self.redis.zrevrange(keys(board)[0], 0, -1, withscores=True)]

    async def write(self, updates: Updates, progress=None, batch: int = 5000) -> None:
        """Put standings (with the entry count behind each) on every board of their group, a few thousand
        per round trip. ``progress(written, total)`` is called after each round trip (standings on boards).
        Redis having forgotten the scripts (restarted with its data, flushed, failed over), they are loaded
        and the whole write done again: a standing written twice is written once (its version)."""
        try:
            await self._write(updates, progress, batch)
        except NoScriptError:
            await self._write(updates, progress, batch)

    async def _write(self, updates: Updates, progress, batch: int) -> None:
        total = sum(len(rows) * len(group) for group, rows in updates.items())
        if self._cluster:  # every board a slot of its own
            updates = {(board,): rows for board, rows in by_board(updates).items()}
        # A person's standing is the same object in each of their groups of a period: encoded once.
        # Keyed by identity: ``updates`` holds every one of them until the write ends.
        encoded: dict[int, str] = {}

        def argument(row: tuple[Standing, int]) -> str:
            text = encoded.get(id(row))
            if text is None:
                standing, version = row
                text = encoded[id(row)] = f"{standing.person_id}|{version}|{standing.xp}|{member_of(standing)}"
            return text

        async with self._pipelines() as new_pipeline:
            trips, pipe, call = _RoundTrips(progress, total), new_pipeline(), _Call()
            queued = 0
            try:
                # shared boards are one object each: in this order a call's groups share their region's and
                # agency's boards, and the script writes each of them once per call
                for group, rows in sorted(updates.items(), key=_boards_by_identity):
                    step = max(1, STANDINGS_PER_CALL // len(group))
                    for start in range(0, len(rows), step):
                        chunk = rows[start : start + step]
                        call.add(group, map(argument, chunk), len(chunk))
                        if call.standings < STANDINGS_PER_CALL and not self._cluster:
                            continue
                        pipe.evalsha(self._upsert.sha, *call.arguments())
                        queued, call = queued + call.standings, _Call()
                        if queued >= batch:
                            await trips.send(pipe, queued)
                            pipe, queued = new_pipeline(), 0
                if call.standings:
                    pipe.evalsha(self._upsert.sha, *call.arguments())
                await trips.send(pipe, queued + call.standings)
                await trips.settle()
            except BaseException:
                trips.abandon()
                raise

    async def remove(self, entries: list[tuple[Board, int | str]]) -> None:
        """Take each (board, person) off its board."""
        async with self._pipelines() as new_pipeline:
            pipe = new_pipeline()
            for board, person_id in entries:
                await self._remove(keys=list(keys(board)), args=[person_id], client=pipe)
            await pipe.execute()

    @contextlib.asynccontextmanager
    async def _pipelines(self) -> AsyncIterator[Callable[[], Pipeline]]:
        """New pipelines for the scripts. They send EVALSHA without asking first whether Redis knows the
        script (a pipeline holding a script object asks on each execute, a round trip that held the next
        one back): the scripts are loaded once (on every primary of a cluster), and again after Redis has
        forgotten them (restarted, flushed, failed over: ``write`` loads them and writes again); after any
        failure they are loaded again first."""
        if not self._scripts_on_every_shard:
            for script in (UPSERT, REMOVE):
                await self.redis.script_load(script)  # on every primary
            self._scripts_on_every_shard = True
        try:
            yield lambda: self.redis.pipeline(transaction=False)
        except (RedisError, OSError):  # forgotten, or Redis went away and may come back without them
            self._scripts_on_every_shard = False
            raise

    async def is_ready(self) -> bool:
        return bool(await self.redis.exists(READY_KEY))

    async def mark_ready(self, ready: bool) -> None:
        await (self.redis.set(READY_KEY, "1") if ready else self.redis.delete(READY_KEY))

    async def board_keys(self) -> list[str]:
        return [key async for key in self.redis.scan_iter(match=PREFIX + "{*", count=1000)]

    async def keep_only(self, members: dict[Board, Iterable[int]], held: list[str]) -> None:
        """Take off each board whoever is not among its ``members`` (person ids), and delete the held boards
        ``members`` has no entry for."""
        expected = {name for board in members for name in keys(board)}
        stray = [name for name in held if name not in expected]
        for start in range(0, len(stray), 500):
            await self.redis.unlink(*stray[start : start + 500])
        for board, people in members.items():
            on_board = {str(person) for person in people}
            extra = [person for person in await self.redis.hkeys(keys(board)[1]) if person not in on_board]
            await self.remove([(board, person) for person in extra])
