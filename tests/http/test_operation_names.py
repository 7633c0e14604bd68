"""Every operation is named for the generated clients: a stable camelCase verb, a summary, a description."""

import re

import pytest

from api.app import create_app
from api.http.guards import requires_sign_in
from api.http.messages import MESSAGES
from api.http.operations import ANYONE, OPERATIONS
from gamification.storage.settings import Settings

# The verbs an operationId may start with; a new one is a decision (docs/architecture.md, "API names").
VERBS = {
    "add", "admit", "anonymise", "answer", "archive", "attach", "cancel", "change", "check", "close", "create", "deactivate", "decide",
    "detach", "export", "get", "give", "import", "list", "mark", "nominate", "preview", "publish", "record",
    "redeem", "refresh", "register", "remove", "replace", "report", "resubmit", "retire", "return", "review",
    "revoke", "sign", "store", "stream", "submit", "sync", "update", "verify", "withdraw",
}  # fmt: skip
NAME = re.compile(r"^[a-z][a-zA-Z0-9]+$")


@pytest.fixture(scope="module")
def document() -> dict:
    return create_app(Settings(jwt_secret="document-" + "x" * 40)).openapi_schema.to_schema()


def operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield method.upper(), path, operation


def test_every_route_has_an_entry_in_the_table(document):
    missing = [f"{method} {path}" for method, path, _ in operations(document) if (method, path) not in OPERATIONS]
    assert not missing, f"add these to api/http/operations.py OPERATIONS: {missing}"


def test_the_table_names_no_route_that_is_gone(document):
    served = {(method, path) for method, path, _ in operations(document)}
    assert not set(OPERATIONS) - served


def test_operation_ids_are_unique_camel_case_verbs(document):
    ids = [operation["operationId"] for _, _, operation in operations(document)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for operation_id in ids:
        assert NAME.match(operation_id), operation_id
        verb = re.match(r"[a-z]+", operation_id).group()
        assert verb in VERBS, operation_id


def test_every_operation_has_a_summary_and_a_description(document):
    for method, path, operation in operations(document):
        summary = operation.get("summary", "")
        assert len(summary.split()) > 2 and not summary.endswith("."), (method, path, summary)
        assert len(operation.get("description", "")) > 20, (method, path)


def test_the_problems_named_are_codes_the_api_answers():
    for (method, path), entry in OPERATIONS.items():
        assert set(entry.problems) <= set(MESSAGES), (method, path, set(entry.problems) - set(MESSAGES))
        assert len(entry.problems) == len(set(entry.problems)), (method, path)


def test_a_public_operation_says_so_and_only_a_public_one():
    """The one part of a description the code decides for itself: whether a sign-in is needed."""
    app = create_app(Settings(jwt_secret="document-" + "x" * 40))
    for route in app.routes:
        for method, (handler, _) in getattr(route, "route_handler_map", {}).items():
            entry = OPERATIONS.get((method, route.path_format))
            if entry is None or not handler.resolve_include_in_schema():
                continue
            public = not requires_sign_in(route.path_format, handler)
            # the xAPI routes need a partner key instead of a sign-in
            says_public = ANYONE in entry.description or "partner organisation's key" in entry.description
            assert public == says_public, (method, route.path_format)


def test_the_names_are_stable():
    """operationIds are method names in the mobile team's generated clients: renaming one breaks their build."""
    assert {OPERATIONS[key].operation_id for key in PUBLISHED} == set(PUBLISHED.values())


PUBLISHED = {
    ("POST", "/api/v1/auth/login"): "signIn",
    ("POST", "/api/v1/auth/refresh"): "refreshTokens",
    ("GET", "/api/v1/me"): "getMe",
    ("GET", "/api/v1/modules"): "listModules",
    ("GET", "/api/v1/modules/{module_id}"): "getModule",
    ("POST", "/api/v1/modules/{module_id}/attempts"): "submitAttempt",
    ("POST", "/api/v1/sync"): "syncAttempts",
    ("GET", "/api/v1/leaderboards"): "getLeaderboard",
    ("POST", "/api/v1/rewards/{reward_id}/redemptions"): "redeemReward",
    ("POST", "/api/v1/redemptions/{redemption_id}/decision"): "decideRedemption",
    ("GET", "/api/v1/manager/inbox"): "listManagerInbox",
}


def test_schema_names_are_short_and_free_of_python_module_paths(document):
    """A generated client names its types after the schemas: ``ModuleCardList``, not
    ``ListResponseGamificationlearningcatalogueModuleCard``."""
    names = set(document["components"]["schemas"])
    assert not [name for name in names if "." in name or "gamification" in name.lower()]
    assert {"ModuleCardList", "PointEntryList", "PersonViewList"} <= names
    listed = document["paths"]["/api/v1/modules"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert listed == {"$ref": "#/components/schemas/ModuleCardList"}
