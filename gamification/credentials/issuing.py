"""What every credential Tangkas issues goes through: recorded for revocation under a free index of its region's
status list, then signed with the region's current key as a VC-JWT."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

import jwt

from domain.credentials import SIGNING_ALGORITHM, STATUS_LIST_BITS, Issuer, jwt_claims
from domain.errors import Conflict
from gamification.credentials.issuer_keys import SigningKey
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.tables import IssuedCredential

INDEX_DRAWS = 8  # a drawn status list index already taken is drawn again


def subject_id(issuer: Issuer, person_id: int) -> str:
    """A stable pseudonym of the person under this issuer, not their row id."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{issuer.id}/people/{person_id}')}"


def signed(credential: dict, key: SigningKey, now: dt.datetime) -> str:
    """The credential as a VC-JWT (OB 3.0, "JSON Web Token Proof Format"), EdDSA with the key's ``kid``."""
    return jwt.encode(
        jwt_claims(credential, now),
        key.private_key,
        algorithm=SIGNING_ALGORITHM,
        headers={"kid": key.kid, "typ": "JWT"},
    )


async def recorded(region_id: int, person_id: int, award_id: int | None, jti: str, kid: str) -> tuple[int, int]:
    """The credential recorded for revocation under a random free index of the region's status list: its id
    and index."""
    for _ in range(INDEX_DRAWS):
        index = secrets.randbelow(STATUS_LIST_BITS)
        try:
            async with unit_of_work():
                rows = await IssuedCredential.insert(
                    IssuedCredential(
                        region=region_id, person=person_id, person_badge=award_id, jti=jti, kid=kid, status_index=index
                    )
                ).returning(IssuedCredential.id)
            return rows[0]["id"], index
        except Exception as error:
            if not is_unique_violation(error):
                raise
    raise Conflict("credential_status_list_full")
