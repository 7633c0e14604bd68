from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

Name = Annotated[str, msgspec.Meta(max_length=400)]
Jp = Annotated[float, msgspec.Meta(ge=0, le=1000)]
Reason = Annotated[str, msgspec.Meta(max_length=1000)]


class CertificateEditIn(msgspec.Struct, forbid_unknown_fields=True):
    issuer: Name
    title: Name
    completed_on: dt.date
    jp_claimed: Jp
    competency_type: Annotated[str, msgspec.Meta(max_length=40)]
    number: Annotated[str, msgspec.Meta(max_length=200)] | None = None


class CertificateIn(CertificateEditIn, forbid_unknown_fields=True):
    # Resending the same create (a lost answer on a weak connection) answers the first record.
    client_id: Annotated[str, msgspec.Meta(max_length=64)] | None = None


class GrantIn(msgspec.Struct, forbid_unknown_fields=True):
    jp_granted: Jp
    reason: Reason = ""


class ReturnIn(msgspec.Struct, forbid_unknown_fields=True):
    reason: Reason


class WithdrawIn(msgspec.Struct, forbid_unknown_fields=True):  # credentials: a verification withdrawn
    reason: Reason
