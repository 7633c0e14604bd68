"""Approved rewards given to their people: the list still to hand out, and the mark that one was.

A streak freeze is given by its approval (gamification.points.streaks) and is never on the list.
Whoever may decide a redemption may mark it handed out, never the person who redeemed it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor, check_oversees_staff
from domain.errors import Conflict, NotFound
from domain.rewards import RedemptionStatus, RewardKind
from gamification.notifications.inbox import notify
from gamification.storage.database import unit_of_work
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.reach import decider_reach
from gamification.storage.tables import Redemption


@dataclass(frozen=True)
class HandOutView:
    id: int
    reward_id: int
    reward_name: str
    reward_kind: str
    person_id: int
    person_name: str
    unit_name: str | None
    cost: int
    approved_at: dt.datetime | None
    handed_out_at: dt.datetime | None
    handed_out_by: int | None
    replayed: bool = False


COLUMNS = (
    Redemption.id,
    Redemption.reward,
    Redemption.reward.name,
    Redemption.reward.kind,
    Redemption.person,
    Redemption.person.name,
    Redemption.unit.name,
    Redemption.unit.path,
    Redemption.region,
    Redemption.cost,
    Redemption.status,
    Redemption.decided_at,
    Redemption.handed_out_at,
    Redemption.handed_out_by,
)


def _view(row: dict, replayed: bool = False) -> HandOutView:
    return HandOutView(
        row["id"],
        row["reward"],
        row["reward.name"],
        row["reward.kind"],
        row["person"],
        row["person.name"] or "",
        row["unit.name"],
        row["cost"],
        row["decided_at"],
        row["handed_out_at"],
        row["handed_out_by"],
        replayed,
    )


class HandOuts:
    async def waiting(self, actor: Actor, page: PageRequest, handed_out: bool = False) -> Page[HandOutView]:
        """Approved redemptions in the caller's reach (a manager: their units; an admin: the region), oldest
        first; ``handed_out`` lists those already given instead. The caller's own are not theirs to give."""
        check_oversees_staff(actor)
        query = Redemption.select(*COLUMNS).where(
            (Redemption.status == RedemptionStatus.APPROVED.value)
            & (Redemption.reward.kind != RewardKind.STREAK_FREEZE.value)
            & (Redemption.person != actor.person_id)
            & (Redemption.handed_out_at.is_not_null() if handed_out else Redemption.handed_out_at.is_null())
            & decider_reach(actor, Redemption.region, Redemption.unit.path)
        )
        if page.after_id is not None:
            query = query.where(Redemption.id > page.after_id)
        rows = await query.order_by(Redemption.id).limit(page.limit + 1)
        return page_of([_view(row) for row in rows], page, lambda view: view.id)

    async def mark(self, actor: Actor, redemption_id: int) -> HandOutView:
        """The reward is in the person's hands: recorded once (the same mark again answers the first), the person told."""
        row = await Redemption.select(*COLUMNS).where(Redemption.id == redemption_id).first()
        if row is None or not actor.sees_region(row["region"]):
            raise NotFound("redemption_not_found")
        actor.check_decides_for(row["region"], row["unit.path"], {row["person"]})
        if row["status"] != RedemptionStatus.APPROVED.value:
            raise Conflict("redemption_not_approved", status=row["status"])
        if row["reward.kind"] == RewardKind.STREAK_FREEZE.value:
            raise Conflict("redemption_given_on_approval")
        async with unit_of_work():
            marked = await (
                Redemption.update(
                    {
                        Redemption.handed_out_at: dt.datetime.now(dt.timezone.utc),
                        Redemption.handed_out_by: actor.person_id,
                    }
                )
                .where((Redemption.id == redemption_id) & Redemption.handed_out_at.is_null())
                .returning(Redemption.id)
            )
            if marked:
                await notify(
                    row["person"],
                    "redemption_handed_out",
                    f"Hadiah “{row['reward.name']}” sudah diserahkan",
                    "Terima kasih telah terus belajar.",
                    redemption=redemption_id,
                )
        current = await Redemption.select(*COLUMNS).where(Redemption.id == redemption_id).first()
        return _view(current, replayed=not marked)
