from __future__ import annotations

from typing import Annotated

import msgspec

Name = Annotated[str, msgspec.Meta(max_length=400)]
Short = Annotated[str, msgspec.Meta(max_length=40)]


class PartnerOrgIn(msgspec.Struct, forbid_unknown_fields=True):
    name: Name
    kind: Short
    contact_name: Name = ""
    contact_email: Annotated[str, msgspec.Meta(max_length=254)] = ""
    contact_phone: Short = ""


class PartnerOrgEditIn(PartnerOrgIn, forbid_unknown_fields=True):
    active: bool = True


class CredentialIn(msgspec.Struct, forbid_unknown_fields=True):
    label: Annotated[str, msgspec.Meta(max_length=200)] = ""


class ActivityIn(msgspec.Struct, forbid_unknown_fields=True):
    iri: Annotated[str, msgspec.Meta(max_length=600)]
    title: Name
    competency_type: Short
    jp: Annotated[float, msgspec.Meta(ge=0, le=1000)]
    xp: Annotated[int, msgspec.Meta(ge=0, le=100_000)]


class ActivityEditIn(msgspec.Struct, forbid_unknown_fields=True):
    title: Name
    competency_type: Short
    jp: Annotated[float, msgspec.Meta(ge=0, le=1000)]
    xp: Annotated[int, msgspec.Meta(ge=0, le=100_000)]
    active: bool = True
