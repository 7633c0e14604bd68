"""The API document says what the app answers: problems, who may call, closed and optional bodies."""

import msgspec
import pytest
from litestar.routes import HTTPRoute

from api.app import create_app
from gamification.storage.settings import Settings

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


@pytest.fixture(scope="module")
def built():
    return create_app(Settings(jwt_secret="document-" + "x" * 40))


@pytest.fixture(scope="module")
def document(built) -> dict:
    return built.openapi_schema.to_schema()


def operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", operation


def test_every_client_error_is_documented_as_a_problem(document):
    assert set(document["components"]["schemas"]["Problem"]["required"]) >= {"type", "status", "code", "detail"}
    for name, operation in operations(document):
        errors = {status: r for status, r in operation["responses"].items() if 400 <= int(status) < 500}
        assert "400" in errors, name
        assert all(response["content"] == PROBLEM for response in errors.values()), name


def test_statuses_follow_who_may_call_and_what_is_sent(document):
    responses = {name: set(operation["responses"]) for name, operation in operations(document)}
    assert responses["GET /health"] == {"200", "400"}
    assert responses["GET /ready"] == {"200", "400", "503"}
    assert responses["POST /api/v1/auth/login"] == {"200", "400", "401", "413", "409", "422", "429"}
    assert responses["GET /api/v1/modules/{module_id}"] == {"200", "304", "400", "401", "403", "404", "422"}
    assert {"404", "410"} <= responses["GET /api/v1/displays/{token}/leaderboard"]
    assert {"409", "413"} <= responses["PUT /api/v1/admin/levels"]


def test_public_operations_ask_for_no_token(document):
    public = {name for name, operation in operations(document) if operation.get("security") == [{}]}
    assert public == {
        "GET /health",
        "GET /ready",
        "POST /api/v1/auth/login",
        "POST /api/v1/auth/refresh",
        "GET /api/v1/displays/{token}/leaderboard",
        "GET /api/v1/displays/{token}/stream",
        "GET /xapi/about",  # partners and xAPI
        "GET /api/v1/public/services/{public_key}",  # service points and surveys: citizens, no sign-in
        "POST /api/v1/public/services/{public_key}/answers",  # service points and surveys
        "POST /api/v1/public/services/{public_key}/complaints",  # complaints
        "GET /api/v1/public/complaints/{code}",  # complaints
        "GET /metrics",  # metrics: open like /health unless TANGKAS_METRICS_TOKEN is set
        "GET /.well-known/jwks.json",  # credentials: what a verifier fetches
        "GET /issuers/{region_slug}",  # credentials
        "GET /issuers/{region_slug}/status/revocation",  # credentials
        "GET /api/v1/public/credentials/{token}",  # credentials: a link its holder shared
        "POST /api/v1/credentials/verify",  # credentials
        "GET /issuers/{region_slug}/did.json",  # credentials: did:web
    }


def test_request_bodies_are_closed_and_only_a_defaulted_one_is_optional(document):
    schemas = document["components"]["schemas"]
    assert schemas["LevelsIn"]["additionalProperties"] is False
    assert schemas["UserUpdate"]["additionalProperties"] is False
    assert "additionalProperties" not in schemas["PersonView"]  # answers may grow
    optional = {name for name, op in operations(document) if op.get("requestBody", {}).get("required") is False}
    assert optional == {
        "POST /api/v1/auth/logout",
        "POST /api/v1/complaints/{complaint_id}/progress",  # complaints: a note is optional
        "POST /api/v1/complaints/{complaint_id}/close",  # complaints
    }


def test_no_body_field_is_named_like_a_dependency(built):
    """Litestar reports a bad top-level body field under the field's bare name; when a dependency has that
    name, it takes the client's error for a failing dependency and answers 500."""
    for route in built.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler, _ in route.route_handler_map.values():
            body = handler.parsed_fn_signature.parameters.get("data")
            if body is None or not isinstance(body.annotation, type) or not issubclass(body.annotation, msgspec.Struct):
                continue
            fields = {field.encode_name for field in msgspec.structs.fields(body.annotation)}
            assert not fields & set(handler.resolve_dependencies()), (route.path, handler.handler_name)


def test_every_app_of_a_process_serves_the_one_finished_document():
    """The document is built and finished once per process (the routes are code, not settings)."""
    one = create_app(Settings(jwt_secret="document-" + "x" * 40))
    other = create_app(Settings(jwt_secret="another-" + "y" * 40, rate_limits={}))
    assert one.openapi_schema is other.openapi_schema
    assert "Problem" in other.openapi_schema.components.schemas
    login = other.openapi_schema.paths["/api/v1/auth/login"].post
    assert "429" in login.responses and login.security == [{}]
