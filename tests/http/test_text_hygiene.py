import json

import pytest

from api.http.nul_guard import JSON_NUL
from gamification.storage.tables import Module
from tests.factories import PASSWORD, make_nip
from tests.module_payloads import ADMIN_MODULES, MODULES, attempt_body, module_payload, published_module


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


def with_key_repeated(body: dict, *path) -> str:
    """``body`` as JSON text with the key at ``path`` written twice (same value) in its object."""
    *where, key = path
    target = body
    for step in where:
        target = target[step]

    def encode(value) -> str:
        if isinstance(value, dict):
            pairs = [(k, encode(v)) for k, v in value.items()]
            if value is target:
                pairs.insert(0, (key, encode(value[key])))
            return "{" + ", ".join(f"{json.dumps(k)}: {v}" for k, v in pairs) + "}"
        if isinstance(value, list):
            return "[" + ", ".join(encode(v) for v in value) + "]"
        return json.dumps(value)

    return encode(body)


async def login_request(client, world, as_):
    return "/api/v1/auth/login", {}, {"login": "asn@pontianak.test", "password": PASSWORD}


async def attempt_request(client, world, as_):
    module = await published_module(client, as_(world.pontianak.admin))
    return f"{MODULES}/{module['id']}/attempts", as_(world.pontianak.asn), attempt_body(module)


async def sync_request(client, world, as_):
    module = await published_module(client, as_(world.pontianak.admin))
    return "/api/v1/sync", as_(world.pontianak.asn), {"attempts": [{"module_id": module["id"]} | attempt_body(module)]}


async def user_create_request(client, world, as_):
    body = {"name": "Dewi Lestari", "nip": make_nip(), "unit_id": world.pontianak.head_unit, "roles": ["asn"]}
    return "/api/v1/admin/users", as_(world.pontianak.admin), body


async def module_create_request(client, world, as_):
    return ADMIN_MODULES, as_(world.pontianak.admin), module_payload()


async def initiative_create_request(client, world, as_):
    body = {
        "title": "Antrean Daring Disdukcapil",
        "problem": "Warga mengantre berjam-jam untuk mencetak KTP-el.",
        "solution": "Pendaftaran antrean lewat WhatsApp dengan pengingat.",
        "category": "citizen_channel",
        "unit_id": world.pontianak.head_unit,
    }
    return "/api/v1/initiatives", as_(world.pontianak.asn), body


def first_answer(body: dict) -> tuple:
    return ("answers", next(iter(body["answers"])))


@pytest.mark.parametrize(
    ("make_request", "where"),
    [
        (login_request, lambda body: ("login",)),
        (attempt_request, lambda body: ("client_id",)),
        (attempt_request, first_answer),  # the answers map: one question answered twice
        (sync_request, lambda body: ("attempts",)),
        (sync_request, lambda body: ("attempts", 0, "client_id")),
        (sync_request, lambda body: ("attempts", 0, *first_answer(body["attempts"][0]))),
        (user_create_request, lambda body: ("unit_id",)),
        (module_create_request, lambda body: ("title",)),
        (module_create_request, lambda body: ("questions", 1, "options", 0, "correct")),
        (initiative_create_request, lambda body: ("category",)),
    ],
    ids=[
        "login",
        "attempt",
        "attempt-answers",
        "sync",
        "sync-item",
        "sync-item-answers",
        "user-create",
        "module-create",
        "module-create-option",
        "initiative-create",
    ],
)
async def test_a_json_body_with_a_repeated_key_at_any_depth_is_refused(client, world, as_, make_request, where):
    path, headers, body = await make_request(client, world, as_)
    raw = with_key_repeated(body, *where(body))
    for content_type in ("application/json", "text/plain"):  # Litestar reads JSON whatever the header says
        refused = await client.post(path, content=raw, headers=headers | {"content-type": content_type})
        assert (refused.status_code, refused.json()["code"]) == (400, "json_key_repeated"), refused.text
    accepted = await client.post(path, content=json.dumps(body), headers=headers | {"content-type": "application/json"})
    assert accepted.status_code in (200, 201), accepted.text  # the same body without the repeat is fine


async def test_a_repeated_login_key_does_not_sign_in_as_the_last_one(client, world):
    raw = f'{{"login": "nobody@pontianak.test", "login": "admin@pontianak.test", "password": "{PASSWORD}"}}'
    response = await client.post("/api/v1/auth/login", content=raw, headers={"content-type": "application/json"})
    assert (response.status_code, response.json()["code"]) == (400, "json_key_repeated")
    assert "access_token" not in response.text


async def test_a_body_sent_as_text_plain_is_held_to_the_same_checks(client, world, as_):
    admin = as_(world.pontianak.admin) | {"content-type": "text/plain"}
    nul = await client.post(ADMIN_MODULES, content=json.dumps(module_payload(title="Judul\u0000")), headers=admin)
    assert (nul.status_code, nul.json()["code"]) == (400, "nul_character")
    typed = await client.post(ADMIN_MODULES, content=json.dumps(module_payload(xp="30")), headers=admin)
    assert (typed.status_code, typed.json()["code"]) == (400, "validation_failed")
    assert await Module.count() == 0


ZERO_WIDTH_ONLY = "\u200b\u200c\u200d\u2060"
RIGHT_TO_LEFT_OVERRIDE = "Admin \u202eanaitnoP"  # shows as "Admin Pontianak"
ISOLATE = "Rina \u2066Siregar\u2069"


def with_name(where: tuple, text: str):
    """Set the shown text at ``where`` (keys and indexes) in a fresh body."""

    def change(body: dict) -> dict:
        target = body
        for step in where[:-1]:
            target = target[step]
        target[where[-1]] = text
        return body

    return change


def shown_text_cases(world) -> list[tuple[str, str, dict, tuple]]:
    """(method, path, good body, where the name or title is) for every kind of thing with a shown name."""
    p = world.pontianak
    return [
        ("POST", "/api/v1/admin/users", person(p.head_unit), ("name",)),
        ("PATCH", f"/api/v1/admin/users/{p.asn}", {"name": "Dewi"}, ("name",)),
        ("POST", "/api/v1/admin/rewards", {"name": "Piagam", "kind": "certificate", "cost": 100}, ("name",)),
        ("POST", ADMIN_MODULES, module_payload(), ("title",)),
        ("POST", ADMIN_MODULES, module_payload(), ("questions", 0, "text")),
        ("POST", ADMIN_MODULES, module_payload(), ("questions", 1, "options", 2, "text")),
        ("POST", ADMIN_MODULES, module_payload(), ("lessons", 0, "body")),
        ("POST", "/api/v1/initiatives", initiative(p.head_unit), ("title",)),
        ("POST", "/api/v1/admin/agencies", {"region_id": p.region_id, "name": "DPMPTSP"}, ("name",)),
        ("POST", "/api/v1/admin/units", {"agency_id": p.agency_id, "name": "Tim Data"}, ("name",)),
        ("PATCH", f"/api/v1/admin/regions/{p.region_id}", {"name": "Kota Pontianak"}, ("name",)),
        ("POST", "/api/v1/admin/displays", {"name": "TV Lobi", "scope": "agency", "scope_id": p.agency_id}, ("name",)),
        ("POST", "/api/v1/admin/badges", badge(), ("name",)),
        ("POST", "/api/v1/admin/holidays", {"day": "2031-01-02", "name": "Cuti Bersama"}, ("name",)),
        ("PUT", "/api/v1/admin/levels", levels(), ("levels", 1, "name")),
    ]


def person(unit_id: int) -> dict:
    return {"name": "Dewi", "nip": make_nip(), "unit_id": unit_id, "roles": ["asn"]}


def initiative(unit_id: int) -> dict:
    return {
        "title": "Antrean Daring Disdukcapil",
        "problem": "Warga mengantre berjam-jam untuk mencetak KTP-el.",
        "solution": "Pendaftaran antrean lewat WhatsApp dengan pengingat.",
        "category": "citizen_channel",
        "unit_id": unit_id,
    }


def levels() -> dict:
    return {"levels": [{"min_xp": 0, "name": "Tunas"}, {"min_xp": 100, "name": "Bintang Khatulistiwa"}]}


def badge() -> dict:
    return {"code": "pontianak-cerdas", "name": "Pontianak Cerdas", "criteria": {"kind": "completions", "count": 2}}


SHOWN_TEXT_KINDS = [
    "person-create",
    "person-patch",
    "reward",
    "module-title",
    "module-question",
    "module-option",
    "module-lesson",
    "initiative",
    "agency",
    "unit",
    "region",
    "display",
    "badge",
    "holiday",
    "level",
]


@pytest.mark.parametrize("kind", SHOWN_TEXT_KINDS)
async def test_names_and_titles_must_show_something_and_hold_no_bidi_control(client, world, as_, kind):
    method, path, body, where = shown_text_cases(world)[SHOWN_TEXT_KINDS.index(kind)]
    who = as_({"initiative": world.pontianak.asn, "region": world.superadmin}.get(kind, world.pontianak.admin))
    for text, code in [
        (ZERO_WIDTH_ONLY, "text_invisible"),
        (f" {ZERO_WIDTH_ONLY} \u3000", "text_invisible"),
        (RIGHT_TO_LEFT_OVERRIDE, "text_bidi_control"),
        (ISOLATE, "text_bidi_control"),
        ("Kota\u200ePontianak", "text_bidi_control"),
    ]:
        changed = with_name(where, text)(json.loads(json.dumps(body)))
        refused = await client.request(method, path, json=changed, headers=who)
        assert (refused.status_code, refused.json()["code"]) == (422, code), (text, refused.text)
    accepted = await client.request(method, path, json=body, headers=who)
    assert accepted.status_code in (200, 201), accepted.text
