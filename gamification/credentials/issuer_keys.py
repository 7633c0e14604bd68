"""Each issuing region's Ed25519 signing keys: made on first use, rotated by an admin, never deleted (a retired
key stays published so the credentials it signed still verify). The private key is kept as a PKCS#8 PEM
encrypted under a key from the settings; in production that key should come from a KMS (docs/security.md)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.access import Actor
from domain.credentials import SIGNING_ALGORITHM
from domain.errors import NotFound
from gamification.storage.administered import administered_region
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.tables import IssuerKey, Region

ROTATE_ATTEMPTS = 5  # two admins rotating at once: the later one rotates the key the first made


@dataclass(frozen=True)
class SigningKey:
    kid: str
    region_id: int
    private_key: Ed25519PrivateKey


@dataclass(frozen=True)
class PublishedKey:
    kid: str
    region_id: int
    public_x: str
    retired_at: dt.datetime | None

    def jwk(self) -> dict:
        return {"kty": "OKP", "crv": "Ed25519", "x": self.public_x, "kid": self.kid, "use": "sig"} | {
            "alg": SIGNING_ALGORITHM
        }


@dataclass(frozen=True)
class RotatedKey:
    region_id: int
    kid: str
    retired_kid: str | None


class IssuerKeys:
    def __init__(self, secret: str) -> None:
        # the PEM's passphrase: a digest, so the settings' secret itself is never what encrypts
        self._passphrase = hashlib.sha256(f"issuer-keys:{secret}".encode()).hexdigest().encode()
        self._loaded: dict[str, Ed25519PrivateKey] = {}  # kid → key: decrypting a PEM is a key derivation

    async def signing_key(self, region_id: int) -> SigningKey:
        """The region's current key, made on its first use."""
        row = await _current(region_id)
        if row is None:
            try:
                async with unit_of_work():
                    await self._insert(region_id)
            except Exception as error:
                if not is_unique_violation(error):  # another process made it first
                    raise
            row = await _current(region_id)
        return SigningKey(row["kid"], region_id, self._private_key(row["kid"], row["private_pem"]))

    async def rotate(self, actor: Actor, region_id: int) -> RotatedKey:
        """A new current key for the region; the old one is retired but stays published."""
        region_id = await administered_region(actor, region_id)
        if region_id is None:
            raise NotFound("region_not_found")
        for attempt in range(ROTATE_ATTEMPTS):
            try:
                async with unit_of_work():
                    current = await _current(region_id)
                    if current is not None:
                        await IssuerKey.update({IssuerKey.retired_at: dt.datetime.now(dt.UTC)}).where(
                            IssuerKey.id == current["id"]
                        )
                    kid = await self._insert(region_id)
                return RotatedKey(region_id, kid, current["kid"] if current else None)
            except Exception as error:  # another rotation made the current key meanwhile: rotate that one
                if not is_unique_violation(error) or attempt == ROTATE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    async def published(self) -> list[PublishedKey]:
        rows = await IssuerKey.select(
            IssuerKey.kid, IssuerKey.region, IssuerKey.public_x, IssuerKey.retired_at
        ).order_by(IssuerKey.id)
        return [PublishedKey(r["kid"], r["region"], r["public_x"], r["retired_at"]) for r in rows]

    async def by_kid(self, kid: str) -> PublishedKey | None:
        row = (
            await IssuerKey.select(IssuerKey.kid, IssuerKey.region, IssuerKey.public_x, IssuerKey.retired_at)
            .where(IssuerKey.kid == kid)
            .first()
        )
        return PublishedKey(row["kid"], row["region"], row["public_x"], row["retired_at"]) if row else None

    async def _insert(self, region_id: int) -> str:
        slug = await Region.select(Region.slug).where(Region.id == region_id).first()
        if slug is None:
            raise NotFound("region_not_found")
        key = Ed25519PrivateKey.generate()
        kid = f"{slug['slug']}-{secrets.token_hex(6)}"
        raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(self._passphrase),
        )
        await IssuerKey.insert(
            IssuerKey(
                region=region_id,
                kid=kid,
                public_x=base64.urlsafe_b64encode(raw).rstrip(b"=").decode(),
                private_pem=pem.decode(),
            )
        )
        return kid

    def _private_key(self, kid: str, pem: str) -> Ed25519PrivateKey:
        if kid not in self._loaded:
            key = serialization.load_pem_private_key(pem.encode(), password=self._passphrase)
            assert isinstance(key, Ed25519PrivateKey)
            self._loaded[kid] = key
        return self._loaded[kid]


async def _current(region_id: int) -> dict | None:
    return (
        await IssuerKey.select(IssuerKey.id, IssuerKey.kid, IssuerKey.private_pem)
        .where(IssuerKey.region == region_id, IssuerKey.retired_at.is_null())
        .first()
    )
