"""UU PDP both ways: an ASN's copy of their data holds the answers that named them, but not the citizen's contact
or device, nor a comment moderation has not released; a manager's copy holds the points they made, without the
secret of the day's code."""

from __future__ import annotations

from gamification.storage.tables import SurveyAnswer
from tests.surveys.helpers import citizen, make_point, open_form, opt_in, send_answer


async def test_an_asns_export_holds_what_named_them_and_nothing_of_the_citizen(app, client, world, as_):
    p = world.pontianak
    await opt_in(p.asn)
    point = await make_point(client, as_(p.manager), p.head_unit, requires_site_code=False)
    async with citizen(app) as phone:
        form = await open_form(phone, point["public_key"])
        body = {
            "served_by": p.asn,
            "comment": "Bu ASN kurang ramah",
            "contact": "warga@contoh.id",
            "contact_consent": True,
        }
        assert (await send_answer(phone, point["public_key"], form["form_token"], **body)).status_code == 201
    mine = (await client.get("/api/v1/me/export", headers=as_(p.asn))).json()["tables"]
    (answer,) = mine["survey_answer"]
    assert answer["served_by"] == p.asn and answer["service_point"] == point["id"]
    assert answer["comment"] == "" and answer["comment_status"] == "pending"
    assert len(answer["month"]) == 7  # review of issue 18: the month, not when to the second
    for column in ("contact", "contact_consent", "contact_erase_at", "device_key", "id", "answered_at", "local_date"):
        assert column not in answer
    assert not {f"u{n}" for n in range(1, 10)} & set(answer)  # the scores would tell which citizen it was
    stored = await SurveyAnswer.select(SurveyAnswer.device_key).first()
    assert stored["device_key"] not in str(mine) and "warga@contoh.id" not in str(mine)
    await SurveyAnswer.update({SurveyAnswer.comment_status: "released"}).where(SurveyAnswer.served_by == p.asn)
    released = (await client.get("/api/v1/me/export", headers=as_(p.asn))).json()["tables"]["survey_answer"]
    assert released[0]["comment"] == "Bu ASN kurang ramah"
    made = (await client.get("/api/v1/me/export", headers=as_(p.manager))).json()["tables"]["service_point"]
    assert made[0]["id"] == point["id"] and "site_code_secret" not in made[0]
