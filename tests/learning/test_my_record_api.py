import datetime as dt

from gamification.learning.jp_ledger import JpSource, credit_jp, jp_year
from tests.module_payloads import attempt, published_module


async def test_my_learning_shows_jp_for_the_year_by_competency_and_my_completions(client, world, as_):
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    technical = await published_module(client, admin, jp=0.75)
    managerial = await published_module(client, admin, title="Rapat Efektif", competency_type="manajerial", jp=0.5)
    await attempt(client, learner, technical)
    await attempt(client, learner, managerial)
    await attempt(client, as_(world.pontianak.asn_child), technical)  # a colleague's JP is theirs

    record = (await client.get("/api/v1/me/learning", headers=learner)).json()
    year = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).year
    assert record["jp"] == {
        "year": year,
        "earned": 1.25,
        "target": 20,
        "remaining": 18.75,
        "by_competency": {"teknis": 0.75, "manajerial": 0.5, "sosial_kultural": 0.0},
    }
    assert [c["title"] for c in record["completions"]] == ["Rapat Efektif", "Mengenali Email Phishing"]
    me = (await client.get("/api/v1/me", headers=learner)).json()
    assert me["jp"]["earned"] == 1.25
    last_year = (await client.get("/api/v1/me/learning", params={"year": year - 1}, headers=learner)).json()
    assert (last_year["jp"]["earned"], last_year["completions"]) == (0, [])
    bad = await client.get("/api/v1/me/learning", params={"year": 1899}, headers=learner)
    assert (bad.status_code, bad.json()["code"]) == (400, "validation_failed")


async def test_jp_counts_in_the_year_of_the_regions_calendar(db, world):
    new_year_in_palu = dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.timezone.utc)  # 00:30 WITA on 1 January
    for source_id, timezone in [(1, "Asia/Makassar"), (2, "Asia/Jakarta")]:
        await credit_jp(
            person_id=world.palu.asn,
            source=JpSource.WORKSHOP,
            source_id=source_id,
            title="Lokakarya Smart City",
            competency_type="teknis",
            jp_centi=200,
            earned_at=new_year_in_palu,
            timezone=timezone,
        )
    assert (await jp_year(world.palu.asn, 2027)).earned == 2.0
    assert (await jp_year(world.palu.asn, 2026)).earned == 2.0  # 23:30 WIB is still 2026
