"""The reward catalogue and redemptions: points held and stock reserved at once, spent or released
by a decision, a cancellation or the expiry of a stale hold.

Both limits are conditional UPDATEs, so no race can pass them: the hold succeeds only while
``xp - spent - held`` covers the cost, the reservation only while stock remains. Each runs inside
the redemption's unit of work (SQLite: one writer at a time; PostgreSQL: the row lock makes the
second request re-check against the first's result). The person's hold also serialises their
own requests, so the per-person limit is counted after it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor
from domain.attempts import check_client_id
from domain.errors import Conflict, Forbidden, NotFound
from domain.leaderboards import Period, window_at
from domain.rewards import DECIDED, Decision, RedemptionStatus, RewardKind, check_reward, is_active, spendable
from gamification.notifications.deciders import notify_deciders
from gamification.notifications.inbox import notify
from gamification.points.streaks import give_streak_freeze
from gamification.storage.administered import administered_region
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.regions import region_timezone
from gamification.storage.tables import PointsTotal, Redemption, Reward

MAX_TRIES = 3


@dataclass(frozen=True)
class RewardView:
    id: int
    region_id: int | None
    name: str
    description: str
    kind: str
    cost: int
    stock: int | None
    remaining: int | None  # None: unlimited
    per_person_limit: int | None
    period: str
    active_from: dt.datetime | None
    active_until: dt.datetime | None


@dataclass(frozen=True)
class RedemptionView:
    id: int
    reward_id: int
    reward_name: str
    person_id: int
    client_id: str
    cost: int
    status: str
    created_at: dt.datetime
    decided_at: dt.datetime | None
    comment: str
    replayed: bool = False


def _reward(row: dict) -> RewardView:
    remaining = None if row["stock"] is None else max(0, row["stock"] - row["reserved"])
    return RewardView(
        row["id"],
        row["region"],
        row["name"],
        row["description"],
        row["kind"],
        row["cost"],
        row["stock"],
        remaining,
        row["per_person_limit"],
        row["period"],
        row["active_from"],
        row["active_until"],
    )


REDEMPTION_COLUMNS = (
    Redemption.id,
    Redemption.reward,
    Redemption.reward.name,
    Redemption.reward.kind,
    Redemption.person,
    Redemption.client_id,
    Redemption.cost,
    Redemption.status,
    Redemption.created_at,
    Redemption.decided_at,
    Redemption.decided_by,
    Redemption.comment,
    Redemption.region,
    Redemption.unit.path,
)


def _redemption(row: dict, replayed: bool = False) -> RedemptionView:
    return RedemptionView(
        row["id"],
        row["reward"],
        row["reward.name"],
        row["person"],
        row["client_id"],
        row["cost"],
        row["status"],
        row["created_at"],
        row["decided_at"],
        row["comment"],
        replayed,
    )


async def redemption_row(redemption_id: int) -> dict | None:
    return await Redemption.select(*REDEMPTION_COLUMNS).where(Redemption.id == redemption_id).first()


class Rewards:
    async def create(self, actor: Actor, region_id: int | None, **fields) -> RewardView:
        """A region admin adds rewards for their region; a superadmin without a region, national ones."""
        region_id = await administered_region(actor, region_id)
        checked = check_reward(**fields)
        async with unit_of_work():
            rows = await Reward.insert(
                Reward(
                    region=region_id,
                    name=checked.name,
                    description=checked.description,
                    kind=checked.kind.value,
                    cost=checked.cost,
                    stock=checked.stock,
                    per_person_limit=checked.per_person_limit,
                    period=checked.period.value,
                    active_from=checked.active_from,
                    active_until=checked.active_until,
                    created_by=actor.person_id,
                )
            ).returning(*Reward.all_columns())
        return _reward(rows[0])

    async def catalogue(self, actor: Actor) -> list[RewardView]:
        """What the caller can redeem now: their region's rewards and national ones, cheapest first."""
        now = dt.datetime.now(dt.timezone.utc)
        visible = Reward.region.is_null()
        if actor.region_id is not None:
            visible |= Reward.region == actor.region_id
        visible &= Reward.retired_at.is_null()
        rows = await Reward.select().where(visible).order_by(Reward.cost).order_by(Reward.id)
        return [_reward(row) for row in rows if is_active(row["active_from"], row["active_until"], now)]

    async def redeem(self, actor: Actor, reward_id: int, client_id: str) -> RedemptionView:
        """Hold the cost and reserve one unit; a replay with the same ``client_id`` answers the first result."""
        check_client_id(client_id)
        if actor.region_id is None or actor.unit_id is None:
            raise Forbidden("learner_only")
        for tries_left in reversed(range(MAX_TRIES)):
            try:
                async with unit_of_work():
                    return await self._redeem(actor, reward_id, client_id)
            except Conflict:
                # A resend that queued behind its own first request (the phone gave up waiting) finds
                # the points or the stock taken by it: the first, committed meanwhile, is the answer.
                replay = await _replay(actor.person_id, reward_id, client_id)
                if replay is None:
                    raise
                return replay
            except Exception as error:
                # the same client_id raced in: the next round finds it and replays
                if not is_unique_violation(error) or not tries_left:
                    raise
        raise AssertionError("unreachable")

    async def _redeem(self, actor: Actor, reward_id: int, client_id: str) -> RedemptionView:
        previous = await _replay(actor.person_id, reward_id, client_id)
        if previous is not None:
            return previous
        reward = await Reward.select().where(Reward.id == reward_id).first()
        now = dt.datetime.now(dt.timezone.utc)
        if reward is None or reward["region"] not in (None, actor.region_id):
            raise NotFound("reward_not_found")
        if reward["retired_at"] is not None:
            raise Conflict("reward_retired")
        if not is_active(reward["active_from"], reward["active_until"], now):
            raise Conflict("reward_inactive")
        held = await PointsTotal.raw(
            "UPDATE points_total SET held = held + {} WHERE person = {} AND xp - spent - held >= {} RETURNING id",
            reward["cost"],
            actor.person_id,
            reward["cost"],
        )
        if not held:
            points = await PointsTotal.select(PointsTotal.xp, PointsTotal.spent, PointsTotal.held).where(
                PointsTotal.person == actor.person_id
            ).first() or {"xp": 0, "spent": 0, "held": 0}
            balance = spendable(points["xp"], points["spent"], points["held"])
            raise Conflict("balance_insufficient", cost=reward["cost"], balance=balance, held=points["held"])
        period_key = window_at(Period(reward["period"]), await region_timezone(actor.region_id), now).key
        if reward["per_person_limit"] is not None:
            taken = await Redemption.count().where(
                (Redemption.person == actor.person_id)
                & (Redemption.reward == reward_id)
                & (Redemption.period_key == period_key)
                & Redemption.status.is_in([RedemptionStatus.PENDING.value, RedemptionStatus.APPROVED.value])
            )
            if taken >= reward["per_person_limit"]:
                raise Conflict("reward_limit_reached", limit=reward["per_person_limit"])
        reserved = await Reward.raw(
            "UPDATE reward SET reserved = reserved + 1 WHERE id = {} AND (stock IS NULL OR reserved < stock) RETURNING id",
            reward_id,
        )
        if not reserved:
            raise Conflict("reward_out_of_stock")
        inserted = await Redemption.insert(
            Redemption(
                reward=reward_id,
                person=actor.person_id,
                region=actor.region_id,
                unit=actor.unit_id,
                client_id=client_id,
                cost=reward["cost"],
                status=RedemptionStatus.PENDING.value,
                period_key=period_key,
            )
        ).returning(Redemption.id)
        await notify_deciders(
            actor.region_id,
            actor.unit_id,
            {actor.person_id},
            "redemption_waiting",
            f"Penukaran “{reward['name']}” menunggu keputusan Anda",
            redemption=inserted[0]["id"],
        )
        return _redemption(await redemption_row(inserted[0]["id"]))


async def _replay(person_id: int, reward_id: int, client_id: str) -> RedemptionView | None:
    """The redemption this ``client_id`` already made, if any (for another reward: a 409)."""
    previous = (
        await Redemption.select(*REDEMPTION_COLUMNS)
        .where((Redemption.person == person_id) & (Redemption.client_id == client_id))
        .first()
    )
    if previous is None:
        return None
    if previous["reward"] != reward_id:
        raise Conflict("client_id_reused")
    return _redemption(previous, replayed=True)


class Redemptions:
    async def mine(self, actor: Actor, page: PageRequest) -> Page[RedemptionView]:
        query = Redemption.select(*REDEMPTION_COLUMNS).where(Redemption.person == actor.person_id)
        if page.after_id is not None:
            query = query.where(Redemption.id < page.after_id)
        rows = await query.order_by(Redemption.id, ascending=False).limit(page.limit + 1)
        return page_of([_redemption(row) for row in rows], page, lambda view: view.id)

    async def decide(self, actor: Actor, redemption_id: int, decision: Decision, comment: str) -> RedemptionView:
        """Approve (the hold is spent) or reject (released). The same decision sent again by the same
        person answers the first result; any other decision on a decided redemption is a 409."""
        row = await self._visible(actor, redemption_id)
        actor.check_decides_for(row["region"], row["unit.path"], {row["person"]})
        status = DECIDED[decision]
        async with unit_of_work():
            if not await _settle(row, status, actor.person_id, comment[:1000]):
                current = await redemption_row(redemption_id)
                if current["status"] == status.value and current["decided_by"] == actor.person_id:
                    return _redemption(current, replayed=True)
                raise Conflict("redemption_already_decided", status=current["status"])
            verb = "disetujui" if decision is Decision.APPROVE else "ditolak"
            await notify(
                row["person"],
                f"redemption_{status.value}",
                f"Penukaran “{row['reward.name']}” {verb}",
                comment[:1000],
                redemption=redemption_id,
            )
        return _redemption(await redemption_row(redemption_id))

    async def cancel(self, actor: Actor, redemption_id: int) -> RedemptionView:
        """The person takes back a pending redemption: the hold and the stock are released."""
        row = await redemption_row(redemption_id)
        if row is None or row["person"] != actor.person_id:
            raise NotFound("redemption_not_found")
        async with unit_of_work():
            if not await _settle(row, RedemptionStatus.CANCELLED, actor.person_id, ""):
                current = await redemption_row(redemption_id)
                if current["status"] == RedemptionStatus.CANCELLED.value:
                    return _redemption(current, replayed=True)
                raise Conflict("redemption_already_decided", status=current["status"])
        return _redemption(await redemption_row(redemption_id))

    async def _visible(self, actor: Actor, redemption_id: int) -> dict:
        row = await redemption_row(redemption_id)
        if row is None or not actor.sees_region(row["region"]):
            raise NotFound("redemption_not_found")
        return row


async def _settle(row: dict, status: RedemptionStatus, decided_by: int | None, comment: str) -> bool:
    """Move a pending redemption to ``status`` and spend or release what it holds; False if it was not pending."""
    moved = (
        await Redemption.update(
            {
                Redemption.status: status.value,
                Redemption.decided_at: dt.datetime.now(dt.timezone.utc),
                Redemption.decided_by: decided_by,
                Redemption.comment: comment,
            }
        )
        .where((Redemption.id == row["id"]) & (Redemption.status == RedemptionStatus.PENDING.value))
        .returning(Redemption.id)
    )
    if not moved:
        return False
    if status is RedemptionStatus.APPROVED:
        await PointsTotal.raw(
            "UPDATE points_total SET held = held - {}, spent = spent + {} WHERE person = {}",
            row["cost"],
            row["cost"],
            row["person"],
        )
        if row["reward.kind"] == RewardKind.STREAK_FREEZE.value:
            await give_streak_freeze(row["person"], row["id"])
    else:
        await PointsTotal.raw("UPDATE points_total SET held = held - {} WHERE person = {}", row["cost"], row["person"])
        await Reward.raw("UPDATE reward SET reserved = reserved - 1 WHERE id = {}", row["reward"])
    return True


async def expire_holds(older_than: dt.timedelta, now: dt.datetime | None = None) -> dict:
    """Release redemptions pending longer than ``older_than``; each in its own unit of work, so a
    killed run leaves only whole releases and the next run does the rest."""
    cutoff = (now or dt.datetime.now(dt.timezone.utc)) - older_than
    stale = await Redemption.select(*REDEMPTION_COLUMNS).where(
        (Redemption.status == RedemptionStatus.PENDING.value) & (Redemption.created_at < cutoff)
    )
    expired = 0
    for row in stale:
        async with unit_of_work():
            if await _settle(row, RedemptionStatus.EXPIRED, None, "Kedaluwarsa: tidak diputuskan tepat waktu."):
                expired += 1
                await notify(
                    row["person"],
                    "redemption_expired",
                    f"Penukaran “{row['reward.name']}” kedaluwarsa",
                    "Poin Anda dikembalikan.",
                    redemption=row["id"],
                )
    return {"expired": expired}
