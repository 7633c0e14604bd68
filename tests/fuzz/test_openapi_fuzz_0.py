"""Shard 0 of the OpenAPI fuzzer (tests/fuzz/openapi_fuzz.py)."""

import httpx
import pytest

from tests.fuzz.openapi_fuzz import DOCUMENT, shard

pytestmark = pytest.mark.fuzz  # scripts/test runs it once per database and once with Redis (README)
live, staff, anyone_else, test_every_phase_as_staff, test_fuzzing_as_anyone_else = shard(0)


def test_the_document_fuzzed_is_the_one_served(live):
    served = httpx.get(f"{live.base_url}/schema/openapi.json", timeout=10)
    assert served.status_code == 200 and served.json() == DOCUMENT
