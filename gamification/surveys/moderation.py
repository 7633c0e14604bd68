"""Moderation of citizens' comments: the queue a decider sees, and the decision to release or hide.

Only deciders see comments: a manager those of their units and below, an admin those of their region
(a superadmin all); another unit's manager or another region's admin sees nothing of them and is
told a comment does not exist (404). The ASN a comment names (``served_by``) never decides on it,
whatever other role they hold. Releasing praise credits the named ASN (``praise.py``); hiding it
after its release takes the credit back. Racing decisions meet at a conditional update: one moves the
comment, the other sees the move and answers by it (domain.moderation).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor, check_oversees_staff
from domain.errors import Conflict, NotFound
from domain.moderation import (
    CommentStatus,
    check_reason,
    check_release_of_flagged,
    listed_status,
    next_status,
    parse_decision,
)
from domain.praise import is_praise
from gamification.points.awarding import Awarding
from gamification.storage.database import unit_of_work
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.reach import decider_reach
from gamification.storage.tables import SurveyAnswer
from gamification.surveys.praise import credit_praise, take_back_praise

DECISION_TRIES = 3  # a decision that lost a race is weighed again against what won it

COLUMNS = (
    SurveyAnswer.id,
    SurveyAnswer.service_point,
    SurveyAnswer.service_point.name,
    SurveyAnswer.region,
    SurveyAnswer.unit,
    SurveyAnswer.unit.name,
    SurveyAnswer.unit.path,
    SurveyAnswer.answered_at,
    SurveyAnswer.local_date,
    SurveyAnswer.u6,
    SurveyAnswer.u7,
    SurveyAnswer.comment,
    SurveyAnswer.comment_status,
    SurveyAnswer.comment_flagged,
    SurveyAnswer.served_by,
    SurveyAnswer.served_by.name,
    SurveyAnswer.moderated_by,
    SurveyAnswer.moderated_at,
    SurveyAnswer.moderation_reason,
    SurveyAnswer.contact,
    SurveyAnswer.contact_consent,
)


@dataclass(frozen=True)
class CommentView:
    id: int
    service_point_id: int
    service_point_name: str
    unit_id: int
    unit_name: str
    answered_at: dt.datetime
    local_date: dt.date
    comment: str
    status: str
    flagged: bool  # the word filter matched: read it before releasing (confirm_flagged)
    served_by_id: int | None
    served_by_name: str | None
    praise: bool  # released, it credits the ASN named
    moderated_by: int | None
    moderated_at: dt.datetime | None
    moderation_reason: str
    contact: str  # given with consent, until erased ("" otherwise): the deciders may answer the citizen


class CommentModeration:
    def __init__(self, awarding: Awarding) -> None:
        self._awarding = awarding

    async def list(self, actor: Actor, status: str, unit_id: int | None, page: PageRequest) -> Page[CommentView]:
        """Comments in the caller's reach with this status (pending: the queue), oldest first."""
        check_oversees_staff(actor)
        wanted = listed_status(status)
        reach = decider_reach(actor, SurveyAnswer.region, SurveyAnswer.unit.path)
        if reach is None:  # an admin without a region decides nothing
            return Page(items=[], next_after_id=None)
        query = SurveyAnswer.select(*COLUMNS).where((SurveyAnswer.comment_status == wanted.value) & reach)
        if unit_id is not None:
            query = query.where(SurveyAnswer.unit == unit_id)
        if page.after_id is not None:
            query = query.where(SurveyAnswer.id > page.after_id)
        rows = await query.order_by(SurveyAnswer.id).limit(page.limit + 1)
        return page_of([_view(row) for row in rows], page, lambda item: item.id)

    async def decide(
        self, actor: Actor, answer_id: int, decision: str, reason: str = "", confirm_flagged: bool = False
    ) -> CommentView:
        """Release or hide a comment; the same decision again answers as it stands."""
        check_oversees_staff(actor)
        chosen, reason = parse_decision(decision), check_reason(reason)
        for _ in range(DECISION_TRIES):
            row = await _for_decider(actor, answer_id)
            current = CommentStatus(row["comment_status"])
            target = next_status(current, chosen)
            if target is None:
                return _view(row)
            check_release_of_flagged(row["comment_flagged"], chosen, confirm_flagged)
            if await self._record(actor, row, current, target, reason):
                return _view(await _load(answer_id))
        raise Conflict("survey_comment_decided", status=row["comment_status"])

    async def _record(
        self, actor: Actor, row: dict, current: CommentStatus, target: CommentStatus, reason: str
    ) -> bool:
        """The move and its credit (or its reversal) in one transaction; False when another decision came first."""
        now = dt.datetime.now(dt.timezone.utc)
        async with unit_of_work():
            moved = (
                await SurveyAnswer.update(
                    {
                        SurveyAnswer.comment_status: target.value,
                        SurveyAnswer.moderated_by: actor.person_id,
                        SurveyAnswer.moderated_at: now,
                        SurveyAnswer.moderation_reason: reason,
                    }
                )
                .where((SurveyAnswer.id == row["id"]) & (SurveyAnswer.comment_status == current.value))
                .returning(SurveyAnswer.id)
            )
            if not moved:
                return False
            if target is CommentStatus.RELEASED and is_praise(row["served_by"], row["u6"], row["u7"]):
                await credit_praise(
                    self._awarding,
                    answer_id=row["id"],
                    person_id=row["served_by"],
                    service_name=row["service_point.name"],
                    now=now,
                )
            elif current is CommentStatus.RELEASED:
                await take_back_praise(self._awarding, answer_id=row["id"], now=now)
        return True


async def comments_waiting(actor: Actor) -> int:
    """The comments waiting for this decider: pending in their reach, never one that names them."""
    reach = decider_reach(actor, SurveyAnswer.region, SurveyAnswer.unit.path)
    if reach is None:
        return 0
    return await SurveyAnswer.count().where(
        reach,
        SurveyAnswer.comment_status == CommentStatus.PENDING.value,
        SurveyAnswer.served_by.is_null() | (SurveyAnswer.served_by != actor.person_id),
    )


async def _load(answer_id: int) -> dict | None:
    return await SurveyAnswer.select(*COLUMNS).where(SurveyAnswer.id == answer_id).first()


async def _for_decider(actor: Actor, answer_id: int) -> dict:
    """The answer, when it has a comment to moderate in the caller's reach (else 404); never the named ASN's."""
    row = await _load(answer_id)
    in_reach = row is not None and (actor.administers(row["region"]) or actor.manages(row["unit.path"]))
    if not in_reach or row["comment_status"] == CommentStatus.NONE.value:
        raise NotFound("survey_comment_not_found")
    actor.check_decides_for(row["region"], row["unit.path"], {row["served_by"]} - {None})
    return row


def _view(row: dict) -> CommentView:
    return CommentView(
        id=row["id"],
        service_point_id=row["service_point"],
        service_point_name=row["service_point.name"],
        unit_id=row["unit"],
        unit_name=row["unit.name"],
        answered_at=row["answered_at"],
        local_date=row["local_date"],
        comment=row["comment"],
        status=row["comment_status"],
        flagged=row["comment_flagged"],
        served_by_id=row["served_by"],
        served_by_name=row["served_by.name"],
        praise=is_praise(row["served_by"], row["u6"], row["u7"]),
        moderated_by=row["moderated_by"],
        moderated_at=row["moderated_at"],
        moderation_reason=row["moderation_reason"],
        contact=row["contact"] if row["contact_consent"] else "",
    )
