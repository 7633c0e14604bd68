"""What the schemathesis run (tests/fuzz) found, each kept as a plain request with the answer it must get."""

import pytest

from tests.module_payloads import MODULES, module_payload, published_module

LEVELS = "/api/v1/admin/levels"


async def test_a_method_the_path_does_not_serve_is_a_405_that_names_the_allowed_ones(client, world, as_):
    response = await client.request("TRACE", "/api/v1/initiatives", headers=as_(world.pontianak.asn))
    assert (response.status_code, response.json()["code"]) == (405, "method_not_allowed")
    assert set(response.headers["allow"].split(", ")) == {"GET", "OPTIONS", "POST"}


async def test_options_on_a_guarded_path_answers_every_method_without_a_login(client):
    """It was a 500 (the guard looked for a caller OPTIONS never authenticates), and then named only POST."""
    response = await client.options("/api/v1/admin/regions")
    assert (response.status_code, response.headers["allow"]) == (204, "GET, OPTIONS, POST")
    item = await client.options("/api/v1/initiatives/1")
    assert (item.status_code, item.headers["allow"]) == (204, "GET, OPTIONS, PATCH")


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        # A body field named like a service the handler is given ("levels", "attempts") was taken by Litestar
        # for a failing dependency: 500 instead of the client's error.
        ("PUT", LEVELS, {"levels": [{"min_xp": n, "name": f"L{n}"} for n in range(51)]}, "levels"),
        ("PUT", LEVELS, {"levels": 5}, "levels"),
        ("POST", "/api/v1/sync", {"attempts": 5}, "attempts"),
    ],
)
async def test_a_bad_body_field_named_like_a_service_is_the_clients_error(
    client, world, as_, method, path, body, field
):
    response = await client.request(method, path, json=body, headers=as_(world.pontianak.admin))
    assert (response.status_code, response.json()["code"]) == (400, "validation_failed")
    assert [error["field"] for error in response.json()["errors"]] == [field]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/v1/admin/holidays", {"day": "2026-08-17", "name": "HUT RI"}),
        ("PUT", LEVELS, {"levels": [{"min_xp": 0, "name": "Pemula"}]}),
        ("POST", "/api/v1/admin/badges", {"code": "baru", "name": "Baru", "criteria": {"kind": "streak", "days": 7}}),
        (
            "POST",
            "/api/v1/admin/rules",
            {"code": "module_xp", "formula": "fact_xp", "params": {}, "effective_from": "2026-01-01"},
        ),
        ("POST", "/api/v1/admin/rewards", {"name": "Piagam", "kind": "virtual", "cost": 10}),
        ("POST", "/api/v1/admin/modules", module_payload()),
    ],
)
async def test_a_superadmin_naming_a_region_that_does_not_exist_gets_a_404(client, world, as_, method, path, body):
    """Holidays failed the region's foreign key on insert (500); the others would have too."""
    body = body | {"region_id": 2_147_483_647}
    response = await client.request(method, path, json=body, headers=as_(world.superadmin))
    assert (response.status_code, response.json()["code"]) == (404, "region_not_found")


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/admin/agencies", {"region_id": "1", "name": "Dinas Baru"}, "region_id"),
        ("/api/v1/admin/rewards", {"name": "Piagam", "kind": "virtual", "cost": "10"}, "cost"),
        ("/api/v1/admin/users", {"name": "Baru", "roles": ["asn"], "active": "true"}, "active"),
        (
            "/api/v1/sync",
            {
                "attempts": [
                    {"module_id": 1, "client_id": "hp-12345678", "answers": {}, "started_at": 0, "finished_at": 0}
                ]
            },
            "attempts[0].started_at",
        ),
    ],
)
async def test_body_values_of_the_wrong_json_type_are_refused(client, world, as_, path, body, field):
    """Litestar converted them leniently: a string for a number or a boolean, a number for a date-time."""
    response = await client.post(path, json=body, headers=as_(world.pontianak.admin))
    assert (response.status_code, response.json()["code"]) == (400, "validation_failed")
    assert [error["field"] for error in response.json()["errors"]] == [field]


async def test_an_unknown_query_parameter_is_refused(client, world, as_):
    """It was ignored, so a typo in a filter listed everything."""
    response = await client.get("/api/v1/initiatives", params={"stauts": "verified"}, headers=as_(world.palu.asn))
    assert (response.status_code, response.json()["code"]) == (400, "query_parameter_unknown")
    assert "stauts" in response.json()["detail"]
    nameless = await client.get("/api/v1/initiatives?=null", headers=as_(world.palu.asn))
    assert (nameless.status_code, nameless.json()["code"]) == (400, "query_parameter_unknown")


async def test_logout_takes_no_body_as_documented(client, world, as_):
    response = await client.post("/api/v1/auth/logout", headers=as_(world.pontianak.asn))
    assert response.status_code == 204


async def test_a_path_id_written_in_other_digits_is_no_id(client, world, as_):
    module = await published_module(client, as_(world.pontianak.admin))
    learner = as_(world.pontianak.asn)
    assert (await client.get(f"{MODULES}/{module['id']}", headers=learner)).status_code == 200
    digits = str(module["id"])
    arabic_indic = "".join(chr(0x0660 + int(digit)) for digit in digits)  # int() reads both as the id
    full_width = "".join(chr(0xFF10 + int(digit)) for digit in digits)
    for spelled in (arabic_indic, full_width, f"+{digits}"):
        response = await client.get(f"{MODULES}/{spelled}", headers=learner)
        assert (response.status_code, response.json()["code"]) == (404, "not_found"), spelled
