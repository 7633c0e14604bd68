"""What the xAPI protocol asks of every /xapi exchange: HTTP Basic with a partner's machine key, the
``X-Experience-API-Version`` header on every request (1.0.x) and on every answer (1.0.3)."""

from __future__ import annotations

import base64
import binascii

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from api.http.errors import ApiError
from domain.errors import NotAuthenticated
from domain.xapi import VERSION
from gamification.partners.credentials import KEY_ID

REALM = b'Basic realm="Tangkas xAPI"'
MAX_CREDENTIALS = 300


def basic_credentials(connection: ASGIConnection) -> tuple[str, str]:
    """``(key id, secret)`` of ``Authorization: Basic …``; anything else is a 401, never a 500."""
    scheme, _, encoded = connection.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic" or not encoded.strip() or len(encoded) > MAX_CREDENTIALS:
        raise NotAuthenticated("xapi_credentials_invalid")
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise NotAuthenticated("xapi_credentials_invalid") from None
    key_id, colon, secret = decoded.partition(":")
    if not colon or not KEY_ID.fullmatch(key_id) or not secret or not secret.isprintable():
        raise NotAuthenticated("xapi_credentials_invalid")  # never a stray byte (a NUL) down to the database
    return key_id, secret


def xapi_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Credentials in the Basic form first (401), then the protocol version (400)."""
    if connection.scope.get("method") == "OPTIONS":
        return
    basic_credentials(connection)
    version = connection.headers.get("x-experience-api-version", "")
    if version != "1.0" and not version.startswith("1.0."):
        raise ApiError(400, "xapi_version_header")


class XapiHeaders(ASGIMiddleware):
    """Every answer names the version; a 401 asks for Basic credentials, not a bearer token."""

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if not (status == 401 and name.lower() == b"www-authenticate")
                ]
                headers.append((b"x-experience-api-version", VERSION.encode()))
                if status == 401:
                    headers.append((b"www-authenticate", REALM))
                message = {**message, "headers": headers}
            await send(message)

        await next_app(scope, receive, send_with_version)
