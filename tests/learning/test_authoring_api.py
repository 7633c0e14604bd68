import pytest

from gamification.storage.tables import Module, ModuleQuestion
from tests.factories import add_person
from tests.module_payloads import ADMIN_MODULES, MODULES, create_module, module_payload, published_module


async def test_an_admin_drafts_and_publishes_and_learners_never_see_the_answers(client, world, as_):
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    draft = await create_module(client, admin)
    assert draft["status"] == "draft" and draft["version"] == 1 and draft["region_id"] == world.pontianak.region_id
    assert draft["provider"] == "BKPSDM Kota Pontianak" and draft["jp"] == 0.25
    assert [o["correct"] for o in draft["questions"][1]["options"]] == [True, True, False]
    assert (await client.get(f"{MODULES}/{draft['id']}", headers=learner)).json()["code"] == "module_not_found"

    published = await client.post(f"{ADMIN_MODULES}/{draft['id']}/publish", headers=admin)
    assert published.json()["status"] == "published"
    seen = await client.get(f"{MODULES}/{draft['id']}", headers=learner)
    assert seen.status_code == 200
    assert "correct" not in seen.text
    assert [len(q["options"]) for q in seen.json()["questions"]] == [3, 3, 2]
    assert seen.json()["lessons"][1] == {
        "position": 1,
        "kind": "video",
        "body": "https://example.org/tangkas/phishing.mp4",
    }


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"title": "   "}, "module_title_required"),
        ({"competency_type": "spiritual"}, "module_competency_type_unknown"),
        ({"value": "sabar"}, "module_value_unknown"),
        ({"topics": []}, "module_topics_required"),
        ({"topics": ["Keamanan Siber"]}, "module_topic_format"),
        ({"estimated_minutes": 0}, "module_minutes_range"),
        ({"min_seconds": 301}, "module_min_seconds_range"),
        ({"jp": 0.333}, "module_jp_precision"),
        ({"jp": 41}, "module_jp_range"),
        ({"pass_mark": 0}, "module_pass_mark_range"),
        ({"lessons": []}, "module_lessons_required"),
        ({"lessons": [{"kind": "audio", "body": "x"}]}, "module_lesson_kind_unknown"),
        ({"lessons": [{"kind": "image", "body": "javascript:alert(1)"}]}, "module_lesson_link"),
        ({"questions": []}, "module_questions_required"),
        (
            {"questions": [{"text": "Satu?", "kind": "single", "options": [{"text": "a", "correct": True}]}]},
            "module_question_options",
        ),
        (
            {
                "questions": [
                    {
                        "text": "Dua benar?",
                        "kind": "single",
                        "options": [{"text": "a", "correct": True}, {"text": "b", "correct": True}],
                    }
                ]
            },
            "module_single_needs_one_correct",
        ),
        (
            {
                "questions": [
                    {"text": "Tak ada?", "kind": "multiple", "options": [{"text": "a"}, {"text": "b"}]},
                ]
            },
            "module_multiple_needs_correct",
        ),
    ],
)
async def test_bad_modules_are_refused_with_their_own_code(client, world, as_, overrides, code):
    response = await client.post(ADMIN_MODULES, json=module_payload(**overrides), headers=as_(world.pontianak.admin))
    assert (response.status_code, response.json()["code"]) == (422, code)
    assert await Module.count() == 0


async def test_unknown_fields_and_wrong_types_are_a_validation_problem(client, world, as_):
    admin = as_(world.pontianak.admin)
    for body in (module_payload(answers_public=True), module_payload(xp="banyak"), {"title": "x"}):
        response = await client.post(ADMIN_MODULES, json=body, headers=admin)
        assert (response.status_code, response.json()["code"]) == (400, "validation_failed")


async def test_editing_a_draft_keeps_its_version_and_editing_a_published_module_makes_a_new_one(client, world, as_):
    admin = as_(world.pontianak.admin)
    draft = await create_module(client, admin)
    edited = await client.put(
        f"{ADMIN_MODULES}/{draft['id']}", json=module_payload(title="Phishing 101"), headers=admin
    )
    assert (edited.json()["version"], edited.json()["title"]) == (1, "Phishing 101")
    assert await ModuleQuestion.count() == 3  # the draft's questions were replaced, not added

    await client.post(f"{ADMIN_MODULES}/{draft['id']}/publish", headers=admin)
    changed = await client.put(f"{ADMIN_MODULES}/{draft['id']}", json=module_payload(xp=50), headers=admin)
    assert (changed.json()["version"], changed.json()["xp"], changed.json()["status"]) == (2, 50, "published")
    assert await ModuleQuestion.count() == 6  # version 1 stays for the attempts made on it
    learner_view = await client.get(f"{MODULES}/{draft['id']}", headers=as_(world.pontianak.asn))
    assert learner_view.json()["version"] == 2


async def test_archiving_takes_a_module_out_of_the_catalogue_and_it_cannot_be_edited(client, world, as_):
    admin = as_(world.pontianak.admin)
    module = await published_module(client, admin)
    archived = await client.post(f"{ADMIN_MODULES}/{module['id']}/archive", headers=admin)
    assert archived.json()["status"] == "archived"
    listing = await client.get(MODULES, headers=as_(world.pontianak.asn))
    assert listing.json()["items"] == []
    edit = await client.put(f"{ADMIN_MODULES}/{module['id']}", json=module_payload(), headers=admin)
    assert (edit.status_code, edit.json()["code"]) == (409, "module_archived")
    again = await client.post(f"{ADMIN_MODULES}/{module['id']}/publish", headers=admin)
    assert again.json()["status"] == "published" and again.json()["archived_at"] is None


async def test_admins_of_another_region_and_learners_cannot_author(client, world, as_):
    module = await create_module(client, as_(world.pontianak.admin))
    palu_admin = as_(world.palu.admin)
    for method, path in [
        ("GET", f"{ADMIN_MODULES}/{module['id']}"),
        ("PUT", f"{ADMIN_MODULES}/{module['id']}"),
        ("POST", f"{ADMIN_MODULES}/{module['id']}/publish"),
        ("POST", f"{ADMIN_MODULES}/{module['id']}/archive"),
    ]:
        response = await client.request(method, path, json=module_payload(), headers=palu_admin)
        assert (response.status_code, response.json()["code"]) == (404, "module_not_found"), path
    other_region = module_payload(region_id=world.pontianak.region_id)
    response = await client.post(ADMIN_MODULES, json=other_region, headers=palu_admin)
    assert (response.status_code, response.json()["code"]) == (403, "outside_region")
    palu_list = await client.get(ADMIN_MODULES, headers=palu_admin)
    assert palu_list.json()["items"] == []
    for person in (world.pontianak.asn, world.pontianak.manager):
        response = await client.post(ADMIN_MODULES, json=module_payload(), headers=as_(person))
        assert (response.status_code, response.json()["code"]) == (403, "author_required")
    assert (await client.get(ADMIN_MODULES)).status_code == 401


async def test_a_partner_authors_for_an_admitting_region_and_its_admin_publishes(client, world, as_):
    partner_id = await add_person("Universitas Tanjungpura", None, None, "partner", email="lpm@untan.test")
    partner, admin = as_(partner_id), as_(world.pontianak.admin)
    for_pontianak = module_payload(region_id=world.pontianak.region_id)
    refused = await client.post(ADMIN_MODULES, json=for_pontianak, headers=partner)
    assert (refused.status_code, refused.json()["code"]) == (403, "partner_not_admitted")
    no_region = await client.post(ADMIN_MODULES, json=module_payload(), headers=partner)
    assert (no_region.status_code, no_region.json()["code"]) == (422, "module_region_required")

    admission_path = f"/api/v1/admin/regions/{world.pontianak.region_id}/partners/{partner_id}"
    by_palu = await client.put(admission_path, headers=as_(world.palu.admin))
    assert (by_palu.status_code, by_palu.json()["code"]) == (403, "outside_region")
    assert (await client.put(admission_path, headers=admin)).status_code == 200
    assert (await client.put(admission_path, headers=admin)).status_code == 200  # idempotent
    not_a_partner = f"/api/v1/admin/regions/{world.pontianak.region_id}/partners/{world.pontianak.asn}"
    assert (await client.put(not_a_partner, headers=admin)).json()["code"] == "partner_not_found"

    module = await create_module(client, partner, region_id=world.pontianak.region_id)
    assert (module["provider"], module["partner_id"]) == ("Universitas Tanjungpura", partner_id)
    assert (await client.put(f"{ADMIN_MODULES}/{module['id']}", json=for_pontianak, headers=partner)).status_code == 200
    publish = await client.post(f"{ADMIN_MODULES}/{module['id']}/publish", headers=partner)
    assert (publish.status_code, publish.json()["code"]) == (403, "module_publish_forbidden")
    assert (await client.post(f"{ADMIN_MODULES}/{module['id']}/publish", headers=admin)).status_code == 200
    late_edit = await client.put(f"{ADMIN_MODULES}/{module['id']}", json=for_pontianak, headers=partner)
    assert (late_edit.status_code, late_edit.json()["code"]) == (403, "module_published_admin_edits")
    partner_list = await client.get(ADMIN_MODULES, headers=partner)
    assert [item["id"] for item in partner_list.json()["items"]] == [module["id"]]

    assert (await client.delete(admission_path, headers=admin)).status_code == 204
    revoked = await client.post(ADMIN_MODULES, json=for_pontianak, headers=partner)
    assert revoked.json()["code"] == "partner_not_admitted"


async def test_a_national_module_is_seen_in_every_region_and_only_a_superadmin_publishes_it(client, world, as_):
    national = await create_module(client, as_(world.superadmin))
    assert (national["region_id"], national["provider"]) == (None, "Tangkas Nasional")
    refused = await client.post(f"{ADMIN_MODULES}/{national['id']}/publish", headers=as_(world.pontianak.admin))
    assert refused.json()["code"] == "module_not_found"
    await client.post(f"{ADMIN_MODULES}/{national['id']}/publish", headers=as_(world.superadmin))
    for learner in (world.pontianak.asn, world.palu.asn_child):
        listing = await client.get(MODULES, headers=as_(learner))
        assert [item["id"] for item in listing.json()["items"]] == [national["id"]]
