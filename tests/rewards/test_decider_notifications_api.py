"""The deciders hear of what waits for them (a redemption, an initiative, a certificate), once per request and
never the person who asked; and each gets a daily digest at 07:00 in their region's zone when something waits."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest

from api.bootstrap import bootstrap
from api.scheduler import build_scheduler
from domain.decision_digest import digest_text
from gamification.rewards.scheduled import decision_digest_job
from gamification.storage.json_column import loaded
from gamification.storage.settings import Settings
from gamification.storage.tables import JobRun, Notification
from tests.awards import WIB, award, this_week_at
from tests.certificates.helpers import CERTIFICATES, record
from tests.conftest import TEST_SECRET
from tests.factories import add_person
from tests.innovation.test_initiatives_api import INITIATIVES, draft


@dataclass
class Deciders:
    child_manager: int  # manages Seksi Aplikasi, below the head unit
    other_manager: int  # manages the other agency's unit


@pytest.fixture
async def deciders(world) -> Deciders:
    p = world.pontianak
    return Deciders(
        child_manager=await add_person("Kepala Seksi", p.child_unit, p.region_id, "manager;asn"),
        other_manager=await add_person("Kepala Bidang Pelayanan", p.other_unit, p.region_id, "manager;asn"),
    )


async def told(kind: str) -> list[tuple[int, dict]]:
    rows = await Notification.select(Notification.person, Notification.data).where(Notification.kind == kind)
    return sorted(((row["person"], loaded(row["data"])) for row in rows), key=lambda pair: (pair[0], str(pair[1])))


async def redeem(client, as_, admin: int, people: list[int]) -> list[int]:
    reward = (
        await client.post(
            "/api/v1/admin/rewards", json={"name": "Kaos", "kind": "merchandise", "cost": 100}, headers=as_(admin)
        )
    ).json()
    ids = []
    for person in people:
        await award(person, 500, this_week_at(WIB, 0, 9))
        body = {"client_id": f"tell-{person:05d}"}
        for _ in range(2):  # the phone resends: one redemption, one notification per decider
            made = await client.post(f"/api/v1/rewards/{reward['id']}/redemptions", json=body, headers=as_(person))
            assert made.status_code in (200, 201), made.text
        ids.append(made.json()["id"])
    return ids


async def test_a_redemption_tells_the_deciders_of_the_unit_once_and_not_the_requester(client, world, deciders, as_):
    p = world.pontianak
    child_request, manager_request = await redeem(client, as_, p.admin, [p.asn_child, p.manager])
    # the child unit's request: its manager, the head of the agency above, the region's admin
    waiting = [(who, data["redemption"]) for who, data in await told("redemption_waiting")]
    assert sorted(waiting) == sorted(
        [(who, child_request) for who in (p.admin, p.manager, deciders.child_manager)]
        + [(p.admin, manager_request)]  # the manager's own: the admin only, not himself
    )
    title = (await Notification.select(Notification.title).where(Notification.person == p.manager).first())["title"]
    assert title == "Penukaran “Kaos” menunggu keputusan Anda"


async def test_an_initiative_submitted_or_reported_tells_its_deciders_but_not_its_team(client, world, deciders, as_):
    p = world.pontianak
    made = await client.post(INITIATIVES, json=draft(p.child_unit, [p.manager]), headers=as_(p.asn_child))
    iid = made.json()["id"]
    for _ in range(2):  # the same move sent again answers the current state and tells nobody again
        assert (await client.post(f"{INITIATIVES}/{iid}/submit", json={}, headers=as_(p.asn_child))).status_code == 200
    # the manager is on the team: the admin and the child unit's manager decide
    assert await told("initiative_waiting") == [
        (p.admin, {"initiative": iid}),
        (deciders.child_manager, {"initiative": iid}),
    ]
    review = {"decision": "approve", "comment": "Lanjutkan"}
    assert (await client.post(f"{INITIATIVES}/{iid}/review", json=review, headers=as_(p.admin))).status_code == 200
    report = {"summary": "Antrean daring berjalan.", "metrics": {"menit": 20}}
    assert (
        await client.post(f"{INITIATIVES}/{iid}/implementation", json=report, headers=as_(p.asn_child))
    ).status_code == 200
    titles = await Notification.select(Notification.title).where(
        (Notification.kind == "initiative_waiting") & (Notification.person == deciders.child_manager)
    )
    assert [row["title"].split("” ")[-1] for row in titles] == [
        "diajukan dan menunggu tinjauan Anda",
        "dilaporkan terlaksana dan menunggu verifikasi Anda",
    ]


async def test_a_certificate_claim_tells_its_deciders_once(client, world, deciders, as_):
    p = world.pontianak
    body = record() | {"client_id": "sert-hp-0001"}
    first = await client.post(CERTIFICATES, json=body, headers=as_(p.asn))
    again = await client.post(CERTIFICATES, json=body, headers=as_(p.asn))
    assert (first.status_code, again.status_code, again.json()["id"]) == (201, 200, first.json()["id"])
    assert await told("certificate_waiting") == [
        (p.admin, {"certificate": first.json()["id"]}),
        (p.manager, {"certificate": first.json()["id"]}),
    ]


def digest_moment(timezone: str, day: dt.date, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(7, minute), ZoneInfo(timezone)).astimezone(dt.timezone.utc)


async def test_the_daily_digest_counts_what_waits_per_decider_once_per_day(client, world, deciders, as_, time_machine):
    p, palu = world.pontianak, world.palu
    await redeem(client, as_, p.admin, [p.asn_child, p.asn])
    made = await client.post(INITIATIVES, json=draft(p.head_unit, []), headers=as_(p.asn))
    await client.post(f"{INITIATIVES}/{made.json()['id']}/submit", json={}, headers=as_(p.asn))
    await Notification.delete().where(Notification.id > 0)
    day = dt.datetime.now(ZoneInfo(WIB)).date() + dt.timedelta(days=1)
    at = digest_moment(WIB, day, minute=2)
    time_machine.move_to(at, tick=False)

    assert await decision_digest_job(now=at) == {"Asia/Jakarta": {"digests": 3}}  # Palu's clock says 08:02
    digests = {
        row["person"]: (row["title"], row["body"], loaded(row["data"]))
        for row in await Notification.select().where(Notification.kind == "decision_digest")
    }
    assert set(digests) == {p.admin, p.manager, deciders.child_manager}  # the other agency's manager: nothing waits
    title, body, data = digests[p.manager]
    assert title == "Ringkasan harian: 3 menunggu keputusan Anda"  # the initiative and both redemptions
    assert body == "1 inovasi menunggu tinjauan\n2 penukaran hadiah menunggu keputusan"
    assert data["day"] == day.isoformat() and data["counts"]["redemption"] == 2 and data["counts"]["certificate"] == 0
    assert digests[p.admin][2]["counts"] | {"comment": 0} == {
        "initiative_review": 1,
        "initiative_verify": 0,
        "redemption": 2,
        "certificate": 0,
        "comment": 0,
    }
    assert digests[deciders.child_manager][2]["counts"]["redemption"] == 1
    # the same trigger fired again, or by another process, sends nothing more
    assert await decision_digest_job(now=at + dt.timedelta(minutes=20)) == {"Asia/Jakarta": None}
    assert await Notification.count().where(Notification.kind == "decision_digest") == 3
    # Palu's 07:00 comes an hour earlier: its deciders have nothing waiting, so no digest at all
    there = digest_moment("Asia/Makassar", day)
    assert await decision_digest_job(now=there) == {"Asia/Makassar": {"digests": 0}}
    assert await Notification.count().where(Notification.person.is_in([palu.admin, palu.manager])) == 0
    runs = await JobRun.select(JobRun.job, JobRun.outcome).where(JobRun.job.like("decision_digest:%"))
    assert sorted((r["job"], r["outcome"]) for r in runs) == [
        ("decision_digest:Asia/Jakarta", "ok"),
        ("decision_digest:Asia/Makassar", "ok"),
    ]
    scheduler = build_scheduler(bootstrap(Settings(jwt_secret=TEST_SECRET)))
    assert str(scheduler.get_job("decision_digest").trigger) == "cron[minute='0']"


def test_the_digest_names_each_kind_waiting_and_says_nothing_when_nothing_waits():
    assert digest_text({"redemption": 0, "comment": 0}) is None
    assert digest_text({"certificate": 2, "comment": 1}) == (
        "Ringkasan harian: 3 menunggu keputusan Anda",
        "2 sertifikat menunggu verifikasi\n1 komentar warga menunggu moderasi",
    )
