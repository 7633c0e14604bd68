"""The admin's side of the reward catalogue: list (retired ones on request), edit, retire.

Retiring takes a reward out of the catalogue for good; what it already promised stays: its pending
redemptions stay decidable unless the admin asks to release them (points back, stock freed, the
person told), and approved ones are still handed out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from domain.access import Actor
from domain.errors import Conflict, Forbidden, NotFound
from domain.rewards import RedemptionStatus, check_reward
from gamification.notifications.inbox import notify
from gamification.rewards.redemptions import REDEMPTION_COLUMNS, RewardView, _reward, _settle
from gamification.storage.database import unit_of_work
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.tables import Redemption, Reward

EDITABLE = ("name", "description", "cost", "stock", "per_person_limit", "period", "active_from", "active_until")


@dataclass(frozen=True)
class ManagedRewardView(RewardView):
    retired_at: dt.datetime | None
    pending: int  # redemptions waiting for a decision
    released: int = 0  # pending redemptions released by this retirement


class RewardCatalogue:
    async def list(
        self, actor: Actor, region_id: int | None, include_retired: bool, page: PageRequest
    ) -> Page[ManagedRewardView]:
        """The region's rewards (a superadmin without a region: the national ones), newest first."""
        region_id = actor.administered_region(region_id)
        query = Reward.select().where(Reward.region.is_null() if region_id is None else Reward.region == region_id)
        if not include_retired:
            query = query.where(Reward.retired_at.is_null())
        if page.after_id is not None:
            query = query.where(Reward.id < page.after_id)
        rows = await query.order_by(Reward.id, ascending=False).limit(page.limit + 1)
        pending = await _pending_counts([row["id"] for row in rows])
        return page_of([_managed(row, pending.get(row["id"], 0)) for row in rows], page, lambda view: view.id)

    async def update(self, actor: Actor, reward_id: int, changes: dict) -> ManagedRewardView:
        """Change the fields sent; pending redemptions keep the cost they hold. Stock never below what is reserved."""
        current = await _administered(actor, reward_id)
        merged = {field: changes.get(field, current[field]) for field in EDITABLE}
        checked = check_reward(kind=current["kind"], **merged)
        fits = Reward.id == reward_id
        if checked.stock is not None:  # conditional: a redemption racing in is counted, never overbooked
            fits &= Reward.reserved <= checked.stock
        async with unit_of_work():
            updated = await (
                Reward.update(
                    {
                        Reward.name: checked.name,
                        Reward.description: checked.description,
                        Reward.cost: checked.cost,
                        Reward.stock: checked.stock,
                        Reward.per_person_limit: checked.per_person_limit,
                        Reward.period: checked.period.value,
                        Reward.active_from: checked.active_from,
                        Reward.active_until: checked.active_until,
                    }
                )
                .where(fits)
                .returning(*Reward.all_columns())
            )
        if not updated:
            reserved = await Reward.select(Reward.reserved).where(Reward.id == reward_id).first()
            raise Conflict("reward_stock_below_reserved", reserved=reserved["reserved"])
        return _managed(updated[0], (await _pending_counts([reward_id])).get(reward_id, 0))

    async def retire(self, actor: Actor, reward_id: int, release_pending: bool) -> ManagedRewardView:
        """Out of the catalogue for good (again: the first retirement stands); ``release_pending`` also
        releases its pending redemptions, each person told and given their points back."""
        await _administered(actor, reward_id)
        released = 0
        async with unit_of_work():
            await Reward.update({Reward.retired_at: dt.datetime.now(dt.timezone.utc)}).where(
                (Reward.id == reward_id) & Reward.retired_at.is_null()
            )
        if release_pending:
            released = await _release_pending(actor, reward_id)
        row = await Reward.select().where(Reward.id == reward_id).first()
        view = _managed(row, (await _pending_counts([reward_id])).get(reward_id, 0))
        return replace(view, released=released)


async def _release_pending(actor: Actor, reward_id: int) -> int:
    """Each pending redemption rejected in its own unit of work: a decision racing in wins, not doubled."""
    released = 0
    waiting = await Redemption.select(*REDEMPTION_COLUMNS).where(
        (Redemption.reward == reward_id) & (Redemption.status == RedemptionStatus.PENDING.value)
    )
    reason = "Hadiah ini dihentikan oleh admin; poin Anda dikembalikan."
    for row in waiting:
        async with unit_of_work():
            if await _settle(row, RedemptionStatus.REJECTED, actor.person_id, reason):
                released += 1
                await notify(
                    row["person"],
                    "redemption_rejected",
                    f"Penukaran “{row['reward.name']}” dibatalkan",
                    reason,
                    redemption=row["id"],
                )
    return released


async def _administered(actor: Actor, reward_id: int) -> dict:
    row = await Reward.select().where(Reward.id == reward_id).first()
    if row is None or (row["region"] is not None and not actor.sees_region(row["region"])):
        raise NotFound("reward_not_found")
    if not actor.administers(row["region"]):
        raise Forbidden("outside_region")  # a national reward: the superadmin's
    return row


async def _pending_counts(reward_ids: list[int]) -> dict[int, int]:
    if not reward_ids:
        return {}
    rows = await Redemption.raw(
        "SELECT reward, COUNT(*) AS n FROM redemption WHERE status = {} AND reward IN ("
        + ", ".join(str(int(i)) for i in reward_ids)
        + ") GROUP BY reward",
        RedemptionStatus.PENDING.value,
    )
    return {row["reward"]: int(row["n"]) for row in rows}


def _managed(row: dict, pending: int) -> ManagedRewardView:
    return ManagedRewardView(**_reward(row).__dict__, retired_at=row["retired_at"], pending=pending)
