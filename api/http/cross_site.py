"""What a public form or JSON twin refuses before reading anything: a request another site's page made a
visitor's browser send (such a page can post a form, or JSON labelled ``text/plain``, without asking)."""

from __future__ import annotations

from urllib.parse import urlsplit

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler

from api.http.errors import ApiError


def is_cross_site(connection: ASGIConnection) -> bool:
    """The browser says so (``Sec-Fetch-Site``), or the ``Origin`` is another host."""
    if connection.headers.get("sec-fetch-site", "") == "cross-site":
        return True
    origin = connection.headers.get("origin", "null")  # "null": the page's no-referrer policy hides its own origin
    return origin != "null" and urlsplit(origin).netloc.lower() != connection.headers.get("host", "").lower()


async def same_site_json(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Guard of a public JSON POST: not from another site, and really JSON (a browser sends ``text/plain``
    across sites without a preflight)."""
    if is_cross_site(connection):
        raise ApiError(403, "cross_site_request")
    if connection.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise ApiError(415, "unsupported_media_type")
