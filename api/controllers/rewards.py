"""Rewards: the catalogue, redeeming, deciding and cancelling, and the caller's own redemptions."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, Response, get, patch, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from api.http.guards import admin_guard
from api.http.paging import ListResponse, list_response, page_request
from api.http.params import Cursor, Limit, OptionalId, PathId
from api.http.rate_limit import rate_limited
from api.schemas.rewards import DecisionIn, RedemptionIn, RewardIn, RewardUpdate
from domain.rewards import parse_decision
from gamification.rewards.catalogue import ManagedRewardView, RewardCatalogue
from gamification.rewards.hand_out import HandOuts, HandOutView
from gamification.rewards.redemptions import Redemptions, RedemptionView, Rewards, RewardView

IncludeRetired = Annotated[bool, QueryParameter(description="Also the retired ones")]
ReleasePending = Annotated[
    bool, QueryParameter(description="Also release the pending redemptions (points back); else they stay decidable")
]
HandedOut = Annotated[bool, QueryParameter(description="List those already handed out instead")]


class RewardAdminController(Controller):
    path = "/api/v1/admin/rewards"
    tags = ["admin"]
    guards = [admin_guard]

    @post("/")
    async def create(self, request: Request, data: JSONBody[RewardIn], rewards: NamedDependency[Rewards]) -> RewardView:
        """A reward: ``kind`` certificate, training_seat, merchandise, flexible_day or virtual; ``stock`` null is unlimited;
        ``per_person_limit`` counts per ``period`` (week, month, year, all)."""
        fields = msgspec.structs.asdict(data)
        return await rewards.create(request.user, fields.pop("region_id"), **fields)

    # BKPSDM admin (issue 19): list, edit, retire
    @get("/")
    async def list(
        self,
        request: Request,
        reward_catalogue: NamedDependency[RewardCatalogue],
        region_id: OptionalId = None,
        include_retired: IncludeRetired = False,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[ManagedRewardView]:
        """The region's rewards, newest first, with their pending redemptions (a superadmin without
        ``region_id``: the national ones); retired ones only with ``include_retired``."""
        page = page_request(cursor, limit)
        return list_response(await reward_catalogue.list(request.user, region_id, include_retired, page))

    @patch("/{reward_id:int}")
    async def update(
        self,
        request: Request,
        reward_id: PathId,
        data: JSONBody[RewardUpdate],
        reward_catalogue: NamedDependency[RewardCatalogue],
    ) -> ManagedRewardView:
        """Change the fields sent. Pending redemptions keep the cost they hold; 409
        ``reward_stock_below_reserved`` when the stock would fall below what is reserved."""
        return await reward_catalogue.update(request.user, reward_id, data.changes())

    @post("/{reward_id:int}/retire", status_code=200)
    async def retire(
        self,
        request: Request,
        reward_id: PathId,
        reward_catalogue: NamedDependency[RewardCatalogue],
        release_pending: ReleasePending = False,
    ) -> ManagedRewardView:
        """Out of the catalogue for good. Pending redemptions stay decidable, or with ``release_pending``
        are rejected with the points returned and the person told; approved ones are still handed out."""
        return await reward_catalogue.retire(request.user, reward_id, release_pending)


class RewardController(Controller):
    path = "/api/v1/rewards"
    tags = ["rewards"]

    @get("/")
    async def catalogue(self, request: Request, rewards: NamedDependency[Rewards]) -> list[RewardView]:
        """Rewards the caller can redeem now, with the stock remaining."""
        return await rewards.catalogue(request.user)

    @post("/{reward_id:int}/redemptions", guards=[rate_limited("redemption")], opt={"audit": False})
    async def redeem(
        self, request: Request, reward_id: PathId, data: JSONBody[RedemptionIn], rewards: NamedDependency[Rewards]
    ) -> Response[RedemptionView]:
        """Holds the points and reserves the stock (201); the same ``client_id`` again answers the first result (200).
        409 ``balance_insufficient``, ``reward_out_of_stock`` or ``reward_limit_reached`` when short."""
        redemption = await rewards.redeem(request.user, reward_id, data.client_id)
        return Response(redemption, status_code=200 if redemption.replayed else 201)


class RedemptionController(Controller):
    path = "/api/v1/redemptions"
    tags = ["rewards"]

    @post("/{redemption_id:int}/decision", status_code=200)
    async def decide(
        self,
        request: Request,
        redemption_id: PathId,
        data: JSONBody[DecisionIn],
        redemptions: NamedDependency[Redemptions],
    ) -> RedemptionView:
        """A manager over the person's unit (or their region's admin), never the person: ``approve`` spends the hold,
        ``reject`` releases it. A decided redemption answers 409, except the same decision sent again."""
        decision = parse_decision(data.decision)
        return await redemptions.decide(request.user, redemption_id, decision, data.comment)

    # BKPSDM admin (issue 19): handing out approved rewards
    @get("/hand-outs")
    async def hand_outs(
        self,
        request: Request,
        hand_outs: NamedDependency[HandOuts],
        handed_out: HandedOut = False,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[HandOutView]:
        """Approved rewards still to give, oldest first, in the caller's reach (a manager: their units;
        an admin: the region); never the caller's own. ``handed_out=true``: those already given."""
        return list_response(await hand_outs.waiting(request.user, page_request(cursor, limit), handed_out))

    @post("/{redemption_id:int}/handed-out", status_code=200)
    async def handed_out(
        self, request: Request, redemption_id: PathId, hand_outs: NamedDependency[HandOuts]
    ) -> HandOutView:
        """Mark an approved reward as given (a decider over the person, never the person); the person is told.
        Marking again answers the first mark. 409 ``redemption_not_approved`` otherwise."""
        return await hand_outs.mark(request.user, redemption_id)

    @post("/{redemption_id:int}/cancel", status_code=200, opt={"audit": False})
    async def cancel(
        self, request: Request, redemption_id: PathId, redemptions: NamedDependency[Redemptions]
    ) -> RedemptionView:
        """The person takes back their pending redemption; points and stock are released."""
        return await redemptions.cancel(request.user, redemption_id)


class MyRedemptionsController(Controller):
    path = "/api/v1/me/redemptions"
    tags = ["me"]

    @get("/")
    async def mine(
        self, request: Request, redemptions: NamedDependency[Redemptions], cursor: Cursor = None, limit: Limit = 20
    ) -> ListResponse[RedemptionView]:
        """The caller's redemptions, newest first."""
        return list_response(await redemptions.mine(request.user, page_request(cursor, limit)))
