"""Request structs of service points, staff opting in to be named, and the citizens' survey (JSON twin)."""

from __future__ import annotations

from typing import Annotated

import msgspec

from domain.service_points import MAX_ANSWER_DAYS, MAX_DESCRIPTION, MAX_NAME, MAX_YEARLY_USERS
from domain.survey import MAX_COMMENT, MAX_CONTACT

Id = Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]
Name = Annotated[str, msgspec.Meta(max_length=MAX_NAME + 40)]  # spaces are folded before the length is judged
Description = Annotated[str, msgspec.Meta(max_length=MAX_DESCRIPTION)]
YearlyUsers = Annotated[int, msgspec.Meta(ge=1, le=MAX_YEARLY_USERS)]
AnswerDays = Annotated[int, msgspec.Meta(ge=1, le=MAX_ANSWER_DAYS)]
Score = Annotated[int, msgspec.Meta(ge=1, le=4)]


class ServicePointIn(msgspec.Struct, forbid_unknown_fields=True):
    unit_id: Id
    name: Name
    description: Description = ""
    requires_site_code: bool = False
    yearly_users: YearlyUsers | None = None
    complaint_answer_days: AnswerDays = 5

    def fields(self) -> dict:
        return {f: getattr(self, f) for f in self.__struct_fields__ if f != "unit_id"}


class ServicePointUpdate(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """Only the fields sent are changed; ``yearly_users: null`` makes it unknown again."""

    name: Name | msgspec.UnsetType = msgspec.UNSET
    description: Description | msgspec.UnsetType = msgspec.UNSET
    requires_site_code: bool | msgspec.UnsetType = msgspec.UNSET
    yearly_users: YearlyUsers | None | msgspec.UnsetType = msgspec.UNSET
    complaint_answer_days: AnswerDays | msgspec.UnsetType = msgspec.UNSET
    active: bool | msgspec.UnsetType = msgspec.UNSET

    def changes(self) -> dict:
        return {f: getattr(self, f) for f in self.__struct_fields__ if getattr(self, f) is not msgspec.UNSET}


class CitizenNamingIn(msgspec.Struct, forbid_unknown_fields=True):
    opt_in: bool


class SurveyAnswerBody(msgspec.Struct, forbid_unknown_fields=True):
    """U1..U9 scored 1 (tidak baik) to 4 (sangat baik); ``form_token`` from the service's GET (with its cookie)."""

    form_token: Annotated[str, msgspec.Meta(max_length=100)]
    u1: Score
    u2: Score
    u3: Score
    u4: Score
    u5: Score
    u6: Score
    u7: Score
    u8: Score
    u9: Score
    comment: Annotated[str, msgspec.Meta(max_length=MAX_COMMENT)] = ""
    served_by: Id | None = None
    contact: Annotated[str, msgspec.Meta(max_length=MAX_CONTACT)] = ""
    contact_consent: bool = False
    site_code: Annotated[str, msgspec.Meta(max_length=12)] = ""

    def scores(self) -> dict[str, int]:
        return {f"u{n}": getattr(self, f"u{n}") for n in range(1, 10)}
