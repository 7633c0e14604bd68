import asyncio
import datetime as dt

import pytest

from gamification.identity.sign_in import load_actor
from gamification.innovation.initiatives import Initiatives
from gamification.organization.structure import OrganizationService
from gamification.points.recalc import recalculate
from gamification.storage.tables import Badge, Initiative, PersonBadge, Replication, XpEntry
from tests import wiring
from tests.factories import SYSTEM, add_person

INITIATIVES = "/api/v1/initiatives"


def draft(unit_id: int, team: list[int], **fields) -> dict:
    return {
        "title": "Antrean Daring Disdukcapil",
        "problem": "Warga mengantre berjam-jam untuk mencetak KTP-el tanpa kepastian jadwal.",
        "solution": "Pendaftaran antrean lewat WhatsApp dengan jadwal dan pengingat otomatis.",
        "category": "citizen_channel",
        "unit_id": unit_id,
        "team": team,
    } | fields


async def post(client, path: str, who_headers, **body):
    return await client.post(path, json=body, headers=who_headers)


async def make_verified(client, world, as_, impact="unit", verifier=None, region=None, team=None) -> dict:
    """An initiative of the region's child unit (Pontianak's unless ``region``), by its ASN with the head
    unit's ASN on the team (or ``team``), reviewed by the region's manager and verified (by ``verifier``)."""
    p = region or world.pontianak
    created = await post(
        client, INITIATIVES, as_(p.asn_child), **draft(p.child_unit, [p.asn] if team is None else team)
    )
    assert created.status_code == 201, created.text
    iid = created.json()["id"]
    steps = [
        (f"{INITIATIVES}/{iid}/submit", p.asn_child, {}),
        (f"{INITIATIVES}/{iid}/review", verifier or p.manager, {"decision": "approve", "comment": "Lanjutkan"}),
        (
            f"{INITIATIVES}/{iid}/implementation",
            p.asn,
            {
                "summary": "Antrean daring berjalan sejak Oktober.",
                "metrics": {"antrean_menit_sebelum": 180, "sesudah": 20},
                "links": ["https://antrean.example.go.id"],
            },
        ),
        (
            f"{INITIATIVES}/{iid}/verify",
            verifier or p.manager,
            {"decision": "verify", "impact": impact, "comment": "Dampak nyata"},
        ),
    ]
    for path, who, body in steps:
        response = await post(client, path, as_(who), **body)
        assert response.status_code == 200, (path, response.text)
    return response.json()


async def test_an_initiative_goes_from_draft_to_verified_and_the_team_earns_xp_and_a_badge(client, world, as_):
    p = world.pontianak
    await Badge.insert(
        Badge(code="inovator-pertama", name="Inovator Pertama", criteria={"kind": "initiatives", "count": 1})
    )
    verified = await make_verified(client, world, as_)
    assert verified["status"] == "verified" and verified["impact"] == "unit"
    assert [e["to_status"] for e in verified["events"]] == ["draft", "submitted", "approved", "implemented", "verified"]
    assert verified["events"][2]["actor_id"] == p.manager and verified["events"][2]["comment"] == "Lanjutkan"
    await recalculate(follow=wiring.follow())
    for member in (p.asn_child, p.asn):
        xp = [r["xp"] for r in await XpEntry.select(XpEntry.xp).where(XpEntry.person == member)]
        assert xp == [100]  # the unit-level rule
        assert await PersonBadge.exists().where(PersonBadge.person == member)
        kinds = [n["kind"] for n in (await client.get("/api/v1/me/notifications", headers=as_(member))).json()["items"]]
        assert "badge" in kinds
    notes = (await client.get("/api/v1/me/notifications", headers=as_(p.asn))).json()["items"]
    assert {"initiative_approved", "initiative_verified"} <= {n["kind"] for n in notes}
    showcase = await client.get(INITIATIVES, params={"status": "verified"}, headers=as_(world.palu.asn))
    assert [i["id"] for i in showcase.json()["items"]] == [verified["id"]]  # visible from another region
    found = await client.get(INITIATIVES, params={"status": "verified", "q": "whatsapp"}, headers=as_(world.palu.asn))
    assert len(found.json()["items"]) == 1


async def test_revision_round_trip_and_wrong_moves(client, world, as_):
    p = world.pontianak
    iid = (await post(client, INITIATIVES, as_(p.asn), **draft(p.head_unit, []))).json()["id"]
    too_early = await post(client, f"{INITIATIVES}/{iid}/review", as_(p.manager), decision="approve")
    assert (too_early.status_code, too_early.json()["code"]) == (409, "initiative_wrong_state")
    await post(client, f"{INITIATIVES}/{iid}/submit", as_(p.asn))
    again = await post(client, f"{INITIATIVES}/{iid}/submit", as_(p.asn))
    assert again.status_code == 200 and len(again.json()["events"]) == 2  # a resent move changes nothing
    revise = await post(client, f"{INITIATIVES}/{iid}/review", as_(p.manager), decision="revise", comment="Tambah data")
    assert revise.json()["status"] == "needs_revision"
    edited = await client.patch(
        f"{INITIATIVES}/{iid}",
        json={k: v for k, v in draft(0, []).items() if k not in ("unit_id", "team")} | {"title": "Antrean Daring v2"},
        headers=as_(p.asn),
    )
    assert edited.status_code == 200 and edited.json()["title"] == "Antrean Daring v2"
    assert (await post(client, f"{INITIATIVES}/{iid}/submit", as_(p.asn))).json()["status"] == "submitted"
    twice = await asyncio.gather(
        post(client, f"{INITIATIVES}/{iid}/review", as_(p.manager), decision="approve"),
        post(client, f"{INITIATIVES}/{iid}/review", as_(p.admin), decision="reject"),
    )
    assert sorted(r.status_code for r in twice) == [200, 409]
    bad = await post(client, f"{INITIATIVES}/{iid}/review", as_(p.manager), decision="mungkin")
    assert bad.status_code in (409, 422)


async def test_who_decides_and_who_sees(client, world, as_):
    p, palu = world.pontianak, world.palu
    outsider = await add_person("Manajer Pelayanan", p.other_unit, p.region_id, "manager;asn")
    iid = (await post(client, INITIATIVES, as_(p.manager), **draft(p.head_unit, [p.asn]))).json()["id"]
    await post(client, f"{INITIATIVES}/{iid}/submit", as_(p.asn))
    cases = [
        (p.manager, 403, "self_decision"),  # on the team
        (outsider, 404, "initiative_not_found"),  # not theirs to see before the showcase
        (p.asn_child, 404, "initiative_not_found"),
        (palu.admin, 404, "initiative_not_found"),
        (palu.manager, 404, "initiative_not_found"),
    ]
    for who, status, code in cases:
        response = await post(client, f"{INITIATIVES}/{iid}/review", as_(who), decision="approve")
        assert (response.status_code, response.json()["code"]) == (status, code), who
    for who, status in [(p.asn, 200), (p.admin, 200), (p.asn_child, 404), (outsider, 404), (palu.admin, 404)]:
        assert (await client.get(f"{INITIATIVES}/{iid}", headers=as_(who))).status_code == status, who
    listed = (await client.get(INITIATIVES, headers=as_(palu.admin))).json()["items"]
    assert listed == []
    assert (await post(client, f"{INITIATIVES}/{iid}/submit", as_(p.asn_child))).status_code == 404
    assert (await post(client, f"{INITIATIVES}/{iid}/review", as_(p.admin), decision="approve")).status_code == 200
    await post(client, f"{INITIATIVES}/{iid}/implementation", as_(p.asn), summary="Sudah berjalan sebulan.")
    shown = await post(client, f"{INITIATIVES}/{iid}/verify", as_(outsider), decision="verify", impact="unit")
    assert (shown.status_code, shown.json()["code"]) == (
        403,
        "decision_out_of_scope",
    )  # visible now, not theirs to decide


async def test_impact_above_the_unit_needs_a_decider_at_that_level(client, world, as_):
    p = world.pontianak
    seksi_head = await add_person("Kepala Seksi", p.child_unit, p.region_id, "manager;asn")
    iid = (await post(client, INITIATIVES, as_(p.asn_child), **draft(p.child_unit, []))).json()["id"]
    await post(client, f"{INITIATIVES}/{iid}/submit", as_(p.asn_child))
    await post(client, f"{INITIATIVES}/{iid}/review", as_(seksi_head), decision="approve")
    await post(client, f"{INITIATIVES}/{iid}/implementation", as_(p.asn_child), summary="Berjalan di seluruh seksi.")
    for who, impact, status in [
        (seksi_head, "agency", 403),  # heads a unit below the agency's top
        (p.manager, "region", 403),
        (p.admin, "national", 403),
        (p.manager, "galaksi", 422),
    ]:
        response = await post(client, f"{INITIATIVES}/{iid}/verify", as_(who), decision="verify", impact=impact)
        assert response.status_code == status, (who, impact, response.text)
    done = await post(client, f"{INITIATIVES}/{iid}/verify", as_(p.manager), decision="verify", impact="agency")
    assert done.status_code == 200 and done.json()["impact"] == "agency"
    xp = await XpEntry.select(XpEntry.xp).where(XpEntry.person == p.asn_child)
    assert [r["xp"] for r in xp] == [200]


async def test_replication_pays_the_team_once_per_replicating_unit(client, world, as_):
    p = world.pontianak
    verified = await make_verified(client, world, as_)
    path = f"{INITIATIVES}/{verified['id']}/replications"
    other_manager = await add_person("Manajer Pelayanan", p.other_unit, p.region_id, "manager;asn")
    first = await post(client, path, as_(other_manager), unit_id=p.other_unit, note="Dipakai di loket kami")
    assert first.status_code == 201 and first.json()["replications"] == 1
    again = await post(client, path, as_(other_manager), unit_id=p.other_unit)
    assert (again.status_code, again.json()["code"]) == (409, "replication_exists")
    palu_unit = await post(client, path, as_(world.palu.admin), unit_id=world.palu.head_unit)
    assert palu_unit.status_code == 201  # another region replicates it too
    own = await post(client, path, as_(p.manager), unit_id=p.child_unit)
    assert (own.status_code, own.json()["code"]) == (409, "replication_same_unit")
    stranger = await post(client, path, as_(p.asn), unit_id=p.head_unit)
    assert stranger.status_code == 403
    bonus = await XpEntry.select(XpEntry.xp).where(
        (XpEntry.person == p.asn) & (XpEntry.rule_code == "initiative_replicated")
    )
    assert [r["xp"] for r in bonus] == [50, 50]


async def test_a_team_member_records_no_replication_of_their_own_initiative(client, world, as_):
    p = world.pontianak
    verified = await make_verified(client, world, as_, team=[p.asn, p.manager, p.admin], verifier=world.superadmin)
    path = f"{INITIATIVES}/{verified['id']}/replications"
    for who, unit in ((p.manager, p.head_unit), (p.admin, p.other_unit), (p.admin, world.pontianak.head_unit)):
        response = await post(client, path, as_(who), unit_id=unit)
        assert (response.status_code, response.json()["code"]) == (403, "self_decision"), (who, unit)
    assert await Replication.count() == 0
    assert await XpEntry.count().where(XpEntry.rule_code == "initiative_replicated") == 0
    by_someone_else = await post(client, path, as_(world.palu.admin), unit_id=world.palu.head_unit)
    assert by_someone_else.status_code == 201 and by_someone_else.json()["replication_credited"] is True


async def test_a_unit_without_active_staff_records_no_replication(client, world, as_):
    p = world.pontianak
    verified = await make_verified(client, world, as_)
    path = f"{INITIATIVES}/{verified['id']}/replications"
    unit = {"agency_id": p.agency_id, "parent_id": p.head_unit, "name": "Seksi Kosong"}
    empty = (await client.post("/api/v1/admin/units", json=unit, headers=as_(p.admin))).json()["id"]
    refused = await post(client, path, as_(p.admin), unit_id=empty)
    assert (refused.status_code, refused.json()["code"]) == (409, "unit_has_no_staff")
    await add_person("Pegawai Pensiun", empty, p.region_id, active=False)
    still = await post(client, path, as_(p.admin), unit_id=empty)
    assert (still.status_code, still.json()["code"]) == (409, "unit_has_no_staff")
    assert await Replication.count() == 0
    await add_person("Pegawai Seksi", empty, p.region_id)
    staffed = await post(client, path, as_(p.admin), unit_id=empty)
    assert staffed.status_code == 201


async def staffed_units(world, count: int) -> list[int]:
    """New units of Palu's agency, one active ASN in each."""
    org, palu = OrganizationService(), world.palu
    units = []
    for n in range(count):
        unit = await org.create_unit(SYSTEM, palu.agency_id, palu.head_unit, f"Seksi Replikasi {n}")
        await add_person(f"ASN Seksi {n}", unit.id, palu.region_id)
        units.append(unit.id)
    return units


async def test_replication_credit_is_capped_per_initiative_per_local_calendar_month(client, world, as_):
    """Palu is WITA (UTC+8): its March begins at 16:00 UTC on the last day of February."""
    palu = world.palu
    verified = await make_verified(client, world, as_, region=palu)
    initiatives = Initiatives(wiring.tangkas().awarding, replication_credits_per_month=2)
    root = await load_actor(world.superadmin, token_epoch=0)
    end_of_february = dt.datetime(2026, 2, 28, 15, 59, 59, tzinfo=dt.timezone.utc)  # 23:59:59 in Palu
    moments = [
        end_of_february - dt.timedelta(days=20),
        end_of_february - dt.timedelta(hours=1),
        end_of_february,  # the third in Palu's February: recorded, not credited
        end_of_february + dt.timedelta(seconds=1),  # 00:00 on 1 March in Palu (still 28 February in UTC)
        end_of_february + dt.timedelta(days=1),
        end_of_february + dt.timedelta(days=2),  # the third in Palu's March
    ]
    units = await staffed_units(world, len(moments))
    answers = [
        await initiatives.replicate(root, verified["id"], unit, "Dipakai juga", now=moment)
        for unit, moment in zip(units, moments, strict=True)
    ]
    assert [a.replication_credited for a in answers] == [True, True, False, True, True, False]
    assert answers[-1].replications == 6  # every replication is recorded
    for member in (palu.asn_child, palu.asn):
        bonus = await XpEntry.select(XpEntry.xp).where(
            (XpEntry.person == member) & (XpEntry.rule_code == "initiative_replicated")
        )
        assert [r["xp"] for r in bonus] == [50, 50, 50, 50]
    rebuilt = await recalculate(follow=wiring.follow(), full=True)
    assert (rebuilt.entries_added, rebuilt.xp_added, rebuilt.drift_fixed) == (0, 0, 0)


async def test_the_replication_answer_says_whether_it_earned_the_team_xp(client, world, as_):
    verified = await make_verified(client, world, as_)
    answer = await post(
        client, f"{INITIATIVES}/{verified['id']}/replications", as_(world.palu.admin), unit_id=world.palu.head_unit
    )
    assert answer.json()["replication_credited"] is True
    shown = await client.get(f"{INITIATIVES}/{verified['id']}", headers=as_(world.palu.admin))
    assert shown.json()["replication_credited"] is None  # said by the replication's answer only


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"title": "ab"}, "initiative_title_length"),
        ({"problem": "pendek"}, "initiative_text_length"),
        ({"category": "sihir"}, "initiative_category_unknown"),
        ({"team": [999999]}, "initiative_team_unknown"),
        ({"unit_id": 999999}, "unit_unknown"),
    ],
)
async def test_bad_drafts_are_refused(client, world, as_, fields, code):
    p = world.pontianak
    response = await post(client, INITIATIVES, as_(p.asn), **draft(p.head_unit, []) | fields)
    assert (response.status_code, response.json()["code"]) == (422, code)


async def test_a_draft_in_another_region_or_with_its_staff_is_refused(client, world, as_):
    p, palu = world.pontianak, world.palu
    there = await post(client, INITIATIVES, as_(p.asn), **draft(palu.head_unit, []))
    assert (there.status_code, there.json()["code"]) == (403, "initiative_unit_outside_region")
    mixed = await post(client, INITIATIVES, as_(p.asn), **draft(p.head_unit, [palu.asn]))
    assert mixed.json()["code"] == "initiative_team_unknown"


async def test_a_resent_create_answers_the_first_draft_even_when_racing(client, world, as_):
    p = world.pontianak
    body = draft(p.head_unit, [p.asn_child], client_id="hp-draf-000001")
    first = await client.post(INITIATIVES, json=body, headers=as_(p.asn))
    assert first.status_code == 201, first.text
    again = await asyncio.gather(*[client.post(INITIATIVES, json=body, headers=as_(p.asn)) for _ in range(4)])
    assert {(r.status_code, r.json()["id"]) for r in again} == {(200, first.json()["id"])}
    racing = draft(p.head_unit, [], client_id="hp-draf-000002", title="Antrean daring puskesmas")
    raced = await asyncio.gather(*[client.post(INITIATIVES, json=racing, headers=as_(p.asn)) for _ in range(4)])
    assert sorted(r.status_code for r in raced) == [200, 200, 200, 201]
    assert len({r.json()["id"] for r in raced}) == 1
    assert await Initiative.count().where(Initiative.created_by == p.asn) == 2

    reused = await client.post(INITIATIVES, json=body | {"title": "Judul lain sama sekali"}, headers=as_(p.asn))
    assert (reused.status_code, reused.json()["code"]) == (409, "client_id_reused")
    # another person's drafts never collide with mine
    theirs = await client.post(INITIATIVES, json=body, headers=as_(p.asn_child))
    assert theirs.status_code == 201 and theirs.json()["id"] != first.json()["id"]
    bad = await client.post(INITIATIVES, json=body | {"client_id": "x"}, headers=as_(p.asn))
    assert bad.status_code == 422
