import pytest

from api.nul_guard import JSON_NUL
from gamification.tables import Module
from tests.learning import ADMIN_MODULES, MODULES, module_payload


async def test_a_nul_character_in_a_body_or_a_query_is_refused_before_the_database(client, world, as_):
    admin = as_(world.pontianak.admin)
    response = await client.post(ADMIN_MODULES, json=module_payload(title="Judul\u0000"), headers=admin)
    assert (response.status_code, response.json()["code"]) == (400, "nul_character")
    listing = await client.get(MODULES, params={"q": "a\u0000"}, headers=as_(world.pontianak.asn))
    assert (listing.status_code, listing.json()["code"]) == (400, "nul_character")
    assert await Module.count() == 0
    escaped = await client.post(ADMIN_MODULES, json=module_payload(title="C:\\u0000 bukan NUL"), headers=admin)
    assert escaped.status_code == 201


@pytest.mark.parametrize(
    ("raw", "is_nul"),
    [(rb'"\u0000"', True), (rb'"a\\\u0000"', True), (rb'"\\u0000"', False), (rb'"\\\\u0000"', False)],
)
def test_only_a_real_nul_escape_counts(raw, is_nul):
    assert bool(JSON_NUL.search(raw)) is is_nul
