"""A partner's page lists the events its people ran (with how many earned their JP) and the
certificates it issued through its completion lists, as counts by title; a region's admin sees
what was done in their region only."""

from __future__ import annotations

import datetime as dt

from gamification.storage.tables import JpCredit, Person
from tests.certificates.helpers import today
from tests.events.test_events_api import HOUR, now, published, workshop
from tests.factories import add_person

ORGS = "/api/v1/partners"


async def nip_of(person_id: int) -> str:
    return (await Person.select(Person.nip).where(Person.id == person_id).first())["nip"]


def credit(person: int, event_id: int, reversal: bool = False) -> JpCredit:
    at = dt.datetime.now(dt.timezone.utc)
    return JpCredit(
        person=person,
        source_kind="workshop",
        source_id=event_id,
        title="Diklat",
        competency_type="teknis",
        jp_centi=-2000 if reversal else 2000,
        earned_at=at,
        year=at.year,
        reversal=reversal,
    )


async def test_the_page_lists_the_organisations_events_and_certificates(client, world, as_):
    p, palu = world.pontianak, world.palu
    made = await client.post(ORGS, json={"name": "BPSDM Kalbar", "kind": "government_training"}, headers=as_(p.admin))
    org = made.json()
    lecturer = await add_person("Widyaiswara BPSDM", None, None, "partner", email="wi@bpsdm.test")
    assert (await client.put(f"{ORGS}/{org['id']}/people/{lecturer}", headers=as_(p.admin))).status_code == 200

    event = await published(client, as_(lecturer), workshop(now() + 3 * HOUR, region_id=p.region_id, kind="diklat"))
    await published(client, as_(p.admin), workshop(now() + 3 * HOUR, title="Diklat BKPSDM"))  # not the partner's
    # two earned the event's JP, one had it taken back
    await JpCredit.insert(credit(p.asn, event["id"]), credit(p.asn_child, event["id"]))
    await JpCredit.insert(credit(p.asn_child, event["id"], reversal=True))

    day = today().isoformat()
    lines = [
        "nip;title;issuer;number;completed_on;jp;competency_type",
        f"{await nip_of(p.asn)};Pelatihan Dasar CPNS;BPSDM Kalbar;LATSAR/01;{day};40;manajerial",
        f"{await nip_of(p.asn_child)};Pelatihan Dasar CPNS;BPSDM Kalbar;LATSAR/02;{day};38,5;manajerial",
        f"{await nip_of(p.manager)};Pelatihan Kepemimpinan;BPSDM Kalbar;PKA/01;{day};30;manajerial",
    ]
    files = {"file": ("lulusan.csv", ("\n".join(lines) + "\n").encode(), "text/csv")}
    imported = await client.post(
        "/api/v1/admin/certificates/import", params={"partner_org_id": org["id"]}, files=files, headers=as_(p.admin)
    )
    assert imported.json()["imported"] == 3, imported.text

    refused = await client.get(f"{ORGS}/{org['id']}", headers=as_(palu.admin))
    assert (refused.status_code, refused.json()["code"]) == (404, "partner_org_not_found")
    admitted = await client.put(
        f"/api/v1/admin/regions/{palu.region_id}/partner-orgs/{org['id']}", headers=as_(palu.admin)
    )
    assert admitted.status_code == 200, admitted.text
    in_palu = await published(client, as_(lecturer), workshop(now() + 3 * HOUR, region_id=palu.region_id))

    certificates = [
        {"title": "Pelatihan Dasar CPNS", "issued": 2, "jp": 78.5},
        {"title": "Pelatihan Kepemimpinan", "issued": 1, "jp": 30.0},
    ]
    for viewer, events, issued in (
        (lecturer, [(event["id"], 1), (in_palu["id"], 0)], certificates),
        (p.admin, [(event["id"], 1)], certificates),
        (palu.admin, [(in_palu["id"], 0)], []),
    ):
        page = (await client.get(f"{ORGS}/{org['id']}", headers=as_(viewer))).json()
        assert sorted((e["id"], e["credited"]) for e in page["events"]) == events
        assert page["certificates"] == issued
    page = (await client.get(f"{ORGS}/{org['id']}", headers=as_(p.admin))).json()
    assert [(e["kind"], e["status"]) for e in page["events"]] == [("diklat", "published")]
