"""The served document and a real server, shared by the tests of the generated clients."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.app import create_app
from gamification.storage.settings import Settings
from gamification.storage.tables import Person
from tests.conftest import TEST_SECRET
from tests.fuzz.live import LiveServer
from tests.fuzz.seed import seed


@pytest.fixture(scope="module")
def document(tmp_path_factory) -> tuple[dict, Path]:
    served = create_app(Settings(jwt_secret=TEST_SECRET)).openapi_schema.to_schema()
    path = tmp_path_factory.mktemp("document") / "openapi.json"
    path.write_text(json.dumps(served))
    return served, path


@pytest.fixture(scope="module")
def live(database_url, redis_url, tmp_path_factory):
    settings = Settings(
        database_url=database_url,
        redis_url=redis_url,
        jwt_secret=TEST_SECRET,
        rate_limits={},
        evidence_dir=str(tmp_path_factory.mktemp("evidence")),
    )
    server = LiveServer(create_app(settings))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def asn(live) -> tuple[int, str]:
    """The seeded world's ASN on the live server: their id and NIP (they sign in with tests.factories.PASSWORD)."""
    people = live.run(seed(live.app, live.app.state.settings))
    return people["asn"], live.run(_nip_of(people["asn"]))


async def _nip_of(person_id: int) -> str:
    row = await Person.select(Person.nip).where(Person.id == person_id).first()
    return row["nip"]
