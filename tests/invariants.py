"""What must hold after any fault: the ledger, the totals kept from it, the holds and the boards agree."""

from __future__ import annotations

from collections import defaultdict

from gamification.boards import Boards
from gamification.boards.standings import standings
from gamification.boards.store import by_board
from gamification.points.ledger import PERIODS
from gamification.storage.tables import (
    Fact,
    PendingFact,
    PointsPeriod,
    PointsPeriodClosed,
    PointsTotal,
    Redemption,
    Reward,
    XpEntry,
)
from tests import wiring

HOLDING = ("pending", "approved")  # the redemptions that keep a unit of stock


async def ledger_xp() -> dict[int, int]:
    """Each person's XP as the ledger sums it (people without entries left out)."""
    xp: dict[int, int] = defaultdict(int)
    for entry in await XpEntry.select(XpEntry.person, XpEntry.xp):
        xp[entry["person"]] += entry["xp"]
    return dict(xp)


async def totals_agree_with_ledger() -> None:
    """Every stored total, all-time and per period, is the sum and count of its ledger entries."""
    expected: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])  # (person, period, start): [xp, entries]
    for entry in await XpEntry.select(XpEntry.person, XpEntry.xp, *PERIODS.values()):
        periods = [(period, entry[column._meta.name]) for period, column in PERIODS.items()]
        for period, start in [("all", None), *periods]:
            expected[(entry["person"], period, start)][0] += entry["xp"]
            expected[(entry["person"], period, start)][1] += 1
    stored = {
        (row["person"], "all", None): [row["xp"], row["entries"]]
        for row in await PointsTotal.select(PointsTotal.person, PointsTotal.xp, PointsTotal.entries)
        if row["entries"]
    }
    for table in (PointsPeriod, PointsPeriodClosed):  # a key in both would be counted twice: the assert finds it
        for row in await table.select(table.person, table.period, table.period_start, table.xp, table.entries):
            if row["entries"]:
                key = (row["person"], row["period"], row["period_start"])
                assert key not in stored, f"{key} in both points_period and its archive"
                stored[key] = [row["xp"], row["entries"]]
    assert stored == dict(expected)
    # every entry's fact, rule, region and unit exist (PostgreSQL holds no foreign keys for them: migrations
    # 2026-12-07T11:20 and 11:50)
    orphans = await XpEntry.raw(
        "SELECT x.id FROM xp_entry x WHERE NOT EXISTS (SELECT 1 FROM fact f WHERE f.id = x.fact)"
        " OR NOT EXISTS (SELECT 1 FROM point_rule r WHERE r.id = x.rule)"
        " OR (x.region IS NOT NULL AND NOT EXISTS (SELECT 1 FROM region g WHERE g.id = x.region))"
        " OR (x.unit IS NOT NULL AND NOT EXISTS (SELECT 1 FROM unit u WHERE u.id = x.unit))"
    )
    assert orphans == [], orphans


async def facts_awarded_once(bonus: int = 0) -> None:
    """Every fact's entries add up to its own XP (plus ``bonus`` for a perfect first attempt), or to nothing
    once voided: never twice, never half."""
    earned: dict[int, int] = defaultdict(int)
    for entry in await XpEntry.select(XpEntry.fact, XpEntry.xp):
        earned[entry["fact"]] += entry["xp"]
    assert not await PendingFact.count(), "a fact is still pending"
    facts = await Fact.select(Fact.id, Fact.xp, Fact.score, Fact.first_attempt, Fact.voided_at)
    expected = {
        f["id"]: 0 if f["voided_at"] else f["xp"] + (bonus if f["first_attempt"] and f["score"] == 100 else 0)
        for f in facts
    }
    assert {fact: xp for fact, xp in earned.items() if xp} == {fact: xp for fact, xp in expected.items() if xp}


async def holds_agree() -> None:
    """No negative balance; what is held and spent is exactly what pending and approved redemptions cost;
    each reward's reserved stock is exactly its pending and approved redemptions."""
    held: dict[int, int] = defaultdict(int)
    spent: dict[int, int] = defaultdict(int)
    reserved: dict[int, int] = defaultdict(int)
    for row in await Redemption.select(Redemption.person, Redemption.reward, Redemption.cost, Redemption.status):
        if row["status"] == "pending":
            held[row["person"]] += row["cost"]
        if row["status"] == "approved":
            spent[row["person"]] += row["cost"]
        if row["status"] in HOLDING:
            reserved[row["reward"]] += 1
    for total in await PointsTotal.select():
        assert total["held"] == held.get(total["person"], 0), total
        assert total["spent"] == spent.get(total["person"], 0), total
        assert total["xp"] - total["spent"] - total["held"] >= 0, total
    for reward in await Reward.select(Reward.id, Reward.reserved, Reward.stock):
        assert reward["reserved"] == reserved.get(reward["id"], 0), reward
        assert reward["stock"] is None or reward["reserved"] <= reward["stock"], reward


async def boards_agree(boards: Boards | None = None) -> None:
    """Every current board Redis holds equals the one SQL answers from the ledger's totals (no-op without
    Redis); the running app's boards unless others are given."""
    sync = boards if boards is not None else wiring.current_boards()
    if sync is None or sync.redis_boards is None:
        return
    assert not sync.state.dirty and await sync.redis_boards.is_ready(), "the Redis boards are not rebuilt"
    _, expected = await standings(person_ids=None)
    for board in by_board(expected):
        assert await sync.redis_boards.all(board) == await sync.sql_boards.all(board), board.tag


async def books_balance(expected_xp: dict[int, int]) -> None:
    """The whole check after a fault: XP as expected, totals from the ledger, holds, boards."""
    assert await ledger_xp() == {person: xp for person, xp in expected_xp.items() if xp}
    await totals_agree_with_ledger()
    await holds_agree()
    await boards_agree()
