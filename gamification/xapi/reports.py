"""What a partner (and the admins of the regions that admitted it) read back: the statements whose
actor Tangkas could not map to a person, so that they can fix a NIP or an email and send again, and
those naming one of the partner's own people (or any partner), which never credit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor
from domain.xapi import Credit
from gamification.partners.reach import check_viewer
from gamification.storage.tables import XapiStatement

REPORT_LIMIT = 200
UNMATCHED = (Credit.UNKNOWN_ACTOR.value, Credit.OWN_PEOPLE.value)


@dataclass(frozen=True)
class UnmatchedStatement:
    statement_id: str
    actor: str  # the identifier as sent: "account:<homePage>|<name>", "mbox:mailto:…", …
    verb: str
    activity_iri: str
    stored: dt.datetime
    credit: str  # unknown_actor or own_people


class XapiReports:
    async def unmatched(self, actor: Actor, org_id: int) -> list[UnmatchedStatement]:
        """The newest statements kept with an unknown actor or one of the partner's own (never credited), newest first."""
        await check_viewer(actor, org_id)
        rows = await (
            XapiStatement.select(
                XapiStatement.statement_id,
                XapiStatement.actor_key,
                XapiStatement.verb,
                XapiStatement.object_id,
                XapiStatement.stored,
                XapiStatement.credit,
            )
            .where((XapiStatement.org == org_id) & XapiStatement.credit.is_in(list(UNMATCHED)))
            .order_by(XapiStatement.id, ascending=False)
            .limit(REPORT_LIMIT)
        )
        return [
            UnmatchedStatement(r["statement_id"], r["actor_key"], r["verb"], r["object_id"], r["stored"], r["credit"])
            for r in rows
        ]
