import datetime as dt

import pytest

from gamification.storage.tables import Attempt, Completion, JpCredit
from tests.module_payloads import ANSWER_KEYS_THAT_ARE_NO_QUESTION_ID, attempt_body, published_module

SYNC = "/api/v1/sync"


def offline(module: dict, **options) -> dict:
    return {"module_id": module["id"]} | attempt_body(module, **options)


async def test_a_batch_answers_each_item_and_is_safe_to_resend(client, world, as_):
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    phishing = await published_module(client, admin, jp=0.5)
    passwords = await published_module(client, admin, title="Kata Sandi Kuat", jp=0.25)
    palu = await published_module(client, as_(world.palu.admin))
    batch = [
        offline(phishing, ago=dt.timedelta(days=3)),
        offline(passwords, right=0, ago=dt.timedelta(days=2)),
        offline(passwords, ago=dt.timedelta(days=1)),
        offline(palu),
        offline(phishing, ago=dt.timedelta(days=20)),
        offline(phishing, seconds=1),
    ]
    response = await client.post(SYNC, json={"attempts": batch}, headers=learner)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["client_id"] for r in results] == [item["client_id"] for item in batch]
    assert [r["status"] for r in results] == [201, 201, 201, 404, 422, 422]
    assert [r["problem"]["code"] for r in results[3:]] == ["module_not_found", "attempt_too_old", "attempt_too_fast"]
    assert "detik" in results[5]["problem"]["detail"]  # in Indonesian by default
    assert [r["result"]["completed"] for r in results[:3]] == [True, False, True]

    resent = (await client.post(SYNC, json={"attempts": batch}, headers=learner)).json()["results"]
    assert [r["status"] for r in resent] == [200, 200, 200, 404, 422, 422]
    assert [r["result"]["attempt_id"] for r in resent[:3]] == [r["result"]["attempt_id"] for r in results[:3]]
    assert (await Attempt.count(), await Completion.count(), await JpCredit.count()) == (3, 2, 2)
    learning = (await client.get("/api/v1/me/learning", headers=learner)).json()
    assert learning["jp"]["earned"] == 0.75


async def test_an_offline_completion_counts_on_the_day_it_happened(client, world, as_):
    module = await published_module(client, as_(world.palu.admin))
    made = offline(module, ago=dt.timedelta(days=4))
    await client.post(SYNC, json={"attempts": [made]}, headers=as_(world.palu.asn))
    completion = await Completion.select(Completion.completed_at, Completion.local_date).first()
    finished = dt.datetime.fromisoformat(made["finished_at"])
    assert completion["completed_at"] == finished
    assert completion["local_date"] == (finished + dt.timedelta(hours=8)).date()  # WITA, UTC+8


async def test_empty_oversized_and_malformed_batches_are_refused_whole(client, world, as_):
    module = await published_module(client, as_(world.pontianak.admin))
    learner = as_(world.pontianak.asn)
    for body, status, code in [
        ({"attempts": []}, 422, "sync_batch_empty"),
        ({"attempts": [offline(module) for _ in range(51)]}, 422, "sync_batch_too_large"),
        ({"attempts": [offline(module) | {"module_id": "satu"}]}, 400, "validation_failed"),
        ({}, 400, "validation_failed"),
    ]:
        response = await client.post(SYNC, json=body, headers=learner)
        assert (response.status_code, response.json()["code"]) == (status, code)
    assert await Attempt.count() == 0
    anonymous = await client.post(SYNC, json={"attempts": [offline(module)]})
    assert anonymous.status_code == 401


@pytest.mark.parametrize("key", ANSWER_KEYS_THAT_ARE_NO_QUESTION_ID)
async def test_an_answer_key_that_is_no_question_id_spoils_only_its_own_item(client, world, as_, key):
    module = await published_module(client, as_(world.pontianak.admin))
    odd = offline(module)
    odd["answers"][key] = module["questions"][0]["options"][0]["id"]
    response = await client.post(SYNC, json={"attempts": [odd, offline(module)]}, headers=as_(world.pontianak.asn))
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["status"] for r in results] == [422, 201]
    assert results[0]["problem"]["code"] == "answer_question_unknown"
    assert await Attempt.count() == 1


async def test_a_failed_offline_attempt_does_not_hand_over_the_right_options(client, world, as_):
    module = await published_module(client, as_(world.pontianak.admin), pass_mark=70)
    learner = as_(world.pontianak.asn)
    batch = [offline(module, right=0, ago=dt.timedelta(hours=2)), offline(module, ago=dt.timedelta(hours=1))]
    first = (await client.post(SYNC, json={"attempts": batch[:1]}, headers=learner)).json()["results"]
    assert first[0]["status"] == 201 and not first[0]["result"]["passed"]
    assert [q["correct_option_ids"] for q in first[0]["result"]["questions"]] == [None, None, None]
    resent = (await client.post(SYNC, json={"attempts": batch[:1]}, headers=learner)).json()["results"]
    assert resent[0]["status"] == 200
    assert [q["correct_option_ids"] for q in resent[0]["result"]["questions"]] == [None, None, None]
    both = (await client.post(SYNC, json={"attempts": batch}, headers=learner)).json()["results"]
    assert [r["status"] for r in both] == [200, 201] and both[1]["result"]["passed"]
    assert all(q["correct_option_ids"] for q in both[1]["result"]["questions"])
