"""Telling the deciders of a unit that citizens' comments wait for moderation, without flooding them.

Each decider of the answer's unit (``notifications.deciders``) hears at most once per ``NOTICE_WINDOW``,
however many comments arrive and in whichever of their units: the notice counts what waits for them then,
and the queue and the daily digest show what came after. The ASN an answer names is never told of it as a
decider (they never decide on it). Written in the transaction that records the answer, so an answer
refused (a second one that day) tells nobody; the push sender drains it like any inbox row, and a person
who turned push off, or muted ``comment_waiting``, finds it in the inbox only.
"""

from __future__ import annotations

import datetime as dt

from domain.moderation import NOTICE_WINDOW, waiting_notice
from gamification.notifications.deciders import decider_actors, recently_told
from gamification.notifications.inbox import notify
from gamification.surveys.moderation import comments_waiting

KIND = "comment_waiting"


async def tell_deciders(
    region_id: int, unit_id: int, named: int | None, service: str, unit: str, now: dt.datetime
) -> int:
    """Call inside the unit of work that records a comment now waiting; how many deciders were told."""
    deciders = [actor for actor in await decider_actors(region_id, unit_id) if actor.person_id != named]
    told = await recently_told({actor.person_id for actor in deciders}, KIND, now - NOTICE_WINDOW)
    due = [actor for actor in deciders if actor.person_id not in told]
    for actor in due:
        waiting = await comments_waiting(actor)
        title, body = waiting_notice(waiting, service, unit)
        await notify(actor.person_id, KIND, title, body, unit=unit_id, waiting=waiting)
    return len(due)
