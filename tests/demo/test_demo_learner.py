"""The issue's acceptance walk: a learner on the demo data, through the HTTP API only."""

import datetime as dt

from gamification.demo.seed import DEMO_PASSWORD, seed_demo
from tests import wiring
from tests.module_payloads import answers


async def sign_in(client, login: str) -> dict:
    response = await client.post("/api/v1/auth/login", json={"login": login, "password": DEMO_PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def test_a_demo_learner_lists_opens_passes_and_replays_a_module(client, demo):
    summary = demo
    learner, superadmin = await sign_in(client, summary["asn"]), await sign_in(client, summary["superadmin"])

    catalogue = (await client.get("/api/v1/modules", params={"limit": 50}, headers=learner)).json()["items"]
    assert len(catalogue) >= 19  # the national modules and the learner's region's own
    done_before = {c["id"] for c in catalogue if c["progress"] == "completed"}
    card = next(c for c in catalogue if c["jp"] > 0 and c["id"] not in done_before)
    xp_before = (await client.get("/api/v1/me", headers=learner)).json()["xp"]
    first = await client.get(f"/api/v1/modules/{card['id']}", headers=learner)
    second = await client.get(
        f"/api/v1/modules/{card['id']}", headers=learner | {"If-None-Match": first.headers["etag"]}
    )
    assert (first.status_code, second.status_code) == (200, 304)

    before = (await client.get("/api/v1/me/learning", headers=learner)).json()["jp"]["earned"]
    key = (await client.get(f"/api/v1/admin/modules/{card['id']}", headers=superadmin)).json()
    finished = dt.datetime.now(dt.timezone.utc)
    body = {
        "client_id": "demo-hp-0001",
        "answers": answers(key),
        "started_at": (finished - dt.timedelta(seconds=first.json()["min_seconds"] + 30)).isoformat(),
        "finished_at": finished.isoformat(),
    }
    passed = await client.post(f"/api/v1/modules/{card['id']}/attempts", json=body, headers=learner)
    assert passed.status_code == 201 and passed.json()["completed"]
    assert passed.json()["xp_awarded"] >= card["xp"] > 0  # XP at once (and the first demo badges)
    held = {b["code"] for b in (await client.get("/api/v1/me/badges", headers=learner)).json()}
    assert "langkah-pertama" in held  # the first completion's badge, now or from the demo history
    assert (await client.get("/api/v1/me", headers=learner)).json()["xp"] == xp_before + passed.json()["xp_awarded"]
    after = (await client.get("/api/v1/me/learning", headers=learner)).json()["jp"]["earned"]
    assert round(after - before, 2) == card["jp"]

    replay = await client.post(f"/api/v1/modules/{card['id']}/attempts", json=body, headers=learner)
    again = await client.post(
        f"/api/v1/modules/{card['id']}/attempts", json=body | {"client_id": "demo-hp-0002"}, headers=learner
    )
    assert (replay.status_code, again.status_code, again.json()["completed"]) == (200, 201, False)
    assert (await client.get("/api/v1/me/learning", headers=learner)).json()["jp"]["earned"] == after
    listed = (await client.get("/api/v1/modules", params={"progress": "completed"}, headers=learner)).json()
    assert {c["id"] for c in listed["items"]} == done_before | {card["id"]}


async def test_the_demo_has_boards_to_show_and_a_display_to_open(client, demo):
    summary = demo
    assert summary["attempts"] > 50
    learner = await sign_in(client, summary["asn"])
    board = (
        await client.get("/api/v1/leaderboards", params={"scope": "region", "period": "month"}, headers=learner)
    ).json()
    assert len(board["entries"]) == 10 and board["me"]["rank"] >= 1
    screen = await client.get(f"/api/v1/displays/{summary['display'].rsplit('/', 1)[1]}/leaderboard")
    assert screen.status_code == 200 and screen.json()["entries"] and screen.json()["ticker"]
    assert (await seed_demo(wiring.tangkas().services["attempt_service"], wiring.tangkas().awarding))[
        "attempts"
    ] == 0  # the history is seeded once
