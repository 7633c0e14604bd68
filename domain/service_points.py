"""The fields of a service point a unit publishes. Pure; tested in tests/unit/domain/test_service_points.py."""

from __future__ import annotations

from domain.errors import InvalidInput
from domain.text import BIDI_CONTROLS, check_shown_text

MAX_NAME = 120
MAX_DESCRIPTION = 2000
MAX_YEARLY_USERS = 100_000_000
MAX_ANSWER_DAYS = 60  # working days a unit may give itself to answer a complaint


def check_point_fields(fields: dict, partial: bool = False) -> dict:
    """The fields as stored: a name of 3-120 visible characters, a description of at most 2000, the yearly
    users (the survey's population) 1..100 million or unknown, 1-60 working days to answer a complaint.
    ``partial``: only the fields given are checked and returned (an edit)."""
    checked = dict(fields)
    if "name" in fields or not partial:
        name = " ".join(str(fields.get("name", "")).split())
        if not 3 <= len(name) <= MAX_NAME:
            raise InvalidInput("service_point_name_length", max=MAX_NAME)
        checked["name"] = check_shown_text(name)
    if "description" in fields:
        description = str(fields["description"] or "").strip()
        if len(description) > MAX_DESCRIPTION:
            raise InvalidInput("service_point_description_length", max=MAX_DESCRIPTION)
        if not BIDI_CONTROLS.isdisjoint(description):
            raise InvalidInput("text_bidi_control")
        checked["description"] = description
    if fields.get("yearly_users") is not None and not 1 <= fields["yearly_users"] <= MAX_YEARLY_USERS:
        raise InvalidInput("service_point_yearly_users", max=MAX_YEARLY_USERS)
    if "complaint_answer_days" in fields and not 1 <= fields["complaint_answer_days"] <= MAX_ANSWER_DAYS:
        raise InvalidInput("service_point_answer_days", max=MAX_ANSWER_DAYS)
    return checked
