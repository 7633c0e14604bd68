from __future__ import annotations

from typing import Annotated, Any

import msgspec

from domain.credential_revocation import REASON_MAX

# a badge credential is a few kilobytes; a year's JP transcript carries one credential per item (1-2 kB each):
# room for a few hundred items, under the request body limit
CREDENTIAL_MAX = 600_000


class CredentialVerifyIn(msgspec.Struct, forbid_unknown_fields=True):
    credential: Annotated[str, msgspec.Meta(min_length=1, max_length=CREDENTIAL_MAX)]  # a VC-JWT (compact JWS)


class CredentialOut(msgspec.Struct):
    id: int  # to share it: POST /api/v1/me/credentials/{id}/share
    kid: str
    jwt: str  # what a person hands to a verifier
    credential: dict[str, Any]  # the same credential as JSON (the JWT's ``vc`` claim)


class CredentialRevokeIn(msgspec.Struct, forbid_unknown_fields=True):  # credentials: revoked by an admin
    reason: Annotated[str, msgspec.Meta(max_length=REASON_MAX)] = ""  # required: empty is a problem with its code
