"""Moderation of citizens' comments on the unit's services, and with it the credit for praise."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from api.http.paging import ListResponse, list_response, page_request
from api.http.params import Cursor, Limit, OptionalId, PathId
from api.schemas.survey_comments import CommentDecisionIn
from gamification.surveys.moderation import CommentModeration, CommentView

Status = Annotated[str, QueryParameter(max_length=16, description="pending (the default), released or hidden")]


class SurveyCommentController(Controller):
    path = "/api/v1/survey-comments"
    tags = ["surveys"]

    @get("/")
    async def list_comments(
        self,
        request: Request,
        comment_moderation: NamedDependency[CommentModeration],
        status: Status = "pending",
        unit_id: OptionalId = None,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[CommentView]:
        """Citizens' comments in the caller's reach (a manager: their units and below; an admin: their
        region), oldest first: ``pending`` wait for a decision, ``released`` are shown, ``hidden`` are not.
        ``flagged`` marks those the word filter caught; ``praise`` those that credit the ASN they name."""
        page = page_request(cursor, limit)
        return list_response(await comment_moderation.list(request.user, status, unit_id, page))

    @post("/{answer_id:int}/decision", status_code=200)
    async def decide(
        self,
        request: Request,
        answer_id: PathId,
        data: JSONBody[CommentDecisionIn],
        comment_moderation: NamedDependency[CommentModeration],
    ) -> CommentView:
        """``release`` (shown to the ASN named and in their export; praise credits them, up to the monthly cap)
        or ``hide``, with an optional ``reason``. A flagged comment is released only with
        ``confirm_flagged: true``. The same decision again answers as it stands; a released comment may be
        hidden later (its praise's XP is taken back); a hidden one stays hidden (``409 survey_comment_decided``).
        The ASN named never decides on it (``403 self_decision``)."""
        return await comment_moderation.decide(
            request.user, answer_id, data.decision, data.reason, data.confirm_flagged
        )
