from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

Id = Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]
Short = Annotated[str, msgspec.Meta(max_length=40)]


class SessionIn(msgspec.Struct, forbid_unknown_fields=True):
    starts_at: dt.datetime
    ends_at: dt.datetime


class EventIn(msgspec.Struct, forbid_unknown_fields=True):
    title: Annotated[str, msgspec.Meta(max_length=200)]
    kind: Short
    competency_type: Short
    jp: Annotated[float, msgspec.Meta(ge=0, le=40)]
    sessions: Annotated[list[SessionIn], msgspec.Meta(min_length=1, max_length=52)]
    xp: Annotated[int, msgspec.Meta(ge=0, le=1000)] = 0
    region_id: Id | None = None
    place: Annotated[str, msgspec.Meta(max_length=300)] = ""
    online_url: Annotated[str, msgspec.Meta(max_length=500)] = ""
    capacity: Annotated[int, msgspec.Meta(ge=1, le=100_000)] | None = None
    audience: Short = "all"
    audience_ids: Annotated[list[Id], msgspec.Meta(max_length=100)] = []
    registration_opens_at: dt.datetime | None = None
    registration_closes_at: dt.datetime | None = None
    min_attendance_percent: Annotated[int, msgspec.Meta(ge=1, le=100)] = 80
    # one session repeated weekly or monthly at the same local time, repeat_count times in all
    repeat: Short = "none"
    repeat_count: Annotated[int, msgspec.Meta(ge=1, le=52)] = 1


class AttendanceListIn(msgspec.Struct, forbid_unknown_fields=True):
    nips: Annotated[list[Annotated[str, msgspec.Meta(max_length=18)]], msgspec.Meta(min_length=1, max_length=1000)]


class CheckinIn(msgspec.Struct, forbid_unknown_fields=True):
    session_id: Id
    code: Annotated[str, msgspec.Meta(max_length=12)]
    scanned_at: dt.datetime
    client_id: Annotated[str, msgspec.Meta(max_length=64)]


class NominationIn(msgspec.Struct, forbid_unknown_fields=True):
    person_id: Id


class FeedbackIn(msgspec.Struct, forbid_unknown_fields=True):
    rating: Annotated[int, msgspec.Meta(ge=1, le=5)]
    comment: Annotated[str, msgspec.Meta(max_length=2000)] = ""
