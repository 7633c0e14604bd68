"""UU PDP: a citizen's contact is kept only with consent and only until its erase time; then it is blanked
on survey answers and complaints alike (the rest of the row, with no personal data, stays for the IKM)."""

from __future__ import annotations

import datetime as dt

from gamification.storage.database import unit_of_work
from gamification.storage.tables import Complaint, SurveyAnswer


async def erase_contacts(now: dt.datetime) -> dict:
    """Blank every contact whose erase time has passed; the numbers of rows blanked."""
    erased = {}
    async with unit_of_work():
        for name, table in (("survey_answers", SurveyAnswer), ("complaints", Complaint)):
            due = table.contact_erase_at.is_not_null() & (table.contact_erase_at <= now)
            still_held = (table.contact != "") | (table.contact_consent == True)  # noqa: E712 (a column test)
            rows = (
                await table.update({table.contact: "", table.contact_consent: False})
                .where(due & still_held)
                .returning(table.id)
            )
            erased[name] = len(rows)
    return erased
