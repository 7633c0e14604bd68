"""The demo's year: a year of JP, a compliance per unit that is neither nothing nor everything, verified
initiatives in the showcase, and books the points engine would write the same."""

import datetime as dt

from gamification.demo.seed import DEMO_PASSWORD, seed_demo
from gamification.points.recalc import recalculate
from gamification.storage.tables import Attempt, Completion, Fact, Initiative, JpCredit, Region
from tests import wiring
from tests.invariants import boards_agree, totals_agree_with_ledger
from tests.pending_facts import pending


async def sign_in(client, login: str) -> dict:
    response = await client.post("/api/v1/auth/login", json={"login": login, "password": DEMO_PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def test_the_demo_has_a_year_of_jp_a_compliance_per_unit_and_a_showcase(client, demo):
    tangkas = wiring.tangkas()
    summary = demo  # seeded on Redis boards built (empty) first: the seed's writes followed into them
    now = dt.datetime.now(dt.timezone.utc)

    # the books are the engine's own: every fact awarded, once; totals and boards from the ledger
    assert not await pending()
    await totals_agree_with_ledger()
    await boards_agree()
    again = await recalculate(follow=tangkas.boards.writes, full=True)  # every fact evaluated again
    assert (again.entries_added, again.xp_added, again.drift_fixed, again.badges_awarded) == (0, 0, 0, 0)
    await totals_agree_with_ledger()

    history_attempts = Attempt.select(Attempt.xp_awarded).where(
        Attempt.client_id.like("demo-riwayat-%") & (Attempt.credited == True)  # noqa: E712
    )
    assert all(row["xp_awarded"] > 0 for row in await history_attempts)  # as a replay would answer

    # a year of learning, not ten days: completions and JP in (nearly) every month of the past year
    assert summary["history"]["completions"] > 500 and summary["history"]["certificates"] > 100
    earned = await JpCredit.select(JpCredit.earned_at)
    months = {(row["earned_at"].year, row["earned_at"].month) for row in earned}
    assert min(row["earned_at"] for row in earned) < now - dt.timedelta(days=330) and len(months) >= 12
    completed = await Completion.select(Completion.completed_at)
    assert min(row["completed_at"] for row in completed) < now - dt.timedelta(days=330)

    # the compliance per unit, as the BKPSDM admin sees it: some met 20 JP, some on track, some behind
    admin = await sign_in(client, summary["admin"])
    units = (await client.get("/api/v1/manager/units", params={"limit": 100}, headers=admin)).json()["items"]
    staffed = [unit for unit in units if unit["staff"]]
    assert staffed and all(0 <= unit["compliance_rate"] <= 1 for unit in staffed)
    assert any(unit["compliance_rate"] > 0 for unit in staffed)
    assert not all(unit["compliance_rate"] == 1 for unit in staffed)
    counted = {key: sum(unit[key] for unit in staffed) for key in ("met", "on_track", "behind")}
    assert counted["met"] > 0 and counted["behind"] > 0
    assert counted["on_track"] > 0 or units[0]["jp_due"] > 19.75  # late December leaves no room between

    # the showcase: verified initiatives of every region, walked through the real states, with their XP
    learner = await sign_in(client, summary["asn"])
    shown = await client.get("/api/v1/initiatives", params={"status": "verified", "limit": 50}, headers=learner)
    verified = shown.json()["items"]
    assert {item["region_id"] for item in verified} == set(await Region.select(Region.id).output(as_list=True))
    detail = (await client.get(f"/api/v1/initiatives/{verified[0]['id']}", headers=learner)).json()
    assert [event["to_status"] for event in detail["events"]] == [
        "draft",
        "submitted",
        "approved",
        "implemented",
        "verified",
    ]
    assert detail["impact"] and detail["implementation"]["summary"]
    team_facts = await Fact.count().where(Fact.kind == "initiative_verified")
    assert team_facts == sum(len(item["team"]) for item in verified) > 0
    assert await Initiative.count().where(Initiative.status == "implemented") > 0  # awaiting verification

    second = await seed_demo(tangkas.services["attempt_service"], tangkas.awarding)
    assert (second["attempts"], second["history"]["completions"], second["initiatives"]) == (0, 0, 0)
    assert await Initiative.count() == summary["initiatives"]
