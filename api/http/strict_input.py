"""Requests held to what the API document says, as request structs already forbid unknown fields.

- **Body types.** Litestar converts a decoded body leniently (``strict=False``), so ``"5"`` passes for an
  integer, ``"true"`` for a boolean and ``0`` for a date-time, none of which the document allows. The body
  is decoded strictly here first, against the handler's own body type; what passes is then what Litestar
  converts.
- **Repeated keys.** A key given twice in any object of the body is refused (``api.http.json_keys``).
- **Query names.** A query parameter the operation does not document is refused, so a typo in a filter
  (``?stauts=verified``) is loud instead of quietly listing everything.
- **Path numbers.** Litestar reads an ``{id:int}`` segment with ``int()``, which takes ``٣`` (Arabic-Indic
  three) for 3 and ``+3`` or ``3_0`` for numbers; only the ASCII digits are an id here, as everywhere.
"""

from __future__ import annotations

import msgspec
from litestar import Litestar, Request
from litestar.enums import RequestEncodingType
from litestar.exceptions import ValidationException

from api.http.errors import ApiError
from api.http.json_keys import refuse_repeated_keys
from domain.ids import is_ascii_number

BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
METHODS = ("get", "put", "post", "delete", "patch")


def documented_query_names(app: Litestar) -> dict[tuple[str, str], frozenset[str]]:
    """(path template, method) → the query parameters the document gives that operation."""
    names = {}
    for path, item in app.openapi_schema.paths.items():
        for method in METHODS:
            if operation := getattr(item, method):
                params = operation.parameters or []
                names[(path, method.upper())] = frozenset(p.name for p in params if p.param_in == "query")
    return names


def refuse_unknown_query_names(request: Request, documented: dict[tuple[str, str], frozenset[str]]) -> None:
    known = documented.get((request.scope.get("path_template"), request.method))
    if known is None:
        return  # not in the document: the display page, the /schema pages, OPTIONS
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise ApiError(400, "query_parameter_unknown", name=unknown[0][:40])


def refuse_loose_path_numbers(request: Request) -> None:
    numbers = {name for name, value in request.path_params.items() if type(value) is int}
    if not numbers:
        return
    template = request.scope.get("path_template", "").strip("/").split("/")
    for part, raw in zip(template, request.scope["path"].strip("/").split("/"), strict=False):
        if part.startswith("{") and part[1:-1].partition(":")[0] in numbers and not is_ascii_number(raw):
            raise ApiError(404, "not_found")  # what Litestar answers for a segment int() cannot read


async def check_body_types(request: Request) -> None:
    body_type = json_body_type(request)
    if body_type is None:
        return
    body = await request.body()
    if not body:
        return  # a missing body is Litestar's to judge (optional or required)
    try:
        msgspec.json.decode(body, type=body_type, strict=True)
    except msgspec.ValidationError as error:
        message, _, where = str(error).partition(" - at `$")
        field = where.removesuffix("`").lstrip(".")
        raise ValidationException(extra=[{"key": field, "message": message}]) from None
    except msgspec.DecodeError:
        return  # not JSON at all: Litestar answers malformed_json
    refuse_repeated_keys(body)


def json_body_type(request: Request) -> object | None:
    """The type of the JSON body the handler reads, whatever the Content-Type says: Litestar decodes a JSON
    body sent as ``text/plain`` all the same, so the header cannot decide which bodies are checked."""
    if request.method not in BODY_METHODS:
        return None
    data = request.route_handler.parsed_fn_signature.parameters.get("data")
    if data is None or getattr(data.kwarg_definition, "media_type", None) is not RequestEncodingType.JSON:
        return None
    return data.annotation
