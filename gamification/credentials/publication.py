"""What a verifier fetches without Tangkas's help: every key ever used to sign (JWKS) and each issuer's profile."""

from __future__ import annotations

from domain.credentials import Issuer, issuer_of, profile_document
from domain.did_web import did_document, did_web  # did:web
from domain.errors import NotFound
from gamification.credentials.issuer_keys import IssuerKeys
from gamification.storage.tables import Region


class CredentialPublication:
    def __init__(self, issuer_keys: IssuerKeys, public_url: str | None) -> None:
        self._keys = issuer_keys
        self._public_url = public_url

    async def key_set(self) -> dict:
        """Current and retired public keys of every region, as an RFC 7517 JWK set."""
        return {"keys": [key.jwk() for key in await self._keys.published()]}

    async def profile(self, region_slug: str, base_url: str) -> dict:
        """The OB 3.0 ``Profile`` of a region that issues credentials."""
        _, issuer = await issuer_named(region_slug, self._public_url or base_url.rstrip("/"))
        return profile_document(issuer)

    async def did_document(self, region_slug: str, base_url: str) -> dict:
        """The region's did:web DID document: the DID its profile names, with every key the region ever signed
        with (current and retired), each ``<did>#<kid>``."""
        region_id, issuer = await issuer_named(region_slug, self._public_url or base_url.rstrip("/"))
        keys = [key for key in await self._keys.published() if key.region_id == region_id]
        public = [(key.kid, {"kty": "OKP", "crv": "Ed25519", "x": key.public_x}) for key in keys]
        return did_document(did_web(issuer.id), issuer.id, public)


async def issuer_named(region_slug: str, base: str) -> tuple[int, Issuer]:
    """The region a public address names by its slug, and the issuer it is under ``base``; else not found."""
    if "\x00" in region_slug:  # PostgreSQL refuses a NUL in text: no region is named so
        raise NotFound("issuer_not_found")
    region = await Region.select(Region.id, Region.slug, Region.name).where(Region.slug == region_slug).first()
    if region is None:
        raise NotFound("issuer_not_found")
    return region["id"], issuer_of(base, region["slug"], region["name"])
