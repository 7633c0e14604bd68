"""Moderation of citizens' comments: who sees and decides what, and how decisions follow one another."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from gamification.storage.tables import Fact, Notification, SurveyAnswer
from tests.factories import add_person
from tests.surveys.moderation_helpers import COMMENTS, add_answer, add_service_point, decide, xp_of


@pytest.fixture
async def home(world):
    """A service point of Pontianak's head unit and of Palu's."""
    p, palu = world.pontianak, world.palu
    return {
        "point": await add_service_point(p.region_id, p.head_unit),
        "child_point": await add_service_point(p.region_id, p.child_unit, "Legalisir"),
        "palu_point": await add_service_point(palu.region_id, palu.head_unit),
    }


async def listed(client, headers, **params) -> list[int]:
    answer = await client.get(COMMENTS, params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    return [item["id"] for item in answer.json()["items"]]


async def test_each_decider_sees_only_the_comments_in_their_reach(client, world, as_, home):
    p, palu = world.pontianak, world.palu
    mine = await add_answer(home["point"], p.region_id, p.head_unit)
    below = await add_answer(home["child_point"], p.region_id, p.child_unit)
    theirs = await add_answer(home["palu_point"], palu.region_id, palu.head_unit, timezone="Asia/Makassar")
    await add_answer(home["point"], p.region_id, p.head_unit, comment="", status="none")  # nothing to moderate
    other_manager = await add_person("Manajer Pelayanan", p.other_unit, p.region_id, "manager;asn")

    assert await listed(client, as_(p.manager)) == [mine, below]  # their unit and the one below
    assert await listed(client, as_(p.admin)) == [mine, below]
    assert await listed(client, as_(palu.admin)) == [theirs]
    assert await listed(client, as_(other_manager)) == []
    assert await listed(client, as_(world.superadmin)) == [mine, below, theirs]
    assert await listed(client, as_(p.manager), unit_id=p.child_unit) == [below]
    assert await listed(client, as_(palu.admin), unit_id=p.head_unit) == []
    refused = await client.get(COMMENTS, headers=as_(p.asn))
    assert (refused.status_code, refused.json()["code"]) == (403, "manager_required")

    for outsider in (palu.admin, other_manager):
        answer = await decide(client, as_(outsider), mine, "release")
        assert (answer.status_code, answer.json()["code"]) == (404, "survey_comment_not_found")
    answer = await decide(client, as_(p.asn), mine, "release")
    assert (answer.status_code, answer.json()["code"]) == (403, "manager_required")
    assert (await SurveyAnswer.select(SurveyAnswer.comment_status).where(SurveyAnswer.id == mine).first()) == {
        "comment_status": "pending"
    }


async def test_a_comment_is_listed_by_its_status_and_paged(client, world, as_, home):
    p = world.pontianak
    answers = [await add_answer(home["point"], p.region_id, p.head_unit, comment=f"Saran {n}") for n in range(5)]
    first = await client.get(COMMENTS, params={"limit": 2}, headers=as_(p.manager))
    body = first.json()
    assert [item["id"] for item in body["items"]] == answers[:2]
    second = await client.get(COMMENTS, params={"limit": 2, "cursor": body["next_cursor"]}, headers=as_(p.manager))
    assert [item["id"] for item in second.json()["items"]] == answers[2:4]

    assert (await decide(client, as_(p.manager), answers[0], "release", reason="Saran membangun")).status_code == 200
    assert (await decide(client, as_(p.manager), answers[1], "hide")).status_code == 200
    assert await listed(client, as_(p.manager)) == answers[2:]
    assert await listed(client, as_(p.manager), status="released") == [answers[0]]
    assert await listed(client, as_(p.manager), status="hidden") == [answers[1]]
    item = (await client.get(COMMENTS, params={"status": "released"}, headers=as_(p.manager))).json()["items"][0]
    assert (item["moderated_by"], item["moderation_reason"], item["comment"]) == (
        p.manager,
        "Saran membangun",
        "Saran 0",
    )
    assert item["contact"] == ""  # none was given
    for bad in ({"status": "none"}, {"status": "semua"}):
        answer = await client.get(COMMENTS, params=bad, headers=as_(p.manager))
        assert (answer.status_code, answer.json()["code"]) == (422, "survey_comment_status_unknown")


async def test_decisions_repeat_harmlessly_and_a_hidden_comment_stays_hidden(client, world, as_, home):
    p = world.pontianak
    answer_id = await add_answer(home["point"], p.region_id, p.head_unit)
    first = await decide(client, as_(p.manager), answer_id, "release")
    again = await decide(client, as_(p.admin), answer_id, "release")
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()  # answered as it stands: still the manager's release
    hidden = await decide(client, as_(p.admin), answer_id, "hide", reason="Menyebut nama warga lain")
    assert hidden.json()["status"] == "hidden"
    assert (await decide(client, as_(p.manager), answer_id, "hide")).json() == hidden.json()
    refused = await decide(client, as_(p.manager), answer_id, "release")
    assert (refused.status_code, refused.json()["code"]) == (409, "survey_comment_decided")

    nothing = await add_answer(home["point"], p.region_id, p.head_unit, comment="", status="none")
    assert (await decide(client, as_(p.manager), nothing, "release")).status_code == 404
    unknown = await decide(client, as_(p.manager), answer_id, "approve")
    assert (unknown.status_code, unknown.json()["code"]) == (422, "decision_unknown")
    long = await decide(client, as_(p.manager), answer_id, "hide", reason="x" * 301)
    assert (long.status_code, long.json()["code"]) == (422, "survey_comment_reason_length")
    extra = await decide(client, as_(p.manager), answer_id, "hide", note="?")
    assert extra.status_code == 400


async def test_a_flagged_comment_is_released_only_when_the_decider_confirms_reading_it(client, world, as_, home):
    p = world.pontianak
    answer_id = await add_answer(home["point"], p.region_id, p.head_unit, flagged=True, comment="kata kasar")
    listed_item = (await client.get(COMMENTS, headers=as_(p.manager))).json()["items"][0]
    assert listed_item["flagged"] is True
    refused = await decide(client, as_(p.manager), answer_id, "release")
    assert (refused.status_code, refused.json()["code"]) == (422, "survey_comment_flagged")
    released = await decide(client, as_(p.manager), answer_id, "release", confirm_flagged=True)
    assert released.json()["status"] == "released"
    other = await add_answer(home["point"], p.region_id, p.head_unit, flagged=True)
    assert (await decide(client, as_(p.manager), other, "hide")).json()["status"] == "hidden"


async def test_the_asn_named_never_decides_on_their_own_praise_whatever_their_roles(client, world, as_, home):
    p = world.pontianak
    answer_id = await add_answer(home["point"], p.region_id, p.head_unit, served_by=p.manager)
    for decision in ("release", "hide"):
        refused = await decide(client, as_(p.manager), answer_id, decision)
        assert (refused.status_code, refused.json()["code"]) == (403, "self_decision")
    admin_too = await add_person("Manajer Admin", p.head_unit, p.region_id, "manager;admin;asn")
    named = await add_answer(home["point"], p.region_id, p.head_unit, served_by=admin_too)
    refused = await decide(client, as_(admin_too), named, "release")
    assert (refused.status_code, refused.json()["code"]) == (403, "self_decision")
    assert await xp_of(admin_too) == 0

    assert (await decide(client, as_(p.admin), answer_id, "release")).json()["status"] == "released"
    assert await xp_of(p.manager) == 25
    refused = await decide(client, as_(p.manager), answer_id, "hide")  # nor take it back, nor keep it
    assert (refused.status_code, refused.json()["code"]) == (403, "self_decision")


async def test_racing_decisions_move_a_comment_once(client, world, as_, home):
    p = world.pontianak
    answer_id = await add_answer(home["point"], p.region_id, p.head_unit, served_by=p.asn)
    answers = await asyncio.gather(
        decide(client, as_(p.manager), answer_id, "release"), decide(client, as_(p.admin), answer_id, "release")
    )
    assert [a.status_code for a in answers] == [200, 200]
    assert await xp_of(p.asn) == 25
    hides = await asyncio.gather(*[decide(client, as_(who), answer_id, "hide") for who in (p.manager, p.admin)])
    assert [a.json()["status"] for a in hides] == ["hidden", "hidden"]
    assert await xp_of(p.asn) == 0
    assert await Fact.count().where(Fact.source_key == f"praise:{answer_id}") == 1
    notices = await Notification.select(Notification.kind).where(Notification.person == p.asn)
    assert [n["kind"] for n in notices] == ["citizen_praise"]


async def test_the_asn_named_exports_no_citizens_contact(client, world, as_, home):
    """UU PDP: a person's export holds the rows that name them, never a citizen's contact or device key."""
    p = world.pontianak
    answer_id = await add_answer(home["point"], p.region_id, p.head_unit, served_by=p.asn, contact="0812 3456 7890")
    await decide(client, as_(p.manager), answer_id, "release")
    for person in (p.asn, p.manager):
        export = await client.get("/api/v1/me/export", headers=as_(person))
        assert export.status_code == 200, export.text
        rows = export.json()["tables"]["survey_answer"]
        assert (
            len(rows) == 1 and "id" not in rows[0] and rows[0]["comment_status"] == "released"
        )  # see F5 of the review
        assert "0812" not in export.text and "contact" not in rows[0] and "device_key" not in rows[0]


async def test_the_deciders_see_a_consented_contact_until_it_is_erased(client, world, as_, home):
    # review of issue 18: the contact was kept with consent but nobody could read it
    p = world.pontianak
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=30)
    await add_answer(home["point"], p.region_id, p.head_unit, contact="0812 3456 7890", contact_erase_at=later)
    (item,) = (await client.get(COMMENTS, headers=as_(p.manager))).json()["items"]
    assert item["contact"] == "0812 3456 7890"
    await SurveyAnswer.update({SurveyAnswer.contact: "", SurveyAnswer.contact_consent: False}).where(
        SurveyAnswer.id == item["id"]
    )  # what the erasure job does
    (item,) = (await client.get(COMMENTS, headers=as_(p.manager))).json()["items"]
    assert item["contact"] == ""
