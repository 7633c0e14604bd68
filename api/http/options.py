"""OPTIONS answered with every method of the path.

Litestar makes a path's OPTIONS answer when the first handler of a controller is registered on it and keeps
that answer when the controller adds the others, so its ``Allow`` names only the first (litestar 2.25:
``OPTIONS, POST`` for a path that also has GET). The answer is made here instead, from the routes as finally
assembled.
"""

from __future__ import annotations

from litestar import Request, Response
from litestar.routes import HTTPRoute
from litestar.status_codes import HTTP_204_NO_CONTENT


def options_answer(request: Request) -> Response | None:
    if request.method != "OPTIONS":
        return None
    template = request.scope.get("path_template")
    route = next((r for r in request.app.routes if isinstance(r, HTTPRoute) and r.path_format == template), None)
    if route is None:
        return None
    return Response(None, status_code=HTTP_204_NO_CONTENT, headers={"Allow": ", ".join(sorted(route.methods))})
