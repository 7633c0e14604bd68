from __future__ import annotations

from typing import Annotated

import msgspec

from domain.complaints import ANSWER_MAX, BODY_MAX, CONTACT_MAX
from domain.ids import MAX_ID


class ComplaintIn(msgspec.Struct, forbid_unknown_fields=True):
    body: Annotated[str, msgspec.Meta(max_length=BODY_MAX + 200)]  # spaces around are trimmed, then bounded
    contact: Annotated[str, msgspec.Meta(max_length=CONTACT_MAX + 40)] | None = None
    contact_consent: bool = False  # a contact is kept only with it (UU PDP)
    # a phone's resend (a lost answer on a weak connection) answers the first complaint
    client_id: Annotated[str, msgspec.Meta(max_length=64)] | None = None


class NoteIn(msgspec.Struct, forbid_unknown_fields=True):
    note: Annotated[str, msgspec.Meta(max_length=1000)] = ""


class AnswerIn(msgspec.Struct, forbid_unknown_fields=True):
    answer: Annotated[str, msgspec.Meta(max_length=ANSWER_MAX + 200)]


class InitiativeLinkIn(msgspec.Struct, forbid_unknown_fields=True):
    initiative_id: Annotated[int, msgspec.Meta(ge=1, le=MAX_ID)]
