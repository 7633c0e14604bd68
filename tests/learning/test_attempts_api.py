import asyncio
import datetime as dt
import json

import pytest

from gamification.storage.tables import Attempt, Completion, JpCredit
from tests.module_payloads import (
    ADMIN_MODULES,
    ANSWER_KEYS_THAT_ARE_NO_QUESTION_ID,
    MODULES,
    attempt,
    attempt_body,
    module_payload,
    published_module,
)


async def jp_earned(client, headers) -> float:
    return (await client.get("/api/v1/me/learning", headers=headers)).json()["jp"]["earned"]


async def test_a_first_pass_credits_jp_and_a_replay_or_a_second_pass_changes_nothing(client, world, as_):
    module = await published_module(client, as_(world.pontianak.admin), jp=0.75, xp=40)
    learner = as_(world.pontianak.asn)
    body = attempt_body(module)
    first = await client.post(f"{MODULES}/{module['id']}/attempts", json=body, headers=learner)
    assert first.status_code == 201
    result = first.json()
    assert (result["score"], result["passed"], result["completed"]) == (100, True, True)
    assert (result["xp_awarded"], result["jp_credited"], result["new_badges"]) == (40 + 10, 0.75, [])  # perfect first
    assert all(q["correct"] for q in result["questions"]) and result["questions"][1]["correct_option_ids"]
    assert await jp_earned(client, learner) == 0.75

    replay = await client.post(f"{MODULES}/{module['id']}/attempts", json=body, headers=learner)
    assert replay.status_code == 200
    assert replay.json() | {"replayed": False} == result
    second = await attempt(client, learner, module)
    assert (second["passed"], second["completed"], second["xp_awarded"], second["jp_credited"]) == (True, False, 0, 0)
    assert await jp_earned(client, learner) == 0.75
    assert (await Attempt.count(), await Completion.count(), await JpCredit.count()) == (2, 1, 1)


async def test_grading_is_on_the_server_and_a_pass_after_a_failure_is_the_completion(client, world, as_):
    module = await published_module(client, as_(world.pontianak.admin), pass_mark=70)
    learner = as_(world.pontianak.asn)
    failed = await attempt(client, learner, module, right=2)  # 2 of 3 = 67 %
    assert (failed["score"], failed["passed"], failed["completed"], failed["correct_count"]) == (67, False, False, 2)
    assert [q["correct"] for q in failed["questions"]] == [True, True, False]
    multiple = module["questions"][1]
    partly = attempt_body(module)
    partly["answers"][str(multiple["id"])] = [multiple["options"][0]["id"]]  # one of two right options
    graded = (await client.post(f"{MODULES}/{module['id']}/attempts", json=partly, headers=learner)).json()
    assert (graded["score"], graded["questions"][1]["correct"]) == (67, False)
    skipped = attempt_body(module)
    del skipped["answers"][str(module["questions"][2]["id"])]
    assert (await client.post(f"{MODULES}/{module['id']}/attempts", json=skipped, headers=learner)).json()[
        "score"
    ] == 67
    passed = await attempt(client, learner, module)
    assert passed["completed"]
    completion = await Completion.select().first()
    assert (completion["first_attempt"], completion["score"], completion["xp"]) == (False, 100, 30)
    assert completion["unit"] == world.pontianak.head_unit and completion["region"] == world.pontianak.region_id


async def test_a_failed_attempt_shows_which_questions_were_wrong_but_not_the_right_options(client, world, as_):
    module = await published_module(client, as_(world.pontianak.admin), pass_mark=70)
    learner = as_(world.pontianak.asn)
    path = f"{MODULES}/{module['id']}/attempts"
    failed_body = attempt_body(module, right=1)
    failed = await client.post(path, json=failed_body, headers=learner)
    assert failed.status_code == 201 and not failed.json()["passed"]
    assert [q["correct"] for q in failed.json()["questions"]] == [True, False, False]
    assert [q["correct_option_ids"] for q in failed.json()["questions"]] == [None, None, None]
    assert [q["chosen_option_ids"] for q in failed.json()["questions"]] == [
        sorted([a] if isinstance(a, int) else a) for a in failed_body["answers"].values()
    ]
    replayed = await client.post(path, json=failed_body, headers=learner)  # asking again tells nothing more
    assert replayed.status_code == 200
    assert [q["correct_option_ids"] for q in replayed.json()["questions"]] == [None, None, None]

    passed = await attempt(client, learner, module)
    right = [sorted(o["id"] for o in q["options"] if o["correct"]) for q in module["questions"]]
    assert passed["passed"] and [q["correct_option_ids"] for q in passed["questions"]] == right
    practice = await attempt(client, learner, module, right=0)  # once passed, a failed try may see them
    assert not practice["passed"] and [q["correct_option_ids"] for q in practice["questions"]] == right
    other = await attempt(client, as_(world.pontianak.asn_child), module, right=0)  # passed by someone else
    assert [q["correct_option_ids"] for q in other["questions"]] == [None, None, None]


def answer_with(module: dict, change) -> dict:
    body = attempt_body(module)
    change(body, module["questions"])
    return body


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        (lambda b, q: b["answers"].update({"999999": 1}), 422, "answer_question_unknown"),
        (lambda b, q: b["answers"].update({"dua": 1}), 422, "answer_question_unknown"),
        (lambda b, q: b["answers"].update({str(q[0]["id"]): q[1]["options"][0]["id"]}), 422, "answer_option_unknown"),
        (
            lambda b, q: b["answers"].update({str(q[0]["id"]): [o["id"] for o in q[0]["options"][:2]]}),
            422,
            "answer_single_has_many",
        ),
        (
            lambda b, q: b["answers"].update({str(q[1]["id"]): [q[1]["options"][0]["id"]] * 2}),
            422,
            "answer_option_repeated",
        ),
        (
            lambda b, q: b["answers"].update({"0" + str(q[0]["id"]): q[0]["options"][0]["id"]}),
            422,
            "answer_question_repeated",
        ),
        (lambda b, q: b.update(client_id="pendek"), 422, "client_id_format"),
        (lambda b, q: b.update(started_at=b["finished_at"]), 422, "attempt_too_fast"),
        (
            lambda b, q: b.update(started_at="2026-01-01T10:00:00", finished_at="2026-01-01T10:10:00"),
            422,
            "attempt_time_zone_required",
        ),
        (
            lambda b, q: b.update(started_at=b["finished_at"], finished_at=b["started_at"]),
            422,
            "attempt_times_out_of_order",
        ),
        (
            lambda b, q: b.update(**attempt_body_times(dt.timedelta(hours=-1))),
            422,
            "attempt_in_future",
        ),
        (lambda b, q: b.update(**attempt_body_times(dt.timedelta(days=15))), 422, "attempt_too_old"),
        (lambda b, q: b.update(answers=[1, 2]), 400, "validation_failed"),
        (lambda b, q: b.update(finished_at="kemarin"), 400, "validation_failed"),
    ],
)
async def test_bad_attempts_are_refused_and_nothing_is_credited(client, world, as_, change, status, code):
    module = await published_module(client, as_(world.pontianak.admin))
    response = await client.post(
        f"{MODULES}/{module['id']}/attempts", json=answer_with(module, change), headers=as_(world.pontianak.asn)
    )
    assert (response.status_code, response.json()["code"]) == (status, code), response.text
    assert (await Attempt.count(), await Completion.count(), await JpCredit.count()) == (0, 0, 0)


@pytest.mark.parametrize("key", ANSWER_KEYS_THAT_ARE_NO_QUESTION_ID)
async def test_an_answer_key_that_is_no_question_id_is_an_unknown_question(client, world, as_, key):
    module = await published_module(client, as_(world.pontianak.admin))
    body = attempt_body(module)
    body["answers"][key] = module["questions"][0]["options"][0]["id"]
    response = await client.post(f"{MODULES}/{module['id']}/attempts", json=body, headers=as_(world.pontianak.asn))
    assert (response.status_code, response.json()["code"]) == (422, "answer_question_unknown"), response.text
    assert await Attempt.count() == 0


def attempt_body_times(ago: dt.timedelta) -> dict:
    finished = dt.datetime.now(dt.timezone.utc) - ago
    return {"started_at": (finished - dt.timedelta(minutes=5)).isoformat(), "finished_at": finished.isoformat()}


async def test_a_question_answered_twice_in_the_json_itself_is_refused(client, world, as_):
    module = await published_module(client, as_(world.pontianak.admin))
    body = attempt_body(module)
    question, options = module["questions"][0]["id"], module["questions"][0]["options"]
    raw = json.dumps(body).replace('"answers": {', f'"answers": {{"{question}": {options[1]["id"]}, ', 1)
    response = await client.post(
        f"{MODULES}/{module['id']}/attempts",
        content=raw,
        headers=as_(world.pontianak.asn) | {"content-type": "application/json"},
    )
    assert (response.status_code, response.json()["code"]) == (400, "json_key_repeated")
    assert await Attempt.count() == 0


async def test_modules_out_of_reach_are_refused_with_their_own_code(client, world, as_):
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    palu_module = await published_module(client, as_(world.palu.admin))
    draft = (await client.post(ADMIN_MODULES, json=module_payload(), headers=admin)).json()
    for module, status, code in [
        (palu_module, 404, "module_not_found"),
        (draft, 404, "module_not_published"),
        ({"id": 987654, "questions": []}, 404, "module_not_found"),
    ]:
        response = await client.post(f"{MODULES}/{module['id']}/attempts", json=attempt_body(module), headers=learner)
        assert (response.status_code, response.json()["code"]) == (status, code)
    for superuser in (world.superadmin,):
        response = await client.post(
            f"{MODULES}/{palu_module['id']}/attempts", json=attempt_body(palu_module), headers=as_(superuser)
        )
        assert (response.status_code, response.json()["code"]) == (403, "learner_only")
    assert await Attempt.count() == 0


async def test_an_archived_module_still_takes_attempts_finished_before_it_was_archived(client, world, as_):
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    module = await published_module(client, admin)
    made_offline = attempt_body(module, ago=dt.timedelta(hours=2))
    await client.post(f"{ADMIN_MODULES}/{module['id']}/archive", headers=admin)
    late = await client.post(f"{MODULES}/{module['id']}/attempts", json=attempt_body(module), headers=learner)
    assert (late.status_code, late.json()["code"]) == (409, "module_archived")
    synced = await client.post(f"{MODULES}/{module['id']}/attempts", json=made_offline, headers=learner)
    assert synced.status_code == 201 and synced.json()["completed"]


async def test_a_client_id_is_the_persons_own_and_names_one_module(client, world, as_):
    admin = as_(world.pontianak.admin)
    first, second = (
        await published_module(client, admin),
        await published_module(client, admin, title="Kata Sandi Kuat"),
    )
    body = attempt_body(first)
    assert (
        await client.post(f"{MODULES}/{first['id']}/attempts", json=body, headers=as_(world.pontianak.asn))
    ).status_code == 201
    reused = await client.post(
        f"{MODULES}/{second['id']}/attempts",
        json=attempt_body(second, client_id=body["client_id"]),
        headers=as_(world.pontianak.asn),
    )
    assert (reused.status_code, reused.json()["code"]) == (409, "client_id_reused")
    colleague = await client.post(
        f"{MODULES}/{first['id']}/attempts", json=body, headers=as_(world.pontianak.asn_child)
    )
    assert (
        colleague.status_code == 201 and colleague.json()["attempt_id"] != 0
    )  # same id, another person: a new attempt
    assert await Completion.count() == 2


async def test_an_attempt_made_on_an_older_version_is_graded_and_credited_by_that_version(client, world, as_):
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    v1 = await published_module(client, admin, xp=30, jp=0.25)
    body = attempt_body(v1)  # the phone downloaded version 1
    v2 = (await client.put(f"{ADMIN_MODULES}/{v1['id']}", json=module_payload(xp=80, jp=1.0), headers=admin)).json()
    assert v2["version"] == 2
    result = (await client.post(f"{MODULES}/{v1['id']}/attempts", json=body, headers=learner)).json()
    assert (result["version"], result["xp_awarded"], result["jp_credited"], result["score"]) == (1, 30 + 10, 0.25, 100)
    mixed = attempt_body(v1)
    mixed["answers"][str(v2["questions"][0]["id"])] = v2["questions"][0]["options"][0]["id"]
    refused = await client.post(f"{MODULES}/{v1['id']}/attempts", json=mixed, headers=as_(world.pontianak.asn_child))
    assert refused.json()["code"] == "answer_versions_mixed"


async def test_identical_requests_racing_record_one_attempt_and_one_completion(client, world, as_):
    module = await published_module(client, as_(world.pontianak.admin))
    learner = as_(world.pontianak.asn)
    body = attempt_body(module)
    answers = await asyncio.gather(
        *[client.post(f"{MODULES}/{module['id']}/attempts", json=body, headers=learner) for _ in range(6)]
    )
    assert sorted(a.status_code for a in answers) == [200, 200, 200, 200, 200, 201]
    assert len({a.json()["attempt_id"] for a in answers}) == 1
    assert all(a.json()["completed"] for a in answers)
    assert (await Attempt.count(), await Completion.count(), await JpCredit.count()) == (1, 1, 1)


async def test_different_passes_racing_complete_the_module_once(client, world, as_):
    module = await published_module(client, as_(world.pontianak.admin), jp=0.5)
    learner = as_(world.pontianak.asn)
    answers = await asyncio.gather(
        *[
            client.post(f"{MODULES}/{module['id']}/attempts", json=attempt_body(module), headers=learner)
            for _ in range(5)
        ]
    )
    assert [a.status_code for a in answers] == [201] * 5
    assert sum(a.json()["completed"] for a in answers) == 1
    assert (await Attempt.count(), await Completion.count(), await JpCredit.count()) == (5, 1, 1)
    assert await jp_earned(client, learner) == 0.5


async def test_an_attempt_rolled_back_to_break_a_deadlock_is_recorded_on_its_retry_once(
    client, world, as_, monkeypatch
):
    """PostgreSQL broke a lock cycle by rolling the attempt's transaction back whole: the server tries again,
    and the phone gets its answer, not a 503."""
    import asyncpg

    from gamification.learning import attempts

    module = await published_module(client, as_(world.pontianak.admin), xp=30)
    record, tries = attempts._record, []

    async def deadlocked_once(*args, **kwargs):
        tries.append(1)
        recorded = await record(*args, **kwargs)
        if len(tries) == 1:
            raise asyncpg.DeadlockDetectedError("deadlock detected")  # after the writes: they roll back
        return recorded

    monkeypatch.setattr(attempts, "_record", deadlocked_once)
    result = await attempt(client, as_(world.pontianak.asn), module)

    assert len(tries) == 2 and result["xp_awarded"] > 0
    assert await Completion.count().where(Completion.person == world.pontianak.asn) == 1
    assert await Attempt.count().where(Attempt.person == world.pontianak.asn) == 1
