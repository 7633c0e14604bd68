"""Shard 3 of the OpenAPI fuzzer (tests/fuzz/openapi_fuzz.py)."""

import pytest

from tests.fuzz.openapi_fuzz import shard

pytestmark = pytest.mark.fuzz  # scripts/test runs it once per database and once with Redis (README)
live, staff, anyone_else, test_every_phase_as_staff, test_fuzzing_as_anyone_else = shard(3)
