"""Rewards: the catalogue, redeeming, deciding and cancelling, and the caller's own redemptions."""

from __future__ import annotations

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from api.http.guards import admin_guard
from api.http.paging import ListResponse, list_response, page_request
from api.http.params import Cursor, Limit, PathId
from api.http.rate_limit import rate_limited
from api.schemas.rewards import DecisionIn, RedemptionIn, RewardIn
from domain.rewards import parse_decision
from gamification.rewards.redemptions import Redemptions, RedemptionView, Rewards, RewardView


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
