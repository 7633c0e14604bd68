"""Schemathesis against the OpenAPI document the app serves, as every kind of caller.

A real server (uvicorn) over a seeded world answers every operation of the document, as a region admin,
a superadmin, a manager, an ASN and nobody. Every response must be: no 5xx; a documented status; the
documented content type; a body that conforms to its schema. Schemathesis's other default checks run
too (schema-violating input rejected, auth enforced where declared, 405 with ``Allow`` for methods the
document does not list), except the one explained in ``CHECKS``.

Left out: ``GET /api/v1/displays/{token}/stream`` (server-sent events: the answer never ends), and the
display page and ``/schema`` pages, which are not in the document (HTML for people, not the API).

Deterministic: generation is derandomized and each role starts from a freshly seeded world.

Sharded: the operations are split by a hash of method and path over ``SHARDS`` test modules
(test_openapi_fuzz_<n>.py), each with a server of its own, so that the workers of a run share the
fuzzing instead of one of them doing all of it while the others wait at the end. The coverage
phase (boundaries, missing and wrong-typed fields, unlisted methods) runs as the admin and the superadmin,
who get past the guards to the validation; the fuzzing phase runs as everyone.
"""

from __future__ import annotations

import os
import zlib

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from api.app import create_app
from gamification.storage.settings import Settings
from tests.conftest import TEST_SECRET
from tests.factories import bearer
from tests.fuzz.live import LiveServer
from tests.fuzz.seed import seed
from tests.selection import fuzzed_as

CHECKS = {
    # Schema-valid input is not always valid here: a page cursor is opaque, and rules JSON Schema cannot
    # state (a NIP's dates, a module's questions, a state machine, a unit of another agency) answer a 4xx
    # problem with their own code by design. Everything the schema can state is checked the other way
    # round, by negative_data_rejection.
    "positive_data_acceptance": {"enabled": False},
    # Schema-violating input is refused with a 4xx problem; a body over the size limit is refused before it is
    # read (413, declared on every route with a body): a string over a field's maxLength in multi-byte
    # characters can be both.
    "negative_data_rejection": {
        "expected-statuses": ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]
    },
}
GENERATION = {"mode": "all", "deterministic": True, "database": "none"}
ALL_PHASES = SchemathesisConfig.from_dict({"generation": GENERATION, "checks": CHECKS})
FUZZ_ONLY = SchemathesisConfig.from_dict(
    {
        "generation": GENERATION,
        "checks": CHECKS,
        "phases": {"examples": {"enabled": False}, "coverage": {"enabled": False}},
    }
)
# Bounded for CI; TANGKAS_FUZZ_EXAMPLES=200 digs deeper on a laptop. The callers without staff rights meet the
# guards first (a 401 or a 403 for most operations): half as many random cases find what they can reach.
DRAWN = int(os.environ.get("TANGKAS_FUZZ_EXAMPLES", "10"))
EXAMPLES = settings(max_examples=DRAWN, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
GUARDED_EXAMPLES = settings(EXAMPLES, max_examples=max(1, DRAWN // 2))
STREAM = "/api/v1/displays/{token}/stream"
SHARDS = 4

# The document does not depend on the settings; test_the_document_fuzzed_is_the_one_served holds them together.
DOCUMENT = create_app(Settings(jwt_secret=TEST_SECRET)).openapi_schema.to_schema()
all_phases = schemathesis.openapi.from_dict(DOCUMENT, config=ALL_PHASES).exclude(path=STREAM)
fuzz_only = schemathesis.openapi.from_dict(DOCUMENT, config=FUZZ_ONLY).exclude(path=STREAM)


def sent_as_drawn(context, query) -> bool:
    """An undocumented query parameter drawn as null or as an empty list is never sent (requests drops it):
    the request that reaches the server is valid and only the case looks negative, so such draws are skipped."""
    documented = {parameter.name for parameter in context.operation.query}
    return not any(value is None or value == [] for name, value in (query or {}).items() if name not in documented)


for schema in (all_phases, fuzz_only):
    schema.hook("filter_query")(sent_as_drawn)


def in_shard(number: int):
    def matches(context) -> bool:
        operation = context.operation
        return zlib.crc32(f"{operation.method.upper()} {operation.path}".encode()) % SHARDS == number

    return matches


def live_server(database_url, redis_url, tmp_path_factory):
    # Request budgets off, as for the functional tests: the seed and the fuzzer replay far faster than a phone,
    # and a 429 here would depend on timing (budgets: tests/limits/test_request_budgets_api.py).
    server_settings = Settings(
        database_url=database_url,
        redis_url=redis_url,
        jwt_secret=TEST_SECRET,
        rate_limits={},
        evidence_dir=str(tmp_path_factory.mktemp("evidence")),
    )
    server = LiveServer(create_app(server_settings))
    server.start()
    yield server
    server.stop()


def acting_as(live: LiveServer, role: str) -> dict[str, str]:
    """A freshly seeded world, and the headers of the person in ``role`` (none for anonymous)."""
    people = live.run(seed(live.app, live.app.state.settings))
    person = people[role]
    return {} if person is None else bearer(live.app.state.settings, person)


def shard(number: int) -> dict:
    """The fixtures and tests of one shard, to be named in its module (where pytest finds them)."""
    mine = in_shard(number)

    @pytest.fixture(scope="module")
    def live(database_url, redis_url, tmp_path_factory):
        yield from live_server(database_url, redis_url, tmp_path_factory)

    @pytest.fixture(scope="module", params=fuzzed_as(("admin", "superadmin")))
    def staff(request, live) -> dict[str, str]:
        return acting_as(live, request.param)

    @pytest.fixture(scope="module", params=fuzzed_as(("anonymous", "asn", "manager")))
    def anyone_else(request, live) -> dict[str, str]:
        return acting_as(live, request.param)

    @all_phases.include(mine).parametrize()
    @EXAMPLES
    def test_every_phase_as_staff(case, live, staff):
        case.call_and_validate(base_url=live.base_url, headers=staff)

    @fuzz_only.include(mine).parametrize()
    @GUARDED_EXAMPLES
    def test_fuzzing_as_anyone_else(case, live, anyone_else):
        case.call_and_validate(base_url=live.base_url, headers=anyone_else)

    return live, staff, anyone_else, test_every_phase_as_staff, test_fuzzing_as_anyone_else
