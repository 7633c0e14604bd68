"""Partial edits of an initiative, its history with names, the units that replicated it, and the showcase
narrowed to a region by its slug (issue 19)."""

from __future__ import annotations

import asyncio

import pytest

from gamification.storage.tables import Initiative, InitiativeMember, Person
from tests.factories import add_person
from tests.innovation.test_initiatives_api import INITIATIVES, draft, make_verified, post


def problem(answer) -> tuple[int, str | None]:
    return answer.status_code, answer.json().get("code")


async def a_draft(client, as_, p, team=None) -> dict:
    made = await post(client, INITIATIVES, as_(p.asn), **draft(p.head_unit, [] if team is None else team))
    assert made.status_code == 201, made.text
    return made.json()


async def test_a_patch_changes_only_the_fields_sent(client, world, as_):
    p = world.pontianak
    made = await a_draft(client, as_, p)
    path = f"{INITIATIVES}/{made['id']}"
    edited = await client.patch(path, json={"title": "  Antrean   Daring v2 "}, headers=as_(p.asn))
    assert edited.status_code == 200, edited.text
    after = edited.json()
    assert after["title"] == "Antrean Daring v2"  # normalised as when created
    for field in ("problem", "solution", "category", "team", "unit_id"):
        assert after[field] == made[field], field
    category = await client.patch(path, json={"category": "automation"}, headers=as_(p.asn))
    assert (category.json()["category"], category.json()["title"]) == ("automation", "Antrean Daring v2")
    nothing = await client.patch(path, json={}, headers=as_(p.asn))
    assert nothing.status_code == 200 and nothing.json()["updated_at"] == category.json()["updated_at"]
    row = await Initiative.select().where(Initiative.id == made["id"]).first()
    assert (row["title"], row["category"], row["problem"]) == ("Antrean Daring v2", "automation", made["problem"])


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"title": None}, 422, "initiative_field_required"),
        ({"problem": None, "title": "Judul baru yang sah"}, 422, "initiative_field_required"),
        ({"team": None}, 422, "initiative_field_required"),
        ({"title": "ab"}, 422, "initiative_title_length"),
        ({"solution": "pendek"}, 422, "initiative_text_length"),
        ({"category": "sihir"}, 422, "initiative_category_unknown"),
        ({"team": [999999]}, 422, "initiative_team_unknown"),
        ({"status": "verified"}, 400, "validation_failed"),  # unknown fields are refused, not ignored
        ({"unit_id": 1}, 400, "validation_failed"),
        ({"title": 5}, 400, "validation_failed"),
    ],
)
async def test_a_bad_patch_changes_nothing(client, world, as_, body, status, code):
    p = world.pontianak
    made = await a_draft(client, as_, p)
    answer = await client.patch(f"{INITIATIVES}/{made['id']}", json=body, headers=as_(p.asn))
    assert problem(answer) == (status, code), answer.text
    row = await Initiative.select().where(Initiative.id == made["id"]).first()
    assert (row["title"], row["problem"], row["status"]) == (made["title"], made["problem"], "draft")


async def test_the_team_is_replaced_by_a_patch_and_the_caller_stays_on_it(client, world, as_):
    p, palu = world.pontianak, world.palu
    made = await a_draft(client, as_, p, team=[p.asn_child])
    path = f"{INITIATIVES}/{made['id']}"
    colleague = await add_person("Rekan Kerja", p.other_unit, p.region_id)
    swapped = await client.patch(path, json={"team": [colleague]}, headers=as_(p.asn))
    assert swapped.status_code == 200, swapped.text
    members = await InitiativeMember.select(InitiativeMember.person).where(InitiativeMember.initiative == made["id"])
    assert sorted(m["person"] for m in members) == sorted([p.asn, colleague])
    assert (await client.get(path, headers=as_(p.asn_child))).status_code == 404  # off the team: no longer theirs
    colleague_edit = await client.patch(path, json={"title": "Antrean daring bersama"}, headers=as_(colleague))
    assert colleague_edit.status_code == 200
    outsider = await client.patch(path, json={"team": [palu.asn]}, headers=as_(p.asn))
    assert problem(outsider) == (422, "initiative_team_unknown")


async def test_patch_only_by_the_team_and_only_while_editable(client, world, as_):
    p, palu = world.pontianak, world.palu
    made = await a_draft(client, as_, p)
    path = f"{INITIATIVES}/{made['id']}"
    body = {"title": "Diubah orang lain"}
    for who, expected in [
        (p.manager, (403, "initiative_team_only")),  # a decider over the unit sees it, does not edit it
        (p.admin, (403, "initiative_team_only")),
        (p.asn_child, (404, "initiative_not_found")),  # another unit's ASN
        (palu.admin, (404, "initiative_not_found")),  # another region's admin
    ]:
        assert problem(await client.patch(path, json=body, headers=as_(who))) == expected, who
    await post(client, f"{path}/submit", as_(p.asn))
    submitted = await client.patch(path, json=body, headers=as_(p.asn))
    assert problem(submitted) == (409, "initiative_wrong_state")
    await post(client, f"{path}/review", as_(p.manager), decision="revise", comment="Lengkapi")
    revised = await client.patch(path, json={"problem": "Antrean panjang setiap pagi di loket."}, headers=as_(p.asn))
    assert revised.status_code == 200 and revised.json()["title"] == made["title"]


async def test_an_edit_racing_a_submit_never_changes_a_submitted_initiative(client, world, as_):
    p = world.pontianak
    made = await a_draft(client, as_, p)
    path = f"{INITIATIVES}/{made['id']}"
    edit, submit = await asyncio.gather(
        client.patch(path, json={"title": "Judul saat balapan"}, headers=as_(p.asn)),
        post(client, f"{path}/submit", as_(p.asn)),
    )
    assert submit.status_code == 200 and edit.status_code in (200, 409)
    row = await Initiative.select().where(Initiative.id == made["id"]).first()
    assert row["status"] == "submitted"
    if edit.status_code == 409:
        assert row["title"] == made["title"]


async def test_the_history_names_who_moved_it_and_hides_hidden_or_anonymised_people(client, world, as_):
    p = world.pontianak
    verified = await make_verified(client, world, as_)
    names = [(e["to_status"], e["actor_name"], e["actor_id"]) for e in verified["events"]]
    assert names == [
        ("draft", "ASN Seksi Kota Pontianak", p.asn_child),
        ("submitted", "ASN Seksi Kota Pontianak", p.asn_child),
        ("approved", "Manajer Kota Pontianak", p.manager),
        ("implemented", "ASN Kota Pontianak", p.asn),
        ("verified", "Manajer Kota Pontianak", p.manager),
    ]
    await Person.update({Person.hide_name: True}).where(Person.id == p.manager)
    deactivated = await client.post(f"/api/v1/admin/users/{p.asn_child}/deactivate", headers=as_(p.admin))
    assert deactivated.status_code == 200, deactivated.text
    erased = await client.post(f"/api/v1/admin/users/{p.asn_child}/anonymise", headers=as_(p.admin))
    assert erased.status_code == 200, erased.text
    shown = (await client.get(f"{INITIATIVES}/{verified['id']}", headers=as_(world.palu.asn))).json()
    names = [(e["actor_name"], e["actor_id"]) for e in shown["events"]]
    assert names == [("ASN", None), ("ASN", None), ("ASN", None), ("ASN Kota Pontianak", p.asn), ("ASN", None)]
    assert "Anonim" not in str(shown) and "Manajer Kota Pontianak" not in str(shown)


async def test_the_detail_lists_the_units_that_replicated_it(client, world, as_):
    p, palu = world.pontianak, world.palu
    verified = await make_verified(client, world, as_)
    assert verified["replicated_by"] == []
    await add_person("Petugas Loket", p.other_unit, p.region_id)  # a unit with staff replicates
    path = f"{INITIATIVES}/{verified['id']}/replications"
    assert (await post(client, path, as_(p.admin), unit_id=p.other_unit)).status_code == 201
    assert (await post(client, path, as_(palu.admin), unit_id=palu.child_unit)).status_code == 201
    shown = (await client.get(f"{INITIATIVES}/{verified['id']}", headers=as_(palu.asn))).json()
    replicated = [
        (r["unit_id"], r["unit_name"], r["agency_name"], r["region_name"], r["region_slug"])
        for r in shown["replicated_by"]
    ]
    assert replicated == [
        (p.other_unit, "Bidang Pelayanan", "Disdukcapil", "Kota Pontianak", "pontianak"),
        (palu.child_unit, "Seksi Aplikasi", "Dinas Kominfo", "Kota Palu", "palu"),
    ]
    assert shown["replications"] == 2 and all(r["at"] for r in shown["replicated_by"])


async def test_the_showcase_narrows_to_a_region_by_its_slug(client, world, as_):
    p, palu = world.pontianak, world.palu
    pontianak_one = await make_verified(client, world, as_)
    palu_one = await make_verified(client, world, as_, region=palu)
    hidden_draft = await a_draft(client, as_, p)

    async def showcase(**params):
        answer = await client.get(INITIATIVES, params={"status": "verified"} | params, headers=as_(palu.asn))
        return answer

    assert [i["id"] for i in (await showcase(region="pontianak")).json()["items"]] == [pontianak_one["id"]]
    assert [i["id"] for i in (await showcase(region="PALU")).json()["items"]] == [palu_one["id"]]
    by_id = await showcase(region=str(p.region_id))
    assert [i["id"] for i in by_id.json()["items"]] == [pontianak_one["id"]]  # an id still works
    both = await showcase()
    assert {i["id"] for i in both.json()["items"]} == {pontianak_one["id"], palu_one["id"]}
    for unknown in ("atlantis", "999999", "99999999999999999999", "²", "0"):
        assert problem(await showcase(region=unknown)) == (404, "region_not_found"), unknown
    assert (await showcase(region="x" * 65)).status_code == 400
    # outside the showcase, a region's slug narrows what the caller may see, never more
    mine = await client.get(INITIATIVES, params={"region": "pontianak"}, headers=as_(p.asn))
    assert hidden_draft["id"] in [i["id"] for i in mine.json()["items"]]
    theirs = await client.get(INITIATIVES, params={"region": "pontianak", "status": "draft"}, headers=as_(palu.admin))
    assert theirs.json()["items"] == []


async def test_two_team_edits_at_once_leave_one_of_the_two_teams(client, world, as_):
    p = world.pontianak
    made = await a_draft(client, as_, p)
    path = f"{INITIATIVES}/{made['id']}"
    first = await add_person("Rekan Satu", p.head_unit, p.region_id)
    second = await add_person("Rekan Dua", p.head_unit, p.region_id)
    answers = await asyncio.gather(
        *[client.patch(path, json={"team": [who]}, headers=as_(p.asn)) for who in (first, second, first, second)]
    )
    assert [a.status_code for a in answers] == [200, 200, 200, 200]
    members = await InitiativeMember.select(InitiativeMember.person).where(InitiativeMember.initiative == made["id"])
    assert sorted(m["person"] for m in members) in (sorted([p.asn, first]), sorted([p.asn, second]))
