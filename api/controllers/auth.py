from __future__ import annotations

from litestar import Controller, Request, post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from api.http.rate_limit import client_address, rate_limited
from api.schemas.auth import LoginRequest, LogoutRequest, RefreshRequest, TokenResponse
from gamification.identity.sign_in import AuthService, TokenPair


def _tokens(pair: TokenPair) -> TokenResponse:
    return TokenResponse(pair.access_token, pair.refresh_token, pair.token_type, pair.expires_in)


class AuthController(Controller):
    path = "/api/v1/auth"
    tags = ["auth"]

    @post(
        "/login",
        status_code=HTTP_200_OK,
        exclude_from_auth=True,
        guards=[rate_limited("login")],
        opt={"problems": (401, 429)},
    )
    async def login(
        self, request: Request, data: JSONBody[LoginRequest], auth_service: NamedDependency[AuthService]
    ) -> TokenResponse:
        """Sign in with a NIP or an email and a password."""
        return _tokens(await auth_service.login(data.login, data.password, client_address(request)))

    @post(
        "/refresh",
        status_code=HTTP_200_OK,
        exclude_from_auth=True,
        guards=[rate_limited("refresh")],
        opt={"problems": (401,)},
    )
    async def refresh(
        self, data: JSONBody[RefreshRequest], auth_service: NamedDependency[AuthService]
    ) -> TokenResponse:
        """Trade a refresh token for a new pair; a spent token revokes its whole family."""
        return _tokens(await auth_service.refresh(data.refresh_token))

    @post("/logout", status_code=HTTP_204_NO_CONTENT, opt={"audit": False})
    async def logout(
        self, request: Request, auth_service: NamedDependency[AuthService], data: JSONBody[LogoutRequest | None] = None
    ) -> None:
        """Revoke the given refresh token's session, or every session of this person."""
        await auth_service.logout(request.user, data.refresh_token if data else None)
