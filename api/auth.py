"""Bearer-token authentication and role guards."""

from __future__ import annotations

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from domain.access import Actor
from domain.errors import Forbidden, NotAuthenticated
from domain.roles import Role


class BearerAuthMiddleware(AbstractAuthenticationMiddleware):
    """Reads ``Authorization: Bearer <jwt>`` and loads the acting person for every protected route."""

    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        scheme, _, token = connection.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotAuthenticated("not_authenticated")
        actor = await connection.app.state.auth.actor_for(token.strip())
        return AuthenticationResult(user=actor, auth=token)


def admin_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    actor: Actor = connection.user
    if not actor.is_admin:
        raise Forbidden("admin_required")


def superadmin_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    actor: Actor = connection.user
    if Role.SUPERADMIN not in actor.roles:
        raise Forbidden("superadmin_required")


def author_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Admins and partners author modules; the service decides for which region."""
    actor: Actor = connection.user
    if not actor.is_admin and Role.PARTNER not in actor.roles:
        raise Forbidden("author_required")


def display_maker_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Admins and managers put boards on office TVs; the service decides which boards."""
    actor: Actor = connection.user
    if not actor.is_admin and Role.MANAGER not in actor.roles:
        raise Forbidden("display_maker_required")
