from tests.module_payloads import MODULES, attempt_body, published_module
from tests.statements import counted

BOARDS = "/api/v1/leaderboards"


async def test_print_counts(client, world, as_, monkeypatch):
    module = await published_module(client, as_(world.pontianak.admin), jp=0.75, xp=40)
    learner = as_(world.pontianak.asn)
    await client.get("/api/v1/me", headers=learner)
    for label, call in [
        ("me", lambda: client.get("/api/v1/me", headers=learner)),
        ("board", lambda: client.get(f"{BOARDS}?scope=region&period=week", headers=learner)),
        ("pass", lambda: client.post(f"{MODULES}/{module['id']}/attempts", json=attempt_body(module), headers=learner)),
        ("fail", lambda: client.post(f"{MODULES}/{module['id']}/attempts", json=attempt_body(module, right=0), headers=learner)),
    ]:
        with counted(monkeypatch) as statements:
            answer = await call()
        print(label, answer.status_code, statements.count)
        print(statements)
    assert False
