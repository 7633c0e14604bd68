"""The hot reads stay a handful of statements (issue 20), and still refuse a caller at once."""

import datetime as dt

import pytest

from tests.awards import award, boards_ready
from tests.statements import counted

BOARDS = "/api/v1/leaderboards"


async def test_me_is_one_statement_with_the_caller_in_it(client, world, as_, monkeypatch):
    learner = as_(world.pontianak.asn)
    with counted(monkeypatch) as statements:
        answer = await client.get("/api/v1/me", headers=learner)
    assert answer.status_code == 200 and answer.json()["id"] == world.pontianak.asn
    assert statements.count == 1, statements


@pytest.mark.parametrize("scope", ["unit", "agency", "region", "national"])
async def test_a_board_reads_the_caller_and_its_scope_in_one_statement(
    client, world, as_, monkeypatch, settings, scope
):
    await award(world.pontianak.asn, 30, dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1))
    await boards_ready()
    learner = as_(world.pontianak.asn)
    with counted(monkeypatch) as statements:
        answer = await client.get(BOARDS, params={"scope": scope, "period": "all"}, headers=learner)
    assert answer.status_code == 200, answer.text
    assert answer.json()["me"] == {"rank": 1, "xp": 30} and answer.json()["entries"][0]["is_me"]
    # with Redis: the caller and scope, then the names of the people shown; without it the top and my
    # place are two more statements (SQL boards)
    assert statements.count == (2 if settings.redis_url else 4), statements


async def test_around_me_reads_the_caller_and_its_scope_in_one_statement(client, world, as_, monkeypatch, settings):
    await boards_ready()
    with counted(monkeypatch) as statements:
        answer = await client.get(f"{BOARDS}/around-me", params={"scope": "region"}, headers=as_(world.pontianak.asn))
    assert answer.status_code == 200, answer.text
    assert statements.count <= (2 if settings.redis_url else 5), statements


@pytest.mark.parametrize("path", ["/api/v1/me", BOARDS, f"{BOARDS}/around-me"])
async def test_a_deactivation_and_a_sign_out_everywhere_bite_on_the_hot_reads_at_once(client, world, as_, path):
    p = world.pontianak
    before = as_(p.asn)
    assert (await client.get(path, headers=before)).status_code == 200
    await client.post("/api/v1/auth/logout", headers=before)  # every session of the person ends
    refused = await client.get(path, headers=before)
    assert (refused.status_code, refused.json()["code"]) == (401, "token_revoked")
    other = as_(p.asn_child)
    await client.post(f"/api/v1/admin/users/{p.asn_child}/deactivate", headers=as_(p.admin))
    refused = await client.get(path, headers=other)
    assert (refused.status_code, refused.json()["code"]) == (401, "account_unavailable")


async def test_a_board_of_a_scope_that_does_not_exist_or_is_out_of_reach(client, world, as_):
    learner = as_(world.pontianak.asn)
    missing = await client.get(BOARDS, params={"scope": "unit", "scope_id": 99999}, headers=learner)
    assert (missing.status_code, missing.json()["code"]) == (404, "board_scope_not_found")
    palu = await client.get(BOARDS, params={"scope": "unit", "scope_id": world.palu.head_unit}, headers=learner)
    assert (palu.status_code, palu.json()["code"]) == (403, "board_out_of_reach")
    admin = await client.get(BOARDS, params={"scope": "unit"}, headers=as_(world.superadmin))
    assert (admin.status_code, admin.json()["code"]) == (422, "board_scope_id_required")


async def test_an_attempt_refuses_a_revoked_token_even_for_a_replay_and_a_non_learner(client, world, as_):
    from tests.module_payloads import MODULES, attempt_body, published_module

    module = await published_module(client, as_(world.pontianak.admin))
    headers = as_(world.pontianak.asn)
    body = attempt_body(module)
    assert (await client.post(f"{MODULES}/{module['id']}/attempts", json=body, headers=headers)).status_code == 201
    await client.post("/api/v1/auth/logout", headers=headers)
    for resent in (body, body | {"answers": {"bukan-nomor": [1]}}):  # a replay, readable or not
        refused = await client.post(f"{MODULES}/{module['id']}/attempts", json=resent, headers=headers)
        assert (refused.status_code, refused.json()["code"]) == (401, "token_revoked")
    superadmin = await client.post(
        f"{MODULES}/{module['id']}/attempts", json=attempt_body(module), headers=as_(world.superadmin)
    )
    assert (superadmin.status_code, superadmin.json()["code"]) == (403, "learner_only")


async def test_board_labels_kept_under_the_label_epoch_follow_every_change_at_once(
    client, world, as_, monkeypatch, settings
):
    """The names a board shows are kept per process; a name, a hidden flag, a move or a unit's new name,
    however written (here straight to the database, as another process would), shows on the next read."""
    from gamification.storage.tables import Person, Unit

    p = world.pontianak
    await award(p.asn, 30, dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1))
    await boards_ready()
    learner = as_(p.asn)

    async def my_entry() -> dict:
        board = await client.get(BOARDS, params={"scope": "region", "period": "all"}, headers=learner)
        return next(entry for entry in board.json()["entries"] if entry["is_me"])

    first = await my_entry()
    with counted(monkeypatch) as statements:
        assert await my_entry() == first
    assert statements.count == (1 if settings.redis_url else 3), statements  # the names were kept

    await Person.update({Person.name: "Nama Baru"}).where(Person.id == p.asn)
    assert (await my_entry())["name"] == "Nama Baru"
    await Unit.update({Unit.name: "Bidang Berganti Nama"}).where(Unit.id == p.head_unit)  # the learner's unit
    assert (await my_entry())["unit"] == "Bidang Berganti Nama"
    await Person.update({Person.hide_name: True}).where(Person.id == p.asn)
    hidden = await my_entry()
    assert (hidden["name"], hidden["user_id"]) == ("ASN", None)
    await Person.update({Person.hide_name: False, Person.unit: p.child_unit}).where(Person.id == p.asn)
    moved = await my_entry()
    assert moved["name"] == "Nama Baru" and moved["unit"] != "Bidang Berganti Nama"


async def test_a_module_opened_again_is_two_statements_and_an_edit_is_seen_at_once(client, world, as_, monkeypatch):
    """A module's content is kept by its tag, a hash of all a learner sees: reading the tag is all it costs."""
    from tests.module_payloads import ADMIN_MODULES, MODULES, module_payload, published_module

    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    module = await published_module(client, admin, title="Modul Lama")
    path = f"{MODULES}/{module['id']}"
    first = await client.get(path, headers=learner)
    with counted(monkeypatch) as statements:
        again = await client.get(path, headers=learner)
    assert again.json() == first.json() and again.headers["ETag"] == first.headers["ETag"]
    assert statements.count == 2, statements  # the caller, the module's tag
    with counted(monkeypatch) as statements:
        unchanged = await client.get(path, headers=learner | {"If-None-Match": first.headers["ETag"]})
    assert (unchanged.status_code, statements.count) == (304, 2)
    edited = await client.put(f"{ADMIN_MODULES}/{module['id']}", json=module_payload(title="Modul Baru"), headers=admin)
    assert edited.status_code == 200, edited.text
    changed = await client.get(path, headers=learner | {"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and changed.json()["title"] == "Modul Baru"
    assert changed.headers["ETag"] != first.headers["ETag"]
