"""What Litestar's generated OpenAPI document leaves out for Tangkas, added in one place.

- **Problems.** Litestar documents a 400 of its own shape; Tangkas answers every error as an RFC 9457
  problem (``application/problem+json``) with a stable ``code`` (``api/http/errors.py``). Each operation is
  given the statuses it may answer by one rule: any request may be malformed (400); one that needs a
  signed-in caller may lack one (401), be refused (403), name something that is not there or out of
  reach (404) or break a rule of the domain (422); a write may also collide with the current state
  (409) and a body may be too large (413); a route with a request budget may answer 429. A handler (or its controller) names what else it answers in
  ``opt["problems"]``.
- **Who may call.** Public operations (``api.http.guards.requires_sign_in``) drop the app-wide bearer requirement.
- **Closed bodies.** Request structs forbid unknown fields, so their schemas say ``additionalProperties: false``.
- **Optional bodies.** A body the handler defaults (``data: ... = None``) is not required.
- **Names.** Each operation's ``operationId``, summary and description come from ``api.http.operations``.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

import msgspec
from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, Operation, Reference, Schema
from litestar.openapi.spec.enums import OpenAPIFormat, OpenAPIType
from litestar.plugins import OpenAPISchemaPlugin
from litestar.routes import HTTPRoute
from litestar.typing import FieldDefinition

from api.http.errors import PROBLEM_JSON, TITLES
from api.http.guards import requires_sign_in
from api.http.operations import OPERATIONS

if TYPE_CHECKING:
    from litestar._openapi.schema_generation import SchemaCreator

PROBLEM = Schema(
    type=OpenAPIType.OBJECT,
    description="RFC 9457 problem details; `code` is stable, `title` and `detail` follow Accept-Language (id, en).",
    required=["type", "title", "status", "code", "detail", "instance"],
    properties={
        "type": Schema(type=OpenAPIType.STRING, examples=["urn:tangkas:problem:module_not_found"]),
        "title": Schema(type=OpenAPIType.STRING),
        "status": Schema(type=OpenAPIType.INTEGER, minimum=400, maximum=599),
        "code": Schema(type=OpenAPIType.STRING, examples=["module_not_found"]),
        "detail": Schema(type=OpenAPIType.STRING),
        "instance": Schema(type=OpenAPIType.STRING),
        "errors": Schema(
            type=OpenAPIType.ARRAY,
            description="With `validation_failed`: each field that failed, a stable `code` of the fault "
            "(`type`, `required`, `unknown`, `too_long`, …) and a sentence in the caller's language.",
            items=Schema(
                type=OpenAPIType.OBJECT,
                required=["field", "code", "message"],
                properties={
                    "field": Schema(type=OpenAPIType.STRING, examples=["attempts[0].started_at"]),
                    "code": Schema(type=OpenAPIType.STRING, examples=["type"]),
                    "message": Schema(type=OpenAPIType.STRING),
                },
            ),
        ),
    },
)
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class ClosedStructs(OpenAPISchemaPlugin):
    """A struct with ``forbid_unknown_fields`` gets the schema Litestar makes for it, closed."""

    def is_plugin_supported_field(self, field_definition: FieldDefinition) -> bool:
        return (
            not field_definition.is_union
            and field_definition.is_subclass_of(msgspec.Struct)
            and msgspec.inspect.type_info(field_definition.type_).forbid_unknown_fields
        )

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: SchemaCreator) -> Schema:
        plugins = (p for p in schema_creator.plugins if p is not self)
        litestars = next(p for p in plugins if schema_creator.plugin_supports_field(p, field_definition))
        schema = litestars.to_openapi_schema(field_definition=field_definition, schema_creator=schema_creator)
        schema.additional_properties = False
        return schema


def finish_document(app: Litestar) -> None:
    """Completes the app's OpenAPI document (see the module's docstring); called once by ``create_app``."""
    openapi = app.openapi_schema
    openapi.components.schemas["Problem"] = PROBLEM
    _short_generic_names(openapi)
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or route.path_format not in openapi.paths:
            continue
        path_item = openapi.paths[route.path_format]
        for method, (handler, _) in route.route_handler_map.items():
            operation = getattr(path_item, method.lower(), None)
            if operation is not None and handler.resolve_include_in_schema():
                _finish_operation(operation, route.path_format, method, handler)


GENERIC_NAME = re.compile(r"^(\w+)_(?:[\w]+\.)+(\w+)_$")  # Litestar's "ListResponse_gamification.x.y.ModuleCard_"


def _short_generic_names(openapi) -> None:
    """``ListResponse[ModuleCard]`` is named ``ModuleCardList`` in the document, not after the Python module
    that holds it: a generated client's type names stay short and survive moving code."""
    schemas = openapi.components.schemas
    renamed = {}
    for name in list(schemas):
        found = GENERIC_NAME.match(name)
        if found:
            short = found.group(2) + found.group(1).removesuffix("Response")
            if short in schemas or short in renamed.values():
                continue  # keep the long name rather than merge two schemas
            renamed[name] = short
    for name, short in renamed.items():
        schemas[short] = schemas.pop(name)
    refs = {f"#/components/schemas/{name}": f"#/components/schemas/{short}" for name, short in renamed.items()}
    _rewrite_refs(openapi, refs, set())


def _rewrite_refs(node, refs: dict[str, str], seen: set[int]) -> None:
    if id(node) in seen or isinstance(node, str | int | float | bool | type(None)):
        return
    seen.add(id(node))
    if isinstance(node, Reference):
        node.ref = refs.get(node.ref, node.ref)
    elif isinstance(node, dict):
        for value in node.values():
            _rewrite_refs(value, refs, seen)
    elif isinstance(node, list | tuple):
        for value in node:
            _rewrite_refs(value, refs, seen)
    elif dataclasses.is_dataclass(node):
        for field in dataclasses.fields(node):
            _rewrite_refs(getattr(node, field.name), refs, seen)


def _problem_statuses(path: str, method: str, handler: HTTPRouteHandler, has_body: bool) -> set[int]:
    statuses = {400, *handler.opt.get("problems", ())}
    if requires_sign_in(path, handler):
        statuses |= {401, 403, 404, 422}
    if method in WRITES:
        statuses |= {409, 422}
    if has_body:
        statuses.add(413)
    if any(getattr(guard, "rate_limited", None) for guard in handler.resolve_guards()):
        statuses.add(429)
    return statuses


def _finish_operation(operation: Operation, path: str, method: str, handler: HTTPRouteHandler) -> None:
    _name(operation, path, method)
    statuses = _problem_statuses(path, method, handler, operation.request_body is not None)
    # Litestar's own 400 (the shape of its ValidationException) is never what Tangkas sends; what a handler
    # declares in ``responses`` (the 503 of /ready) stays.
    declared = {str(status) for status in handler.responses or {}}
    responses = {s: r for s, r in (operation.responses or {}).items() if int(s) < 400 or s in declared}
    responses.update({str(status): _problem_response(status) for status in sorted(statuses)})
    operation.responses = responses
    _file_types(operation, handler)
    if not requires_sign_in(path, handler):
        # anyone may call it: the app-wide bearer requirement does not apply (the xAPI routes name their own)
        operation.security = handler.opt.get("openapi_security", [{}])
    body = handler.parsed_fn_signature.parameters.get("data")
    if operation.request_body is not None and body is not None and body.has_default:
        operation.request_body.required = False


def _name(operation: Operation, path: str, method: str) -> None:
    # A route without an entry keeps Litestar's generated name: the app still starts, and
    # tests/http/test_operation_names.py fails naming it.
    entry = OPERATIONS.get((method, path))
    if entry is not None:
        operation.operation_id = entry.operation_id
        operation.summary = entry.summary
        operation.description = entry.full_description()


def _file_types(operation: Operation, handler: HTTPRouteHandler) -> None:
    """certificates: a file answered with its own content type (``opt["media_types"]``), documented as each."""
    types = handler.opt.get("media_types")
    success = next((r for s, r in (operation.responses or {}).items() if s.startswith("2")), None)
    if types and isinstance(success, OpenAPIResponse):
        binary = Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY)
        success.content = {str(media_type): OpenAPIMediaType(schema=binary) for media_type in types}


def _problem_response(status: int) -> OpenAPIResponse:
    schema = Reference(ref="#/components/schemas/Problem")
    return OpenAPIResponse(description=TITLES[status], content={PROBLEM_JSON: OpenAPIMediaType(schema=schema)})
