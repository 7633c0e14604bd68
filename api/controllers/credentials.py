"""Open Badges 3.0 credentials: a person's own, the published keys and issuer profiles, and verification
anyone may ask for without signing in."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, delete, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter

from api.http.guards import EXCLUDE_KEY, admin_guard
from api.http.paging import ListResponse, list_response, page_request  # credentials: the holder's list
from api.http.params import Cursor, Limit, PathId
from api.http.rate_limit import rate_limited
from api.schemas.credentials import CredentialOut, CredentialRevokeIn, CredentialVerifyIn
from gamification.credentials.admin_revocation import CredentialRevocations  # credentials: revoked by an admin
from gamification.credentials.badge_credentials import BadgeCredentials
from gamification.credentials.holdings import HeldCredential, MyCredentials  # credentials: the holder's list
from gamification.credentials.issuer_keys import IssuerKeys, RotatedKey
from gamification.credentials.issuing import SignedCredential
from gamification.credentials.publication import CredentialPublication
from gamification.credentials.revocation import StatusLists
from gamification.credentials.sharing import CredentialSharing, SharedCredential, ShareLink
from gamification.credentials.training_credentials import TrainingCredentials
from gamification.credentials.verification import CredentialVerification, VerificationView

RegionSlug = Annotated[str, PathParameter(max_length=64)]
ShareToken = Annotated[str, PathParameter(max_length=64)]
NO_STORE = {"Cache-Control": "no-store"}


class MyCredentialController(Controller):
    path = "/api/v1/me/badges"
    tags = ["me"]

    @post("/{award_id:int}/credential", opt={"problems": (404, 409)})
    async def issue(
        self, request: Request, award_id: PathId, badge_credentials: NamedDependency[BadgeCredentials]
    ) -> Response[CredentialOut]:
        """The caller's badge award as an Open Badges 3.0 credential signed by their region (a VC-JWT); the one
        already issued under the region's current key answers again (200)."""
        return _issued(await badge_credentials.issue(request.user, award_id, str(request.base_url)))


# credentials: a verified certificate and an event completion, issued like a badge
class MyTrainingCredentialController(Controller):
    path = "/api/v1/me"
    tags = ["me"]

    @post("/certificates/{certificate_id:int}/credential", opt={"problems": (404, 409)})
    async def certificate(
        self, request: Request, certificate_id: PathId, training_credentials: NamedDependency[TrainingCredentials]
    ) -> Response[CredentialOut]:
        """The caller's verified certificate as an Open Badges 3.0 credential (201; the one already issued: 200)."""
        issued = await training_credentials.certificate(request.user, certificate_id, str(request.base_url))
        return _issued(issued)

    @post("/events/{event_id:int}/credential", opt={"problems": (404, 409)})
    async def event(
        self, request: Request, event_id: PathId, training_credentials: NamedDependency[TrainingCredentials]
    ) -> Response[CredentialOut]:
        """An event the caller completed as an Open Badges 3.0 credential (201; the one already issued: 200)."""
        issued = await training_credentials.event_completion(request.user, event_id, str(request.base_url))
        return _issued(issued)


def _issued(issued: SignedCredential) -> Response[CredentialOut]:
    return Response(
        CredentialOut(issued.id, issued.kid, issued.jwt, issued.credential),
        status_code=201 if issued.created else 200,
        headers=NO_STORE,
    )


class MyCredentialSharingController(Controller):
    path = "/api/v1/me/credentials"
    tags = ["me"]

    @post("/{credential_id:int}/share", status_code=200, opt={"problems": (404, 409)})
    async def share(
        self, request: Request, credential_id: PathId, credential_sharing: NamedDependency[CredentialSharing]
    ) -> ShareLink:
        """A link anyone can open to read and verify one of the caller's credentials; a new one replaces the old."""
        return await credential_sharing.share(request.user, credential_id, str(request.base_url))

    @delete("/{credential_id:int}/share", opt={"problems": (404,)})
    async def unshare(
        self, request: Request, credential_id: PathId, credential_sharing: NamedDependency[CredentialSharing]
    ) -> None:
        """The credential's share link stops working: private again."""
        await credential_sharing.unshare(request.user, credential_id)

    # credentials: the holder's list (the mobile app shows and manages sharing from it)
    @get("/")
    async def mine(
        self, request: Request, my_credentials: NamedDependency[MyCredentials], cursor: Cursor = None, limit: Limit = 20
    ) -> ListResponse[HeldCredential]:
        """The caller's credentials, newest first: what each is, whether it is revoked (and why) or shared."""
        return list_response(await my_credentials.list(request.user, page_request(cursor, limit)))


class CredentialPublicController(Controller):
    """No sign-in: what a verifier outside Tangkas reads."""

    path = "/"
    tags = ["public"]
    opt = {EXCLUDE_KEY: True, "audit": False}

    @get("/.well-known/jwks.json")
    async def key_set(self, credential_publication: NamedDependency[CredentialPublication]) -> dict[str, Any]:
        """Every region's signing keys, current and retired (RFC 7517, OKP/Ed25519, with ``kid``)."""
        return await credential_publication.key_set()

    @get("/issuers/{region_slug:str}", opt={"problems": (404,)})
    async def issuer(
        self, request: Request, region_slug: RegionSlug, credential_publication: NamedDependency[CredentialPublication]
    ) -> dict[str, Any]:
        """A region's Open Badges 3.0 issuer ``Profile``."""
        return await credential_publication.profile(region_slug, str(request.base_url))

    @get("/issuers/{region_slug:str}/status/revocation", media_type="application/vc+jwt", opt={"problems": (404,)})
    async def revocation_list(
        self, request: Request, region_slug: RegionSlug, status_lists: NamedDependency[StatusLists]
    ) -> Response[str]:
        """The region's revocations as a signed ``BitstringStatusListCredential`` (a VC-JWT)."""
        token = await status_lists.revocation_list(region_slug, str(request.base_url))
        return Response(token, media_type="application/vc+jwt", headers={"Cache-Control": "max-age=60"})

    @get("/issuers/{region_slug:str}/did.json", opt={"problems": (404,)})
    async def did_document(
        self, request: Request, region_slug: RegionSlug, credential_publication: NamedDependency[CredentialPublication]
    ) -> dict[str, Any]:
        """The region's ``did:web`` DID document: its keys as ``JsonWebKey2020`` verification methods."""
        return await credential_publication.did_document(region_slug, str(request.base_url))

    @post("/api/v1/credentials/verify", status_code=200, guards=[rate_limited("credential_verify")])
    async def verify(
        self, data: JSONBody[CredentialVerifyIn], credential_verification: NamedDependency[CredentialVerification]
    ) -> Response[VerificationView]:
        """Check a VC-JWT: valid, revoked, tampered, unknown_key, expired or not_yet_valid, with who, what, when and by whom."""
        return Response(await credential_verification.verify(data.credential), headers=NO_STORE)

    @get("/api/v1/public/credentials/{token:str}", guards=[rate_limited("credential_verify")], opt={"problems": (404,)})
    async def shared(
        self, token: ShareToken, credential_sharing: NamedDependency[CredentialSharing]
    ) -> Response[SharedCredential]:
        """A credential its holder shared, with its verification."""
        return Response(await credential_sharing.shared(token), headers=NO_STORE)


class IssuerKeyAdminController(Controller):
    path = "/api/v1/admin/regions"
    tags = ["admin"]
    guards = [admin_guard]

    @post("/{region_id:int}/issuer-key/rotate", status_code=200)
    async def rotate(self, request: Request, region_id: PathId, issuer_keys: NamedDependency[IssuerKeys]) -> RotatedKey:
        """A new signing key for the region's credentials; the old one is retired and stays published."""
        return await issuer_keys.rotate(request.user, region_id)


# credentials: a credential revoked by its issuing region's admin, and a person's credentials found by one
class CredentialAdminController(Controller):
    path = "/api/v1/admin"
    tags = ["admin"]
    guards = [admin_guard]

    @post("/credentials/{credential_id:int}/revoke", status_code=200, opt={"problems": (403, 404, 422)})
    async def revoke(
        self,
        request: Request,
        credential_id: PathId,
        data: JSONBody[CredentialRevokeIn],
        credential_revocations: NamedDependency[CredentialRevocations],
    ) -> HeldCredential:
        """Revoke a credential the caller's region issued, with a ``reason`` its holder is told; never one's own
        (``403 self_decision``); revoked already, it answers as it stands."""
        return await credential_revocations.revoke(request.user, credential_id, data.reason)

    @get("/users/{user_id:int}/credentials", opt={"problems": (404,)})
    async def held_by(
        self,
        request: Request,
        user_id: PathId,
        credential_revocations: NamedDependency[CredentialRevocations],
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[HeldCredential]:
        """The person's credentials the caller's region issued (a superadmin: all), newest first."""
        return list_response(await credential_revocations.held_by(request.user, user_id, page_request(cursor, limit)))
