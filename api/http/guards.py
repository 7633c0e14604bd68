"""Bearer-token authentication and role guards."""

from __future__ import annotations

import re

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from domain.access import Actor
from domain.errors import Forbidden, NotAuthenticated
from domain.roles import Role

# Paths served without a sign-in: the API document, probes, and office displays (their token is in the path).
PUBLIC_PATHS = ["^/schema", "^/health", "^/ready", "^/display/", "^/api/v1/displays/"]
EXCLUDE_KEY = "exclude_from_auth"


def requires_sign_in(path: str, handler: BaseRouteHandler) -> bool:
    """What the middleware decides for a route: a public path, or a handler marked ``exclude_from_auth``."""
    return not handler.opt.get(EXCLUDE_KEY) and not any(re.search(pattern, path) for pattern in PUBLIC_PATHS)


# A hot route marked with this option gets the token's ``TokenCaller`` as ``request.user`` and reads the
# person itself, in the statement that reads its answer (GET /me, the boards): one round trip fewer.
READS_CALLER_ITSELF = "reads_caller_itself"


class BearerAuthMiddleware(AbstractAuthenticationMiddleware):
    """Reads ``Authorization: Bearer <jwt>`` and loads the acting person for every protected route."""

    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        scheme, _, token = connection.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotAuthenticated("not_authenticated")
        auth = connection.app.state.auth
        if connection.scope["route_handler"].opt.get(READS_CALLER_ITSELF):
            return AuthenticationResult(user=auth.caller_of(token.strip()), auth=token)
        return AuthenticationResult(user=await auth.actor_for(token.strip()), auth=token)


def _actor(connection: ASGIConnection) -> Actor | None:
    """The signed-in caller, or None for OPTIONS: Litestar answers it itself (the Allow header) under the
    controller's guards but without authenticating, as for a CORS preflight; nothing is disclosed."""
    return None if connection.scope.get("method") == "OPTIONS" else connection.user


def admin_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    actor = _actor(connection)
    if actor is not None and not actor.is_admin:
        raise Forbidden("admin_required")


def superadmin_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    actor = _actor(connection)
    if actor is not None and Role.SUPERADMIN not in actor.roles:
        raise Forbidden("superadmin_required")


def author_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Admins and partners author modules; the service decides for which region."""
    actor = _actor(connection)
    if actor is not None and not actor.is_admin and Role.PARTNER not in actor.roles:
        raise Forbidden("author_required")


def display_maker_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Admins and managers put boards on office TVs; the service decides which boards."""
    actor = _actor(connection)
    if actor is not None and not actor.is_admin and Role.MANAGER not in actor.roles:
        raise Forbidden("display_maker_required")
