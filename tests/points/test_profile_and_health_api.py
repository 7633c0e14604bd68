async def test_me_shows_roles_unit_agency_and_region(client, world, as_):
    response = await client.get("/api/v1/me", headers=as_(world.palu.manager))
    assert response.status_code == 200
    me = response.json()
    assert me["id"] == world.palu.manager
    assert me["roles"] == ["asn", "manager"]
    assert me["unit"] == {"id": world.palu.head_unit, "name": "Bidang E-Government"}
    assert me["agency"] == {"id": world.palu.agency_id, "name": "Dinas Kominfo"}
    assert me["region"]["timezone"] == "Asia/Makassar" and me["region"]["slug"] == "palu"


async def test_health_ready_and_schema_answer_without_login(client, app):
    assert (await client.get("/health")).json() == {"status": "ok"}
    ready = (await client.get("/ready")).json()
    assert ready["checks"]["database"] == "ok"
    assert ready["checks"]["redis"] == ("ok" if app.state.redis else "not configured")
    schema = (await client.get("/schema/openapi.json")).json()
    assert "/api/v1/auth/login" in schema["paths"] and "/api/v1/admin/users/import" in schema["paths"]
    assert (await client.get("/schema")).status_code == 200


async def test_unknown_routes_and_methods_are_problems(client, world, as_):
    missing = await client.get("/api/v1/nothing-here", headers=as_(world.pontianak.asn))
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    wrong_method = await client.delete("/api/v1/me", headers=as_(world.pontianak.asn))
    assert (wrong_method.status_code, wrong_method.json()["code"]) == (405, "method_not_allowed")
